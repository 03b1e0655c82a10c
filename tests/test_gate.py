"""The URL gate as Scrapy components, built with ``get_crawler`` like Scrapy's own middleware tests."""

from __future__ import annotations

from datetime import date

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.failures import GateRefused
from crawler.gate import FetchGate, LinkGate
from crawler.spiders.news import NewsSpider
from newsarchive.discover.traps import url_pattern
from newsarchive.store.state import state_for
from test_archive import commit, make_record

SITE = "https://site.example"


def open_crawl(tmp_path, settings=None, **arguments):
    """A crawler with the news spider on site.example, as ``scrapy crawl news -a url=…`` sets it up."""
    crawler = get_crawler(NewsSpider, {"ARCHIVE_DIR": str(tmp_path), **(settings or {})})
    crawler.spider = NewsSpider.from_crawler(crawler, url=f"{SITE}/", **arguments)
    spider = crawler.spider
    spider.stats = crawler.stats
    spider.since = {p.name: spider.crawl_args.since_for(p.name, crawler.settings) for p in spider.profiles}
    return crawler, spider


def page_response(url=f"{SITE}/section/", **meta):
    request = Request(url, meta={"news_source": "site.example", "news_kind": "page", **meta})
    return HtmlResponse(url, body=b"<html></html>", encoding="utf-8", request=request)


def through_link_gate(crawler, output, response=None):
    gate = LinkGate.from_crawler(crawler)
    return list(gate.process_spider_output(response or page_response(), output))


def stat(crawler, name):
    return crawler.stats.get_value(name, 0)


# -- LinkGate ------------------------------------------------------------------
def test_link_gate_fetches_the_clean_url(tmp_path):
    crawler, spider = open_crawl(tmp_path)
    profile = spider.profiles[0]
    (request,) = through_link_gate(crawler, [spider._request(
        f"{SITE}/2020/01/02/story/?utm_source=x&fbclid=y&b=2&a=1#top", profile, "page")])
    assert request.url == f"{SITE}/2020/01/02/story/?a=1&b=2"


def test_link_gate_drops_off_site_links_and_counts_them(tmp_path):
    crawler, spider = open_crawl(tmp_path)
    profile = spider.profiles[0]
    out = through_link_gate(crawler, [
        spider._request("https://elsewhere.example/a", profile, "page"),
        spider._request("https://cdn.site.example/b", profile, "page"),  # a subdomain is the site
        spider._request(f"{SITE}/c", profile, "page"),
    ])
    assert [r.url for r in out] == ["https://cdn.site.example/b", f"{SITE}/c"]
    assert stat(crawler, "news/skipped/offsite_link") == 1


def test_link_gate_drops_listed_entries_older_than_since(tmp_path):
    from newsarchive.extract.dates import parse_machine_date

    crawler, spider = open_crawl(tmp_path, since="2020-01-10")
    profile = spider.profiles[0]
    old, new = parse_machine_date("2020-01-09T23:00:00+00:00"), parse_machine_date("2020-01-10")
    out = through_link_gate(crawler, [
        spider._request(f"{SITE}/old", profile, "article", listed=old),
        spider._request(f"{SITE}/new", profile, "article", listed=new),
        spider._request(f"{SITE}/undated", profile, "article"),
        spider._request(f"{SITE}/old-sitemap.xml", profile, "sitemap", listed=old),
    ])
    assert [r.url for r in out] == [f"{SITE}/new", f"{SITE}/undated"]
    assert stat(crawler, "news/since/skipped_entries") == 1
    assert stat(crawler, "news/since/skipped_sitemaps") == 1


def test_link_gate_passes_items_and_requests_that_are_not_ours(tmp_path):
    crawler, _ = open_crawl(tmp_path)
    item, foreign = {"title": "x"}, Request("https://elsewhere.example/robots.txt")
    assert through_link_gate(crawler, [item, foreign]) == [item, foreign]


# -- FetchGate -----------------------------------------------------------------
def fetch(crawler, request):
    return FetchGate.from_crawler(crawler).process_request(request)


def test_fetch_gate_refuses_articles_already_archived(tmp_path):
    crawler, spider = open_crawl(tmp_path)
    record = make_record(1, source="site")
    commit(state_for(crawler), tmp_path, record)
    profile = spider.profiles[0]
    with pytest.raises(GateRefused) as refused:
        fetch(crawler, spider._request(record["url"] + "/?utm_campaign=z", profile, "article"))
    assert refused.value.reason == "archived"
    assert stat(crawler, "news/incremental/archived_not_fetched") == 1
    # A refresh of it (sent with dont_filter) is fetched; so is a page not archived.
    assert fetch(crawler, spider._request(record["url"], profile, "article", news_refresh={"id": "x"})) is None
    assert fetch(crawler, spider._request(f"{SITE}/news/2", profile, "article")) is None


