"""Boilerplate learned per source: paragraphs that recur across a source's articles.

No phrase list holds every site's comment policy, newsletter pitch or
copyright note. A paragraph that appears, word for word (after folding), in
many distinct articles of one source is that source's furniture and leaves
the body before it is written. Guards against removing real text:

- only paragraphs of ``MIN_WORDS`` to ``MAX_WORDS`` words count (agency
  credits and datelines are shorter, articles' long paragraphs are unique);
- a paragraph must recur in at least ``NEWS_BOILERPLATE_MIN_ARTICLES``
  distinct articles *and* in at least ``NEWS_BOILERPLATE_MIN_SHARE`` of the
  source's articles seen, so a quote or a background sentence repeated in a
  few stories stays;
- what is learned comes from earlier articles of the source, counted by the
  dedupe state (index lines carry each article's paragraph keys), so a
  daily crawl knows its sites from the first page.

Counts are kept per source in a bounded table: past ``MAX_KEYS`` keys, the
ones seen once are forgotten (boilerplate recurs and survives).
"""

from __future__ import annotations

import hashlib
from collections import Counter

from newsarchive.text import fingerprint

#: Defaults of the settings of the same names.
NEWS_BOILERPLATE_LEARN = True
NEWS_BOILERPLATE_MIN_ARTICLES = 10
NEWS_BOILERPLATE_MIN_SHARE = 0.3

MIN_WORDS = 6
MAX_WORDS = 150
#: Paragraph keys kept per source before the ones seen once are forgotten.
MAX_KEYS = 20_000
_SEPARATOR = "\n\n"


def paragraph_key(paragraph: str) -> str | None:
    """A short key for a paragraph's folded words, or None when it is too short or too long to count."""
    tokens = fingerprint.words(paragraph)
    if not MIN_WORDS <= len(tokens) <= MAX_WORDS:
        return None
    return hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=6).hexdigest()


def paragraph_keys(body: str) -> list[str | None]:
    """One key (or None) per paragraph of a clean body, in order."""
    return [paragraph_key(p) for p in body.split(_SEPARATOR)] if body else []


def without(body: str, learned: frozenset[str]) -> tuple[str, int]:
    """The body without its learned-boilerplate paragraphs, and how many went."""
    if not learned or not body:
        return body, 0
    paragraphs = body.split(_SEPARATOR)
    kept = [p for p, key in zip(paragraphs, paragraph_keys(body)) if key is None or key not in learned]
    return _SEPARATOR.join(kept), len(paragraphs) - len(kept)


class ParagraphCounts:
    """Per source: articles counted and, per paragraph key, the articles it appeared in."""

    def __init__(self, *, min_articles: int = NEWS_BOILERPLATE_MIN_ARTICLES,
                 min_share: float = NEWS_BOILERPLATE_MIN_SHARE, max_keys: int = MAX_KEYS):
        self.min_articles = min_articles
        self.min_share = min_share
        self.max_keys = max_keys
        self.articles: Counter[str] = Counter()
        self._counts: dict[str, Counter[str]] = {}
        self._learned: dict[str, frozenset[str]] = {}

    @classmethod
    def from_settings(cls, settings) -> "ParagraphCounts":
        return cls(min_articles=settings.getint("NEWS_BOILERPLATE_MIN_ARTICLES", NEWS_BOILERPLATE_MIN_ARTICLES),
                   min_share=settings.getfloat("NEWS_BOILERPLATE_MIN_SHARE", NEWS_BOILERPLATE_MIN_SHARE))

    def add(self, source: str, keys) -> None:
        """Count one article's paragraph keys (each once)."""
        counts = self._counts.setdefault(source, Counter())
        counts.update({k for k in keys if k})
        self.articles[source] += 1
        self._learned.pop(source, None)
        if len(counts) > self.max_keys:
            for key in [k for k, n in counts.items() if n == 1]:
                del counts[key]

    def learned(self, source: str) -> frozenset[str]:
        """The source's boilerplate paragraph keys now."""
        known = self._learned.get(source)
        if known is None:
            total = self.articles[source]
            floor = max(self.min_articles, self.min_share * total)
            known = frozenset(k for k, n in self._counts.get(source, {}).items() if n >= floor)
            self._learned[source] = known
        return known
