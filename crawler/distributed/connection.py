"""The Redis connection of a distributed crawl: one client per process, the password kept out of sight.

``REDIS_URL`` takes what redis-py takes: ``redis://[[user]:password@]host:port/db``
and ``rediss://`` for TLS (certificates with ``REDIS_PARAMS``). The add-on
replaces the setting by its redacted form before Scrapy logs the settings, so
the real URL is kept on the crawler only (``url_of``).
"""

from __future__ import annotations

import os
import socket
import uuid
from urllib.parse import urlsplit, urlunsplit

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from crawler import defaults

#: Attribute of the crawler that holds the real ``REDIS_URL``.
_URL_ATTR = "_news_redis_url"


class RedisUnavailable(RuntimeError):
    """Redis cannot be used (refused, wrong password, not Redis): str() is the one line for the user."""


def redacted(url: str) -> str:
    """The URL with its password replaced by ``***`` (what logs, reports and commands show)."""
    parts = urlsplit(url or "")
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{user}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def keep_url(crawler, url: str) -> None:
    setattr(crawler, _URL_ATTR, url)


def url_of(crawler) -> str:
    return getattr(crawler, _URL_ATTR, None) or crawler.settings.get("REDIS_URL", "")


def connect(url: str, params: dict | None = None, retry_seconds: float = 30.0) -> redis.Redis:
    """A checked client (PING answered), or ``RedisUnavailable`` naming what failed, never the password.

    Commands are retried with backoff for about ``retry_seconds`` on a lost
    connection, so a Redis restart (append-only persistence on) is ridden out.
    """
    retries = max(1, int(retry_seconds // 2))
    options = {"socket_timeout": 30, "socket_connect_timeout": 10, "health_check_interval": 15,
               "retry": Retry(ExponentialBackoff(cap=2.0, base=0.2), retries),
               "retry_on_error": [redis.ConnectionError, redis.TimeoutError], **(params or {})}
    where = redacted(url)
    try:
        client = redis.Redis.from_url(url, **options)
        client.ping()
    except redis.AuthenticationError as exc:
        if "required" in str(exc).lower():
            raise RedisUnavailable(f"Redis at {where} needs a password (redis://:PASSWORD@host:port/db)") from None
        raise RedisUnavailable(f"Redis at {where} refused the credentials (wrong password or user)") from None
    except redis.ResponseError as exc:
        if "NOAUTH" in str(exc) or "WRONGPASS" in str(exc):
            raise RedisUnavailable(f"Redis at {where} needs a password (redis://:PASSWORD@host:port/db)") from None
        raise RedisUnavailable(f"Redis at {where}: {exc}") from None
    except (redis.ConnectionError, redis.TimeoutError, ValueError, OSError) as exc:
        raise RedisUnavailable(f"cannot reach Redis at {where}: {_quiet(exc, url)}") from None
    return client


def client_for(crawler) -> redis.Redis:
    """The crawl's one client (scheduler, dupefilter and dedupe state share it)."""
    client = getattr(crawler, "_news_redis", None)
    if client is None:
        settings = crawler.settings
        client = connect(url_of(crawler), defaults.get(settings, "REDIS_PARAMS"),
                         defaults.get(settings, "NEWS_REDIS_RETRY_SECONDS"))
        crawler._news_redis = client
    return client


_WORKER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def worker_id() -> str:
    """This process's name among the round's workers: host, pid and a random tag."""
    return _WORKER


def _quiet(exc: Exception, url: str) -> str:
    """The exception's text, with the URL's password (if it somehow appears) masked."""
    text = str(exc)
    password = urlsplit(url).password
    return text.replace(password, "***") if password else text
