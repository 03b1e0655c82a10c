"""Drop records that are not worth archiving or would break the archive's schema, saying why.

Every record is checked against the record JSON Schema as it will be written
(its schema fields, in the order ``to_line`` writes them), so a line
that ``scrapy verify`` would reject never reaches a day file. The check is
the one ``scrapy verify`` uses: a validator compiled once from the schema,
with jsonschema's messages for the records it rejects.
"""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newsarchive.record.schemacheck import RecordValidator
from newsarchive.record.format import SCHEMA_VERSION, load_schema, public

logger = logging.getLogger(__name__)


class ValidatePipeline:
    def __init__(self, stats):
        self.stats = stats
        self.validator = RecordValidator(load_schema())

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        adapter = ItemAdapter(item)
        for name, reason in (("title", "missing_title"), ("body", "empty_body")):
            if not (adapter.get(name) or "").strip():
                self.stats.inc_value(f"news/dropped/{reason}")
                raise DropItem(f"{reason}: {adapter.get('url')}")
        record = {**public(item), "schema_version": SCHEMA_VERSION}
        problems = self.validator.problems(record)
        if problems:
            self.stats.inc_value("news/dropped/schema_invalid")
            raise DropItem(f"schema_invalid: {adapter.get('url')}: " + "; ".join(problems[:3]))
        return item
