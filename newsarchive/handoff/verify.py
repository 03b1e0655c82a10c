"""Check a pack (.tar.gz, .zip or folder) or a live archive folder, line by line.

Every data line is parsed once (``json.loads``) and validated against the
record schema (a validator built once; see ``schemacheck``); each record must
sit in the file of its day (``archive_day``) under its source's folder, and an
``id`` may appear once per version within a source (versions increasing
within a file). A pack is also checked against its manifest: every member's
sha256 and size, every data file's record count and publication range, and
nothing missing or extra. The per-line fingerprints in ``index/`` let a
changed, missing or added line be named by its line number.

Everything streams: a tar.gz is read once from start to end; memory grows
only with the number of distinct ids (for the uniqueness check).
"""

from __future__ import annotations

import difflib
import gzip
import json
import os
import tarfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from newsarchive.handoff.layout import (
    DATASHEET_NAME,
    LINE_HASH_HEX,
    MANIFEST_NAME,
    RAW_NAME_RE,
    SCHEMA_NAME,
    parse_data_path,
    parse_day,
    parse_index_path,
)
from newsarchive.handoff.lines import CHUNK, LimitedReader, LineSplitter, Tap, line_hash
from newsarchive.record.schemacheck import RecordValidator
from newsarchive.handoff.tally import Range, instant
from newsarchive.store.inventory import day_files
from newsarchive.record.format import archive_day, load_schema

_READ_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile, tarfile.TarError)
_VERSION_BITS = 32


@dataclass
class Problem:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


@dataclass
class Result:
    kind: str  # "pack" or "archive"
    target: str
    files: int = 0
    records: int = 0
    raw_files: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def summary(self) -> str:
        state = "OK" if self.ok else "FAILED"
        extra = f", {self.raw_files} raw files" if self.raw_files else ""
        return (f"verify {state}: {self.kind} {self.target}: {self.files} data files, "
                f"{self.records} records{extra}; {self.problem_count} problem"
                f"{'' if self.problem_count == 1 else 's'}")


@dataclass
class _Member:
    """What was read of one pack member."""

    sha256: str
    bytes: int
    records: int | None = None
    published: Range | None = None
    hashes: bytearray | None = None  # data files, until compared with their index
    readable: bool = True


