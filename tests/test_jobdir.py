"""A crawl paused with Ctrl-C under JOBDIR and resumed fetches no article or listing page twice.

What the crawl has seen lives in Scrapy's dupefilter (``requests.seen``, keyed
on the URL identity by crawler.fingerprinter) and its disk queues, not in the
spider; a real ``scrapy crawl`` is interrupted with SIGINT on a real site.
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter

from conftest import REPO, crawl_command, read_archive
from legacy_site import LegacyServer, expected_articles, listing_paths

#: Slow enough to interrupt the crawl halfway on a loopback site.
SLOW = ["DOWNLOAD_DELAY=0.15", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "LOG_LEVEL=INFO"]
#: Fetched by Scrapy itself at every start (RobotsTxtMiddleware), not through the scheduler.
EVERY_START = {"/robots.txt"}


def crawl(server, archive, jobdir, *, interrupt_after: int | None = None, timeout: int = 180):
    """Run one `scrapy crawl`; with ``interrupt_after``, send SIGINT once that many pages were served."""
    command = crawl_command([f"url={server.base_url}/"], archive, [*SLOW, f"JOBDIR={jobdir}"])
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if interrupt_after is not None:
        deadline = time.monotonic() + timeout
        while len(server.hits) < interrupt_after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)  # Ctrl-C: Scrapy stops gracefully and keeps JOBDIR
    _, stderr = proc.communicate(timeout=timeout)
    return proc.returncode, stderr


def test_a_paused_crawl_resumes_without_fetching_a_page_twice(tmp_path):
    archive, jobdir = tmp_path / "archive", tmp_path / "job"
    articles = {a["path"] for a in expected_articles()}
    with LegacyServer() as server:
        _, first_log = crawl(server, archive, jobdir, interrupt_after=25)
        first = list(server.hits)
        written_first = len(list(read_archive(archive)))
        assert "shutting down gracefully" in first_log
        assert 0 < written_first < len(articles), "the pause must fall in the middle of the crawl"
        code, second_log = crawl(server, archive, jobdir)
        assert code == 0, second_log[-3000:]
        second = server.hits[len(first):]
    assert "Resuming crawl" in second_log
    fetched = Counter(path for path in first + second if path not in EVERY_START)
    pages = articles | set(listing_paths())
    twice = {path: n for path, n in fetched.items() if n > 1 and path in pages}
    assert twice == {}
    # The resumed crawl went on where the first stopped: it fetched pages, and nothing is missing.
    assert {p for p in second if p in pages}
    records = {r["url"][len(server.base_url):] for _, r in read_archive(archive)}
    assert records == articles
