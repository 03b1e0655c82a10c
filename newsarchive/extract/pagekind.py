"""Is this page an article? Weighed evidence, not a first rule that matches.

Real article pages carry listing-like furniture (related-stories carousels,
``ItemList`` and ``BreadcrumbList`` JSON-LD, tickers, "most read" boxes)
and listing pages carry article-like bits (``og:type=article`` from SEO
plugins, a lead teaser with a long excerpt, a date). So every signal adds a
weight for or against, and the page is an article when the sum reaches
``THRESHOLD``. The weights and the threshold were chosen by measurement
(``bench/pagekind.py``: recall on 181 real article pages and our own legacy
site, false articles on a labelled set of home, section, tag, author,
search, archive and static pages); each decision keeps its evidence, which
``scrapy extract --explain`` prints.

A rejected page that still has a headline, a date and running text in one
main block, and no decisive evidence against it, is *doubtful*: the crawl
counts and lists it rather than losing it silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from lxml import etree

from newsarchive.extract.metadata import ARTICLE_TYPES, PageMeta, node_types
from newsarchive.record.urls import url_key

#: An article needs at least this much weight.
THRESHOLD = 2.0
#: A rejected page with article signals is doubtful unless its score is this far below,
DOUBT_MARGIN = 2.5
#: or one piece of evidence this strong says what it is (a WordPress archive or page
#: class, a search URL, an error page).
DECISIVE = -4.0

_LISTING_PATH = re.compile(
    r"/(tag|tags|author|authors|category|categories|topics?|search|archives?|"
    r"page|feed|label|keyword|hashtag|users?|people|writers?|profiles?)(/|$)",
    re.I,
)
#: Listing keywords under which a story may still be filed (/category/news/a-long-slug/).
_FILING_PATH = frozenset({"category", "categories", "archives", "archive", "people", "writers", "writer"})
#: Folders and scripts of static pages: Blogger's /p/x.html, /page.php?id=7, /info/editorial.
_STATIC_PATH = re.compile(
    r"(^|/)(p|pages?|info|static|legal|policies|policy|help|about|corporate)/[^/]+/?$|"
    r"/(page|static|content_page|staticpage|info)\.(php|aspx?|jsp|cfm|html?)$", re.I)
#: Titles of static pages, whole (a site name may follow).
_STATIC_TITLE = re.compile(
    r"^(about|about us|who we are|our team|our story|contact|contact us|get in touch|privacy|"
    r"privacy policy|privacy notice|cookie policy|cookies policy|terms|terms of use|terms of service|"
    r"terms and conditions|terms & conditions|disclaimer|legal notice|imprint|impressum|"
    r"editorial (standards|policy|guidelines|principles)|code of (ethics|conduct)|ethics policy|"
    r"corrections policy|advertise|advertise with us|careers|jobs|faq|frequently asked questions|"
    r"sitemap|site map|"
    r"من نحن|عن الموقع|عن الشبكة|عن الصحيفة|اتصل بنا|تواصل معنا|اتصل معنا|سياسة الخصوصية|"
    r"شروط الاستخدام|شروط الخدمة|الشروط والأحكام|اتفاقية الاستخدام|إخلاء المسؤولية|أعلن معنا|اعلن معنا|"
    r"هيئة التحرير|أسرة التحرير|فريق العمل|سياسة التحرير|السياسة التحريرية|سياسة النشر|"
    r"ميثاق الشرف|ميثاق الشرف المهني|المعايير التحريرية|معايير التحرير|الأسئلة الشائعة|خريطة الموقع)"
    r"(\s*[-|–—:،,].*)?$",
    re.I,
)
_STATIC_SLUG = re.compile(
    r"^(about|about-us|who-we-are|contact|contact-us|privacy|privacy-policy|terms|"
    r"terms-of-use|terms-and-conditions|terms-of-service|advertise|advertise-with-us|"
    r"disclaimer|cookie-policy|cookies|sitemap|team|our-team|careers|jobs|faq|"
    r"editorial-policy|من-نحن|عن-الموقع|اتصل-بنا|تواصل-معنا|اتصل-بنا-2|سياسة-الخصوصية|"
    r"شروط-الاستخدام|اتفاقية-الاستخدام|أعلن-معنا|اعلن-معنا|هيئة-التحرير|سياسة-التحرير)"
    r"(\.\w{2,5})?$",
    re.I,
)
#: Script names legacy CMSes use for listings: /section.php?id=2, /cat.asp?id=5.
_LISTING_SCRIPT = re.compile(
    r"/(section|sections|category|cat|list|archive|search|tag|tags|author|default|home|"
    r"news_list|newslist|qism)\.(php|aspx?|jsp|cfm|html?)$", re.I)
#: Script names legacy CMSes use for one story: /news_view.html?idx=1, /article.php?id=9.
_ARTICLE_SCRIPT = re.compile(
    r"/(\w*(view|read|detail|details|article|story|show|print|content|post|item)\w*)"
    r"\.(php|aspx?|jsp|cfm|html?)$", re.I)
_ID_QUERY = re.compile(r"(^|&)(id|idx|aid|nid|sid|storyid|newsid|articleid|article_id|news_id|p)=\d+", re.I)
_PAGINATION_QUERY = re.compile(r"(^|&)(page|paged|pg|p_no|start|offset)=([2-9]|\d\d+)", re.I)
_SEARCH_QUERY = re.compile(r"(^|&)(s|q|query|search|keyword)=", re.I)
_DATE_ARCHIVE = re.compile(r"^/(\w{2}/)?\d{4}(/\d{1,2}){0,2}/?$")
_DATED_PATH = re.compile(r"/(19|20)\d{2}[/-]?\d{1,2}[/-]?\d{1,2}/|/(19|20)\d{6}|/(19|20)\d{2}/\d{1,2}/[^/]{8,}")
_LONG_ID = re.compile(r"(^|[/_.-])\d{4,}([/_.-]|$)|[a-z]+-?\d{5,}|[a-z]{2}-(?=[a-z0-9]*[A-Z0-9])[A-Za-z0-9]{6,}$")
_SLUG_WORD = re.compile(r"[^\W\d_]{2,}")

_LISTING_CLASSES = frozenset(
    {"archive", "category", "tag", "author", "search", "search-results", "home", "blog",
     "date", "paged", "tax", "term"}
)
_STATIC_CLASSES = frozenset({"page", "page-template-default", "page-template"})
_ARTICLE_CLASSES = frozenset({"single-post", "single", "single-format-standard", "post-template-default"})
_LISTING_TYPES = frozenset({"collectionpage", "searchresultspage", "profilepage"})
_STATIC_TYPES = frozenset({"aboutpage", "contactpage"})

_PARAGRAPHS = ("p", "blockquote", "pre", "li", "dd")
_TEXT_BLOCKS = ("div", "td", "section", "article", "main", "span", "font")
#: Paragraphs, and blocks with text of their own (selected in C: most divs hold none).
#: One name test per tag: libxml2 walks ``.//p`` far faster than ``.//*[self::p or …]``.
_CANDIDATES = etree.XPath(" | ".join(
    [f".//{t}" for t in _PARAGRAPHS] + [f".//{t}[text()[normalize-space()]]" for t in _TEXT_BLOCKS]))
#: A block of running text: this many characters, mostly not link text.
_PARAGRAPH_CHARS = 50
_WORDS = re.compile(r"\w+")
#: A teaser: a headline-like link with at most this much text around it.
_TEASER_MAX_CHARS = 700
_TEASER_TITLE_WORDS = 4
#: Text beside a teaser's link that makes it more than a headline in a list.
_EXCERPT_CHARS = 40
#: How much of a paragraph's start must appear in a body for it to count as there.
_PROBE_WORDS = 8
_NON_WORD = re.compile(r"\W+")


@dataclass(frozen=True)
class Evidence:
    """One signal for (positive weight) or against (negative) the page being an article."""

    name: str
    weight: float
    #: What was seen, for humans (``--explain``).
    detail: str = ""
    #: Which kind of non-article this points to: listing, static, error.
    points_to: str = ""


@dataclass(frozen=True)
class PageKind:
    is_article: bool
    #: A short stable reason, used in logs and stats (``news/skipped/<reason>``).
    reason: str
    score: float = 0.0
    evidence: tuple[Evidence, ...] = ()
    #: Rejected although it has a headline, a date and running text, with no
    #: decisive evidence against it.
    doubtful: bool = False

    def explain(self) -> str:
        lines = [f"score {self.score:+.1f} (article from {THRESHOLD:+.1f})"]
        lines += [f"  {e.weight:+5.1f} {e.name}{': ' + e.detail if e.detail else ''}"
                  for e in self.evidence]
        return "\n".join(lines)


@dataclass(frozen=True)
class Layout:
    """What the page's body looks like, outside menus, headers, footers and sidebars."""

    #: Running text (non-link characters in paragraphs) of the main block.
    main_chars: int = 0
    main_paragraphs: int = 0
    #: Link text over all text, in the main block.
    main_link_density: float = 0.0
    #: Headline-like links inside the main block.
    main_headline_links: int = 0
    #: The largest group of same-shaped sibling teasers (headline link + short text).
    teasers: int = 0
    #: ``<time>`` elements outside chrome.
    times: int = 0
    #: Links to numbered listing pages (``/page/2/``, ``?page=3``) outside chrome.
    pager_links: int = 0
    #: The paragraphs of the one element holding the most running text itself,
    #: to check that an extracted body holds them (``covered``).
    block_texts: tuple[str, ...] = ()
    #: The texts of the page's links (menus, tickers, teasers), whitespace collapsed.
    link_texts: frozenset[str] = frozenset()

    def holds(self, text: str) -> bool:
        """Whether ``text`` is one of the main block's paragraphs (a summary that is also body)."""
        wanted = _words(text)
        return any(_words(t) == wanted for t in self.block_texts)

    def covered(self, text: str) -> float:
        """Share of ``block_texts`` (by length) found in ``text``: 1.0 without a block."""
        total = sum(len(t) for t in self.block_texts)
        if not total:
            return 1.0
        haystack = _words(text)
        found = sum(len(t) for t in self.block_texts
                    if " ".join(_words(t).split()[:_PROBE_WORDS]) in haystack)
        return found / total


