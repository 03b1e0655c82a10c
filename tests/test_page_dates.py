"""Which of a page's dates becomes published_at, and which clock its bare times mean.

Small pages written like real themes (WordPress, Yoast, hAtom blogs, Arabic
portals), run through ``extract()``; the source each field came from is part
of the observable result (``scrapy extract --explain`` prints it).
"""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import htmldate
import pytest

from newsarchive.extract import pagedates
from newsarchive.extract.article import extract
from newsarchive.extract.metadata import PageMeta
from newsarchive.extract.profiles import profile_from_dict

STORY = "<p>" + "The council opened the new public pool on Saturday and many families came. " * 6 + "</p>"
AR_STORY = "<p>" + "أقرت الحكومة في جلستها الأسبوعية مشروع الموازنة العامة للدولة للعام المقبل. " * 6 + "</p>"


def page(body: str, *, head: str = "", lang: str = "en") -> bytes:
    return f'<html lang="{lang}"><head>{head}</head><body>{body}</body></html>'.encode()


def published(url: str, html: bytes, **kwargs) -> tuple[str | None, str | None, str | None]:
    result = extract(url, html, {}, min_chars=0, **kwargs)
    return result.fields["published_at"], result.sources["published_at"], result.sources["timezone"]


def refuse_htmldate(monkeypatch) -> list:
    """Record every call of htmldate (and answer a tempting January 1st)."""
    calls = []
    monkeypatch.setattr(pagedates.htmldate, "find_date", lambda *a, **k: calls.append(a) or "2019-01-01")
    return calls


# ---------------------------------------------------------------- markup sources


def test_hatom_abbr_published_title_is_the_date():
    html = page('<div class="hentry"><h2 class="entry-title">Python 3.6.0 is now available</h2>'
                '<abbr class="published" title="2016-12-23T05:11:00-05:00">5:11 AM</abbr>' + STORY + "</div>")
    assert published("http://blog.example/python-360", html)[:2] == \
        ("2016-12-23T05:11:00-05:00", "hAtom abbr.published")


def test_yoast_graph_webpage_date_when_the_article_node_has_none():
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "headline": "Pool opens", "author": {"name": "Jane Roe"}},
        {"@type": "WebPage", "name": "Pool opens", "datePublished": "2014-03-17T01:44:37+00:00",
         "dateModified": "2018-09-16T06:34:07+00:00"}]}
    head = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    html = page("<h1>Pool opens</h1>" + STORY, head=head)
    assert published("https://town.example/pool-opens/", html)[:2] == \
        ("2014-03-17T01:44:37+00:00", "jsonld:@graph WebPage")


def test_wordpress_entry_date_time_anywhere_in_the_page():
    html = page("<article><h1>Pool opens</h1>" + STORY +
                '<footer class="entry-footer"><span class="posted-on">Posted on '
                '<time class="entry-date published" datetime="2019-06-28T13:49:45+02:00">June 28, 2019</time>'
                '<time class="updated" datetime="2019-09-22T07:30:29+02:00">September 22, 2019</time>'
                "</span></footer></article>")
    assert published("https://town.example/pool-opens/", html)[:2] == \
        ("2019-06-28T13:49:45+02:00", "<time class=entry-date published>")


def test_url_day_takes_the_time_of_a_machine_value_for_the_same_day():
    head = '<meta property="article:published_time" content="2019-12-01T10:00:00+03:00">'
    html = page("<h1>Team</h1>" + STORY, head=head)
    assert published("https://site.example/2019/12/01/team/", html)[:2] == \
        ("2019-12-01T10:00:00+03:00", "meta:article:published_time")


def test_the_dateline_under_the_headline_overrules_a_machine_value_for_another_day():
    head = '<meta property="article:published_time" content="2019-12-10T09:00:00+00:00">'
    html = page('<h1>الحكومة تقر الموازنة</h1><span class="post-date">الخميس 19 كانون الأول 2019</span>' + AR_STORY,
                head=head, lang="ar")
    assert published("https://news.example/budget", html)[:2] == \
        ("2019-12-19T00:00:00+00:00", "dateline by the headline (over meta:article:published_time)")


def test_a_dateline_for_the_same_day_keeps_the_machine_value_and_its_time():
    head = '<meta property="article:published_time" content="2019-12-19T09:00:00+02:00">'
    html = page('<h1>الحكومة تقر الموازنة</h1><span class="post-date">الخميس 19 كانون الأول 2019</span>' + AR_STORY,
                head=head, lang="ar")
    assert published("https://news.example/budget", html)[:2] == \
        ("2019-12-19T09:00:00+02:00", "meta:article:published_time")


# ---------------------------------------------------------------- htmldate, and where it is refused


@pytest.mark.parametrize("markup", [
    '<img src="/uploads/2019/03/12/pool.jpg" alt="">',
    '<div data-created="2019-03-12 10:15:00"></div>',
])
def test_htmldate_answers_when_our_own_sources_find_nothing(markup):
    html = page("<h1>Pool opens</h1>" + markup + STORY)
    assert published("https://town.example/pool-opens", html)[:2] == ("2019-03-12T00:00:00+00:00", "htmldate")


