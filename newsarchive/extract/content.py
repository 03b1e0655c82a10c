"""Main text and related links of an article page.

A proven extractor (trafilatura) finds the main content, but on news themes it
keeps inline "read also" links and related-posts blocks as body text. Those
are taken out of the DOM first, and their links become ``related``; sidebar
widgets ("most read") are dropped without becoming related.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import trafilatura
from lxml import html as lxml_html

from newsarchive.text import boilerplate

_BLOCKS = ("p", "div", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "td")
_HEADINGS = ("h2", "h3", "h4", "h5", "h6", "span", "div", "p", "strong", "b")
_CONTAINERS = ("div", "section", "aside", "ul", "ol", "nav", "table", "td")
#: Whole class/id tokens that name a related-posts block or a sidebar widget.
_RELATED_TOKENS = re.compile(
    r"^(related|related-?posts?|related-?articles?|related-?news|yarpp-related|crp_related|"
    r"jp-relatedposts|post-related|read-also|also-read)$", re.I)
_SIDEBAR_TOKENS = re.compile(
    r"^(sidebar|side-bar|widget|widget-area|most-read|most-viewed|mostread|popular-posts|"
    r"trending|latest-news)$", re.I)
_MAX_READ_ALSO_CHARS = 400


def _tokens(el) -> list[str]:
    return f"{el.get('class') or ''} {el.get('id') or ''}".split()


def _removable(el, page_chars: int) -> bool:
    """Only link lists go: never a block that holds the article's text.

    Page builders name wrappers "widget" and headings like "Most popular" sit
    inside the content column, so a block is removed only when it is mostly
    links or short, and small against the page.
    """
    if el.find(".//h1") is not None or el.xpath(".//*[@itemprop='articleBody']"):
        return False
    text = len(_text(el))
    if text > max(1500, page_chars * 0.3):
        return False
    return text <= 300 or sum(len(_text(a)) for a in el.iter("a")) >= 0.4 * text


def _text(el) -> str:
    return " ".join((el.text_content() or "").split())


_ALEFS = str.maketrans("أإآٱ", "اااا")


#: What may surround a first word: spaces, tatweel, brackets and separators.
_WORD_EDGE = " \t\r\n\xa0ـ:-–|»«[]()"


def _first_word(text: str) -> str:
    """The folded first word of ``text`` (alefs, case and tatweel folded, edge marks stripped).

    Only the head of a long text node is folded: folding goes character by
    character, keeps every space a space and makes none, and only empties
    tatweel, so the first word of the folded text is the first raw word that
    does not fold to nothing.
    """
    rest = text
    while True:
        words = rest.split(None, 1)
        if not words:
            return ""
        word = words[0].translate(_ALEFS).casefold().replace("ـ", "")
        if word:
            return word.strip(":-–|»«[]()")
        rest = words[1] if len(words) > 1 else ""


#: Cheap pre-checks: the first word every phrase of a list can start with.
#: Folding every block's text is what costs; most blocks fail on the first word.
_READ_ALSO_FIRST = frozenset(_first_word(p) for p in boilerplate.READ_ALSO)
_HEADING_FIRST = frozenset(_first_word(p) for p in boilerplate.RELATED_HEADINGS + boilerplate.SIDEBAR_HEADINGS)


def head_text(el, limit: int) -> str:
    """The first ``limit``-odd characters of el's text, without building all of it."""
    parts, size = [], 0
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if size > limit:
            break
    return " ".join("".join(parts).split())


def _is_story_list(el) -> bool:
    """A list of other stories: every item opens with a headline link, a blurb at most after it.

    Themes append such lists ("- Title Blurb") after the story without any
    heading a related-block rule could match.
    """
    items = [li for li in el if li.tag == "li"]
    if len(items) < _STORY_LIST_ITEMS or len(items) != len(el):
        return False
    for li in items:
        first = next(iter(li), None)
        if first is None or (li.text or "").strip() or len(_text(li)) > _STORY_LIST_ITEM_CHARS:
            return False
        link = first if first.tag == "a" else first.find(".//a")
        if link is None or len(_text(link).split()) < 3 or not _text(first).startswith(_text(link)):
            return False
    return True


_STORY_LIST_ITEMS = 3
_STORY_LIST_ITEM_CHARS = 250


def links_in(el, base_url: str) -> list[dict]:
    found = []
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        title = _text(a)
        if not href or not title or href.startswith(("#", "javascript:", "mailto:")):
            continue
        found.append({"url": urljoin(base_url, href), "title": title})
    return found


def _drop(el) -> None:
    if el.getparent() is not None:
        el.drop_tree()


def _heading_container(heading):
    """The widget a heading titles: climb until the block holds links."""
    node = heading.getparent()
    while node is not None and node.tag not in ("body", "html", "article", "main"):
        if node.tag in _CONTAINERS and node.find(".//a") is not None:
            return node
        node = node.getparent()
    return None


_INLINE = frozenset({"a", "b", "strong", "i", "em", "u", "span", "font", "small", "big",
                     "sub", "sup", "abbr", "q", "cite", "mark", "s", "strike"})


