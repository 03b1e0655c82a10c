"""Page kind from weighed evidence, on pages written in the shapes that used to lose articles."""

from __future__ import annotations

import json

import pytest

from newsarchive.extract.article import extract

PARAGRAPHS = [
    "قالت وزارة الصحة إن حملة التلقيح الشتوية ستبدأ الأسبوع المقبل في جميع المحافظات وتستمر شهراً كاملاً.",
    "وأوضح مدير الرعاية الأولية أن الفرق الجوالة ستزور المدارس والقرى البعيدة لضمان وصول اللقاح إلى الجميع.",
    "ودعت الوزارة الأهالي إلى مراجعة المراكز الصحية القريبة مصطحبين بطاقات التلقيح الخاصة بأطفالهم.",
]
TITLE = "حملة تلقيح شتوية في جميع المحافظات الأسبوع المقبل"


def _teasers(n: int, prefix: str = "/news/") -> str:
    return "".join(
        f'<div class="card"><h3><a href="{prefix}{900 + i}">عنوان خبر آخر رقم {i} عن موضوع مختلف تماماً</a></h3>'
        f'<p>مقتطف قصير من الخبر رقم {i} يشرح ما جرى في سطر واحد أو سطرين على الأكثر للقارئ.</p></div>'
        for i in range(n))


def _article(ld: list[dict], *, url_extra: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f'<html lang="ar"><head><title>{TITLE} - الموقع</title>'
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head>'
            f'<body><article><h1>{TITLE}</h1><time datetime="2024-01-10T09:00:00+03:00">10 كانون الثاني 2024</time>'
            f'<div class="entry">{body}</div></article>'
            f'<section class="more-stories"><h2>المزيد من الأخبار</h2>{_teasers(8)}</section></body></html>').encode()


NEWS_ARTICLE = {"@type": "NewsArticle", "headline": TITLE, "datePublished": "2024-01-10T09:00:00+03:00"}
ITEM_LIST = {"@type": "ItemList", "itemListElement": [
    {"@type": "ListItem", "position": i, "url": f"https://news.example/news/{900 + i}"} for i in range(1, 9)]}
BREADCRUMBS = {"@type": "BreadcrumbList", "itemListElement": [
    {"@type": "ListItem", "position": 1, "name": "الرئيسية", "item": "https://news.example/"},
    {"@type": "ListItem", "position": 2, "name": "صحة", "item": "https://news.example/health/"}]}


@pytest.mark.parametrize("ld", [
    pytest.param([ITEM_LIST, NEWS_ARTICLE], id="ItemList-first"),
    pytest.param([NEWS_ARTICLE, ITEM_LIST], id="NewsArticle-first"),
    pytest.param([BREADCRUMBS, NEWS_ARTICLE], id="BreadcrumbList"),
    pytest.param([{"@context": "https://schema.org", "@graph": [BREADCRUMBS, ITEM_LIST, NEWS_ARTICLE]}], id="graph"),
])
def test_article_type_wins_over_carousel_and_breadcrumbs(ld):
    result = extract("https://news.example/health/2024/01/10/vaccination-campaign", _article(ld), {})
    assert result.is_article, result.kind.explain()
    names = {e.name for e in result.kind.evidence}
    assert "jsonld:article" in names and result.kind.score >= 2


def test_every_decision_keeps_its_evidence():
    result = extract("https://news.example/health/2024/01/10/vaccination-campaign",
                     _article([ITEM_LIST, NEWS_ARTICLE]), {})
    explained = result.kind.explain()
    assert explained.startswith(f"score {result.kind.score:+.1f}")
    assert "jsonld:article" in explained and "layout:" in explained


def test_a_listing_that_declares_its_teasers_as_articles_is_not_an_article():
    ld = [{"@type": "CollectionPage", "name": "صحة"}] + [
        {"@type": "NewsArticle", "headline": f"خبر {i}", "url": f"https://news.example/news/{i}"} for i in range(6)]
    page = (f'<html><head><meta property="og:type" content="website">'
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head>'
            f'<body><h1>صحة</h1>{_teasers(12)}<a href="/health/page/2/">2</a><a href="/health/page/3/">3</a>'
            f'</body></html>').encode()
    result = extract("https://news.example/health/", page, {})
    assert not result.is_article and result.reason == "listing_page", result.kind.explain()
    assert not result.doubtful