def _text(el) -> str:
    return " ".join((el.text_content() or "").split())


def _words(text: str) -> str:
    """Text as words only: list markers, quotes and line breaks differ between extractors."""
    return " ".join(_NON_WORD.sub(" ", text).split())


class _Measures:
    """Text sizes of one page's elements, each computed once.

    The layout reads the same links and containers many times over
    (paragraphs, their parents, teaser groups); text_content() is what costs.
    """

    def __init__(self, title: str):
        self.title = title
        self._chars: dict = {}
        self._links: dict = {}
        self._headline: dict = {}
        #: Texts of links (small, and wanted whole), kept beside their sizes.
        self.link_texts: dict = {}

    def chars(self, el) -> int:
        size = self._chars.get(el)
        if size is None:
            size = self._chars[el] = len(self.link_text(el) if el.tag == "a" else _text(el))
        return size

    def text(self, el) -> str:
        """el's text, whitespace collapsed, its size kept: a paragraph's text is read once."""
        text = _text(el)
        self._chars[el] = len(text)
        return text

    def link_text(self, a) -> str:
        text = self.link_texts.get(a)
        if text is None:
            text = self.link_texts[a] = _text(a)
        return text

    def link_chars(self, el) -> int:
        size = self._links.get(el)
        if size is None:
            size = self._links[el] = sum(self.chars(a) for a in el.iter("a"))
        return size

    def headline(self, a) -> bool:
        """A link that reads like a story's headline (not the page's own title)."""
        known = self._headline.get(a)
        if known is None:
            text = self.link_text(a) if self.chars(a) >= 20 else ""
            known = self._headline[a] = bool(
                text and len(_WORDS.findall(text)) >= _TEASER_TITLE_WORDS and text != self.title)
        return known


