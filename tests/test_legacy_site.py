"""A legacy Arabic site with no metadata: every article archived, short ones among tickers included."""

from __future__ import annotations

import pytest

from conftest import last_job, read_archive, run_crawl
from legacy_site import LegacyServer, expected_articles, non_article_paths, short_article_paths


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    archive = tmp_path_factory.mktemp("legacy")
    with LegacyServer() as server:
        proc = run_crawl([f"url={server.base_url}/"], archive)
    records = {r["url"][len(server.base_url):]: r for _, r in read_archive(archive)}
    return proc, records, last_job(archive)


def test_the_crawl_succeeds(crawl):
    proc, _, report = crawl
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert report["verdict"] == "ok" and report["warnings"] == []


def test_every_article_is_archived_once_and_nothing_else(crawl):
    _, records, report = crawl
    assert sorted(records) == sorted(a["path"] for a in expected_articles())
    assert not set(records) & set(non_article_paths())
    assert report["written"] == len(expected_articles())
    assert len(short_article_paths()) >= 10  # the short ones are the point of this site


@pytest.mark.parametrize("article", expected_articles(), ids=lambda a: a["path"])
def test_fields_match_the_page(crawl, article):
    record = crawl[1][article["path"]]
    assert record["title"] == article["title"]
    assert record["body"].split("\n\n") == article["paragraphs"]
    assert record["published_at"][:10] == article["day"]
    assert record["section"] == article["section"]
    assert record["authors"] == article["authors"]


def test_listings_are_skipped_not_doubtful(crawl):
    report = crawl[2]
    assert report["not_articles"].get("listing_page", 0) >= len(non_article_paths()) - 3
    assert report["doubtful"]["count"] == 0
