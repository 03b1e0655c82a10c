"""Bringing the dedupe state up to date with the day files, every time it is opened.

The state knows, per day file, how many of its bytes it has indexed
(``files``). An open, holding ``.state/lock`` so that processes starting
together index a gap once:

1. takes a snapshot under the database's write lock (every append holds that
   lock, so none is in flight): each day file's size and the notes journal's.
   A day file that does not end with a newline lost its last write to a crash:
   the partial line goes to ``.state/quarantine/`` and is cut off. The notes
   written since the last open (``notes.jsonl``, and a migrated archive's
   ``index.jsonl``) go to a temporary table;
2. indexes every line past what it knew, in file order, in transactions of
   ``BATCH`` records: id, URL keys (the URL's, and the aliases of its note),
   fingerprint under the crawl's ``NearPolicy`` and paragraph keys (the note's
   when it has them: the live path counted the body before its learned
   boilerplate left). A line whose id and version the state holds already
   (another process committed it meanwhile) is skipped. Each transaction
   also records how far each file is indexed, so a rebuild that is stopped
   goes on where it was;
3. creates the lookup indexes if they are missing (a rebuild makes them once,
   at its end: one sort instead of millions of B-tree inserts).

A missing state is the same with every file unknown: a rebuild. Past
``POOL_BYTES`` of lines, worker processes (one per core, ``Workers``) parse
and fingerprint them while this one writes. Progress is logged at INFO every
``PROGRESS`` records.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import pickle
import subprocess
import sys
import threading
import time
from contextlib import closing, nullcontext
from itertools import chain
from pathlib import Path

from newsarchive.record.urls import url_key
from newsarchive.store import statedb
from newsarchive.store.statedb import Line
from newsarchive.store.inventory import complete_length, day_files
from newsarchive.store.notes import legacy_notes, LEGACY_INDEX, LEGACY_PENDING
from newsarchive.text import fingerprint
from newsarchive.text.fingerprint import NearPolicy
from newsarchive.text.learned import key_of_words, paragraph_words

logger = logging.getLogger(__name__)

#: Records a transaction indexes.
BATCH = 5000
#: Records between two progress lines in the log.
PROGRESS = 50_000
#: Bytes of lines past which a pool of worker processes parses and fingerprints them.
POOL_BYTES = 16 << 20
#: Bytes of a day file one task reads.
TASK_BYTES = 2 << 20


class LineIndexer:
    """Reads a task's ranges of day files and fingerprints their lines (here or in a worker).

    A task's records are fingerprinted together (``NearPolicy.of_bodies``: per record,
    numpy's calls would cost more than their work), and each comes back as the tuple
    of its ``Line``'s fields (less ``new``): cheaper to send to the parent than objects."""

    def __init__(self, archive_dir: str, threshold: float, min_chars: int, splits: list[str]):
        self.archive_dir = Path(archive_dir)
        self.policy = NearPolicy(threshold, min_chars)
        self.splits = [fingerprint.split_of(s) for s in splits]

    def __call__(self, task: list[tuple[str, int, int]]) -> list[tuple[str, int, list]]:
        """Per range (file, start, stop) of the task: its file, its end, and per line its
        tuple, or its end offset when it is not a record."""
        ranges: list[tuple[str, int, list[int | None]]] = []  # None: the next record
        records: list[tuple[str, int, dict, str]] = []
        for rel, start, stop in task:
            with open(self.archive_dir / rel, "rb") as fh:
                fh.seek(start)
                data = fh.read(stop - start)
            lines: list[int | None] = []
            for raw in data.splitlines(keepends=True):
                start += len(raw)
                record = _record(raw)
                lines.append(None if record else start)
                if record:
                    records.append((rel, start, *record))
            ranges.append((rel, stop, lines))
        paragraphs = [paragraph_words(body) for *_, body in records]
        fps = self.policy.of_bodies([body for *_, body in records], [list(chain.from_iterable(p)) for p in paragraphs])
        rows = map(self.row, records, paragraphs, fps)
        return [(rel, stop, [next(rows) if line is None else line for line in lines]) for rel, stop, lines in ranges]

    def row(self, found: tuple[str, int, dict, str], paragraphs: list[list[str]], fp: fingerprint.Fingerprint) -> tuple:
        """A record's tuple: its ``Line``'s fields, less ``new``."""
        rel, end, record, _ = found
        bands: list[int] = []
        if fp.signature is not None:
            for b, r in self.splits:
                keys = fp.near_keys if (b, r) == (self.policy.bands, self.policy.rows) \
                    else fingerprint.band_keys(fp.signature, b, r)
                bands.extend(map(statedb.band_int, keys))
        return (record["id"], int(record.get("version") or 1), record["source"], rel, end,
                record.get("modified_at") or record.get("published_at"), fp.exact, fp.signature,
                bands, [url_key(record.get("url") or "")], [k for k in map(key_of_words, paragraphs) if k],
                record.get("crawled_at"))


