"""The add-on that makes a crawl distributed when ``REDIS_URL`` is set (``ADDONS`` in settings).

Without ``REDIS_URL`` it changes nothing, and nothing of Redis is imported
beyond this module. With it: scrapy-redis's scheduler (our leasing
subclass) and seen-set on the round's keys, the Redis-backed dedupe state,
and ``REDIS_URL`` itself replaced by its redacted form before Scrapy logs
the settings (the job report lists them too), the real one kept on the crawler.
"""

from __future__ import annotations

from scrapy.settings import SETTINGS_PRIORITIES

from crawler.distributed import connection


class Distributed:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def update_settings(self, settings) -> None:
        url = settings.get("REDIS_URL")
        if not url:
            return
        connection.keep_url(self.crawler, url)
        settings.set("REDIS_URL", connection.redacted(url), priority=settings.getpriority("REDIS_URL"))
        for name, value in _COMPONENTS.items():
            # Over the project's defaults, not over what the user chose with -s.
            if (settings.getpriority(name) or 0) <= SETTINGS_PRIORITIES["project"]:
                settings.set(name, value, priority="project")


#: The components a distributed crawl swaps in.
_COMPONENTS = {
    "SCHEDULER": "crawler.distributed.scheduler.LeasingScheduler",
    "DUPEFILTER_CLASS": "crawler.distributed.dupefilter.FingerprintDupeFilter",
    "NEWS_DEDUPE_STATE": "crawler.distributed.state.RedisDedupeState",
}