def read_layout(root, in_chrome, title: str = "") -> Layout:
    """Main block and teasers of a page (``root``: the body, related blocks already out).

    The main block is the element whose paragraphs hold the most running
    text, each paragraph also crediting its grandparent by half, as
    readability does; link-heavy blocks are discounted by their link density.
    """
    if root is None:
        return Layout()
    m = _Measures(title)
    credit: Counter = Counter()
    paragraphs: dict = {}
    held: dict = {}
    for el in _CANDIDATES(root):
        if el.tag in _TEXT_BLOCKS:
            # Legacy pages put text straight into cells and divs: count that text only.
            direct = [el.text or ""] + [c.tail for c in el if c.tail]
            if sum(len(t) for t in direct) < _PARAGRAPH_CHARS:
                continue
            text = " ".join(" ".join(direct).split())
            linked = 0
        else:
            text = m.text(el)
            if len(text) < _PARAGRAPH_CHARS:
                continue
            linked = m.link_chars(el)
        own = len(text) - linked
        if (own < _PARAGRAPH_CHARS or linked > 0.5 * len(text) or in_chrome(el)
                or _in_teaser(el, m)):
            continue
        # A paragraph credits the block holding it; text straight in a div is its own block.
        parent = el if el.tag in _TEXT_BLOCKS else el.getparent()
        if parent is None:
            continue
        credit[parent] += own
        paragraphs.setdefault(parent, []).append(own)
        held.setdefault(_holder(parent, m), []).append((own, text))
        grand = parent.getparent()
        if grand is not None:
            credit[grand] += own / 2
    links = list(root.iter("a"))
    times = sum(1 for t in root.iter("time") if not in_chrome(t))
    pager = sum(1 for a in links if _is_pager_link(a, m) and not in_chrome(a))
    teasers = _teaser_group(links, m, in_chrome)
    link_texts = frozenset(m.link_text(a) for a in links)
    if not credit:
        return Layout(teasers=teasers, times=times, pager_links=pager, link_texts=link_texts)
    main = max(credit, key=lambda block: credit[block] * (
        1 - min(1.0, m.link_chars(block) / (m.chars(block) or 1))))
    own = [n for block, ns in paragraphs.items() if block is main or main in block.iterancestors()
           for n in ns]
    holder = max(held.values(), key=lambda ns: sum(n for n, _ in ns))
    return Layout(
        block_texts=tuple(text for _, text in holder),
        main_chars=sum(own), main_paragraphs=len(own),
        main_link_density=round(m.link_chars(main) / (m.chars(main) or 1), 3),
        main_headline_links=sum(1 for a in main.iter("a") if m.headline(a)),
        teasers=teasers, times=times, pager_links=pager, link_texts=link_texts,
    )


