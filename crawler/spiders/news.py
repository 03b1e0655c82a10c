"""The ``news`` spider: discover a site's articles and hand them to the pipelines.

Discovery uses everything a site publishes (robots.txt sitemaps, sitemap
indexes, news sitemaps, feeds, home and section pages with pagination); the
decision "is this an article" and the fields come from the plain
``extract()`` function, so the spider only routes requests and counts.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.defer import deferred_from_coro
from scrapy_playwright.page import PageMethod
from scrapy.spidermiddlewares.httperror import HttpError

from newsarchive.discover import listings as discovery
from crawler.signals import page_doubtful
from crawler.args import ArgumentError, CrawlArgs
from newsarchive.extract import dates
from newsarchive.extract.article import ExtractionError, extract
from newsarchive.store.jobs import SourceHistory
from newsarchive.extract.profiles import SiteProfile
from crawler import render
from newsarchive.discover.traps import PatternBudget, url_pattern
from crawler.warc import warc_for
from newsarchive.record.urls import clean_url, same_site, url_key
from newsarchive.record.format import new_item, utc_instant
from newsarchive.store.state import state_for

logger = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Paths never worth a request: admin, APIs, comment feeds, share and print endpoints.
_DENY = (
    r"/wp-admin/", r"/wp-json/", r"/wp-login\.php", r"/xmlrpc\.php", r"/feed/?$",
    r"/comments/", r"[?&](replytocom|share|action|add-to-cart)=", r"/cdn-cgi/",
    r"/login", r"/register", r"/cart", r"/checkout",
)


class NewsSpider(scrapy.Spider):
    name = "news"

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        try:
            parsed = CrawlArgs.parse(kwargs)
        except ArgumentError as exc:
            _fail_fast(f"news: bad argument {exc}")
        settings = crawler.settings
        if kwargs.get("_job") and not settings.get("NEWS_JOB_ID"):
            settings.set("NEWS_JOB_ID", kwargs["_job"], priority="spider")  # Scrapyd's job id
        if parsed.max_articles:
            settings.set("NEWS_MAX_ARTICLES", parsed.max_articles, priority="spider")
        if parsed.max_pages:
            settings.set("NEWS_MAX_PAGES", parsed.max_pages, priority="spider")
        contact = settings.get("CRAWLER_CONTACT")
        if contact and contact not in settings.get("USER_AGENT", ""):
            settings.set("USER_AGENT", f"{settings.get('USER_AGENT')} contact: {contact}",
                         priority="spider")
        render_modes, render_missing = render.plan(settings, parsed.profiles, parsed.render)
        spider = super().from_crawler(crawler, *args)
        spider.raw_args = dict(kwargs)
        spider.render_modes, spider.render_missing = render_modes, render_missing
        spider.setup(parsed)
        return spider

    def setup(self, parsed: CrawlArgs) -> None:
        self.crawl_args = parsed
        self.profiles = parsed.profiles
        self.allowed_domains = sorted({h.split(":")[0] for p in self.profiles for h in p.allowed_hosts})
        self.seen_keys: set[str] = set()
        self.min_chars = self.settings.getint("NEWS_MIN_ARTICLE_CHARS")
        self.keep_doubtful = self.settings.getbool("NEWS_KEEP_DOUBTFUL")
        self.max_size = self.settings.getint("DOWNLOAD_MAXSIZE")
        self.link_extractor = LinkExtractor(deny=_DENY, unique=True)

    def _open(self) -> None:
        """Runtime state that needs the crawl's stats, which exist only once it starts."""
        self.stats = self.crawler.stats
        self.budget = PatternBudget(self.settings.getint("NEWS_PATTERN_BUDGET"), self.stats)
        self.max_articles = self.settings.getint("NEWS_MAX_ARTICLES")
        self.items_pending = 0
        self.closing = False
        self.state = state_for(self.crawler)
        for source in self.render_missing:
            self.stats.set_value(f"news/render/unavailable/{source}", 1)
        self.warc = warc_for(self.crawler)
        self.since = {p.name: self._since_for(p.name) for p in self.profiles}
        self.items_written = 0
        self.crawler.signals.connect(self._item_written, signal=signals.item_scraped)
        for signal in (signals.item_dropped, signals.item_error):
            self.crawler.signals.connect(self._item_done, signal=signal)

    def _since_for(self, source: str):
        """-a since=, else the newest day a successful run archived, minus an overlap.

        Publication days (not the wall clock) keep this right for sites whose
        clock, time zone or publishing rhythm differs from ours.
        """
        if self.crawl_args.since or not self.settings.getbool("NEWS_INCREMENTAL"):
            return self.crawl_args.since
        newest = SourceHistory(Path(self.settings.get("ARCHIVE_DIR")), source).newest_day()
        if newest is None:
            return None
        overlap = self.settings.getint("NEWS_SINCE_OVERLAP_DAYS")
        since = newest - timedelta(days=overlap)
        logger.info("%s: since=%s (newest article of earlier runs %s, minus %d days overlap)",
                    source, since, newest, overlap)
        return since

    def _item_written(self, *args, **kwargs) -> None:
        self.items_written += 1
        self._item_done()

    def _item_done(self, *args, **kwargs) -> None:
        """Items are counted as they leave the pipelines, so written + pending never double counts."""
        self.items_pending -= 1
        if self.max_articles and not self.closing and self.items_written >= self.max_articles:
            self.closing = True
            logger.info("max_articles=%d written; closing the crawl", self.max_articles)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="max_articles"))

    def _article_slot(self) -> bool:
        """Whether one more article may enter the pipelines without passing max_articles."""
        if not self.max_articles:
            return True
        return self.items_written + self.items_pending < self.max_articles

    # -- start ---------------------------------------------------------------
    async def start(self):
        self._open()
        for profile in self.profiles:
            logger.info("crawling source %s from %s", profile.name, ", ".join(profile.start_urls))
            for start_url in profile.start_urls:
                root = f"{urlsplit(start_url).scheme}://{urlsplit(start_url).netloc}"
                yield self._request(start_url, profile, "page", start=True, priority=10)
                yield self._request(root + "/robots.txt", profile, "robots", priority=20)
                for path in self.settings.getlist("NEWS_SITEMAP_PATHS"):
                    yield self._request(root + path, profile, "sitemap", guess=True, priority=15)
                for path in self.settings.getlist("NEWS_FEED_PATHS"):
                    yield self._request(root + path, profile, "feed", guess=True, priority=15)
            for url in profile.sitemaps:
                yield self._request(url, profile, "sitemap", priority=15)
            for url in profile.feeds:
                yield self._request(url, profile, "feed", priority=15)

    def _request(self, url, profile: SiteProfile, kind: str, *, start=False, guess=False,
                 priority=0, date=None):
        callback = {
            "robots": self.parse_robots, "sitemap": self.parse_sitemap,
            "feed": self.parse_feed, "article_part": self.parse_part,
        }.get(kind, self.parse_page)
        request = scrapy.Request(
            url, callback=callback, errback=self.on_error, priority=priority,
            # Parts of a multi-page article are fetched even if seen as pages.
            dont_filter=kind == "article_part",
            meta={"news_source": profile.name, "news_kind": kind, "news_start": start,
                  "news_guess": guess, "news_listed_date": date},
        )
        if kind in ("page", "article", "article_part") and self.render_modes.get(profile.name) == "always":
            self._rendered(request, profile)
        return request

    def _rendered(self, request, profile: SiteProfile):
        """Mark a request to go through the browser, waiting for content within a bound."""
        request.meta.update(
            news_rendered=True, playwright=True,
            playwright_page_methods=[PageMethod(render.wait_for_content, profile.render_wait,
                                                self.settings.getint("NEWS_RENDER_WAIT_MS"))],
        )
        return request

    def _profile(self, response) -> SiteProfile:
        name = response.meta.get("news_source")
        for profile in self.profiles:
            if profile.name == name:
                return profile
        return self.profiles[0]

    # -- discovery -----------------------------------------------------------
    def parse_robots(self, response):
        profile = self._profile(response)
        for url in discovery.sitemap_urls_from_robots(response.body, base_url=response.url):
            if same_site(url, profile.allowed_hosts):
                yield self._request(url, profile, "sitemap", priority=15)

    def parse_sitemap(self, response):
        profile = self._profile(response)
        try:
            body = discovery.maybe_gunzip(response.body, self.max_size)
        except (ValueError, OSError, EOFError):  # too large after gunzip, or not gzip
            self._skip(response, "sitemap_unreadable")
            return
        if not discovery.looks_like_sitemap(body):
            if discovery.looks_like_feed(body):
                yield from self.parse_feed(response)
                return
            self._skip(response, "not_a_sitemap", quiet=response.meta["news_guess"])
            return
        depth = response.meta.get("news_sitemap_depth", 0)
        for entry in discovery.read_sitemap(body):
            if entry.is_sitemap:
                if depth >= self.settings.getint("NEWS_MAX_SITEMAP_DEPTH"):
                    self.stats.inc_value("news/trap/sitemap_depth")
                    continue
                if self._older_than_since(entry.date, profile):
                    self.stats.inc_value("news/since/skipped_sitemaps")
                    continue
                if same_site(entry.url, profile.allowed_hosts):
                    request = self._request(entry.url, profile, "sitemap", priority=15)
                    request.meta["news_sitemap_depth"] = depth + 1
                    yield request
            else:
                yield from self._listed_article(entry, profile)

    def parse_feed(self, response):
        profile = self._profile(response)
        body = response.body
        if not discovery.looks_like_feed(body):
            self._skip(response, "not_a_feed", quiet=response.meta["news_guess"])
            return
        for entry in discovery.read_feed(body):
            yield from self._listed_article(entry, profile)

    def _listed_article(self, entry: discovery.Entry, profile: SiteProfile):
        url = urljoin(profile.start_urls[0], entry.url)
        if not same_site(url, profile.allowed_hosts):
            self.stats.inc_value("news/skipped/offsite_link")
            return
        if self._older_than_since(entry.date, profile):
            self.stats.inc_value("news/since/skipped_entries")
            return
        url = clean_url(url)
        key = url_key(url)
        if key in self.seen_keys:
            return
        self.seen_keys.add(key)
        refresh = self._refresh_of(key, entry)
        if refresh is None and self.state.knows_url(key):
            self.stats.inc_value("news/incremental/archived_not_fetched")
            return
        request = self._request(url, profile, "article", priority=5,
                                date=entry.date.iso() if entry.date else None)
        if refresh:
            request.meta["news_refresh"] = refresh
        yield request

    def _refresh_of(self, key: str, entry: discovery.Entry) -> dict | None:
        """With -a refresh=1: the archived version an index entry says is outdated."""
        held = self.state.held(key) if self.crawl_args.refresh else None
        if not held or entry.date is None or entry.date.date_only:
            return None
        record_id, lastmod, version = held
        held_date = dates.parse_machine_date(lastmod) if lastmod else None
        if held_date is not None and entry.date.value <= held_date.value:
            return None
        self.stats.inc_value("news/refresh/requested")
        return {"id": record_id, "version": version, "lastmod": entry.date.iso()}

    def _older_than_since(self, parsed, profile: SiteProfile) -> bool:
        since = self.since.get(profile.name)
        return bool(since and parsed is not None and parsed.day() < since)

    # -- pages ---------------------------------------------------------------
    def _extract(self, response, profile):
        """extract() on a response, or None after counting why not."""
        if not _is_html(response):
            self._skip(response, "non_html")
            return None
        headers = {k.decode("latin-1"): b", ".join(v).decode("latin-1")
                   for k, v in response.headers.items()}
        try:
            return extract(response.url, response.body, headers, profile=profile,
                           min_chars=self.min_chars)
        except ExtractionError as exc:
            self._skip(response, exc.reason, detail=str(exc))
            return None

    def parse_page(self, response):
        profile = self._profile(response)
        self.stats.inc_value(f"news/pages/{response.meta['news_kind']}")
        if response.meta.get("news_rendered"):
            self.stats.inc_value("news/render/pages")
        result = self._extract(response, profile)
        if result is None:
            return
        if (self.render_modes.get(profile.name) == "auto" and not response.meta.get("news_rendered")
                and not result.is_article
                and render.looks_unrendered(result.text, len(result.fields.get("body") or ""),
                                            self.min_chars)):
            self.stats.inc_value("news/render/auto")
            logger.debug("rendering %s in the browser: the plain page is a script shell", response.url)
            yield self._rendered(response.request.replace(dont_filter=True), profile)
            return
        # Counted once the page is final (a script shell is counted after it is rendered).
        self.stats.inc_value(f"news/extracted_pages/{profile.name}")
        if result.doubtful:
            self._doubtful(response, result, profile)
        productive = False
        if result.is_article and result.first_page:
            # Page 2+ of a multi-page article: its first page gathers all parts.
            self.stats.inc_value("news/skipped/continuation_page")
            yield from self._follow(result.first_page, profile)
        elif result.is_article or (result.doubtful and self.keep_doubtful):
            refresh = response.meta.get("news_refresh")
            if not refresh and self._published_before_since(result.fields.get("published_at"), profile):
                self._skip(response, "older_than_since", quiet=True)
                return
            productive = True
            self.stats.inc_value("news/articles/extracted")
            if self._article_slot():
                self.items_pending += 1
                # URLs that redirected here are the article's too: a daily run skips them.
                aliases = [*result.aliases, *(clean_url(u) for u in response.meta.get("redirect_urls", ()))]
                item = new_item(result.fields, source=profile.name, aliases=aliases,
                                boilerplate=profile.boilerplate)
                if self.warc is not None:
                    item["warc"] = response.meta.get("news_warc") or self.warc.write(response)
                if refresh:
                    item["version"] = refresh["version"] + 1
                    item["modified_at"] = item["modified_at"] or refresh["lastmod"]
                yield self._next_part(item, result, response.url, profile, parts=[response.url]) or item
            else:
                # max_articles is about to be reached by items still in the pipelines.
                self.stats.inc_value("news/limit/articles_not_taken")
        else:
            self.stats.inc_value(f"news/skipped/{result.reason}")
            logger.debug("not an article (%s): %s", result.reason, response.url)
        html = HtmlResponse(response.url, body=response.body, encoding=result.encoding,
                            headers=response.headers)
        if response.meta.get("news_start"):
            yield from self._declared_feeds(html, profile)
        own = url_pattern(response.url)
        for link in self.link_extractor.extract_links(html):
            for request in self._follow(link.url, profile):
                productive = productive or url_pattern(request.url) != own
                yield request
        if productive:
            self.budget.productive_page(response.url)

    def _doubtful(self, response, result, profile: SiteProfile) -> None:
        """Count and report a rejected page that looks like an article: never a silent loss."""
        reason = result.reason
        self.stats.inc_value(f"news/doubtful/{reason}")
        self.stats.inc_value(f"news/doubtful_pages/{profile.name}")
        if self.keep_doubtful:
            self.stats.inc_value("news/doubtful_kept")
        logger.info("doubtful page %s (%s, score %+.1f): it has a headline, a date and running text; %s",
                    response.url, reason, result.kind.score,
                    "archived (NEWS_KEEP_DOUBTFUL)" if self.keep_doubtful else "not archived")
        self.crawler.signals.send_catch_log(page_doubtful, url=response.url, source=profile.name,
                                            reason=reason, score=result.kind.score,
                                            kept=self.keep_doubtful)

    def _follow(self, url: str, profile: SiteProfile):
        """A page request for a same-site URL not seen before, within the trap budget."""
        url = clean_url(url)
        if not same_site(url, profile.allowed_hosts):
            return
        key = url_key(url)
        if key in self.seen_keys:
            return
        self.seen_keys.add(key)
        if self.state.knows_url(key):
            self.stats.inc_value("news/incremental/archived_not_fetched")
            return
        if not self.budget.allow(url):
            return
        yield self._request(url, profile, "page")

    # -- multi-page articles ----------------------------------------------------
    def _next_part(self, item, result, url, profile, parts):
        """The request for the article's next page, or None when it is complete."""
        nxt = result.next_page
        if not nxt or nxt in parts or len(parts) >= self.settings.getint("NEWS_MAX_ARTICLE_PAGES"):
            return None
        self.seen_keys.add(url_key(nxt))
        request = self._request(nxt, profile, "article_part", priority=6)
        request.meta.update(news_item=item, news_parts=[*parts, nxt])
        return request

    def parse_part(self, response):
        """Append one more page of a multi-page article to its record."""
        item, parts = response.meta["news_item"], response.meta["news_parts"]
        self.stats.inc_value("news/pages/article_part")
        result = self._extract(response, self._profile(response))
        if result is not None and result.fields.get("body"):
            item["body"] = f"{item['body']}\n{result.fields['body']}"
            known = {r["url"] for r in item["related"]}
            item["related"] += [r for r in result.fields["related"] if r["url"] not in known]
            item["_aliases"] = sorted({*item["_aliases"], clean_url(response.url), *result.aliases})
            self.stats.inc_value("news/multipage/parts_joined")
            follow = self._next_part(item, result, response.url, self._profile(response), parts)
            if follow is not None:
                yield follow
                return
        yield item

    def _declared_feeds(self, response, profile):
        for href in response.xpath(
            '//link[@rel="alternate"][contains(@type, "rss") or contains(@type, "atom")]/@href'
        ).getall():
            url = response.urljoin(href.strip())
            if same_site(url, profile.allowed_hosts):
                yield self._request(url, profile, "feed", priority=15)

    def _published_before_since(self, published_at: str | None, profile: SiteProfile) -> bool:
        since = self.since.get(profile.name)
        moment = utc_instant(published_at)
        return bool(since and moment and moment.date() < since)

    def closed(self, reason):
        if getattr(self, "warc", None) is not None:
            self.warc.close()

    # -- failures ------------------------------------------------------------
    def _skip(self, response, reason: str, *, quiet=False, detail: str = ""):
        kind = response.meta.get("news_kind")
        if kind in ("page", "article", "article_part"):
            self.stats.inc_value(f"news/dropped/{reason}")
            log = logger.debug if quiet else logger.info
            log("dropped %s (%s%s)", response.url, reason, f": {detail}" if detail else "")
        else:
            self.stats.inc_value(f"news/discovery/{reason}")
            (logger.debug if quiet else logger.info)("%s %s skipped: %s", kind, response.url, reason)

    def on_error(self, failure):
        request = failure.request
        kind = request.meta.get("news_kind")
        reason = failure_reason(failure)
        if "news_item" in request.meta:
            # A later page of a multi-page article failed: keep what we have.
            self.stats.inc_value(f"news/multipage/part_failed/{reason}")
            logger.info("article part %s failed (%s); archiving the pages fetched", request.url, reason)
            return [request.meta["news_item"]]
        if reason == "limit":
            return  # counted by the limit itself
        if kind in ("page", "article"):
            self.stats.inc_value(f"news/dropped/{reason}")
            logger.info("dropped %s (%s)", request.url, reason)
        else:
            self.stats.inc_value(f"news/discovery/{reason}")
            log = logger.debug if request.meta.get("news_guess") else logger.info
            log("%s %s unavailable (%s)", kind, request.url, reason)


