"""Raw capture: WARC files written during a crawl re-extract to the archived records."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from warcio.archiveiterator import ArchiveIterator

from conftest import REPO, read_archive, run_crawl
from sample_site.server import SampleServer

COMPARED = ("id", "source", "url", "title", "body", "related", "published_at", "modified_at",
            "authors", "section", "tags", "language", "warc")


def test_capture_and_re_extraction_round_trip(tmp_path, validate_record):
    with SampleServer("oldpress") as server:
        proc = run_crawl([f"url={server.base_url}/"], tmp_path,
                         ["WARC_ENABLED=True", "WARC_MAX_BYTES=3000"])
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = [r for _, r in read_archive(tmp_path)]
    assert len(records) == 5
    files = sorted((tmp_path / "raw").glob("*.warc.gz"))
    assert len(files) >= 2  # rotated by size
    with open(files[0], "rb") as fh:
        first = next(iter(ArchiveIterator(fh)))
        assert first.rec_type == "warcinfo"
        assert b"regional-news-archive" in first.content_stream().read()
    for record in records:
        validate_record(record)
        warc = record["warc"]
        assert (tmp_path / warc["file"]).is_file()
        again = subprocess.run(
            [sys.executable, "-m", "scrapy", "extract", "--warc", str(tmp_path / warc["file"]),
             "--offset", str(warc["offset"]), "--jsonl"],
            cwd=REPO, capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert again.returncode == 0, again.stderr
        redone = json.loads(again.stdout)
        assert {k: redone[k] for k in COMPARED} == {k: record[k] for k in COMPARED}


def test_no_capture_by_default(tmp_path):
    with SampleServer("oldpress") as server:
        run_crawl([f"url={server.base_url}/", "max_articles=1"], tmp_path)
    assert not (tmp_path / "raw").exists()
    assert all(r["warc"] is None for _, r in read_archive(tmp_path))
