"""End to end: real `scrapy crawl news` processes against the sample sites on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import REPO, crawl_command, last_job, read_archive, run_crawl
from sample_site.expected import disallowed_paths, duplicate_urls, expected_articles, non_article_paths
from sample_site.server import SampleServer


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def expected_day(published: str) -> str:
    if len(published) == 10:  # printed without a time: that calendar day
        return published
    return datetime.fromisoformat(published).astimezone(timezone.utc).date().isoformat()


@pytest.fixture(scope="module")
def servers():
    with SampleServer("wasila") as wasila, SampleServer("oldpress") as oldpress:
        yield {"wasila": wasila, "oldpress": oldpress}


@pytest.fixture(scope="module")
def crawled(servers, tmp_path_factory):
    """Both sample sites crawled, one after the other, into one archive."""
    archive = tmp_path_factory.mktemp("archive")
    procs, requests = {}, {}
    for site in ("wasila", "oldpress"):
        servers[site].clear_requests()
        procs[site] = run_crawl([f"url={servers[site].base_url}/"], archive)
        requests[site] = list(servers[site].requests)
    return archive, procs, requests


def records_by_site(archive: Path, servers) -> dict[str, list[tuple[Path, dict]]]:
    out = {site: [] for site in servers}
    for path, record in read_archive(archive):
        site = next(s for s, srv in servers.items() if record["url"].startswith(srv.base_url + "/"))
        out[site].append((path, record))
    return out


def test_crawls_succeed_and_summarise(crawled):
    _, procs, _ = crawled
    for site, proc in procs.items():
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert "Traceback" not in proc.stderr, site
        assert "crawl finished (finished)" in proc.stderr


@pytest.mark.parametrize("site", ["wasila", "oldpress"])
def test_every_article_exactly_once_and_nothing_else(crawled, servers, site, validate_record):
    archive, _, _ = crawled
    records = records_by_site(archive, servers)[site]
    for _, record in records:
        validate_record(record)
    counts = Counter(path_of(r["url"]) for _, r in records)
    expected = {a["path"] for a in expected_articles(site)}
    assert set(counts) == expected
    assert all(n == 1 for n in counts.values()), counts
    assert not set(counts) & set(non_article_paths(site))
    assert not set(counts) & set(duplicate_urls(site))


@pytest.mark.parametrize("site", ["wasila", "oldpress"])
def test_fields_match_the_ground_truth(crawled, servers, site):
    archive, _, _ = crawled
    by_path = {path_of(r["url"]): (f, r) for f, r in records_by_site(archive, servers)[site]}
    base = servers[site].base_url
    for article in expected_articles(site):
        file, record = by_path[article["path"]]
        assert record["title"] == article["title"]
        assert record["body"] == "\n\n".join(article["paragraphs"]), article["path"]
        assert record["section"] == article["section"]
        assert record["authors"] == article["authors"]
        assert record["tags"] == article["tags"]
        assert record["language"] == "ar"
        assert sorted((path_of(r["url"]), r["title"]) for r in record["related"]) == sorted(
            (r["path"], r["title"]) for r in article["related"]), article["path"]
        published = datetime.fromisoformat(record["published_at"])
        if len(article["published"]) == 10:
            assert record["published_at"] == f"{article['published']}T00:00:00+00:00"
        else:
            assert published == datetime.fromisoformat(article["published"])
        assert file.name == f"{expected_day(article['published'])}.jsonl", article["path"]
        assert file.parent.name == f"127.0.0.1_{urlsplit(base).port}"
        assert record["url"] == base + article["path"]


def test_syndicated_copy_points_to_the_original(crawled, servers):
    archive, _, _ = crawled
    by_site = records_by_site(archive, servers)
    wasila = {path_of(r["url"]): r for _, r in by_site["wasila"]}
    for _, record in by_site["oldpress"]:
        article = next(a for a in expected_articles("oldpress") if a["path"] == path_of(record["url"]))
        if article["duplicate_of_path"]:
            assert record["duplicate_of"] == wasila[article["duplicate_of_path"]]["id"]
        else:
            assert record["duplicate_of"] is None
    assert all(r["duplicate_of"] is None for _, r in by_site["wasila"])


def test_discovery_used_sitemaps_feed_and_obeyed_robots(crawled):
    _, _, requests = crawled
    wasila = requests["wasila"]
    for index in ("/robots.txt", "/sitemap_index.xml", "/post-sitemap.xml", "/news-sitemap.xml", "/feed/"):
        assert index in wasila
    assert not set(wasila) & set(disallowed_paths("wasila"))


def test_second_run_fetches_and_writes_nothing_already_archived(crawled, servers):
    archive, _, _ = crawled
    before = {p: p.read_bytes() for p in archive.glob("*/*.jsonl")}
    servers["wasila"].clear_requests()
    proc = run_crawl([f"url={servers['wasila'].base_url}/"], archive)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert {p: p.read_bytes() for p in archive.glob("*/*.jsonl")} == before
    requested = set(servers["wasila"].requests)
    assert not requested & {a["path"] for a in expected_articles("wasila")}
    report = last_job(archive)
    assert report["written"] == 0 and report["verdict"] == "ok"
    assert report["stats"]["news/incremental/archived_not_fetched"] >= len(expected_articles("wasila"))
    assert any("no new articles" in w for w in report["warnings"])


def _wait_for_lines(archive: Path, count: int, proc, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = sum(p.read_bytes().count(b"\n") for p in archive.glob("*/*.jsonl")
                    if not p.parent.name.startswith("."))
        if lines >= count or proc.poll() is not None:
            return
        time.sleep(0.05)


def test_sigkill_midway_then_rerun_gives_each_article_once(servers, tmp_path, validate_record):
    """Killed at several points; every run is resumed into the same archive."""
    url = f"url={servers['wasila'].base_url}/"
    slow = ["DOWNLOAD_DELAY=0.15", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "RANDOMIZE_DOWNLOAD_DELAY=False"]
    for kill_after in (1, 4, 9):
        proc = subprocess.Popen(crawl_command([url], tmp_path, slow), cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env={**os.environ, "PYTHONPATH": str(REPO)})
        _wait_for_lines(tmp_path, kill_after, proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, "the crawl ended before it could be killed"
        for _, record in read_archive(tmp_path):  # every line complete and valid after a kill
            validate_record(record)
    assert len(read_archive(tmp_path)) < len(expected_articles("wasila"))
    final = run_crawl([url], tmp_path)
    assert final.returncode == 0, final.stderr[-2000:]
    records = [r for _, r in read_archive(tmp_path)]
    for record in records:
        validate_record(record)
    counts = Counter(path_of(r["url"]) for r in records)
    assert set(counts) == {a["path"] for a in expected_articles("wasila")}
    assert set(counts.values()) == {1}


def crawl_together(url: str, archive, crawls: int = 2) -> None:
    """``crawls`` real `scrapy crawl` processes into one archive at once; each must succeed."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen(crawl_command([url], archive), cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for _ in range(crawls)]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err[-2000:]


