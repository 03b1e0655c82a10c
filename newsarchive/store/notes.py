"""What a record line does not say, kept beside the day files: ``.state/notes.jsonl``.

The state is rebuilt from the day files, but two things it knows of an
article are not in its line:

- URL aliases: keys other than its URL's own (an AMP or print URL, an old URL
  that redirected to it), which keep a later crawl from fetching it again;
- the paragraph keys counted for learned boilerplate, when they are not the
  body's: the live path counts a body *before* its learned boilerplate is
  taken out, so the written body lacks the very paragraphs that keep that
  boilerplate learned.

A commit that has either appends one line ``{"id", "version", "keys"?,
"paras"?}`` (one ``write``) before it writes the record line, under the
state's write lock; lines are never rewritten. Why a journal and not rows
written ahead in the database: a note must outlive a crash between the
record write and the state's commit (a transaction cut short leaves nothing),
and the database itself: a rebuild from the day files reads every note, so a
lost ``state.sqlite`` is rebuilt with its aliases and counts. An open reads
only the notes past the offset the previous open reached (``meta``), those of
the commits since; a note whose record was never written (a crash between the
two writes) is never used. The last note of an id and version wins.

Archives of the version before SQLite kept these in ``index.jsonl`` (every
line: keys and paras) and ``pending.jsonl`` (keys of a commit in flight):
``legacy_notes`` reads them for the migration.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Iterable, Iterator

from newsarchive.store.inventory import complete_length, write_all

logger = logging.getLogger(__name__)

NAME = "notes.jsonl"
#: The file-backed state's log and its commits in flight (read once, when migrating).
LEGACY_INDEX = "index.jsonl"
LEGACY_PENDING = "pending.jsonl"


def note_for(record: dict, keys: list[str], own_keys: list[str],
             paragraphs: list[str], body_paragraphs: list[str]) -> dict | None:
    """The note a commit needs, or None when the line says it all."""
    note = {}
    if sorted(keys) != sorted(own_keys):
        note["keys"] = sorted(keys)
    if set(paragraphs) != set(body_paragraphs):
        note["paras"] = sorted(set(paragraphs))
    if not note:
        return None
    return {"id": record["id"], "version": int(record.get("version") or 1), **note}


class Notes:
    def __init__(self, state_dir: Path):
        self.path = Path(state_dir) / NAME

    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def append(self, notes: Iterable[dict]) -> None:
        data = b"".join((json.dumps(n, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
                        for n in notes)
        if not data:
            return
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            write_all(fd, data)
        finally:
            os.close(fd)

    def complete_size(self) -> int:
        """The size without a torn last line, which is cut off (call under the write lock:
        no append is in flight, so a partial line is a crash's)."""
        size = self.size()
        if not size:
            return 0
        with open(self.path, "rb") as fh:
            complete = complete_length(fh, size)
        if complete < size:
            os.truncate(self.path, complete)
            logger.warning("removed a partial last line (%d bytes) from %s", size - complete, self.path)
        return complete

    def read(self, start: int, stop: int) -> Iterator[tuple[str, int, list | None, list | None]]:
        """(id, version, keys, paras) of the notes in [start, stop)."""
        if stop <= start:
            return
        with open(self.path, "rb") as fh:
            fh.seek(start)
            yield from _parse(fh, stop - start, self.path)


def legacy_notes(state_dir: Path) -> Iterator[tuple[str, int, list | None, list | None]]:
    """Notes from a file-backed state's ``index.jsonl`` and ``pending.jsonl``
    (version 0: any version of the id)."""
    for name in (LEGACY_INDEX, LEGACY_PENDING):
        path = Path(state_dir) / name
        if not path.is_file():
            continue
        with open(path, "rb") as fh:
            for record_id, version, keys, paras in _parse(fh, path.stat().st_size, path):
                yield record_id, version if name == LEGACY_INDEX else 0, keys, paras


def _parse(fh, length: int, path: Path):
    for raw in fh:
        length -= len(raw)
        if length < 0 or not raw.endswith(b"\n"):
            return  # past the snapshot, or a torn last line: its record was never written
        try:
            note = json.loads(raw)
            yield note["id"], int(note.get("version") or 1), note.get("keys"), note.get("paras")
        except (ValueError, KeyError, TypeError, AttributeError):
            logger.warning("skipping an unreadable line of %s", path)
