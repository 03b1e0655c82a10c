"""`scrapy extract`: a saved page or a URL on 127.0.0.1, printed as the archived record."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import urllib.request

import pytest

from conftest import REPO
from sample_site.expected import expected_articles, non_article_paths
from sample_site.server import SampleServer

SEED = next(a for a in expected_articles("wasila") if a["path"] == "/2019/12/19/iran-turkey-idlib/")


def scrapy_extract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", "extract", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.fixture(scope="module")
def wasila():
    with SampleServer("wasila") as server:
        yield server


def check_seed(record: dict, base: str, validate_record) -> None:
    validate_record(record)
    assert record["url"] == base + SEED["path"]
    assert record["title"] == SEED["title"]
    assert record["body"] == "\n\n".join(SEED["paragraphs"])
    assert record["section"] == SEED["section"]
    assert sorted(r["title"] for r in record["related"]) == sorted(r["title"] for r in SEED["related"])


def test_saved_gzip_page_with_explain(wasila, tmp_path, validate_record):
    html = urllib.request.urlopen(wasila.base_url + SEED["path"]).read()
    saved = tmp_path / "page.html.gz"
    saved.write_bytes(gzip.compress(html))
    proc = scrapy_extract(str(saved), "--url", wasila.base_url + SEED["path"], "--explain")
    assert proc.returncode == 0, proc.stderr
    check_seed(json.loads(proc.stdout), wasila.base_url, validate_record)
    explain = proc.stderr
    assert "page: article" in explain
    assert "title         jsonld:headline" in explain and "body          trafilatura" in explain
    # The page-kind decision with its weighed evidence.
    assert "page kind score +" in explain and "(article from +2.0)" in explain
    assert "+3.0 class:single post" in explain and "jsonld:article" in explain


def test_url_on_loopback_as_one_line(wasila, validate_record):
    proc = scrapy_extract(wasila.base_url + SEED["path"], "--jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    check_seed(json.loads(lines[0]), wasila.base_url, validate_record)


def test_non_article_page_says_so(wasila):
    proc = scrapy_extract(wasila.base_url + "/about-us/", "--explain")
    assert proc.returncode == 3
    assert "not an article (static_page)" in proc.stderr
    assert "url:static slug: about-us" in proc.stderr
    assert "/about-us/" in non_article_paths("wasila")


@pytest.mark.parametrize("args, message", [
    (["/no/such/page.html"], "no such file"),
    (["x.html", "--site", "no-such-profile"], "no profile"),
])
def test_bad_input_is_one_clear_line(args, message):
    proc = scrapy_extract(*args)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
