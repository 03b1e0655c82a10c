"""Crawl speed (issue 12): our full crawl of a generated news site against trafilatura alone and bare Scrapy, in one run.

Generates a WordPress-like Arabic news site of N articles (bench/sitegen.py:
~45 KB pages with ~125 links each, most of them the same theme links on every
page; sitemap index with monthly sitemaps, Google News sitemap, RSS feed,
paginated section, tag and author archives), serves it from 127.0.0.1 with
nginx (2 workers, sendfile, no access log; a forked Python server when nginx
is missing, and the output says which), then runs, each as a subprocess:

  (a) bare Scrapy: a spider that fetches exactly the N article URLs and does
      nothing with them, same concurrency settings as (c);
  (b) trafilatura alone: trafilatura.extract (default settings, as the
      baseline of bench/extraction.py) over the N saved article pages, in one
      process;
  (c) our full crawl: `scrapy crawl news -a url=http://127.0.0.1:PORT/` from
      the repository root into a fresh archive, discovering the site itself
      (robots.txt, sitemaps, feed, listings); articles are the lines of the
      archive's day files, pages the job report's `pages_fetched`.

For each: items, wall seconds, items/s, CPU ms per item (user + sys of the
whole process tree, from the kernel's accounting of the reaped child:
RUSAGE_CHILDREN deltas around the wait; when the per-process CPU times
sampled from /proc add up to more, because a descendant was never reaped by
its parent, as the extraction pool's forkserver workers are not, the sampled
sum is used and the output says so) and peak RSS of the tree: the sum of
PSS (proportional set size, so pages forked workers share are counted once)
over the process and its descendants, sampled every 0.1 s, beside the
kernel's ru_maxrss of the largest single process. The web server is not part
of any tree measured. The host's load average is printed beside the runs:
the figures are only as steady as the machine.

Targets (the issue measured a CPU ratio of 4.8 before the work):
  speed_ratio = (c) articles/s / (b) pages/s          >= 1.0
  cpu_ratio   = (c) CPU ms/article / (b) CPU ms/page  <= 2.0
  (c) peak RSS (sampled tree sum)                     < 500 MB at N=50,000

Options: --profile runs (c) once more under cProfile (figures above come from
the unprofiled run) and prints the top 25 functions by cumulative and by own
time; --keep DIR keeps the site, archives and logs in DIR; --workers N passes
-s NEWS_EXTRACT_WORKERS=N to (c).

Usage: .venv/bin/python bench/crawl.py [--articles 2000] [--profile] [--keep DIR] [--workers N] [--server auto|nginx|python]
Ends with: crawl: articles=… articles_per_s=… cpu_ms_per_article=… rss_mb=… trafilatura_pages_per_s=… trafilatura_cpu_ms=… bare_scrapy_pages_per_s=… speed_ratio=… cpu_ratio=…
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urlsplit

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

#: The settings (c) is run with; (a) uses the same concurrency.
CONCURRENCY = 16
CRAWL_SETTINGS = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False",
                  "CONCURRENT_REQUESTS_PER_DOMAIN": str(CONCURRENCY), "CONCURRENT_REQUESTS": str(CONCURRENCY),
                  "LOG_LEVEL": "INFO"}
TARGET_SPEED_RATIO, TARGET_CPU_RATIO, TARGET_RSS_MB, TARGET_RSS_AT = 1.0, 2.0, 500, 50_000
SAMPLE_SECONDS = 0.1
PROFILE_TOP = 25


def python() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


# ---------------------------------------------------------------------------
# Measuring a process tree
# ---------------------------------------------------------------------------


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(b")", 1)[1].split()[1])  # after "(comm)": state, ppid
        children.setdefault(ppid, []).append(int(entry))
    return children


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants alive now."""
    children, tree, todo = _children_map(), [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, ()))
    return tree


