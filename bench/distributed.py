"""Distributed crawling (issue 13): 1, 2 and 4 workers on one Redis, a local site of N articles.

Generates the site of bench/sitegen.py (default 5,000 articles), serves it
with nginx (or the forked Python server), starts Debian's ``redis-server`` on
a free port (append-only persistence, as README's "Scaling out" says), and
for each worker count W runs W × ``scrapy crawl news -a url=… -s REDIS_URL=…``
at once, each with its own archive folder and ``NEWS_HOST_CRAWLS=W`` (the
host's cores are divided among them, as ``crawlall --parallel`` does), Redis
flushed before each run. It prints per run: articles written (and whether
each was written exactly once), articles/s (from the first start to the last
line written, so the idle wait before workers exit is not counted), the
share of pages each worker fetched, Redis commands and network bytes per
article (``INFO commandstats`` / ``INFO stats`` deltas). Then Redis memory:
per million seen URLs (100,000 request fingerprints added to a set,
extrapolated) and per archived article (the archive hashes of the last run).

On this 2-core machine throughput should stop growing past 2 workers: it is
bounded by the cores, not by Redis.

Usage: .venv/bin/python bench/distributed.py [--articles 5000] [--workers 1,2,4] [--keep DIR]
Ends with: distributed: articles=… w1_articles_per_s=… w2_articles_per_s=… w4_articles_per_s=… redis_cmds_per_article=… redis_bytes_per_article=… seen_mb_per_million=… archive_bytes_per_article=…
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import redis  # noqa: E402

import siteserve  # noqa: E402
import sitegen  # noqa: E402

sys.path.insert(0, str(REPO))
from newsarchive.store.inventory import day_files  # noqa: E402

LOOPBACK = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
            "-s", "LOG_LEVEL=INFO", "-s", "NEWS_REDIS_IDLE_CLOSE=3", "-s", "NEWS_REDIS_POLL=0.5"]


def start_redis(workdir: Path) -> tuple[subprocess.Popen, int]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("distributed: no redis-server (make redis, or apt-get install redis-server)")
    port = siteserve.free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(workdir),
                                "--save", "", "--appendonly", "yes", "--maxmemory-policy", "noeviction",
                                "--logfile", str(workdir / "redis.log")])
    client = redis.Redis(port=port)
    for _ in range(200):
        try:
            client.ping()
            return process, port
        except redis.RedisError:
            time.sleep(0.05)
    raise SystemExit("distributed: redis-server did not start")


def command_counts(client) -> Counter:
    return Counter({k[len("cmdstat_"):]: v["calls"] for k, v in client.info("commandstats").items()
                    if k.startswith("cmdstat_")})


def net_bytes(client) -> int:
    stats = client.info("stats")
    return stats["total_net_input_bytes"] + stats["total_net_output_bytes"]


def run(workers: int, base_url: str, port: int, work: Path) -> dict:
    client = redis.Redis(port=port)
    client.flushall()
    calls0, bytes0 = command_counts(client), net_bytes(client)
    archives = [work / f"w{workers}-{i}" for i in range(workers)]
    procs = []
    began = time.time()
    for archive in archives:
        shutil.rmtree(archive, ignore_errors=True)
        cmd = [sys.executable, "-m", "scrapy", "crawl", "news", *LOOPBACK, "-a", f"url={base_url}/",
               "-a", f"round=bench{workers}", "-s", f"ARCHIVE_DIR={archive}", "-s", f"REDIS_URL=redis://127.0.0.1:{port}/0",
               "-s", f"NEWS_HOST_CRAWLS={workers}"]
        log = open(archive.with_suffix(".log"), "wb")
        procs.append(subprocess.Popen(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                                      env={**os.environ, "PYTHONPATH": str(REPO)}))
    codes = [p.wait() for p in procs]
    by_command, sent = command_counts(client) - calls0, net_bytes(client) - bytes0
    calls = sum(by_command.values())
    ids, last_write, pages = Counter(), began, []
    for archive in archives:
        for path in day_files(archive):  # (not .state/notes.jsonl, which names ids too)
            last_write = max(last_write, path.stat().st_mtime)
            with open(path, encoding="utf-8") as fh:
                ids.update(json.loads(line)["id"] for line in fh)
        reports = sorted((archive / ".jobs").glob("*.json"))
        pages.append(json.loads(reports[-1].read_text())["pages_fetched"] if reports else 0)
    articles = sum(ids.values())
    seconds = max(last_write - began, 1e-9)
    archive_bytes = sum(client.memory_usage(k) or 0 for k in client.scan_iter(match="news:archive:*"))
    return {"workers": workers, "codes": codes, "articles": articles, "distinct": len(ids),
            "once": all(c == 1 for c in ids.values()), "seconds": seconds, "per_s": articles / seconds,
            "shares": [p / max(sum(pages), 1) for p in pages], "calls": calls, "bytes": sent,
            "archive_bytes": archive_bytes, "by_command": by_command}


def seen_memory(port: int, urls: int = 100_000) -> float:
    """MB of Redis memory per million seen URLs: ``urls`` request fingerprints (SHA-1 hex, as ours) in a set."""
    client = redis.Redis(port=port)
    client.flushall()
    before = client.info("memory")["used_memory"]
    with client.pipeline(transaction=False) as pipe:
        for n in range(urls):
            pipe.sadd("news:round:mem:seen", hashlib.sha1(f"http://127.0.0.1/{n}/".encode()).hexdigest())
            if n % 10_000 == 9_999:
                pipe.execute()
        pipe.execute()
    used = client.info("memory")["used_memory"] - before
    return used / urls * 1_000_000 / 1e6


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--keep", type=Path, help="keep site, archives and logs here")
    args = parser.parse_args(argv)
    counts = [int(w) for w in args.workers.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-distributed-"))
    work.mkdir(parents=True, exist_ok=True)
    port = siteserve.free_port()
    base_url = f"http://127.0.0.1:{port}"
    summary = sitegen.generate(work / "site", base_url, args.articles)
    server = siteserve.start_server(work / "site", port, work / "nginx", workers=2)
    redis_process, redis_port = start_redis(work / "redis")
    print(f"distributed: {summary.articles} articles served by {server.detail}; {os.cpu_count()} cores; "
          f"load {os.getloadavg()[0]:.2f}; redis-server {redis.Redis(port=redis_port).info()['redis_version']}")
    results = []
    try:
        for workers in counts:
            r = run(workers, base_url, redis_port, work)
            results.append(r)
            print(f"  {workers} worker(s): exit {r['codes']}, {r['articles']} articles "
                  f"({'each once' if r['once'] else 'SOME TWICE'}, {r['distinct']} distinct) in {r['seconds']:.1f} s "
                  f"= {r['per_s']:.1f} articles/s; page shares "
                  + ", ".join(f"{s:.0%}" for s in r["shares"])
                  + f"; Redis {r['calls'] / max(r['articles'], 1):.1f} commands and "
                    f"{r['bytes'] / max(r['articles'], 1) / 1024:.1f} KB per article (most: "
                  + ", ".join(f"{name} {n / max(r['articles'], 1):.0f}" for name, n in r["by_command"].most_common(5))
                  + ")")
        seen_mb = seen_memory(redis_port)
        print(f"  Redis memory: {seen_mb:.1f} MB per million seen URLs (100,000 measured); archive state "
              f"{results[-1]['archive_bytes'] / max(results[-1]['distinct'], 1):.0f} bytes per article")
    finally:
        redis_process.terminate()
        redis_process.wait()
        server.stop()
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    last = results[-1]
    rates = " ".join(f"w{r['workers']}_articles_per_s={r['per_s']:.1f}" for r in results)
    print(f"distributed: articles={args.articles} {rates} "
          f"redis_cmds_per_article={last['calls'] / max(last['articles'], 1):.1f} "
          f"redis_bytes_per_article={last['bytes'] / max(last['articles'], 1):.0f} "
          f"seen_mb_per_million={seen_mb:.1f} "
          f"archive_bytes_per_article={last['archive_bytes'] / max(last['distinct'], 1):.0f}")
    return 0 if all(r["once"] and r["distinct"] == args.articles and not any(r["codes"]) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
