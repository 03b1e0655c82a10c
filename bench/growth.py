"""Growth: does a crawl start as fast, and as small, against a large archive as against none?

Builds archives of synthetic records (default 10,000, 100,000 and 1,000,000):
bodies of ~300 Arabic words (ten paragraphs drawn from wordfreq's 30,000
commonest Arabic words by their frequencies, so every body is its own and
MinHash computes for real; a per-source disclaimer in two of five, so learned
boilerplate has something to count), written straight into day files with
the project's ``to_line`` (ten sources, a hundred records a day file). Each
size extends the previous one's archive. For each size it

1. rebuilds the dedupe state from the day files (``state.sqlite`` deleted
   first), in this process, and reports records per second;
2. runs a real ``scrapy crawl news`` with ``-s ARCHIVE_DIR=<archive>`` against a
   dead local site (a tiny http.server on 127.0.0.1 whose home page is empty),
   three times, and takes the fastest: start-up is the time until Scrapy logs
   "Spider opened" (the pipelines, and so the state, are open by then); peak RSS
   is the process tree's (each process's VmHWM from /proc, sampled every 10 ms,
   summed over the crawl and any child it starts).

The same crawl against an empty archive is the baseline. One line per size,
then:

    growth: startup_extra_s_at_1M=… rss_extra_mb_at_1M=… rebuild_records_per_s=…

(extras against the empty archive, at the largest size; the rebuild rate is
the largest size's). Targets at 1M: start-up at most 2 s more, peak RSS at
most 50 MB more, rebuild at least 5,000 records/s.

Usage: .venv/bin/python bench/growth.py [--sizes 10000,100000] [--dir DIR] [--runs 3] [--rebuild-only]
(--dir keeps the archives; by default they are built in a temporary folder.
--rebuild-only skips the crawls, so only step 1 runs: to measure the rebuild
alone, which the crawls would otherwise dwarf in time; the last line then reads
``growth: rebuild_records_per_s=…``.)
"""

from __future__ import annotations

import argparse
import http.server
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from newsarchive.record.format import to_line  # noqa: E402
from newsarchive.record.urls import record_id  # noqa: E402
from newsarchive.store.state import SqliteDedupeState  # noqa: E402

SOURCES = 10
PER_FILE = 100
PARAGRAPHS, WORDS = 10, 30
FIRST_DAY = date(2000, 1, 1)
DISCLAIMER = ("الآراء الواردة في هذا المقال تعبر عن رأي كاتبها ولا تعكس بالضرورة موقف الموقع أو سياسته "
              "التحريرية، ويحق لإدارة التحرير حذف أي تعليق مسيء أو مخالف لشروط النشر.")


