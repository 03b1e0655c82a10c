"""Spider arguments: validated up front, one clear line for a bad one."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import run_crawl
from crawler.args import ArgumentError, CrawlArgs


def test_url_gives_one_generic_profile():
    args = CrawlArgs.parse({"url": "https://www.example.com/", "since": "2019-12-01",
                            "max_articles": "5", "max_pages": "100"})
    (profile,) = args.profiles
    assert profile.name == "example.com" and profile.allowed_hosts == {"example.com"}
    assert (args.since, args.max_articles, args.max_pages) == (date(2019, 12, 1), 5, 100)


def test_urls_file_groups_by_host(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("# two sites\nhttps://a.example/\n\nhttps://a.example/news/\nhttp://b.example:8080/\n")
    args = CrawlArgs.parse({"urls_file": str(listing)})
    assert [(p.name, p.start_urls) for p in args.profiles] == [
        ("a.example", ("https://a.example/", "https://a.example/news/")),
        ("b.example_8080", ("http://b.example:8080/",)),
    ]


def test_site_profile_is_loaded():
    (profile,) = CrawlArgs.parse({"site": "sample-wasila"}).profiles
    assert profile.name == "wasila" and profile.start_urls


@pytest.mark.parametrize("kwargs, named", [
    ({}, "url"),
    ({"url": "https://a.example/", "site": "x"}, "url"),
    ({"url": "ftp://a.example/"}, "url"),
    ({"url": "https://a.example/", "since": "19-12-2019"}, "since"),
    ({"url": "https://a.example/", "max_articles": "ten"}, "max_articles"),
    ({"url": "https://a.example/", "max_pages": "0"}, "max_pages"),
    ({"url": "https://a.example/", "colour": "red"}, "colour"),
    ({"site": "no-such-site"}, "site"),
    ({"site": "../etc/passwd"}, "site"),
    ({"urls_file": "/nonexistent/urls.txt"}, "urls_file"),
])
def test_bad_arguments_name_the_argument(kwargs, named):
    with pytest.raises(ArgumentError) as err:
        CrawlArgs.parse(kwargs)
    assert str(err.value).startswith(f"{named}")
    assert "\n" not in str(err.value)


def test_bad_argument_stops_scrapy_crawl_with_one_line(tmp_path):
    proc = run_crawl(["url=https://a.example/", "since=yesterday"], tmp_path, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: news: bad argument since: expected YYYY-MM-DD, got 'yesterday'"]
    assert not list(tmp_path.glob("*/*.jsonl"))


def test_source_names_a_url_crawl():
    (profile,) = CrawlArgs.parse({"url": "http://127.0.0.1:8701/", "source": "wasila"}).profiles
    assert profile.name == "wasila" and profile.allowed_hosts == {"127.0.0.1:8701"}
    for bad in ({"url": "http://a.example/", "source": "../x"}, {"site": "sample-wasila", "source": "x"}):
        with pytest.raises(ArgumentError) as err:
            CrawlArgs.parse(bad)
        assert str(err.value).startswith("source:")


def test_scrapyd_job_argument_is_accepted():
    args = CrawlArgs.parse({"url": "https://a.example/", "_job": "6487ec79947edab326d6db28a2d86511"})
    assert args.profiles[0].name == "a.example"
