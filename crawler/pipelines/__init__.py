"""Item pipelines, in order: clean → learned boilerplate → validate → dedupe → archive."""
