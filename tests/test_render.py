"""JavaScript-rendered sites through scrapy-playwright and the system's Chromium."""

from __future__ import annotations

import os

import pytest

from conftest import last_job, read_archive, run_crawl
from crawler.render import find_chromium
from js_site import ARTICLES, js_site
from sample_site.server import SampleServer
from scrapy.settings import Settings

CHROMIUM = find_chromium(Settings({"NEWS_CHROMIUM_PATH": ""}))
needs_browser = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="no Chromium on this machine (make browser installs it); CI always has it")


def written(archive) -> dict:
    return {r["url"].split("/", 3)[-1].join(["/", ""]): r for _, r in read_archive(archive)}


@needs_browser
@pytest.mark.parametrize("mode", ["always", "auto"])
def test_js_site_is_crawled_fully_with_rendering(tmp_path, mode, validate_record):
    with js_site() as site:
        proc = run_crawl([f"url={site.base_url}/", f"render={mode}"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    records = written(tmp_path)
    assert set(records) == set(ARTICLES)
    for path, article in ARTICLES.items():
        validate_record(records[path])
        assert records[path]["title"] == article["title"]
        assert records[path]["body"] == "\n\n".join(article["paragraphs"])
        assert records[path]["published_at"] == article["published"]
    report = last_job(tmp_path)
    assert report["rendering"]["browsers_started"] == 1
    if mode == "auto":  # the section listing and each article were shells first
        assert report["rendering"]["auto_rerendered"] == len(ARTICLES) + 1
    else:
        assert report["rendering"]["pages_rendered"] >= len(ARTICLES) + 2


def test_same_site_without_rendering_yields_nothing(tmp_path):
    with js_site() as site:
        proc = run_crawl([f"url={site.base_url}/"], tmp_path)
    assert not read_archive(tmp_path)
    assert proc.returncode == 1 and last_job(tmp_path)["verdict"] == "failed"


def test_plain_site_starts_no_browser(tmp_path):
    with SampleServer("oldpress") as server:
        proc = run_crawl([f"url={server.base_url}/"], tmp_path)
    assert proc.returncode == 0
    report = last_job(tmp_path)
    assert report["rendering"] == {"pages_rendered": 0, "auto_rerendered": 0, "browsers_started": 0}
    assert not any(key.startswith("playwright/") for key in report["stats"])


def test_missing_browser_fails_that_source_in_one_line_and_the_rest_goes_on(tmp_path):
    with js_site() as site, SampleServer("oldpress") as old:
        urls = tmp_path / "urls.txt"
        urls.write_text(f"{site.base_url}/\n{old.base_url}/\n")
        proc = run_crawl([f"urls_file={urls}", "render=always"], tmp_path / "archive",
                         ["NEWS_CHROMIUM_PATH=/nonexistent/chromium"])
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines()
              if "[crawler.render] ERROR" in line and "no Chromium was found" in line]
    assert len(errors) == 1 and "apt-get install chromium" in errors[0]
    assert "Traceback" not in proc.stderr
    assert len(read_archive(tmp_path / "archive")) == 5  # the plain site is archived all the same
    reasons = last_job(tmp_path / "archive")["reasons"]
    assert any("needs JavaScript rendering" in r for r in reasons)
