"""The archive as Parquet, one file per source, for analysts (pandas, DuckDB, R arrow).

``export_parquet(archive_dir, out_dir)`` streams each source's day files into
``<out_dir>/<source>.parquet`` in row groups of ``batch_rows`` records, so
memory stays bounded by one batch whatever the size of the archive. The Arrow
schema is explicit (``SCHEMA``): timestamps are ``timestamp[us, tz=UTC]``
instants, and the UTC offset each one was printed with is kept next to it in
``<name>_offset_minutes`` (int16), so ``iso_string(instant, offset)`` gives
back the archived ISO 8601 text exactly.

What is read is a snapshot: the day files and their sizes when the export
starts; only complete lines (ending in ``\\n``) count, so a crawl appending
at the same time is neither blocked nor half-read. Output files appear
atomically (written under a temporary name, then renamed).

``latest_only=True`` keeps one row per ``id`` within a source: the highest
``version`` (a missing ``version`` is 1); between lines with the same version,
the last one in reading order (day files by date, lines in append order). It
reads the source twice, holding only ``id -> (version, position)`` in between.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsarchive.store.inventory import complete_lines, day_files
from newsarchive.record.format import FIELDS, SCHEMA_VERSION

#: Records per row group (and per batch held in memory).
BATCH_ROWS = 10_000
#: The timestamp fields; each gets a ``<name>_offset_minutes`` column after it.
TIMESTAMP_FIELDS = ("published_at", "modified_at", "crawled_at")

_UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)
_US = timedelta(microseconds=1)
_TS = pa.timestamp("us", tz="UTC")
_OFFSET_DOC = {b"description": b"UTC offset (minutes) the timestamp was printed with in the archive; "
                               b"null when printed without one"}


def _field(name: str, type_: pa.DataType, nullable: bool = True, doc: str | None = None) -> pa.Field:
    return pa.field(name, type_, nullable=nullable,
                    metadata={b"description": doc.encode()} if doc else None)


SCHEMA = pa.schema([
    _field("id", pa.string(), False),
    _field("source", pa.string(), False),
    _field("url", pa.string(), False),
    _field("title", pa.string(), False),
    _field("body", pa.string(), False),
    _field("related", pa.list_(pa.struct([("url", pa.string()), ("title", pa.string())])), False),
    _field("published_at", _TS),
    pa.field("published_offset_minutes", pa.int16(), metadata=_OFFSET_DOC),
    _field("modified_at", _TS),
    pa.field("modified_offset_minutes", pa.int16(), metadata=_OFFSET_DOC),
    _field("authors", pa.list_(pa.string()), False),
    _field("section", pa.string()),
    _field("tags", pa.list_(pa.string()), False),
    _field("language", pa.string()),
    _field("crawled_at", _TS, False),
    pa.field("crawled_offset_minutes", pa.int16(), metadata=_OFFSET_DOC),
    _field("schema_version", pa.int16(), False),
    _field("duplicate_of", pa.string()),
    _field("version", pa.int32(), False, "1 for the first capture; corrections have higher versions"),
    _field("warc", pa.struct([("file", pa.string()), ("offset", pa.int64())])),
], metadata={b"news_archive.record_schema_version": str(SCHEMA_VERSION).encode()})

_REQUIRED = {"id", "source", "url", "title", "body", "related", "authors", "tags", "crawled_at",
             "schema_version"}
_STRINGS = ("id", "source", "url", "title", "body", "section", "language", "duplicate_of")


class ExportError(Exception):
    """An archive that cannot be exported faithfully (unreadable line, unknown field)."""


class ExportRequestError(ExportError):
    """Nothing to export as asked: no archive there, or an unknown source."""


@dataclass
class _Snapshot:
    path: Path
    size: int  # bytes present when the export started


def _missing(value) -> bool:
    """None, or a null as pandas spells it (NaN, NaT, pd.NA)."""
    return value is None or (isinstance(value, float) and value != value) or \
        type(value).__name__ in ("NaTType", "NAType")


def iso_string(instant, offset_minutes) -> str | None:
    """The archived ISO 8601 text of a timestamp column value and its offset column value.

    ``instant`` is a timezone-aware ``datetime`` (or pandas ``Timestamp``) or None;
    ``offset_minutes`` an int or None (None: the text had no offset).
    """
    if _missing(instant):
        return None
    if hasattr(instant, "to_pydatetime"):
        instant = instant.to_pydatetime()
    if _missing(offset_minutes):
        return instant.astimezone(_UTC).replace(tzinfo=None).isoformat()
    return instant.astimezone(timezone(timedelta(minutes=int(offset_minutes)))).isoformat()


def _timestamp(value, name: str, notes: dict) -> tuple[int | None, int | None]:
    """(microseconds since the epoch, offset minutes) of an archived ISO string."""
    if value is None:
        return None, None
    if not isinstance(value, str):
        raise ValueError(f"{name}: expected an ISO 8601 string, got {value!r}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name}: not an ISO 8601 date-time: {value!r}") from None
    offset = moment.utcoffset()
    if offset is None:
        minutes, utc = None, moment.replace(tzinfo=_UTC)
    else:
        minutes, utc = int(offset // timedelta(minutes=1)), moment
    micros = (utc - _EPOCH) // _US
    if iso_string(_EPOCH + micros * _US, minutes) != value:
        # e.g. "Z" for "+00:00", ".5" for ".500000", a bare date: same instant, other spelling.
        notes[name] = notes.get(name, 0) + 1
    return micros, minutes


def _string_list(value, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name}: expected a list of strings, got {value!r}")
    return value


def _integer(value, bits: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -(2 ** (bits - 1)) <= value < 2 ** (bits - 1)


def _row(record: dict, notes: dict) -> dict:
    """One record as column values; raises ValueError on anything that would not round-trip."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    unknown = set(record) - set(FIELDS)
    if unknown:
        raise ValueError(f"fields not in record schema {SCHEMA_VERSION}: {', '.join(sorted(unknown))}")
    missing = sorted(n for n in _REQUIRED if record.get(n) is None)
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    row = {}
    for name in _STRINGS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name}: expected a string, got {value!r}")
        row[name] = value
    related = record["related"]
    if not isinstance(related, list) or not all(
            isinstance(r, dict) and set(r) == {"url", "title"} and all(isinstance(v, str) for v in r.values())
            for r in related):
        raise ValueError(f"related: expected a list of {{url, title}} strings, got {related!r}")
    row["related"] = related
    for name in TIMESTAMP_FIELDS:
        row[name], row[name.removesuffix("_at") + "_offset_minutes"] = _timestamp(record.get(name), name, notes)
    row["authors"] = _string_list(record["authors"], "authors")
    row["tags"] = _string_list(record["tags"], "tags")
    for name, default, bits in (("schema_version", None, 16), ("version", 1, 32)):
        value = record.get(name)
        value = default if value is None else value
        if not _integer(value, bits):
            raise ValueError(f"{name}: expected an integer, got {value!r}")
        row[name] = value
    warc = record.get("warc")
    if warc is not None and not (isinstance(warc, dict) and set(warc) == {"file", "offset"}
                                 and isinstance(warc["file"], str) and _integer(warc["offset"], 64)):
        raise ValueError(f"warc: expected {{file, offset}} or null, got {warc!r}")
    row["warc"] = warc
    return row