def cpu_ticks(pid: int) -> tuple[int, int] | None:
    """(start time, own user + system clock ticks) of a live process; None when gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    return int(fields[19]), int(fields[11]) + int(fields[12])  # starttime, utime + stime


def rss_kb(pid: int) -> int:
    """The process's proportional set size (PSS): its own pages plus its share of shared ones.

    Forked workers share most of their pages with the fork server; summing
    their VmRSS would count those pages once per process. VmRSS when the
    kernel has no ``smaps_rollup``.
    """
    for name, field in ((f"/proc/{pid}/smaps_rollup", b"Pss:"), (f"/proc/{pid}/status", b"VmRSS:")):
        try:
            with open(name, "rb") as fh:
                for line in fh:
                    if line.startswith(field):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0  # gone, or a zombie


class TreeSampler(threading.Thread):
    """Peak of the summed PSS of a process tree, sampled every SAMPLE_SECONDS.

    Also the last CPU time seen of every process of the tree: a check on the
    kernel's figure, which misses a descendant its parent never waited for."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.peak_processes, self.samples = pid, 0, 0, 0
        self.ticks: dict[tuple[int, int], int] = {}  # (pid, start time) -> own CPU ticks
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            tree = process_tree(self.pid)
            total = sum(rss_kb(p) for p in tree)
            for pid in tree:
                seen = cpu_ticks(pid)
                if seen is not None:
                    self.ticks[(pid, seen[0])] = seen[1]
            self.samples += 1
            if total > self.peak_kb:
                self.peak_kb, self.peak_processes = total, len(tree)
            self.done.wait(SAMPLE_SECONDS)

    @property
    def cpu_s(self) -> float:
        return sum(self.ticks.values()) / os.sysconf("SC_CLK_TCK")

    @property
    def own_cpu_s(self) -> float:
        """The watched process's own CPU, without its descendants'."""
        return sum(t for (pid, _), t in self.ticks.items() if pid == self.pid) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.done.set()
        self.join()


@dataclass
class Run:
    """One measured subprocess: its tree's wall time, CPU and memory."""

    name: str
    wall_s: float
    cpu_s: float
    tree_peak_mb: float  # sampled sum of PSS over the tree
    tree_processes: int  # processes in the tree at that peak
    single_max_mb: float  # kernel ru_maxrss: the largest single process of the tree
    returncode: int
    log: Path
    load: float = 0.0  # 1-minute load average of the host when the run started
    main_cpu_s: float = 0.0  # the command's own process (Scrapy's reactor), sampled from /proc
    items: int = 0
    details: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def per_s(self) -> float:
        return self.items / self.wall_s if self.wall_s else 0.0

    @property
    def cpu_ms_per_item(self) -> float:
        return self.cpu_s * 1000 / self.items if self.items else float("nan")


def measure(name: str, cmd: list[str], cwd: Path, log: Path) -> Run:
    """Run ``cmd`` to its end, sampling its process tree; the kernel gives CPU and max RSS.

    CPU is the RUSAGE_CHILDREN delta around the wait (the child and every
    descendant it reaped). ru_maxrss of RUSAGE_CHILDREN is a running maximum
    over all children ever reaped (earlier phases included), so the largest
    single process comes from wait4's rusage of this child instead."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(log, "wb") as out:
        process = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    run = Run(name, wall, cpu, sampler.peak_kb / 1024, sampler.peak_processes, usage.ru_maxrss / 1024,
              process.returncode, log, load, sampler.own_cpu_s)
    if sampler.cpu_s > cpu * 1.05 + 0.2:
        # A descendant was not reaped by its parent (its CPU never reached the kernel's sum).
        run.notes.append(f"kernel CPU {cpu:.1f} s < {sampler.cpu_s:.1f} s sampled from /proc; the sampled figure is used")
        run.cpu_s = sampler.cpu_s
    return run


def _check(run: Run, expect_zero: bool = True) -> None:
    if expect_zero and run.returncode != 0:
        tail = run.log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
        raise SystemExit(f"{run.name} failed (exit {run.returncode}); last lines of {run.log}:\n" + "\n".join(tail))


# ---------------------------------------------------------------------------
# (a) bare Scrapy and (b) trafilatura: the subprocesses' own code
# ---------------------------------------------------------------------------


def bare_scrapy_main(urls_file: str, stats_file: str) -> int:
    """Fetch every URL of ``urls_file`` with Scrapy and do nothing else."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class BareSpider(scrapy.Spider):
        name = "bare"

        async def start(self):
            with open(urls_file, encoding="utf-8") as fh:
                for line in fh:
                    yield scrapy.Request(line.split("\t", 1)[0].strip(), callback=self.parse)

        def parse(self, response):
            return None

    settings = {**{k: v for k, v in CRAWL_SETTINGS.items()}, "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False,
                "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor"}
    process = CrawlerProcess(settings=settings, install_root_handler=True)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    Path(stats_file).write_text(json.dumps({
        "pages": stats.get("response_received_count", 0),
        "status_200": stats.get("downloader/response_status_count/200", 0),
        "bytes": stats.get("downloader/response_bytes", 0),
        "finish_reason": stats.get("finish_reason"),
    }), encoding="utf-8")
    return 0