def _holder(parent, m: _Measures):
    """The element holding a paragraph, past wrappers that hold nothing else.

    Themes wrap each paragraph in its own ``<div>``; the story is then held
    by the wrappers' parent.
    """
    node = parent
    for _ in range(3):
        up = node.getparent()
        if up is None or len(node) > 1 or m.chars(node) > m.chars(node[0] if len(node) else node) + 20:
            break
        node = up
    return node


def _in_teaser(el, m: _Measures) -> bool:
    """A teaser's excerpt: a short parent or grandparent also holds a headline link.

    Listing pages are made of such excerpts, each beside the link to its
    story; they are not the page's running text, however long they are.
    A short article's own block (its ``<h1>``, or a link to its own title)
    is no teaser.
    """
    node = el.getparent()
    for _ in range(2):
        if node is None:
            return False
        if (m.chars(node) > _TEASER_MAX_CHARS or node.find(".//h1") is not None
                or node.get("itemprop") == "articleBody"):
            return False
        if any(m.headline(a) for a in node.iter("a")
               if el not in a.iterancestors() and a not in el.iterancestors()):
            return True
        node = node.getparent()
    return False


_PAGER_HREF = re.compile(r"(/page/\d+/?$|[?&](page|paged|pg)=\d+)", re.I)


def _is_pager_link(a, m: _Measures) -> bool:
    """A short link to a numbered listing page; the href goes first, most links fail it cheaply."""
    return bool(_PAGER_HREF.search(a.get("href") or "")) and m.chars(a) <= 12