class Verifier:
    def __init__(self, kind: str, target: str, keep: int = 1000):
        self.result = Result(kind, target)
        self.keep = keep
        self._validator: RecordValidator | None = None
        self._ids: dict[str, dict[int, int]] = {}
        self._file_names: list[str] = []
        self._warc_refs: dict[str, tuple[str, int]] = {}

    # -- reporting -------------------------------------------------------------

    def problem(self, path: str, line: int, what: str) -> None:
        self.result.problem_count += 1
        if len(self.result.problems) < self.keep:
            self.result.problems.append(Problem(path, line, what))

    @property
    def validator(self) -> RecordValidator:
        if self._validator is None:
            self._validator = RecordValidator(load_schema())
        return self._validator

    def use_schema(self, schema_bytes: bytes, path: str) -> None:
        try:
            self._validator = RecordValidator(json.loads(schema_bytes))
        except Exception as exc:  # noqa: BLE001 - any broken schema is one problem
            self.problem(path, 0, f"not a usable JSON Schema ({exc}); lines checked against the "
                                  f"crawler's own schema")

    # -- one data file ---------------------------------------------------------

    def check_data(self, rel: str, reader, source: str, day_text: str, gz: bool,
                   grown=None) -> _Member:
        """Stream one day file: hash, count, and check every line.

        ``grown()`` (live archives) tells whether the file grew while it was
        read, in which case a partial last line is a write in progress.
        """
        day = parse_day(day_text)
        if day is None:
            self.problem(rel, 0, f"file name {day_text!r} is not a day (YYYY-MM-DD)")
        validate = self.validator.problems
        problem = self.problem
        seen = self._ids.setdefault(source, {})
        file_no = len(self._file_names)
        self._file_names.append(rel)
        in_file: dict[int, int] = {}
        hashes = bytearray()
        published = Range()
        warc_refs = self._warc_refs
        number = 0

        def on_line(line: bytes) -> None:
            nonlocal number
            number += 1
            hashes.extend(line_hash(line))
            try:
                record = json.loads(line)
            except UnicodeDecodeError as exc:
                problem(rel, number, f"not UTF-8 ({exc.reason} at byte {exc.start})")
                return
            except ValueError as exc:
                problem(rel, number, f"not JSON ({exc})")
                return
            if not isinstance(record, dict):
                problem(rel, number, f"not a JSON object but {type(record).__name__}")
                return
            for what in validate(record):
                problem(rel, number, what)
            if record.get("source") != source:
                problem(rel, number, f"source {record.get('source')!r} in the folder of {source!r}")
            if day is not None and (record.get("published_at") or record.get("crawled_at")):
                own = archive_day(record)
                if own != day:
                    problem(rel, number, f"belongs in the file of {own.isoformat()} (UTC day of "
                                         f"{'published_at' if instant(record.get('published_at')) else 'crawled_at'}), "
                                         f"not {day.isoformat()}")
            published.add(record.get("published_at"))
            rid = record.get("id")
            if isinstance(rid, str):
                try:
                    key_id = int(rid, 16) if len(rid) <= 64 else None
                except ValueError:
                    key_id = None
                if key_id is not None:
                    version = record.get("version", 1)
                    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
                        version = 1
                    version = min(version, (1 << _VERSION_BITS) - 1)
                    key = (key_id << _VERSION_BITS) | version
                    where = seen.get(key)
                    if where is not None:
                        first = f"{self._file_names[where >> 32]}:{where & 0xFFFFFFFF}"
                        v = "" if version == 1 and "version" not in record else f" version {version}"
                        problem(rel, number, f"duplicate: id {rid}{v} already at {first}")
                    else:
                        seen[key] = (file_no << 32) | number
                    last = in_file.get(key_id)
                    if last is not None and version < last:
                        problem(rel, number, f"id {rid} version {version} after version {last} "
                                             f"in the same file (versions must increase)")
                    in_file[key_id] = max(version, last or 0)
            warc = record.get("warc")
            if isinstance(warc, dict) and isinstance(warc.get("file"), str):
                warc_refs.setdefault(warc["file"], (rel, number))

        tap = Tap(reader)
        splitter = LineSplitter(on_line)
        member = _Member("", 0, published=published, hashes=hashes)
        try:
            stream = gzip.GzipFile(fileobj=tap, mode="rb") if gz else tap
            while chunk := stream.read(CHUNK):
                splitter.feed(chunk)
            if gz:
                tap.drain()
        except _READ_ERRORS as exc:
            problem(rel, 0, f"cannot be read to the end ({type(exc).__name__}: {exc})")
            member.readable = False
            splitter.partial = b""
        if splitter.partial:
            if grown is not None and grown():
                pass  # a line being appended by a running crawl, not damage
            else:
                problem(rel, number + 1, f"partial last line: {len(splitter.partial)} bytes "
                                         f"without a newline (truncated file?)")
        member.sha256, member.bytes, member.records = tap.hexdigest, tap.bytes, number
        self.result.files += 1
        self.result.records += number
        return member

    # -- a live archive ----------------------------------------------------------

    def verify_archive(self, archive_dir: Path) -> Result:
        for path in day_files(archive_dir):
            rel = path.relative_to(archive_dir).as_posix()
            with open(path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size

                def grown(path=path, size=size) -> bool:
                    time.sleep(0.2)
                    try:
                        return path.stat().st_size > size
                    except OSError:
                        return False

                self.check_data(rel, LimitedReader(fh, size), path.parent.name, path.stem, False, grown)
        for name, (rel, line) in sorted(self._warc_refs.items()):
            if not RAW_NAME_RE.match(name) or not (archive_dir / name).is_file():
                self.problem(rel, line, f"raw capture {name} is not in the archive")
        self.result.raw_files = len(list((archive_dir / "raw").glob("*.warc.gz")))
        return self.result

    # -- a pack ------------------------------------------------------------------

    def verify_pack(self, members: Iterator[tuple[str, object]]) -> Result:
        observed: dict[str, _Member] = {}
        index: dict[str, bytes] = {}
        manifest = None
        try:
            for name, reader in members:
                if name in observed:
                    self.problem(name, 0, "appears twice in the pack")
                    continue
                data_key = parse_data_path(name)
                if data_key is not None:
                    source, day, gz = data_key
                    observed[name] = self.check_data(name, reader, source, day, gz)
                    continue
                tap = Tap(reader)
                keep = name in (MANIFEST_NAME, SCHEMA_NAME) or parse_index_path(name) is not None
                body = bytearray()
                try:
                    while chunk := tap.read(CHUNK):
                        if keep:
                            body += chunk
                except _READ_ERRORS as exc:
                    self.problem(name, 0, f"cannot be read to the end ({type(exc).__name__}: {exc})")
                observed[name] = _Member(tap.hexdigest, tap.bytes)
                if name == MANIFEST_NAME:
                    try:
                        manifest = json.loads(bytes(body))
                        if not isinstance(manifest, dict):
                            raise ValueError("not a JSON object")
                    except ValueError as exc:
                        self.problem(name, 0, f"not readable JSON ({exc})")
                        manifest = None
                elif name == SCHEMA_NAME:
                    if self.result.files:
                        self.problem(name, 0, "comes after data files; lines were checked against "
                                              "the crawler's own schema")
                    else:
                        self.use_schema(bytes(body), name)
                elif parse_index_path(name) is not None:
                    index[name] = bytes(body)
                    self._compare_early(name, observed, index)
                elif RAW_NAME_RE.match(name):
                    self.result.raw_files += 1
        except _READ_ERRORS as exc:
            self.problem(self.result.target, 0, f"the pack cannot be read to the end "
                                                f"({type(exc).__name__}: {exc})")
        if manifest is None:
            if MANIFEST_NAME not in observed:
                self.problem(MANIFEST_NAME, 0, "missing: no manifest, nothing to check sizes and "
                                               "checksums against")
            return self.result
        self._reconcile(manifest, observed, index)
        return self.result

    def _compare_early(self, index_name: str, observed: dict[str, _Member], index: dict[str, bytes]) -> None:
        """Index right after its data file (as packed): drop both when they agree."""
        source, day = parse_index_path(index_name)
        for name in (f"data/{source}/{day}.jsonl", f"data/{source}/{day}.jsonl.gz"):
            member = observed.get(name)
            if member is not None and member.hashes is not None:
                if _parse_index(index[index_name]) == _split_hashes(member.hashes):
                    member.hashes = None
                    index[index_name] = b""

    def _reconcile(self, manifest: dict, observed: dict[str, _Member], index: dict[str, bytes]) -> None:
        expected: dict[str, tuple[str, dict]] = {}
        files = manifest.get("files") if isinstance(manifest.get("files"), list) else []
        for entry in files:
            if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
                self.problem(MANIFEST_NAME, 0, f"a files entry without a path: {entry!r:.80}")
                continue
            expected[entry["path"]] = ("data", entry)
            lines = entry.get("lines")
            if isinstance(lines, dict) and isinstance(lines.get("path"), str):
                expected[lines["path"]] = ("index", lines)
        for kind, key in (("raw", "raw"), ("document", "documents")):
            for entry in manifest.get(key) or []:
                if isinstance(entry, dict) and isinstance(entry.get("path"), str):
                    expected[entry["path"]] = (kind, entry)
        schema = manifest.get("schema")
        if isinstance(schema, dict) and isinstance(schema.get("path"), str):
            expected[schema["path"]] = ("schema", schema)

        for name, (kind, entry) in sorted(expected.items()):
            member = observed.get(name)
            if member is None:
                self.problem(name, 0, "listed in manifest.json but missing from the pack")
                continue
            if member.sha256 != entry.get("sha256") or member.bytes != entry.get("bytes"):
                self.problem(name, 0, f"changed since packing: {member.bytes} bytes, sha256 "
                                      f"{member.sha256[:16]}…; manifest.json says {entry.get('bytes')} "
                                      f"bytes, sha256 {str(entry.get('sha256'))[:16]}…")
            if kind != "data":
                continue
            if member.records is not None and member.records != entry.get("records"):
                self.problem(name, 0, f"{member.records} records; manifest.json says {entry.get('records')}")
            if member.readable and member.published is not None and (
                    member.published.first != entry.get("first_published_at")
                    or member.published.last != entry.get("last_published_at")):
                self.problem(name, 0, f"published {member.published.first} … {member.published.last}; "
                                      f"manifest.json says {entry.get('first_published_at')} … "
                                      f"{entry.get('last_published_at')}")
            self._diff_lines(name, entry, member, observed, index)
        for name in sorted(observed):
            if name != MANIFEST_NAME and name not in expected:
                self.problem(name, 0, "in the pack but not listed in manifest.json")

        missing_ok = {e.get("path") for e in manifest.get("raw_missing") or [] if isinstance(e, dict)}
        for name, (rel, line) in sorted(self._warc_refs.items()):
            if name not in observed and name not in missing_ok:
                self.problem(rel, line, f"raw capture {name} is not in the pack")
        self._check_totals(manifest, files)

    def _diff_lines(self, name: str, entry: dict, member: _Member, observed: dict[str, _Member],
                    index: dict[str, bytes]) -> None:
        """Name the lines that differ from the packed ones, when the index is intact."""
        if member.hashes is None or not member.readable:
            return
        lines = entry.get("lines") or {}
        index_name = lines.get("path")
        index_member = observed.get(index_name) if index_name else None
        if (index_member is None or index_member.sha256 != lines.get("sha256")
                or not index.get(index_name)):
            return
        want = _parse_index(index[index_name])
        have = _split_hashes(member.hashes)
        if want == have:
            return
        matcher = difflib.SequenceMatcher(None, want, have, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            if op == "replace" and i2 - i1 == j2 - j1:
                for k in range(j2 - j1):
                    self.problem(name, j1 + k + 1, f"line changed since packing (packed line {i1 + k + 1})")
            elif op == "replace":
                self.problem(name, j1 + 1, f"lines {j1 + 1}–{j2} differ from packed lines {i1 + 1}–{i2}")
            elif op == "delete":
                what = f"packed line {i1 + 1}" if i2 - i1 == 1 else f"packed lines {i1 + 1}–{i2}"
                self.problem(name, j1 + 1, f"{i2 - i1} line{'s' if i2 - i1 > 1 else ''} missing here ({what})")
            elif op == "insert":
                for k in range(j1, j2):
                    self.problem(name, k + 1, "line not in the pack as made (added or duplicated)")

    def _check_totals(self, manifest: dict, files: list) -> None:
        totals = manifest.get("totals")
        if not isinstance(totals, dict):
            self.problem(MANIFEST_NAME, 0, "no totals")
            return
        try:
            records = sum(int(e.get("records") or 0) for e in files if isinstance(e, dict))
            by_source: dict[str, int] = {}
            for e in files:
                by_source[e.get("source")] = by_source.get(e.get("source"), 0) + int(e.get("records") or 0)
        except (TypeError, ValueError, AttributeError):
            return
        if totals.get("records") != records or totals.get("files") != len(files):
            self.problem(MANIFEST_NAME, 0, f"totals say {totals.get('files')} files, "
                                           f"{totals.get('records')} records; the files list has "
                                           f"{len(files)} and {records}")
        listed = {k: (v or {}).get("records") for k, v in (totals.get("by_source") or {}).items()
                  if isinstance(v, dict)}
        if listed != by_source:
            self.problem(MANIFEST_NAME, 0, "totals.by_source disagree with the files list")


def _split_hashes(hashes: bytearray) -> list[bytes]:
    return [bytes(hashes[i:i + 8]) for i in range(0, len(hashes), 8)]


def _parse_index(data: bytes) -> list[bytes]:
    out = []
    for line in data.split(b"\n"):
        if len(line) == LINE_HASH_HEX:
            try:
                out.append(bytes.fromhex(line.decode("ascii")))
            except ValueError:
                out.append(b"?")
        elif line:
            out.append(b"?")
    return out


# -- reading packs -----------------------------------------------------------------


def _order(name: str):
    """schema.json first, each index right after its data file, manifest.json last."""
    if name == SCHEMA_NAME:
        return (0,)
    data = parse_data_path(name)
    if data is not None:
        return (1, data[0], data[1], 0, name)
    idx = parse_index_path(name)
    if idx is not None:
        return (1, idx[0], idx[1], 1, name)
    if name == MANIFEST_NAME:
        return (3,)
    return (2, name)


def tar_members(path: Path) -> Iterator[tuple[str, object]]:
    with tarfile.open(path, mode="r|*") as tar:
        for info in tar:
            if info.isdir():
                continue
            if not info.isfile():
                yield info.name, _Empty()
                continue
            yield info.name, tar.extractfile(info)


def zip_members(path: Path) -> Iterator[tuple[str, object]]:
    with zipfile.ZipFile(path) as zf:
        for info in sorted(zf.infolist(), key=lambda i: _order(i.filename)):
            if info.is_dir():
                continue
            with zf.open(info) as fh:
                yield info.filename, fh


def dir_members(root: Path) -> Iterator[tuple[str, object]]:
    names = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink()]
    for name in sorted(names, key=_order):
        with open(root / name, "rb") as fh:
            yield name, fh


class _Empty:
    def read(self, n=-1) -> bytes:
        return b""


def kind_of(path: Path) -> str:
    """"tar", "zip", "pack-dir" or "archive"; raises ValueError for anything else."""
    if path.is_dir():
        if (path / MANIFEST_NAME).is_file():
            return "pack-dir"
        if (path / "data").is_dir() and any((path / n).exists() for n in (SCHEMA_NAME, DATASHEET_NAME, "index")):
            return "pack-dir"  # a pack that lost its manifest: say so rather than pass it as empty
        if not any(day_files(path)):
            raise ValueError(f"{path} holds neither day files (<source>/<YYYY-MM-DD>.jsonl) "
                             f"nor a {MANIFEST_NAME}: not an archive or a pack")
        return "archive"
    if path.is_file():
        if zipfile.is_zipfile(path):
            return "zip"
        try:
            if tarfile.is_tarfile(path):
                return "tar"
        except (OSError, tarfile.TarError, EOFError, zlib.error):
            pass
        with open(path, "rb") as fh:
            if fh.read(2) == b"\x1f\x8b":
                return "tar"  # a damaged tar.gz: let the reader say where it breaks
        raise ValueError(f"{path} is neither a .tar.gz, a .zip nor a folder")
    raise ValueError(f"no such file or folder: {path}")


def verify(path: Path, keep: int = 1000) -> Result:
    path = Path(path)
    kind = kind_of(path)
    if kind == "archive":
        verifier = Verifier("archive", str(path), keep)
        result = verifier.verify_archive(path)
    else:
        verifier = Verifier("pack", str(path), keep)
        members = {"tar": tar_members, "zip": zip_members, "pack-dir": dir_members}[kind](path)
        result = verifier.verify_pack(members)
    result.problems.sort(key=lambda p: (p.path, p.line))
    return result


__all__ = ["verify", "kind_of", "Verifier", "Result", "Problem"]
