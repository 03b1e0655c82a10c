"""The ``news`` spider: turn a site's responses into requests and articles, and nothing else.

Which links are fetched is decided by the URL gate (``crawler.gate``) and
Scrapy's dupefilter on the URL identity (``crawler.fingerprinter``); limits
are ``crawler.limits``; failures are named by ``crawler.failures``.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

import scrapy

from crawler import defaults, render
from crawler.args import CrawlArgs
from crawler.failures import count_loss, failure_reason
from crawler.gate import RecentLinks, count_offsite, followable, offsite
from crawler.responses import extract_response
from crawler.signals import page_doubtful
from crawler.warc import warc_for
from crawler.workers import ExtractionPool
from newsarchive.discover import listings
from newsarchive.extract.article import ExtractionError
from newsarchive.extract.profiles import SiteProfile
from newsarchive.record.format import utc_instant
from newsarchive.record.item import new_item, notes_of
from newsarchive.record.urls import clean_url, url_key
from newsarchive.store.state import state_for

logger = logging.getLogger(__name__)

_CALLBACKS = {"robots": "parse_robots", "sitemap": "parse_sitemap", "feed": "parse_feed",
              "article_part": "parse_part"}


class NewsSpider(scrapy.Spider):
    name = "news"
    #: Parses and checks ``-a`` arguments; ``scrapy crawl`` reports a bad one before starting.
    arguments = CrawlArgs

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        parsed = cls.arguments.parse(kwargs)
        parsed.configure(crawler.settings, job_id=kwargs.get("_job"))
        render_modes, render_missing = render.plan(crawler.settings, parsed.profiles, parsed.render)
        spider = super().from_crawler(crawler, *args)
        spider.raw_args, spider.crawl_args, spider.profiles = dict(kwargs), parsed, parsed.profiles
        spider.render_modes, spider.render_missing = render_modes, render_missing
        spider.allowed_domains = sorted({h.split(":")[0] for p in parsed.profiles for h in p.allowed_hosts})
        spider.since, spider.recent = {}, RecentLinks()
        return spider

    def profile_named(self, name: str) -> SiteProfile | None:
        return next((p for p in self.profiles if p.name == name), None)

    # -- start ---------------------------------------------------------------
    async def start(self):
        self.stats = self.crawler.stats
        self.warc, self.pool = warc_for(self.crawler), ExtractionPool.from_crawler(self.crawler)
        self.since = {p.name: self._since(p.name) for p in self.profiles}
        for source in self.render_missing:
            self.stats.set_value(f"news/render/unavailable/{source}", 1)
        for profile in self.profiles:
            logger.info("crawling source %s from %s", profile.name, ", ".join(profile.start_urls))
            for start_url in profile.start_urls:
                yield self._request(start_url, profile, "page", start=True, priority=10)
                yield self._request(urljoin(start_url, "/robots.txt"), profile, "robots", priority=20)
                for kind in ("sitemap", "feed"):  # the usual locations, tried quietly
                    for path in defaults.get(self.settings, f"NEWS_{kind.upper()}_PATHS"):
                        yield self._request(urljoin(start_url, path), profile, kind, guess=True, priority=15)
            for kind, url in [*(("sitemap", u) for u in profile.sitemaps), *(("feed", u) for u in profile.feeds)]:
                yield self._request(url, profile, kind, priority=15)

    def _since(self, source: str):
        """-a since= or the archive's history; in a distributed crawl, the round's (its first worker's)."""
        since = self.crawl_args.since_for(source, self.settings)
        shared = getattr(self.crawler, "news_round", None)
        return shared.since(source, since) if shared is not None else since

    def _request(self, url, profile: SiteProfile, kind: str, *, start=False, guess=False,
                 priority=0, listed=None, **meta):
        """A request of one kind; ``listed`` is the date a sitemap or feed gave it (for ``since``)."""
        request = scrapy.Request(
            url, callback=getattr(self, _CALLBACKS.get(kind, "parse_page")), errback=self.on_error,
            priority=priority,
            # Refreshes are fetched although seen; an article's later pages see crawler.gate.
            dont_filter=bool(meta.get("news_refresh")),
            meta={"news_source": profile.name, "news_kind": kind, "news_start": start,
                  "news_guess": guess, "news_listed_day": listed.day().isoformat() if listed else None,
                  **meta},
        )
        if kind in ("page", "article", "article_part") and self.render_modes.get(profile.name) == "always":
            render.rendered(request, profile.render_wait, defaults.get(self.settings, "NEWS_RENDER_WAIT_MS"))
        return request

    # -- discovery -----------------------------------------------------------
    def parse_robots(self, response):
        profile = self.profile_named(response.meta["news_source"])
        for url in listings.sitemap_urls_from_robots(response.body, base_url=response.url):
            yield self._request(url, profile, "sitemap", priority=15)

    def parse_sitemap(self, response):
        profile = self.profile_named(response.meta["news_source"])
        try:
            body = listings.maybe_gunzip(response.body, self.settings.getint("DOWNLOAD_MAXSIZE"))
        except (ValueError, OSError, EOFError):  # too large after gunzip, or not gzip
            return self._skip(response, "sitemap_unreadable")
        if not listings.looks_like_sitemap(body):
            if listings.looks_like_feed(body):
                return self.parse_feed(response)
            return self._skip(response, "not_a_sitemap", quiet=response.meta["news_guess"])
        return self._sitemap_entries(body, response.meta.get("news_sitemap_depth", 0), profile)

    def _sitemap_entries(self, body, depth, profile):
        for entry in listings.read_sitemap(body):
            if not entry.is_sitemap:
                yield self._listed_article(entry, profile)
            elif depth >= defaults.get(self.settings, "NEWS_MAX_SITEMAP_DEPTH"):
                self.stats.inc_value("news/trap/sitemap_depth")
            else:
                yield self._request(entry.url, profile, "sitemap", priority=15, listed=entry.date,
                                    news_sitemap_depth=depth + 1)

    def parse_feed(self, response):
        profile = self.profile_named(response.meta["news_source"])
        if not listings.looks_like_feed(response.body):
            return self._skip(response, "not_a_feed", quiet=response.meta["news_guess"])
        return [self._listed_article(entry, profile) for entry in listings.read_feed(response.body)]

    def _listed_article(self, entry: listings.Entry, profile: SiteProfile):
        url = urljoin(profile.start_urls[0], entry.url)
        # With -a refresh=1: the archived version a newer lastmod says is outdated.
        refresh = self.crawl_args.refresh and state_for(self.crawler).outdated(url_key(url), entry.date)
        if refresh:
            self.stats.inc_value("news/refresh/requested")
        return self._request(url, profile, "article", priority=5, listed=entry.date, news_refresh=refresh or None)

    # -- pages ---------------------------------------------------------------
    async def _extract(self, response, profile):
        """extract() on a response (in the worker pool), or None after counting why not."""
        try:
            return await extract_response(self.pool, response, profile,
                                          defaults.get(self.settings, "NEWS_MIN_ARTICLE_CHARS"),
                                          keep_text=self.render_modes.get(profile.name) == "auto")
        except ExtractionError as exc:
            return self._skip(response, exc.reason, detail=str(exc))

    async def parse_page(self, response):
        profile = self.profile_named(response.meta["news_source"])
        self.stats.inc_value(f"news/pages/{response.meta['news_kind']}")
        rendered = response.meta.get("news_rendered")
        if rendered:
            self.stats.inc_value("news/render/pages")
        result = await self._extract(response, profile)
        if result is None:
            return
        min_chars = defaults.get(self.settings, "NEWS_MIN_ARTICLE_CHARS")
        if (self.render_modes.get(profile.name) == "auto" and not rendered and not result.is_article
                and render.looks_unrendered(result.text, len(result.fields.get("body") or ""), min_chars)):
            self.stats.inc_value("news/render/auto")
            logger.debug("rendering %s in the browser: the plain page is a script shell", response.url)
            yield render.rendered(response.request.replace(dont_filter=True), profile.render_wait,
                                  defaults.get(self.settings, "NEWS_RENDER_WAIT_MS"))
            return
        self.stats.inc_value(f"news/extracted_pages/{profile.name}")  # final: a script shell once rendered
        keep_doubtful = defaults.get(self.settings, "NEWS_KEEP_DOUBTFUL")
        if result.doubtful:
            self.crawler.signals.send_catch_log(page_doubtful, url=response.url, source=profile.name,
                                                reason=result.reason, score=result.kind.score,
                                                kept=keep_doubtful)
        if result.is_article and result.first_page:
            # Page 2+ of a multi-page article: its first page gathers all parts.
            self.stats.inc_value("news/skipped/continuation_page")
            yield self._request(result.first_page, profile, "page")
        elif result.is_article or (result.doubtful and keep_doubtful):
            refresh = response.meta.get("news_refresh")
            if not refresh and self._published_before_since(result.fields.get("published_at"), profile):
                self._skip(response, "older_than_since", quiet=True)
                return
            self.stats.inc_value("news/articles/extracted")
            yield self._article(response, result, profile, refresh)  # before the links: its parts first
        else:
            self.stats.inc_value(f"news/skipped/{result.reason}")
            logger.debug("not an article (%s): %s", result.reason, response.url)
        for url in result.feeds if response.meta.get("news_start") else ():
            yield self._request(url, profile, "feed", priority=15)
        for url in result.links:  # read from the page's one parse; menus skipped once seen
            if not (self.recent.first_time(url) and followable(url)):
                continue
            if offsite(url, profile.allowed_hosts):  # before a request is built: most are share links
                count_offsite(self.stats, url)
            else:
                yield self._request(url, profile, "page")

    def _article(self, response, result, profile, refresh):
        """The article's item, or the request for its second page carrying it."""
        # URLs that redirected here are the article's too: a daily run skips them.
        aliases = [*result.aliases, *(clean_url(u) for u in response.meta.get("redirect_urls", ()))]
        item = new_item(result.fields, source=profile.name, aliases=aliases, boilerplate=profile.boilerplate)
        if self.warc is not None:
            item["warc"] = response.meta.get("news_warc") or self.warc.write(response)
        if refresh:
            item["version"] = refresh["version"] + 1
            item["modified_at"] = item["modified_at"] or refresh["lastmod"]
        return self._next_part(item, result, profile, parts=[response.url]) or item

    def _published_before_since(self, published_at: str | None, profile: SiteProfile) -> bool:
        since, moment = self.since.get(profile.name), utc_instant(published_at)
        return bool(since and moment and moment.date() < since)

    # -- multi-page articles ----------------------------------------------------
    def _next_part(self, item, result, profile, parts):
        """The request for the article's next page, or None when it is complete."""
        nxt = result.next_page
        if not nxt or nxt in parts or len(parts) >= defaults.get(self.settings, "NEWS_MAX_ARTICLE_PAGES"):
            return None
        return self._request(nxt, profile, "article_part", priority=6, news_item=item,
                             news_parts=[*parts, nxt])

    async def parse_part(self, response):
        """Append one more page of a multi-page article to its record."""
        item, parts = response.meta["news_item"], response.meta["news_parts"]
        self.stats.inc_value("news/pages/article_part")
        profile = self.profile_named(response.meta["news_source"])
        result = await self._extract(response, profile)
        if result is not None and result.fields.get("body"):
            item["body"] = f"{item['body']}\n{result.fields['body']}"
            known = {r["url"] for r in item["related"]}
            item["related"] += [r for r in result.fields["related"] if r["url"] not in known]
            notes = notes_of(item)
            notes.aliases = sorted({*notes.aliases, clean_url(response.url), *result.aliases})
            self.stats.inc_value("news/multipage/parts_joined")
            follow = self._next_part(item, result, profile, parts)
            if follow is not None:
                yield follow
                return
        yield item

    def closed(self, reason):
        if getattr(self, "warc", None) is not None:
            self.warc.close()

    # -- failures ------------------------------------------------------------
    def _skip(self, response, reason: str, *, quiet=False, detail: str = "") -> None:
        count_loss(self.stats, logger, response.meta, response.url, reason, quiet=quiet, detail=detail)

    def on_error(self, failure):
        request, reason = failure.request, failure_reason(failure)
        if "news_item" in request.meta:
            # A later page of a multi-page article failed: keep what we have.
            self.stats.inc_value(f"news/multipage/part_failed/{reason}")
            logger.info("article part %s failed (%s); archiving the pages fetched", request.url, reason)
            return [request.meta["news_item"]]
        if reason not in ("limit", "gate"):  # those are counted by the limit or the gate
            count_loss(self.stats, logger, request.meta, request.url, reason)
        return None