def trafilatura_main(urls_file: str, stats_file: str) -> int:
    """trafilatura.extract over every saved article page, default settings."""
    import trafilatura

    pages = extracted = 0
    started = time.perf_counter()
    with open(urls_file, encoding="utf-8") as fh:
        for line in fh:
            url, path = line.rstrip("\n").split("\t")
            html = Path(path).read_bytes()
            text = trafilatura.extract(html.decode("utf-8", "replace"), url=url) or ""
            pages += 1
            extracted += bool(text)
    Path(stats_file).write_text(json.dumps({"pages": pages, "extracted": extracted,
                                            "loop_s": time.perf_counter() - started}), encoding="utf-8")
    return 0


WORKERS = {"_bare_scrapy": bare_scrapy_main, "_trafilatura": trafilatura_main}


# ---------------------------------------------------------------------------
# The three runs
# ---------------------------------------------------------------------------


def write_url_list(site, docroot: Path, path: Path) -> None:
    """One line per article: its URL and its saved page."""
    with open(path, "w", encoding="utf-8") as fh:
        for url in site.article_urls:
            page = docroot / unquote(urlsplit(url).path).lstrip("/") / "index.html"
            fh.write(f"{url}\t{page}\n")


def run_baseline(label: str, mode: str, urls: Path, work: Path) -> Run:
    """(a) or (b): this script run again in ``mode`` (``_bare_scrapy``, ``_trafilatura``) over the article URLs."""
    stats = work / f"{mode.lstrip('_')}.json"
    run = measure(label, [python(), str(Path(__file__).resolve()), mode, str(urls), str(stats)],
                  work, work / f"{mode.lstrip('_')}.log")
    _check(run)
    run.details = json.loads(stats.read_text(encoding="utf-8"))
    run.items = run.details["pages"]
    return run


def crawl_command(base_url: str, archive: Path, workers: int | None, profile_out: Path | None = None) -> list[str]:
    cmd = [python()]
    if profile_out is not None:
        cmd += ["-m", "cProfile", "-o", str(profile_out)]
    cmd += ["-m", "scrapy", "crawl", "news", "-a", f"url={base_url}/", "-s", f"ARCHIVE_DIR={archive}"]
    for name, value in CRAWL_SETTINGS.items():
        cmd += ["-s", f"{name}={value}"]
    if workers is not None:
        cmd += ["-s", f"NEWS_EXTRACT_WORKERS={workers}"]
    return cmd


def read_archive(archive: Path) -> dict:
    """Lines of the day files, and the job report's pages_fetched and written."""
    lines = sum(sum(1 for _ in open(day, "rb"))
                for source in archive.iterdir() if source.is_dir() and not source.name.startswith(".")
                for day in source.glob("*.jsonl"))
    reports = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((archive / ".jobs").glob("*.json"))]
    reports = [r for r in reports if "pages_fetched" in r]
    if len(reports) != 1:
        raise SystemExit(f"expected one job report in {archive / '.jobs'}, found {len(reports)}")
    report = reports[0]
    return {"day_file_lines": lines, "pages_fetched": report["pages_fetched"], "written": report["written"],
            "requests": report.get("requests"), "finish_reason": report.get("finish_reason"),
            "verdict": report.get("verdict"), "not_articles": report.get("not_articles", {}),
            "dropped": report.get("dropped", {}), "duplicates": report.get("duplicates", {})}


def run_full_crawl(base_url: str, archive: Path, work: Path, workers: int | None,
                   profile_out: Path | None = None) -> Run:
    if archive.exists():
        shutil.rmtree(archive)
    archive.mkdir(parents=True)
    name = "(c) full crawl" + (" under cProfile" if profile_out else "")
    log = work / ("crawl_profiled.log" if profile_out else "crawl.log")
    run = measure(name, crawl_command(base_url, archive, workers, profile_out), REPO, log)
    # `scrapy crawl` exits 1 when the job's verdict is a failure: reported, not fatal.
    if not (archive / ".jobs").is_dir():
        _check(run)
    run.details = read_archive(archive)
    run.items = run.details["day_file_lines"]
    return run


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def _row(run: Run, unit: str) -> str:
    return (f"{run.name:<24s} {run.items:>7d} {unit:<9s} {run.wall_s:>8.1f} {run.per_s:>9.1f} "
            f"{run.cpu_ms_per_item:>10.2f} {run.tree_peak_mb:>10.0f} {run.single_max_mb:>10.0f}")


