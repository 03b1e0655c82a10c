"""Drop records that are not worth archiving, saying why."""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

logger = logging.getLogger(__name__)


class ValidatePipeline:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        adapter = ItemAdapter(item)
        for name, reason in (("title", "missing_title"), ("body", "empty_body")):
            if not (adapter.get(name) or "").strip():
                self.stats.inc_value(f"news/dropped/{reason}")
                raise DropItem(f"{reason}: {adapter.get('url')}")
        return item