def test_xhtml_with_an_xml_declaration_is_parsed():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (f'<?xml version="1.0" encoding="windows-1256"?>\n'
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ar" lang="ar"><head><title>{TITLE}</title>'
            f'</head><body><h1>{TITLE}</h1><p class="date">10/01/2024</p>{body}</body></html>').encode("cp1256")
    result = extract("https://old.example/news/4411", page, {"Content-Type": "application/xhtml+xml"})
    assert result.encoding == "cp1256"
    assert result.is_article, result.kind.explain()
    assert result.fields["title"] == TITLE
    assert result.fields["body"].split("\n")[-3:] == PARAGRAPHS
    assert result.fields["published_at"] == "2024-01-10T00:00:00+00:00"


@pytest.mark.parametrize("page", [
    pytest.param(b"<p>" + "نص بلا وسوم html ولا body. ".encode() * 20 + b"</p>", id="no-html-element"),
    pytest.param(b"<html><body><p>\xd9\x86\xd8\xb5 <b>\xd8\xba\xd9\x8a\xd8\xb1 <i>\xd9\x85\xd8\xba\xd9\x84\xd9\x82"
                 + "من الفقرات الطويلة ".encode() * 30, id="unclosed-tags"),
])
def test_pages_a_browser_renders_reach_extraction(page):
    result = extract("https://old.example/news/1", page, {"Content-Type": "text/html; charset=utf-8"})
    assert "من" in result.fields["body"] or "نص" in result.fields["body"]


def test_a_fast_mode_result_that_misses_the_main_block_is_replaced_by_standard_mode():
    # The first content-like container (div.article-content-top) holds only the lead:
    # trafilatura's fast mode stops there.
    lead = ("The council voted on Tuesday to approve a network of new bus lanes, ending a two-year debate "
            "that divided residents, shop owners and the transport authority over the city centre. ")
    story = [f"Paragraph {i} of the story explains in detail what the city council decided about the bus "
             f"lanes, the budget and the schedule for next year." for i in range(9)]
    page = (f'<html><body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>'
            f'<main><h1>Council approves new bus lanes across the city centre</h1>'
            f'<div class="article-content-top"><p class="lead">{lead}</p><p class="lead">{lead}</p></div>'
            f'<div class="story-wrapper">{"".join(f"<p>{p}</p>" for p in story)}</div></main>'
            f'<footer>(c) 2020</footer></body></html>').encode()
    result = extract("https://city.example/2020/01/02/council-bus-lanes", page, {})
    assert result.is_article
    lines = result.fields["body"].split("\n")
    assert lines[-len(story):] == story
    assert result.sources["body"].startswith("trafilatura standard")


def test_a_complete_fast_result_stays_fast():
    result = extract("https://news.example/health/2024/01/10/vaccination-campaign", _article([NEWS_ARTICLE]), {})
    assert result.fields["body"].split("\n") == PARAGRAPHS
    assert result.sources["body"] == "trafilatura"


@pytest.mark.parametrize("url, name", [
    ("https://a.example/category/news/why-the-council-voted-for-bus-lanes/", "url:long slug"),
    ("https://a.example/archives/4521", "url:article shape"),  # WordPress /archives/%post_id%
    ("https://www.msn.com/en-us/news/us/doctors-offer-flu-shots/ar-BBWZedJ", "url:article shape"),
    ("https://a.example/category/news/", "url:listing path"),
    ("https://a.example/archives/2019/", "url:listing path"),
    ("https://a.example/tag/4521", "url:listing path"),
    ("https://a.example/users/reem-alhassan", "url:listing path"),
    ("https://a.example/?s=gaza", "url:search"),
    ("https://a.example/about-us/", "url:static slug"),
    ("https://a.blogspot.com/p/editorial-standards.html", "url:static page path"),
    ("http://old.example/page.php?id=7", "url:static page path"),
])
def test_url_shape_evidence(url, name):
    from newsarchive.extract.pagekind import _url_evidence

    assert [e.name for e in _url_evidence(url)][:1] == [name]