def test_two_concurrent_crawls_share_one_archive(servers, tmp_path):
    url = f"url={servers['wasila'].base_url}/"
    crawl_together(url, tmp_path)
    records = [r for _, r in read_archive(tmp_path)]
    counts = Counter(r["id"] for r in records)
    assert len(counts) == len(expected_articles("wasila"))
    assert set(counts.values()) == {1}
    with closing(sqlite3.connect(tmp_path / ".state" / "state.sqlite")) as db:
        indexed = [record_id for (record_id,) in db.execute("SELECT id FROM records")]
    assert sorted(indexed) == sorted(counts)  # the state holds each article once too


def test_two_crawls_starting_together_on_a_lost_state_rebuild_it_once(servers, tmp_path):
    url = f"url={servers['wasila'].base_url}/"
    first = run_crawl([url], tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    archived = len(read_archive(tmp_path))
    for path in (tmp_path / ".state").glob("state.sqlite*"):
        path.unlink()
    crawl_together(url, tmp_path)
    counts = Counter(r["id"] for _, r in read_archive(tmp_path))
    assert len(counts) == archived == len(expected_articles("wasila")) and set(counts.values()) == {1}
    reports = sorted((json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / ".jobs").glob("*.json")),
                     key=lambda r: r["started_at"])
    assert len(reports) == 3 and reports[0]["written"] == archived
    assert [r["written"] for r in reports[1:]] == [0, 0]  # the rebuilt state knew every article
    rebuilt = sorted(r["stats"].get("news/state/rebuilt_records", 0) for r in reports[1:])
    assert rebuilt == [0, archived]  # one of them rebuilt it, the other found it current
    with closing(sqlite3.connect(tmp_path / ".state" / "state.sqlite")) as db:
        assert sorted(i for (i,) in db.execute("SELECT id FROM records")) == sorted(counts)


def test_since_limits_what_is_written_and_skips_old_index_entries(servers, tmp_path):
    proc = run_crawl([f"url={servers['wasila'].base_url}/", "since=2019-12-18"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    written = sorted(path_of(r["url"]) for _, r in read_archive(tmp_path))
    wanted = sorted(a["path"] for a in expected_articles("wasila")
                    if expected_day(a["published"]) >= "2019-12-18")
    assert written == wanted and 0 < len(wanted) < len(expected_articles("wasila"))
    assert last_job(tmp_path)["stats"]["news/since/skipped_entries"] > 0


@pytest.mark.parametrize("limit", [1, 3])
def test_max_articles_is_exact(servers, tmp_path, limit):
    proc = run_crawl([f"url={servers['wasila'].base_url}/", f"max_articles={limit}"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(read_archive(tmp_path)) == limit
    assert last_job(tmp_path)["finish_reason"] == "max_articles"


def test_max_pages_bounds_the_crawl(servers, tmp_path):
    servers["wasila"].clear_requests()
    proc = run_crawl([f"url={servers['wasila'].base_url}/", "max_pages=10"], tmp_path)
    report = last_job(tmp_path)
    assert report["finish_reason"] == "max_pages"
    # Ten pages are all discovery (robots.txt, sitemaps, feeds, the home page come first
    # by priority): no article yet is a failed crawl, and the exit status says so.
    assert report["written"] == 0 and report["verdict"] == "failed"
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert len(servers["wasila"].requests) == 10
