"""Extraction in worker processes: the same archive as in-process, and a killed worker costs nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from conftest import REPO, crawl_command, last_job, read_archive, run_crawl
from legacy_site import LegacyServer, expected_articles
from sample_site.server import SampleServer

#: Fields that differ between two crawls of the same pages.
_MOMENT = ("crawled_at",)


def _records(archive: Path, base_url: str) -> dict[str, dict]:
    return {r["url"][len(base_url):]: {k: v for k, v in r.items() if k not in _MOMENT}
            for _, r in read_archive(archive)}


def test_workers_write_the_same_archive_as_in_process_extraction(tmp_path):
    with SampleServer("wasila") as server:
        base_url = server.base_url
        plain = run_crawl([f"url={base_url}/"], tmp_path / "plain")
        pooled = run_crawl([f"url={base_url}/"], tmp_path / "pooled", settings=["NEWS_EXTRACT_WORKERS=2"])
    assert plain.returncode == 0 and pooled.returncode == 0, pooled.stderr[-2000:]
    assert "extracting pages in 2 worker processes" in pooled.stderr
    assert "worker processes" not in plain.stderr
    in_process, in_workers = _records(tmp_path / "plain", base_url), _records(tmp_path / "pooled", base_url)
    assert in_workers and in_workers == in_process


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _workers(crawl_pid: int) -> list[int]:
    """Extraction workers: children of the crawl's fork server."""
    servers = [p for p in _children(crawl_pid) if "forkserver" in _cmdline(p)]
    return [w for s in servers for w in _children(s)]


def test_a_killed_worker_is_replaced_and_no_article_is_lost(tmp_path):
    archive = tmp_path / "archive"
    with LegacyServer() as server:
        command = crawl_command([f"url={server.base_url}/"], archive, [
            "NEWS_EXTRACT_WORKERS=1", "DOWNLOAD_DELAY=0.05", "CONCURRENT_REQUESTS_PER_DOMAIN=2"])
        proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        killed, deadline = None, time.monotonic() + 60
        while killed is None and proc.poll() is None and time.monotonic() < deadline:
            workers = _workers(proc.pid) if len(server.hits) >= 10 else []
            if workers:
                killed = workers[0]
                os.kill(killed, signal.SIGKILL)
            time.sleep(0.05)
        _, stderr = proc.communicate(timeout=180)
    assert killed is not None, "no extraction worker was found to kill"
    assert proc.returncode == 0, stderr[-3000:]
    assert "an extraction worker died" in stderr
    report = last_job(archive)
    assert report["stats"]["news/extract/pool_restarts"] >= 1
    # The pages that were in the pool were extracted again: every article is archived once.
    records = [r["url"][len(server.base_url):] for _, r in read_archive(archive)]
    assert sorted(records) == sorted(a["path"] for a in expected_articles())


def test_a_worker_is_replaced_after_its_pages_and_the_crawl_loses_nothing(tmp_path):
    archive = tmp_path / "archive"
    with LegacyServer() as server:
        command = crawl_command([f"url={server.base_url}/"], archive, [
            "NEWS_EXTRACT_WORKERS=1", "NEWS_EXTRACT_WORKER_PAGES=3", "DOWNLOAD_DELAY=0.05",
            "CONCURRENT_REQUESTS_PER_DOMAIN=2"])
        proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen: set[int] = set()
        while proc.poll() is None:
            seen.update(_workers(proc.pid))
            time.sleep(0.02)
        _, stderr = proc.communicate(timeout=180)
    assert proc.returncode == 0, stderr[-3000:]
    assert len(seen) >= 3, f"one worker did all the pages: {seen}"
    assert "an extraction worker died" not in stderr
    assert "news/extract/pool_restarts" not in last_job(archive)["stats"]
    records = [r["url"][len(server.base_url):] for _, r in read_archive(archive)]
    assert sorted(records) == sorted(a["path"] for a in expected_articles())


def test_auto_shares_the_hosts_cores_among_its_crawls():
    from scrapy.settings import Settings

    from crawler.workers import worker_count

    cores = len(os.sched_getaffinity(0))
    assert worker_count(Settings({"NEWS_EXTRACT_WORKERS": "3"})) == 3
    assert worker_count(Settings({"NEWS_EXTRACT_WORKERS": 0})) == 0
    alone = worker_count(Settings({"NEWS_EXTRACT_WORKERS": "auto"}))
    shared = worker_count(Settings({"NEWS_EXTRACT_WORKERS": "auto", "NEWS_HOST_CRAWLS": cores}))
    assert (alone, shared) == ((cores, 1) if cores > 1 else (0, 0))
