"""Counters of a round, shared by its workers: job-report stats, the trap budget, ``max_articles``, ``since``.

A source's budget is the source's, not a worker's: with three workers,
``max_articles=100`` is 100 articles between them, a URL pattern's trap
budget is spent by all of them together, ``since`` is the one the first
worker of the round computed, and the verdict is the round's.

- ``{round}:stats`` (hash): every integer stat of every worker, pushed as
  increments each ``NEWS_REDIS_POLL`` seconds and at close; a worker closes
  only after the round has been idle for ``NEWS_REDIS_IDLE_CLOSE``, so by
  then every worker's counters are in, and every worker's job report judges
  the same totals;
- ``{round}:budget:requested`` and ``:productive`` (hashes): per URL pattern;
- ``{round}:since`` (hash): per source, the day the round started from.
"""

from __future__ import annotations

import logging
from numbers import Integral

logger = logging.getLogger(__name__)


class RoundCounters:
    def __init__(self, server, keys, stats):
        self.server = server
        self.keys = keys
        self.stats = stats
        self._pushed: dict[str, int] = {}

    # -- stats -------------------------------------------------------------------------
    def push(self) -> None:
        """Add what this worker's integer stats grew by since the last push."""
        deltas = {}
        for name, value in self.stats.get_stats().items():
            if isinstance(value, Integral) and not isinstance(value, bool):
                delta = int(value) - self._pushed.get(name, 0)
                if delta:
                    deltas[name] = delta
        if not deltas:
            return
        with self.server.pipeline(transaction=True) as pipe:
            for name, delta in deltas.items():
                pipe.hincrby(self.keys.stats, name, delta)
            pipe.execute()
        for name, delta in deltas.items():
            self._pushed[name] = self._pushed.get(name, 0) + delta

    def totals(self) -> dict[str, int]:
        """The round's stats: every worker's integer stats, summed."""
        return {k.decode(): int(v) for k, v in self.server.hgetall(self.keys.stats).items()}

    def written(self) -> int:
        """Articles the round's workers wrote (this worker's last ones included, pushed or not)."""
        raw = self.server.hget(self.keys.stats, "news/written")
        mine = self.stats.get_value("news/written", 0) - self._pushed.get("news/written", 0)
        return int(raw or 0) + mine

    # -- trap budget ---------------------------------------------------------------------
    def pattern_counts(self, pattern: str) -> tuple[int, int]:
        """(requested, productive) of a URL pattern in this round."""
        with self.server.pipeline(transaction=False) as pipe:
            pipe.hget(self.keys.budget_requested, pattern)
            pipe.hget(self.keys.budget_productive, pattern)
            requested, productive = pipe.execute()
        return int(requested or 0), int(productive or 0)

    def add_request(self, pattern: str) -> None:
        self.server.hincrby(self.keys.budget_requested, pattern, 1)

    def add_productive(self, pattern: str) -> None:
        self.server.hincrby(self.keys.budget_productive, pattern, 1)

    # -- since ---------------------------------------------------------------------------
    def since(self, source: str, computed):
        """The round's ``since`` for a source: the first worker's, which this one's becomes if it is first."""
        value = computed.isoformat() if computed is not None else ""
        self.server.hsetnx(self.keys.since, source, value)
        shared = self.server.hget(self.keys.since, source).decode()
        if shared != value:
            logger.info("%s: since=%s, the round's (this worker alone would have taken %s)",
                        source, shared or "none", value or "none")
        from datetime import date

        return date.fromisoformat(shared) if shared else None
