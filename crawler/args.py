"""The ``news`` spider's arguments, typed and validated in one place.

``scrapy crawl`` hands spider arguments over as strings; a typo must stop
the crawl before it starts, with one line naming the argument, instead of a
traceback or, worse, a silent full crawl.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

from crawler import defaults
from newsarchive.extract.profiles import ProfileError, SiteProfile, load_profile
from newsarchive.record.urls import host_of
from newsarchive.store.jobs import SourceHistory

logger = logging.getLogger(__name__)

#: name → help text; README's argument table is written from the same words.
ARGUMENTS = {
    "url": "one site, from its home page (or any page of it)",
    "urls_file": "a file with one start URL per line (# comments allowed); each site is crawled",
    "site": "a site profile name from crawler/sites/NAME.toml",
    "source": "with url=: the source name in the archive (default: the host without www.)",
    "since": "YYYY-MM-DD: only articles published on or after that day",
    "max_articles": "stop after writing N articles",
    "max_pages": "stop after fetching N pages (all kinds)",
    "render": "never | always | auto: JavaScript rendering for every source (default: each profile's, else never)",
    "refresh": "1: re-fetch archived articles whose sitemap/feed lastmod is newer and append a new version",
    "round": "with REDIS_URL: the crawl round the workers share (default: today's UTC date)",
}


#: Arguments schedulers add on their own (Scrapyd passes its job id as _job).
SCHEDULER_ARGUMENTS = frozenset({"_job"})


def sites_dir():
    """The profiles folder ``crawler/sites``, also when the project runs from a zipped egg (Scrapyd)."""
    return resources.files("crawler") / "sites"


def load_site(name: str) -> SiteProfile:
    """The project's site profile ``crawler/sites/NAME.toml``."""
    return load_profile(name, sites_dir())


class ArgumentError(ValueError):
    """A bad spider argument; str() is the one-line message for the user."""


@dataclass(frozen=True)
class CrawlArgs:
    profiles: tuple[SiteProfile, ...]
    since: date | None = None
    max_articles: int | None = None
    max_pages: int | None = None
    refresh: bool = False
    render: str | None = None
    round: str | None = None

    @property
    def round_name(self) -> str:
        """The round of a distributed crawl: ``-a round=``, else the UTC day (a daily re-crawl)."""
        return self.round or datetime.now(timezone.utc).date().isoformat()

    def configure(self, settings, *, job_id: str | None = None) -> None:
        """The settings the arguments decide: limits, the job id Scrapyd passes, the contact in the user agent."""
        if job_id and not defaults.get(settings, "NEWS_JOB_ID"):
            settings.set("NEWS_JOB_ID", job_id, priority="spider")
        for name, value in (("NEWS_MAX_ARTICLES", self.max_articles), ("NEWS_MAX_PAGES", self.max_pages)):
            if value:
                settings.set(name, value, priority="spider")
        contact, agent = defaults.get(settings, "CRAWLER_CONTACT"), settings.get("USER_AGENT", "")
        if contact and contact not in agent:
            settings.set("USER_AGENT", f"{agent} contact: {contact}", priority="spider")

    def since_for(self, source: str, settings):
        """-a since=, else the newest day a successful run archived, minus an overlap.

        Publication days (not the wall clock) keep this right for sites whose
        clock, time zone or publishing rhythm differs from ours.
        """
        if self.since or not defaults.get(settings, "NEWS_INCREMENTAL"):
            return self.since
        newest = SourceHistory(Path(defaults.get(settings, "ARCHIVE_DIR")), source).newest_day()
        if newest is None:
            return None
        overlap = defaults.get(settings, "NEWS_SINCE_OVERLAP_DAYS")
        since = newest - timedelta(days=overlap)
        logger.info("%s: since=%s (newest article of earlier runs %s, minus %d days overlap)",
                    source, since, newest, overlap)
        return since

    @classmethod
    def parse(cls, kwargs: dict) -> "CrawlArgs":
        kwargs = {k: v for k, v in kwargs.items() if k not in SCHEDULER_ARGUMENTS}
        unknown = sorted(set(kwargs) - set(ARGUMENTS))
        if unknown:
            raise ArgumentError(
                f"{unknown[0]}: unknown argument (known: {', '.join(ARGUMENTS)})"
            )
        chosen = [k for k in ("url", "urls_file", "site") if kwargs.get(k) not in (None, "")]
        if len(chosen) != 1:
            raise ArgumentError(
                "url: give exactly one of -a url=URL, -a urls_file=PATH, -a site=NAME"
                + (f" (got {', '.join(chosen)})" if chosen else "")
            )
        if kwargs.get("source") and "url" not in chosen:
            raise ArgumentError("source: only goes with -a url= (profiles name their source)")
        if "url" in chosen:
            profiles = _profiles_for_urls([_check_url("url", kwargs["url"])])
            if kwargs.get("source"):
                profiles = (replace(profiles[0], name=_source_name(kwargs["source"])),)
        elif "urls_file" in chosen:
            profiles = _profiles_for_urls(_read_urls_file(kwargs["urls_file"]))
        else:
            try:
                profiles = (load_site(kwargs["site"]),)
            except ProfileError as exc:
                raise ArgumentError(str(exc)) from None
        return cls(
            profiles=profiles,
            since=_parse_since(kwargs.get("since")),
            max_articles=_positive_int("max_articles", kwargs.get("max_articles")),
            max_pages=_positive_int("max_pages", kwargs.get("max_pages")),
            refresh=_flag("refresh", kwargs.get("refresh")),
            render=_choice("render", kwargs.get("render"), ("never", "always", "auto")),
            round=_round_name(kwargs.get("round")),
        )


