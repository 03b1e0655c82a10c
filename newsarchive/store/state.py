"""What the archive already holds: ids, URL keys and story fingerprints.

The dedupe pipeline asks, the archive writer commits. ``DedupeState`` is the
small interface a shared backend (SQLite, Redis, for crawls spread over
hosts) will implement later; ``FileDedupeState`` keeps it under
``ARCHIVE_DIR/.state``.

Crash and concurrency rules of the file backend:
- the archive's JSONL files are the truth, ``index.jsonl`` a derived log;
- every commit holds an exclusive ``flock`` and first reads what other
  processes appended to the index, so two crawls never write one article twice;
- a record line is written (one ``write``) before its index line; on open,
  archive files longer than the index knows are re-read and indexed with the
  same ``NearPolicy`` the live path uses, and a trailing partial line (power
  loss, full disk) is moved to ``.state/quarantine``;
- URL aliases (keys other than the record URL's own) are not in the record:
  a commit notes them in ``.state/pending.jsonl`` before the record write, so
  a record indexed after a crash keeps them; the file is emptied on open.

Index lines: ``{"id", "source", "keys", "exact", "fp", "near", "sig", "file",
"end", "lastmod", "version"}``. ``fp`` names the signature scheme
(``fingerprint.SCHEME``), ``sig`` is the base64 MinHash signature and
``near`` its band keys under the split ``lsh`` (``b31r4``); lines without a
signature (short bodies) have only ``fp``. Keys stored under another split
are recomputed from ``sig``. Lines written before MinHash (``"simhash"``,
no ``fp``) are exact-only until the open that finds them: it re-reads their
records from the day files, fingerprints them and appends a complete line
for each (same id, file and end; reading it twice is harmless).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from array import array
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Protocol

import numpy as np

from newsarchive.extract.dates import parse_machine_date
from newsarchive.text import fingerprint
from newsarchive.text.fingerprint import Fingerprint, NearPolicy
from newsarchive.store.inventory import day_files
from newsarchive.text.learned import ParagraphCounts, paragraph_keys

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    source: str


class DedupeState(Protocol):
    """The archive's memory, key-value shaped so another store can hold it:
    URL key → id, exact fingerprint → story, near (band) key → stories,
    story → signature. A backend is built with the crawl's ``policy``
    (``NearPolicy``); near candidates are confirmed with ``policy.same_story``.
    """

    policy: NearPolicy

    def knows(self, record_id: str, url_keys: list[str]) -> bool:
        """Is this id, or any of these URL keys, archived?"""

    def find_story(self, fp: Fingerprint, source: str | None = None) -> Story | None:
        """An archived story with this text: same exact fingerprint, or a
        shared band key and a confirmed signature. One from ``source`` when
        there is one (the caller drops the item); else the exact match, else
        the most similar (ties: the earliest archived)."""

    paragraphs: ParagraphCounts

    def commit(self, record: dict, url_keys: list[str], fp: Fingerprint,
               write: Callable[[dict], tuple[str, int]], paragraphs: Iterable[str] = ()) -> bool:
        """Write the record (``write`` appends it, returns file and end
        offset) and remember keys, fingerprint and the body's paragraph keys
        (learned boilerplate, ``paragraphs``), unless another process
        archived it meanwhile (then False, nothing written)."""

    def archived_record(self, record_id: str) -> dict | None:
        """The latest archived line of this id, as written."""

    def close(self) -> None: ...


def url_keys(url: str, aliases: Iterable[str] = ()) -> list[str]:
    """The URL keys of an article: its URL's and its aliases' (live path and recovery)."""
    from newsarchive.record.urls import url_key

    return sorted({url_key(url)} | {url_key(a) for a in aliases or ()})


class _BandTable:
    """Band key (int) → story numbers, in little memory: sorted numpy arrays
    (12 bytes an entry) plus a dict of recent additions, merged in when it
    grows past an eighth of the arrays. ``bulk`` (while an index is loaded)
    collects additions unsorted and sorts once at ``finish_bulk``; no lookups
    meanwhile."""

    def __init__(self):
        self._keys = np.empty(0, np.uint64)
        self._vals = np.empty(0, np.uint32)
        self._recent: dict[int, int | list[int]] = {}
        self._recent_entries = 0
        self._bulk_keys: array | None = None
        self._bulk_vals: array | None = None

    def __len__(self) -> int:
        return len(self._keys) + self._recent_entries + len(self._bulk_keys or ())

    def start_bulk(self) -> None:
        self._bulk_keys, self._bulk_vals = array("Q"), array("I")

    def finish_bulk(self) -> None:
        keys, vals = self._bulk_keys, self._bulk_vals
        self._bulk_keys = self._bulk_vals = None
        if keys:
            self._merge(np.frombuffer(keys, np.uint64), np.frombuffer(vals, np.uint32))

    def add(self, keys: Iterable[int], number: int) -> None:
        if self._bulk_keys is not None:
            for key in keys:
                self._bulk_keys.append(key)
                self._bulk_vals.append(number)
            return
        for key in keys:
            old = self._recent.get(key)
            if old is None:
                self._recent[key] = number
            elif isinstance(old, list):
                old.append(number)
            else:
                self._recent[key] = [old, number]
            self._recent_entries += 1
        if self._recent_entries > max(4096, len(self._keys) // 8):
            self._merge_recent()

    def get(self, keys: list[int]) -> set[int]:
        found: set[int] = set()
        for key in keys:
            hit = self._recent.get(key)
            if hit is not None:
                found.update(hit) if isinstance(hit, list) else found.add(hit)
        if len(self._keys):
            query = np.array(keys, np.uint64)
            lo = np.searchsorted(self._keys, query, "left")
            hi = np.searchsorted(self._keys, query, "right")
            for a, b in zip(lo.tolist(), hi.tolist()):
                if b > a:
                    found.update(self._vals[a:b].tolist())
        return found

    def _merge_recent(self) -> None:
        keys, vals = [], []
        for key, hit in self._recent.items():
            for number in (hit if isinstance(hit, list) else (hit,)):
                keys.append(key)
                vals.append(number)
        self._recent, self._recent_entries = {}, 0
        self._merge(np.array(keys, np.uint64), np.array(vals, np.uint32))

    def _merge(self, keys: np.ndarray, vals: np.ndarray) -> None:
        keys = np.concatenate([self._keys, keys])
        vals = np.concatenate([self._vals, vals])
        order = np.argsort(keys, kind="stable")  # two sorted runs: a merge
        self._keys, self._vals = keys[order], vals[order]


class FileDedupeState:
    INDEX = "index.jsonl"
    PENDING = "pending.jsonl"

    def __init__(self, archive_dir: Path, *, policy: NearPolicy | None = None, stats=None,
                 paragraphs: ParagraphCounts | None = None):
        self.archive_dir = Path(archive_dir)
        self.dir = self.archive_dir / ".state"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.index_path = self.dir / self.INDEX
        self.pending_path = self.dir / self.PENDING
        self.policy = policy or NearPolicy()
        #: source → paragraph keys of its articles, for learned boilerplate.
        self.paragraphs = paragraphs or ParagraphCounts()
        self.stats = stats
        self.ids: set[str] = set()
        self.keys: set[str] = set()
        #: exact fingerprint → the first story with it (a tuple when several sources have it).
        self.exact: dict[str, Story | tuple[Story, ...]] = {}
        #: near key → story numbers; story number → Story and signature (row of _sigs).
        self._bands = _BandTable()
        self._stories: list[Story] = []
        self._sigs = bytearray()
        #: (file, end) → index entry written before MinHash: fingerprinted from its record on open.
        self._stale: dict[tuple[str, int], dict] = {}
        #: URL key → (id, lastmod ISO or None, version) of the archived article.
        self.by_key: dict[str, tuple[str, str | None, int]] = {}
        #: id → (version, exact fingerprint, file, end offset) of its latest archived line.
        self.latest: dict[str, tuple[int, str, str | None, int]] = {}
        #: source → number of archived records (ids), for "no articles ever" checks.
        self.records_by_source: Counter[str] = Counter()
        self._offset = 0
        self._ends: dict[str, int] = {}
        self._lock_fd = os.open(self.dir / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        with self._locked():
            self._bands.start_bulk()
            try:
                self._catch_up()
            finally:
                self._bands.finish_bulk()
            self._recover()
            self._upgrade_stale()
            if self.pending_path.exists():
                os.truncate(self.pending_path, 0)

    # -- interface -------------------------------------------------------------
    def knows(self, record_id: str, url_keys: list[str]) -> bool:
        return record_id in self.ids or any(k in self.keys for k in url_keys)

    def knows_url(self, url_key: str) -> bool:
        return url_key in self.keys

    def held(self, url_key: str) -> tuple[str, str | None, int] | None:
        """(id, lastmod, version) of the archived article at this URL, if any."""
        return self.by_key.get(url_key)

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
        held = self.latest.get(record_id)
        return held[:2] if held else None

    def archived_record(self, record_id: str) -> dict | None:
        held = self.latest.get(record_id)
        if not held or not held[2]:
            return None
        _, _, rel, end = held
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
        exact = self.exact.get(fp.exact)
        exact = () if exact is None else exact if isinstance(exact, tuple) else (exact,)
        for story in exact:
            if story.source == source:
                return story
        near: list[tuple[int, int, Story]] = []  # (-agreeing positions, number, story)
        if fp.signature is not None and fp.near_keys:
            width = fingerprint.SIGNATURE_BYTES
            for number in sorted(self._bands.get([int(k, 16) for k in fp.near_keys])):
                agree = self.policy.agreement(fp.signature, self._sigs[number * width:(number + 1) * width])
                if agree >= self.policy.min_agree:
                    near.append((-agree, number, self._stories[number]))
            near.sort()
            for _, _, story in near:
                if story.source == source:
                    return story
        if exact:
            return exact[0]
        return near[0][2] if near else None

    def commit(self, record, url_keys, fp, write, paragraphs=()) -> bool:
        """Write record unless another process archived it meanwhile."""
        version = record.get("version") or 1
        with self._locked():
            self._catch_up()
            if version == 1 and self.knows(record["id"], url_keys):
                return False
            if version > 1 and self.latest.get(record["id"], (0, ""))[0] >= version:
                return False
            from newsarchive.record.urls import url_key

            if list(url_keys) != [url_key(record.get("url") or "")]:
                self._note_pending(record["id"], url_keys)
            relpath, end = write(record)
            self._append_index(self._entry(record, url_keys, fp, relpath, end, paragraphs))
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

    def _entry(self, record: dict, url_keys: list[str], fp: Fingerprint, relpath: str, end: int,
               paragraphs: Iterable[str] = ()) -> dict:
        entry = {"id": record["id"], "source": record["source"], "keys": list(url_keys),
                 "exact": fp.exact, "fp": fingerprint.SCHEME}
        if fp.signature is not None:
            entry.update(lsh=self.policy.lsh, near=list(fp.near_keys),
                         sig=fingerprint.encode_signature(fp.signature))
        entry.update(file=relpath, end=end,
                     lastmod=record.get("modified_at") or record.get("published_at"),
                     version=record.get("version") or 1, paras=list(paragraphs))
        return entry

    def _remember(self, entry: dict) -> None:
        if entry["id"] not in self.ids:
            self.records_by_source[entry["source"]] += 1
            if "paras" in entry:
                self.paragraphs.add(entry["source"], entry["paras"])
        self.ids.add(entry["id"])
        self.keys.update(entry.get("keys") or ())
        version = int(entry.get("version") or 1)
        if version >= self.latest.get(entry["id"], (0, ""))[0]:
            self.latest[entry["id"]] = (version, entry.get("exact") or "", entry.get("file"),
                                        int(entry.get("end") or 0))
            for key in entry.get("keys") or ():
                self.by_key[key] = (entry["id"], entry.get("lastmod"), version)
        story = Story(entry["id"], entry["source"])
        if entry.get("exact"):
            self._remember_exact(entry["exact"], story)
        where = (entry.get("file"), int(entry.get("end", 0)))
        if entry.get("fp") == fingerprint.SCHEME:
            self._stale.pop(where, None)
            signature = fingerprint.decode_signature(entry.get("sig"))
            if signature is not None:
                keys = entry.get("near") if entry.get("lsh") == self.policy.lsh else None
                self._remember_near(story, signature, keys or self.policy.keys_of(signature))
        elif entry.get("file"):
            self._stale[where] = entry
        if entry.get("file"):
            self._ends[entry["file"]] = max(self._ends.get(entry["file"], 0), where[1])

    def _remember_exact(self, exact: str, story: Story) -> None:
        held = self.exact.get(exact)
        if held is None:
            self.exact[exact] = story
        else:
            stories = held if isinstance(held, tuple) else (held,)
            if all(s.source != story.source for s in stories):
                self.exact[exact] = (*stories, story)

    def _remember_near(self, story: Story, signature: bytes, keys) -> None:
        number = len(self._stories)
        self._stories.append(story)
        self._sigs += signature
        self._bands.add((int(k, 16) for k in keys), number)

    def _append_index(self, entry: dict) -> None:
        line = (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        fd = os.open(self.index_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            write_all(fd, line)
        finally:
            os.close(fd)
        self._remember(entry)
        self._offset += len(line)

    def _note_pending(self, record_id: str, url_keys: list[str]) -> None:
        line = (json.dumps({"id": record_id, "keys": list(url_keys)}, ensure_ascii=False) + "\n").encode()
        fd = os.open(self.pending_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            write_all(fd, line)
        finally:
            os.close(fd)

    def _pending_keys(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        try:
            raw = self.pending_path.read_bytes()
        except FileNotFoundError:
            return out
        for line in raw.splitlines():
            try:
                note = json.loads(line)
                out[note["id"]] = list(note["keys"])
            except (ValueError, KeyError, TypeError):
                continue  # a torn last line: its record was never written
        return out

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
        pending = None
        for path in day_files(self.archive_dir):
            rel = path.relative_to(self.archive_dir).as_posix()
            known_end = self._ends.get(rel, 0)
            size = path.stat().st_size
            if size == known_end:
                continue
            if size < known_end:
                logger.warning("%s is shorter than the index says (%d < %d bytes)", rel, size, known_end)
                continue
            if pending is None:
                pending = self._pending_keys()
            self._reindex_tail(path, rel, known_end, size, pending)

    def _reindex_tail(self, path: Path, rel: str, start: int, size: int, pending: dict) -> None:
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
                record_id = record["id"]
                record["source"]
            except (ValueError, KeyError, TypeError):
                logger.warning("%s: unreadable line ending at byte %d left as is", rel, offset)
                continue
            version = int(record.get("version") or 1)
            if self.latest.get(record_id, (0, ""))[0] >= version:
                continue
            keys = sorted({*url_keys(record.get("url") or ""), *pending.get(record_id, ())})
            fp = self.policy.of_body(record.get("body") or "")
            # Paragraphs the live path removed as learned boilerplate are not in
            # the record: the source's counts miss this article's copy of them.
            paras = [k for k in paragraph_keys(record.get("body") or "") if k]
            self._append_index(self._entry(record, keys, fp, rel, offset, paras))
            recovered += 1
        self._ends[rel] = start + len(complete)
        if recovered:
            logger.info("indexed %d archived record(s) of %s that a stopped crawl left unindexed",
                        recovered, rel)

    def _upgrade_stale(self) -> None:
        """Fingerprint the records of index lines written before MinHash."""
        if not self._stale:
            return
        by_file: dict[str, dict[int, dict]] = {}
        for (rel, end), entry in self._stale.items():
            by_file.setdefault(rel, {})[end] = entry
        upgraded = 0
        for rel, entries in sorted(by_file.items()):
            try:
                data = (self.archive_dir / rel).read_bytes()
            except OSError as exc:
                logger.warning("cannot re-read %s for near-duplicate keys (%s): its %d record(s) "
                               "stay exact-only", rel, exc, len(entries))
                continue
            offset = 0
            for raw in data.splitlines(keepends=True):
                offset += len(raw)
                entry = entries.get(offset)
                if entry is None:
                    continue
                try:
                    record = json.loads(raw)
                except ValueError:
                    continue
                if record.get("id") != entry["id"]:
                    continue
                fp = self.policy.of_body(record.get("body") or "")
                paras = [k for k in paragraph_keys(record.get("body") or "") if k]
                self.paragraphs.add(entry["source"], paras)  # its id is known: _remember will not count it
                line = self._entry(record, entry.get("keys") or [], fp, rel, offset, paras)
                line.update(exact=entry.get("exact") or fp.exact, lastmod=entry.get("lastmod"),
                            version=int(entry.get("version") or 1))
                self._append_index(line)
                upgraded += 1
        if upgraded:
            logger.info("added near-duplicate keys to %d index line(s) written before MinHash", upgraded)
        if self._stale:
            logger.warning("%d index line(s) written before MinHash did not match their day file: "
                           "exact-only", len(self._stale))
            self._stale.clear()


#: Longest record line read back (NEWS_MAX_BODY_CHARS of Arabic in UTF-8, with room for the rest).
_MAX_LINE = 1 << 20


def write_all(fd: int, data: bytes) -> None:
    """One write; a short write (full disk) is rolled back so no torn line stays."""
    before = os.fstat(fd).st_size
    written = os.write(fd, data)
    if written != len(data):
        os.ftruncate(fd, before)
        raise OSError(f"short write ({written} of {len(data)} bytes); rolled back")


#: Default of the setting of the same name: the folder that is the whole archive.
ARCHIVE_DIR = "output"


def state_for(crawler) -> FileDedupeState:
    """The crawl's one dedupe state, shared by the dedupe and archive pipelines."""
    state = getattr(crawler, "_news_dedupe_state", None)
    if state is None:
        state = FileDedupeState(
            Path(crawler.settings.get("ARCHIVE_DIR", ARCHIVE_DIR)),
            policy=NearPolicy.from_settings(crawler.settings),
            stats=crawler.stats,
            paragraphs=ParagraphCounts.from_settings(crawler.settings),
        )
        crawler._news_dedupe_state = state
    return state
