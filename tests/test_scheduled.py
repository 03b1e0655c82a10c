"""Scheduled crawls: incremental re-runs, job reports, exit status, resume after SIGINT."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter

from conftest import REPO, crawl_command, last_job, read_archive, run_crawl
from sample_site.expected import expected_articles
from sample_site.server import SampleServer

ARTICLES = {a["path"] for a in expected_articles("wasila")}


def paths(archive) -> Counter:
    return Counter(r["url"].split("/", 3)[-1].join(["/", ""]) for _, r in read_archive(archive))


def test_daily_recrawl_fetches_only_the_new_articles(tmp_path):
    with SampleServer("wasila", hidden=5) as server:
        first = run_crawl([f"url={server.base_url}/"], tmp_path)
        assert first.returncode == 0, first.stderr[-2000:]
        assert len(read_archive(tmp_path)) == len(ARTICLES) - 5
        new = server.publish(5)
        server.clear_requests()
        second = run_crawl([f"url={server.base_url}/"], tmp_path)
        assert second.returncode == 0, second.stderr[-2000:]
        fetched_articles = [p for p in server.requests if p in ARTICLES]
    assert sorted(fetched_articles) == sorted(new)
    records = [r for _, r in read_archive(tmp_path)]
    assert Counter(r["id"] for r in records).most_common(1)[0][1] == 1
    assert len(records) == len(ARTICLES)
    report = last_job(tmp_path)
    assert report["written"] == 5 and report["verdict"] == "ok"
    assert "since=" in second.stderr  # defaulted from the first run


def test_job_report_counts_and_coverage(tmp_path):
    with SampleServer("wasila") as server:
        proc = run_crawl([f"url={server.base_url}/", "max_articles=6"], tmp_path)
    assert proc.returncode == 0
    report = last_job(tmp_path)
    (source,) = report["sources"]
    assert report["arguments"]["max_articles"] == "6"
    assert report["settings"]["ARCHIVE_DIR"] == str(tmp_path)
    assert report["written"] == 6 == sum(report["sources"][source]["written_by_day"].values())
    assert report["http_status"]["200"] > 6 and report["pages_fetched"] >= 6
    assert set(report["coverage"].values()) == {1.0} and "published_at" in report["coverage"]
    assert report["finish_reason"] == "max_articles" and report["verdict"] == "ok"
    assert report["not_articles"].get("listing_page", 0) >= 1
    history = json.loads((tmp_path / ".state" / "sources" / f"{source}.json").read_text())
    assert history["runs"][-1]["written"] == 6 and history["last_success"]


def test_site_with_no_articles_fails_with_exit_status_1(tmp_path):
    with SampleServer("wasila", hidden=13) as server:
        proc = run_crawl([f"url={server.base_url}/"], tmp_path)
    assert proc.returncode == 1
    report = last_job(tmp_path)
    assert report["verdict"] == "failed"
    assert any("no articles ever archived" in r for r in report["reasons"])
    assert "verdict: failed" in proc.stderr


def test_error_rate_and_coverage_rules_fail_the_crawl(tmp_path):
    with SampleServer("wasila") as server:
        proc = run_crawl([f"url={server.base_url}/"], tmp_path,
                         ["NEWS_MIN_COVERAGE={\"tags\": 1.0, \"published_at\": 0.9}"])
        assert proc.returncode == 0  # tags cover every record of the sample site
        proc = run_crawl([f"url={server.base_url}/"], tmp_path / "strict",
                         ["NEWS_MIN_COVERAGE={\"modified_at\": 1.01}"])
    assert proc.returncode == 1
    assert any("modified_at on 100%" in r for r in last_job(tmp_path / "strict")["reasons"])


def test_sigint_pauses_and_jobdir_resumes_without_refetching(tmp_path):
    archive, jobdir = tmp_path / "archive", tmp_path / "job"
    slow = ["DOWNLOAD_DELAY=0.2", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "RANDOMIZE_DOWNLOAD_DELAY=False",
            f"JOBDIR={jobdir}"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with SampleServer("wasila") as server:
        url = f"url={server.base_url}/"
        proc = subprocess.Popen(crawl_command([url], archive, slow), cwd=REPO, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while len(read_archive(archive)) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert last_job(archive)["finish_reason"] == "shutdown"
        assert proc.returncode == 1  # an interrupted crawl is not a finished one
        first_requests = list(server.requests)
        done = len(read_archive(archive))
        assert 3 <= done < len(ARTICLES)
        resumed = run_crawl([url], archive, slow)
        assert resumed.returncode == 0, resumed.stderr[-2000:]
        all_requests = list(server.requests)
    records = [r for _, r in read_archive(archive)]
    assert len(records) == len(ARTICLES) == len({r["id"] for r in records})
    second = Counter(all_requests[len(first_requests):])
    fetched_before = {p for p in first_requests if p in ARTICLES}
    assert fetched_before and not fetched_before & set(second)


def test_a_redirecting_old_url_is_not_fetched_again_by_the_next_run(tmp_path):
    from mini_site import REDIRECT, MiniSite, article_html

    site = MiniSite()
    site.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow:\n")
    site.html("/", '<html><body class="home"><a href="/archives/77">خبر قديم</a></body></html>')
    site.pages["/archives/77"] = (REDIRECT, "/2020/01/05/old-story/")
    text = [f"فقرة طويلة من خبر قديم نقل إلى عنوان جديد، وهي الفقرة رقم {n} من الخبر المنشور." for n in range(5)]
    site.html("/2020/01/05/old-story/", article_html("خبر قديم", text, "2020-01-05T10:00:00+02:00",
                                                      "2020-01-05T10:00:00+02:00"))
    with site:
        first = run_crawl([f"url={site.base_url}/"], tmp_path)
        assert first.returncode == 0, first.stderr[-2000:]
        assert site.hits.count("/archives/77") == 1
        second = run_crawl([f"url={site.base_url}/"], tmp_path)
        assert second.returncode == 0, second.stderr[-2000:]
    assert site.hits.count("/archives/77") == 1  # the second run knew it as the article's alias
    assert [r["url"] for _, r in read_archive(tmp_path)] == [f"{site.base_url}/2020/01/05/old-story/"]
    assert last_job(tmp_path)["stats"]["news/incremental/archived_not_fetched"] >= 1