# -- the archive ---------------------------------------------------------------------
class Writer:
    """Appends synthetic records ``start``..``stop`` - 1 to an archive's day files."""

    def __init__(self, seed: int = 7):
        import wordfreq

        self.vocab = np.array(wordfreq.top_n_list("ar", 30000), dtype=object)
        weights = 1.0 / np.arange(1, len(self.vocab) + 1)  # Zipf: the commonest words recur
        self.weights = weights / weights.sum()
        self.seed = seed

    def write(self, archive: Path, start: int, stop: int) -> None:
        for first in range(start - start % (SOURCES * PER_FILE), stop, SOURCES * PER_FILE):
            block = range(max(first, start), min(stop, first + SOURCES * PER_FILE))
            rng = np.random.default_rng([self.seed, first])
            words = self.vocab[rng.choice(len(self.vocab), size=(len(block), PARAGRAPHS * WORDS), p=self.weights)]
            lines: dict[Path, list[bytes]] = {}
            for n, drawn in zip(block, words):
                source = f"site{n % SOURCES}"
                day = FIRST_DAY + timedelta(days=n // (SOURCES * PER_FILE))
                path = archive / source / f"{day.isoformat()}.jsonl"
                lines.setdefault(path, []).append(to_line(self.record(n, source, day, drawn)))
            for path, chunk in lines.items():
                path.parent.mkdir(parents=True, exist_ok=True)
                with open(path, "ab") as fh:
                    fh.write(b"".join(chunk))

    @staticmethod
    def record(n: int, source: str, day: date, drawn) -> dict:
        paragraphs = [" ".join(drawn[i * WORDS:(i + 1) * WORDS]) + "." for i in range(PARAGRAPHS)]
        if n % 5 < 2:
            paragraphs.append(DISCLAIMER)
        url = f"https://{source}.example/{day.year}/{day.month:02d}/{day.day:02d}/article-{n}"
        published = f"{day.isoformat()}T{n % 24:02d}:{n % 60:02d}:00+03:00"
        return {"id": record_id(url), "source": source, "url": url, "title": " ".join(drawn[:8]),
                "body": "\n\n".join(paragraphs), "related": [], "published_at": published,
                "modified_at": None, "authors": ["محرر الموقع"], "section": "أخبار", "tags": [],
                "language": "ar", "crawled_at": "2026-01-01T00:00:00+00:00", "duplicate_of": None,
                "version": 1, "warc": None}


def rebuild(archive: Path) -> tuple[float, int]:
    """Seconds to rebuild the state from the day files, and its size in bytes."""
    for path in (archive / ".state").glob(f"{SqliteDedupeState.FILE}*"):
        path.unlink()
    started = time.monotonic()
    SqliteDedupeState(archive).close()
    seconds = time.monotonic() - started
    return seconds, sum(p.stat().st_size for p in (archive / ".state").glob(f"{SqliteDedupeState.FILE}*"))


# -- the crawl -----------------------------------------------------------------------
class DeadSite(http.server.BaseHTTPRequestHandler):
    """An empty home page; everything else (robots.txt, sitemaps, feeds) is 404."""

    def do_GET(self):
        body = b"<html><head><title>-</title></head><body></body></html>" if self.path == "/" else b""
        self.send_response(200 if self.path == "/" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                todo.extend(int(c) for c in Path(f"/proc/{p}/task/{task}/children").read_text().split())
        except OSError:
            pass
    return out


def _hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def crawl(archive: Path, site: str) -> tuple[float, float, float]:
    """(seconds to "Spider opened", seconds in all, peak RSS MB of the process tree) of one crawl."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"url={site}/",
           "-s", f"ARCHIVE_DIR={archive}", "-s", "LOG_LEVEL=INFO", "-s", "DOWNLOAD_DELAY=0",
           "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "TELNETCONSOLE_ENABLED=False"]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    opened: list[float] = []
    tail: list[bytes] = []

    def read():
        for line in proc.stderr:
            if not opened and b"Spider opened" in line:
                opened.append(time.monotonic() - started)
            tail[:] = (tail + [line])[-30:]

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        for pid in _tree(proc.pid):
            peaks[pid] = max(peaks.get(pid, 0), _hwm_kb(pid))
        time.sleep(0.01)
    reader.join(10)
    total = time.monotonic() - started
    if proc.returncode not in (0, 1) or not opened:  # 1: the verdict of a crawl that found nothing
        raise SystemExit(f"crawl failed ({proc.returncode}):\n" + b"".join(tail).decode("utf-8", "replace"))
    return opened[0], total, sum(peaks.values()) / 1024


def measure(archive: Path, site: str, runs: int) -> tuple[float, float, float]:
    results = [crawl(archive, site) for _ in range(runs)]
    return min(r[0] for r in results), min(r[1] for r in results), min(r[2] for r in results)


def _label(size: int) -> str:
    return f"{size // 1_000_000}M" if size % 1_000_000 == 0 else f"{size // 1000}k" if size % 1000 == 0 else str(size)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--dir", type=Path, help="build the archives here and keep them")
    parser.add_argument("--runs", type=int, default=3, help="crawls per size (the fastest counts)")
    parser.add_argument("--rebuild-only", action="store_true", help="rebuild the states, run no crawl")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    logging.basicConfig(level=logging.INFO, format="  %(message)s", stream=sys.stderr)
    root = args.dir or Path(tempfile.mkdtemp(prefix="growth-"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), DeadSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        if not args.rebuild_only:
            empty = root / "empty"
            shutil.rmtree(empty, ignore_errors=True)
            empty.mkdir(parents=True)
            base_start, base_total, base_rss = measure(empty, site, args.runs)
            print(f"empty archive: startup {base_start:.2f}s (crawl {base_total:.2f}s), peak RSS {base_rss:.0f} MB",
                  flush=True)
        archive = root / "archive"
        archive.mkdir(parents=True, exist_ok=True)
        have = 0 if not (archive / ".growth").is_file() else int((archive / ".growth").read_text())
        writer = Writer()
        rate = 0.0
        for size in sizes:
            if size > have:
                started = time.monotonic()
                writer.write(archive, have, size)
                (archive / ".growth").write_text(str(size))
                print(f"  wrote records {have}..{size - 1} in {time.monotonic() - started:.0f}s", file=sys.stderr)
                have = size
            elif size < have:
                raise SystemExit(f"{archive} holds {have} records already; use a fresh --dir for {size}")
            seconds, state_bytes = rebuild(archive)
            rate = size / seconds
            archive_bytes = sum(p.stat().st_size for p in archive.glob("*/*.jsonl"))
            if args.rebuild_only:
                print(f"{_label(size):>5s} records: rebuild {seconds:.1f}s ({rate:.0f} records/s), archive "
                      f"{archive_bytes / 2**20:.0f} MB, state {state_bytes / 2**20:.0f} MB", flush=True)
                continue
            start, total, rss = measure(archive, site, args.runs)
            print(f"{_label(size):>5s} records: rebuild {seconds:.1f}s ({rate:.0f} records/s), archive "
                  f"{archive_bytes / 2**20:.0f} MB, state {state_bytes / 2**20:.0f} MB; startup {start:.2f}s "
                  f"({start - base_start:+.2f}), crawl {total:.2f}s, peak RSS {rss:.0f} MB ({rss - base_rss:+.1f})",
                  flush=True)
        if args.rebuild_only:
            print(f"growth: rebuild_records_per_s={rate:.0f}")
        else:
            print(f"growth: startup_extra_s_at_{_label(size)}={start - base_start:.2f} "
                  f"rss_extra_mb_at_{_label(size)}={rss - base_rss:.1f} rebuild_records_per_s={rate:.0f}")
    finally:
        server.shutdown()
        if args.dir is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