def print_runs(bare: Run, traf: Run, crawl: Run, articles: int) -> None:
    print(f"{'':<24s} {'items':>7s} {'':<9s}{'wall s':>9s} {'items/s':>9s} {'CPU ms/it':>10s} "
          f"{'RSS MB':>10s} {'max1 MB':>10s}")
    print(_row(bare, "pages"))
    print(_row(traf, "pages"))
    print(_row(crawl, "articles"))
    print("  (RSS MB: peak of the summed PSS of the process tree, sampled every 0.1 s; "
          "max1 MB: the kernel's ru_maxrss, largest single process)")
    print(f"  host load average when each run started: (a) {bare.load:.1f}, (b) {traf.load:.1f}, (c) {crawl.load:.1f} "
          f"on {os.cpu_count()} CPUs (other work on the host slows the runs it overlaps)")
    for run in (bare, traf, crawl):
        for note in run.notes:
            print(f"  {run.name}: {note}")
        if run.single_max_mb and abs(run.tree_peak_mb - run.single_max_mb) > 0.1 * run.single_max_mb + 5:
            print(f"  {run.name}: the sampled tree sum ({run.tree_peak_mb:.0f} MB, {run.tree_processes} processes) "
                  f"and the largest single process ({run.single_max_mb:.0f} MB) differ; the tree sum is the figure used")
    d = bare.details
    print(f"(a) {d['pages']} pages fetched ({d['status_200']} with status 200, {d['bytes'] / 1e6:.0f} MB), "
          f"finish reason {d['finish_reason']}")
    d = traf.details
    print(f"(b) {d['extracted']} of {d['pages']} pages gave text; the extraction loop alone: {d['loop_s']:.1f} s, "
          f"{d['loop_s'] * 1000 / max(1, d['pages']):.2f} ms/page wall (the rest is interpreter start and imports)")
    d = crawl.details
    print(f"(c) {d['pages_fetched']} pages fetched ({d['requests']} requests), {d['written']} written by the job report, "
          f"{d['day_file_lines']} day-file lines of {articles} articles generated; finish reason {d['finish_reason']}, "
          f"verdict {d['verdict']}, exit {crawl.returncode}; "
          f"{crawl.cpu_s * 1000 / max(1, d['pages_fetched']):.2f} CPU ms per page fetched")
    print(f"    of which Scrapy's process (reactor, pipelines) {crawl.main_cpu_s * 1000 / max(1, crawl.items):.2f} "
          f"CPU ms per article, the extraction workers "
          f"{(crawl.cpu_s - crawl.main_cpu_s) * 1000 / max(1, crawl.items):.2f}: one core bounds the first")
    for key in ("not_articles", "dropped", "duplicates"):
        if d[key]:
            print(f"    {key}: {json.dumps(d[key], ensure_ascii=False)}")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def print_ratios(bare: Run, traf: Run, crawl: Run, articles: int) -> tuple[float, float]:
    speed = crawl.per_s / traf.per_s if traf.per_s else float("nan")
    cpu = crawl.cpu_ms_per_item / traf.cpu_ms_per_item if traf.items else float("nan")
    print(f"speed ratio (c) articles/s / (b) pages/s = {crawl.per_s:.1f} / {traf.per_s:.1f} = {speed:.2f}  "
          f"(target >= {TARGET_SPEED_RATIO}: {verdict(speed >= TARGET_SPEED_RATIO)})")
    print(f"CPU ratio (c) ms/article / (b) ms/page = {crawl.cpu_ms_per_item:.2f} / {traf.cpu_ms_per_item:.2f} = {cpu:.2f}  "
          f"(target <= {TARGET_CPU_RATIO}: {verdict(cpu <= TARGET_CPU_RATIO)}; the issue measured 4.8 before)")
    judged = (verdict(crawl.tree_peak_mb < TARGET_RSS_MB) if articles >= TARGET_RSS_AT
              else f"not judged at N={articles}: run --articles {TARGET_RSS_AT}")
    print(f"peak RSS of (c) = {crawl.tree_peak_mb:.0f} MB  (target < {TARGET_RSS_MB} MB at N={TARGET_RSS_AT:,}: {judged})")
    print(f"for reference: (c) - (a) = {crawl.cpu_ms_per_item - bare.cpu_ms_per_item:.2f} CPU ms per article "
          f"beyond fetching; (c) spends {crawl.cpu_ms_per_item / bare.cpu_ms_per_item:.1f}x bare Scrapy's CPU per item")
    return speed, cpu


def _short(text: str) -> str:
    """Profile paths without their prefixes: site-packages, the standard library, the repository."""
    prefixes = [(p + "/", "") for p in sys.path if p.endswith("site-packages")]
    prefixes += [(os.path.dirname(os.__file__) + "/", "<stdlib>/"), (str(REPO) + "/", "")]
    for prefix, short in prefixes:
        text = text.replace(prefix, short)
    return text


