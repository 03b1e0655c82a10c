"""A labelled corpus of NON-article pages, for measuring false articles (bench/pagekind.py).

Home, section, tag, author, search, archive, static, contact, error, topic,
video and gallery pages, Arabic and English, in the markup families real
sites use: WordPress themes with Yoast, legacy windows-1256 table layouts,
JSON-LD CollectionPage sites, Next.js home pages, news-aggregator topic
pages, and assorted others.  The pages are built from templates and the
hand-written text in ``corpus_text``; none of them is an article, and the
page-kind weights are tuned against them, so they are meant to be hard:
SEO plugins' ``og:type=article``, lead teasers with long excerpts, policy
pages with a date line and long running text, article-shaped section URLs.

    from data.pagekind import all_pages      # with tests/ on sys.path
    for page in all_pages():
        extract(page.url, page.body, {"Content-Type": page.content_type})
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

KINDS = frozenset({"home", "section", "tag", "author", "search", "archive", "static",
                   "contact", "error", "topic", "video", "gallery"})
#: One module per markup family, each with ``pages() -> list[Page]``.
MODULES = ("wordpress", "wp_plain", "legacy", "collection", "nextjs", "topic", "misc", "blogger", "static")


@dataclass(frozen=True)
class Page:
    #: Unique, stable: "<family>/<what>" ("wordpress/ar-category").
    name: str
    url: str
    #: What the page is (one of KINDS); never "article".
    kind: str
    #: Markup family: wordpress, legacy, collection, nextjs, topic, drupal, custom, blogger.
    markup: str
    #: The Content-Type header it is served with.
    content_type: str
    body: bytes
    #: What makes this page hard, for humans reading bench output.
    note: str = ""
    #: The status the server answers with (404 pages are still pages a crawler reads).
    status: int = 200


def all_pages() -> list[Page]:
    pages: list[Page] = []
    for name in MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        pages.extend(module.pages())
    names = [p.name for p in pages]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"duplicate corpus page names: {sorted(duplicates)}")
    return pages
