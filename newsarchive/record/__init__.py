"""The record: its schema and field order, its line format, ids and URL identity, time helpers."""