def _check_url(name: str, value: str) -> str:
    value = (value or "").strip()
    if not value.startswith(("http://", "https://")) or not host_of(value):
        raise ArgumentError(f"{name}: {value!r} is not an http(s) URL")
    return value


def _read_urls_file(path: str) -> list[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ArgumentError(f"urls_file: cannot read {path}: {exc}") from None
    urls = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        urls.append(_check_url(f"urls_file (line {number})", line))
    if not urls:
        raise ArgumentError(f"urls_file: {path} lists no URL")
    return urls


def _profiles_for_urls(urls: list[str]) -> tuple[SiteProfile, ...]:
    """One generic profile per host, keeping every start URL of that host."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(host_of(url), []).append(url)
    profiles = []
    for host_urls in by_host.values():
        generic = SiteProfile.generic(host_urls[0])
        profiles.append(SiteProfile(
            name=generic.name, start_urls=tuple(host_urls),
            allowed_hosts=generic.allowed_hosts,
        ))
    return tuple(profiles)


def _parse_since(value: str | None) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ArgumentError(f"since: expected YYYY-MM-DD, got {value!r}") from None


def _source_name(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]{0,99}", value or ""):
        raise ArgumentError(f"source: {value!r} is not a source name (a-z, 0-9, . _ -)")
    return value


def _round_name(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", value):
        raise ArgumentError(f"round: {value!r} is not a round name (letters, digits, . _ -; 64 at most)")
    return value


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value in (None, ""):
        return None
    if value not in allowed:
        raise ArgumentError(f"{name}: expected one of {', '.join(allowed)}, got {value!r}")
    return value


def _flag(name: str, value: str | None) -> bool:
    text = str(value or "").strip().lower()
    if text in ("", "0", "false", "no"):
        return False
    if text in ("1", "true", "yes"):
        return True
    raise ArgumentError(f"{name}: expected 1 or 0, got {value!r}")


def _positive_int(name: str, value: str | None) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ArgumentError(f"{name}: expected a positive whole number, got {value!r}") from None
    if number < 1:
        raise ArgumentError(f"{name}: expected a positive whole number, got {value!r}")
    return number
