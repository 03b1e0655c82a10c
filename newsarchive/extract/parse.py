"""Decoded page text to an lxml tree, for every page a browser would render.

lxml refuses some pages browsers show without complaint: XHTML that starts
with ``<?xml version="1.0" encoding="…"?>`` ("Unicode strings with encoding
declaration are not supported"), documents whose markup lxml's first pass
gives up on, text with no ``<html>``/``<body>`` at all. Each gets a lenient
second try before the page is given up, so a page is only lost when there is
nothing in it to read.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

#: Comments and processing instructions split text nodes (React pages put
#: ``<!-- -->`` inside sentences), which truncates paragraphs downstream.
_OPTIONS = dict(remove_comments=True, remove_pis=True, collect_ids=False)
_PARSER = lxml_html.HTMLParser(**_OPTIONS)
#: The fallback reads UTF-8 bytes, recovering from what it can.
_LENIENT = lxml_html.HTMLParser(encoding="utf-8", recover=True, **_OPTIONS)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


class UnparseableError(ValueError):
    """Nothing in the page can be read as a document."""


def parse_html(text: str):
    """The page's tree, with a ``<body>``.

    Raises UnparseableError for pages with nothing to show (empty after
    comments, framesets whose content is in other documents).
    """
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        tree = lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        tree = _lenient(text)
    if tree.find(".//body") is None:
        if tree.find(".//frameset") is not None:
            raise UnparseableError("a frameset page: its content is in other documents")
        tree = _lenient(f"<html><body>{text}</body></html>")
        if tree.find(".//body") is None:
            raise UnparseableError("no <body> in the document")
    return tree


def _lenient(text: str):
    try:
        tree = lxml_html.document_fromstring(text.encode("utf-8", "replace"), parser=_LENIENT)
    except (etree.ParserError, ValueError) as exc:
        raise UnparseableError(f"unparseable HTML: {exc}") from None
    if tree is None:
        raise UnparseableError("unparseable HTML: the document is empty")
    return tree
