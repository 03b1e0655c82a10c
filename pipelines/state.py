"""What the archive already holds: ids, URL keys and story fingerprints.

The dedupe pipeline asks, the archive writer commits. ``DedupeState`` is the
small interface a shared backend (Redis, for crawls spread over hosts) will
implement later; ``FileDedupeState`` keeps it under ``ARCHIVE_DIR/.state``.

Crash and concurrency rules of the file backend:
- the archive's JSONL files are the truth, ``index.jsonl`` a derived log;
- every commit holds an exclusive ``flock`` and first reads what other
  processes appended to the index, so two crawls never write one article twice;
- a record line is written (one ``write``) before its index line; on open,
  archive files longer than the index knows are re-read and indexed, and a
  trailing partial line (power loss, full disk) is moved to ``.state/quarantine``.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from pipelines import fingerprint
from pipelines.inventory import day_files

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Story:
    id: str
    source: str


class DedupeState(Protocol):
    def knows(self, record_id: str, url_keys: list[str]) -> bool: ...
    def find_story(self, exact: str, simhash: int | None) -> Story | None: ...
    def commit(self, record: dict, url_keys: list[str], exact: str, simhash: int | None,
               write: Callable[[dict], tuple[str, int]]) -> bool: ...
    def close(self) -> None: ...


class FileDedupeState:
    INDEX = "index.jsonl"

    def __init__(self, archive_dir: Path, *, max_distance: int = 3, stats=None):
        self.archive_dir = Path(archive_dir)
        self.dir = self.archive_dir / ".state"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.index_path = self.dir / self.INDEX
        self.max_distance = max_distance
        self.stats = stats
        self.ids: set[str] = set()
        self.keys: set[str] = set()
        self.exact: dict[str, Story] = {}
        self.near = fingerprint.SimhashIndex()
        #: URL key → (id, lastmod ISO or None, version) of the archived article.
        self.by_key: dict[str, tuple[str, str | None, int]] = {}
        #: id → (version, exact fingerprint) of its latest archived line.
        self.latest: dict[str, tuple[int, str]] = {}
        #: source → number of archived records (ids), for "no articles ever" checks.
        self.records_by_source: Counter[str] = Counter()
        self._offset = 0
        self._ends: dict[str, int] = {}
        self._lock_fd = os.open(self.dir / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        with self._locked():
            self._catch_up()
            self._recover()

    # -- interface -------------------------------------------------------------
    def knows(self, record_id: str, url_keys: list[str]) -> bool:
        return record_id in self.ids or any(k in self.keys for k in url_keys)

    def knows_url(self, url_key: str) -> bool:
        return url_key in self.keys

    def held(self, url_key: str) -> tuple[str, str | None, int] | None:
        """(id, lastmod, version) of the archived article at this URL, if any."""
        return self.by_key.get(url_key)

    def latest_version(self, record_id: str) -> tuple[int, str] | None:
        return self.latest.get(record_id)

    def find_story(self, exact: str, simhash: int | None) -> Story | None:
        story = self.exact.get(exact)
        if story is None and simhash is not None:
            story = self.near.find(simhash, self.max_distance)
        return story

    def commit(self, record, url_keys, exact, simhash, write) -> bool:
        """Write record unless another process archived it meanwhile."""
        version = record.get("version") or 1
        with self._locked():
            self._catch_up()
            if version == 1 and self.knows(record["id"], url_keys):
                return False
            if version > 1 and self.latest.get(record["id"], (0, ""))[0] >= version:
                return False
            relpath, end = write(record)
            self._append_index({
                "id": record["id"], "source": record["source"], "keys": url_keys,
                "exact": exact, "simhash": simhash, "file": relpath, "end": end,
                "lastmod": record.get("modified_at") or record.get("published_at"),
                "version": version,
            })
            return True

    def close(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    # -- internals -------------------------------------------------------------
    @contextmanager
    def _locked(self):
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _remember(self, entry: dict) -> None:
        if entry["id"] not in self.ids:
            self.records_by_source[entry["source"]] += 1
        self.ids.add(entry["id"])
        self.keys.update(entry.get("keys") or ())
        version = int(entry.get("version") or 1)
        if version >= self.latest.get(entry["id"], (0, ""))[0]:
            self.latest[entry["id"]] = (version, entry.get("exact") or "")
            for key in entry.get("keys") or ():
                self.by_key[key] = (entry["id"], entry.get("lastmod"), version)
        story = Story(entry["id"], entry["source"])
        if entry.get("exact"):
            self.exact.setdefault(entry["exact"], story)
        if entry.get("simhash") is not None:
            self.near.add(int(entry["simhash"]), story)
        if entry.get("file"):
            self._ends[entry["file"]] = max(self._ends.get(entry["file"], 0), int(entry.get("end", 0)))

    def _append_index(self, entry: dict) -> None:
        line = (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        fd = os.open(self.index_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            write_all(fd, line)
        finally:
            os.close(fd)
        self._remember(entry)
        self._offset += len(line)

    def _catch_up(self) -> None:
        """Read index lines other processes appended since we last looked."""
        try:
            size = self.index_path.stat().st_size
        except FileNotFoundError:
            return
        if size <= self._offset:
            return
        with open(self.index_path, "rb") as fh:
            fh.seek(self._offset)
            chunk = fh.read(size - self._offset)
        complete = chunk[: chunk.rfind(b"\n") + 1]
        for raw in complete.splitlines():
            try:
                self._remember(json.loads(raw))
            except (ValueError, KeyError, TypeError):
                logger.warning("skipping a damaged line of %s", self.index_path)
        self._offset += len(complete)
        if len(complete) < len(chunk):
            # A torn index line can only come from a crash (appends hold the
            # lock we hold now); drop it, _recover re-indexes its record.
            os.truncate(self.index_path, self._offset)

    def _recover(self) -> None:
        """Index archive lines that were written but never indexed (crash gap)."""
        for path in day_files(self.archive_dir):
            rel = path.relative_to(self.archive_dir).as_posix()
            known_end = self._ends.get(rel, 0)
            size = path.stat().st_size
            if size == known_end:
                continue
            if size < known_end:
                logger.warning("%s is shorter than the index says (%d < %d bytes)", rel, size, known_end)
                continue
            self._reindex_tail(path, rel, known_end, size)

    def _reindex_tail(self, path: Path, rel: str, start: int, size: int) -> None:
        with open(path, "rb") as fh:
            fh.seek(start)
            tail = fh.read(size - start)
        complete = tail[: tail.rfind(b"\n") + 1]
        torn = tail[len(complete):]
        if torn:
            quarantine = self.dir / "quarantine"
            quarantine.mkdir(exist_ok=True)
            (quarantine / f"{rel.replace('/', '__')}.{start + len(complete)}.partial").write_bytes(torn)
            os.truncate(path, start + len(complete))
            logger.warning("removed a partial last line (%d bytes) from %s; kept in %s",
                           len(torn), rel, quarantine)
            if self.stats is not None:
                self.stats.inc_value("news/archive/partial_lines_removed")
        offset = start
        recovered = 0
        for raw in complete.splitlines(keepends=True):
            offset += len(raw)
            try:
                record = json.loads(raw)
                record_id, source = record["id"], record["source"]
            except (ValueError, KeyError, TypeError):
                logger.warning("%s: unreadable line ending at byte %d left as is", rel, offset)
                continue
            version = int(record.get("version") or 1)
            if self.latest.get(record_id, (0, ""))[0] >= version:
                continue
            from crawler.urls import url_key

            exact, simhash = fingerprint.of_body(record.get("body") or "")
            self._append_index({
                "id": record_id, "source": source, "keys": [url_key(record.get("url") or "")],
                "exact": exact, "simhash": simhash, "file": rel, "end": offset,
                "lastmod": record.get("modified_at") or record.get("published_at"),
                "version": version,
            })
            recovered += 1
        self._ends[rel] = start + len(complete)
        if recovered:
            logger.info("indexed %d archived record(s) of %s that a stopped crawl left unindexed",
                        recovered, rel)


def write_all(fd: int, data: bytes) -> None:
    """One write; a short write (full disk) is rolled back so no torn line stays."""
    before = os.fstat(fd).st_size
    written = os.write(fd, data)
    if written != len(data):
        os.ftruncate(fd, before)
        raise OSError(f"short write ({written} of {len(data)} bytes); rolled back")


def state_for(crawler) -> FileDedupeState:
    """The crawl's one dedupe state, shared by the dedupe and archive pipelines."""
    state = getattr(crawler, "_news_dedupe_state", None)
    if state is None:
        state = FileDedupeState(
            Path(crawler.settings.get("ARCHIVE_DIR")),
            max_distance=crawler.settings.getint("DEDUPE_SIMHASH_DISTANCE"),
            stats=crawler.stats,
        )
        crawler._news_dedupe_state = state
    return state
