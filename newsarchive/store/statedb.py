"""The dedupe state's SQLite database: its tables, its one connection, its transactions.

Everything is on disk and indexed, so a lookup is a few B-tree pages however
large the archive is, and opening the state loads nothing in proportion to it.

- ``records``: one row per archived line (an article's version): id, version,
  source, day file and the offset its line ends at, lastmod, exact
  fingerprint, MinHash signature (NULL for bodies too short for near
  matching), ``crawled_at``. ``n`` numbers the lines in the order the state
  learnt them (commit order, or day-file order after a rebuild); "earliest
  archived" is the line's own ``crawled_at`` first, the same either way.
- ``keys``: URL key → id (the article's URL's key and its aliases').
- ``bands``: LSH band key → line number, for every band split listed in
  ``meta.splits`` (keys of different splits never meet: each band key is a
  48-bit hash salted with its band's number, and every candidate is confirmed
  by its signature).
- ``sources``: per source, records (distinct ids) and paragraph keys held;
  ``paragraphs``: per source and paragraph key, the articles it appeared in
  (learned boilerplate, ``newsarchive.store.paragraphs``).
- ``files``: per day file, the bytes of it the state has indexed: what an
  open reads past that is new to the state (a crash gap, or a lost state).
- ``meta``: schema version, fingerprint scheme, band splits, notes offset.

The connection runs in autocommit mode; writes are grouped in ``immediate``
transactions: BEGIN IMMEDIATE takes the database's write lock before the
first read, so a check ("archived already?") and the writes that depend on it
cannot interleave with another process's. WAL journal: readers never wait for
the writer; ``busy_timeout``: a writer waits for another's commit instead of
failing. ``synchronous=NORMAL``: a power loss may lose the last commits, never
the database; the day files are the truth, and the state catches up on them.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

#: Bump when the tables change: a state of another version is rebuilt from the day files.
SCHEMA_VERSION = 1
#: Seconds a process waits for another's write lock (a rebuild commits every BATCH records).
BUSY_TIMEOUT = 120.0

TABLES = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, end INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS records (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    source TEXT NOT NULL,
    file TEXT,
    end INTEGER,
    lastmod TEXT,
    exact TEXT NOT NULL,
    sig BLOB,
    crawled TEXT
);
CREATE INDEX IF NOT EXISTS records_id ON records (id, version);
CREATE TABLE IF NOT EXISTS keys (key TEXT PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bands (band INTEGER NOT NULL, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY,
    records INTEGER NOT NULL DEFAULT 0,
    para_keys INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS paragraphs (
    source TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (source, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS paragraphs_n ON paragraphs (source, n);
"""

#: Indexes only lookups need, not the indexing of day files: a rebuild creates them
#: once at its end (one sort) instead of inserting 31 band keys a record into a B-tree.
LOOKUP_INDEXES = """
CREATE INDEX IF NOT EXISTS records_exact ON records (exact);
CREATE INDEX IF NOT EXISTS bands_band ON bands (band, n);
"""

@dataclass(slots=True)
class Line:
    """One archived line, as its rows in ``records``, ``keys``, ``bands`` (and, for
    an id the state did not hold, ``sources`` and ``paragraphs``) say it."""

    id: str
    version: int
    source: str
    file: str
    end: int
    lastmod: str | None
    exact: str
    signature: bytes | None
    #: Band keys (``band_int``) under every split the state keeps.
    bands: list[int]
    #: URL keys: the URL's own and its aliases'.
    keys: list[str]
    #: Paragraph keys counted for learned boilerplate.
    paras: list[str]
    #: The record's ``crawled_at``: "earliest archived" among equals.
    crawled: str | None = None
    #: The first line of its id: counted for its source.
    new: bool = field(default=True)


#: Bytes the WAL file is cut back to after a checkpoint.
WAL_LIMIT = 64 << 20

#: Page cache while many records are indexed (KiB; the default is 2 MiB).
BULK_CACHE_KIB = 131072


def connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
    db.execute(f"PRAGMA journal_size_limit={WAL_LIMIT}")  # a rebuild's WAL is cut back after it
    return db


def create_tables(db: sqlite3.Connection, *, lookups: bool) -> None:
    _run(db, TABLES + (LOOKUP_INDEXES if lookups else ""))


def create_lookup_indexes(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA threads=4")  # the sorter's helper threads
    with immediate(db):
        _run(db, LOOKUP_INDEXES)


def _run(db: sqlite3.Connection, script: str) -> None:
    """The statements one by one (``executescript`` would commit the caller's transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def has_lookup_indexes(db: sqlite3.Connection) -> bool:
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    return {"records_exact", "bands_band"} <= names


@contextmanager
def immediate(db: sqlite3.Connection):
    """A write transaction that holds the write lock from its first statement."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


@contextmanager
def bulk_cache(db: sqlite3.Connection):
    """A larger page cache while many records are indexed, given back afterwards."""
    (before,) = db.execute("PRAGMA cache_size").fetchone()
    db.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size={before}")
        db.execute("PRAGMA shrink_memory")


def get_meta(db: sqlite3.Connection, name: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return row[0] if row else default


def set_meta(db: sqlite3.Connection, name: str, value) -> None:
    db.execute("INSERT INTO meta (name, value) VALUES (?, ?) "
               "ON CONFLICT (name) DO UPDATE SET value = excluded.value", (name, str(value)))


def band_int(key: str) -> int:
    """A 12-hex-digit band key as a signed integer: 6 bytes in SQLite's record format."""
    return int(key, 16) - (1 << 47)