def test_htmldate_is_not_asked_when_a_source_of_ours_answers(monkeypatch):
    calls = refuse_htmldate(monkeypatch)
    html = page('<h1>Pool opens</h1><p>Published 12 March 2019</p>' + STORY)
    assert published("https://town.example/pool-opens", html)[:2] == ("2019-03-12T00:00:00+00:00", "visible text")
    assert calls == []


def test_levantine_month_is_read_by_our_reader(monkeypatch):
    calls = refuse_htmldate(monkeypatch)
    html = page("<h1>الحكومة تقر الموازنة</h1><p>نشر في 19 كانون الأول 2019</p>" + AR_STORY, lang="ar")
    assert published("https://news.example/budget", html)[:2] == ("2019-12-19T00:00:00+00:00", "visible text")
    assert calls == []


def test_an_arabic_month_our_reader_rejects_gives_no_date_not_january_first(monkeypatch):
    # Month and year without a day: no day to file the story under.
    html = page('<h1>الحكومة تقر الموازنة</h1><p class="date">كانون الأول 2019</p>' + AR_STORY, lang="ar")
    assert htmldate.find_date(html.decode(), url="https://news.example/budget", extensive_search=True,
                              original_date=True) == "2019-01-01"
    assert published("https://news.example/budget", html)[:2] == (None, None)
    calls = refuse_htmldate(monkeypatch)
    assert published("https://news.example/budget", html)[:2] == (None, None)
    assert calls == []


def test_htmldate_january_first_from_a_bare_year_is_refused():
    html = page("<h1>Pool opens</h1>" + STORY + "<footer>© 2019 Town council</footer>")
    assert htmldate.find_date(html.decode(), extensive_search=True, original_date=True) == "2019-01-01"
    assert published("https://town.example/pool-opens", html)[:2] == (None, None)


def test_htmldate_first_of_a_month_counts_when_the_page_writes_it_out():
    html = page('<h1>New year swim</h1><div data-created="2019-01-01 10:15:00"></div>' + STORY)
    assert published("https://town.example/new-year-swim", html)[:2] == ("2019-01-01T00:00:00+00:00", "htmldate")


# ---------------------------------------------------------------- the clock of bare times

NAIVE = '<meta property="article:published_time" content="2024-01-15T10:30:00">'


def local(zone: str) -> str:
    return datetime(2024, 1, 15, 10, 30, tzinfo=ZoneInfo(zone)).isoformat()


def test_naive_time_on_an_egyptian_cctld_is_cairo_time():
    html = page("<h1>Budget</h1>" + AR_STORY, head=NAIVE, lang="ar")
    assert published("https://www.youm7.com.eg/story/1", html)[::2] == ("2024-01-15T10:30:00+02:00", "ccTLD .eg")


def test_naive_time_with_lang_ar_sy_is_damascus_time():
    html = page("<h1>Budget</h1>" + AR_STORY, head=NAIVE, lang="ar-SY")
    assert published("https://news.example/story/1", html)[::2] == (local("Asia/Damascus"), "lang ar-SY")


def test_the_profile_timezone_overrides_the_cctld():
    profile = profile_from_dict({"name": "beirut", "start_urls": ["https://www.site.eg/"],
                                 "timezone": "Asia/Beirut"}, default_name="beirut", origin="test")
    html = page("<h1>Budget</h1>" + AR_STORY, head=NAIVE, lang="ar-SY")
    assert published("https://www.site.eg/story/1", html, profile=profile)[::2] == (local("Asia/Beirut"), "profile")


@pytest.mark.parametrize("url, lang", [
    ("https://news.example/story/1", "ar"),  # no region, no ccTLD
    ("https://news.com/story/1", "en-US"),  # the US keeps several clocks
    ("https://startup.io/story/1", "en"),  # a ccTLD sold as a generic name
])
def test_naive_time_defaults_to_utc(url, lang):
    html = page("<h1>Budget</h1>" + STORY, head=NAIVE, lang=lang)
    assert published(url, html)[::2] == ("2024-01-15T10:30:00+00:00", "default UTC")


@pytest.mark.parametrize("url, lang, locale, zone, source", [
    ("https://www.spiegel.de/a", None, None, "Europe/Berlin", "ccTLD .de"),  # Büsingen keeps Berlin's clock
    ("https://www.bbc.co.uk/a", None, None, "Europe/London", "ccTLD .uk"),
    ("https://www.elpais.es/a", "es-ES", None, None, "default UTC"),  # the Canaries are an hour behind
    ("https://news.example/a", None, "ar_LB", "Asia/Beirut", "og:locale ar_LB"),
    ("https://news.example/a", "ar", "ar_JO", "Asia/Amman", "og:locale ar_JO"),
])
def test_site_zone_hints(url, lang, locale, zone, source):
    meta = PageMeta(lang=lang, meta={"og:locale": [locale]} if locale else {})
    found = pagedates.site_zone(url, meta, None)
    assert (found.tz, found.source) == (ZoneInfo(zone) if zone else pagedates.timezone.utc, source)
