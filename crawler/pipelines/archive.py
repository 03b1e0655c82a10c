"""Append each record once to ``ARCHIVE_DIR/<source>/<YYYY-MM-DD>.jsonl``.

The line is written with a single ``write`` on an O_APPEND descriptor inside
the dedupe state's commit, which holds the state's write lock, so concurrent
crawls never interleave, and it is only counted (and logged) as written once
that write returned.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
from pathlib import Path

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from crawler import defaults
from newsarchive.store.jobs import COVERAGE_FIELDS
from newsarchive.record.format import UnsafePathError, archive_day, day_file, public, to_line
from newsarchive.record.item import notes_of
from newsarchive.store.inventory import write_all
from newsarchive.store.state import ClaimHeld, state_for
from newsarchive.text.learned import SplitBody

logger = logging.getLogger(__name__)


class ArchivePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.archive_dir = Path(defaults.get(crawler.settings, "ARCHIVE_DIR")).resolve()
        self.fsync = defaults.get(crawler.settings, "ARCHIVE_FSYNC")
        self._day_files: dict = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.archive_dir.mkdir(parents=True, exist_ok=True)
        self.state = state_for(self.crawler)
        logger.info("archive: %s", self.archive_dir)

    def close_spider(self):
        self.state.close()

    def process_item(self, item):
        record, notes = public(item), notes_of(item)
        try:
            path = self._day_file(record["source"], archive_day(record))
        except UnsafePathError as exc:
            self.stats.inc_value("news/dropped/unsafe_path")
            raise DropItem(f"unsafe_path: {exc}") from None
        written = SplitBody.of(record["body"] or "", notes.split)
        try:
            committed = self.state.commit(record, notes.keys, notes.fingerprint,
                                          lambda rec: append_record(self.archive_dir, path, rec, self.fsync),
                                          notes.paragraphs, written.counted_keys())
        except ClaimHeld as held:
            return self._after_claim(item, held)
        if not committed:
            self.stats.inc_value("news/duplicates/url")
            raise DropItem(f"duplicate (archived by another crawl): {record['url']}", log_level="DEBUG")
        day = path.stem
        self.stats.inc_value("news/written")
        self.stats.inc_value(f"news/written/{record['source']}/{day}")
        if record.get("published_at"):
            self.stats.max_value(f"news/newest_day/{record['source']}", day)
        for name in COVERAGE_FIELDS:
            if record.get(name):
                self.stats.inc_value(f"news/coverage/{name}")
                self.stats.inc_value(f"news/coverage/{record['source']}/{name}")
        logger.debug("written %s to %s", record["url"], path)
        return item

    async def _after_claim(self, item, held: ClaimHeld):
        """Another worker of a distributed crawl is writing this article: wait, then try again
        (the commit then finds it archived, or the claim of a dead worker expired)."""
        self.stats.inc_value("news/redis/claim_waits")
        logger.debug("%s: %s; waiting", ItemAdapter(item).get("url"), held)
        await asyncio.sleep(min(max(held.wait, 0.05), _CLAIM_POLL))
        result = self.process_item(item)
        return await result if inspect.isawaitable(result) else result

    def _day_file(self, source, day):
        """``day_file``, checked once per source and day: a crawl writes a few day files many times."""
        key = (source, day)
        path = self._day_files.get(key)
        if path is None:
            if len(self._day_files) >= _DAY_FILES_REMEMBERED:
                self._day_files.clear()
            path = self._day_files[key] = day_file(self.archive_dir, source, day)
        return path


#: Seconds between tries of a commit another worker holds a claim on.
_CLAIM_POLL = 0.25

#: Day files whose path a crawl remembers (a back-fill writes thousands).
_DAY_FILES_REMEMBERED = 4096


def append_record(archive_dir: Path, path: Path, record: dict, fsync: bool = False) -> tuple[str, int]:
    """Append one line; return its file (relative to the archive) and end offset."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        write_all(fd, to_line(record))
        if fsync:
            os.fsync(fd)
        end = os.fstat(fd).st_size
    finally:
        os.close(fd)
    return path.relative_to(archive_dir).as_posix(), end
