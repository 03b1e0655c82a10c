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
    def __init__(self, budget: int, stats=None):
        self.budget = budget
        self.stats = stats
        self.requested: Counter[str] = Counter()
        self.productive: Counter[str] = Counter()
        self._reported: set[str] = set()

    def allow(self, url: str) -> bool:
        """Account for one more request of url's pattern, or refuse it."""
        if self.budget <= 0:
            return True
        pattern = url_pattern(url)
        if self.requested[pattern] >= self.productive[pattern] + self.budget:
            if self.stats is not None:
                self.stats.inc_value("news/trap/skipped")
            if pattern not in self._reported:
                self._reported.add(pattern)
                logger.info("crawl trap? pattern %s exhausted its budget (%d requests, "
                            "%d productive); further URLs of it are skipped",
                            pattern, self.requested[pattern], self.productive[pattern])
                if self.stats is not None:
                    self.stats.inc_value("news/trap/patterns")
            return False
        self.requested[pattern] += 1
        return True

    def productive_page(self, url: str) -> None:
        self.productive[url_pattern(url)] += 1
