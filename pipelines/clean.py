"""Clean every text field: Unicode, Arabic obfuscation, boilerplate lines.

The text rules live in ``crawler.textclean`` (plain functions, tested on the
seed article); this pipeline only applies them to each field of an item.
"""

from __future__ import annotations

from itemadapter import ItemAdapter

from crawler.textclean import clean_body, normalize_text


class CleanPipeline:
    def process_item(self, item):
        adapter = ItemAdapter(item)
        lang = adapter.get("language")
        extra = tuple(adapter.get("_boilerplate") or ())
        adapter["title"] = normalize_text(adapter.get("title") or "", language=lang)
        adapter["body"] = clean_body(adapter.get("body") or "", language=lang, extra_phrases=extra)
        section = normalize_text(adapter.get("section") or "", language=lang)
        adapter["section"] = section or None
        for name in ("authors", "tags"):
            values = [normalize_text(v, language=lang) for v in adapter.get(name) or ()]
            adapter[name] = list(dict.fromkeys(v for v in values if v))
        adapter["related"] = [
            {"url": r["url"], "title": normalize_text(r.get("title") or "", language=lang)}
            for r in adapter.get("related") or ()
        ]
        return item
