"""The core model: source text and positions, the finding record, documents, the rule
registry, the engine of a run and the outcomes of checks."""
