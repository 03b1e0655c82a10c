"""The source's learned boilerplate out of each body (see ``newsarchive.text.learned``)."""

from __future__ import annotations

from itemadapter import ItemAdapter

from crawler import defaults
from newsarchive.record.item import notes_of
from newsarchive.store.state import state_for
from newsarchive.text.learned import SplitBody


class LearnedBoilerplatePipeline:
    """Take the source's learned boilerplate out of the body; note its paragraph keys for the state.

    Runs after ``CleanPipeline`` (keys are of clean paragraphs) and before
    the dedupe pipeline (which fingerprints the body as it will be written).
    The keys are of the body *before* removal, so the state keeps counting
    what the source repeats.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.enabled = defaults.get(crawler.settings, "NEWS_BOILERPLATE_LEARN")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.state = state_for(self.crawler)

    def process_item(self, item):
        adapter, notes = ItemAdapter(item), notes_of(item)
        split = SplitBody.of(adapter.get("body") or "")
        notes.paragraphs = split.counted_keys()
        if self.enabled:
            kept = split.without(self.state.paragraphs.learned(adapter["source"]))
            removed, split = len(split.words) - len(kept.words), kept
            adapter["body"] = split.body
            if removed:
                self.stats.inc_value("news/boilerplate/learned_paragraphs_removed", removed)
                self.stats.inc_value(f"news/boilerplate/learned/{adapter['source']}", removed)
        notes.split = split
        return item
