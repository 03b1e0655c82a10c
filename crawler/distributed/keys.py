"""Names of the Redis keys a distributed crawl uses, in one place (``scrapy frontier`` reads them too).

Two families under ``NEWS_REDIS_PREFIX`` (default ``news``):

- a round's: ``{prefix}:round:{round}:…`` — ``queue`` (sorted set of
  serialized requests, scrapy-redis's priority queue), ``seen`` (set of
  request fingerprints), ``workers`` (set of worker ids), ``alive:{worker}``
  (heartbeat, expires), ``lease:{worker}`` (hash: the worker's requests in
  progress), ``stats``, ``budget:*`` and ``since`` (``counters.RoundCounters``). ``scrapy frontier --clear ROUND`` removes them all;
- the archive's: ``{prefix}:archive:…`` — what every worker has archived
  (``state.RedisDedupeState``). It outlives rounds: it is never cleared by
  the frontier command.
"""

from __future__ import annotations

from dataclasses import dataclass

@dataclass(frozen=True)
class RoundKeys:
    prefix: str
    round: str

    def _key(self, name: str) -> str:
        return f"{self.prefix}:round:{self.round}:{name}"

    queue = property(lambda self: self._key("queue"))
    seen = property(lambda self: self._key("seen"))
    workers = property(lambda self: self._key("workers"))
    stats = property(lambda self: self._key("stats"))
    budget_requested = property(lambda self: self._key("budget:requested"))
    budget_productive = property(lambda self: self._key("budget:productive"))
    budget_credited = property(lambda self: self._key("budget:credited"))
    limits = property(lambda self: self._key("limits"))
    since = property(lambda self: self._key("since"))
    #: Every key of the round (a SCAN pattern).
    pattern = property(lambda self: self._key("*"))

    def alive(self, worker: str) -> str:
        """The worker's heartbeat (``alive("*")``: every worker's, as a SCAN pattern)."""
        return self._key(f"alive:{worker}")

    def lease(self, worker: str) -> str:
        return self._key(f"lease:{worker}")


@dataclass(frozen=True)
class ArchiveKeys:
    """Hashes of what the archive holds (``state.RedisDedupeState`` says what each maps)."""

    prefix: str

    def _key(self, name: str) -> str:
        return f"{self.prefix}:archive:{name}"

    ids = property(lambda self: self._key("ids"))
    urls = property(lambda self: self._key("urls"))
    exact = property(lambda self: self._key("exact"))
    bands = property(lambda self: self._key("bands"))
    sigs = property(lambda self: self._key("sigs"))
    stories = property(lambda self: self._key("stories"))
    sources = property(lambda self: self._key("sources"))
    synced = property(lambda self: self._key("synced"))

    def claim(self, what: str) -> str:
        return self._key(f"claim:{what}")
