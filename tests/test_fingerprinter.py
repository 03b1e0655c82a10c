"""Request fingerprints on the URL identity: Scrapy's own dupefilter (and JOBDIR) replace the spider's set."""

from __future__ import annotations

from scrapy import Request
from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.test import get_crawler

from crawler.fingerprinter import UrlIdentityFingerprinter

VARIANTS = [
    "https://www.site.example/2020/01/02/story/",
    "https://site.example/2020/01/02/story",
    "http://site.example/2020/01/02/story/amp/",
    "https://site.example/2020/01/02/story/?utm_source=tw&fbclid=1#comments",
]


def test_the_variants_of_one_page_share_a_fingerprint():
    fingerprinter = UrlIdentityFingerprinter()
    prints = {fingerprinter.fingerprint(Request(url)) for url in VARIANTS}
    assert len(prints) == 1
    others = [Request("https://site.example/2020/01/02/other/"),
              Request("https://site.example/2020/01/02/story/?page=2"),
              Request(VARIANTS[0], method="POST", body=b"a=1"),
              Request(VARIANTS[0], method="POST", body=b"a=2")]
    assert len({fingerprinter.fingerprint(r) for r in others} | prints) == 5


def dupefilter(tmp_path):
    crawler = get_crawler(settings_dict={
        "REQUEST_FINGERPRINTER_CLASS": "crawler.fingerprinter.UrlIdentityFingerprinter",
        "JOBDIR": str(tmp_path)})
    return RFPDupeFilter.from_crawler(crawler)


def test_scrapys_dupefilter_drops_variants_and_remembers_them_across_a_pause(tmp_path):
    first = dupefilter(tmp_path)
    assert first.request_seen(Request(VARIANTS[0])) is False
    assert all(first.request_seen(Request(url)) for url in VARIANTS[1:])
    first.close("shutdown")
    resumed = dupefilter(tmp_path)  # same JOBDIR: requests.seen read back
    assert resumed.request_seen(Request(VARIANTS[3])) is True
    assert resumed.request_seen(Request("https://site.example/new/")) is False
    resumed.close("finished")