def _lines(snapshots: list[_Snapshot]) -> Iterator[tuple[int, Path, int, dict]]:
    """(position, path, line number, record) of every complete line, in reading order."""
    position = 0
    for snap in snapshots:
        for number, line in complete_lines(snap.path, snap.size):
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise ExportError(f"{snap.path}:{number}: not a JSON line: {exc}") from None
            yield position, snap.path, number, record
            position += 1


def _version_of(record: dict) -> int:
    version = record.get("version") if isinstance(record, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else 1


def _latest_positions(snapshots: list[_Snapshot]) -> set[int]:
    best: dict[str, tuple[int, int]] = {}
    for position, _path, _number, record in _lines(snapshots):
        key = record.get("id") if isinstance(record, dict) else None
        candidate = (_version_of(record), position)
        if key not in best or candidate >= best[key]:
            best[key] = candidate
    return {position for _version, position in best.values()}


def _write_source(snapshots: list[_Snapshot], target: Path, *, latest_only: bool, batch_rows: int,
                  notes: dict) -> int:
    keep = _latest_positions(snapshots) if latest_only else None
    temporary = target.with_name(f".{target.name}.tmp")
    schema = SCHEMA.with_metadata({**SCHEMA.metadata, b"news_archive.latest_only": str(latest_only).lower().encode()})
    rows = 0
    try:
        with pq.ParquetWriter(temporary, schema, compression="zstd") as writer:
            batch: list[dict] = []
            for position, path, number, record in _lines(snapshots):
                if keep is not None and position not in keep:
                    continue
                try:
                    batch.append(_row(record, notes))
                except ValueError as exc:
                    raise ExportError(f"{path}:{number}: {exc}") from None
                if len(batch) >= batch_rows:
                    rows += _flush(writer, batch, path)
            rows += _flush(writer, batch, snapshots[-1].path if snapshots else target)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return rows


def _flush(writer: pq.ParquetWriter, batch: list[dict], where: Path) -> int:
    if not batch:
        return 0
    try:
        table = pa.Table.from_pylist(batch, schema=writer.schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as exc:
        raise ExportError(f"a batch ending in {where}: {exc}") from None
    writer.write_table(table, row_group_size=len(batch))
    count = len(batch)
    batch.clear()
    return count


def archive_sources(archive_dir: Path) -> dict[str, list[Path]]:
    """Source name -> its day files, in date order."""
    sources: dict[str, list[Path]] = {}
    for path in day_files(Path(archive_dir)):
        sources.setdefault(path.parent.name, []).append(path)
    return sources


def export_parquet(archive_dir, out_dir, sources: Iterable[str] | None = None, latest_only: bool = False,
                   *, batch_rows: int = BATCH_ROWS,
                   report: Callable[[str], None] | None = None) -> dict[str, int]:
    """Write ``<out_dir>/<source>.parquet`` for each source; return rows written per source.

    ``sources`` limits the export (unknown names raise ``ExportError``);
    ``report`` receives one-line notes, e.g. timestamps whose text was not in
    the canonical form and so comes back re-spelled (same instant).
    """
    archive_dir, out_dir = Path(archive_dir), Path(out_dir)
    if not archive_dir.is_dir():
        raise ExportRequestError(f"no archive at {archive_dir} (not a directory)")
    found = archive_sources(archive_dir)
    wanted = list(dict.fromkeys(sources)) if sources else list(found)
    unknown = [s for s in wanted if s not in found]
    if unknown:
        have = ", ".join(found) or "none"
        raise ExportRequestError(f"no source {', '.join(unknown)} in {archive_dir} (sources: {have})")
    # Sizes first, for every source, so the export is one consistent snapshot.
    plan = {s: [_Snapshot(p, p.stat().st_size) for p in found[s]] for s in wanted}
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for source, snapshots in plan.items():
        notes: dict[str, int] = {}
        counts[source] = _write_source(snapshots, out_dir / f"{source}.parquet", latest_only=latest_only,
                                       batch_rows=batch_rows, notes=notes)
        if notes and report:
            detail = ", ".join(f"{n} {name}" for name, n in notes.items())
            report(f"{source}: {detail} not in canonical ISO form (same instant kept, text re-spelled)")
    return counts
