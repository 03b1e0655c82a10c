"""Per-source paragraph counts for learned boilerplate, in the dedupe state's database.

The rule and the keys are the text stage's (``newsarchive.text.learned``);
this keeps the counts: ``sources.records`` (articles counted, one per
archived id) and ``paragraphs`` (source, key → articles it appeared in). What
a source has learned is one indexed query (keys with a count of at least
the rule's floor), cached per source until the source's article count
changes, by this process's commits or another's.

Articles are counted one after the other, as they were archived, and the
bound applies after each: once a source holds more than ``max_keys`` keys,
its keys seen once are forgotten. ``add_many`` counts a rebuild's thousands
of articles with a few statements: it reads the counts of the keys they
touch, counts in memory in order (forgetting, at each article that passes
the bound, the keys seen once: those of the database the batch does not
touch with one DELETE), and writes the counts back; the result is the same as
one ``add`` after the other, and ``add`` is ``add_many`` of one article.
"""

from __future__ import annotations

import sqlite3
from typing import Iterable

from newsarchive.text.learned import BoilerplateRule

#: Keys a statement reads at once (SQLite allows 32,766 parameters).
_CHUNK = 500


class ParagraphCounts:
    """Per source: articles counted and, per paragraph key, the articles it appeared in."""

    def __init__(self, db: sqlite3.Connection, rule: BoilerplateRule | None = None):
        self.db = db
        self.rule = rule or BoilerplateRule()
        self._learned: dict[str, tuple[int, frozenset[str]]] = {}

    def add(self, source: str, keys: Iterable[str]) -> None:
        """Count one article's paragraph keys (each once)."""
        self.add_many([(source, keys)])

    def add_many(self, articles: Iterable[tuple[str, Iterable[str]]]) -> None:
        """Count articles' paragraph keys, in order (in the caller's transaction)."""
        by_source: dict[str, list[set[str]]] = {}
        for source, keys in articles:
            by_source.setdefault(source, []).append({k for k in keys if k})
        for source, batch in by_source.items():
            self._count(source, batch)

    def _count(self, source: str, batch: list[set[str]]) -> None:
        touched = sorted(set().union(*batch))
        counts: dict[str, int] = {}  # key → articles (0: not held)
        for i in range(0, len(touched), _CHUNK):
            chunk = touched[i:i + _CHUNK]
            counts.update(self.db.execute(
                f"SELECT key, n FROM paragraphs WHERE source = ? AND key IN ({', '.join('?' * len(chunk))})",
                [source, *chunk]))
        before = dict(counts)
        ones = {k for k, n in counts.items() if n == 1}  # what forgetting removes
        row = self.db.execute("SELECT para_keys FROM sources WHERE source = ?", (source,)).fetchone()
        held = row[0] if row else 0
        forgot_untouched = False
        for keys in batch:
            for key in keys:
                n = counts.get(key, 0)
                counts[key] = n + 1
                if n == 0:
                    held += 1
                    ones.add(key)
                elif n == 1:
                    ones.discard(key)
            if held > self.rule.max_keys:
                if not forgot_untouched:
                    forgot_untouched = True
                    held -= self._forget_untouched(source, touched)
                for key in ones:
                    counts[key] = 0
                held -= len(ones)
                ones.clear()
        self.db.executemany(
            "INSERT INTO paragraphs (source, key, n) VALUES (?, ?, ?) ON CONFLICT (source, key) "
            "DO UPDATE SET n = excluded.n",
            [(source, k, n) for k, n in counts.items() if n and n != before.get(k)])
        self.db.executemany("DELETE FROM paragraphs WHERE source = ? AND key = ?",
                            [(source, k) for k, n in counts.items() if not n and before.get(k)])
        self.db.execute(
            "INSERT INTO sources (source, records, para_keys) VALUES (?, ?, ?) ON CONFLICT (source) "
            "DO UPDATE SET records = records + excluded.records, para_keys = excluded.para_keys",
            (source, len(batch), held))

    def _forget_untouched(self, source: str, touched: list[str]) -> int:
        """Forget the source's keys seen once that this batch does not touch: the batch never
        counts them again, so forgetting them at its first pass of the bound or later is the same."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS touched (key TEXT PRIMARY KEY) WITHOUT ROWID")
        self.db.execute("DELETE FROM temp.touched")
        self.db.executemany("INSERT INTO temp.touched VALUES (?)", [(k,) for k in touched])
        return self.db.execute("DELETE FROM paragraphs WHERE source = ? AND n = 1 "
                               "AND key NOT IN (SELECT key FROM temp.touched)", (source,)).rowcount

    def articles(self, source: str) -> int:
        row = self.db.execute("SELECT records FROM sources WHERE source = ?", (source,)).fetchone()
        return row[0] if row else 0

    def keys_held(self, source: str) -> int:
        row = self.db.execute("SELECT para_keys FROM sources WHERE source = ?", (source,)).fetchone()
        return row[0] if row else 0

    def learned(self, source: str) -> frozenset[str]:
        """The source's boilerplate paragraph keys now."""
        total = self.articles(source)
        cached = self._learned.get(source)
        if cached is not None and cached[0] == total:
            return cached[1]
        known = frozenset(key for (key,) in self.db.execute(
            "SELECT key FROM paragraphs WHERE source = ? AND n >= ?", (source, self.rule.floor(total))))
        self._learned[source] = (total, known)
        return known
