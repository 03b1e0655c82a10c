"""What the archive already holds: ids, URL keys, story fingerprints, paragraph counts.

The dedupe pipeline asks, the archive writer commits. ``DedupeState`` is the
interface; ``SqliteDedupeState`` keeps it in ``ARCHIVE_DIR/.state/state.sqlite``
(one SQLite database, WAL journal, one connection per process; tables in
``newsarchive.store.statedb``), so lookups are indexed on disk and opening it
loads nothing in proportion to the archive: a crawl starts as fast, and as
small, against a million records as against none.

Crash and concurrency rules:

- the archive's day files are the truth; the database is derived from them
  and from ``.state/notes.jsonl`` (what a line does not say: URL aliases, the
  paragraphs counted for learned boilerplate; ``newsarchive.store.notes``).
  It is rebuilt from them when it is missing, or of another schema or
  fingerprint scheme;
- a commit is one transaction that holds the database's write lock from its
  start (BEGIN IMMEDIATE): it checks that the article is not archived, appends
  its note if it needs one, writes the record line (one ``write``), adds the
  line's rows and commits. So two processes never write one article twice;
- a crash (SIGKILL, power loss) after the line write and before the commit
  leaves a line the state does not know. The state keeps each day file's
  indexed length (a commit advances it only when its line follows what is
  known), and every open indexes what lies past it (``newsarchive.store.rebuild``),
  with the crawl's ``NearPolicy``, the crashed commit's note for its aliases,
  streamed and batched (a crawl already running learns of such a line at its
  own next open). A partial last line is moved to ``.state/quarantine/``;
- URL aliases survive that crash because their note is written *before* the
  line, to a journal a transaction cannot roll back; rows written ahead in
  the database, marked incomplete until the line is written, would survive
  the crash too, but not the loss of the database, and would need a cleanup
  for lines never written. The journal serves both, and a note whose line
  was never written is never read;
- an open holds ``.state/lock`` while it catches up, so processes starting
  together index a gap once; the catch-up commits every few thousand records,
  so running crawls go on committing meanwhile (a line both see is indexed
  once: by id and version).

Archives of the previous, file-backed state (``.state/index.jsonl``, every
record's index line loaded into memory at start) are migrated by a rebuild
from their day files: the index is read only for what the lines do not say
(aliases, counted paragraphs), kept in ``notes.jsonl``, then renamed
``index.jsonl.migrated``. Importing it instead would save fingerprinting once,
but keep a second way in: its oldest lines have no MinHash signature at all,
and the day files are what every other rebuild reads.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

import numpy as np
from scrapy.utils.misc import load_object

from newsarchive.extract.dates import parse_machine_date
from newsarchive.record.format import to_line
from newsarchive.store import rebuild, statedb
from newsarchive.store.notes import Notes, note_for
from newsarchive.store.paragraphs import ParagraphCounts
from newsarchive.text import fingerprint
from newsarchive.text.fingerprint import Fingerprint, NearPolicy
from newsarchive.text.learned import BoilerplateRule, paragraph_keys

logger = logging.getLogger(__name__)


class ClaimHeld(Exception):
    """Another process is writing this article (a shared state's claim): try the commit again
    after ``wait`` seconds, when it has been written (then the commit says so) or the claim expired."""

    def __init__(self, message: str, wait: float):
        super().__init__(message)
        self.wait = wait


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    source: str


class DedupeState(Protocol):
    """The archive's memory, key-value shaped so another store can hold it:
    URL key → id, exact fingerprint → story, near (band) key → stories,
    story → signature, source → paragraph counts. A backend is built with the
    crawl's ``policy`` (``NearPolicy``); near candidates are confirmed with
    ``policy.same_story``.
    """

    policy: NearPolicy
    #: Learned boilerplate: ``paragraphs.learned(source)`` is the source's now.
    paragraphs: ParagraphCounts

    def knows(self, record_id: str, url_keys: list[str]) -> bool:
        """Is this id, or any of these URL keys, archived?"""

    def knows_url(self, url_key: str) -> bool: ...

    def held(self, url_key: str) -> tuple[str, str | None, int] | None:
        """(id, lastmod, version) of the archived article at this URL, if any."""

    def latest_version(self, record_id: str) -> tuple[int, str] | None:
        """(version, exact fingerprint) of the id's latest archived line."""

    def find_story(self, fp: Fingerprint, source: str | None = None) -> Story | None:
        """An archived story with this text: same exact fingerprint, or a
        shared band key and a confirmed signature. One from ``source`` when
        there is one (the caller drops the item); else the exact match, else
        the most similar (ties: the earliest archived)."""

    def commit(self, record: dict, url_keys: list[str], fp: Fingerprint,
               write: Callable[[dict], tuple[str, int]], paragraphs: Iterable[str] = ()) -> bool:
        """Write the record (``write`` appends ``to_line(record)``, returns file and
        end offset) and remember keys, fingerprint and the body's paragraph keys
        (learned boilerplate, ``paragraphs``), unless another process archived
        it meanwhile (then False, nothing written)."""

    def archived_record(self, record_id: str) -> dict | None:
        """The latest archived line of this id, as written."""

    @property
    def records_by_source(self) -> Mapping[str, int]:
        """Archived records (distinct ids) per source."""

    def close(self) -> None: ...


def url_keys(url: str, aliases: Iterable[str] = ()) -> list[str]:
    """The URL keys of an article: its URL's and its aliases' (live path and recovery)."""
    from newsarchive.record.urls import url_key

    return sorted({url_key(url)} | {url_key(a) for a in aliases or ()})


class SqliteDedupeState:
    FILE = "state.sqlite"

    def __init__(self, archive_dir: Path, *, policy: NearPolicy | None = None, stats=None,
                 boilerplate: BoilerplateRule | None = None):
        self.archive_dir = Path(archive_dir)
        self.dir = self.archive_dir / ".state"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / self.FILE
        self.policy = policy or NearPolicy()
        self.stats = stats
        self.notes = Notes(self.dir)
        self._closed_counts: dict[str, int] | None = None
        self._lock_fd = os.open(self.dir / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        with self._opening():
            self.db = self._connect()
            self.paragraphs = ParagraphCounts(self.db, boilerplate)
            rebuild.CatchUp(self).run()
            if self.policy.lsh not in self.splits():
                rebuild.reband(self, self.policy.lsh)
            if not statedb.has_lookup_indexes(self.db):
                logger.info("dedupe state: creating the lookup indexes")
                statedb.create_lookup_indexes(self.db)
            self.fresh = False
        counts = self.records_by_source
        logger.info("dedupe state: %s, %d record(s) of %d source(s)", self.path,
                    sum(counts.values()), len(counts))

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(Path(settings.get("ARCHIVE_DIR", ARCHIVE_DIR)), policy=NearPolicy.from_settings(settings),
                   stats=crawler.stats, boilerplate=BoilerplateRule.from_settings(settings))

    # -- interface -------------------------------------------------------------
    def knows(self, record_id: str, url_keys: list[str]) -> bool:
        if self.db.execute("SELECT 1 FROM records WHERE id = ? LIMIT 1", (record_id,)).fetchone():
            return True
        keys = list(url_keys)
        return bool(keys) and self.db.execute(
            f"SELECT 1 FROM keys WHERE key IN ({_marks(keys)}) LIMIT 1", keys).fetchone() is not None

    def knows_url(self, url_key: str) -> bool:
        return self.db.execute("SELECT 1 FROM keys WHERE key = ?", (url_key,)).fetchone() is not None

    def held(self, url_key: str) -> tuple[str, str | None, int] | None:
        """(id, lastmod, version) of the archived article at this URL, if any."""
        row = self.db.execute(
            "SELECT r.id, r.lastmod, r.version FROM keys AS k JOIN records AS r ON r.id = k.id "
            "WHERE k.key = ? ORDER BY r.version DESC LIMIT 1", (url_key,)).fetchone()
        return tuple(row) if row else None

    def outdated(self, url_key: str, lastmod) -> dict | None:
        """The archived version at this URL when a listing's ``lastmod`` (a ParsedDate) is newer.

        ``{"id", "version", "lastmod"}`` for ``-a refresh=1``; a date-only
        lastmod, or one not newer than the archived record's, is no reason.
        """
        held = self.held(url_key)
        if not held or lastmod is None or lastmod.date_only:
            return None
        record_id, archived, version = held
        archived_date = parse_machine_date(archived) if archived else None
        if archived_date is not None and lastmod.value <= archived_date.value:
            return None
        return {"id": record_id, "version": version, "lastmod": lastmod.iso()}

    def latest_version(self, record_id: str) -> tuple[int, str] | None:
        row = self._latest(record_id, "version, exact")
        return (row[0], row[1]) if row else None

    def archived_record(self, record_id: str) -> dict | None:
        row = self._latest(record_id, "file, end")
        if not row or not row[0]:
            return None
        rel, end = row
        try:
            with open(self.archive_dir / rel, "rb") as fh:
                fh.seek(max(0, end - _MAX_LINE))
                chunk = fh.read(end - fh.tell())
        except OSError:
            return None
        line = chunk[chunk.rfind(b"\n", 0, len(chunk) - 1) + 1:]
        try:
            record = json.loads(line)
        except ValueError:
            return None
        return record if record.get("id") == record_id else None


    def find_story(self, fp: Fingerprint, source: str | None = None) -> Story | None:
        # Among equals, the earliest archived: by the lines' crawled_at, which a rebuild reads
        # back from the day files as they were, then the order the state learnt them in.
        exact = [Story(i, s) for i, s in self.db.execute(
            "SELECT id, source FROM records WHERE exact = ? ORDER BY coalesce(crawled, ''), n", (fp.exact,))]
        for story in exact:
            if story.source == source:
                return story
        near: list[tuple] = []  # (-agreeing positions, crawled_at, number, story)
        if fp.signature is not None and fp.near_keys:
            bands = [statedb.band_int(k) for k in fp.near_keys]
            rows = self.db.execute(
                f"SELECT n, id, source, coalesce(crawled, ''), sig FROM records WHERE n IN "
                f"(SELECT n FROM bands WHERE band IN ({_marks(bands)})) AND sig IS NOT NULL", bands).fetchall()
            if rows:
                sigs = np.frombuffer(b"".join(r[4] for r in rows), np.uint8).reshape(len(rows), -1)
                agree = np.count_nonzero(sigs == np.frombuffer(fp.signature, np.uint8), axis=1).tolist()
                near = sorted((-a, crawled, n, Story(i, s)) for a, (n, i, s, crawled, _) in zip(agree, rows)
                              if a >= self.policy.min_agree)
            for *_, story in near:
                if story.source == source:
                    return story
        if exact:
            return exact[0]
        return near[0][-1] if near else None

    def commit(self, record, url_keys, fp, write, paragraphs=(), body_paragraphs=None) -> bool:
        """Write record unless another process archived it meanwhile.

        ``paragraphs``: the keys counted for learned boilerplate (of the body
        before it came out); ``body_paragraphs``: the counted keys of the body
        as written, when the caller has them already."""
        version = int(record.get("version") or 1)
        counted = [k for k in paragraphs if k]
        with statedb.immediate(self.db):
            if version == 1 and self.knows(record["id"], url_keys):
                return False
            latest = self.latest_version(record["id"])
            if version > 1 and latest is not None and latest[0] >= version:
                return False
            body_keys = body_paragraphs if body_paragraphs is not None else \
                [k for k in paragraph_keys(record.get("body") or "") if k]
            note = note_for(record, list(url_keys), _own_keys(record), counted, body_keys)
            if note is not None:
                self.notes.append([note])
            relpath, end = write(record)
            bands = []
            if fp.signature is not None:
                for split in self.splits():
                    keys = fp.near_keys if split == self.policy.lsh else \
                        fingerprint.band_keys(fp.signature, *fingerprint.split_of(split))
                    bands.extend(statedb.band_int(k) for k in keys)
            self.remember([statedb.Line(
                record["id"], version, record["source"], relpath, end,
                record.get("modified_at") or record.get("published_at"), fp.exact, fp.signature, bands,
                list(url_keys), counted, record.get("crawled_at"), new=latest is None)])
            self._advance(relpath, end - len(to_line(record)), end)
            return True

    @property
    def records_by_source(self) -> Mapping[str, int]:
        """Archived records (distinct ids) per source; as they were at ``close``, after it."""
        if self._closed_counts is not None:
            return self._closed_counts
        return _SourceCounts(self.db)

    def close(self) -> None:
        if self._lock_fd is None:
            return
        self._closed_counts = dict(_SourceCounts(self.db))
        self.db.close()
        os.close(self._lock_fd)
        self._lock_fd = None

    # -- what the catch-up shares -------------------------------------------------
    def remember(self, lines: list[statedb.Line]) -> None:
        """Add archived lines' rows (in the caller's transaction, which holds the write
        lock: numbers follow the largest). A ``new`` id is counted for its source, its
        paragraphs for learned boilerplate."""
        (last,) = self.db.execute("SELECT coalesce(max(n), 0) FROM records").fetchone()
        numbered = list(enumerate(lines, last + 1))
        self.db.executemany(
            "INSERT INTO records (n, id, version, source, file, end, lastmod, exact, sig, crawled) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(n, x.id, x.version, x.source, x.file, x.end, x.lastmod, x.exact, x.signature, x.crawled)
             for n, x in numbered])
        self.db.executemany("INSERT INTO bands (band, n) VALUES (?, ?)",
                            [(b, n) for n, x in numbered for b in x.bands])
        self.db.executemany("INSERT OR IGNORE INTO keys (key, id) VALUES (?, ?)",
                            [(k, x.id) for x in lines for k in x.keys])
        self.paragraphs.add_many((x.source, x.paras) for x in lines if x.new)

    def splits(self) -> list[str]:
        """The band splits whose keys ``bands`` holds for every signature."""
        value = statedb.get_meta(self.db, "splits", "")
        return [s for s in value.split(",") if s]

    def inc_stat(self, name: str, count: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(name, count)

    # -- internals -------------------------------------------------------------
    @contextmanager
    def _opening(self):
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            logger.info("dedupe state: another process is bringing %s up to date; waiting for it", self.path)
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _connect(self):
        db = statedb.connect(self.path)
        schema = statedb.get_meta(db, "schema") if _has_meta(db) else None
        scheme = statedb.get_meta(db, "scheme") if schema else None
        if schema is not None and (schema != str(statedb.SCHEMA_VERSION) or scheme != fingerprint.SCHEME):
            logger.warning("dedupe state %s is of another version (schema %s, %s): rebuilding it from "
                           "the day files", self.path, schema, scheme)
            db.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            db = statedb.connect(self.path)
            schema = None
        self.fresh = schema is None
        if self.fresh:
            with statedb.immediate(db):
                statedb.create_tables(db, lookups=False)  # those come after the rebuild
                statedb.set_meta(db, "scheme", fingerprint.SCHEME)
                statedb.set_meta(db, "splits", statedb.get_meta(db, "splits") or self.policy.lsh)
                statedb.set_meta(db, "schema", statedb.SCHEMA_VERSION)
        return db

    def _latest(self, record_id: str, columns: str):
        return self.db.execute(f"SELECT {columns} FROM records WHERE id = ? ORDER BY version DESC LIMIT 1",
                               (record_id,)).fetchone()

    def _advance(self, relpath: str, start: int, end: int) -> None:
        """The file is indexed up to ``end`` when this line follows what was (else an
        open reads from where it was: a line before this one is not indexed yet)."""
        if start == 0:
            self.db.execute("INSERT INTO files (path, end) VALUES (?, ?) ON CONFLICT (path) "
                            "DO UPDATE SET end = excluded.end WHERE files.end = 0", (relpath, end))
        else:
            self.db.execute("UPDATE files SET end = ? WHERE path = ? AND end = ?", (end, relpath, start))


class _SourceCounts(Mapping):
    """source → archived records, read from the ``sources`` table when asked."""

    def __init__(self, db):
        self.db = db

    def __getitem__(self, source: str) -> int:
        row = self.db.execute("SELECT records FROM sources WHERE source = ?", (source,)).fetchone()
        return row[0] if row else 0

    def __iter__(self) -> Iterator[str]:
        return iter([s for (s,) in self.db.execute("SELECT source FROM sources WHERE records > 0")])

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM sources WHERE records > 0").fetchone()[0]


def _own_keys(record: dict) -> list[str]:
    return url_keys(record.get("url") or "")


def _marks(values) -> str:
    return ", ".join("?" * len(values))


def _has_meta(db) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone() is not None


#: Longest record line read back (NEWS_MAX_BODY_CHARS of Arabic in UTF-8, with room for the rest).
_MAX_LINE = 1 << 20

#: Default of the setting of the same name: the folder that is the whole archive.
ARCHIVE_DIR = "output"


#: Default of the setting of the same name: the ``DedupeState`` class a crawl uses (built with
#: ``from_crawler``); ``crawler.distributed`` sets its Redis-backed one when ``REDIS_URL`` is set.
NEWS_DEDUPE_STATE = "newsarchive.store.state.SqliteDedupeState"


def state_for(crawler) -> DedupeState:
    """The crawl's one dedupe state, shared by the dedupe and archive pipelines and the URL gate."""
    state = getattr(crawler, "_news_dedupe_state", None)
    if state is None:
        state_cls = load_object(crawler.settings.get("NEWS_DEDUPE_STATE") or NEWS_DEDUPE_STATE)
        state = crawler._news_dedupe_state = state_cls.from_crawler(crawler)
    return state
