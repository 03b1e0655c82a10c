"""max_pages and max_articles as Scrapy components, and the failure names: unit tests with ``get_crawler``.

The crawls that reach a limit and close are in test_crawl_e2e.py
(``test_max_articles_is_exact``, ``test_max_pages_bounds_the_crawl``).
"""

from __future__ import annotations

import pytest
from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.internet.error import ConnectionRefusedError, DNSLookupError
from twisted.python.failure import Failure

from crawler.failures import GateRefused, LimitReached, failure_reason
from crawler.limits import ArticleLimit, PageLimit


def response(url="https://site.example/a", **meta):
    return HtmlResponse(url, body=b"<html></html>", encoding="utf-8", request=Request(url, meta=meta))


def test_limits_are_off_without_a_bound():
    crawler = get_crawler()
    for component in (PageLimit, ArticleLimit):
        with pytest.raises(NotConfigured):
            component.from_crawler(crawler)


def test_page_limit_counts_every_download_until_the_bound():
    crawler = get_crawler(settings_dict={"NEWS_MAX_PAGES": 3})
    limit = PageLimit.from_crawler(crawler)
    for n in range(3):
        assert limit.process_request(Request(f"https://site.example/{n}")) is None
    assert limit.fetched == 3


def test_article_limit_takes_no_more_articles_than_free_slots():
    crawler = get_crawler(settings_dict={"NEWS_MAX_ARTICLES": 2})
    limit = ArticleLimit.from_crawler(crawler)
    items = [{"n": n} for n in range(3)]
    links = [Request("https://site.example/next")]
    out = [x for item in items for x in limit.process_spider_output(response(), [item, *links])]
    # Two articles in the pipelines; the third has no slot, links are never held back.
    assert [x for x in out if isinstance(x, dict)] == items[:2]
    assert sum(isinstance(x, Request) for x in out) == 3
    assert crawler.stats.get_value("news/limit/articles_not_taken") == 1
    # One is dropped by a pipeline: its slot is free again.
    crawler.signals.send_catch_log(signal=signals.item_dropped, item=items[0])
    assert list(limit.process_spider_output(response(), [{"n": 3}])) == [{"n": 3}]
    assert (limit.written, limit.pending) == (0, 2)


def test_a_multi_page_article_holds_its_slot_from_its_first_page():
    crawler = get_crawler(settings_dict={"NEWS_MAX_ARTICLES": 1})
    limit = ArticleLimit.from_crawler(crawler)
    item = {"title": "long read"}
    (part,) = limit.process_spider_output(response(), [Request("https://site.example/a?page=2",
                                                               meta={"news_item": item})])
    assert part.meta["news_slot"] is True and limit.pending == 1
    # Another article now finds no slot; the long read's last page still delivers it.
    assert list(limit.process_spider_output(response(), [{"title": "other"}])) == []
    last_page = response("https://site.example/a?page=2", news_slot=True, news_item=item)
    assert list(limit.process_spider_output(last_page, [item])) == [item]
    assert limit.pending == 1


@pytest.mark.parametrize("exception, reason", [
    (LimitReached("max_pages reached"), "limit"),
    (GateRefused("trap"), "gate"),
    (IgnoreRequest("Forbidden by robots.txt"), "robots_disallowed"),
    (IgnoreRequest("max redirections reached"), "too_many_redirects"),
    (IgnoreRequest("Cancelling download: expected response size (9000000) larger than DOWNLOAD_MAXSIZE"),
     "too_large"),
    (IgnoreRequest("something else"), "ignored"),
    (HttpError(Response("https://site.example/x", status=404), "Ignoring non-200 response"), "http_404"),
    (DNSLookupError("no such host"), "dns_error"),
    (ConnectionRefusedError(), "connection_refused"),
    (KeyError("x"), "keyerror"),
])
def test_failures_are_named_by_type_and_scrapys_untyped_ones_in_one_place(exception, reason):
    assert failure_reason(Failure(exception)) == reason
