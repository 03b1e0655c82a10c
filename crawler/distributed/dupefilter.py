"""scrapy-redis's shared seen-set, keyed on our request fingerprints.

scrapy-redis 0.9.1's ``RFPDupeFilter`` hashes ``canonicalize_url`` itself and
ignores ``REQUEST_FINGERPRINTER_CLASS``; this one asks the crawler's
fingerprinter (``crawler.fingerprinter``: the archive's URL identity), so
``/a/amp/`` and ``/a?utm_source=x`` are one URL for every worker, as they are
for a single crawl.
"""

from __future__ import annotations

from scrapy_redis.dupefilter import RFPDupeFilter


class FingerprintDupeFilter(RFPDupeFilter):
    def __init__(self, server, key, fingerprinter, stats=None, debug=False):
        super().__init__(server, key, debug=debug)
        self.fingerprinter = fingerprinter
        self.stats = stats

    def request_fingerprint(self, request) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    def log(self, request, spider):
        if self.stats is not None:
            self.stats.inc_value("dupefilter/filtered")
        super().log(request, spider)

    def close(self, reason=""):
        """The seen-set belongs to the round, not to one worker: kept (``scrapy frontier --clear`` removes it)."""
