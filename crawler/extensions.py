"""End of a crawl: the INFO summary a person reads, the job report a scheduler reads."""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals
from scrapy.settings import SETTINGS_PRIORITIES

from crawler import defaults
from newsarchive.store.jobs import Rules, SourceHistory, build_report, judge
from crawler.signals import page_doubtful
from newsarchive.store.state import state_for

logger = logging.getLogger(__name__)


class JobReport:
    """Writes ``ARCHIVE_DIR/.jobs/<job-id>.json`` with counters and a verdict.

    The verdict is also left in the stats (``news/verdict``), where the
    project's ``crawl`` command reads it to set the exit status.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.archive_dir = Path(defaults.get(crawler.settings, "ARCHIVE_DIR"))
        self.started = datetime.now(timezone.utc)
        self.job_id = defaults.get(crawler.settings, "NEWS_JOB_ID") or f"{self.started:%Y%m%dT%H%M%SZ}-{os.getpid()}"
        self.rules = Rules.from_settings(crawler.settings)
        #: The first doubtful pages (URL, source, reason, score), for the report.
        self.doubtful: list[dict] = []
        self.doubtful_max = defaults.get(crawler.settings, "NEWS_DOUBTFUL_LIST")

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.page_doubtful, signal=page_doubtful)
        return ext

    def page_doubtful(self, url, source, reason, score, kept):
        """Count, log and list a rejected page that looks like an article: never a silent loss."""
        stats = self.crawler.stats
        stats.inc_value(f"news/doubtful/{reason}")
        stats.inc_value(f"news/doubtful_pages/{source}")
        if kept:
            stats.inc_value("news/doubtful_kept")
        logger.info("doubtful page %s (%s, score %+.1f): it has a headline, a date and running text; %s",
                    url, reason, score, "archived (NEWS_KEEP_DOUBTFUL)" if kept else "not archived")
        if len(self.doubtful) < self.doubtful_max:
            self.doubtful.append({"url": url, "source": source, "reason": reason,
                                  "score": score, "archived": kept})

    def spider_closed(self, spider, reason):
        stats = self.crawler.stats
        sources = [p.name for p in getattr(spider, "profiles", ())]
        report = build_report(
            stats.get_stats(), job_id=self.job_id, spider=spider.name, started=self.started,
            reason=reason, arguments=getattr(spider, "raw_args", {}),
            settings=_command_line_settings(self.crawler.settings), sources=sources,
            doubtful=self.doubtful,
        )
        histories = {s: SourceHistory(self.archive_dir, s) for s in sources}
        archived = state_for(self.crawler).records_by_source
        judged = report
        shared = getattr(self.crawler, "news_round", None)
        if shared is not None:  # a distributed crawl: the round's counters, every worker's, are judged
            try:
                totals = shared.totals()
            except Exception as exc:  # Redis gone: this worker's own counters are all there is
                logger.error("round %s: its counters are unreadable (%s); judging this worker's", shared.name, exc)
                report["round"] = {"name": shared.name, "unreadable": str(exc)}
            else:
                judged = build_report(
                    totals, job_id=self.job_id, spider=spider.name, started=self.started, reason=reason,
                    arguments=report["arguments"], settings=report["settings"], sources=sources)
                report["round"] = {"name": shared.name, **{k: judged[k] for k in _ROUND_FIELDS}}
        verdict, reasons, warnings = judge(judged, self.rules, histories, archived)
        report.update(verdict=verdict, reasons=reasons, warnings=warnings)
        stats.set_value("news/verdict", verdict)
        for source, history in histories.items():
            history.record({"job_id": self.job_id, "started_at": report["started_at"],
                            "finished_at": report["finished_at"], "verdict": verdict,
                            "written": report["sources"][source]["written"],
                            "newest_day": stats.get_value(f"news/newest_day/{source}")})
        path = self._write(report)
        logger.info("%s", summary_text(report))
        for warning in warnings:
            logger.warning("%s", warning)
        (logger.info if verdict == "ok" else logger.error)(
            "verdict: %s%s (job report: %s)", verdict,
            "" if verdict == "ok" else " — " + "; ".join(reasons), path)

    def _write(self, report: dict) -> Path:
        jobs = self.archive_dir / ".jobs"
        jobs.mkdir(parents=True, exist_ok=True)
        path = jobs / f"{self.job_id}.json"
        tmp = jobs / f".{self.job_id}.json.tmp"
        tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        tmp.replace(path)
        return path


def _command_line_settings(settings) -> dict:
    """The settings a user set for this crawl (-s, spider), plus the archive location."""
    chosen = {"ARCHIVE_DIR": defaults.get(settings, "ARCHIVE_DIR")}
    for name in settings.attributes:
        if settings.getpriority(name) >= SETTINGS_PRIORITIES["cmdline"] - 10 and name != "LOG_FILE":
            value = settings.get(name)
            chosen[name] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
    return chosen


#: What a distributed crawl's job report says of the whole round (besides the worker's own figures).
_ROUND_FIELDS = ("pages_fetched", "requests", "written", "sources", "duplicates", "dropped", "errors",
                 "http_status")

#: Doubtful pages named in the end-of-crawl summary (the job report lists more).
_SUMMARY_DOUBTFUL = 10


#: Busiest days named per source in the end-of-crawl summary (the job report has every day).
_SUMMARY_DAYS = 10


def _written_lines(source: str, by_day: dict[str, int]) -> list[str]:
    """A source's articles written: total, first and last day, the busiest days (a back-fill spans thousands)."""
    if not by_day:
        return [f"  written {source}: 0"]
    total, days = sum(by_day.values()), sorted(by_day)
    line = f"  written {source}: {total} on {len(days)} day{'s' if len(days) > 1 else ''}"
    if len(days) == 1:
        return [f"{line} ({days[0]})"]
    busiest = sorted(by_day.items(), key=lambda item: (-item[1], item[0]))[:_SUMMARY_DAYS]
    return [f"{line}, {days[0]} to {days[-1]}",
            "    busiest: " + ", ".join(f"{day} ({count})" for day, count in busiest)]


