"""Scrapy's feed exports give the archive's records: ``-O feed.jsonl`` lines are the day files' lines.

The crawl is run as a new user would run it, with no feed setting on the
command line: the project's ``FEED_EXPORTERS`` must map the JSON lines
formats to ``crawler.exporters.RecordLinesExporter``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import read_archive, run_crawl
from crawler.exporters import RecordLinesExporter
from crawler.pipelines.archive import append_record
from newsarchive.record.format import FIELDS, archive_day, day_file, public, to_line
from newsarchive.record.item import new_item
from newsarchive.store.inventory import day_files
from sample_site.server import SampleServer

PAGE = {"url": "https://x.example/2020/02/02/a", "title": "عنوان \"مقتبس\"", "body": "نص الخبر.\n\nفقرة ثانية.",
        "related": [{"url": "https://x.example/b", "title": "اقرأ أيضاً"}],
        "published_at": "2020-02-02T10:00:00+02:00", "modified_at": None, "authors": ["سمير حداد"],
        "section": "محليات", "tags": ["سياسة"], "language": "ar"}


def exported(items, **options) -> bytes:
    out = io.BytesIO()
    exporter = RecordLinesExporter(out, **options)
    exporter.start_exporting()
    for item in items:
        exporter.export_item(item)
    exporter.finish_exporting()
    return out.getvalue()


def test_the_exporter_writes_the_archive_line(tmp_path):
    item = new_item(PAGE, source="x.example", aliases=["https://x.example/?p=2"], boilerplate=["تابعونا"])
    path = day_file(tmp_path, "x.example", archive_day(item))
    append_record(tmp_path, path, public(item))
    assert exported([item], encoding="utf-8") == to_line(item) == path.read_bytes()


def test_the_exporter_keeps_the_line_format_whatever_the_feed_options(caplog):
    items = [new_item(PAGE, source="x.example"), new_item({**PAGE, "url": "https://x.example/c"}, source="x.example")]
    lines = b"".join(to_line(item) for item in items)
    assert exported(items, fields_to_export=list(FIELDS), encoding="utf-8") == lines
    assert not caplog.records
    assert exported(items, fields_to_export=["title", "url"], encoding="latin-1", indent=4) == lines
    assert len([r for r in caplog.records if "ignored" in r.getMessage()]) == 2


@pytest.fixture(scope="module")
def fed(tmp_path_factory):
    """The sample site crawled once with WARC capture, exporting -O feed.jsonl and -O feed.csv."""
    work = tmp_path_factory.mktemp("feed")
    archive, feed, table = work / "archive", work / "feed.jsonl", work / "feed.csv"
    with SampleServer("wasila") as server:
        proc = run_crawl([f"url={server.base_url}/"], archive, ["WARC_ENABLED=True"],
                         options=["-O", str(feed), "-O", str(table)])
    assert proc.returncode == 0, proc.stderr[-2000:]
    return archive, feed, table


def archived_lines(archive: Path) -> dict[str, bytes]:
    out = {}
    for path in day_files(archive):
        for line in path.read_bytes().splitlines(keepends=True):
            out[json.loads(line)["id"]] = line
    return out


def test_feed_lines_are_the_archived_lines(fed):
    archive, feed, _ = fed
    lines = feed.read_bytes().splitlines(keepends=True)
    archived = archived_lines(archive)
    assert len(archived) == len(read_archive(archive)) > 1  # also checks the day files against the schema
    assert len(lines) == len(archived)
    for line in lines:
        assert line == archived[json.loads(line)["id"]]


def test_feed_records_are_public_fields_in_schema_order_with_warc(fed):
    _, feed, _ = fed
    for line in feed.read_bytes().splitlines():
        record = json.loads(line)
        assert not [key for key in record if key.startswith("_")]
        assert list(record) == list(FIELDS)
        assert record["warc"]["file"].startswith("raw/") and record["warc"]["offset"] >= 0


def test_csv_feed_columns_are_the_schema_fields(fed):
    _, feed, table = fed
    with table.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and list(rows[0]) == list(FIELDS)
    assert sorted(r["id"] for r in rows) == sorted(json.loads(line)["id"] for line in feed.read_bytes().splitlines())
