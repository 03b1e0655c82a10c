"""Build one deliverable from an archive, streaming, in bounded memory.

Each selected day file is read only up to its last newline as of the moment
it is opened (a crawl may be appending), hashed while it is copied in chunks
into a tar/zip member or a file, and split into lines on the way to count
records, date ranges and field coverage. With ``crawled_since`` (or
``compress_files``) the kept lines go to a temporary file first, since a tar
member's size must be known before it is written.

Member order: schema.json, then per day file its data and index members, then
raw/ captures, DATASHEET.md, and manifest.json last (it describes the rest).
The pack is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import queue
import shutil
import tarfile
import tempfile
import threading
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

from newsarchive.handoff import datasheet, manifest as manifest_mod
from newsarchive.handoff.layout import (
    DATASHEET_NAME,
    MANIFEST_NAME,
    RAW_NAME_RE,
    SCHEMA_NAME,
    data_path,
    index_path,
    parse_day,
)
from newsarchive.handoff.lines import LimitedReader, LineSplitter, Tap, complete_length, copy_stream
from newsarchive.handoff.tally import FileTally, SourceTally
from newsarchive.store.inventory import day_files
from newsarchive.record.format import schema_bytes

FORMATS = ("tar.gz", "zip", "dir")
#: zlib level for the tar.gz and for --compress-files: on archive text, level 4
#: is about four times faster than 6 for output some 10% larger.
GZIP_LEVEL = 4


class PackError(Exception):
    """The pack cannot be made as asked (bad selection, output in the way)."""


@dataclass
class Selection:
    sources: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    crawled_since: datetime | None = None


@dataclass
class PackResult:
    path: Path
    manifest: dict
    warnings: list[str] = field(default_factory=list)


# -- writers -------------------------------------------------------------------


class _Writer:
    def __init__(self, tmp: Path, mtime: float):
        self.tmp, self.mtime = tmp, mtime

    def add(self, name: str, size: int, reader, stored: bool = False) -> None:
        raise NotImplementedError

    def add_bytes(self, name: str, data: bytes) -> dict:
        tap = Tap(io.BytesIO(data))
        self.add(name, len(data), tap)
        return {"path": name, "sha256": tap.hexdigest, "bytes": tap.bytes}

    def close(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        """Stop after a failure (the temporary output is removed by the caller)."""


class _BackgroundWriter:
    """A write-only file that hands 1 MiB blocks to ``sink.write`` in a thread.

    Compression (zlib releases the GIL) then runs while the main thread reads,
    hashes and parses the next lines. At most ``depth`` blocks wait, so
    memory stays bounded.
    """

    BLOCK = 1 << 20

    def __init__(self, sink, depth: int = 8):
        self.sink = sink
        self.buffer = bytearray()
        self.queue: queue.Queue = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.position = 0
        self.thread = threading.Thread(target=self._run, name="pack-gzip", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (block := self.queue.get()) is not None:
            if self.error is None:
                try:
                    self.sink.write(block)
                except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread
                    self.error = exc

    def write(self, data) -> int:
        if self.error is not None:
            raise self.error
        self.buffer += data
        self.position += len(data)
        if len(self.buffer) >= self.BLOCK:
            self.queue.put(bytes(self.buffer))
            self.buffer.clear()
        return len(data)

    def tell(self) -> int:
        return self.position

    def close(self) -> None:
        if self.buffer:
            self.queue.put(bytes(self.buffer))
            self.buffer.clear()
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


class _TarGzWriter(_Writer):
    def __init__(self, tmp: Path, mtime: float):
        super().__init__(tmp, mtime)
        self.raw = open(tmp, "wb")
        self.gz = gzip.GzipFile(filename="", mode="wb", fileobj=self.raw, compresslevel=GZIP_LEVEL,
                                mtime=int(mtime))
        self.pipe = _BackgroundWriter(self.gz)
        self.tar = tarfile.open(fileobj=self.pipe, mode="w", format=tarfile.PAX_FORMAT)

    def add(self, name, size, reader, stored=False):
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = size, int(self.mtime), 0o644
        self.tar.addfile(info, reader)

    def close(self):
        self.tar.close()
        self.pipe.close()
        self.gz.close()
        self.raw.close()

    def abort(self):
        try:
            self.pipe.close()
        except BaseException:  # noqa: BLE001 - already failing
            pass
        self.raw.close()


# A member's deflate level: ZipInfo.compress_level from Python 3.13 on,
# _compresslevel before (3.13 keeps that name as an alias).
_ZIP_LEVEL_ATTR = "compress_level" if hasattr(zipfile.ZipInfo, "compress_level") else "_compresslevel"


class _ZipWriter(_Writer):
    def __init__(self, tmp: Path, mtime: float):
        super().__init__(tmp, mtime)
        self.zf = zipfile.ZipFile(tmp, "w", allowZip64=True)
        self.stamp = time.gmtime(max(mtime, 315532800))[:6]  # zip dates start in 1980

    def add(self, name, size, reader, stored=False):
        info = zipfile.ZipInfo(name, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        setattr(info, _ZIP_LEVEL_ATTR, None if stored else GZIP_LEVEL)
        info.external_attr = 0o644 << 16
        info.file_size = size  # lets zipfile decide on zip64 before writing
        with self.zf.open(info, "w") as dst:
            copy_stream(reader, dst.write)

    def close(self):
        self.zf.close()

    def abort(self):
        try:
            self.zf.close()
        except Exception:  # noqa: BLE001 - already failing
            pass


class _DirWriter(_Writer):
    def __init__(self, tmp: Path, mtime: float):
        super().__init__(tmp, mtime)
        tmp.mkdir(parents=True)

    def add(self, name, size, reader, stored=False):
        path = self.tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as dst:
            copy_stream(reader, dst.write)

    def close(self):
        pass


_WRITERS = {"tar.gz": _TarGzWriter, "zip": _ZipWriter, "dir": _DirWriter}


def format_for(out: Path, fmt: str | None) -> str:
    """The pack format: as given, else from the name (.tar.gz/.tgz, .zip)."""
    name = out.name.lower()
    guessed = ("tar.gz" if name.endswith((".tar.gz", ".tgz")) else
               "zip" if name.endswith(".zip") else None)
    if fmt is None:
        if guessed is None:
            raise PackError(f"cannot tell the format from {out.name!r}: name it .tar.gz or .zip, "
                            f"or give --format tar.gz|zip|dir")
        return guessed
    if fmt not in FORMATS:
        raise PackError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if guessed is not None and guessed != fmt:
        raise PackError(f"--format {fmt} but the output is named {out.name!r}")
    return fmt


# -- selection -------------------------------------------------------------------


def select(archive_dir: Path, selection: Selection) -> tuple[list[tuple[str, str, Path]], list[str]]:
    """Selected (source, day, path) in path order, and warnings."""
    warnings = []
    chosen, sources_seen = [], set()
    for path in day_files(archive_dir):
        source, day = path.parent.name, parse_day(path.stem)
        if source == "raw":
            continue
        sources_seen.add(source)
        if day is None:
            warnings.append(f"{source}/{path.name}:0: not a YYYY-MM-DD.jsonl day file; not packed")
            continue
        if selection.sources and source not in selection.sources:
            continue
        if (selection.since and day < selection.since) or (selection.until and day > selection.until):
            continue
        chosen.append((source, day.isoformat(), path))
    unknown = [s for s in selection.sources if s not in sources_seen]
    if unknown:
        raise PackError(f"no such source in {archive_dir}: {', '.join(unknown)} "
                        f"(sources: {', '.join(sorted(sources_seen)) or 'none'})")
    return chosen, warnings


# -- packing ---------------------------------------------------------------------


def pack(archive_dir: Path, out: Path, *, fmt: str | None = None, selection: Selection | None = None,
         compress_files: bool = False, force: bool = False,
         progress: Callable[[str], None] | None = None) -> PackResult:
    selection = selection or Selection()
    archive_dir = Path(archive_dir).resolve()
    out = Path(out).absolute()
    if not archive_dir.is_dir():
        raise PackError(f"no such archive folder: {archive_dir}")
    fmt = format_for(out, fmt)
    _check_output(archive_dir, out, force)
    chosen, warnings = select(archive_dir, selection)

    created = datetime.now(timezone.utc)
    tmp = out.with_name(f".{out.name}.partial-{os.getpid()}")
    writer = _WRITERS[fmt](tmp, created.timestamp())
    try:
        result = _write_pack(writer, archive_dir, chosen, selection, fmt, compress_files,
                             created, out.parent, warnings, progress)
        writer.close()
    except BaseException:
        writer.abort()
        _remove(tmp)
        raise
    if out.is_dir() and not out.is_symlink():
        _remove(out)  # a folder cannot be replaced by rename; a file is, atomically
    os.replace(tmp, out)
    return PackResult(out, result, warnings)


def _check_output(archive_dir: Path, out: Path, force: bool) -> None:
    resolved = out.resolve()
    if resolved == archive_dir or (resolved.is_relative_to(archive_dir) and not any(
            part.startswith(".") for part in resolved.relative_to(archive_dir).parts)):
        raise PackError(f"write the pack outside the archive (or in a dot-folder of it): {out}")
    if not out.parent.is_dir():
        raise PackError(f"no such folder for the output: {out.parent}")
    if out.exists() or out.is_symlink():
        if not force:
            raise PackError(f"{out} exists; use --force to replace it")
        if out.is_dir() and not (out / MANIFEST_NAME).is_file():
            raise PackError(f"{out} is a folder but not a pack (no {MANIFEST_NAME}); not replacing it")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def _write_pack(writer: _Writer, archive_dir: Path, chosen, selection: Selection, fmt: str,
                compress_files: bool, created: datetime, workdir: Path, warnings: list[str],
                progress) -> dict:
    schema_raw = schema_bytes()
    schema_member = writer.add_bytes(SCHEMA_NAME, schema_raw)

    sources: dict[str, SourceTally] = {}
    warc_refs: Counter = Counter()
    files = []
    for number, (source, day, path) in enumerate(chosen, 1):
        tally = sources.setdefault(source, SourceTally(source))
        entry = _pack_day_file(writer, archive_dir, source, day, path, tally, selection,
                               compress_files, warc_refs, workdir, warnings)
        if entry is not None:
            files.append(entry)
        if progress and number % 200 == 0:
            progress(f"{number}/{len(chosen)} files")
    sources = {name: t for name, t in sources.items() if t.files}
    if not files:
        warnings.append("nothing matched the selection: the pack holds no records")

    raw, raw_missing = [], []
    for name in sorted(warc_refs):
        target = archive_dir / name
        if not RAW_NAME_RE.match(name) or not target.is_file():
            raw_missing.append({"path": name, "records": warc_refs[name]})
            warnings.append(f"{name}:0: referenced by {warc_refs[name]} packed record(s) but not "
                            f"in the archive; listed under raw_missing")
            continue
        with open(target, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            tap = Tap(LimitedReader(fh, size))
            writer.add(name, size, tap, stored=True)
        raw.append({"path": name, "sha256": tap.hexdigest, "bytes": tap.bytes,
                    "records": warc_refs[name]})

    schema = json.loads(schema_raw)
    filters = {
        "sources": list(selection.sources) or None,
        "since": selection.since.isoformat() if selection.since else None,
        "until": selection.until.isoformat() if selection.until else None,
        "crawled_since": selection.crawled_since.isoformat() if selection.crawled_since else None,
        "format": fmt,
        "compress_files": compress_files,
    }
    packed_days = {}
    for entry in files:
        packed_days.setdefault(entry["source"], set()).add(entry["day"])
    jobs = manifest_mod.select_jobs(manifest_mod.read_jobs(archive_dir), packed_days,
                                    selection.crawled_since)
    draft = manifest_mod.build(
        created_at=created.isoformat(timespec="seconds"), crawler=manifest_mod.crawler_info(),
        schema=schema, schema_member=schema_member, archive_dir=archive_dir, filters=filters,
        files=files, raw=raw, raw_missing=raw_missing, documents=[], jobs=jobs)
    sheet = datasheet.render(draft, sources, schema).encode("utf-8")
    draft["documents"].append(writer.add_bytes(DATASHEET_NAME, sheet))
    writer.add_bytes(MANIFEST_NAME, (json.dumps(draft, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return draft


def _pack_day_file(writer: _Writer, archive_dir: Path, source: str, day: str, path: Path,
                   tally: SourceTally, selection: Selection, compress: bool, warc_refs: Counter,
                   workdir: Path, warnings: list[str]) -> dict | None:
    rel = path.relative_to(archive_dir).as_posix()
    name = data_path(source, day, compress)
    ft = FileTally(tally, day, selection.crawled_since, warc_refs)
    with open(path, "rb") as fh:
        size_at_open = os.fstat(fh.fileno()).st_size
        limit = complete_length(fh, size_at_open)
        if limit < size_at_open:
            warnings.append(f"{rel}:0: {size_at_open - limit} bytes after the last newline "
                            f"(a line being written, or a torn one) left out")
        if limit == 0:
            return None
        if selection.crawled_since is None and not compress:
            splitter = LineSplitter(ft.on_line)
            tap = Tap(LimitedReader(fh, limit), splitter.feed)
            writer.add(name, limit, tap)
            stored_sha, stored_bytes = tap.hexdigest, tap.bytes
        else:
            with tempfile.TemporaryFile(dir=workdir, prefix=".pack-") as tmp:
                sink = (gzip.GzipFile(filename="", mode="wb", fileobj=tmp, compresslevel=GZIP_LEVEL, mtime=0)
                        if compress else tmp)

                def keep(line: bytes) -> None:
                    if ft.on_line(line):
                        sink.write(line + b"\n")

                splitter = LineSplitter(keep)
                copy_stream(LimitedReader(fh, limit), splitter.feed)
                if compress:
                    sink.close()
                tmp.flush()
                if ft.records == 0:
                    return None
                tmp.seek(0)
                size = os.fstat(tmp.fileno()).st_size
                tap = Tap(LimitedReader(tmp, size))
                writer.add(name, size, tap, stored=compress)
                stored_sha, stored_bytes = tap.hexdigest, tap.bytes
    for line in ft.invalid_lines[:5]:
        warnings.append(f"{rel}:{line}: not a JSON object (packed as is; `scrapy verify` will report it)")
    ft.close()
    tally.bytes += stored_bytes
    lines_member = writer.add_bytes(index_path(source, day), ft.index_bytes())
    return {
        "path": name,
        "source": source,
        "day": day,
        "compression": "gzip" if compress else None,
        "sha256": stored_sha,
        "bytes": stored_bytes,
        "records": ft.records,
        "first_published_at": ft.published.first,
        "last_published_at": ft.published.last,
        "lines": lines_member,
    }

