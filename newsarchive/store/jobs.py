"""Job reports and verdicts: did this crawl work, and would a scheduler notice if not?

Scrapy exits 0 after a crawl that fetched nothing. Every crawl here ends with
``ARCHIVE_DIR/.jobs/<job-id>.json`` and a verdict computed from its counters
and from the history of each source (``.state/sources/<source>.json``);
``scrapy crawl`` exits non-zero when the verdict is ``failed``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

COVERAGE_FIELDS = ("published_at", "modified_at", "section", "authors", "tags", "related")
#: Finish reasons of a crawl that ended as asked.
NORMAL_FINISH = frozenset({"finished", "max_pages", "max_articles"})
_HISTORY_RUNS = 30


def _group(stats: dict, prefix: str) -> dict[str, int]:
    return {k[len(prefix):]: v for k, v in sorted(stats.items())
            if k.startswith(prefix) and isinstance(v, int) and "/" not in k[len(prefix):]}


#: Defaults of the settings of the same names.
#: Share of requests ending in a download error or 5xx above which a crawl failed.
NEWS_MAX_ERROR_RATE = 0.2
#: Share of a source's pages that may be doubtful before the verdict warns.
NEWS_DOUBTFUL_WARN_RATE = 0.02
#: Minimum share of a source's new records that must have a field.
NEWS_MIN_COVERAGE = {"published_at": 0.9}
#: Coverage is only judged for sources with at least this many new records.
NEWS_COVERAGE_MIN_RECORDS = 5
#: Zero new articles is a warning when the source had some in this many last runs.
NEWS_ZERO_ARTICLES_WARN_RUNS = 3


@dataclass
class Rules:
    """Verdict thresholds, all settings (defaults above)."""

    max_error_rate: float = NEWS_MAX_ERROR_RATE
    doubtful_warn_rate: float = NEWS_DOUBTFUL_WARN_RATE
    min_coverage: dict = field(default_factory=lambda: dict(NEWS_MIN_COVERAGE))
    coverage_min_records: int = NEWS_COVERAGE_MIN_RECORDS
    zero_warn_runs: int = NEWS_ZERO_ARTICLES_WARN_RUNS

    @classmethod
    def from_settings(cls, settings) -> "Rules":
        coverage = settings.getdict("NEWS_MIN_COVERAGE", NEWS_MIN_COVERAGE)
        return cls(
            max_error_rate=settings.getfloat("NEWS_MAX_ERROR_RATE", NEWS_MAX_ERROR_RATE),
            doubtful_warn_rate=settings.getfloat("NEWS_DOUBTFUL_WARN_RATE", NEWS_DOUBTFUL_WARN_RATE),
            min_coverage={k: float(v) for k, v in coverage.items()},
            coverage_min_records=settings.getint("NEWS_COVERAGE_MIN_RECORDS", NEWS_COVERAGE_MIN_RECORDS),
            zero_warn_runs=settings.getint("NEWS_ZERO_ARTICLES_WARN_RUNS", NEWS_ZERO_ARTICLES_WARN_RUNS),
        )


class SourceHistory:
    """The recent runs of one source, kept under ``.state/sources/``."""

    def __init__(self, archive_dir: Path, source: str):
        self.path = Path(archive_dir) / ".state" / "sources" / f"{source}.json"
        try:
            self.data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {"runs": []}

    @property
    def runs(self) -> list[dict]:
        return self.data.get("runs", [])

    def last_success(self) -> datetime | None:
        value = self.data.get("last_success")
        return datetime.fromisoformat(value) if value else None

    def newest_day(self) -> date | None:
        """Newest publication day archived by successful runs of this source."""
        value = self.data.get("newest_published_day")
        return date.fromisoformat(value) if value else None

    def record(self, run: dict) -> None:
        self.data["runs"] = (self.runs + [run])[-_HISTORY_RUNS:]
        if run["verdict"] == "ok":
            self.data["last_success"] = run["started_at"]
            newest = max(filter(None, [self.data.get("newest_published_day"), run.get("newest_day")]),
                         default=None)
            if newest:
                self.data["newest_published_day"] = newest
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(self.path)


#: Requests the crawl itself declined to send (URL gate, max_pages): not download errors.
_REFUSALS = (".GateRefused", ".LimitReached")


def build_report(stats: dict, *, job_id: str, spider: str, started: datetime, reason: str,
                 arguments: dict, settings: dict, sources: list[str],
                 doubtful: list[dict] = ()) -> dict:
    written_by = {}
    for key, count in stats.items():
        match = re.match(r"^news/written/([^/]+)/(\d{4}-\d{2}-\d{2})$", key)
        if match:
            written_by.setdefault(match.group(1), {})[match.group(2)] = count
    per_source = {}
    for source in sources:
        days = dict(sorted(written_by.get(source, {}).items()))
        total = sum(days.values())
        per_source[source] = {
            "written": total,
            "written_by_day": days,
            "pages_extracted": stats.get(f"news/extracted_pages/{source}", 0),
            "doubtful": stats.get(f"news/doubtful_pages/{source}", 0),
            "coverage": {f: round(stats.get(f"news/coverage/{source}/{f}", 0) / total, 4) if total else None
                         for f in COVERAGE_FIELDS},
        }
    total = stats.get("news/written", 0)
    return {
        "job_id": job_id,
        "spider": spider,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "finish_reason": reason,
        "arguments": arguments,
        "settings": settings,
        "pages_fetched": stats.get("response_received_count", 0),
        "requests": stats.get("downloader/request_count", 0),
        "written": total,
        "sources": per_source,
        "duplicates": _group(stats, "news/duplicates/"),
        "dropped": _group(stats, "news/dropped/"),
        "not_articles": _group(stats, "news/skipped/"),
        "doubtful": {
            "count": sum(_group(stats, "news/doubtful/").values()),
            "by_reason": _group(stats, "news/doubtful/"),
            "archived": bool(stats.get("news/doubtful_kept")),
            "pages": list(doubtful),
        },
        "errors": {name: n for name, n in _group(stats, "downloader/exception_type_count/").items()
                   if not name.endswith(_REFUSALS)},
        "http_status": _group(stats, "downloader/response_status_count/"),
        "coverage": {f: round(stats.get(f"news/coverage/{f}", 0) / total, 4) if total else None
                     for f in COVERAGE_FIELDS},
        "rendering": {"pages_rendered": stats.get("news/render/pages", 0),
                      "auto_rerendered": stats.get("news/render/auto", 0),
                      "browsers_started": stats.get("playwright/browser_count", 0)},
        "stats": {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in sorted(stats.items())},
    }


def judge(report: dict, rules: Rules, histories: dict[str, SourceHistory],
          archived: dict[str, int]) -> tuple[str, list[str], list[str]]:
    """(verdict, reasons it failed, warnings) of one crawl."""
    reasons, warnings = [], []
    if report["finish_reason"] not in NORMAL_FINISH:
        reasons.append(f"finish reason {report['finish_reason']!r}")
    requests = report["requests"]
    errors = sum(report["errors"].values()) + sum(
        n for status, n in report["http_status"].items() if status.startswith("5"))
    if requests and errors / requests > rules.max_error_rate:
        reasons.append(f"error rate {errors / requests:.0%} (errors and 5xx) above "
                       f"{rules.max_error_rate:.0%}")
    for source, info in report["sources"].items():
        pages, doubtful = info.get("pages_extracted", 0), info.get("doubtful", 0)
        if pages and doubtful / pages > rules.doubtful_warn_rate:
            warnings.append(f"{source}: {doubtful} of {pages} pages ({doubtful / pages:.0%}) rejected as not "
                            f"articles look like articles (doubtful, above {rules.doubtful_warn_rate:.0%}); "
                            "see the job report's doubtful list, or crawl with -s NEWS_KEEP_DOUBTFUL=True")
        if report["stats"].get(f"news/render/unavailable/{source}"):
            reasons.append(f"{source}: needs JavaScript rendering but no Chromium was found")
        if info["written"] == 0:
            if not archived.get(source):
                reasons.append(f"{source}: no articles ever archived")
            else:
                recent = [r for r in histories[source].runs[-rules.zero_warn_runs:] if r.get("written")]
                if recent:
                    warnings.append(f"{source}: no new articles (had some in {len(recent)} of the "
                                    f"last {rules.zero_warn_runs} runs)")
            continue
        if info["written"] < rules.coverage_min_records:
            continue
        for name, minimum in rules.min_coverage.items():
            share = info["coverage"].get(name)
            if share is not None and share < minimum:
                reasons.append(f"{source}: {name} on {share:.0%} of records, below {minimum:.0%}")
    return ("failed" if reasons else "ok"), reasons, warnings
