"""`scrapy crawl`, with an exit status that tells schedulers about failed crawls.

Scrapy's own command exits 0 after a crawl that fetched nothing; this one
exits 1 when the job report's verdict is ``failed`` (see newsarchive/store/jobs.py),
so cron, systemd and Scrapyd notice.
"""

from __future__ import annotations

from scrapy.commands.crawl import Command as ScrapyCrawl


class Command(ScrapyCrawl):
    def short_desc(self) -> str:
        return "Run a spider; exit 1 when its job report says the crawl failed"

    def _create_crawler(self, spidercls):
        crawler = super()._create_crawler(spidercls)
        self._crawlers = [*getattr(self, "_crawlers", []), crawler]
        return crawler

    def run(self, args, opts) -> None:
        super().run(args, opts)
        for crawler in getattr(self, "_crawlers", []):
            try:
                verdict = crawler.stats.get_value("news/verdict")
            except RuntimeError:  # the crawl never started
                verdict = "failed"
            if verdict == "failed":
                self.exitcode = max(self.exitcode, 1)
