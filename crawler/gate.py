"""The URL gate every link of the crawl passes: same site, clean URL, ``since``, already archived, traps.

Two halves, the way Scrapy's ``OffsiteMiddleware`` has a spider and a
downloader side:

- ``LinkGate`` (spider middleware) sees each request as the spider yields
  it: it cleans the URL (the form that is fetched and fingerprinted), drops
  links off the source's hosts and sitemap/feed entries older than
  ``since``, and credits pages that yielded an article to the trap budget.
- Scrapy's dupefilter then drops what was requested before (keyed on the
  URL identity by ``crawler.fingerprinter``; persisted under ``JOBDIR``).
- ``FetchGate`` (downloader middleware) sees each request once it is new,
  and again as a redirect target: it refuses redirects off the site,
  articles already in the archive and pages of URL patterns that spent their
  trap budget (``NEWS_PATTERN_BUDGET``).

Requests the spider marks ``dont_filter`` (browser re-fetches, refreshes)
were judged already and pass the archive and budget checks. The later pages
of a multi-page article go through the dupefilter once, so that the page
links to them are recognised as seen; if the page was already fetched as a
plain page, the dupefilter drops the part and ``LinkGate`` sends it again
with ``dont_filter``: an article never loses a part to the dupefilter. Requests without ``news_kind`` meta (robots.txt fetched by
Scrapy itself) are not ours and pass untouched.
"""

from __future__ import annotations

import logging
import posixpath
import re
from datetime import date
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.linkextractors import IGNORED_EXTENSIONS

from crawler import defaults
from crawler.failures import GateRefused
from newsarchive.discover.traps import PatternBudget, url_pattern
from newsarchive.record.urls import clean_url, same_site, url_key
from newsarchive.store.state import state_for

logger = logging.getLogger(__name__)

#: Paths never worth a request (``followable`` says no):
#: admin, APIs, comment feeds, share and cart endpoints.
NEVER_FOLLOW = (
    r"/wp-admin/", r"/wp-json/", r"/wp-login\.php", r"/xmlrpc\.php", r"/feed/?$",
    r"/comments/", r"[?&](replytocom|share|action|add-to-cart)=", r"/cdn-cgi/",
    r"/login", r"/register", r"/cart", r"/checkout",
)
_NEVER = re.compile("|".join(NEVER_FOLLOW))
#: File types never worth fetching as pages (Scrapy's LinkExtractor list).
_IGNORED_EXTENSIONS = frozenset(f".{e}" for e in IGNORED_EXTENSIONS)


def offsite(url: str, hosts) -> bool:
    """Whether ``url`` leaves the source's hosts (``host_of`` form), deciding on the URL as
    it is when its host is plain ASCII (cleaning changes nothing there but its case,
    which ``host_of`` folds too): share buttons put a distinct off-site link on every
    page, and cleaning each costs more than the rest of its check."""
    netloc = urlsplit(url).netloc
    if not (netloc.isascii() and "%" not in netloc):
        url = clean_url(url)  # an IDN host or an escaped one: compare its canonical form
    return not same_site(url, hosts)


def followable(url: str) -> bool:
    """Whether a page's link is worth a request at all (``NEVER_FOLLOW``, file types)."""
    return not _NEVER.search(url) and posixpath.splitext(urlsplit(url).path)[1].lower() not in _IGNORED_EXTENSIONS


def count_offsite(stats, url: str) -> None:
    stats.inc_value("news/skipped/offsite_link")
    logger.debug("off-site link %s not followed", url)


class RecentLinks:
    """Links already handed to the scheduler, remembered up to a bound: skipped before any work.

    Every page repeats the site's menus and sidebars (~130 links, most seen
    a thousand times); each would become a request, walk the spider
    middlewares and be dropped by the dupefilter. This memo answers first.
    It is only a shortcut: the dupefilter stays the truth, so a link
    forgotten past the bound (or after a ``JOBDIR`` resume) is dropped there.
    """

    def __init__(self, size: int = 1 << 16):
        self.size = size
        self._links: dict[str, None] = {}

    def first_time(self, url: str) -> bool:
        if url in self._links:
            return False
        if len(self._links) >= self.size:
            del self._links[next(iter(self._links))]  # the oldest
        self._links[url] = None
        return True


#: Kinds of requests that fetch pages which may be articles.
PAGE_KINDS = ("page", "article")


def budget_for(crawler) -> PatternBudget:
    """The crawl's one trap budget, shared by both halves of the gate."""
    budget = getattr(crawler, "_news_pattern_budget", None)
    if budget is None:
        # A distributed crawl's workers spend one budget: the round's (crawler.distributed.counters).
        budget = PatternBudget(defaults.get(crawler.settings, "NEWS_PATTERN_BUDGET"),
                               crawler.stats, shared=getattr(crawler, "news_round", None))
        crawler._news_pattern_budget = budget
    return budget


