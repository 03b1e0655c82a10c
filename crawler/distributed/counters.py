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
- ``{round}:budget:requested`` and ``:productive`` (hashes): per URL pattern,
  ``:credited`` (set): the pages credited (each once);
- ``{round}:since`` (hash): per source, the day the round started from;
- ``{round}:limits`` (hash): ``articles``, the ``max_articles`` slots taken
  (written, or in a worker's pipelines).
"""

from __future__ import annotations

import logging
from datetime import date
from numbers import Integral

logger = logging.getLogger(__name__)


_TAKE_SLOT = """
local taken = tonumber(redis.call('HGET', KEYS[1], 'articles') or '0')
if taken >= tonumber(ARGV[1]) then return 0 end
redis.call('HINCRBY', KEYS[1], 'articles', 1)
return 1
"""

_RELEASE_SLOT = """
if tonumber(redis.call('HGET', KEYS[1], 'articles') or '0') > 0 then redis.call('HINCRBY', KEYS[1], 'articles', -1) end
return 1
"""


_TAKE_REQUEST = """
local requested = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local productive = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if requested >= productive + tonumber(ARGV[2]) then return {0, requested, productive} end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
return {1, requested + 1, productive}
"""


_CREDIT = """
if redis.call('SADD', KEYS[2], ARGV[2]) == 1 then redis.call('HINCRBY', KEYS[1], ARGV[1], 1) end
return 1
"""


class RoundCounters:
    def __init__(self, server, keys, stats):
        self.server = server
        self.keys = keys
        self.name = keys.round
        self.stats = stats
        self._pushed: dict[str, int] = {}
        self._take = server.register_script(_TAKE_SLOT)
        self._release = server.register_script(_RELEASE_SLOT)
        self._take_request = server.register_script(_TAKE_REQUEST)
        self._credit = server.register_script(_CREDIT)

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

    # -- max_articles ----------------------------------------------------------------------
    def take_slot(self, limit: int) -> bool:
        """One of the round's ``limit`` article slots (written + in the pipelines), if one is free."""
        return bool(self._take(keys=[self.keys.limits], args=[limit]))

    def release_slot(self) -> None:
        self._release(keys=[self.keys.limits])

    # -- trap budget ---------------------------------------------------------------------
    def take_request(self, pattern: str, budget: int) -> tuple[bool, int, int]:
        """One more request of a URL pattern if the round's budget allows: (allowed, requested, productive)."""
        allowed, requested, productive = self._take_request(
            keys=[self.keys.budget_requested, self.keys.budget_productive], args=[pattern, budget])
        return bool(allowed), int(requested), int(productive)

    def add_productive(self, pattern: str, page_url: str) -> None:
        """Credit a page to its pattern once per round (requests carry their referrer to other workers
        as copies, so a per-request "credited" flag cannot say it was credited already)."""
        self._credit(keys=[self.keys.budget_productive, self.keys.budget_credited], args=[pattern, page_url])

    # -- since ---------------------------------------------------------------------------
    def since(self, source: str, computed):
        """The round's ``since`` for a source: the first worker's, which this one's becomes if it is first."""
        value = computed.isoformat() if computed is not None else ""
        self.server.hsetnx(self.keys.since, source, value)
        shared = self.server.hget(self.keys.since, source).decode()
        if shared != value:
            logger.info("%s: since=%s, the round's (this worker alone would have taken %s)",
                        source, shared or "none", value or "none")
        return date.fromisoformat(shared) if shared else None
