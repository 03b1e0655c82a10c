"""scrapy-redis's scheduler with leased requests, rounds and a shared idle rule.

scrapy-redis pops a request from the shared queue and forgets it: a worker
killed with requests in hand loses them for the round. Here a pop moves the
request, in one Lua step, from the round's queue into the worker's *lease*
(a hash in Redis). The lease is dropped once the engine is done with the
request: it left ``engine._slot.inprogress``, which happens only after the
download, the callback and the item pipelines of what it yielded (its child
requests are in the queue by then). Each worker keeps a heartbeat key alive;
any worker that finds another's heartbeat gone puts that worker's leases
back in the queue (``news/redis/requeued``). So a kill -9 costs the requests
being processed a second fetch, never their articles (the dedupe state
drops what was archived already).

A worker closes when the round's queue has been empty and no worker held a
lease for ``NEWS_REDIS_IDLE_CLOSE`` seconds; meanwhile it asks the queue
every ``NEWS_REDIS_POLL`` seconds, so work another worker discovers is taken
up at once. On any other close (a limit, Ctrl-C) its leases go back to the
queue.
"""

from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from crawler import defaults
from crawler.distributed import connection
from crawler.distributed.dupefilter import FingerprintDupeFilter
from crawler.distributed.keys import RoundKeys

logger = logging.getLogger(__name__)

#: Pop the best request into the lease under field "<token>|<score>" (the score, to put it back).
_POP = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
local field = ARGV[1] .. '|' .. item[2]
redis.call('HSET', KEYS[2], field, item[1])
return {field, item[1]}
"""

#: Put leased requests back in the queue: the fields in ARGV, or all of them when none is given.
_REQUEUE = """
local fields = ARGV
if #fields == 0 then fields = redis.call('HKEYS', KEYS[2]) end
local moved = 0
for _, field in ipairs(fields) do
  local data = redis.call('HGET', KEYS[2], field)
  if data then
    redis.call('ZADD', KEYS[1], string.match(field, '|(.*)$'), data)
    redis.call('HDEL', KEYS[2], field)
    moved = moved + 1
  end
end
return moved
"""


class LeasedQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop leases (see the module's docstring)."""

    def __init__(self, server, spider, key, lease_key, serializer=None):
        super().__init__(server, spider, key, serializer)
        self.lease_key = lease_key
        self._pop = server.register_script(_POP)
        self._requeue = server.register_script(_REQUEUE)
        self._tokens = 0

    def pop(self, timeout=0):
        """The next request and its lease field, or (None, None)."""
        self._tokens += 1
        found = self._pop(keys=[self.key, self.lease_key], args=[self._tokens])
        if not found:
            return None, None
        field, data = found
        return self._decode_request(data), field

    def ack(self, fields) -> None:
        if fields:
            self.server.hdel(self.lease_key, *fields)

    def give_back(self, lease_key: str, fields=()) -> int:
        return int(self._requeue(keys=[self.key, lease_key], args=list(fields)))


