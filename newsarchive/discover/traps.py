"""Crawl-trap guard: URL patterns must keep paying for themselves.

Endless pagination, calendar archives and query-string variants of one page
share a URL *pattern* (digits folded, query values dropped). A pattern may
have ``budget`` more requests than the pages of it that brought something
new (an article, or links to unseen articles). Productive patterns such as
``/news/123`` keep earning; traps run dry and are logged once.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

logger = logging.getLogger(__name__)
_DIGITS = re.compile(r"\d+")


def url_pattern(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    path = _DIGITS.sub("0", parts.path or "/")
    return f"{parts.netloc.lower()}{path}?{'&'.join(keys)}"


class PatternBudget:
    """Counts per pattern in this process, or in ``shared`` (an object with
    ``take_request(pattern, budget) -> (allowed, requested, productive)``, one
    atomic step, and ``add_productive(pattern, page_url)``, once per page: the round's, when several workers
    crawl one site)."""

    def __init__(self, budget: int, stats=None, shared=None):
        self.budget = budget
        self.stats = stats
        self.shared = shared
        self.requested: Counter[str] = Counter()
        self.productive: Counter[str] = Counter()
        self._reported: set[str] = set()

    def _take(self, pattern: str) -> tuple[bool, int, int]:
        """(allowed, requested, productive): one more request of the pattern, if its budget allows."""
        if self.shared is not None:
            return self.shared.take_request(pattern, self.budget)
        requested, productive = self.requested[pattern], self.productive[pattern]
        if requested >= productive + self.budget:
            return False, requested, productive
        self.requested[pattern] += 1
        return True, requested + 1, productive

    def allow(self, url: str) -> bool:
        """Account for one more request of url's pattern, or refuse it."""
        if self.budget <= 0:
            return True
        pattern = url_pattern(url)
        allowed, requested, productive = self._take(pattern)
        if not allowed:
            if self.stats is not None:
                self.stats.inc_value("news/trap/skipped")
            if pattern not in self._reported:
                self._reported.add(pattern)
                logger.info("crawl trap? pattern %s exhausted its budget (%d requests, "
                            "%d productive); further URLs of it are skipped", pattern, requested, productive)
                if self.stats is not None:
                    self.stats.inc_value("news/trap/patterns")
            return False
        return True

    def productive_page(self, url: str) -> None:
        if self.shared is not None:
            self.shared.add_productive(url_pattern(url), url)
        else:
            self.productive[url_pattern(url)] += 1