def _teaser_group(links, m: _Measures, in_chrome) -> int:
    """Size of the largest group of same-shaped siblings, each a headline link with an excerpt.

    From each headline link up to a few ancestors of teaser size: every one
    is a candidate teaser of its parent, grouped by tag and class.
    """
    groups: dict = {}
    for a in links:
        if not m.headline(a):
            continue
        node = a
        for _ in range(4):
            parent = node.getparent()
            if parent is None or m.chars(node) > _TEASER_MAX_CHARS:
                break
            # A teaser has an excerpt beside its link; bare headline lists (tickers,
            # "most read", related links) are on article pages as much as on listings.
            if m.chars(node) - m.link_chars(node) >= _EXCERPT_CHARS:
                groups.setdefault((parent, node.tag, node.get("class")), set()).add(node)
            node = parent
    best = 0
    for (parent, _, _), members in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        if len(members) <= best:
            break
        if len(members) >= 3 and not in_chrome(parent):
            best = len(members)
    return best


def _story_slug(rest: str) -> bool:
    """A path remainder naming one story: a segment of four slug words or a long id."""
    return any(len(_SLUG_WORD.findall(part)) >= 4
               or (re.fullmatch(r"\d{3,}", part) and not re.fullmatch(r"(19|20)\d\d", part))
               for part in rest.split("/"))


def _url_evidence(url: str) -> list[Evidence]:
    parts = urlsplit(url)
    path, query = unquote(parts.path or "/"), parts.query
    last = path.rstrip("/").rsplit("/", 1)[-1].lower()
    if _SEARCH_QUERY.search(query) or re.search(r"/search(/|$)", path, re.I):
        return [Evidence("url:search", -4, query or path, "listing")]
    if path in ("", "/") and not _ID_QUERY.search(query):
        return [Evidence("url:home", -3, path, "listing")]
    if _STATIC_SLUG.match(last):
        return [Evidence("url:static slug", -3, last, "static")]
    if _STATIC_PATH.search(path) and not _LONG_ID.search(path):
        return [Evidence("url:static page path", -1.5, path, "static")]
    out = []
    listing = _LISTING_PATH.search(path)
    if listing and listing.group(1).lower() in _FILING_PATH and _story_slug(path[listing.end():]):
        listing = None  # /category/news/a-long-post-slug/: a permalink under its category
    if listing or _DATE_ARCHIVE.match(path) or _LISTING_SCRIPT.search(path):
        out.append(Evidence("url:listing path", -3, path, "listing"))
    elif re.search(r"/index\.\w+$", path) and not _DATED_PATH.search(path):
        out.append(Evidence("url:index page", -2, path, "listing"))
    if _PAGINATION_QUERY.search(query):
        out.append(Evidence("url:page number", -1, query, "listing"))
    if out:
        return out
    if (_DATED_PATH.search(path) or _LONG_ID.search(path) or
            (_ARTICLE_SCRIPT.search(path) and _ID_QUERY.search(query))):
        return [Evidence("url:article shape", 1, path)]
    if len(_SLUG_WORD.findall(last)) >= 4:
        return [Evidence("url:long slug", 1, last)]
    return []


