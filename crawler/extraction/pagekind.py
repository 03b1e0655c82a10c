"""Is this page an article? Listing, tag, author, search and static pages are not.

WordPress SEO plugins mark static pages ``og:type=article`` too, so no single
signal decides: the page's own markup (body classes, JSON-LD types,
``article:published_time``) outranks the URL, and a page with no markup at
all needs a date and enough running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from crawler.extraction.metadata import ARTICLE_TYPES, PageMeta

_LISTING_PATH = re.compile(
    r"/(tag|tags|author|authors|category|categories|topics?|search|archives?|"
    r"page|feed|wp-admin|wp-json|wp-login\.php|login|register|label|keyword)(/|$)",
    re.I,
)
_STATIC_SLUG = re.compile(
    r"^(about|about-us|who-we-are|contact|contact-us|privacy|privacy-policy|terms|"
    r"terms-of-use|terms-and-conditions|terms-of-service|advertise|advertise-with-us|"
    r"disclaimer|cookie-policy|cookies|sitemap|team|our-team|careers|jobs|faq|"
    r"editorial-policy|من-نحن|عن-الموقع|اتصل-بنا|تواصل-معنا|اتصل-بنا-2|سياسة-الخصوصية|"
    r"شروط-الاستخدام|اتفاقية-الاستخدام|أعلن-معنا|اعلن-معنا|هيئة-التحرير|سياسة-التحرير)$",
    re.I,
)
#: Script names legacy CMSes use for listings: /section.php?id=2, /cat.asp?id=5.
_LISTING_SCRIPT = re.compile(
    r"/(section|sections|category|cat|list|archive|search|tag|tags|author|index|default|home|"
    r"news_list|newslist|qism|page)\.(php|aspx?|jsp|cfm|html?)$", re.I)
_PAGINATION_QUERY = re.compile(r"(^|&)(page|paged|pg|p_no|start|offset)=\d+", re.I)
_DATE_ARCHIVE = re.compile(r"^/\d{4}(/\d{1,2}){0,2}/?$")
_LISTING_CLASSES = frozenset(
    {"archive", "category", "tag", "author", "search", "search-results", "home",
     "blog", "error404", "date", "paged", "tax"}
)
_STATIC_CLASSES = frozenset({"page", "page-template-default", "page-template"})
_ARTICLE_CLASSES = frozenset({"single-post", "single"})
_NOT_ARTICLE_TYPES = frozenset(
    {"collectionpage", "searchresultspage", "profilepage", "aboutpage", "contactpage", "itemlist"}
)


#: Title-like links in the main area from which an unmarked page is a listing.
LISTING_TEASERS = 3


@dataclass(frozen=True)
class PageKind:
    is_article: bool
    #: A short stable reason, used in logs and stats (``news/skipped/<reason>``).
    reason: str


def classify(url: str, meta: PageMeta, *, has_date: bool, text_chars: int,
             link_density: float, teaser_links: int, min_chars: int) -> PageKind:
    path = unquote(urlsplit(url).path or "/")
    query = urlsplit(url).query
    classes = meta.body_classes
    types = meta.jsonld_types()
    if classes & {"error404"}:
        return PageKind(False, "error_page")
    if classes & _LISTING_CLASSES or types & _NOT_ARTICLE_TYPES:
        return PageKind(False, "listing_page")
    if classes & _STATIC_CLASSES and not classes & _ARTICLE_CLASSES:
        return PageKind(False, "static_page")
    structured = bool(types & ARTICLE_TYPES) or bool(classes & _ARTICLE_CLASSES)
    published_meta = bool(meta.first("article:published_time", "datepublished"))
    if not structured and not published_meta:
        if path in ("", "/") or re.search(r"/index\.\w+$", path) or query.startswith("s="):
            return PageKind(False, "listing_page")
        if (_LISTING_PATH.search(path) or _DATE_ARCHIVE.match(path)
                or _LISTING_SCRIPT.search(path) or _PAGINATION_QUERY.search(query)):
            return PageKind(False, "listing_page")
        last = path.rstrip("/").rsplit("/", 1)[-1].lower()
        if _STATIC_SLUG.match(last):
            return PageKind(False, "static_page")
        if link_density > 0.5 or teaser_links >= LISTING_TEASERS:
            return PageKind(False, "listing_page")
        if not has_date:
            return PageKind(False, "no_article_signal")
    if text_chars < min_chars:
        return PageKind(False, "too_short")
    return PageKind(True, "article")
