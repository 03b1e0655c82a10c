"""`scrapy crawl`, with exit statuses that tell people and schedulers what happened.

Scrapy's own command exits 0 after a crawl that fetched nothing, and a bad
spider argument surfaces as a traceback from inside the crawl. This one
checks the arguments first (a spider declaring ``arguments``, a class with
``parse(kwargs)`` raising ``ArgumentError``) and, for a distributed crawl,
that Redis answers with the credentials given: one line naming the problem,
exit status 2, nothing started. After the crawl it exits 1 when the job
report's verdict is ``failed`` (see newsarchive/store/jobs.py), so cron,
systemd and Scrapyd notice.
"""

from __future__ import annotations

import logging
import sys

from scrapy.commands.crawl import Command as ScrapyCrawl

from crawler.args import ArgumentError

logger = logging.getLogger(__name__)


class Command(ScrapyCrawl):
    def short_desc(self) -> str:
        return "Run a spider; exit 2 on a bad argument, 1 when its job report says the crawl failed"

    def _create_crawler(self, spidercls):
        crawler = super()._create_crawler(spidercls)
        self._crawlers = [*getattr(self, "_crawlers", []), crawler]
        return crawler

    def _bad_arguments(self, args, opts) -> str | None:
        """The one-line complaint about the spider's arguments, or None when they are fine."""
        if len(args) != 1:
            return None  # Scrapy's own usage error
        try:
            spidercls = self.crawler_process.spider_loader.load(args[0])
        except KeyError:
            return None  # Scrapy says "Spider not found"
        arguments = getattr(spidercls, "arguments", None)
        if arguments is None:
            return None
        try:
            arguments.parse(dict(opts.spargs))
        except ArgumentError as exc:
            return f"{spidercls.name}: bad argument {exc}"
        return None

    def _redis_unusable(self) -> str | None:
        """With ``REDIS_URL``: why Redis cannot be used (refused, wrong password), else None.

        Checked before anything starts, so a wrong password is one line and
        exit status 2, not a traceback from the scheduler with nothing written."""
        url = self.settings.get("REDIS_URL")
        if not url:
            return None
        from crawler import defaults
        from crawler.distributed.connection import RedisUnavailable, connect

        try:
            connect(url, defaults.get(self.settings, "REDIS_PARAMS"), retry_seconds=2).close()
        except RedisUnavailable as exc:
            return str(exc)
        return None

    def run(self, args, opts) -> None:
        complaint = self._bad_arguments(args, opts) or self._redis_unusable()
        if complaint:
            logger.error(complaint)
            print(f"error: {complaint}", file=sys.stderr, flush=True)
            self.exitcode = 2
            return
        super().run(args, opts)
        for crawler in getattr(self, "_crawlers", []):
            try:
                verdict = crawler.stats.get_value("news/verdict")
            except RuntimeError:  # the crawl never started
                verdict = "failed"
            if verdict == "failed":
                self.exitcode = max(self.exitcode, 1)
