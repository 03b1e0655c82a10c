"""``max_pages`` and ``max_articles``: exact bounds, closing the crawl the way ``CloseSpider`` does.

Scrapy's ``CLOSESPIDER_PAGECOUNT`` and ``CLOSESPIDER_ITEMCOUNT`` count what
already happened and let everything in flight finish, so they overshoot.
These count at the point of decision instead: a page when it is about to be
downloaded, an article when it leaves the spider, so "written + in the
pipelines" never passes the bound.
"""

from __future__ import annotations

import logging

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from crawler import defaults
from crawler.failures import LimitReached

logger = logging.getLogger(__name__)


class _Limit:
    """A bound read from ``setting`` (off when 0) that closes the crawl once, with ``reason``."""

    setting = reason = ""

    def __init__(self, crawler, limit: int):
        self.crawler = crawler
        self.limit = limit
        self.closing = False

    @classmethod
    def from_crawler(cls, crawler):
        limit = defaults.get(crawler.settings, cls.setting)
        if limit <= 0:
            raise NotConfigured
        return cls(crawler, limit)

    def close(self, what: str) -> None:
        if not self.closing:
            self.closing = True
            logger.info("%s=%d %s; closing the crawl", self.reason, self.limit, what)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=self.reason))


class PageLimit(_Limit):
    """Downloader middleware: fetch at most ``NEWS_MAX_PAGES`` pages, then close with ``max_pages``.

    Every download counts (robots.txt, sitemaps, redirects and retries are
    fetches too); requests past the bound fail with ``LimitReached`` and are
    counted as ``news/limit/requests_not_sent``.
    """

    setting, reason = "NEWS_MAX_PAGES", "max_pages"

    def __init__(self, crawler, limit: int):
        super().__init__(crawler, limit)
        self.fetched = 0

    def process_request(self, request):
        if self.fetched >= self.limit:
            self.crawler.stats.inc_value("news/limit/requests_not_sent")
            self.close("reached")
            raise LimitReached("max_pages reached")
        self.fetched += 1
        return None


class ArticleLimit(_Limit):
    """Spider middleware: at most ``NEWS_MAX_ARTICLES`` articles written, then close with ``max_articles``.

    An article takes a slot when it leaves the spider (a multi-page article
    when the request for its second page does; the slot follows it in
    ``news_slot`` meta) and gives it back when the pipelines are done with it
    (written, dropped or failed). An article without a free slot is not
    taken: ``news/limit/articles_not_taken``. In a distributed crawl the
    slots are the round's (``crawler.distributed.counters``): every worker's
    articles count, and a worker closes once the round's are written (the
    slots of a worker killed with articles in hand are not given back).
    """

    setting, reason = "NEWS_MAX_ARTICLES", "max_articles"

    def __init__(self, crawler, limit: int):
        super().__init__(crawler, limit)
        self.written = 0
        self.pending = 0

    @classmethod
    def from_crawler(cls, crawler):
        limiter = super().from_crawler(crawler)
        crawler.signals.connect(limiter.item_written, signal=signals.item_scraped)
        for signal in (signals.item_dropped, signals.item_error):
            crawler.signals.connect(limiter.item_done, signal=signal)
        return limiter

    def item_written(self, item, response=None, spider=None):
        self.written += 1
        self._settle()

    def item_done(self, *args, **kwargs):
        """Dropped or failed: its slot is free again."""
        shared = getattr(self.crawler, "news_round", None)
        if shared is not None:
            shared.release_slot()
        self._settle()

    def _settle(self) -> None:
        self.pending = max(0, self.pending - 1)
        if self._written() >= self.limit:
            self.close("written")

    def _written(self) -> int:
        """Articles written: this crawl's, or in a distributed crawl the round's (every worker's)."""
        shared = getattr(self.crawler, "news_round", None)
        return shared.written() if shared is not None else self.written

    def _free_slot(self) -> bool:
        """Take a slot, if one is free: of this crawl, or of the round (its slots are every worker's)."""
        shared = getattr(self.crawler, "news_round", None)
        if shared is not None:
            return shared.take_slot(self.limit)
        return self.written + self.pending < self.limit

    def _take(self, element, response):
        """The element if it may leave the spider, else None (after counting it)."""
        holds_slot = bool(response is not None and response.meta.get("news_slot"))
        if isinstance(element, Request):
            if "news_item" not in element.meta:
                return element
            if holds_slot:  # a later page of an article that already has its slot
                element.meta["news_slot"] = True
                return element
        elif holds_slot:
            return element
        if not self._free_slot():
            self.crawler.stats.inc_value("news/limit/articles_not_taken")
            if self._written() >= self.limit:  # (in a distributed crawl, other workers may have filled it)
                self.close("written")
            return None
        self.pending += 1
        if isinstance(element, Request):
            element.meta["news_slot"] = True
        return element

    def process_spider_output(self, response, result):
        for element in result:
            if self._take(element, response) is not None:
                yield element

    async def process_spider_output_async(self, response, result):
        async for element in result:
            if self._take(element, response) is not None:
                yield element
