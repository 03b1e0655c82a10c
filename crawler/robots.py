"""Scrapy's ``RobotsTxtMiddleware``, with every request that waits for robots.txt checked against it.

Scrapy 2.19's middleware keeps one Deferred per host while robots.txt is
being fetched, and each waiting request awaits it through
``maybe_deferred_to_future`` (Twisted's ``Deferred.asFuture``), which
*consumes* the result: the first waiter gets the parser, every later one
gets None and is let through unchecked. So the pages a crawl asks for
first — its start URLs, and in a distributed crawl whatever a new worker
takes from the shared queue — could be fetched although robots.txt
disallows them (tests/test_robots.py). Here each waiter gets a Deferred
of its own, fed from the shared one, as the middleware did before it was
made a coroutine.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsTxt(RobotsTxtMiddleware):
    async def robot_parser(self, request):
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        mine: Deferred = Deferred()

        def relay(parser):
            mine.callback(parser)
            return parser  # for the next waiter

        pending.addCallback(relay)
        return await maybe_deferred_to_future(mine)
