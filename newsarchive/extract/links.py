"""The links of a page, read from the tree extraction already parsed.

A crawl follows ~130 links per news page, most of them the same menu and
sidebar links again. Reading them here, from the one parse of the page,
saves Scrapy's ``LinkExtractor`` a second parse; the rules are its rules:
``<a>`` and ``<area>`` hrefs, HTML5 whitespace stripped, resolved against
``<base href>``, made safe in the page's encoding, http(s) only, first
occurrence kept. Which of them are worth a request is the crawl's decision.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin

from w3lib.html import strip_html5_whitespace
from w3lib.url import safe_url_string

_FEED_TYPES = ("rss", "atom")


def base_url(tree, url: str) -> str:
    base = tree.find(".//base[@href]")
    if base is None:
        return url
    try:
        return urljoin(url, strip_html5_whitespace(base.get("href")))
    except ValueError:
        return url


@lru_cache(maxsize=1 << 15)
def _safe(url: str, encoding: str) -> str | None:
    """The URL made safe (percent-encoded) once per distinct link: menus repeat on every page."""
    try:
        return safe_url_string(url, encoding=encoding)
    except ValueError:
        return None  # a bogus link (an invalid IPv6 host, …)


def page_links(tree, url: str, encoding: str = "utf-8") -> list[str]:
    """Absolute http(s) URLs of the page's ``<a>``/``<area>`` links, in document order, each once."""
    base, seen, links = base_url(tree, url), set(), {}
    for element in tree.iter("a", "area"):
        href = element.get("href")
        if not href or href in seen:
            continue
        seen.add(href)
        href = strip_html5_whitespace(href)
        if not href.startswith(("http://", "https://")):
            try:
                href = urljoin(base, href)
            except ValueError:
                continue
        absolute = _safe(href, encoding or "utf-8")
        if absolute and absolute.startswith(("http://", "https://")):
            links[absolute] = None
    return list(links)


def declared_feeds(tree, url: str) -> list[str]:
    """Feeds a page declares with ``<link rel="alternate" type="…rss/atom…">``, as absolute URLs."""
    feeds = []
    for link in tree.iter("link"):
        rel, kind, href = (link.get("rel") or "").lower(), (link.get("type") or "").lower(), link.get("href")
        if rel == "alternate" and href and any(t in kind for t in _FEED_TYPES):
            feeds.append(urljoin(url, href.strip()))
    return feeds
