"""Downloader middlewares of the news crawler."""

from __future__ import annotations

import logging

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import deferred_from_coro

logger = logging.getLogger(__name__)


class PageLimit:
    """Fetch at most ``NEWS_MAX_PAGES`` pages, then close with reason ``max_pages``.

    Scrapy's CLOSESPIDER_PAGECOUNT counts responses and lets every request
    already in flight finish, so it overshoots; counting at the point of
    download makes the bound exact (redirects and retries are fetches too).
    """

    def __init__(self, crawler, limit: int):
        self.crawler = crawler
        self.limit = limit
        self.fetched = 0
        self.closing = False

    @classmethod
    def from_crawler(cls, crawler):
        limit = crawler.settings.getint("NEWS_MAX_PAGES")
        if limit <= 0:
            raise NotConfigured
        return cls(crawler, limit)

    def process_request(self, request):
        if self.fetched >= self.limit:
            self.crawler.stats.inc_value("news/limit/requests_not_sent")
            if not self.closing:
                self.closing = True
                logger.info("max_pages=%d reached; closing the crawl", self.limit)
                deferred_from_coro(self.crawler.engine.close_spider_async(reason="max_pages"))
            raise IgnoreRequest("limit: max_pages reached")
        self.fetched += 1
        return None
