"""``extract(url, body, headers)``: a page's bytes in, article fields out.

A plain function with no crawler behind it, so it can be tested, reused
(``scrapy extract``, re-extraction from raw captures) and profiled alone.
Each field takes the most reliable source that has it: profile selector,
JSON-LD, meta tags, then the visible page.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from newsarchive.extract import content, pagedates
from newsarchive.extract.chrome import ChromeCache
from newsarchive.extract.decode import UndecodableError, decode_html
from newsarchive.extract.links import declared_feeds, page_links
from newsarchive.extract.metadata import PageMeta, names_of, read_meta, text_values
from newsarchive.extract.pagekind import PageKind, classify, read_layout, settled_by_markup
from newsarchive.extract.parse import UnparseableError, parse_html
from newsarchive.extract.profiles import SiteProfile
from newsarchive.record.urls import clean_url, host_of, same_site, split_page_number, url_key

_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_LANG_CODE = re.compile(r"^[a-z]{2,3}$")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · ")
_SECTION_LINK = re.compile(r"(^|[\s_-])(section|category|cat|kicker|rubric|qism)([\s_-]|$)", re.I)
_SECTION_HREF = re.compile(r"/(section|sections|category|categories|cat|qism|topics?)/", re.I)
_HOME_HREF = re.compile(r"^(/|\./?|/index\.\w+|https?://[^/]+/?)$")
_HOME_WORDS = frozenset({"الرئيسية", "الصفحة الرئيسية", "الرئيسيه", "Home", "Accueil"})
_HEADLINE_XPATH = ("//body//h1 | //body//h2 | //body//h3 | //body//b | //body//strong | //body//font[@size>=4]"
                   " | //body//*[contains(@class, 'title') or contains(@class, 'headline')]")
#: A body holding less than this share of the main block's paragraphs missed it (bench/extraction.py).
_SUSPICIOUS_COVERAGE = 0.5
#: A body whose lines are mostly the page's link texts is a page dump (bench/extraction.py).
_MAX_LINK_LINES = 0.3
#: Lines this short ("|", "»") are separators between links.
_SEPARATOR_LINE = 3
_PAGE_DUMP = "was mostly menu and link lines"
_NOTHING = "was empty"
_AUTHOR_PREFIX = re.compile(r"^\s*(بقلم|كتبت|كتب|إعداد|اعداد|تحرير|By)(?=[\s:：]|$)\s*[:：]?\s*", re.I)


class ExtractionError(ValueError):
    """The page cannot be read at all; ``reason`` is a stable stats key."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason

    def __reduce__(self):  # crosses process boundaries (extraction workers) intact
        return type(self), (self.reason, str(self))


@dataclass
class Extraction:
    is_article: bool
    reason: str
    url: str
    #: Record fields, filled for every page (only articles are archived).
    fields: dict = field(default_factory=dict)
    #: Other URLs of the same article (AMP, the fetched URL) for dedupe.
    aliases: list[str] = field(default_factory=list)
    encoding: str = ""
    text: str = ""
    #: field → which source won it (selector, jsonld:…, meta:…, trafilatura, …).
    sources: dict = field(default_factory=dict)
    #: Multi-page articles: the next page of this article, if any.
    next_page: str | None = None
    #: For page 2+ of a multi-page article: its first page (the record's page).
    first_page: str | None = None
    #: The page-kind decision with its score and evidence.
    kind: PageKind | None = None
    #: The page's links (absolute, each once) and the feeds it declares, for the crawl.
    links: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)

    @property
    def doubtful(self) -> bool:
        """Rejected while it looks like an article: worth counting, never silently lost."""
        return bool(self.kind and self.kind.doubtful)


