"""Scrapy settings of the news archive crawler: the project's choices.

Defaults are polite enough for real news sites; on loopback relax them with
``-s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=False``. Every limit that
protects a crawl from hostile sites is a setting, so nothing here is final.
"""

# Every default of our own settings (NEWS_*, ARCHIVE_*, DEDUPE_*, WARC_*), so that
# `scrapy settings --get NAME` shows it; each is documented in crawler/defaults.py.
from crawler.defaults import *  # noqa: E402,F401,F403

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- Politeness --------------------------------------------------------------
USER_AGENT = (
    "regional-news-archive/0.1 (research archive crawler; obeys robots.txt; "
    "set CRAWLER_CONTACT to add a contact)"
)
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

# --- Cost per page -------------------------------------------------------------
# Scrapy starts CONCURRENT_ITEMS asyncio tasks for *every* response to walk
# its callback's output (a per-response limit, not a global one). Our item
# pipelines are synchronous and a page yields a handful of outputs, so the
# default 100 only buys ~100 idle tasks per page: a third of the crawl's CPU
# on bench/crawl.py (41 -> 24 CPU ms per article with 2).
CONCURRENT_ITEMS = 2

# --- Bounds against hostile or broken sites ----------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # also caps decompressed size (gzip bombs)
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_FAIL_ON_DATALOSS = True
REDIRECT_MAX_TIMES = 5
DEPTH_LIMIT = 100
DEPTH_PRIORITY = 0

# --- The URL gate, limits, request identity ----------------------------------
#: The URL gate and the limits (crawler/gate.py, crawler/limits.py): links are
#: cleaned and judged as the spider yields them (LinkGate), once new and as
#: redirect targets (FetchGate), and counted against max_pages before download.
SPIDER_MIDDLEWARES = {
    "crawler.limits.ArticleLimit": 640,
    "crawler.gate.LinkGate": 650,
}
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's, fixed: every request waiting for robots.txt is checked (crawler/robots.py).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.RobotsTxt": 100,
    "crawler.gate.FetchGate": 30,
    "crawler.limits.PageLimit": 50,
    "crawler.warc.WarcEverything": 950,
}
#: Scrapy's dupefilter (persisted under JOBDIR) keyed on the archive's URL identity.
REQUEST_FINGERPRINTER_CLASS = "crawler.fingerprinter.UrlIdentityFingerprinter"

# --- JavaScript rendering (scrapy-playwright, system Chromium) -----------------
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 15000
#: Browser pages at once, apart from HTTP concurrency (a page is ~50-100 MB of RSS).
PLAYWRIGHT_MAX_CONTEXTS = 1
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 2
PLAYWRIGHT_ABORT_REQUEST = "crawler.render.abort_heavy"

# --- Pipelines and extensions -----------------------------------------------
ITEM_PIPELINES = {
    "crawler.pipelines.clean.CleanPipeline": 100,
    "crawler.pipelines.learned.LearnedBoilerplatePipeline": 150,
    "crawler.pipelines.validate.ValidatePipeline": 200,
    "crawler.pipelines.dedupe.DedupePipeline": 300,
    "crawler.pipelines.archive.ArchivePipeline": 400,
}
#: The job report and verdict (see newsarchive/store/jobs.py, README "Scheduled crawls").
EXTENSIONS = {
    "crawler.extensions.JobReport": 500,
}

#: Distributed crawling: with -s REDIS_URL=… the add-on swaps in the Redis scheduler,
#: seen-set and dedupe state (crawler/distributed/); without it, it does nothing.
ADDONS = {
    "crawler.distributed.addon.Distributed": 0,
}

# --- Feed exports (-o/-O) ------------------------------------------------------
#: JSON lines feeds carry the archive's own lines (crawler/exporters.py): a feed
#: line and the day file's line of the same record are the same bytes.
FEED_EXPORTERS = {
    "jsonlines": "crawler.exporters.RecordLinesExporter",
    "jsonl": "crawler.exporters.RecordLinesExporter",
    "jl": "crawler.exporters.RecordLinesExporter",
}

# --- Framework ---------------------------------------------------------------
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_FORMATTER = "crawler.logformatter.NewsLogFormatter"
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"
COMMANDS_MODULE = "crawler.commands"
