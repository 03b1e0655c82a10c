"""Clean every text field: control characters, Unicode, Arabic obfuscation, boilerplate, sizes.

The text rules live in ``crawler.textclean`` (plain functions, tested on the
seed article); this pipeline applies them to each field of an item, after
taking out what must never reach the archive whatever the field: C0/C1
control characters (a newline survives in bodies only), the replacement
character U+FFFD left where a page's bytes were not valid in its charset,
and fields of absurd size, cut at a word (a body at a paragraph) and counted.
"""

from __future__ import annotations

import logging
import re

from itemadapter import ItemAdapter

from crawler.textclean import clean_body, normalize_text

logger = logging.getLogger(__name__)

#: Defaults of the settings of the same names.
NEWS_MAX_TITLE_CHARS = 500
NEWS_MAX_BODY_CHARS = 200_000

#: C0 and C1 controls, DEL and U+FFFD; tab, newline and carriage return are spaces
#: or line breaks and are handled by the text rules.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
#: Controls that separate words (vertical tab, form feed, the information
#: separators, NEL) become a space rather than gluing two words together.
_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1f\x85]")
#: Fields of one line that the title limit applies to.
_SHORT_FIELDS = ("title", "section")
_LIST_FIELDS = ("authors", "tags")


def without_controls(value: str) -> str:
    """The text without control characters and U+FFFD; separators become spaces."""
    if not _CONTROLS.search(value):
        return value
    return _CONTROLS.sub("", _SEPARATORS.sub(" ", value))


def cut(text: str, limit: int, *, at: str = " ") -> str:
    """``text`` shortened to at most ``limit`` characters, at the last ``at`` that fits.

    Without such a break in the last fifth of the limit, the cut is hard: a
    field of one unbroken run of letters has no better place.
    """
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut_at = head.rfind(at)
    if at != " " and cut_at < limit * 0.8:
        cut_at = head.rfind(" ")
    if cut_at < limit * 0.8:
        return head.rstrip()
    return head[:cut_at].rstrip()


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
                   max_title=settings.getint("NEWS_MAX_TITLE_CHARS", NEWS_MAX_TITLE_CHARS),
                   max_body=settings.getint("NEWS_MAX_BODY_CHARS", NEWS_MAX_BODY_CHARS))

    def process_item(self, item):
        adapter = ItemAdapter(item)
        self._strip_controls(adapter)
        lang = adapter.get("language")
        extra = tuple(adapter.get("_boilerplate") or ())
        body = clean_body(adapter.get("body") or "", language=lang, extra_phrases=extra)
        adapter["body"] = body

        def one_line(value: str) -> str:
            # The body lends its words: "ا.لقصف" in a title is mended as the body spells it.
            return normalize_text(value, language=lang, context=body)

        adapter["title"] = one_line(adapter.get("title") or "")
        adapter["section"] = one_line(adapter.get("section") or "") or None
        for name in _LIST_FIELDS:
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
            if name.startswith("_"):
                continue
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
        for name in _SHORT_FIELDS:
            value = adapter.get(name)
            if value and len(value) > self.max_title:
                adapter[name] = cut(value, self.max_title)
                self._truncated(name, url, len(value), self.max_title)
        for name in _LIST_FIELDS:
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
