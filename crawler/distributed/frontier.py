"""What a distributed crawl's Redis holds, for ``scrapy frontier``: rounds, queues, leases, sources.

Read-only except ``clear_round``, which removes one round's keys (queue,
seen-set, workers, leases) and never the archive's: the archived ids stay,
so a cleared round crawled again still writes nothing twice.
"""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import dataclass, field

from crawler.distributed.keys import ArchiveKeys, RoundKeys

#: Queued requests read to count them per source (the queue's best-ranked first).
SOURCE_SAMPLE = 10_000


@dataclass
class RoundStatus:
    round: str
    queued: int
    seen: int
    leased: int
    workers_alive: list[str]
    #: source → queued requests, over the first SOURCE_SAMPLE of the queue.
    queued_by_source: Counter = field(default_factory=Counter)
    sampled: int = 0

    def as_dict(self) -> dict:
        return {"round": self.round, "queued": self.queued, "seen": self.seen, "leased": self.leased,
                "workers_alive": self.workers_alive, "queued_by_source": dict(self.queued_by_source),
                "queued_sampled": self.sampled}


def rounds(server, prefix: str) -> list[str]:
    """Names of the rounds that have keys, oldest name first."""
    base = f"{prefix}:round:"
    found = set()
    for key in server.scan_iter(match=f"{base}*", count=1000):
        rest = key.decode()[len(base):]
        found.add(rest.split(":", 1)[0])
    return sorted(found)


def round_status(server, prefix: str, name: str) -> RoundStatus:
    keys = RoundKeys(prefix, name)
    workers = sorted(w.decode() for w in server.smembers(keys.workers))
    with server.pipeline(transaction=False) as pipe:
        pipe.zcard(keys.queue)
        pipe.scard(keys.seen)
        for worker in workers:
            pipe.hlen(keys.lease(worker))
            pipe.exists(keys.alive(worker))
        queued, seen, *per_worker = pipe.execute()
    leased = sum(per_worker[0::2])
    alive = [w for w, up in zip(workers, per_worker[1::2]) if up]
    status = RoundStatus(name, queued, seen, leased, alive)
    for data in server.zrange(keys.queue, 0, SOURCE_SAMPLE - 1):
        status.sampled += 1
        try:
            meta = pickle.loads(data).get("meta") or {}
        except Exception:  # not one of ours
            meta = {}
        status.queued_by_source[meta.get("news_source") or "?"] += 1
    return status


def archived_by_source(server, prefix: str) -> dict[str, int]:
    counts = server.hgetall(ArchiveKeys(prefix).sources)
    return {k.decode(): int(v) for k, v in sorted(counts.items())}


class RoundBusy(RuntimeError):
    pass


def clear_round(server, prefix: str, name: str) -> int:
    """Remove the round's keys (refused while one of its workers is alive); returns how many."""
    keys = RoundKeys(prefix, name)
    alive = [k for k in server.scan_iter(match=keys.alive("*"), count=1000)]
    if alive:
        raise RoundBusy(f"round {name} has {len(alive)} live worker(s); stop them first")
    doomed = list(server.scan_iter(match=keys.pattern, count=1000))
    for start in range(0, len(doomed), 1000):
        server.unlink(*doomed[start:start + 1000])
    return len(doomed)
