"""Streaming reads: complete lines only, hashed as they go by, in bounded memory.

A crawl may be appending to a day file while it is read. Only what ends with
"\\n" counts, and only up to the size the file had when it was opened, so
the bytes copied, hashed and counted are exactly the same bytes.
"""

from __future__ import annotations

import hashlib
from typing import BinaryIO, Callable

from newsarchive.store.inventory import complete_length  # noqa: F401 - the handoff's reads start there

CHUNK = 1 << 20


class LimitedReader:
    """The first ``limit`` bytes of a file; refuses to come up short."""

    def __init__(self, fh: BinaryIO, limit: int):
        self.fh, self.remaining = fh, limit

    def read(self, n: int = -1) -> bytes:
        if self.remaining <= 0:
            return b""
        if n is None or n < 0 or n > self.remaining:
            n = self.remaining
        data = self.fh.read(n)
        if not data:
            raise OSError(f"{getattr(self.fh, 'name', 'file')} shrank while being read")
        self.remaining -= len(data)
        return data


class Tap:
    """A reader that hashes and counts what is read through it, and can hand
    each chunk to ``on_chunk`` (e.g. a :class:`LineSplitter`)."""

    def __init__(self, src, on_chunk: Callable[[bytes], None] | None = None):
        self.src, self.on_chunk = src, on_chunk
        self.sha = hashlib.sha256()
        self.bytes = 0

    def read(self, n: int = -1) -> bytes:
        data = self.src.read(n)
        if data:
            self.sha.update(data)
            self.bytes += len(data)
            if self.on_chunk is not None:
                self.on_chunk(data)
        return data

    def drain(self) -> None:
        while self.read(CHUNK):
            pass

    @property
    def hexdigest(self) -> str:
        return self.sha.hexdigest()


class LineSplitter:
    """Push chunks in, get ``on_line(line_without_newline)`` per complete line.

    Whatever follows the last newline stays in ``partial``: at the end of a
    file that is a truncated (or still being written) last line.
    """

    def __init__(self, on_line: Callable[[bytes], None]):
        self.on_line = on_line
        self.partial = b""

    def feed(self, data: bytes) -> None:
        if not data:
            return
        parts = data.split(b"\n")
        if self.partial:
            parts[0] = self.partial + parts[0]
        self.partial = parts.pop()
        on_line = self.on_line
        for line in parts:
            on_line(line)


def line_hash(line: bytes) -> bytes:
    """The 8 bytes kept per line (first 16 hex digits of SHA-256 of the line
    without its newline)."""
    return hashlib.sha256(line).digest()[:8]


def copy_stream(src, write: Callable[[bytes], object], chunk: int = CHUNK) -> None:
    while True:
        data = src.read(chunk)
        if not data:
            return
        write(data)
