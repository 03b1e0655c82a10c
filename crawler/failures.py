"""Why a request failed, as a short stable name for stats and logs.

Our own refusals are typed (``LimitReached``, ``GateRefused``: subclasses of
Scrapy's ``IgnoreRequest``) and classified by type. Scrapy raises a bare
``IgnoreRequest`` for robots.txt, redirect chains and oversized downloads;
those are told apart by message here, in this one place.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError


class LimitReached(IgnoreRequest):
    """A request not sent because ``max_pages`` was reached (counted by the limit)."""


class GateRefused(IgnoreRequest):
    """A request the URL gate stopped (off site, already archived, a crawl trap); counted by the gate."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


#: Exception class names of Twisted and Scrapy download errors → reason.
_BY_TYPE = {
    "DownloadTimeoutError": "timeout", "TimeoutError": "timeout", "TCPTimedOutError": "timeout",
    "ResponseDataLossError": "truncated", "ResponseFailed": "connection_lost",
    "ConnectionRefusedError": "connection_refused", "ConnectionLost": "connection_lost",
    "DNSLookupError": "dns_error", "DownloadCancelledError": "too_large",
}
#: Scrapy's untyped IgnoreRequest messages (lowercased fragments) → reason.
_IGNORED_BY_MESSAGE = (
    ("download_maxsize", "too_large"), ("max size", "too_large"),
    ("redirect", "too_many_redirects"), ("robots.txt", "robots_disallowed"),
)


def failure_reason(failure) -> str:
    """``http_404``, ``timeout``, ``robots_disallowed``, ``limit``, ``gate`` …"""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(LimitReached):
        return "limit"
    if failure.check(GateRefused):
        return "gate"
    if failure.check(IgnoreRequest):
        message = str(failure.value).lower()
        for fragment, reason in _IGNORED_BY_MESSAGE:
            if fragment in message:
                return reason
        return "ignored"
    name = type(failure.value).__name__
    return _BY_TYPE.get(name, name.lower())


#: Kinds of requests whose failure loses a page that may be an article.
_PAGE_KINDS = ("page", "article", "article_part")


def count_loss(stats, logger, meta, url: str, reason: str, *, quiet: bool = False, detail: str = "") -> None:
    """Count and log one page or discovery document lost, by kind: never a silent loss.

    A page is ``news/dropped/<reason>`` (INFO); a robots.txt, sitemap or feed
    is ``news/discovery/<reason>`` (DEBUG for the locations merely guessed).
    """
    kind = meta.get("news_kind")
    quiet = quiet or (kind not in _PAGE_KINDS and meta.get("news_guess"))
    log = logger.debug if quiet else logger.info
    if kind in _PAGE_KINDS:
        stats.inc_value(f"news/dropped/{reason}")
        log("dropped %s (%s%s)", url, reason, f": {detail}" if detail else "")
    else:
        stats.inc_value(f"news/discovery/{reason}")
        log("%s %s skipped (%s%s)", kind, url, reason, f": {detail}" if detail else "")
