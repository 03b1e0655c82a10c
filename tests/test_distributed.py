"""Distributed crawling on a real redis-server: shared frontier, leases, one archive from many workers.

Every worker runs the same ``scrapy crawl news -a url=… -s REDIS_URL=…`` with
its own ARCHIVE_DIR, as on separate hosts.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO, crawl_command, last_job, read_archive, run_crawl
from redis_server import RedisServer, needs_redis
from sample_site.server import SampleServer

sys.path.insert(0, str(REPO / "bench"))
import siteserve  # noqa: E402
import sitegen  # noqa: E402

pytestmark = needs_redis

#: Articles of the generated site: enough that each of three workers gets a fair share.
ARTICLES = 300
#: A few seconds of everything, so that tests finish quickly (the defaults are 30 s).
FAST = ["NEWS_REDIS_IDLE_CLOSE=3", "NEWS_REDIS_HEARTBEAT=3", "NEWS_REDIS_POLL=0.5", "NEWS_REDIS_CLAIM_TTL=4"]


@dataclass(frozen=True)
class GeneratedSite:
    base_url: str
    docroot: Path

    @property
    def home(self) -> str:
        return f"{self.base_url}/"

    def article_urls(self) -> list[str]:
        return [f"{self.base_url}/{p.parent.relative_to(self.docroot).as_posix()}/"
                for p in self.docroot.glob("20*/*/*/*/index.html")]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A generated news site of ARTICLES articles (sitemaps, feed, sections, tags) on 127.0.0.1."""
    root = tmp_path_factory.mktemp("site")
    port = siteserve.free_port()
    base_url = f"http://127.0.0.1:{port}"
    sitegen.generate(root / "docroot", base_url, ARTICLES, seed=5)
    server = siteserve.start_server(root / "docroot", port, root / "run", workers=2)
    try:
        yield GeneratedSite(base_url, root / "docroot")
    finally:
        server.stop()


@pytest.fixture
def redis_server(tmp_path):
    with RedisServer(tmp_path / "redis") as server:
        yield server


def _env():
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _start(url: str, archive: Path, redis_url: str, round_name: str, extra=()) -> subprocess.Popen:
    cmd = crawl_command([f"url={url}", f"round={round_name}"], archive,
                        [f"REDIS_URL={redis_url}", *FAST, *extra])
    log = open(archive.with_suffix(".log"), "ab")
    return subprocess.Popen(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env=_env())


def _workers(url: str, archives: list[Path], redis_url: str, round_name: str, timeout=240) -> list[int]:
    procs = [_start(url, a, redis_url, round_name) for a in archives]
    return [p.wait(timeout=timeout) for p in procs]


def _log(archive: Path) -> str:
    return archive.with_suffix(".log").read_text(encoding="utf-8", errors="replace")


def _ids(archives: list[Path]) -> Counter:
    return Counter(r["id"] for a in archives if a.exists() for _, r in read_archive(a))


