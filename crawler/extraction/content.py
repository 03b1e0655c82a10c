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

from crawler import boilerplate

_BLOCKS = ("p", "div", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "td")
_HEADINGS = ("h2", "h3", "h4", "h5", "h6", "span", "div", "p", "strong", "b")
_CONTAINERS = ("div", "section", "aside", "ul", "ol", "nav", "table", "td")
_RELATED_CLASS = re.compile(r"(^|[\s_-])(related|yarpp|crp_related|jp-relatedposts)", re.I)
_SIDEBAR_CLASS = re.compile(r"(^|[\s_-])(sidebar|widget|most-read|most-viewed|popular)", re.I)
_MAX_READ_ALSO_CHARS = 400


def _classes(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _text(el) -> str:
    return " ".join((el.text_content() or "").split())


def _links(el, base_url: str) -> list[dict]:
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


def take_out_related(tree, base_url: str) -> list[dict]:
    """Remove related-posts blocks, read-also lines and sidebars; return related links."""
    related: list[dict] = []
    for el in list(tree.iter(*_HEADINGS)):
        if el.getparent() is None or len(_text(el)) > 60:
            continue
        text = _text(el)
        if boilerplate.is_sidebar_heading(text):
            box = _heading_container(el)
            _drop(box if box is not None else el)
        elif boilerplate.is_related_heading(text):
            box = _heading_container(el)
            if box is not None:
                related.extend(_links(box, base_url))
                _drop(box)
            else:
                _drop(el)
    for el in list(tree.iter(*_CONTAINERS)):
        if el.getparent() is None:
            continue
        cls = _classes(el)
        if _SIDEBAR_CLASS.search(cls) or el.tag == "aside":
            _drop(el)
        elif _RELATED_CLASS.search(cls):
            related.extend(_links(el, base_url))
            _drop(el)
    for el in list(tree.iter(*_BLOCKS)):
        if el.getparent() is None:
            continue
        text = _text(el)
        if len(text) > _MAX_READ_ALSO_CHARS or not boilerplate.is_read_also(text):
            continue
        if any(_text(child) == text for child in el if child.tag in _BLOCKS):
            continue  # the inner block is the line itself; handle it there
        links = _links(el, base_url)
        if links:
            related.extend(links)
        _drop(el)
    return _unique(related)


def _unique(links: list[dict]) -> list[dict]:
    seen, out = set(), []
    for link in links:
        if link["url"] not in seen:
            seen.add(link["url"])
            out.append(link)
    return out


def main_text(tree, url: str) -> str:
    """Body text, one paragraph per line, from trafilatura."""
    text = trafilatura.extract(
        tree,
        url=url,
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
    """Body text from a site profile selector, one paragraph per line."""
    nodes = select(tree, selector)
    lines: list[str] = []
    for node in nodes:
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
    """Elements matching a profile selector; ``xpath:`` prefix selects XPath."""
    if selector.startswith("xpath:"):
        return [n for n in tree.xpath(selector[6:]) if hasattr(n, "tag")]
    return tree.cssselect(selector)
