"""The labelled non-article corpus (tests/data/pagekind/) is well-formed and readable.

What the classifier makes of these pages is measured by bench/pagekind.py,
not asserted here: the weights are tuned on this corpus.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import pytest

from newsarchive.extract.article import extract
from data.pagekind import KINDS, Page, all_pages

PAGES = all_pages()
#: Markup families whose bytes are windows-1256.
CP1256_MARKUPS = {"legacy"}


def test_corpus_size_and_spread():
    assert 60 <= len(PAGES) <= 90
    names = [p.name for p in PAGES]
    assert len(set(names)) == len(names)
    kinds = Counter(p.kind for p in PAGES)
    assert set(kinds) == KINDS  # every kind of non-article is represented
    assert min(Counter(p.markup for p in PAGES).values()) >= 3  # several pages of every markup family
    arabic = sum("ar-" in p.name or p.markup == "legacy" for p in PAGES)
    assert 0.3 * len(PAGES) <= arabic <= 0.8 * len(PAGES)


def test_no_page_is_labelled_an_article():
    assert not [p.name for p in PAGES if p.kind == "article"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_labels_are_sane(page: Page):
    assert page.kind in KINDS
    parts = urlsplit(page.url)
    assert parts.scheme in ("http", "https") and parts.netloc and parts.path.startswith("/")
    assert page.body.strip()
    assert page.content_type.startswith("text/html")
    assert page.markup and page.note
    assert page.status in (200, 404)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_extracts(page: Page):
    result = extract(page.url, page.body, {"Content-Type": page.content_type})
    assert result.kind is not None
    assert result.reason
    assert isinstance(result.kind.score, float | int)
    assert result.kind.explain().startswith("score ")
    if page.markup in CP1256_MARKUPS:
        assert result.encoding == "cp1256"
        with pytest.raises(UnicodeDecodeError):
            page.body.decode("utf-8")
        assert "charset=utf" not in page.content_type.lower()
    else:
        assert result.encoding == "utf_8"
    # The page's own Arabic text survives decoding (no mojibake, no replacement characters).
    if "ar-" in page.name or page.markup in CP1256_MARKUPS:
        assert "\ufffd" not in result.text
        assert sum("\u0621" <= c <= "\u064a" for c in result.text) > 200
