"""Figures gathered line by line while packing: counts, date ranges, coverage.

Everything here is a counter or a min/max, so memory does not grow with the
number of records (only with sources, months and fields).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timezone

from newsarchive.handoff.lines import line_hash
from newsarchive.record.format import FIELDS, utc_instant

#: Timestamps are read the way the archive files them (newsarchive.record.format).
instant = utc_instant


def _filled(value) -> bool:
    return value is not None and value != "" and value != [] and value != {}


class Range:
    """Earliest and latest timestamp seen, kept as the original strings."""

    __slots__ = ("first", "last", "_lo", "_hi")

    def __init__(self):
        self.first = self.last = None
        self._lo = self._hi = None

    def add(self, text, moment: datetime | None = None) -> None:
        moment = moment or instant(text)
        if moment is None:
            return
        if self._lo is None or moment < self._lo:
            self._lo, self.first = moment, text
        if self._hi is None or moment > self._hi:
            self._hi, self.last = moment, text

    def merge(self, other: "Range") -> None:
        if other._lo is not None:
            self.add(other.first, other._lo)
            self.add(other.last, other._hi)


class SourceTally:
    """What the packed records of one source look like."""

    def __init__(self, source: str):
        self.source = source
        self.records = 0
        self.files = 0
        self.bytes = 0
        self.invalid = 0
        self.days: Counter[str] = Counter()
        self.months: Counter[str] = Counter()
        self.published = Range()
        self.crawled = Range()
        self.filled: Counter[str] = Counter()
        self.languages: Counter[str] = Counter()
        self.duplicates = 0
        self.versions_above_1 = 0
        self.no_published = 0


class FileTally:
    """One day file being packed: per-line hashes, counts, first/last
    publication; feeds its source's :class:`SourceTally`.

    ``on_line`` returns whether the line is kept (``crawled_since`` filter).
    """

    def __init__(self, source: SourceTally, day: str, crawled_since: datetime | None,
                 warc_refs: Counter):
        self.source, self.day, self.crawled_since = source, day, crawled_since
        self.warc_refs = warc_refs
        self.hashes = bytearray()
        self.records = 0
        self.invalid_lines: list[int] = []
        self.published = Range()
        self._seen = 0

    def on_line(self, line: bytes) -> bool:
        self._seen += 1
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if not isinstance(record, dict):
            record = None
        if self.crawled_since is not None:
            moment = instant(record.get("crawled_at")) if record else None
            if moment is None or moment < self.crawled_since:
                return False
        self.hashes += line_hash(line)
        self.records += 1
        tally = self.source
        if record is None:
            self.invalid_lines.append(self._seen)
            tally.invalid += 1
            return True
        published = record.get("published_at")
        moment = instant(published)
        if moment is not None:
            self.published.add(published, moment)
        else:
            tally.no_published += 1
        tally.crawled.add(record.get("crawled_at"))
        filled = tally.filled
        for name in FIELDS:
            if _filled(record.get(name)):
                filled[name] += 1
        if record.get("duplicate_of"):
            tally.duplicates += 1
        version = record.get("version")
        if isinstance(version, int) and version > 1:
            tally.versions_above_1 += 1
        language = record.get("language")
        if isinstance(language, str):
            tally.languages[language] += 1
        warc = record.get("warc")
        if isinstance(warc, dict) and isinstance(warc.get("file"), str):
            self.warc_refs[warc["file"]] += 1
        return True

    def close(self) -> None:
        """Fold this file into its source's figures (once it is packed)."""
        tally = self.source
        tally.records += self.records
        tally.files += 1
        tally.days[self.day] += self.records
        tally.months[self.day[:7]] += self.records
        tally.published.merge(self.published)

    def index_bytes(self) -> bytes:
        hexed = self.hashes.hex()
        step = 16
        return "".join(hexed[i:i + step] + "\n" for i in range(0, len(hexed), step)).encode("ascii")
