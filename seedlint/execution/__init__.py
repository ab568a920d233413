"""Running the checks: worker pool, result cache, per-file time budget, shards."""
