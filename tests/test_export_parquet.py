"""`scrapy export --format parquet`: a real crawl's archive, exported and read back with pyarrow."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import REPO, read_archive, run_crawl
from newsarchive.handoff.parquet import SCHEMA, ExportError, export_parquet, iso_string
from newsarchive.record.format import FIELDS, to_line
from sample_site.server import SampleServer

TIMESTAMPS = ("published_at", "modified_at", "crawled_at")


def scrapy_export(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", "export", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "archive"
    with SampleServer("wasila") as server:
        proc = run_crawl([f"url={server.base_url}/"], path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = [r for _, r in read_archive(path)]
    assert len(records) >= 10
    return path


def source_of(archive) -> str:
    (folder,) = [p for p in archive.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return folder.name


def check_row(row: dict, record: dict) -> None:
    """One Parquet row against its JSONL record, field by field."""
    for name in FIELDS:
        if name in TIMESTAMPS:
            offset = row[name.removesuffix("_at") + "_offset_minutes"]
            if record[name] is None:
                assert row[name] is None and offset is None, name
            else:
                assert row[name] == datetime.fromisoformat(record[name]), name  # same instant
                assert iso_string(row[name], offset) == record[name], name  # same text
        elif name == "version":
            assert row[name] == record.get("version", 1)
        else:
            assert row[name] == record.get(name), name


def test_round_trip_every_field(archive, tmp_path):
    out = tmp_path / "out"
    proc = scrapy_export(archive, "--out", out, "--format", "parquet")
    assert proc.returncode == 0, proc.stderr
    source = source_of(archive)
    assert sorted(p.name for p in out.iterdir()) == [f"{source}.parquet"]  # no temporary file left
    records = [r for _, r in read_archive(archive)]
    assert proc.stdout.strip() == f"{source}: {len(records)} rows -> {out}/{source}.parquet"

    table = pq.read_table(out / f"{source}.parquet")
    assert table.schema.equals(SCHEMA)  # the explicit schema, not an inferred one
    assert table.schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("related").type == pa.list_(pa.struct([("url", pa.string()),
                                                                      ("title", pa.string())]))
    rows = table.to_pylist()
    assert len(rows) == len(records)
    for row, record in zip(rows, records):
        check_row(row, record)
    # The sample site prints +03:00: offsets are really kept, not all zero.
    assert {r["published_offset_minutes"] for r in rows} >= {180}
    assert any(r["related"] for r in rows) and any(r["tags"] for r in rows)


def test_streams_in_row_groups(archive, tmp_path):
    counts = export_parquet(archive, tmp_path, batch_rows=4)
    (rows,) = counts.values()
    meta = pq.ParquetFile(tmp_path / f"{source_of(archive)}.parquet").metadata
    assert meta.num_rows == rows and meta.num_row_groups == -(-rows // 4)
    assert max(meta.row_group(i).num_rows for i in range(meta.num_row_groups)) == 4


def test_pandas_reads_it(archive, tmp_path):
    import pandas as pd

    export_parquet(archive, tmp_path)
    frame = pd.read_parquet(tmp_path / f"{source_of(archive)}.parquet")
    records = [r for _, r in read_archive(archive)]
    assert len(frame) == len(records)
    for (_, row), record in zip(frame.iterrows(), records):
        for name in TIMESTAMPS:
            assert iso_string(row[name], row[name.removesuffix("_at") + "_offset_minutes"]) == record[name]


def test_latest_only_and_partial_lines(archive, tmp_path):
    copy = tmp_path / "archive"
    shutil.copytree(archive, copy, ignore=shutil.ignore_patterns(".*"))
    source = source_of(copy)
    shutil.copytree(copy / source, copy / "other")
    days = sorted((copy / source).glob("*.jsonl"))
    original = json.loads(days[-1].read_text(encoding="utf-8").splitlines()[0])
    corrected = {**original, "version": 2, "title": original["title"] + " (تصحيح)",
                 "modified_at": "2019-12-22T09:15:00+03:00"}
    # Version 2 lands in an earlier day file: reading order must not decide, the version does.
    with open(days[0], "ab") as fh:
        fh.write(to_line(corrected))
    with open(days[1], "ab") as fh:  # a crawl still appending: not a record yet
        fh.write(to_line({**original, "id": "f" * 24, "version": 7})[:-40])
    n = len(read_archive(archive))

    every = scrapy_export(copy, "--out", tmp_path / "all", "--format", "parquet", "--source", source)
    assert every.returncode == 0, every.stderr
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [f"{source}.parquet"]
    rows = pq.read_table(tmp_path / "all" / f"{source}.parquet").to_pylist()
    assert len(rows) == n + 1  # both versions, no partial line
    assert "f" * 24 not in {r["id"] for r in rows}

    latest = scrapy_export(copy, "--out", tmp_path / "latest", "--format", "parquet", "--latest-only")
    assert latest.returncode == 0, latest.stderr
    rows = pq.read_table(tmp_path / "latest" / f"{source}.parquet").to_pylist()
    assert len(rows) == n and len({r["id"] for r in rows}) == n
    (kept,) = [r for r in rows if r["id"] == original["id"]]
    check_row(kept, corrected)
    assert len(pq.read_table(tmp_path / "latest" / "other.parquet")) == n
    assert pq.read_schema(tmp_path / "latest" / "other.parquet").metadata[b"news_archive.latest_only"] == b"true"


def test_missing_archive_is_one_line(tmp_path):
    proc = scrapy_export(tmp_path / "nowhere", "--out", tmp_path / "out", "--format", "parquet")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [f"error: export: no archive at {tmp_path / 'nowhere'} (not a directory)"]
    assert not (tmp_path / "out").exists()


def test_unknown_source_and_bad_line(archive, tmp_path):
    proc = scrapy_export(archive, "--out", tmp_path / "out", "--format", "parquet", "--source", "nosuch")
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1
    assert "no source nosuch" in proc.stderr

    broken = tmp_path / "broken" / "site"
    broken.mkdir(parents=True)
    (broken / "2020-01-01.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    proc = scrapy_export(broken.parent, "--out", tmp_path / "out", "--format", "parquet")
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"error: export: {broken / '2020-01-01.jsonl'}:1: missing "
                                        "authors, body, crawled_at, related, schema_version, source, "
                                        "tags, title, url"]
    assert not (tmp_path / "out" / "site.parquet").exists()
    assert list((tmp_path / "out").iterdir()) == []  # no temporary file left behind


def test_other_spellings_keep_the_instant(tmp_path):
    """A "Z" suffix or a short fraction is schema-valid; the instant is kept and the re-spelling reported."""
    record = {name: None for name in FIELDS} | {
        "id": "a" * 24, "source": "s", "url": "https://s.example/1", "title": "t", "body": "b",
        "related": [], "authors": [], "tags": [], "language": "en", "schema_version": 1,
        "published_at": "2020-01-01T10:00:00.5Z", "crawled_at": "2020-01-02T00:00:00+00:00",
        "warc": {"file": "raw/a.warc.gz", "offset": 2 ** 40}}
    (tmp_path / "a" / "s").mkdir(parents=True)
    (tmp_path / "a" / "s" / "2020-01-01.jsonl").write_bytes(to_line(record))
    notes = []
    assert export_parquet(tmp_path / "a", tmp_path / "o", report=notes.append) == {"s": 1}
    (row,) = pq.read_table(tmp_path / "o" / "s.parquet").to_pylist()
    assert row["published_at"] == datetime.fromisoformat(record["published_at"])
    assert row["published_at"] - row["crawled_at"] == timedelta(hours=-14, microseconds=500000)
    assert iso_string(row["published_at"], row["published_offset_minutes"]) == "2020-01-01T10:00:00.500000+00:00"
    assert row["warc"] == record["warc"] and row["version"] == 1
    assert notes == ["s: 1 published_at not in canonical ISO form (same instant kept, text re-spelled)"]
    with pytest.raises(ExportError, match="no source zz"):
        export_parquet(tmp_path / "a", tmp_path / "o", sources=["zz"])
