"""What an archive holds: records per source and day, read from the files themselves;
and how a line is added so that only complete lines are ever there."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Iterator


def day_files(archive_dir: Path):
    """The archive's ``<source>/<YYYY-MM-DD>.jsonl`` files, state folders excluded."""
    for path in sorted(Path(archive_dir).glob("*/*.jsonl")):
        if not path.parent.name.startswith("."):
            yield path


def complete_length(fh: BinaryIO, size: int | None = None) -> int:
    """Bytes up to and including the last newline within the first ``size``
    bytes (default: the size now). Leaves the file positioned at 0.

    A crawl may be appending while a day file is read: only lines that end
    with "\n", as of one moment, are the file's content.
    """
    if size is None:
        size = os.fstat(fh.fileno()).st_size
    end = size
    while end > 0:
        start = max(0, end - 65536)
        fh.seek(start)
        block = fh.read(end - start)
        if len(block) != end - start:
            raise OSError(f"{getattr(fh, 'name', 'file')} shrank while being read")
        cut = block.rfind(b"\n")
        if cut >= 0:
            fh.seek(0)
            return start + cut + 1
        end = start
    fh.seek(0)
    return 0


def write_all(fd: int, data: bytes) -> None:
    """One write; a short write (full disk) is rolled back so no torn line stays."""
    before = os.fstat(fd).st_size
    written = os.write(fd, data)
    if written != len(data):
        os.ftruncate(fd, before)
        raise OSError(f"short write ({written} of {len(data)} bytes); rolled back")


def complete_lines(path: Path, size: int | None = None) -> Iterator[tuple[int, bytes]]:
    """(line number, line with its newline) of a day file's complete lines."""
    with open(path, "rb") as fh:
        remaining = complete_length(fh, size)
        for number, line in enumerate(fh, 1):
            if remaining <= 0:
                return
            remaining -= len(line)
            yield number, line


def archive_counts(archive_dir: Path) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for path in day_files(archive_dir):
        lines = sum(1 for _ in complete_lines(path))
        counts.setdefault(path.parent.name, {})[path.stem] = lines
    return counts


def format_counts(counts: dict[str, dict[str, int]]) -> str:
    rows = []
    for source, days in counts.items():
        rows.append(f"{source}: {sum(days.values())} articles")
        rows.extend(f"  {day}  {n}" for day, n in days.items())
    return "\n".join(rows) or "(empty archive)"
