"""Log lines a person can read: a dropped item is its reason and URL, not its whole body."""

from __future__ import annotations

from scrapy.logformatter import LogFormatter


class NewsLogFormatter(LogFormatter):
    def dropped(self, item, exception, response, spider):
        entry = super().dropped(item, exception, response, spider)
        entry["msg"] = "Dropped %(exception)s"
        entry["args"] = {"exception": exception}
        return entry