class LeasingScheduler(Scheduler):
    """``SCHEDULER`` of a distributed crawl (set by ``crawler.distributed.addon``)."""

    def __init__(self, server, crawler, dupefilter, *, prefix: str, idle_close: float,
                 heartbeat: float, poll: float, serializer=None):
        super().__init__(server, persist=True, dupefilter=dupefilter, serializer=serializer)
        self.crawler = crawler
        self.stats = crawler.stats
        self.prefix = prefix
        self.idle_close, self.heartbeat, self.poll = idle_close, heartbeat, poll
        self.worker = connection.worker_id()
        #: lease field → request the engine has not finished with.
        self._held: dict[str, object] = {}
        self._idle_since: float | None = None
        self._loop = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        server = connection.client_for(crawler)
        dupefilter = FingerprintDupeFilter(server, key=None, fingerprinter=crawler.request_fingerprinter,
                                           stats=crawler.stats, debug=settings.getbool("DUPEFILTER_DEBUG"))
        return cls(server, crawler, dupefilter,
                   prefix=defaults.get(settings, "NEWS_REDIS_PREFIX"),
                   idle_close=defaults.get(settings, "NEWS_REDIS_IDLE_CLOSE"),
                   heartbeat=defaults.get(settings, "NEWS_REDIS_HEARTBEAT"),
                   poll=defaults.get(settings, "NEWS_REDIS_POLL"))

    def open(self, spider):
        self.spider = spider
        self.keys = RoundKeys(self.prefix, spider.crawl_args.round_name)
        self.df.key = self.keys.seen
        self.queue = LeasedQueue(self.server, spider, self.keys.queue, self.keys.lease(self.worker),
                                 self.serializer)
        self._beat()
        waiting = len(self.queue)
        logger.info("distributed crawl: round %s on Redis %s as worker %s (%d request(s) queued, %d worker(s))",
                    self.keys.round, connection.redacted(connection.url_of(self.crawler)), self.worker,
                    waiting, self.server.scard(self.keys.workers))
        self.crawler.signals.connect(self._spider_idle, signal=signals.spider_idle)
        self._loop = task.LoopingCall(self._tick)
        self._loop.start(self.poll, now=False)

    def close(self, reason):
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        self._ack_finished()
        if self._held:
            moved = self.queue.give_back(self.queue.lease_key, list(self._held))
            self.stats.inc_value("news/redis/given_back", moved)
            logger.info("distributed crawl: %d request(s) in progress given back to the round's queue", moved)
            self._held.clear()
        self.server.srem(self.keys.workers, self.worker)
        self.server.delete(self.keys.alive(self.worker))

    # -- requests ----------------------------------------------------------------
    def enqueue_request(self, request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.queue.push(request)
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self):
        request, field = self.queue.pop()
        if request is None:
            return None
        self._held[field] = request
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    # -- the round ---------------------------------------------------------------
    def _tick(self) -> None:
        """Every NEWS_REDIS_POLL seconds: heartbeat, finished leases dropped, dead workers' put back."""
        try:
            self._beat()
            self._ack_finished()
            self._reap()
        except Exception as exc:  # a Redis hiccup must not stop the loop for good
            self.stats.inc_value("news/redis/errors")
            logger.warning("distributed crawl: Redis: %s", exc)
            return
        engine = self.crawler.engine
        if engine is not None and engine._slot is not None and not self._held:
            engine._slot.nextcall.schedule()  # an idle worker asks the queue again now

    def _beat(self) -> None:
        with self.server.pipeline(transaction=False) as pipe:
            pipe.sadd(self.keys.workers, self.worker)
            pipe.set(self.keys.alive(self.worker), int(time.time()), px=int(self.heartbeat * 1000))
            pipe.execute()

    def _ack_finished(self) -> None:
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)
        inprogress = slot.inprogress if slot is not None else set()
        done = [field for field, request in self._held.items() if request not in inprogress]
        if done:
            self.queue.ack(done)
            for field in done:
                del self._held[field]

    def _reap(self) -> None:
        workers = [w.decode() for w in self.server.smembers(self.keys.workers)]
        others = [w for w in workers if w != self.worker]
        if not others:
            return
        with self.server.pipeline(transaction=False) as pipe:
            for other in others:
                pipe.exists(self.keys.alive(other))
            alive = pipe.execute()
        for other, up in zip(others, alive):
            if up:
                continue
            moved = self.queue.give_back(self.keys.lease(other))
            self.server.srem(self.keys.workers, other)
            if moved:
                self.stats.inc_value("news/redis/requeued", moved)
                logger.info("distributed crawl: worker %s stopped (no heartbeat); its %d request(s) "
                            "are back in the queue", other, moved)

    def round_busy(self) -> bool:
        """Requests queued, or leased by any worker."""
        with self.server.pipeline(transaction=False) as pipe:
            pipe.zcard(self.keys.queue)
            for worker in self.server.smembers(self.keys.workers):
                pipe.hlen(self.keys.lease(worker.decode()))
            return any(pipe.execute())

    def _spider_idle(self, spider):
        """Close only after the whole round has been idle for NEWS_REDIS_IDLE_CLOSE seconds."""
        self._ack_finished()
        if self.round_busy():
            self._idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self._idle_since is None:
            self._idle_since = now
            logger.info("distributed crawl: round %s has no work left; closing after %.0f s more of it",
                        self.keys.round, self.idle_close)
        if now - self._idle_since < self.idle_close:
            raise DontCloseSpider