def extract(url: str, body: bytes, headers: dict | None = None, *,
            profile: SiteProfile | None = None, now: datetime | None = None,
            min_chars: int = 200, full: bool = True) -> Extraction:
    """Extract an article from one page.

    ``headers`` maps header names (any case) to str values; ``Content-Type``
    and ``Date`` are used. Raises ExtractionError when the bytes are not an
    HTML document we can decode. With ``full=False`` (the crawl) the body,
    dates and bylines of a page that cannot be an article are not read: the
    decision is the same, the fields of such a page stay empty.
    """
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    if not body or not body.strip():
        raise ExtractionError("empty_page", "the response body is empty")
    try:
        decoded = decode_html(body, headers.get("content-type"))
    except UndecodableError as exc:
        raise ExtractionError("undecodable", str(exc)) from None
    try:
        tree = parse_html(decoded.text)
    except UnparseableError as exc:
        raise ExtractionError("malformed_html", str(exc)) from None
    now = now or _http_date(headers.get("date")) or datetime.now(timezone.utc)
    links, feeds = page_links(tree, url, decoded.encoding), declared_feeds(tree, url)
    meta = read_meta(tree)
    zone = pagedates.site_zone(url, meta, profile.timezone if profile else None)
    content.normalize_layout(tree)
    page = _Page(url=url, tree=tree, meta=meta, profile=profile, now=now, zone=zone)
    hosts = set(profile.allowed_hosts) if profile else {host_of(url)}
    canonical = page.canonical(hosts)

    title = page.title()
    settled = None if full else settled_by_markup(canonical, meta, title)
    if settled is not None:  # a WordPress archive page: no layout, body or dates to read
        return _not_an_article(page, settled, decoded, canonical, title, None, None, links, feeds)
    related = page.related_links()
    section = page.section()
    layout = page.layout(title)
    has_headline = page.has_headline(title)
    # Classified as if it had a date and enough text: a page that is no article, and not
    # doubtful, even then is none whatever its body and dates say, so they are not read
    # (listings, tag and author pages are a third of a crawl; exact, see _not_an_article).
    hopeful = classify(canonical, meta, layout, title=title, has_headline=has_headline,
                       has_date=True, text_chars=min_chars, min_chars=min_chars)
    if not full and not hopeful.is_article and not hopeful.doubtful:
        return _not_an_article(page, hopeful, decoded, canonical, title, section, layout, links, feeds)
    description = meta.first("og:description", "description", "twitter:description")
    dek = description if description and not layout.holds(description) else None
    body_text = _without_leading(_without_own_url(page.body(layout), {url, canonical}), (title, section, dek))
    published, modified = page.dates()
    kind = classify(
        canonical, meta, layout, title=title, has_headline=has_headline,
        has_date=published is not None, text_chars=len(body_text), min_chars=min_chars,
    )
    result = Extraction(kind.is_article, kind.reason, canonical,
                        encoding=decoded.encoding, text=decoded.text, kind=kind)
    aliases = {clean_url(url)}
    if meta.amphtml:
        aliases.add(clean_url(urljoin(url, meta.amphtml)))
    aliases.discard(canonical)
    result.aliases = sorted(aliases)
    result.links, result.feeds = links, feeds
    result.sources = page.sources
    result.next_page, result.first_page = _article_pages(url, canonical, meta)
    result.fields = {
        "url": canonical,
        "title": title,
        "body": body_text,
        "related": [r for r in related if clean_url(r["url"]) != canonical],
        "published_at": published.iso() if published else None,
        "modified_at": modified.iso() if modified else None,
        "authors": page.authors(),
        "section": section,
        "tags": page.tags(),
        "language": page.language(body_text),
    }
    return result