def print_profile(path: Path) -> None:
    for key, label in (("cumulative", "cumulative time"), ("tottime", "own time (tottime)")):
        out = io.StringIO()
        stats = pstats.Stats(str(path), stream=out)
        stats.sort_stats(key).print_stats(PROFILE_TOP)
        text = out.getvalue()
        lines = [line for line in text.splitlines() if line.strip()]
        total = next((line.strip() for line in lines if "function calls" in line), "")
        table = text[text.index("   ncalls"):] if "   ncalls" in text else text
        print(f"--- top {PROFILE_TOP} by {label} ({total}) ---")
        print(_short(table).rstrip())


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def prepare_work(keep: Path | None) -> Path:
    if keep is None:
        return Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    keep = keep.resolve()
    keep.mkdir(parents=True, exist_ok=True)
    for name in ("site", "archive", "archive-profiled", "server"):  # only what an earlier run left
        if (keep / name).exists():
            shutil.rmtree(keep / name)
    return keep


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in WORKERS:
        return WORKERS[argv[0]](*argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles on the generated site")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--profile", action="store_true", help="also run (c) under cProfile and print the top functions")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate, crawl and log in DIR and keep it")
    parser.add_argument("--workers", type=int, help="pass -s NEWS_EXTRACT_WORKERS=N to (c)")
    parser.add_argument("--server", choices=("auto", "nginx", "python"), default="auto",
                        help="auto: nginx when installed, else the Python server")
    args = parser.parse_args(argv)

    import siteserve
    import sitegen

    work = prepare_work(args.keep)
    docroot = work / "site"
    port = siteserve.free_port()
    started = time.perf_counter()
    site = sitegen.generate(docroot, f"http://127.0.0.1:{port}", args.articles, args.seed)
    print(f"site: {site.articles} articles, {sum(site.files.values())} files, {site.bytes_total / 1e6:.1f} MB "
          f"({site.article_bytes / site.articles / 1024:.1f} KB and {site.article_links / site.articles:.0f} links "
          f"per article page), generated in {time.perf_counter() - started:.1f} s into {docroot}")
    print(f"      {dict(site.files)}")
    urls = work / "articles.tsv"
    write_url_list(site, docroot, urls)

    server = siteserve.start_server(docroot, port, work / "server", workers=2, use_nginx=args.server != "python")
    if args.server == "nginx" and server.kind != "nginx":
        server.stop()
        raise SystemExit("nginx was asked for and did not start (apt-get install nginx-light)")
    try:
        print(f"server: {server.kind} on {server.base_url}: {server.detail}"
              + ("" if server.kind == "nginx" else " (nginx not available: `make bench` as root installs nginx-light)"))
        print(f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, Scrapy {version('scrapy')}, "
              f"trafilatura {version('trafilatura')}; (a) and (c) at {CONCURRENCY} concurrent requests"
              + (f"; (c) with NEWS_EXTRACT_WORKERS={args.workers}" if args.workers is not None else ""))
        bare = run_baseline("(a) bare Scrapy", "_bare_scrapy", urls, work)
        traf = run_baseline("(b) trafilatura", "_trafilatura", urls, work)
        crawl = run_full_crawl(server.base_url, work / "archive", work, args.workers)
        print()
        print_runs(bare, traf, crawl, site.articles)
        print()
        speed, cpu = print_ratios(bare, traf, crawl, site.articles)
        if args.profile:
            profile = work / "crawl.prof"
            profiled = run_full_crawl(server.base_url, work / "archive-profiled", work, args.workers, profile)
            print()
            print(f"profile: (c) under cProfile: {profiled.items} articles in {profiled.wall_s:.1f} s "
                  f"({profiled.per_s:.1f} articles/s, {profiled.cpu_ms_per_item:.2f} CPU ms/article; main thread "
                  f"only{', not the extraction workers' if args.workers else ''}); {profile}")
            print_profile(profile)
    finally:
        server.stop()
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept: {work}")
    print(f"crawl: articles={crawl.items} articles_per_s={crawl.per_s:.1f} cpu_ms_per_article={crawl.cpu_ms_per_item:.2f} "
          f"rss_mb={crawl.tree_peak_mb:.0f} trafilatura_pages_per_s={traf.per_s:.1f} "
          f"trafilatura_cpu_ms={traf.cpu_ms_per_item:.2f} bare_scrapy_pages_per_s={bare.per_s:.1f} "
          f"speed_ratio={speed:.2f} cpu_ratio={cpu:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
