"""Write each article once: across URLs, across runs, across sources.

Same URL identity or id already archived → dropped. Same story text from the
same source under another URL → dropped. Same story from another source →
kept, with ``duplicate_of`` naming the earlier record. "Same story text" is
the same exact fingerprint or a near-duplicate (MinHash estimate of the
word-trigram Jaccard similarity >= ``DEDUPE_NEAR_THRESHOLD``): see
``newsarchive.text.fingerprint``; the policy is the dedupe state's, so records the
state indexes itself after a crash are fingerprinted the same way.
"""

from __future__ import annotations

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newsarchive.record.item import notes_of
from newsarchive.text import learned
from newsarchive.text.learned import SplitBody
from newsarchive.store.state import state_for, url_keys


class DedupePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.state = state_for(self.crawler)
        self.policy = self.state.policy

    def process_item(self, item):
        adapter, notes = ItemAdapter(item), notes_of(item)
        keys = url_keys(adapter["url"], notes.aliases)
        if (adapter.get("version") or 1) > 1:
            return self._new_version(adapter, keys, item)
        if self.state.knows(adapter["id"], keys):
            self.stats.inc_value("news/duplicates/url")
            raise DropItem(f"duplicate (already archived): {adapter['url']}", log_level="DEBUG")
        fp = self._fingerprint(adapter, notes)
        story = self.state.find_story(fp, adapter["source"])
        if story is not None and story.source == adapter["source"]:
            self.stats.inc_value("news/duplicates/content")
            raise DropItem(f"duplicate (same text as {story.id}): {adapter['url']}", log_level="INFO")
        adapter["duplicate_of"] = story.id if story is not None else None
        if story is not None:
            self.stats.inc_value("news/duplicates/cross_source")
        notes.keys, notes.fingerprint = keys, fp
        return item

    def _fingerprint(self, adapter, notes):
        """The body's fingerprint, from the words the learned pipeline split it into."""
        split = notes.split = SplitBody.of(adapter["body"] or "", notes.split)
        return self.policy.of_body(split.body, split.tokens())

    def _same_but_boilerplate(self, adapter, fp) -> bool:
        """The archived version differs only by paragraphs learned as boilerplate since."""
        old = self.state.archived_record(adapter["id"])
        if old is None:
            return False
        body, removed = learned.without(old.get("body") or "", self.state.paragraphs.learned(adapter["source"]))
        return bool(removed) and self.policy.of_body(body).exact == fp.exact

    def _new_version(self, adapter, keys, item):
        """A refreshed article: archived again only when its text changed."""
        fp = self._fingerprint(adapter, notes_of(item))
        latest = self.state.latest_version(adapter["id"])
        if latest is not None and (latest[1] == fp.exact or self._same_but_boilerplate(adapter, fp)):
            self.stats.inc_value("news/refresh/unchanged")
            raise DropItem(f"refresh: text unchanged: {adapter['url']}", log_level="DEBUG")
        if latest is not None:
            adapter["version"] = latest[0] + 1
        self.stats.inc_value("news/refresh/new_versions")
        notes = notes_of(item)
        notes.keys, notes.fingerprint = keys, fp
        return item
