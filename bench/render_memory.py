"""Rendering cost and memory: a crawl of N JavaScript pages, with and without the browser.

Serves N article pages whose text is inserted by JavaScript (and the same N
pages rendered server-side), crawls the first with render=always and the
second plainly, samples the resident memory of the whole crawl process tree
(Scrapy + Playwright driver + Chromium) during the rendered crawl, and prints
pages/s for both and RSS by quarter of the crawl: flat quarters mean pages
are closed and memory does not grow with the crawl.

Usage: .venv/bin/python bench/render_memory.py [--pages 500]
Ends with: render_memory: pages=… rendered_pages_per_s=… plain_pages_per_s=… rss_mb_q1=… rss_mb_q2=… rss_mb_q3=… rss_mb_q4=… peak_rss_mb=…
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from mini_site import MiniSite  # noqa: E402


_WORDS = ("الحكومة", "المدينة", "السوق", "المدرسة", "الطريق", "المستشفى", "المزارعون", "الطلاب",
          "البلدية", "النهر", "الجسر", "الميناء", "المصنع", "الجامعة", "المهرجان", "الشتاء", "الكهرباء",
          "المياه", "الأسعار", "الموازنة", "المعرض", "الملعب", "القطار", "الحافلات", "الحديقة")


def _sentence(seed: int) -> str:
    """Distinct text per article, so dedupe does not fold the pages into one story."""
    pick = random.Random(seed)
    return " ".join(pick.choice(_WORDS) for _ in range(14)) + f" ({seed})."


def build_site(pages: int, rendered_by_js: bool) -> MiniSite:
    site = MiniSite()
    site.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow:\n")
    links = "".join(f'<li><a href="/a/{n}.html">خبر رقم {n} من أخبار اليوم</a></li>' for n in range(pages))
    site.html("/", f'<html lang="ar"><body class="home"><ul>{links}</ul></body></html>')
    for n in range(pages):
        paras = "".join(f"<p>{_sentence(n * 31 + i)} {_sentence(n * 17 + i * 5 + 3)}</p>" for i in range(6))
        article = (f'<article><h1>خبر رقم {n} من أخبار اليوم</h1>'
                   f'<time datetime="2021-05-0{1 + n % 9}T10:00:00+03:00"></time>{paras}</article>')
        if rendered_by_js:
            body = (f'<div id="app"></div><script>setTimeout(function(){{'
                    f'document.getElementById("app").innerHTML={json.dumps(article)};}}, 100);</script>')
        else:
            body = article
        site.html(f"/a/{n}.html", f'<html lang="ar"><head><title>خبر {n}</title></head><body>{body}</body></html>')
    return site


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/status") as fh:
                kb = next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = kb
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def crawl(site: MiniSite, archive: Path, extra: list[str]) -> tuple[float, list[tuple[float, int]]]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"url={site.base_url}/", *extra,
           "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
           "-s", f"ARCHIVE_DIR={archive}", "-s", "LOG_LEVEL=WARNING", "-s", "NEWS_PATTERN_BUDGET=0"]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples = []
    while proc.poll() is None:
        samples.append((time.monotonic() - started, tree_rss_kb(proc.pid)))
        time.sleep(0.5)
    return time.monotonic() - started, samples


def written(archive: Path) -> int:
    from newsarchive.store.inventory import archive_counts

    return sum(sum(days.values()) for days in archive_counts(archive).values())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        with build_site(args.pages, rendered_by_js=False) as site:
            plain_seconds, _ = crawl(site, Path(tmp) / "plain", [])
        plain_written = written(Path(tmp) / "plain")
        with build_site(args.pages, rendered_by_js=True) as site:
            seconds, samples = crawl(site, Path(tmp) / "rendered", ["-a", "render=always"])
        rendered_written = written(Path(tmp) / "rendered")
    print(f"plain crawl:    {plain_written} articles in {plain_seconds:.1f} s")
    print(f"rendered crawl: {rendered_written} articles in {seconds:.1f} s")
    quarters = []
    for q in range(4):
        part = [kb for t, kb in samples if q * seconds / 4 <= t < (q + 1) * seconds / 4] or [0]
        quarters.append(sum(part) / len(part) / 1024)
    peak = max((kb for _, kb in samples), default=0) / 1024
    print("RSS of the crawl's process tree by quarter (MB): " + ", ".join(f"{q:.0f}" for q in quarters))
    print(f"render_memory: pages={args.pages} rendered_pages_per_s={rendered_written / seconds:.1f} "
          f"plain_pages_per_s={plain_written / plain_seconds:.1f} "
          + " ".join(f"rss_mb_q{i + 1}={q:.0f}" for i, q in enumerate(quarters))
          + f" peak_rss_mb={peak:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
