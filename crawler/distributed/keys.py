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

    @property
    def base(self) -> str:
        return f"{self.prefix}:round:{self.round}"

    @property
    def queue(self) -> str:
        return f"{self.base}:queue"

    @property
    def seen(self) -> str:
        return f"{self.base}:seen"

    @property
    def workers(self) -> str:
        return f"{self.base}:workers"

    def alive(self, worker: str) -> str:
        return f"{self.base}:alive:{worker}"

    def lease(self, worker: str) -> str:
        return f"{self.base}:lease:{worker}"

    @property
    def stats(self) -> str:
        return f"{self.base}:stats"

    @property
    def budget_requested(self) -> str:
        return f"{self.base}:budget:requested"

    @property
    def budget_productive(self) -> str:
        return f"{self.base}:budget:productive"

    @property
    def budget_credited(self) -> str:
        return f"{self.base}:budget:credited"

    @property
    def limits(self) -> str:
        return f"{self.base}:limits"

    @property
    def since(self) -> str:
        return f"{self.base}:since"

    @property
    def pattern(self) -> str:
        """Every key of the round (SCAN pattern)."""
        return f"{self.base}:*"


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
