"""``extract()`` in worker processes, so one crawl uses every core.

The crawl asks for ``full=False``: pages that cannot be articles are decided
without reading their body and dates (``newsarchive.extract.article``).

Extraction is CPU-bound and Scrapy's reactor is one thread: in-process, a
crawl uses one core however many the host has. With
``NEWS_EXTRACT_WORKERS`` > 0 pages are extracted in a pool of processes
while the reactor goes on downloading:

- ``auto`` is the host's cores divided among the crawls running on it at
  once (``NEWS_HOST_CRAWLS``, which ``scrapy crawlall --parallel N`` sets);
  ``0`` extracts in-process (what most tests use: same results, simpler);
- the queue is bounded: at most ``2 × workers`` pages wait for a worker, so
  memory stays flat however fast pages arrive;
- the pool is replaced by a fresh one after ``NEWS_EXTRACT_WORKER_PAGES``
  pages per worker (the old one finishes its pages, then its workers exit),
  so workers stay the size they were after their first pages (caches filled
  by distinct URLs, the parser's heap) however long the crawl. Not
  ``max_tasks_per_child``: on Python 3.11 and 3.12 a worker leaving at its
  limit can go unreplaced and hang the pool (CPython gh-115634);
- a crashed worker (killed, out of memory, a page that crashes the parser)
  breaks the pool: the pool is started again and every page that was in it
  is extracted once more; a page that breaks the new pool too is dropped as
  ``extraction_crashed`` (``news/extract/pool_restarts`` counts restarts).

Workers start from a fork server that has the extraction modules imported
already, so a restart costs milliseconds, not an import of lxml and
trafilatura.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from scrapy import signals

from crawler import defaults
from newsarchive.extract.article import ExtractionError, extract

logger = logging.getLogger(__name__)


def worker_count(settings) -> int:
    """``NEWS_EXTRACT_WORKERS`` as a number; ``auto`` shares the host's cores among its crawls."""
    value = str(defaults.get(settings, "NEWS_EXTRACT_WORKERS")).strip().lower()
    if value != "auto":
        return max(0, int(value))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if cores < 2:
        return 0  # a pool on one core only adds copying
    return max(1, cores // max(1, defaults.get(settings, "NEWS_HOST_CRAWLS")))


def _extract_in_worker(url: str, body: bytes, headers: dict, profile, min_chars: int, keep_text: bool):
    """The crawl's ``extract()`` call (in a worker, or in-process with ``workers == 0``)."""
    result = extract(url, body, headers, profile=profile, min_chars=min_chars, full=False)
    if not keep_text:
        result.text = ""
    return result


class ExtractionPool:
    """Runs ``extract()`` for the spider, in workers or in-process (``workers == 0``)."""

    def __init__(self, workers: int, stats=None, pages_per_worker: int = 0):
        self.workers = workers
        self.pages_per_worker = pages_per_worker
        self.stats = stats
        self._executor: ProcessPoolExecutor | None = None
        self._pages = 0  # pages given to the current pool
        self._queue = asyncio.Semaphore(2 * workers) if workers else None

    @classmethod
    def from_crawler(cls, crawler) -> "ExtractionPool":
        pool = getattr(crawler, "_news_extraction_pool", None)
        if pool is None:
            pool = cls(worker_count(crawler.settings), crawler.stats,
                       defaults.get(crawler.settings, "NEWS_EXTRACT_WORKER_PAGES"))
            crawler._news_extraction_pool = pool
            crawler.signals.connect(pool.close, signal=signals.spider_closed)
            if pool.workers:
                logger.info("extracting pages in %d worker processes", pool.workers)
        return pool

    async def extract(self, url: str, body: bytes, headers: dict, profile, min_chars: int,
                      keep_text: bool = True):
        """``extract()``'s result; raises ``ExtractionError`` as it does.

        Without ``keep_text`` a worker leaves the decoded page out of the result
        (only the JavaScript-rendering rule reads it): half the bytes sent back.
        """
        if not self.workers:
            return _extract_in_worker(url, body, headers, profile, min_chars, keep_text=True)
        async with self._queue:
            for attempt in (1, 2):
                executor = self._pool()
                try:
                    future = executor.submit(_extract_in_worker, url, body, headers, profile, min_chars, keep_text)
                    return await asyncio.wrap_future(future)
                except BrokenProcessPool:
                    self._restart(executor)
            raise ExtractionError("extraction_crashed", "the page crashed an extraction worker twice")

    def _pool(self) -> ProcessPoolExecutor:
        """The pool for the next page: a fresh one once this one had its pages."""
        if self._executor is not None and self.pages_per_worker and \
                self._pages >= self.pages_per_worker * self.workers:
            self._executor.shutdown(wait=False)  # its pages still finish, then its workers exit
            self._executor = None
        if self._executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["newsarchive.extract.article"])
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context)
            self._pages = 0
        self._pages += 1
        return self._executor

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        """Replace a broken pool once, however many pages found it broken."""
        if self._executor is not broken:
            return
        logger.warning("an extraction worker died; starting the pool again and retrying its pages")
        if self.stats is not None:
            self.stats.inc_value("news/extract/pool_restarts")
        broken.shutdown(wait=False, cancel_futures=True)
        self._executor = None

    def close(self, *args, **kwargs) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
