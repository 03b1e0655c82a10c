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

Redis commands are retried for ``NEWS_REDIS_RETRY_SECONDS`` (a restart);
past that the crawl closes with ``redis_unavailable``, a failed verdict.
A worker closes when the round's queue has been empty and no worker held a
lease for ``NEWS_REDIS_IDLE_CLOSE`` seconds; meanwhile it asks the queue
every ``NEWS_REDIS_POLL`` seconds, so work another worker discovers is taken
up at once. On any other close (a limit, Ctrl-C) its leases go back to the
queue.
"""

from __future__ import annotations

import logging
import time

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler import defaults
from crawler.distributed import connection
from crawler.distributed.counters import RoundCounters
from crawler.distributed.dupefilter import FingerprintDupeFilter
from crawler.distributed.keys import RoundKeys
from newsarchive.store.state import state_for

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
        self._closing = False
        self._run_id: str | None = None

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
        self.counters = RoundCounters(self.server, self.keys, self.stats)
        self.crawler.news_round = self.counters  # the limits, the trap budget and the job report count on it
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
        try:
            self._ack_finished()
            if self._held:
                moved = self.queue.give_back(self.queue.lease_key, list(self._held))
                self.stats.inc_value("news/redis/given_back", moved)
                logger.info("distributed crawl: %d request(s) in progress given back to the round's queue", moved)
                self._held.clear()
            self.counters.push()
            self.server.srem(self.keys.workers, self.worker)
            self.server.delete(self.keys.alive(self.worker))
        except redis.RedisError as exc:
            logger.warning("distributed crawl: Redis unreachable at close (%s): this worker's %d leased "
                           "request(s) go back to the queue when another worker sees its heartbeat expire",
                           exc, len(self._held))

    # -- requests ----------------------------------------------------------------
    def enqueue_request(self, request) -> bool:
        try:
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            self.queue.push(request)
        except redis.RedisError as exc:
            return bool(self._lost(exc))
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def has_pending_requests(self) -> bool:
        try:
            return len(self.queue) > 0
        except redis.RedisError as exc:
            return bool(self._lost(exc))

    def _lost(self, exc: Exception) -> None:
        """Redis stayed unreachable past the client's retries: close the crawl, once, with a reason
        the verdict fails on (``redis_unavailable``); the round's queue keeps what was not done."""
        if not self._closing:
            self._closing = True
            self.stats.set_value("news/redis/unavailable", 1)
            # What is still in flight fails at once now instead of each retrying for the whole window.
            self.server.set_retry(Retry(NoBackoff(), 0))
            logger.error("distributed crawl: Redis at %s unreachable (%s); closing the crawl",
                         connection.redacted(connection.url_of(self.crawler)), exc)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="redis_unavailable"))
        return None

    def next_request(self):
        try:
            request, field = self.queue.pop()
        except redis.RedisError as exc:
            return self._lost(exc)
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
            self._notice_restart()
            self._ack_finished()
            self._reap()
            self.counters.push()
        except redis.RedisError as exc:  # unreachable past the client's retries
            self._lost(exc)
            return
        engine = self.crawler.engine
        if engine is not None and engine._slot is not None and not self._held:
            engine._slot.nextcall.schedule()  # an idle worker asks the queue again now

    def _notice_restart(self) -> None:
        """A Redis that restarted may have lost its last writes (append-only fsync is once a second
        by default): this worker's archived lines are registered again (``RedisDedupeState.sync``)."""
        run_id = self.server.info("server").get("run_id")
        if self._run_id is not None and run_id != self._run_id:
            self.stats.inc_value("news/redis/restarts_seen")
            logger.warning("distributed crawl: Redis restarted; registering this worker's articles again")
            state = state_for(self.crawler)
            if hasattr(state, "sync"):
                state.sync(since_start=True)
        self._run_id = run_id

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
