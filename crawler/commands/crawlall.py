"""`scrapy crawlall [--parallel N]`: one `scrapy crawl news` process per source.

For cron and systemd timers: each source runs in its own process with its
own log, under a per-source lock so an overlapping run skips a source that is
still being crawled; the exit status is 1 when any source failed.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler import defaults
from newsarchive.extract.profiles import ProfileError
from crawler.args import load_site
from newsarchive.record.urls import source_name

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Source:
    name: str
    args: dict
    settings: dict = field(default_factory=dict)


def read_sources(path: Path) -> list[Source]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"sources file {path}: {exc}") from None
    sources = []
    for number, entry in enumerate(data.get("source", []), 1):
        args = {str(k): str(v) for k, v in (entry.get("args") or {}).items()}
        if entry.get("site"):
            try:
                name = load_site(entry["site"]).name
            except ProfileError as exc:
                raise UsageError(f"{path}: source {number}: {exc}") from None
            args["site"] = entry["site"]
        elif entry.get("url"):
            name, args["url"] = source_name(entry["url"]), entry["url"]
            if entry.get("name"):
                args["source"] = entry["name"]
        else:
            raise UsageError(f"{path}: source {number} needs site = \"NAME\" or url = \"URL\"")
        sources.append(Source(entry.get("name") or name, args, dict(entry.get("settings") or {})))
    if not sources:
        raise UsageError(f"{path}: no [[source]] entries")
    return sources


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Crawl every source of crawler/sources.toml, N processes at a time"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--parallel", type=int, default=2, help="crawls at once (default 2)")
        parser.add_argument("--sources", default=None,
                            help="sources file (default: setting NEWS_SOURCES_FILE)")
        parser.add_argument("--only", action="append", default=[], metavar="SOURCE",
                            help="crawl only this source (repeatable)")

    def run(self, args: list[str], opts) -> None:
        if args:
            raise UsageError("crawlall takes no positional arguments")
        if opts.parallel < 1:
            raise UsageError("--parallel must be at least 1")
        path = Path(opts.sources or defaults.get(self.settings, "NEWS_SOURCES_FILE"))
        if not path.is_absolute():
            path = Path.cwd() / path
        sources = [s for s in read_sources(path) if not opts.only or s.name in opts.only]
        archive = Path(defaults.get(self.settings, "ARCHIVE_DIR")).resolve()
        runner = _Runner(archive, opts.set or [], opts.parallel)
        results = runner.run(sources)
        print(_table(results))
        self.exitcode = 1 if any(r["verdict"] == "failed" for r in results) else 0


class _Runner:
    def __init__(self, archive: Path, settings: list[str], parallel: int):
        self.archive, self.settings, self.parallel = archive, settings, parallel
        self.stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")

    def run(self, sources: list[Source]) -> list[dict]:
        waiting, running, results = list(sources), [], []
        while waiting or running:
            while waiting and len(running) < self.parallel:
                started = self._start(waiting.pop(0))
                if "verdict" in started:
                    results.append(started)
                else:
                    running.append(started)
            for job in list(running):
                if job["proc"].poll() is not None:
                    running.remove(job)
                    results.append(self._finish(job))
            time.sleep(0.2)
        order = {s.name: i for i, s in enumerate(sources)}
        return sorted(results, key=lambda r: order[r["source"]])

    def _start(self, source: Source) -> dict:
        locks = self.archive / ".state" / "locks"
        locks.mkdir(parents=True, exist_ok=True)
        lock = open(locks / f"{source.name}.lock", "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            return {"source": source.name, "written": "-", "verdict": "skipped",
                    "note": "still running in another crawl"}
        job_id = f"{self.stamp}-{source.name}"
        log = self.archive / ".logs" / source.name / f"{job_id}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        # The crawls share the host's cores: NEWS_EXTRACT_WORKERS=auto divides them.
        cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-s", f"NEWS_HOST_CRAWLS={self.parallel}"]
        for key, value in source.args.items():
            cmd += ["-a", f"{key}={value}"]
        for key, value in source.settings.items():
            cmd += ["-s", f"{key}={_setting_text(value)}"]
        for setting in self.settings:
            cmd += ["-s", setting]
        cmd += ["-s", f"ARCHIVE_DIR={self.archive}", "-s", f"NEWS_JOB_ID={job_id}",
                "-s", f"LOG_FILE={log}"]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=open(log.with_suffix(".stderr"), "w"))
        return {"source": source.name, "proc": proc, "lock": lock, "job_id": job_id, "log": log}

    def _finish(self, job: dict) -> dict:
        job["lock"].close()
        report_path = self.archive / ".jobs" / f"{job['job_id']}.json"
        try:
            report = json.loads(report_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"source": job["source"], "written": "-", "verdict": "failed",
                    "note": f"exit {job['proc'].returncode}, no job report; see {job['log']}"}
        verdict = report.get("verdict", "failed")
        if job["proc"].returncode not in (0, 1):
            verdict = "failed"
        note = "; ".join(report.get("reasons") or report.get("warnings") or [])
        return {"source": job["source"], "written": report.get("written", 0), "verdict": verdict,
                "note": note, "log": str(job["log"])}


def _setting_text(value) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def _table(results: list[dict]) -> str:
    width = max([len("source")] + [len(r["source"]) for r in results])
    lines = [f"{'source':{width}}  {'new':>5}  verdict  notes", "-" * (width + 30)]
    for r in results:
        lines.append(f"{r['source']:{width}}  {str(r['written']):>5}  {r['verdict']:7}  {r.get('note', '')}")
    failed = sum(r["verdict"] == "failed" for r in results)
    lines.append(f"{len(results)} sources, {failed} failed")
    return "\n".join(lines)
