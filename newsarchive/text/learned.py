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
  dedupe state (``newsarchive.store.paragraphs``, on disk), so a daily crawl
  knows its sites from the first page.

Counts are kept per source in a bounded table: past ``MAX_KEYS`` keys, the
ones seen once are forgotten (boilerplate recurs and survives). This module
holds the rule (``BoilerplateRule``) and the keys; the store keeps the counts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

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
    return key_of_words(fingerprint.words(paragraph))


def key_of_words(tokens: list[str]) -> str | None:
    """``paragraph_key`` of a paragraph already split into ``fingerprint.words``."""
    if not MIN_WORDS <= len(tokens) <= MAX_WORDS:
        return None
    return hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=6).hexdigest()


def paragraph_keys(body: str) -> list[str | None]:
    """One key (or None) per paragraph of a clean body, in order."""
    return [key_of_words(tokens) for tokens in paragraph_words(body)]


def paragraph_words(body: str) -> list[list[str]]:
    """``fingerprint.words`` of each paragraph. Their concatenation is
    ``fingerprint.words(body)`` (no word spans the blank line between two
    paragraphs), so one pass gives both the paragraph keys and the fingerprint."""
    return [fingerprint.words(p) for p in body.split(_SEPARATOR)] if body else []


def without(body: str, learned: frozenset[str]) -> tuple[str, int]:
    """The body without its learned-boilerplate paragraphs, and how many went."""
    if not learned or not body:
        return body, 0
    split = SplitBody.of(body)
    kept = split.without(learned)
    return kept.body, len(split.words) - len(kept.words)


@dataclass(frozen=True, slots=True)
class SplitBody:
    """A body with its paragraphs' words and keys, split once.

    The crawl needs the words of each article three times (the paragraph
    keys learned boilerplate counts, the fingerprint, the keys of the body
    as written); splitting once and carrying the result is what keeps the
    pipelines cheap. ``words`` concatenated are ``fingerprint.words(body)``.
    """

    body: str
    words: tuple[list[str], ...]
    keys: tuple[str | None, ...]

    @classmethod
    def of(cls, body: str, known: "SplitBody | None" = None) -> "SplitBody":
        """``body`` split; ``known`` when it is this body's split already (an earlier
        pipeline's, if nothing changed the body since)."""
        if known is not None and known.body == body:
            return known
        words = tuple(paragraph_words(body))
        return cls(body, words, tuple(key_of_words(w) for w in words))

    def without(self, learned: frozenset[str]) -> "SplitBody":
        """The body without the paragraphs whose key is in ``learned``."""
        if not learned:
            return self
        kept = [i for i, key in enumerate(self.keys) if key is None or key not in learned]
        if len(kept) == len(self.keys):
            return self
        paragraphs = self.body.split(_SEPARATOR)
        return SplitBody(_SEPARATOR.join(paragraphs[i] for i in kept),
                         tuple(self.words[i] for i in kept), tuple(self.keys[i] for i in kept))

    def tokens(self) -> list[str]:
        """``fingerprint.words`` of the whole body."""
        return [w for words in self.words for w in words]

    def counted_keys(self) -> list[str]:
        """The keys of the paragraphs that count (long enough, short enough), in order."""
        return [k for k in self.keys if k]


@dataclass(frozen=True, slots=True)
class BoilerplateRule:
    """When a paragraph counts as a source's boilerplate: in at least
    ``min_articles`` of its articles and ``min_share`` of all of them. A
    source's counts keep at most ``max_keys`` keys before the ones seen once
    are forgotten."""

    min_articles: int = NEWS_BOILERPLATE_MIN_ARTICLES
    min_share: float = NEWS_BOILERPLATE_MIN_SHARE
    max_keys: int = MAX_KEYS

    @classmethod
    def from_settings(cls, settings) -> "BoilerplateRule":
        return cls(min_articles=settings.getint("NEWS_BOILERPLATE_MIN_ARTICLES", NEWS_BOILERPLATE_MIN_ARTICLES),
                   min_share=settings.getfloat("NEWS_BOILERPLATE_MIN_SHARE", NEWS_BOILERPLATE_MIN_SHARE))

    def floor(self, articles: int) -> float:
        """Articles a paragraph must appear in, of a source that has ``articles``."""
        return max(self.min_articles, self.min_share * articles)
