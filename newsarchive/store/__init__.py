"""The archive on disk: dedupe state, day-file inventory, job reports and per-source history."""