def normalize_layout(tree) -> None:
    """Make legacy markup look like paragraphs and blocks.

    Old CMSes lay pages out with tables and separate paragraphs with
    ``<br><br>``; extractors then see one table cell instead of an article.
    Layout tables (cells holding long text or other tables) become divs and
    ``<br><br>``-separated runs become ``<p>`` elements.
    """
    for table in list(tree.iter("table")):
        if _is_layout_table(table):
            for el in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
                el.tag = "div"
    for el in sorted(_br_pair_parents(tree), key=_document_position):
        if el.tag in _BR_BLOCKS and _has_double_br(el):
            _split_on_double_br(el)
    join_split_bodies(tree)


_BR_BLOCKS = frozenset({"div", "td", "font", "span", "section", "article", "body"})


def _br_pair_parents(tree) -> set:
    """Elements with a ``<br>`` right before another: the only blocks a split can change.

    Found from the page's brs (most pages have few or none) rather than by
    listing every block's children; a split rebuilds only its own block's
    children, so no block gains a pair on the way.
    """
    return {br.getparent() for br in tree.iter("br")
            if (after := br.getnext()) is not None and after.tag == "br"}


_BODY_CLASS = re.compile(r"(^|[\s_-])(article|story|post|entry)?[_-]*body([\s_-]|$)", re.I)


def join_split_bodies(tree) -> None:
    """Rejoin an article body that the theme cut into several containers.

    Ad rows often split ``div.article__body`` into siblings of the same class;
    extractors then keep only the first part. Same-class containers with
    paragraphs, none inside another, are merged into the first.
    """
    groups: dict[str, list] = {}
    for el in tree.iter("div", "section"):
        cls = el.get("class")
        if not cls or not _BODY_CLASS.search(cls):
            continue
        if sum(1 for child in el if child.tag == "p") >= 2:
            groups.setdefault(cls, []).append(el)
    for members in groups.values():
        if len(members) < 2:
            continue
        first = members[0]
        if any(first in m.iterancestors() or m in first.iterancestors() for m in members[1:]):
            continue
        for other in members[1:]:
            for child in list(other):
                first.append(child)
            _drop(other)


def _is_layout_table(table) -> bool:
    """Tables for page layout (long cells, nesting, one-row bars, link menus), not data."""
    if table.find(".//table") is not None:
        return True
    cells = list(table.iter("td", "th"))
    if any(len(_text(c)) > 300 for c in cells):
        return True
    if table.find(".//th") is not None:
        return False
    rows = list(table.iter("tr"))
    text = len(_text(table))
    linked = sum(len(_text(a)) for a in table.iter("a"))
    return len(rows) <= 1 or (text > 0 and linked >= 0.5 * text)


def _has_double_br(el) -> bool:
    children = list(el)
    for first, second in zip(children, children[1:]):
        if first.tag == "br" and second.tag == "br" and not (first.tail or "").strip():
            return True
    return False


def _split_on_double_br(el) -> None:
    """Rebuild el's direct content as <p> runs split at ``<br><br>``."""
    runs: list[list] = [[]]  # items: str (text) or element
    if el.text:
        runs[-1].append(el.text)
    children = list(el)
    i = 0
    while i < len(children):
        child = children[i]
        nxt = children[i + 1] if i + 1 < len(children) else None
        if child.tag == "br" and nxt is not None and nxt.tag == "br" and not (child.tail or "").strip():
            runs.append([])
            tail = nxt.tail
            i += 2
            while i < len(children) and children[i].tag == "br" and not (tail or "").strip():
                tail = children[i].tail
                i += 1
            if tail:
                runs[-1].append(tail)
            continue
        if child.tag not in _INLINE and child.tag != "br":
            runs.append([child])  # a block stays a block of its own
            runs.append([])
        else:
            runs[-1].append(child)
        i += 1
    for child in children:
        el.remove(child) if child.getparent() is el else None
    el.text = None
    for run in runs:
        if not any((isinstance(x, str) and x.strip()) or not isinstance(x, str) for x in run):
            continue
        if len(run) == 1 and not isinstance(run[0], str) and run[0].tag not in _INLINE:
            el.append(run[0])
            continue
        para = lxml_html.Element("p")
        for item in run:
            if isinstance(item, str):
                if len(para):
                    para[-1].tail = (para[-1].tail or "") + item
                else:
                    para.text = (para.text or "") + item
            else:
                para.append(item)
        el.append(para)


def _starting_with(tree, first_words: frozenset, tags: tuple) -> list:
    """Elements of ``tags`` that may open with one of ``first_words``, in document order.

    Folding every element's head text is what costs on a big page; an
    element can only open with a word that some text node of it opens
    with, so the scan starts from those (few) text nodes and climbs.
    """
    wanted = set(tags)
    initials = {w[0] for w in first_words if w}
    found: dict = {}
    for text in tree.xpath("//text()[normalize-space()]"):
        start = text.lstrip(_WORD_EDGE)[:1].translate(_ALEFS).casefold()
        if start not in initials or _first_word(text) not in first_words:
            continue
        node = text.getparent()
        for _ in range(_HEAD_CLIMB):
            if node is None:
                break
            if node.tag in wanted:
                found[node] = None
            node = node.getparent()
    return sorted(found, key=_document_position)