def _record(raw: bytes) -> tuple[dict, str] | None:
    """A line's record and body (a body that is not a string is none), or None when it is not a record."""
    try:
        record = json.loads(raw)
        record_id, source = record["id"], record["source"]
        int(record.get("version") or 1)
        if not isinstance(record_id, str) or not isinstance(source, str):
            raise TypeError
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    body = record.get("body") or ""
    return record, body if isinstance(body, str) else ""


#: A worker: ``python -c`` this, then pickles on its stdin (sys.path, LineIndexer's
#: arguments, tasks) and results on its stdout. Not ``multiprocessing``: its spawned
#: children re-run the parent's main script, which would crawl again, or recurse
#: from a script without a ``__main__`` guard; and forking a crawl (threads) is unsafe.
_WORKER = ("import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); "
           "from newsarchive.store.rebuild import serve; serve()")


def serve() -> None:
    """A worker's loop: index each task read from stdin, write the result to stdout,
    its length first (``_receive``)."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    indexer = LineIndexer(*pickle.load(stdin))
    while True:
        try:
            task = pickle.load(stdin)
        except EOFError:
            return
        data = pickle.dumps(indexer(task), pickle.HIGHEST_PROTOCOL)
        stdout.write(len(data).to_bytes(8, "little"))
        stdout.write(data)
        stdout.flush()


def _receive(stream):
    """A worker's next result: read whole, then unpickled. Unpickling from the pipe would
    read it a frame at a time, each read waiting for this process's lock on the
    interpreter (held by the thread that writes the database), and the worker with it."""
    size = int.from_bytes(stream.read(8), "little")
    data = stream.read(size)
    if len(data) < size or not size:
        raise EOFError("a dedupe state worker process ended")
    return pickle.loads(data)


#: Bytes of a worker's result pipe (Linux's default is 64 KiB): a result (about
#: TASK_BYTES / 3) is written at once while the previous one is read.
_PIPE_BYTES = 1 << 20


class Workers:
    """Worker processes that index tasks in turn; results come back in task order.

    A thread per worker sends it its tasks (every ``count``-th) and reads the
    results, so workers go on while this process writes a batch; each may be
    ``AHEAD`` results ahead of what has been taken, and holds ``QUEUED`` tasks, so
    that it starts the next one as it sends a result."""

    AHEAD = 8
    QUEUED = 2

    def __init__(self, count: int, args: tuple):
        self.procs = []
        for _ in range(count):
            proc = subprocess.Popen([sys.executable, "-c", _WORKER], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE)
            pickle.dump(list(sys.path), proc.stdin)
            pickle.dump(args, proc.stdin)
            proc.stdin.flush()
            self.procs.append(proc)
            try:
                fcntl.fcntl(proc.stdout, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
            except (OSError, AttributeError):  # not Linux, or past its limit: only slower
                pass

    def map(self, tasks):
        tasks = list(tasks)
        results: list = [None] * len(tasks)
        ready = [threading.Event() for _ in tasks]
        room = [threading.Semaphore(self.AHEAD) for _ in self.procs]
        failed: list[BaseException] = []

        def feed(w: int) -> None:
            proc, mine = self.procs[w], range(w, len(tasks), len(self.procs))
            sent = 0
            try:
                for k, i in enumerate(mine):
                    while sent < min(len(mine), k + self.QUEUED):
                        room[w].acquire()
                        pickle.dump(tasks[mine[sent]], proc.stdin)
                        proc.stdin.flush()
                        sent += 1
                    results[i] = _receive(proc.stdout)
                    ready[i].set()
            except BaseException as exc:  # a worker died: the taker stops at its next task
                failed.append(exc)
                for event in ready:
                    event.set()

        threads = [threading.Thread(target=feed, args=(w,), daemon=True) for w in range(len(self.procs))]
        for thread in threads:
            thread.start()
        for i in range(len(tasks)):
            ready[i].wait()
            if failed:
                raise RuntimeError("a dedupe state worker process failed; the state goes on from "
                                   "where it stopped at the next open") from failed[0]
            result, results[i] = results[i], None
            room[i % len(self.procs)].release()
            yield result

    def close(self) -> None:
        for proc in self.procs:
            try:
                proc.stdin.close()
            except OSError:
                pass
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            proc.stdout.close()


class CatchUp:
    """One open's catch-up of ``state`` (a ``SqliteDedupeState``) with the day files."""

    def __init__(self, state):
        self.state = state
        self.db = state.db
        self.archive_dir = state.archive_dir
        self.indexed = 0
        self._pending_notes: list[dict] = []

    # -- 1. snapshot -----------------------------------------------------------------
    def run(self) -> int:
        # One snapshot under the write lock: a commit in flight is either wholly in it
        # (note, line) or wholly after it, so no note is skipped for a line read later.
        with statedb.immediate(self.db):
            tails = self._tails()
            notes_size = self.state.notes.complete_size()
            self._legacy = any((self.state.dir / name).is_file() for name in (LEGACY_INDEX, LEGACY_PENDING))
            if tails:
                self._load_notes(notes_size)
            else:
                statedb.set_meta(self.db, "notes_end", notes_size)
        if tails:
            try:
                self._index(tails, notes_size)
            finally:
                self.db.execute("DROP TABLE IF EXISTS temp.notes")
        if self._legacy:
            self._retire_legacy()
        return self.indexed

    def _tails(self) -> list[tuple[str, int, int]]:
        known = dict(self.db.execute("SELECT path, end FROM files"))
        tails = []
        for path in day_files(self.archive_dir):
            rel = path.relative_to(self.archive_dir).as_posix()
            start, size = known.get(rel, 0), path.stat().st_size
            if size < start:
                logger.warning("%s is shorter than the dedupe state says (%d < %d bytes)", rel, size, start)
            elif size > start:
                stop = self._cut_torn(path, rel, start, size)
                if stop > start:
                    tails.append((rel, start, stop))
        return tails

    def _cut_torn(self, path: Path, rel: str, start: int, size: int) -> int:
        with open(path, "rb") as fh:
            complete = max(start, complete_length(fh, size))
            if complete == size:
                return size
            fh.seek(complete)
            torn = fh.read(size - complete)
        quarantine = self.state.dir / "quarantine"
        quarantine.mkdir(exist_ok=True)
        (quarantine / f"{rel.replace('/', '__')}.{complete}.partial").write_bytes(torn)
        os.truncate(path, complete)
        logger.warning("removed a partial last line (%d bytes) from %s; kept in %s", len(torn), rel, quarantine)
        self.state.inc_stat("news/archive/partial_lines_removed")
        return complete

    def _load_notes(self, size: int) -> None:
        """The notes written since the last open (all of them, for a rebuild) into ``temp.notes``."""
        notes = self.state.notes
        start = int(statedb.get_meta(self.db, "notes_end", "0"))
        if size < start:
            logger.warning("%s is shorter than the dedupe state says (%d < %d bytes): reading it all",
                           notes.path, size, start)
            start = 0
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS notes (id TEXT NOT NULL, version INTEGER NOT NULL, "
                        "keys TEXT, paras TEXT, legacy INTEGER NOT NULL, PRIMARY KEY (id, version)) WITHOUT ROWID")
        rows = ((i, v, _json(k), _json(p), 1) for i, v, k, p in legacy_notes(self.state.dir)) if self._legacy else ()
        self._insert_notes(rows)
        self._insert_notes((i, v, _json(k), _json(p), 0) for i, v, k, p in notes.read(start, size))
        self._has_notes = self.db.execute("SELECT 1 FROM temp.notes LIMIT 1").fetchone() is not None

    def _insert_notes(self, rows) -> None:
        self.db.executemany(
            "INSERT INTO temp.notes VALUES (?, ?, ?, ?, ?) ON CONFLICT (id, version) DO UPDATE SET "
            "keys = coalesce(excluded.keys, keys), paras = coalesce(excluded.paras, paras), "
            "legacy = excluded.legacy", rows)

    # -- 2. index --------------------------------------------------------------------
    def _index(self, tails: list[tuple[str, int, int]], notes_size: int) -> None:
        total = sum(stop - start for _, start, stop in tails)
        fresh = self.state.fresh
        logger.info("dedupe state: %s %s of %d day file(s)%s", "rebuilding from" if fresh else "indexing",
                    _size(total), len(tails), "" if fresh else " that it does not know yet")
        started = time.monotonic()
        batch: list[tuple[str, Line | int]] = []
        done: list[tuple[str, int]] = []
        seen = reported = read = 0
        pool = total > POOL_BYTES
        tasks = list(_tasks(self.archive_dir, tails))
        results = self._results(tasks, pool)
        with statedb.bulk_cache(self.db) if pool else nullcontext(), closing(results):
            for task, indexed in zip(tasks, results):
                for (rel, start, stop), (_, _, lines) in zip(task, indexed):
                    batch.extend((rel, line if isinstance(line, int) else Line(*line)) for line in lines)
                    done.append((rel, stop))
                    seen += len(lines)
                    read += stop - start
                if len(batch) >= BATCH:
                    self._write(batch, done)
                    batch, done = [], []
                if seen - reported >= PROGRESS:
                    reported = seen
                    logger.info("dedupe state: %d lines read (%.0f%% of %s), %d records indexed, %.0f lines/s",
                                seen, 100 * read / total, _size(total), self.indexed,
                                seen / max(time.monotonic() - started, 1e-9))
            self._write(batch, done, notes_end=notes_size)
        elapsed = time.monotonic() - started
        logger.info("dedupe state: indexed %d record(s) from %s of day files in %.1fs (%.0f records/s)",
                    self.indexed, _size(total), elapsed, self.indexed / max(elapsed, 1e-9))

    def _results(self, tasks, pool: bool):
        splits = self.state.splits()
        args = (str(self.archive_dir), self.state.policy.threshold, self.state.policy.min_chars, splits)
        if not pool:
            indexer = LineIndexer(*args)
            yield from map(indexer, tasks)
            return
        count = max(1, len(os.sched_getaffinity(0)))
        try:
            workers = Workers(count, args)
        except OSError as exc:
            logger.warning("dedupe state: no worker processes (%s); indexing in this one", exc)
            yield from map(LineIndexer(*args), tasks)
            return
        logger.info("dedupe state: %d worker process(es) fingerprint the lines", count)
        try:
            yield from workers.map(tasks)
        finally:
            workers.close()

    def _write(self, batch, done, *, notes_end: int | None = None) -> None:
        with statedb.immediate(self.db):
            known = self._versions({line.id for _, line in batch if not isinstance(line, int)})
            lines = []
            for rel, line in batch:
                if isinstance(line, int):
                    logger.warning("%s: unreadable line ending at byte %d left as is", rel, line)
                    continue
                versions = known.setdefault(line.id, set())
                if line.version in versions:
                    continue  # indexed already: committed by a crawl running meanwhile
                line.new = not versions
                versions.add(line.version)
                if self._has_notes:
                    self._noted(line)
                lines.append(line)
            self.state.remember(lines)
            self.db.executemany("INSERT INTO files (path, end) VALUES (?, ?) ON CONFLICT (path) "
                                "DO UPDATE SET end = max(end, excluded.end)", done)
            if notes_end is not None:
                statedb.set_meta(self.db, "notes_end", notes_end)
            if self._pending_notes:
                self.state.notes.append(self._pending_notes)
                self._pending_notes = []
        self.indexed += len(lines)
        self.state.inc_stat("news/state/rebuilt_records", len(lines))

    def _versions(self, ids: set[str]) -> dict[str, set[int]]:
        """The versions the state holds of these ids."""
        known: dict[str, set[int]] = {}
        ids = sorted(ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for record_id, version in self.db.execute(
                    f"SELECT id, version FROM records WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
                known.setdefault(record_id, set()).add(version)
        return known

    def _noted(self, line: Line) -> None:
        """The line's keys and paragraphs as its notes say (a crashed commit's aliases,
        the paragraphs counted before learned boilerplate left the body)."""
        own = line.keys
        keys, paras, legacy = set(own), None, False
        for version, noted_keys, noted_paras, from_legacy in self.db.execute(
                "SELECT version, keys, paras, legacy FROM temp.notes WHERE id = ? AND version IN (?, 0) "
                "ORDER BY version", (line.id, line.version)):
            keys.update(json.loads(noted_keys) if noted_keys else ())
            if noted_paras is not None and version == line.version:
                paras = json.loads(noted_paras)
            legacy = legacy or bool(from_legacy)
        keys = sorted(keys)
        derived = line.paras
        paras = derived if paras is None else paras
        if legacy and (keys != own or set(paras) != set(derived)):
            # Kept from the old index for the rebuilds to come.
            note = {"id": line.id, "version": line.version}
            if keys != own:
                note["keys"] = keys
            if set(paras) != set(derived):
                note["paras"] = sorted(set(paras))
            self._pending_notes.append(note)
        line.keys, line.paras = keys, paras

    def _retire_legacy(self) -> None:
        index = self.state.dir / LEGACY_INDEX
        if index.is_file():
            index.replace(index.with_name(LEGACY_INDEX + ".migrated"))
            logger.info("dedupe state: rebuilt from the day files; what %s held that they do not (URL "
                        "aliases, counted paragraphs) is in %s now; the old index is %s.migrated and "
                        "may be deleted", LEGACY_INDEX, self.state.notes.path.name, LEGACY_INDEX)
        (self.state.dir / LEGACY_PENDING).unlink(missing_ok=True)


def _tasks(archive_dir: Path, tails):
    """Lists of (file, start, stop) ranges of about TASK_BYTES in all: a large file is cut
    after a newline, small ones go together (a task's records are fingerprinted at once,
    and a worker is ``Workers.AHEAD`` tasks ahead: of a whole batch, with full tasks)."""
    task: list[tuple[str, int, int]] = []
    size = 0
    for rel, start, stop in _ranges(archive_dir, tails):
        task.append((rel, start, stop))
        size += stop - start
        if size >= TASK_BYTES:
            yield task
            task, size = [], 0
    if task:
        yield task


def _ranges(archive_dir: Path, tails):
    """(file, start, stop) ranges of at most about TASK_BYTES, each ending after a newline."""
    for rel, start, stop in tails:
        if stop - start <= TASK_BYTES:
            yield rel, start, stop
            continue
        with open(archive_dir / rel, "rb") as fh:
            while start < stop:
                cut = start + TASK_BYTES
                cut = stop if cut >= stop else _after_newline(fh, cut, stop)
                yield rel, start, cut
                start = cut


def _after_newline(fh, position: int, limit: int) -> int:
    """The offset just after the first newline at or past ``position`` (at most ``limit``)."""
    fh.seek(position)
    while position < limit:
        block = fh.read(min(65536, limit - position))
        if not block:
            break
        newline = block.find(b"\n")
        if newline >= 0:
            return position + newline + 1
        position += len(block)
    return limit


def reband(state, split: str) -> None:
    """Add the band keys of another split (a crawl with another DEDUPE_NEAR_THRESHOLD)
    for every stored signature; the split is listed once all are in."""
    bands, rows = fingerprint.split_of(split)
    db, last, added = state.db, 0, 0
    logger.info("dedupe state: adding band keys for the split %s (DEDUPE_NEAR_THRESHOLD %s)",
                split, state.policy.threshold)
    while True:
        with statedb.immediate(db):
            found = db.execute("SELECT n, sig FROM records WHERE n > ? AND sig IS NOT NULL ORDER BY n LIMIT ?",
                               (last, BATCH)).fetchall()
            db.executemany("INSERT INTO bands (band, n) VALUES (?, ?)",
                           [(statedb.band_int(k), n) for n, sig in found
                            for k in fingerprint.band_keys(sig, bands, rows)])
            added += len(found)
            if found:
                last = found[-1][0]
            if len(found) < BATCH:
                statedb.set_meta(db, "splits", ",".join([*state.splits(), split]))
                break
    logger.info("dedupe state: band keys for %s added to %d record(s)", split, added)


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"
