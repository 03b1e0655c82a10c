"""URL identity: the variants a site serves map to one key and one id."""

from __future__ import annotations

import pytest

from newsarchive.record.urls import clean_url, host_of, record_id, same_site, source_name, url_key

ARTICLE = "https://www.example.com/2019/12/19/iran-turkey/"


@pytest.mark.parametrize("variant", [
    "https://www.example.com/2019/12/19/iran-turkey/?utm_source=facebook&utm_medium=social",
    "https://example.com/2019/12/19/iran-turkey/?fbclid=IwAR0abc",
    "http://www.example.com/2019/12/19/iran-turkey",
    "https://www.example.com/2019/12/19/iran-turkey/amp/",
    "https://www.example.com/2019/12/19/iran-turkey/?amp=1",
    "https://www.example.com/2019/12/19/iran-turkey/?print=1#comments",
    "https://WWW.EXAMPLE.COM/2019/12/19/iran-turkey/?gclid=x&mc_cid=y",
])
def test_variants_share_key_and_id(variant):
    assert url_key(variant) == url_key(ARTICLE)
    assert record_id(variant) == record_id(ARTICLE)


def test_meaningful_query_is_kept_and_sorted():
    assert clean_url("http://old.example/article.php?utm_campaign=x&id=101") == "http://old.example/article.php?id=101"
    assert url_key("http://old.example/article.php?id=101") != url_key("http://old.example/article.php?id=102")
    assert clean_url("http://a.example/s?b=2&a=1") == "http://a.example/s?a=1&b=2"


def test_arabic_paths_are_percent_encoded_once():
    url = clean_url("https://a.example/أخبار/سوريا/")
    assert url == "https://a.example/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7/"
    assert clean_url(url) == url


def test_hosts_and_sources():
    assert host_of("http://127.0.0.1:8701/x") == "127.0.0.1:8701"
    assert host_of("https://www.example.com:443/") == "example.com"
    assert source_name("http://127.0.0.1:8701/") == "127.0.0.1_8701"
    assert same_site("https://news.example.com/a", {"example.com"})
    assert not same_site("https://example.com.evil.net/a", {"example.com"})
    assert not same_site("http://127.0.0.1:8702/", {"127.0.0.1:8701"})


@pytest.mark.parametrize("url, first, number", [
    ("http://a.example/news/slug/2/", "http://a.example/news/slug/", 2),
    ("http://a.example/news/slug/3", "http://a.example/news/slug", 3),
    ("http://a.example/news.php?id=77&page=2", "http://a.example/news.php?id=77", 2),
    ("http://a.example/2019/12/19/", "http://a.example/2019/12/19/", 1),
    ("http://a.example/2019/12/19/slug/", "http://a.example/2019/12/19/slug/", 1),
    ("http://a.example/news/12345", "http://a.example/news/12345", 1),
])
def test_page_numbers_of_multi_page_articles(url, first, number):
    from newsarchive.record.urls import split_page_number

    assert split_page_number(url) == (first, number)