def _document_position(el) -> list[int]:
    """Child indexes from the root down to el: sorts elements in document order.

    Numbering the few elements found, rather than every element of the
    page, spares a Python proxy for each of the page's thousands of elements.
    """
    steps = []
    parent = el.getparent()
    while parent is not None:
        steps.append(parent.index(el))
        el, parent = parent, parent.getparent()
    return steps[::-1]


#: How far above its first text node a heading or read-also block may start.
_HEAD_CLIMB = 6


def take_out_related(tree, base_url: str) -> list[dict]:
    """Remove related-posts blocks, read-also lines and sidebars; return related links."""
    related: list[dict] = []
    body = tree.find(".//body")
    page_chars = len(_text(body if body is not None else tree))
    for el in _starting_with(tree, _HEADING_FIRST, _HEADINGS):
        if el.getparent() is None:
            continue
        text = head_text(el, 60)
        if not text or len(text) > 60 or _first_word(text) not in _HEADING_FIRST:
            continue
        sidebar = boilerplate.is_sidebar_heading(text)
        if not sidebar and not boilerplate.is_related_heading(text):
            continue
        box = _heading_container(el)
        if box is None or not _removable(box, page_chars):
            continue
        if not sidebar:
            related.extend(links_in(box, base_url))
        _drop(box)
    for el in list(tree.iter(*_CONTAINERS)):
        if el.getparent() is None:
            continue
        tokens = _tokens(el)
        is_related = any(_RELATED_TOKENS.match(t) for t in tokens)
        is_sidebar = el.tag == "aside" or any(_SIDEBAR_TOKENS.match(t) for t in tokens)
        if (is_related or is_sidebar) and _removable(el, page_chars):
            if is_related:
                related.extend(links_in(el, base_url))
            _drop(el)
        elif el.tag in ("ul", "ol") and _is_story_list(el):
            related.extend(links_in(el, base_url))
            _drop(el)
    for el in _starting_with(tree, _READ_ALSO_FIRST, _BLOCKS):
        if el.getparent() is None:
            continue
        head = head_text(el, 40)
        if _first_word(head) not in _READ_ALSO_FIRST or not boilerplate.is_read_also(head):
            continue
        text = _text(el)
        if len(text) > _MAX_READ_ALSO_CHARS or not boilerplate.is_read_also(text):
            continue
        if any(_text(child) == text for child in el if child.tag in _BLOCKS):
            continue  # the inner block is the line itself; handle it there
        links = links_in(el, base_url)
        if links:
            related.extend(links)
        _drop(el)
    return unique_links(related)


def unique_links(links: list[dict]) -> list[dict]:
    seen, out = set(), []
    for link in links:
        if link["url"] not in seen:
            seen.add(link["url"])
            out.append(link)
    return out


def main_text(tree, url: str, *, fast: bool = True) -> str:
    """Body text, one paragraph per line, from trafilatura.

    ``fast`` skips trafilatura's readability/justext fallback: measured on the
    article-extraction benchmark it is both better (F1 0.969 vs 0.964) and
    faster, because the fallback mostly swaps a right short body for a long
    page dump (bench/extraction.py). The caller falls back to standard mode
    when the fast result misses the page's main block.
    """
    text = trafilatura.extract(
        tree,
        url=url,
        fast=fast,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        favor_precision=False,
        with_metadata=False,
    )
    return text or ""


def selector_text(tree, selector: str) -> str:
    """Body text from a site profile selector, one paragraph per line.

    An XPath selector may return text nodes (``…/text()``): each is a line.
    """
    nodes = select(tree, selector)
    lines: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            lines.append(" ".join(node.split()))
            continue
        blocks = [b for b in node.iter("p", "h2", "h3", "h4", "li", "blockquote")]
        if blocks:
            lines.extend(_text(b) for b in blocks)
        else:
            lines.extend(_br_paragraphs(node))
    return "\n".join(line for line in lines if line)


def _br_paragraphs(node) -> list[str]:
    """Split a legacy ``text<br><br>text`` block into paragraphs."""
    marker = "\u2029"
    clone = lxml_html.fromstring(lxml_html.tostring(node, encoding="unicode"))
    for br in clone.iter("br"):
        br.tail = marker + (br.tail or "")
    return [" ".join(p.split()) for p in clone.text_content().split(marker) if p.strip()]


def select(tree, selector: str) -> list:
    """What a profile selector matches: elements, and for XPath also strings.

    ``xpath:`` selects XPath, anything else is CSS. XPath may return text or
    attribute values (``…/text()``, ``…/@datetime``); those come back as
    ``str``, so callers that need elements check. Numbers and booleans
    (``count(…)``) are no field's value and are dropped.
    """
    if selector.startswith("xpath:"):
        found = tree.xpath(selector[6:])
        if isinstance(found, str):
            return [str(found)]
        if not isinstance(found, list):
            return []
        return [str(n) if isinstance(n, str) else n for n in found
                if isinstance(n, str) or hasattr(n, "tag")]
    return tree.cssselect(selector)
