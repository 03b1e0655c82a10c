"""Pages decided before their body is read get exactly the decision the full extraction gives.

``extract(full=False)``, as the crawl calls it, skips body, dates and bylines
of pages that cannot be articles (``settled_by_markup``; the "even with a
date" classification). Checked here
on the labelled non-article corpus and the sample sites' listing pages
against ``classify`` over the full layout, for every date and body length.
"""

from __future__ import annotations

from datetime import datetime, timezone

from data.pagekind import all_pages
from newsarchive.extract import content, pagedates
from newsarchive.extract.article import _Page, extract
from newsarchive.extract.decode import decode_html
from newsarchive.extract.metadata import read_meta
from newsarchive.extract.pagekind import classify, settled_by_markup
from newsarchive.extract.parse import parse_html
from newsarchive.record.urls import host_of

PAGES = all_pages()


def full_kinds(url: str, body: bytes, content_type: str):
    """``classify`` on the whole layout, with and without a date, short and long bodies."""
    tree = parse_html(decode_html(body, content_type).text)
    meta = read_meta(tree)
    content.normalize_layout(tree)
    page = _Page(url=url, tree=tree, meta=meta, profile=None, now=datetime.now(timezone.utc),
                 zone=pagedates.site_zone(url, meta, None))
    canonical = page.canonical({host_of(url)})
    title = page.title()
    layout = page.layout(title)
    kinds = [classify(canonical, meta, layout, title=title, has_headline=page.has_headline(title),
                      has_date=has_date, text_chars=chars, min_chars=200)
             for has_date in (True, False) for chars in (0, 10_000)]
    return settled_by_markup(canonical, meta, title), kinds


def test_a_page_settled_by_its_markup_is_what_the_full_layout_says():
    settled_pages = 0
    for page in PAGES:
        settled, kinds = full_kinds(page.url, page.body, page.content_type)
        if settled is None:
            continue  # the layout matters for this page
        settled_pages += 1
        for kind in kinds:
            assert (kind.is_article, kind.reason, kind.doubtful) == (False, settled.reason, False), page.name
        result = extract(page.url, page.body, {"Content-Type": page.content_type}, full=False)
        assert (result.is_article, result.reason, result.doubtful) == (False, settled.reason, False)
        assert result.fields["published_at"] is None and result.fields["authors"] == []
    assert settled_pages >= 10  # WordPress category, tag and author pages of the corpus


def test_pages_rejected_even_with_a_date_keep_their_full_decision():
    """The second shortcut: classified as if dated, still no article and not doubtful."""
    for page in PAGES:
        _, kinds = full_kinds(page.url, page.body, page.content_type)
        hopeful = kinds[1]  # dated, long body: the most an article could be
        if hopeful.is_article or hopeful.doubtful:
            continue
        result = extract(page.url, page.body, {"Content-Type": page.content_type}, full=False)
        undated = kinds[3]
        assert (result.is_article, result.reason, result.doubtful) == (False, undated.reason, undated.doubtful)


def test_a_full_extraction_reads_every_field_of_a_listing():
    """``scrapy extract`` and the benchmarks read dates even of pages that are no article."""
    dated_only_in_full = 0
    for page in PAGES:
        quick = extract(page.url, page.body, {"Content-Type": page.content_type}, full=False)
        whole = extract(page.url, page.body, {"Content-Type": page.content_type})
        assert (quick.is_article, quick.reason, quick.doubtful) == (whole.is_article, whole.reason, whole.doubtful)
        dated_only_in_full += quick.fields["published_at"] is None and whole.fields["published_at"] is not None
    assert dated_only_in_full >= 1