_FAILURES = {
    "DownloadTimeoutError": "timeout", "TimeoutError": "timeout", "TCPTimedOutError": "timeout",
    "ResponseDataLossError": "truncated", "ResponseFailed": "connection_lost",
    "ConnectionRefusedError": "connection_refused", "ConnectionLost": "connection_lost",
    "DNSLookupError": "dns_error", "DownloadCancelledError": "too_large",
}


def failure_reason(failure) -> str:
    """A short stable name for why a request failed, for stats and logs."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    message = str(failure.value)
    if failure.check(IgnoreRequest):
        if "DOWNLOAD_MAXSIZE" in message or "max size" in message:
            return "too_large"
        if "redirect" in message.lower():
            return "too_many_redirects"
        if "robots.txt" in message.lower():
            return "robots_disallowed"
        if message.startswith("limit:"):
            return "limit"
        return "ignored"
    name = type(failure.value).__name__
    return _FAILURES.get(name, name.lower())


def _is_html(response) -> bool:
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    if content_type:
        return content_type.split(";")[0].strip() in HTML_TYPES
    head = response.body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _fail_fast(message: str) -> None:
    """Stop before anything starts: one line on stderr and in the log, exit 2."""
    logger.error(message)
    print(f"error: {message}", file=sys.stderr, flush=True)
    logging.shutdown()
    os._exit(2)
