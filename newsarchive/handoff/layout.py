"""Names inside a pack, and how to tell what a member is from its path."""

from __future__ import annotations

import re
from datetime import date

MANIFEST_NAME = "manifest.json"
SCHEMA_NAME = "schema.json"
DATASHEET_NAME = "DATASHEET.md"
DATA_DIR = "data"
INDEX_DIR = "index"
RAW_DIR = "raw"
MANIFEST_VERSION = 1
#: Hex digits of SHA-256 kept per line in ``index/<source>/<day>.lines``.
LINE_HASH_HEX = 16

_DATA_RE = re.compile(r"^data/([^/]+)/([^/]+?)\.jsonl(\.gz)?$")
_INDEX_RE = re.compile(r"^index/([^/]+)/([^/]+?)\.lines$")
RAW_NAME_RE = re.compile(r"^raw/[^/]+\.warc\.gz$")


def data_path(source: str, day: str, compressed: bool) -> str:
    return f"{DATA_DIR}/{source}/{day}.jsonl" + (".gz" if compressed else "")


def index_path(source: str, day: str) -> str:
    return f"{INDEX_DIR}/{source}/{day}.lines"


def parse_data_path(name: str) -> tuple[str, str, bool] | None:
    """(source, day, gzip) of ``data/<source>/<day>.jsonl[.gz]``, else None."""
    match = _DATA_RE.match(name)
    return (match.group(1), match.group(2), bool(match.group(3))) if match else None


def parse_index_path(name: str) -> tuple[str, str] | None:
    match = _INDEX_RE.match(name)
    return (match.group(1), match.group(2)) if match else None


def parse_day(text: str) -> date | None:
    """A ``YYYY-MM-DD`` file stem as a date, else None."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
