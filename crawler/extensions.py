"""End-of-crawl summary: the one INFO block a person reads after a crawl."""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals

logger = logging.getLogger(__name__)


class CrawlSummary:
    """Logs the summary and keeps the crawl's counters in ``ARCHIVE_DIR/.jobs/``.

    The JSON file makes every counter observable to people and tests without
    parsing logs.
    """

    def __init__(self, stats, archive_dir: Path):
        self.stats = stats
        self.archive_dir = archive_dir
        self.started = datetime.now(timezone.utc)
        self.job_id = f"{self.started:%Y%m%dT%H%M%SZ}-{os.getpid()}"

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler.stats, Path(crawler.settings.get("ARCHIVE_DIR")))
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider, reason):
        stats = self.stats.get_stats()
        logger.info("%s", summary_text(stats, reason))
        jobs = self.archive_dir / ".jobs"
        jobs.mkdir(parents=True, exist_ok=True)
        report = {
            "job_id": self.job_id,
            "spider": spider.name,
            "started_at": self.started.isoformat(timespec="seconds"),
            "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "finish_reason": reason,
            "stats": {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in stats.items()},
        }
        tmp = jobs / f".{self.job_id}.json.tmp"
        tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        tmp.replace(jobs / f"{self.job_id}.json")


def summary_text(stats: dict, reason: str) -> str:
    def group(prefix: str) -> dict[str, int]:
        return {k[len(prefix):]: v for k, v in sorted(stats.items())
                if k.startswith(prefix) and isinstance(v, int)}

    written = {k: v for k, v in group("news/written/").items() if "/" in k}
    lines = [
        f"crawl finished ({reason}): {stats.get('response_received_count', 0)} pages fetched, "
        f"{stats.get('news/articles/extracted', 0)} articles extracted, "
        f"{stats.get('news/written', 0)} written",
    ]
    for key, count in written.items():
        source, day = key.split("/", 1)
        lines.append(f"  written {source} {day}: {count}")
    for title, prefix in (("duplicates", "news/duplicates/"), ("dropped", "news/dropped/"),
                          ("not articles", "news/skipped/"), ("crawl traps", "news/trap/")):
        counts = group(prefix)
        if counts:
            lines.append(f"  {title}: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    return "\n".join(lines)
