"""The pipeline stages: discover, classify, parse, per-file checks, corpus rules, suppressions,
baseline, and the run that drives them."""
