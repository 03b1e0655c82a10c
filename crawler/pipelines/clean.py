"""Clean every text field: control characters, Unicode, Arabic obfuscation, boilerplate, sizes.

The text rules are plain functions of the text stage (``newsarchive.text.clean``
for normalisation, de-obfuscation and boilerplate, ``newsarchive.text.fields``
for control characters and size cuts); this pipeline applies them to each
field of an item and counts what it changed.
"""

from __future__ import annotations

import logging

from itemadapter import ItemAdapter

from crawler import defaults
from newsarchive.record.item import notes_of
from newsarchive.text.clean import clean_body, normalize_text
from newsarchive.text.fields import (
    LIST_FIELDS, SHORT_FIELDS, NEWS_MAX_BODY_CHARS, NEWS_MAX_TITLE_CHARS, cut, without_controls,
)

logger = logging.getLogger(__name__)


class CleanPipeline:
    def __init__(self, stats=None, *, max_title: int = NEWS_MAX_TITLE_CHARS,
                 max_body: int = NEWS_MAX_BODY_CHARS):
        self.stats = stats
        self.max_title = max_title
        self.max_body = max_body

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(crawler.stats,
                   max_title=defaults.get(settings, "NEWS_MAX_TITLE_CHARS"),
                   max_body=defaults.get(settings, "NEWS_MAX_BODY_CHARS"))

    def process_item(self, item):
        adapter = ItemAdapter(item)
        self._strip_controls(adapter)
        lang = adapter.get("language")
        extra = notes_of(item).boilerplate
        body = clean_body(adapter.get("body") or "", language=lang, extra_phrases=extra)
        adapter["body"] = body

        def one_line(value: str) -> str:
            # The body lends its words: "ا.لقصف" in a title is mended as the body spells it.
            return normalize_text(value, language=lang, context=body)

        adapter["title"] = one_line(adapter.get("title") or "")
        adapter["section"] = one_line(adapter.get("section") or "") or None
        for name in LIST_FIELDS:
            values = [one_line(v) for v in adapter.get(name) or ()]
            adapter[name] = list(dict.fromkeys(v for v in values if v))
        adapter["related"] = [{"url": r["url"], "title": one_line(r.get("title") or "")}
                              for r in adapter.get("related") or ()]
        self._bound_sizes(adapter)
        return item

    def _strip_controls(self, adapter) -> None:
        """Every string of the item, lists and related links included, without controls."""
        found = False
        for name, value in adapter.items():
            if isinstance(value, str):
                clean = without_controls(value)
            elif isinstance(value, list):
                clean = [without_controls(v) if isinstance(v, str) else
                         {k: without_controls(x) if isinstance(x, str) else x for k, x in v.items()}
                         if isinstance(v, dict) else v for v in value]
            else:
                continue
            if clean != value:
                adapter[name] = clean
                found = True
        if found:
            self._count("news/cleaned/control_characters")

    def _bound_sizes(self, adapter) -> None:
        url = adapter.get("url")
        for name in SHORT_FIELDS:
            value = adapter.get(name)
            if value and len(value) > self.max_title:
                adapter[name] = cut(value, self.max_title)
                self._truncated(name, url, len(value), self.max_title)
        for name in LIST_FIELDS:
            values = adapter.get(name) or []
            if any(len(v) > self.max_title for v in values):
                adapter[name] = [cut(v, self.max_title) for v in values]
                self._truncated(name, url, max(len(v) for v in values), self.max_title)
        related = adapter.get("related") or []
        if any(len(r["title"]) > self.max_title for r in related):
            adapter["related"] = [{**r, "title": cut(r["title"], self.max_title)} for r in related]
            self._truncated("related", url, max(len(r["title"]) for r in related), self.max_title)
        body = adapter.get("body") or ""
        if len(body) > self.max_body:
            adapter["body"] = cut(body, self.max_body, at="\n\n")
            self._truncated("body", url, len(body), self.max_body)

    def _truncated(self, name: str, url, size: int, limit: int) -> None:
        self._count(f"news/truncated/{name}")
        logger.info("%s of %s cut from %d to at most %d characters", name, url, size, limit)

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)
