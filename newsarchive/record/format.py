"""The archived record (schema version 1): field order, line format, file of a record.

One place decides what a line looks like and which file it belongs to, so the
writer, the feed exporter, the dedupe state's crash recovery and the tests
cannot disagree. Plain Python: the Scrapy item is ``newsarchive.record.item``.
"""

from __future__ import annotations

import json
from importlib import resources
from datetime import date, datetime, timezone
from pathlib import Path

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("record.schema.json")
FIELDS = (
    "id", "source", "url", "title", "body", "related", "published_at", "modified_at",
    "authors", "section", "tags", "language", "crawled_at", "schema_version", "duplicate_of",
    "version", "warc",
)


class UnsafePathError(ValueError):
    """A source or day that would put a file outside the archive."""


def to_line(record: dict) -> bytes:
    """One JSON line, UTF-8 as UTF-8 (no ``\\u`` escapes), fields in schema order."""
    ordered = {name: record.get(name) for name in FIELDS}
    ordered["schema_version"] = SCHEMA_VERSION
    return (json.dumps(ordered, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def utc_instant(value) -> datetime | None:
    """An ISO 8601 timestamp of a record as an aware UTC datetime (naive = UTC), else None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def archive_day(record: dict) -> date:
    """The UTC day of ``published_at``, else of ``crawled_at``.

    Date-only publications are stored at midnight UTC, so their UTC day is the
    printed calendar day and never shifts.
    """
    moment = utc_instant(record.get("published_at")) or utc_instant(record.get("crawled_at"))
    return (moment or datetime.now(timezone.utc)).date()


def day_file(archive_dir: Path, source: str, day: date) -> Path:
    """``<archive>/<source>/<YYYY-MM-DD>.jsonl``, refusing anything that escapes the archive."""
    if not source or source != Path(source).name or source.startswith("."):
        raise UnsafePathError(f"unsafe source name {source!r}")
    if not isinstance(day, date):
        raise UnsafePathError(f"not a date: {day!r}")
    root = archive_dir.resolve()
    path = (root / source / f"{day.isoformat()}.jsonl").resolve()
    if not path.is_relative_to(root) or path.parent.parent != root:
        raise UnsafePathError(f"{path} is outside the archive {root}")
    return path


def public(item) -> dict:
    """The record as a plain dict in schema order, from a ``NewsRecord`` or any mapping.

    Only the schema's fields are taken, so whatever else a mapping holds never
    reaches a line or the schema check.
    """
    return {name: item.get(name) for name in FIELDS}


def schema_bytes() -> bytes:
    """The record schema file, read through the package (works from a zipped egg, as Scrapyd runs it)."""
    return resources.files("newsarchive.record").joinpath(SCHEMA_PATH.name).read_bytes()


def load_schema() -> dict:
    return json.loads(schema_bytes().decode("utf-8"))
