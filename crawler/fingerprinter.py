"""Request fingerprints keyed on the archive's URL identity (``REQUEST_FINGERPRINTER_CLASS``).

Scrapy's default fingerprint tells ``/a/``, ``/a``, ``/a/amp/``,
``http://www.`` and ``?utm_source=`` apart; the archive does not (see
``newsarchive.record.urls.url_key``). With this fingerprinter Scrapy's own
dupefilter drops the variants of one page, ``JOBDIR`` persists what was
seen across a pause, and a shared dupefilter (scrapy-redis) shares it.
Requests that must be fetched again — later pages of a multi-page article,
browser re-fetches, refreshes — are sent with ``dont_filter``.
"""

from __future__ import annotations

import hashlib
from weakref import WeakKeyDictionary

from newsarchive.record.urls import url_key


class UrlIdentityFingerprinter:
    """SHA-1 of the method, the URL identity and the body; cached per request like Scrapy's own."""

    def __init__(self):
        self._cache: WeakKeyDictionary = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    def fingerprint(self, request) -> bytes:
        cached = self._cache.get(request)
        if cached is None:
            digest = hashlib.sha1(request.method.encode("ascii"))
            digest.update(b"\0" + url_key(request.url).encode("utf-8") + b"\0")
            digest.update(request.body or b"")
            cached = self._cache[request] = digest.digest()
        return cached