def _frontier(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", "frontier", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=60, env=_env())


def test_three_workers_archive_each_article_once_and_a_second_round_adds_nothing(site, redis_server, tmp_path):
    archives = [tmp_path / f"host{i}" for i in range(3)]
    codes = _workers(site.home, archives, redis_server.url, "day1")
    assert codes == [0, 0, 0], _log(archives[0])[-3000:]
    ids = _ids(archives)
    assert len(ids) == ARTICLES and set(ids.values()) == {1}  # every article, each written once
    fetched = [last_job(a)["pages_fetched"] for a in archives]
    assert all(f >= 0.15 * sum(fetched) for f in fetched), fetched  # the work was shared
    assert sum(last_job(a)["written"] for a in archives) == ARTICLES
    assert all(last_job(a)["round"]["written"] == ARTICLES for a in archives)  # every report has the round's
    assert all("distributed crawl: round day1" in _log(a) for a in archives)

    shown = _frontier("--redis-url", redis_server.url)
    assert shown.returncode == 0, shown.stderr
    assert "round day1: 0 queued" in shown.stdout and "0 leased" in shown.stdout
    seen = int(shown.stdout.split("round day1: 0 queued, ")[1].split(" seen")[0])
    assert seen >= ARTICLES and f"archived: {ARTICLES} article(s)" in shown.stdout

    # The next day's round fetches home page, sections and feeds again, and writes nothing.
    codes = _workers(site.home, archives, redis_server.url, "day2")
    assert codes == [0, 0, 0], _log(archives[0])[-3000:]
    assert _ids(archives) == ids
    assert sum(last_job(a)["pages_fetched"] for a in archives) > 0

    # Clearing a round removes its frontier, never what was archived: crawling it again adds nothing.
    cleared = _frontier("--redis-url", redis_server.url, "--clear", "day1")
    assert cleared.returncode == 0 and "key(s) removed (archived ids kept)" in cleared.stdout
    assert "round day1" not in _frontier("--redis-url", redis_server.url).stdout
    assert redis_server.client().hlen("news:archive:ids") == ARTICLES
    assert _workers(site.home, archives[:1], redis_server.url, "day1") == [0]
    assert _ids(archives) == ids


def test_a_worker_killed_mid_crawl_and_restarted_loses_nothing(site, redis_server, tmp_path):
    archives = [tmp_path / f"host{i}" for i in range(3)]
    procs = [_start(site.home, a, redis_server.url, "kill") for a in archives]
    victim = archives[1]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_ids([victim])) < 20:
        time.sleep(0.1)
    assert len(_ids([victim])) >= 20, _log(victim)[-2000:]
    procs[1].send_signal(signal.SIGKILL)  # mid-crawl, with requests leased and articles in hand
    procs[1].wait(timeout=30)
    procs[1] = _start(site.home, victim, redis_server.url, "kill")  # the same command, restarted
    codes = [p.wait(timeout=240) for p in procs]
    assert codes == [0, 0, 0], _log(archives[0])[-3000:]
    ids = _ids(archives)
    assert len(ids) == ARTICLES and set(ids.values()) == {1}
    logs = "".join(_log(a) for a in archives)
    assert "stopped (no heartbeat); its" in logs  # its leases went back to the queue
    assert "news/redis/requeued" in logs


def test_three_workers_on_the_sample_site_archive_what_one_crawl_does(redis_server, tmp_path):
    with SampleServer("wasila") as server:
        alone = run_crawl([f"url={server.base_url}/"], tmp_path / "alone")
        archives = [tmp_path / f"host{i}" for i in range(3)]
        codes = _workers(f"{server.base_url}/", archives, redis_server.url, "sample")
    assert alone.returncode == 0 and codes == [0, 0, 0], _log(archives[0])[-3000:]
    single = {r["id"]: r for _, r in read_archive(tmp_path / "alone")}
    shared = {r["id"]: r for a in archives for _, r in read_archive(a)}
    assert single and set(shared) == set(single)
    assert sum(len(read_archive(a)) for a in archives) == len(single)
    for record_id, record in single.items():  # the same records, wherever they were written
        assert {k: v for k, v in shared[record_id].items() if k != "crawled_at"} == \
            {k: v for k, v in record.items() if k != "crawled_at"}


def test_an_article_claimed_by_a_dead_worker_is_archived_once_the_claim_expires(site, redis_server, tmp_path):
    from newsarchive.record.urls import record_id

    urls = site.article_urls()
    assert len(urls) == ARTICLES
    client = redis_server.client()
    # A worker claimed every article, then died before writing them: the claims live on for their TTL.
    for url in urls:
        client.set(f"news:archive:claim:id:{record_id(url)}", "dead-host:1:abc", px=5000)
    archive = tmp_path / "host"
    assert _workers(site.home, [archive], redis_server.url, "claims") == [0], _log(archive)[-3000:]
    ids = _ids([archive])
    assert set(ids) == {record_id(u) for u in urls} and set(ids.values()) == {1}
    assert last_job(archive)["stats"]["news/redis/claim_waits"] >= 1


def test_a_password_protected_redis_needs_the_right_password_and_never_shows_it(site, tmp_path):
    password = "s3cret-word"
    with RedisServer(tmp_path / "redis", password=password) as server:
        wrong = f"redis://:not-it@127.0.0.1:{server.port}/0"
        proc = run_crawl([f"url={site.home}"], tmp_path / "refused", [f"REDIS_URL={wrong}", *FAST])
        assert proc.returncode == 2
        errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
        assert errors == [f"error: Redis at redis://:***@127.0.0.1:{server.port}/0 refused the credentials "
                          f"(wrong password or user)"]
        assert "not-it" not in proc.stderr + proc.stdout
        assert not list((tmp_path / "refused").rglob("*.jsonl"))  # nothing crawled, nothing written

        archive = tmp_path / "host"
        proc = run_crawl([f"url={site.home}", "max_articles=20"], archive, [f"REDIS_URL={server.url}", *FAST])
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert len(_ids([archive])) == 20
        shown = _frontier("--redis-url", server.url)
        assert shown.returncode == 0 and "archived: 20 article(s)" in shown.stdout
        reports = "".join(p.read_text() for p in (archive / ".jobs").glob("*.json"))
        for text in (proc.stderr, proc.stdout, reports, shown.stdout):
            assert password not in text
        assert json.loads(reports)["settings"]["REDIS_URL"] == f"redis://:***@127.0.0.1:{server.port}/0"