def summary_text(report: dict) -> str:
    lines = [
        f"crawl finished ({report['finish_reason']}): {report['pages_fetched']} pages fetched, "
        f"{report['stats'].get('news/articles/extracted', 0)} articles extracted, "
        f"{report['written']} written",
    ]
    for source, info in report["sources"].items():
        lines.extend(_written_lines(source, info["written_by_day"]))
    if "pages_fetched" in report.get("round", {}):
        shared = report["round"]
        lines.append(f"  round {shared['name']} (every worker): {shared['pages_fetched']} pages fetched, "
                     f"{shared['written']} written")
    doubtful = report["doubtful"]
    if doubtful["count"]:
        state = "archived anyway" if doubtful["archived"] else "not archived"
        lines.append(f"  doubtful ({state}: rejected, yet with a headline, a date and running text): "
                     + ", ".join(f"{k}={v}" for k, v in doubtful["by_reason"].items()))
        for page in doubtful["pages"][:_SUMMARY_DOUBTFUL]:
            lines.append(f"    {page['url']} ({page['reason']})")
        if doubtful["count"] > _SUMMARY_DOUBTFUL:
            lines.append(f"    … {doubtful['count'] - _SUMMARY_DOUBTFUL} more, the first "
                         f"{len(doubtful['pages'])} listed in the job report")
    for title, counts in (("duplicates", report["duplicates"]), ("dropped", report["dropped"]),
                          ("not articles", report["not_articles"]),
                          ("crawl traps", {k[len("news/trap/"):]: v for k, v in report["stats"].items()
                                           if k.startswith("news/trap/")})):
        if counts:
            lines.append(f"  {title}: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    coverage = {k: v for k, v in report["coverage"].items() if v is not None}
    if coverage:
        lines.append("  field coverage: " + ", ".join(f"{k}={v:.0%}" for k, v in coverage.items()))
    return "\n".join(lines)
