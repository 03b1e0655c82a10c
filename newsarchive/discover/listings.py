"""Reading the indexes a site publishes: robots.txt, sitemaps, RSS/Atom feeds.

Scrapy's sitemap parser is used as is, extended only to keep the Google
News ``<news:publication_date>`` it otherwise discards; feeds are read with
a hardened lxml parser (no entities, no network).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from lxml import etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from newsarchive.extract.dates import ParsedDate, parse_machine_date

__all__ = ["Entry", "sitemap_urls_from_robots", "read_sitemap", "read_feed",
           "looks_like_feed", "looks_like_sitemap", "maybe_gunzip"]


@dataclass(frozen=True)
class Entry:
    url: str
    #: publication date (news sitemap, feed) or lastmod, whichever is known.
    date: ParsedDate | None
    #: True for a child sitemap of a sitemap index.
    is_sitemap: bool = False


class _NewsSitemap(Sitemap):
    """Scrapy's Sitemap, also keeping ``news:publication_date``."""

    __slots__ = ()

    def _process_sitemap_element(self, elem):
        published = None
        for el in elem.iter():
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag.rpartition("}")[2] == "publication_date" and el.text:
                published = el.text.strip()
        d = super()._process_sitemap_element(elem)
        if d is not None and published:
            d["publication_date"] = published
        return d


def maybe_gunzip(body: bytes, max_size: int) -> bytes:
    if body[:2] == b"\x1f\x8b":
        return gunzip(body, max_size=max_size)
    return body


def looks_like_sitemap(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def looks_like_feed(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def read_sitemap(body: bytes) -> Iterator[Entry]:
    try:
        sitemap = _NewsSitemap(body)
    except (etree.XMLSyntaxError, StopIteration, ValueError):
        return
    is_index = sitemap.type == "sitemapindex"
    for d in sitemap:
        raw = d.get("publication_date") or d.get("lastmod")
        yield Entry(d["loc"], parse_machine_date(raw) if raw else None, is_index)


_FEED_PARSER = dict(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


def read_feed(body: bytes) -> Iterator[Entry]:
    try:
        root = etree.fromstring(body, etree.XMLParser(**_FEED_PARSER))
    except etree.XMLSyntaxError:
        return
    if root is None:
        return
    for item in root.iter():
        name = _local(item)
        if name == "item":  # RSS 2.0 / RSS 1.0
            link = _child_text(item, "link") or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
            raw = _child_text(item, "pubDate") or _child_text(item, "date")
        elif name == "entry":  # Atom
            link = None
            for child in item:
                if _local(child) == "link" and child.get("rel", "alternate") == "alternate":
                    link = child.get("href")
                    break
            raw = _child_text(item, "published") or _child_text(item, "updated")
        else:
            continue
        if link:
            yield Entry(link.strip(), parse_machine_date(raw) if raw else None)


def _local(el) -> str:
    return el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""


def _child_text(el, name: str) -> str | None:
    for child in el:
        if _local(child) == name and child.text and child.text.strip():
            return child.text.strip()
    return None
