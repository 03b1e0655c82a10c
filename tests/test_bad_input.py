"""A crawl of a hostile site ends, skips each bad page with a counted reason, and never crashes."""

from __future__ import annotations

import pytest

from conftest import last_job, read_archive, run_crawl
from hostile_site import HostileServer


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory):
    archive = tmp_path_factory.mktemp("hostile")
    with HostileServer(stall_seconds=10) as server:
        proc = run_crawl(
            [f"url={server.base_url}/"], archive,
            ["DOWNLOAD_TIMEOUT=2", "DOWNLOAD_MAXSIZE=2000000", "RETRY_TIMES=1",
             "NEWS_PATTERN_BUDGET=10"],
            timeout=120,
        )
        hits = list(server.hits)
    return proc, archive, hits, server.base_url


def test_crawl_finishes_without_traceback(hostile_crawl):
    proc, archive, _, _ = hostile_crawl
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert last_job(archive)["finish_reason"] == "finished"


@pytest.mark.parametrize("reason, count", [
    ("non_html", 2), ("empty_page", 1), ("undecodable", 1), ("http_404", 2), ("http_500", 1),
    ("too_many_redirects", 1), ("redirect_loop", 1), ("timeout", 1), ("truncated", 1), ("too_large", 2),
    ("missing_title", 1),
])
def test_each_bad_page_is_counted_with_its_reason(hostile_crawl, reason, count):
    proc, archive, _, _ = hostile_crawl
    stats = last_job(archive)["stats"]
    assert stats.get(f"news/dropped/{reason}") == count, {
        k: v for k, v in stats.items() if k.startswith("news/dropped/")}
    assert f"{reason}=" in proc.stderr  # the end-of-crawl summary names it


def test_traps_are_bounded(hostile_crawl):
    _, archive, hits, _ = hostile_crawl
    endless = [h for h in hits if h.startswith("/endless/")]
    calendar = [h for h in hits if h.startswith("/calendar/")]
    variants = [h for h in hits if h.startswith("/variants")]
    for trap in (endless, calendar, variants):
        assert 1 <= len(trap) <= 12, trap
    assert last_job(archive)["stats"]["news/trap/patterns"] == 3
    # The sitemap index that lists itself and its sibling is read once each.
    assert hits.count("/sitemap.xml") == 1 and hits.count("/sitemap2.xml") == 1


def test_only_real_articles_are_archived_and_stay_on_site(hostile_crawl, validate_record):
    _, archive, hits, base = hostile_crawl
    records = [r for _, r in read_archive(archive)]
    for record in records:
        validate_record(record)
        assert record["url"].startswith(base)
    paths = sorted(r["url"][len(base):] for r in records)
    assert paths == ["/articles/a1", "/articles/a2", "/bad/base", "/bad/offsite-canonical"]
    # <base href> pointing elsewhere does not take the crawl off-site.
    assert not any("evil" in h for h in hits)