def test_fetch_gate_refuses_redirects_off_the_site(tmp_path):
    crawler, spider = open_crawl(tmp_path)
    request = spider._request(f"{SITE}/moved", spider.profiles[0], "page").replace(
        url="https://elsewhere.example/landing")
    request.meta.update(redirect_urls=[f"{SITE}/moved"], redirect_times=1)
    with pytest.raises(GateRefused) as refused:
        fetch(crawler, request)
    assert refused.value.reason == "offsite"
    assert stat(crawler, "news/skipped/offsite_redirect") == 1


def test_trap_budget_refuses_a_pattern_that_yields_nothing_new(tmp_path):
    crawler, spider = open_crawl(tmp_path, {"NEWS_PATTERN_BUDGET": 3})
    profile = spider.profiles[0]
    gate = FetchGate.from_crawler(crawler)
    calendar = [spider._request(f"{SITE}/calendar/2020/{m}", profile, "page") for m in range(1, 6)]
    refused = []
    for request in calendar:
        try:
            gate.process_request(request)
        except GateRefused as exc:
            refused.append((request.url, exc.reason))
    assert refused == [(f"{SITE}/calendar/2020/4", "trap"), (f"{SITE}/calendar/2020/5", "trap")]
    assert stat(crawler, "news/trap/skipped") == 2 and stat(crawler, "news/trap/patterns") == 1
    # Start pages, retries and re-fetches (dont_filter) are not charged to the budget.
    assert gate.process_request(spider._request(f"{SITE}/calendar/2020/6", profile, "page", start=True)) is None
    assert gate.process_request(calendar[4].replace(dont_filter=True)) is None


def test_a_listing_that_leads_somewhere_new_earns_budget_for_its_pattern(tmp_path):
    crawler, spider = open_crawl(tmp_path, {"NEWS_PATTERN_BUDGET": 2})
    profile = spider.profiles[0]
    gate = FetchGate.from_crawler(crawler)
    listing = page_response(f"{SITE}/section/page/1")
    links = [spider._request(f"{SITE}/2020/01/0{n}/story-{n}", profile, "page") for n in (1, 2)]
    links += [spider._request(f"{SITE}/section/page/{n}", profile, "page") for n in (2, 3, 4)]
    out = through_link_gate(crawler, links, response=listing)
    for request in out[:4]:  # two stories (a new pattern), pages 2 and 3 of the listing
        assert gate.process_request(request) is None
    # Page 1 led to new stories: one productive listing page, credited once for both.
    assert gate.budget.productive[url_pattern(listing.url)] == 1
    assert gate.process_request(out[4]) is None  # page 4 fits only the earned budget
    with pytest.raises(GateRefused):
        gate.process_request(spider._request(f"{SITE}/section/page/5", profile, "page"))


def test_pages_that_gave_an_article_are_productive(tmp_path):
    crawler, _ = open_crawl(tmp_path)
    response = page_response(f"{SITE}/2020/01/01/story")
    through_link_gate(crawler, [{"title": "an article"}], response=response)
    assert LinkGate.from_crawler(crawler).budget.productive[url_pattern(response.url)] == 1


def test_fetch_gate_ignores_requests_that_are_not_ours(tmp_path):
    crawler, _ = open_crawl(tmp_path)
    assert fetch(crawler, Request("https://elsewhere.example/robots.txt")) is None


def test_a_redirect_to_itself_is_counted_as_a_loop(tmp_path):
    crawler, spider = open_crawl(tmp_path)
    request = spider._request(f"{SITE}/loop", spider.profiles[0], "page")
    request.meta.update(redirect_urls=[f"{SITE}/loop"], redirect_times=1)
    LinkGate.from_crawler(crawler).request_dropped(request)
    assert stat(crawler, "news/dropped/redirect_loop") == 1


def test_since_follows_the_archive_when_not_given(tmp_path):
    crawler, spider = open_crawl(tmp_path)
    assert spider.since == {"site.example": None}
    _, spider = open_crawl(tmp_path, since="2021-03-04")
    assert spider.since == {"site.example": date(2021, 3, 4)}