def _not_an_article(page, kind: PageKind, decoded, canonical: str, title: str, section,
                    layout, links: list[str], feeds: list[str]) -> Extraction:
    """A page that no date and no body could make an article: what the crawl needs of it.

    Exact: a date only adds weight, and the body's length only matters past
    the threshold, so the decision, its reason and "not doubtful" are the ones
    the full extraction would reach. The body is the main block's own text
    (enough for the JavaScript-rendering rule); dates, bylines, tags and
    related links are left unread.
    """
    body_text = "\n\n".join(layout.block_texts) if layout is not None else ""
    page.sources["body"] = ("main block (not an article even with a date: body and dates not read)"
                            if layout is not None else None)
    result = Extraction(False, kind.reason, canonical, encoding=decoded.encoding, text=decoded.text,
                        kind=kind, links=links, feeds=feeds, sources=page.sources)
    result.fields = {
        "url": canonical, "title": title, "body": body_text, "related": [], "published_at": None,
        "modified_at": None, "authors": [], "section": section, "tags": [],
        "language": page.language(body_text),
    }
    return result


def _article_pages(url: str, canonical: str, meta: PageMeta) -> tuple[str | None, str | None]:
    """(next page, first page) of a multi-page article, from rel=next/prev links.

    A link only counts when it is the same article with another page number
    (``/slug/2/``, ``?page=2``), so listing pagination never qualifies. A
    trailing number of this page's own URL may be an id (``/article/9``) as
    well as a page number (``/slug/2/``): both readings are tried.
    """
    readings = set()
    for own in {clean_url(url), canonical}:
        readings.add((url_key(own), 1))
        base, number = split_page_number(own)
        readings.add((url_key(base), number))
    next_page = None
    for href in meta.next_links:
        target = clean_url(urljoin(url, href))
        target_base, target_number = split_page_number(target)
        if any(url_key(target_base) == key and target_number > number for key, number in readings):
            next_page = target
            break
    first_page = None
    base, number = split_page_number(clean_url(url))
    if number > 1:
        for href in meta.prev_links:
            target = clean_url(urljoin(url, href))
            if url_key(base) in (url_key(target), url_key(split_page_number(target)[0])):
                first_page = base
                break
    return next_page, first_page


def _body_problem(text: str, layout) -> str | None:
    """Why an extracted body is not the article, or None when it looks right."""
    if layout.covered(text) < _SUSPICIOUS_COVERAGE:
        return "missed the main block"
    lines = [" ".join(line.split()) for line in text.split("\n")]
    total = sum(len(line) for line in lines) or 1
    linked = sum(len(line) for line in lines if line in layout.link_texts or len(line) <= _SEPARATOR_LINE)
    if linked / total > _MAX_LINK_LINES:
        return _PAGE_DUMP
    return None


def _without_own_url(text: str, urls: set[str]) -> str:
    """Drop lines that print the page's own address (permalink and share boxes)."""
    own = {u.rstrip("/") for u in urls if u}
    return "\n".join(line for line in text.split("\n") if line.strip().rstrip("/") not in own)


def _without_leading(text: str, labels) -> str:
    """Drop title and section lines the extractor kept above the body."""
    wanted = {" ".join(label.split()) for label in labels if label}
    lines = text.split("\n")
    while lines and (not lines[0].strip() or " ".join(lines[0].split()) in wanted):
        lines.pop(0)
    return "\n".join(lines)


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _clean_text(value) -> str:
    return " ".join(str(value).split()) if value else ""