def _page_of(node: dict):
    """The page a JSON-LD node says it describes (mainEntityOfPage, url or @id), if any."""
    for key in ("mainEntityOfPage", "url", "@id"):
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value.split("#", 1)[0]
    return None


def _names_other_page(node: dict, url: str) -> bool:
    """A node about another page: a teaser on a section page, not the page itself."""
    page = _page_of(node)
    return bool(page) and url_key(page) != url_key(url)


def _markup_evidence(meta: PageMeta, url: str) -> list[Evidence]:
    out = []
    classes = meta.body_classes
    types = meta.jsonld_types()
    if "error404" in classes:
        out.append(Evidence("class:error404", -10, "", "error"))
    if classes & _ARTICLE_CLASSES or any(c.startswith("postid-") for c in classes):
        out.append(Evidence("class:single post", 3, " ".join(sorted(classes & _ARTICLE_CLASSES))))
    elif classes & _LISTING_CLASSES:
        out.append(Evidence("class:listing", -5, " ".join(sorted(classes & _LISTING_CLASSES)), "listing"))
    elif classes & _STATIC_CLASSES:
        out.append(Evidence("class:static page", -4, " ".join(sorted(classes & _STATIC_CLASSES)), "static"))
    article_nodes = [n for n in meta.jsonld if node_types(n) & ARTICLE_TYPES]
    own = [n for n in article_nodes if not _names_other_page(n, url)]
    if len(article_nodes) >= 3 and len({str(n.get("url") or n.get("headline") or i)
                                        for i, n in enumerate(article_nodes)}) >= 3:
        out.append(Evidence("jsonld:many articles", -3, f"{len(article_nodes)} article nodes", "listing"))
    elif own:
        out.append(Evidence("jsonld:article", 3, ", ".join(sorted(types & ARTICLE_TYPES))))
    elif article_nodes:
        out.append(Evidence("jsonld:article of another page", 0, str(_page_of(article_nodes[0]))))
    listing_types = {t for n in meta.jsonld for t in node_types(n) if t in _LISTING_TYPES
                     and not _names_other_page(n, url)}
    if listing_types:
        out.append(Evidence("jsonld:listing type", -3, ", ".join(sorted(listing_types)), "listing"))
    if types & _STATIC_TYPES:
        out.append(Evidence("jsonld:static type", -3, ", ".join(sorted(types & _STATIC_TYPES)), "static"))
    if "itemlist" in types and not article_nodes:
        out.append(Evidence("jsonld:ItemList", -1, "", "listing"))
    og_type = (meta.first("og:type") or "").lower()
    published = meta.first("article:published_time", "datepublished")
    if og_type == "article" and published:
        out.append(Evidence("meta:og article with published_time", 2))
    elif published:
        out.append(Evidence("meta:published_time", 1.5))
    elif og_type == "article":
        out.append(Evidence("meta:og:type=article", 1))
    elif og_type in ("website", "profile"):
        out.append(Evidence(f"meta:og:type={og_type}", -0.5, "", "listing"))
    return out


