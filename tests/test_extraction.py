"""extract(url, body, headers) on pages written to look like real themes."""

from __future__ import annotations

import json

import pytest

from newsarchive.extract.article import ExtractionError, extract

LEGACY = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>صحيفة الأيام - الحكومة تقر الموازنة</title></head>
<body><table><tr><td class="nav"><a href="/">الرئيسية</a> | <a href="/section.php?id=2">محليات</a></td></tr>
<tr><td><font size=5 class="title">الحكومة تقر الموازنة العامة للعام المقبل</font><br>
<span class="date">الخميس 19 كانون الأول 2019</span><br>بقلم: سامر الحلبي<br>
<td class="text">أقرت الحكومة في جلستها الأسبوعية مشروع الموازنة العامة للدولة للعام المقبل بعد نقاشات مطولة استمرت عدة أسابيع بين الوزارات المعنية.<br><br>وقال وزير المالية إن الموازنة الجديدة تركز على دعم القطاعات الإنتاجية وتحسين الخدمات الأساسية للمواطنين في مختلف المحافظات.<br><br>وأضاف أن العجز المتوقع سيكون أقل من العام الماضي بفضل إجراءات ضبط الإنفاق وزيادة الإيرادات الضريبية.<br><br>اقرأ أيضاً: <a href="/article.php?id=99">مجلس الشعب يناقش قانون الضرائب</a></td></tr>
<tr><td class="side"><b>آخر الأخبار</b><br><a href="/article.php?id=1">خبر عن الطقس</a><br><a href="/article.php?id=2">خبر عن الرياضة</a></td></tr>
</table></body></html>"""


@pytest.mark.parametrize("content_type", [
    "text/html; charset=ISO-8859-1",  # the header lies
    "text/html",
    None,
])
def test_legacy_windows_1256_page(content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    result = extract("http://old.example/article.php?id=101", LEGACY.encode("cp1256"), headers)
    assert result.is_article and result.encoding == "cp1256"
    fields = result.fields
    assert fields["title"] == "الحكومة تقر الموازنة العامة للعام المقبل"
    assert fields["body"].split("\n") == [
        "أقرت الحكومة في جلستها الأسبوعية مشروع الموازنة العامة للدولة للعام المقبل بعد نقاشات مطولة استمرت عدة أسابيع بين الوزارات المعنية.",
        "وقال وزير المالية إن الموازنة الجديدة تركز على دعم القطاعات الإنتاجية وتحسين الخدمات الأساسية للمواطنين في مختلف المحافظات.",
        "وأضاف أن العجز المتوقع سيكون أقل من العام الماضي بفضل إجراءات ضبط الإنفاق وزيادة الإيرادات الضريبية.",
    ]
    assert fields["related"] == [{"url": "http://old.example/article.php?id=99",
                                  "title": "مجلس الشعب يناقش قانون الضرائب"}]
    assert fields["published_at"] == "2019-12-19T00:00:00+00:00"
    assert fields["authors"] == ["سامر الحلبي"]
    assert fields["section"] == "محليات"
    assert fields["language"] == "ar"


def _wordpress(body_class: str, ld_type: str, *, published: bool) -> bytes:
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "الموقع"},
        {"@type": ld_type, "headline": "من نحن", "dateModified": "2019-12-01T10:00:00+03:00"}]}
    meta = '<meta property="og:type" content="article">'
    if published:
        meta += '<meta property="article:published_time" content="2019-12-01T10:00:00+03:00">'
    text = "<p>" + "نحن فريق من الصحفيين المستقلين نعمل على تغطية الأخبار المحلية بدقة وحياد. " * 10 + "</p>"
    return (f'<html lang="ar"><head>{meta}<script type="application/ld+json">{json.dumps(ld)}</script>'
            f'<title>من نحن - الموقع</title></head><body class="{body_class}"><h1>من نحن</h1>'
            f'<div class="entry-content">{text}</div></body></html>').encode()


def test_static_page_marked_og_article_is_not_an_article():
    result = extract("https://site.example/about-us/", _wordpress("page-template-default page page-id-2", "WebPage", published=False))
    assert not result.is_article and result.reason == "static_page"


def test_post_is_an_article():
    result = extract("https://site.example/2019/12/01/team/", _wordpress("single single-post postid-9", "NewsArticle", published=True))
    assert result.is_article and result.fields["title"] == "من نحن"
    assert result.fields["published_at"] == "2019-12-01T10:00:00+03:00"


def test_listing_is_not_an_article():
    teasers = "".join(f'<article><h2><a href="/2019/12/{i:02d}/x{i}/">عنوان خبر رقم {i}</a></h2><p>مقتطف قصير</p></article>' for i in range(1, 11))
    page = f'<html><body class="archive category"><h1>أخبار سوريا</h1>{teasers}</body></html>'.encode()
    result = extract("https://site.example/category/syria/", page)
    assert not result.is_article and result.reason == "listing_page"


@pytest.mark.parametrize("body, reason", [(b"", "empty_page"), (b"   \n", "empty_page")])
def test_unreadable_pages_raise_with_reason(body, reason):
    with pytest.raises(ExtractionError) as err:
        extract("https://site.example/x", body, {})
    assert err.value.reason == reason


def test_profile_selectors_override_the_generic_path():
    from newsarchive.extract.profiles import profile_from_dict

    profile = profile_from_dict({
        "name": "custom", "start_urls": ["https://custom.example/"], "timezone": "Asia/Damascus",
        "selectors": {"title": "div.headline", "body": "div.story", "date": "xpath://div[@id='when']/text()",
                      "section": "span.cat", "authors": "span.by", "related": "div.more"},
    }, default_name="custom", origin="test")
    page = """<html><body><div class="headline">عنوان من المحدد</div><span class="cat">رياضة</span>
    <span class="by">ليلى</span><div id="when">2019-12-19 14:30</div>
    <div class="story">السطر الأول من الخبر.<br><br>السطر الثاني من الخبر.</div>
    <div class="more"><a href="/x/1">خبر آخر</a></div><div class="noise">""" + "ضجيج " * 300 + "</div></body></html>"
    result = extract("https://custom.example/news/1", page.encode(), {}, profile=profile, min_chars=10)
    fields = result.fields
    assert result.is_article
    assert fields["title"] == "عنوان من المحدد"
    assert fields["body"] == "السطر الأول من الخبر.\nالسطر الثاني من الخبر."
    assert fields["section"] == "رياضة" and fields["authors"] == ["ليلى"]
    assert fields["published_at"] == "2019-12-19T14:30:00+02:00"
    assert fields["related"] == [{"url": "https://custom.example/x/1", "title": "خبر آخر"}]
    # Every field came from its selector, the XPath text() date included.
    assert {name: result.sources[name] for name in ("title", "body", "published_at", "section", "authors")} \
        == dict.fromkeys(("title", "body", "published_at", "section", "authors"), "selector")
    assert result.sources["related"].startswith("selector")


@pytest.mark.parametrize("selector, body", [
    ("xpath://div[@class='story']/p/text()", "السطر الأول.\nالسطر الثاني."),
    ("xpath://div[@class='story']/@data-summary", "ملخص الخبر"),
    ("xpath:count(//p)", ""),
])
def test_xpath_selectors_may_return_strings(selector, body):
    from newsarchive.extract.profiles import profile_from_dict

    profile = profile_from_dict({
        "name": "custom", "start_urls": ["https://custom.example/"],
        "selectors": {"body": selector, "date": "xpath://time/@datetime"},
    }, default_name="custom", origin="test")
    page = """<html><body><h1>عنوان</h1><time datetime="2019-12-19T09:00:00+03:00">أمس</time>
    <div class="story" data-summary="ملخص الخبر"><p>السطر الأول.</p><p>السطر الثاني.</p></div></body></html>"""
    result = extract("https://custom.example/news/2", page.encode(), {}, profile=profile, min_chars=0)
    assert result.fields["published_at"] == "2019-12-19T09:00:00+03:00"
    assert result.sources["published_at"] == "selector"
    if body:
        assert result.fields["body"] == body and result.sources["body"] == "selector"
    else:
        assert result.sources["body"] != "selector"


def test_microdata_fields_are_read():
    page = """<html><body><div itemscope itemtype="https://schema.org/NewsArticle">
    <h2 itemprop="headline">عنوان من البيانات الدقيقة</h2><h1>عنوان آخر</h1><h1>ثالث</h1>
    <time itemprop="datePublished" datetime="2020-02-02T09:15:00+03:00">قبل أيام</time>
    <span itemprop="author" itemscope><span itemprop="name">منى سالم</span></span>
    <span itemprop="articleSection">ثقافة</span>
    <div itemprop="articleBody"><p>""" + "فقرة طويلة من نص المقال تتحدث عن معرض الكتاب السنوي وزواره. " * 8 + """</p></div>
    </div></body></html>"""
    result = extract("https://md.example/culture/book-fair", page.encode(), {})
    fields, sources = result.fields, result.sources
    assert fields["title"] == "عنوان من البيانات الدقيقة" and sources["title"] == "microdata:headline"
    assert fields["published_at"] == "2020-02-02T09:15:00+03:00"
    assert fields["authors"] == ["منى سالم"] and fields["section"] == "ثقافة"


def _story(head: str = "", tail: str = "", description: str = "") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    meta = f'<meta property="og:description" content="{description}">' if description else ""
    return (f'<html lang="en"><head><title>Harbour reopens</title>{meta}</head><body class="single">'
            f'<article><h1>Harbour reopens after the storm</h1>{head}<div class="entry-content">{paragraphs}</div>'
            f'{tail}</article></body></html>').encode()


STORY = [f"Paragraph {i}: the harbour authority said ferries would run again from Monday, after divers "
         f"checked the piers and the cranes for damage left by last week's storm." for i in range(5)]


def test_a_summary_shown_above_the_story_is_not_body_but_a_first_paragraph_is():
    dek = "Ferries run again from Monday after a week of repairs."
    deked = extract("https://port.example/2020/02/03/harbour", _story(head=f'<p class="dek">{dek}</p>',
                                                                       description=dek), {})
    assert deked.fields["body"].split("\n") == STORY
    plain = extract("https://port.example/2020/02/03/harbour", _story(description=STORY[0]), {})
    assert plain.fields["body"].split("\n") == STORY


def test_the_pages_own_address_printed_as_a_line_is_not_body():
    url = "https://port.example/2020/02/03/harbour"
    result = extract(url, _story(head=f"<p>{url}</p>"), {})
    assert result.fields["body"].split("\n") == STORY


def test_a_trailing_list_of_other_stories_becomes_related():
    items = "".join(f'<li><a href="/2020/02/0{i}/other-{i}">Another story number {i} about the coast</a> '
                    f'A short blurb on it.</li>' for i in range(1, 5))
    result = extract("https://port.example/2020/02/03/harbour", _story(tail=f"<ul>{items}</ul>"), {})
    assert result.fields["body"].split("\n") == STORY
    assert [r["url"] for r in result.fields["related"]] == [
        f"https://port.example/2020/02/0{i}/other-{i}" for i in range(1, 5)]
