"""What a page says about itself: JSON-LD, OpenGraph/article meta, link rels.

These are the most reliable sources for title, dates, authors, section and
tags on WordPress-like sites; they are read once into a ``PageMeta`` so the
field logic can pick the best source per field.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lxml_html

logger = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle",
        "blogposting", "socialmediaposting", "liveblogposting", "report",
        "scholarlyarticle", "techarticle",
    }
)
#: Microdata properties read from page elements (``<meta itemprop>`` is read with meta).
_MICRODATA = frozenset({"headline", "datepublished", "datemodified", "author", "articlesection"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class PageMeta:
    jsonld: list[dict] = field(default_factory=list)
    #: lower-cased meta name/property → all values in page order.
    meta: dict[str, list[str]] = field(default_factory=dict)
    canonical: str | None = None
    amphtml: str | None = None
    lang: str | None = None
    body_classes: frozenset[str] = frozenset()
    is_amp: bool = False
    base_href: str | None = None
    #: ``rel=next`` / ``rel=prev`` targets from <link> and <a>, page order.
    next_links: list[str] = field(default_factory=list)
    prev_links: list[str] = field(default_factory=list)

    def first(self, *names: str) -> str | None:
        for name in names:
            for value in self.meta.get(name, ()):
                if value and value.strip():
                    return value.strip()
        return None

    def all(self, name: str) -> list[str]:
        return [v.strip() for v in self.meta.get(name, ()) if v and v.strip()]

    def jsonld_types(self) -> set[str]:
        return {t for node in self.jsonld for t in node_types(node)}

    def article_node(self) -> dict | None:
        """The JSON-LD node describing the article itself, if any."""
        for node in self.jsonld:
            if node_types(node) & ARTICLE_TYPES:
                return node
        return None

    def breadcrumb_names(self) -> list[str]:
        for node in self.jsonld:
            if "breadcrumblist" in node_types(node):
                items = node.get("itemListElement") or []
                if isinstance(items, dict):
                    items = [items]
                ordered = sorted(
                    (i for i in items if isinstance(i, dict)),
                    key=lambda i: _as_int(i.get("position")),
                )
                names = []
                for item in ordered:
                    name = item.get("name")
                    inner = item.get("item")
                    if not name and isinstance(inner, dict):
                        name = inner.get("name")
                    if isinstance(name, str) and name.strip():
                        names.append(name.strip())
                return names
        return []


def read_meta(tree: lxml_html.HtmlElement) -> PageMeta:
    page = PageMeta()
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content is not None:
            page.meta.setdefault(key, []).append(content)
    for el in tree.xpath("//body//*[@itemprop]"):
        key = el.get("itemprop", "").strip().lower()
        if el.tag == "meta" or key not in _MICRODATA:
            continue
        value = el.get("content") or el.get("datetime")
        if value is None:
            inner = el.xpath(".//*[@itemprop='name']")
            value = (inner[0] if inner else el).text_content()
        value = " ".join(value.split())
        if value and len(value) <= 300:
            page.meta.setdefault(key, []).append(value)
    for el in tree.iter("link", "a"):
        rels = {r.lower() for r in (el.get("rel") or "").split()}
        href = (el.get("href") or "").strip()
        if not href or not rels:
            continue
        if "next" in rels:
            page.next_links.append(href)
        if "prev" in rels or "previous" in rels:
            page.prev_links.append(href)
        if el.tag != "link":
            continue
        if "canonical" in rels and page.canonical is None:
            page.canonical = href
        elif "amphtml" in rels and page.amphtml is None:
            page.amphtml = href
    for el in tree.iter("base"):
        if el.get("href"):
            page.base_href = el.get("href").strip()
            break
    root = tree.getroottree().getroot()
    page.lang = (root.get("lang") or root.get("xml:lang") or "").strip() or None
    page.is_amp = "amp" in root.attrib or "\u26a1" in root.attrib
    body = tree.find(".//body")
    if body is not None:
        page.body_classes = frozenset((body.get("class") or "").lower().split())
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            page.jsonld.extend(_parse_jsonld(script.text or ""))
    return page


def _parse_jsonld(text: str) -> list[dict]:
    text = _CONTROL.sub(" ", text.strip())
    if not text:
        return []
    try:
        data = json.loads(text)
    except ValueError:
        # Themes often leave a trailing comma or HTML comment around the JSON.
        try:
            data = json.loads(re.sub(r",\s*([}\]])", r"\1", text.strip("<!-> \n")))
        except ValueError:
            logger.debug("unparseable JSON-LD block skipped")
            return []
    nodes: list[dict] = []
    _flatten(data, nodes, depth=0)
    return nodes


def _flatten(data: Any, out: list[dict], depth: int) -> None:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            _flatten(item, out, depth + 1)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if graph is not None:
            _flatten(graph, out, depth + 1)
        if "@type" in data:
            out.append(data)


def node_types(node: dict) -> set[str]:
    """A JSON-LD node's @type values, lower-cased (one type or a list)."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {v.lower() for v in values if isinstance(v, str)}


def _as_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def names_of(value: Any) -> list[str]:
    """Names from a JSON-LD person/organisation value in any of its shapes."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value for n in names_of(item)]
    return []


def text_values(value: Any) -> list[str]:
    """Strings from a JSON-LD value that may be a string, list or comma list."""
    if isinstance(value, str):
        return [p for p in (s.strip() for s in value.split(",")) if p]
    if isinstance(value, list):
        return [s for item in value for s in text_values(item)]
    if isinstance(value, dict):
        return text_values(value.get("name"))
    return []