def _hosts(spider, request) -> frozenset[str] | None:
    """The allowed hosts of the request's source (None: not a request of ours)."""
    profile = spider.profile_named(request.meta["news_source"])
    return profile.allowed_hosts if profile is not None else None


class _Referrer:
    """Shared by the links of one page: credits the page once when one of them is new.

    A listing page is productive when it leads somewhere new of another URL
    pattern; whether a link is new is known only after the dupefilter and
    the archive check, in ``FetchGate``.
    """

    __slots__ = ("url", "pattern", "credited")

    def __init__(self, url: str):
        self.url, self.pattern, self.credited = url, url_pattern(url), False


class _Gate:
    """Either half of the gate: the crawl's stats and its one trap budget."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @property
    def budget(self) -> PatternBudget:
        """Made on first use, once the crawl is open: a distributed crawl's scheduler has
        given it the round's counters by then (middlewares are built before it opens)."""
        return budget_for(self.crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)


class LinkGate(_Gate):
    @classmethod
    def from_crawler(cls, crawler):
        gate = super().from_crawler(crawler)
        crawler.signals.connect(gate.request_dropped, signal=signals.request_dropped)
        return gate

    def request_dropped(self, request, spider=None):
        """Requests the dupefilter must not stop are sent again, past it.

        A part of a multi-page article (its page may have been fetched as a
        plain page before), and a redirect to the same URL identity
        (``/a`` → ``/a/``, ``http:`` → ``https:``): the page was never fetched.
        """
        if request.dont_filter or "news_kind" not in request.meta:
            return
        origin = (request.meta.get("redirect_urls") or [None])[-1]
        if "news_item" in request.meta:
            self.stats.inc_value("news/multipage/parts_refetched")
        elif origin == request.url:
            self.stats.inc_value("news/dropped/redirect_loop")
            logger.info("dropped %s (redirect_loop: it redirects to itself)", request.url)
            return
        elif origin is None or url_key(origin) != url_key(request.url):
            return
        logger.debug("%s passes the dupefilter: the same page was not fetched yet", request.url)
        self.crawler.engine.crawl(request.replace(dont_filter=True))

    def _judge(self, element, response, referrer):
        """The request to schedule (URL cleaned) or None; items pass."""
        if not isinstance(element, Request) or "news_kind" not in element.meta:
            if response is not None and (not isinstance(element, Request) or "news_item" in element.meta):
                self.budget.productive_page(response.url)  # the page gave an article
            return element
        spider = self.crawler.spider
        hosts = _hosts(spider, element)
        if hosts is not None and offsite(element.url, hosts):
            count_offsite(self.stats, element.url)
            return None
        url = clean_url(element.url)
        listed = element.meta.get("news_listed_day")
        since = spider.since.get(element.meta["news_source"]) if listed else None
        if since and date.fromisoformat(listed) < since:
            kind = "sitemaps" if element.meta["news_kind"] == "sitemap" else "entries"
            self.stats.inc_value(f"news/since/skipped_{kind}")
            return None
        if url != element.url:
            element = element.replace(url=url)
        if referrer is not None and element.meta["news_kind"] == "page":
            element.meta["news_referrer"] = referrer
        return element

    def process_spider_output(self, response, result):
        referrer = _Referrer(response.url) if response is not None else None
        for element in result:
            element = self._judge(element, response, referrer)
            if element is not None:
                yield element

    async def process_spider_output_async(self, response, result):
        referrer = _Referrer(response.url) if response is not None else None
        async for element in result:
            element = self._judge(element, response, referrer)
            if element is not None:
                yield element


class FetchGate(_Gate):
    def process_request(self, request):
        kind = request.meta.get("news_kind")
        if kind is None:
            return None
        hosts = _hosts(self.crawler.spider, request)
        if hosts is not None and not same_site(request.url, hosts):
            self.stats.inc_value("news/skipped/offsite_redirect")
            logger.info("%s redirected off the site to %s; not followed",
                        (request.meta.get("redirect_urls") or ["?"])[0], request.url)
            raise GateRefused("offsite")
        if request.dont_filter or kind not in PAGE_KINDS:
            return None
        if state_for(self.crawler).knows_url(url_key(request.url)):
            self.stats.inc_value("news/incremental/archived_not_fetched")
            raise GateRefused("archived")
        if kind == "page" and not request.meta.get("news_start") and "redirect_times" not in request.meta:
            if not self.budget.allow(request.url):
                raise GateRefused("trap")
            referrer = request.meta.get("news_referrer")
            if referrer is not None and not referrer.credited and url_pattern(request.url) != referrer.pattern:
                referrer.credited = True
                self.budget.productive_page(referrer.url)
        return None