def _layout_evidence(layout: Layout, *, has_headline: bool, has_date: bool,
                     min_chars: int) -> list[Evidence]:
    out = []
    running = layout.main_chars
    detail = f"{running} chars in {layout.main_paragraphs} paragraphs"
    if running >= max(1500, 4 * min_chars) and layout.main_paragraphs >= 3:
        out.append(Evidence("layout:long running text", 2.5, detail))
    elif running >= min_chars:
        out.append(Evidence("layout:running text", 1.5, detail))
    else:
        out.append(Evidence("layout:little running text", -1.5, detail, "listing"))
    if has_headline and has_date and running >= min_chars:
        out.append(Evidence("layout:headline + date + text", 1.5))
    elif not has_date:
        out.append(Evidence("no date", -1))
    if layout.main_link_density > 0.4:
        out.append(Evidence("layout:link-heavy main block", -2,
                            f"link density {layout.main_link_density:.2f}", "listing"))
    elif layout.main_link_density < 0.15 and running >= min_chars:
        out.append(Evidence("layout:few links in main block", 0.5,
                            f"link density {layout.main_link_density:.2f}"))
    if layout.main_headline_links >= max(4, layout.main_paragraphs / 2):
        out.append(Evidence("layout:headline links in main block", -2,
                            f"{layout.main_headline_links} links", "listing"))
    if layout.teasers >= 10:
        out.append(Evidence("layout:many teasers", -2, f"{layout.teasers} same-shaped", "listing"))
    elif layout.teasers >= 5:
        out.append(Evidence("layout:teasers", -1, f"{layout.teasers} same-shaped", "listing"))
    if layout.times >= 5:
        out.append(Evidence("layout:many <time>", -1, f"{layout.times}", "listing"))
    if layout.pager_links >= 2:
        out.append(Evidence("layout:pager", -1, f"{layout.pager_links} page links", "listing"))
    return out


def _title_evidence(title: str) -> list[Evidence]:
    if title and _STATIC_TITLE.match(" ".join(title.split())):
        return [Evidence("title:static page name", -4, title, "static")]
    return []


#: The most the layout can add to a page's score (long running text, headline +
#: date + text, few links in the main block).
_LAYOUT_MOST = 2.5 + 1.5 + 0.5


def settled_by_markup(url: str, meta: PageMeta, title: str) -> PageKind | None:
    """The decision for a page whose markup and URL already settle it, before any layout is read.

    A WordPress archive, category, tag or author page (decisive evidence)
    that even the best layout could not lift to the threshold is a listing
    whatever its text: the same decision, reason and "not doubtful" as
    ``classify`` (layout evidence against a page only ever points to a
    listing), for a fraction of the work. None when the layout could matter.
    """
    evidence = _markup_evidence(meta, url) + _url_evidence(url) + _title_evidence(title)
    score = round(sum(e.weight for e in evidence), 2)
    if score + _LAYOUT_MOST >= THRESHOLD or not any(e.weight <= DECISIVE for e in evidence):
        return None
    against: Counter = Counter()
    for e in evidence:
        if e.weight < 0 and e.points_to:
            against[e.points_to] += -e.weight
    if not against or against.most_common(1)[0][0] != "listing" or against["listing"] <= max(
            (n for kind, n in against.items() if kind != "listing"), default=0):
        return None
    evidence = tuple(sorted(evidence, key=lambda e: -abs(e.weight)))
    return PageKind(False, "listing_page", score, evidence, False)


def classify(url: str, meta: PageMeta, layout: Layout, *, title: str, has_headline: bool,
             has_date: bool, text_chars: int, min_chars: int) -> PageKind:
    """Weigh the evidence; ``text_chars`` is the extracted body's length."""
    evidence = (_markup_evidence(meta, url) + _url_evidence(url) + _title_evidence(title)
                + _layout_evidence(layout, has_headline=has_headline, has_date=has_date,
                                   min_chars=min_chars))
    score = round(sum(e.weight for e in evidence), 2)
    evidence = tuple(sorted(evidence, key=lambda e: -abs(e.weight)))
    if score >= THRESHOLD:
        if text_chars < min_chars:
            return PageKind(False, "too_short", score, evidence)
        return PageKind(True, "article", score, evidence)
    against: Counter = Counter()
    for e in evidence:
        if e.weight < 0 and e.points_to:
            against[e.points_to] += -e.weight
    kind = against.most_common(1)[0][0] if against else ""
    reason = {"listing": "listing_page", "static": "static_page", "error": "error_page"}.get(
        kind, "no_article_signal")
    signals = has_headline and has_date and layout.main_chars >= min_chars
    decisive = any(e.weight <= DECISIVE for e in evidence)
    doubtful = signals and not decisive and score > THRESHOLD - DOUBT_MARGIN
    return PageKind(False, reason, score, evidence, doubtful)
