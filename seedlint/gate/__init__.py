"""The contribution gate: git, base revisions, the protected region, line diffs, the gate stage."""