@dataclass
class _Page:
    url: str
    tree: lxml_html.HtmlElement
    meta: PageMeta
    profile: SiteProfile | None
    now: datetime
    zone: pagedates.SiteZone

    def __post_init__(self):
        self.node = self.meta.article_node() or {}
        self.base = urljoin(self.url, self.meta.base_href) if self.meta.base_href else self.url
        self._work_tree = None
        #: Whether an element is page chrome (header, menus, footer…), asked of thousands, judged once each.
        self._in_chrome = ChromeCache()
        #: field → the source that won it, for ``scrapy extract --explain``.
        self.sources: dict[str, str | None] = {}

    def _first(self, name: str, candidates):
        """The first non-empty value among (source, getter) pairs, noting its source."""
        for source, get in candidates:
            value = get()
            if value:
                self.sources[name] = source
                return value
        self.sources[name] = None
        return None

    def _node_text(self, key: str) -> str:
        value = self.node.get(key)
        return _clean_text(value) if isinstance(value, str) else ""

    # -- helpers -------------------------------------------------------
    def _selected(self, name: str) -> list:
        selector = (self.profile.selectors or {}).get(name) if self.profile else None
        return content.select(self.tree, selector) if selector else []

    def _selected_texts(self, name: str) -> list[str]:
        out = []
        for node in self._selected(name):
            value = node if isinstance(node, str) else node.text_content()
            value = _clean_text(value)
            if value:
                out.append(value)
        return out

    def work_tree(self):
        """A copy of the page with related blocks, read-also lines and sidebars removed."""
        if self._work_tree is None:
            self._work_tree = copy.deepcopy(self.tree)
            # Script and style text is no page text (JSON-LD was read from the page itself).
            etree.strip_elements(self._work_tree, "script", "style", "template", with_tail=False)
            self._related = content.take_out_related(self._work_tree, self.base)
        return self._work_tree

    # -- fields --------------------------------------------------------
    def canonical(self, hosts: set[str]) -> str:
        def on_site(candidate):
            absolute = urljoin(self.url, candidate) if candidate else ""
            ok = absolute.startswith(("http://", "https://")) and same_site(absolute, hosts)
            return clean_url(absolute) if ok else None

        return self._first("url", [
            ("link:rel=canonical", lambda: on_site(self.meta.canonical)),
            ("meta:og:url", lambda: on_site(self.meta.first("og:url"))),
            ("fetched url", lambda: clean_url(self.url)),
        ])

    def related_links(self) -> list[dict]:
        self.work_tree()
        picked = [link for node in self._selected("related") if not isinstance(node, str)
                  for link in content.links_in(node, self.base)]
        self.sources["related"] = "+".join(
            name for name, found in (("selector", picked), ("read-also/related blocks", self._related)) if found
        ) or None
        return content.unique_links(picked + self._related)

    def body(self, layout) -> str:
        """The article text: a profile selector, else trafilatura's fast mode, checked.

        Fast mode sometimes stops at a lead or header block, or dumps the
        page's menus with the story: a result that misses the main block's
        paragraphs or is mostly link lines is replaced by standard mode, else
        by the main block's own paragraphs when the result was a page dump that
        holds them, or nothing at all (bench/extraction.py measured the rule).
        """
        selector = (self.profile.selectors or {}).get("body") if self.profile else None
        body = self._first("body", [
            ("selector", lambda: content.selector_text(self.work_tree(), selector) if selector else ""),
            ("trafilatura", lambda: content.main_text(self.work_tree(), self.url)),
        ]) or ""
        if self.sources["body"] == "selector" or not layout.block_texts:
            return body
        problem = _body_problem(body, layout) if body.strip() else _NOTHING
        if problem is None:
            return body
        standard = content.main_text(self.work_tree(), self.url, fast=False)
        if _body_problem(standard, layout) is None:
            self.sources["body"] = f"trafilatura standard (the fast result {problem})"
            return standard
        if problem == _PAGE_DUMP or not body.strip():
            # The dump holds the main block: its paragraphs are the only running text in it.
            self.sources["body"] = f"main block (trafilatura's result {problem})"
            return "\n".join(layout.block_texts)
        return body

    def title(self) -> str:
        h1s = [h for h in (_clean_text(h.text_content()) for h in self.tree.iter("h1")) if h]
        site = self.meta.first("og:site_name", "application-name") or ""

        def unsuffixed(value: str) -> str:
            return strip_site_name(value, site, h1s) if value else ""

        return self._first("title", [
            ("selector", lambda: next(iter(self._selected_texts("title")), "")),
            ("jsonld:headline", lambda: unsuffixed(self._node_text("headline"))),
            ("meta:og:title", lambda: unsuffixed(self.meta.first("og:title", "twitter:title") or "")),
            ("microdata:headline", lambda: unsuffixed(self.meta.first("headline") or "")),
            ("h1", lambda: h1s[0] if len(h1s) == 1 else ""),
            ("<title> + heading", lambda: self._title_from_document_title(site)),
        ]) or ""

    def _title_from_document_title(self, site: str) -> str:
        """Legacy pages: the heading that repeats part of ``<title>``, in full."""
        raw = _clean_text(self.tree.findtext(".//title") or "")
        parts = [raw]
        for sep in _TITLE_SEPARATORS:
            parts = [piece.strip() for part in parts for piece in part.split(sep)]
        parts = sorted({p for p in parts if p and p != site}, key=len, reverse=True)
        if not parts:
            return ""
        headings = self.tree.xpath(_HEADLINE_XPATH)
        for part in parts:
            for el in headings:
                text = _clean_text(el.text_content())
                if part in text and len(text) <= 250 and not self._in_chrome(el):
                    return text
        return parts[0]

    def dates(self):
        """Publication and modification dates: the choice is newsarchive.extract.pagedates'."""
        found = pagedates.find_dates(self.tree, self.meta, self.url, now=self.now, zone=self.zone,
                                     in_chrome=self._in_chrome, selected=self._selected_texts("date"))
        self.sources.update(found.sources)
        return found.published, found.modified

    def layout(self, title: str):
        """Main block and teasers, read with related blocks and sidebars taken out."""
        return read_layout(self.work_tree().find(".//body"), self._in_chrome, title)

    def has_headline(self, title: str) -> bool:
        """The page shows the title as its own headline: a heading, not a link to elsewhere.

        Legacy pages print it in ``<font size=5><b>`` rather than ``<h1>``.
        """
        if not title:
            return False
        if (self.sources.get("title") or "").startswith(("jsonld", "microdata", "selector")):
            return True
        wanted = " ".join(title.split())
        for el in self.tree.xpath(_HEADLINE_XPATH):
            text = _clean_text(el.text_content())
            if (text and (text == wanted or (len(text) >= 10 and text in wanted))
                    and next(el.iterancestors("a"), None) is None and el.find(".//a") is None
                    and not self._in_chrome(el)):
                return True
        return False

    def authors(self) -> list[str]:
        names = self._first("authors", [
            ("selector", lambda: self._selected_texts("authors")),
            ("jsonld:author", lambda: [n for n in names_of(self.node.get("author")) if n]),
            ("meta:author / microdata:author", lambda: [a for a in self.meta.all("author") if not a.startswith("http")]),
            ("rel=author", lambda: [_clean_text(a.text_content()) for a in self.tree.xpath(
                '//a[contains(concat(" ", normalize-space(@rel), " "), " author ")]')]),
            ("byline", self._byline),
        ]) or []
        return _dedupe([_AUTHOR_PREFIX.sub("", _clean_text(n)) for n in names if n])

    def _byline(self) -> list[str]:
        """A "بقلم: name" / "By name" line anywhere in the page text."""
        texts = [t for t in self.tree.xpath("//body//text()[normalize-space()]")
                 if t.getparent().tag not in ("script", "style")]
        for i, raw in enumerate(texts):
            line = _clean_text(raw)
            if len(line) > 60 or not _AUTHOR_PREFIX.match(line):
                continue
            rest = _AUTHOR_PREFIX.sub("", line).strip()
            if not rest and i + 1 < len(texts):
                rest = _clean_text(texts[i + 1])
            if rest and len(rest.split()) <= 5:
                return [rest]
        return []

    def section(self) -> str | None:
        crumbs = self.meta.breadcrumb_names()
        return self._first("section", [
            ("selector", lambda: next(iter(self._selected_texts("section")), None)),
            ("meta:article:section", lambda: self.meta.first("article:section")),
            ("microdata:articleSection", lambda: self.meta.first("articlesection")),
            ("jsonld:articleSection", lambda: next(iter(text_values(self.node.get("articleSection"))), None)),
            ("jsonld:BreadcrumbList", lambda: crumbs[-2] if len(crumbs) >= 3 else None),
            ("rel=category", lambda: next((t for t in (_clean_text(a.text_content()) for a in self.tree.xpath(
                '//a[contains(concat(" ", normalize-space(@rel), " "), " category ")]')) if t), None)),
            ("breadcrumb markup", self._marked_breadcrumb),
            ("section label link", self._section_label),
            ("home | section trail", self._unmarked_breadcrumb),
        ])

    def _section_label(self) -> str | None:
        """A short category link just above the headline (a "kicker")."""
        h1 = next(self.tree.iter("h1"), None)
        container = h1.getparent() if h1 is not None else None
        for _ in range(3):
            if container is None:
                return None
            for a in container.iter("a"):
                if h1 in a.iterancestors() or a.getparent() is None:
                    continue
                text = _clean_text(a.text_content())
                if (text and len(text.split()) <= 4 and not self._in_chrome(a)
                        and (_SECTION_LINK.search(a.get("class") or "")
                             or _SECTION_HREF.search(a.get("href") or ""))):
                    return text
            container = container.getparent()
        return None

    def _marked_breadcrumb(self) -> str | None:
        for el in self.tree.xpath('//*[contains(@class, "breadcrumb") or contains(@id, "breadcrumb") or contains(@class, "crumbs")]'):
            links = [t for t in (_clean_text(a.text_content()) for a in el.iter("a")) if t]
            if len(links) >= 2:
                return links[-1]
        return None

    def _unmarked_breadcrumb(self) -> str | None:
        """A short "Home | Section" trail without any breadcrumb markup."""
        for a in self.tree.iter("a"):
            href = (a.get("href") or "").strip()
            if not (_HOME_HREF.match(href) or _clean_text(a.text_content()) in _HOME_WORDS):
                continue
            trail = a.getparent()
            links = [x for x in trail.iter("a")] if trail is not None else []
            if 2 <= len(links) <= 4 and len(_clean_text(trail.text_content())) < 100:
                last = _clean_text(links[-1].text_content())
                if last and last not in _HOME_WORDS:
                    return last
        return None

    def tags(self) -> list[str]:
        tags = self._first("tags", [
            ("meta:article:tag", lambda: self.meta.all("article:tag")),
            ("jsonld:keywords", lambda: text_values(self.node.get("keywords"))),
            ("rel=tag", lambda: [_clean_text(a.text_content()) for a in self.tree.xpath(
                '//a[contains(concat(" ", normalize-space(@rel), " "), " tag ")]')]),
        ]) or []
        return _dedupe([t for t in tags if t])

    def language(self, body_text: str) -> str | None:
        def code(value) -> str | None:
            if not isinstance(value, str):
                return None
            primary = value.strip().replace("_", "-").split("-")[0].lower()
            return primary if _LANG_CODE.match(primary) else None

        def by_script() -> str | None:
            sample = body_text[:2000]
            arabic, latin = len(_ARABIC_LETTER.findall(sample)), len(_LATIN_LETTER.findall(sample))
            return "ar" if arabic > latin else None

        return self._first("language", [
            ("html lang", lambda: code(self.meta.lang)),
            ("meta:og:locale", lambda: code(self.meta.first("og:locale"))),
            ("jsonld:inLanguage", lambda: code(self.node.get("inLanguage"))),
            ("script of the body", by_script),
        ])


def strip_site_name(title: str, site_name: str, h1s: list[str]) -> str:
    """Drop a " - Site Name" suffix or "Site Name | " prefix from a title."""
    title = _clean_text(title)
    if len(h1s) == 1 and h1s[0] and h1s[0] != title and h1s[0] in title:
        return h1s[0]
    for sep in _TITLE_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if site_name and tail.strip() == site_name.strip():
            return head.strip()
        first, _, rest = title.partition(sep)
        if site_name and first.strip() == site_name.strip():
            return rest.strip()
    return title


def _dedupe(values: list[str]) -> list[str]:
    seen, out = set(), []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out