def test_max_articles_and_the_verdict_are_the_rounds_not_each_workers(site, redis_server, tmp_path):
    archives = [tmp_path / f"host{i}" for i in range(3)]
    procs = [subprocess.Popen(crawl_command([f"url={site.home}", "round=limited", "max_articles=60"], a,
                                            [f"REDIS_URL={redis_server.url}", *FAST]),
                              cwd=REPO, stdout=open(a.with_suffix(".log"), "ab"), stderr=subprocess.STDOUT,
                              env=_env()) for a in archives]
    assert [p.wait(timeout=240) for p in procs] == [0, 0, 0], _log(archives[0])[-3000:]
    ids = _ids(archives)
    assert len(ids) == 60 and set(ids.values()) == {1}  # 60 between them, not 60 each
    reports = [last_job(a) for a in archives]
    assert all(r["round"]["name"] == "limited" and r["verdict"] == "ok" for r in reports)
    assert max(r["round"]["written"] for r in reports) == 60
    assert sum(r["written"] for r in reports) == 60
    assert "max_articles" in {r["finish_reason"] for r in reports}


def test_three_workers_spend_one_trap_budget(redis_server, tmp_path):
    from hostile_site import HostileServer

    archives = [tmp_path / f"host{i}" for i in range(3)]
    with HostileServer(stall_seconds=3) as server:
        procs = [subprocess.Popen(
            crawl_command([f"url={server.base_url}/", "round=traps"], a,
                          [f"REDIS_URL={redis_server.url}", *FAST, "DOWNLOAD_TIMEOUT=2", "RETRY_TIMES=1",
                           "NEWS_PATTERN_BUDGET=10"]),
            cwd=REPO, stdout=open(a.with_suffix(".log"), "ab"), stderr=subprocess.STDOUT, env=_env())
            for a in archives]
        assert [p.wait(timeout=240) for p in procs] == [0, 0, 0], _log(archives[0])[-3000:]
        hits = list(server.hits)
    requested = redis_server.client().hgetall("news:round:traps:budget:requested")
    for trap in ("/endless/", "/calendar/", "/variants"):
        fetched = [h for h in hits if h.startswith(trap)]
        assert 1 <= len(fetched) <= 12, (trap, sorted(fetched))  # one budget of 10 (+ productive pages), not three
    assert requested and max(int(v) for v in requested.values()) <= 12
    assert max(last_job(a)["round"]["written"] for a in archives) == len(_ids(archives))


def _when_written(archives: list[Path], count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and sum(_ids(archives).values()) < count:
        time.sleep(0.1)
    assert sum(_ids(archives).values()) >= count


def test_a_redis_restart_mid_crawl_is_ridden_out(site, redis_server, tmp_path):
    archives = [tmp_path / f"host{i}" for i in range(2)]
    procs = [_start(site.home, a, redis_server.url, "restart") for a in archives]
    _when_written(archives, 40)
    redis_server.client().shutdown()  # a clean SHUTDOWN: the append-only file has every write
    redis_server.stop()
    time.sleep(2)
    redis_server.start()  # the same port and data folder
    assert [p.wait(timeout=240) for p in procs] == [0, 0], _log(archives[0])[-3000:]
    ids = _ids(archives)
    assert len(ids) == ARTICLES and set(ids.values()) == {1}
    assert "Redis restarted" in _log(archives[0]) + _log(archives[1])


def test_a_redis_that_stays_down_fails_the_job_with_a_clear_verdict(site, redis_server, tmp_path):
    archive = tmp_path / "host"
    proc = _start(site.home, archive, redis_server.url, "down", extra=["NEWS_REDIS_RETRY_SECONDS=4"])
    _when_written([archive], 20)
    redis_server.stop(signal.SIGKILL)
    assert proc.wait(timeout=120) == 1
    log = _log(archive)
    assert "unreachable" in log and "closing the crawl" in log
    report = last_job(archive)
    assert report["finish_reason"] == "redis_unavailable" and report["verdict"] == "failed"
    read_archive(archive)  # what was written is whole: no partial line
