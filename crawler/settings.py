"""Scrapy settings of the news archive crawler.

Defaults are polite enough for real news sites; on loopback relax them with
``-s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=False``. Every limit that
protects a crawl from hostile sites is a setting, so nothing here is final.
"""

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- Politeness --------------------------------------------------------------
USER_AGENT = (
    "regional-news-archive/0.1 (research archive crawler; obeys robots.txt; "
    "set CRAWLER_CONTACT to add a contact)"
)
#: An address or URL site operators can reach you at; appended to USER_AGENT.
CRAWLER_CONTACT = ""
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

# --- Bounds against hostile or broken sites ----------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # also caps decompressed size (gzip bombs)
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_FAIL_ON_DATALOSS = True
REDIRECT_MAX_TIMES = 5
DEPTH_LIMIT = 100
DEPTH_PRIORITY = 0
#: Requests of one URL pattern (digits folded, query keys only) allowed beyond
#: the pages of that pattern that yielded something new: endless pagination,
#: calendars and query-string variants run out of budget, productive sections don't.
NEWS_PATTERN_BUDGET = 100
#: Pages of one multi-page article (rel=next, /2/, ?page=2) joined into its record.
NEWS_MAX_ARTICLE_PAGES = 20
#: Pages shorter than this many characters of main text are not articles.
NEWS_MIN_ARTICLE_CHARS = 200
#: Archive pages rejected as not articles that still have a headline, a date and
#: running text ("doubtful"); by default they are counted and listed in the job report.
NEWS_KEEP_DOUBTFUL = False
#: Share of a source's pages that may be doubtful before the verdict warns.
NEWS_DOUBTFUL_WARN_RATE = 0.02
#: Doubtful pages listed (URL and reason) in the job report.
NEWS_DOUBTFUL_LIST = 200
#: Sitemap index nesting followed at most (cycles are cut by the dupe filter too).
NEWS_MAX_SITEMAP_DEPTH = 4
#: Sitemap and feed locations tried on every site besides robots.txt's.
NEWS_SITEMAP_PATHS = ["/sitemap.xml", "/sitemap_index.xml", "/wp-sitemap.xml", "/news-sitemap.xml"]
NEWS_FEED_PATHS = ["/feed/", "/rss.xml"]

# --- Archive -----------------------------------------------------------------
#: The whole archive: dated JSONL files and all crawl state live under it.
ARCHIVE_DIR = "output"
#: fsync every written line (survives power loss, not only process death).
ARCHIVE_FSYNC = False
#: Jaccard similarity of word-trigram sets (MinHash estimate) at or above which two
#: bodies are the same story; see newsarchive/text/fingerprint.py and bench/neardup.py.
#: (DEDUPE_SIMHASH_DISTANCE is gone: setting it only logs a deprecation warning.)
DEDUPE_NEAR_THRESHOLD = 0.6
#: Bodies shorter than this are only deduplicated by exact match.
DEDUPE_MIN_CHARS_FOR_NEAR = 300

#: Set by the spider's max_pages / max_articles arguments (0 = no limit).
NEWS_MAX_PAGES = 0
NEWS_MAX_ARTICLES = 0

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.PageLimit": 50,
    "crawler.warc.WarcEverything": 950,
}

# --- JavaScript rendering (scrapy-playwright, system Chromium) -----------------
#: Chromium executable; empty = look for chromium/chromium-browser/google-chrome on PATH.
NEWS_CHROMIUM_PATH = ""
#: How long the browser waits for a page's content to appear (never fails the page).
NEWS_RENDER_WAIT_MS = 8000
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 15000
#: Browser pages at once, apart from HTTP concurrency (a page is ~50-100 MB of RSS).
PLAYWRIGHT_MAX_CONTEXTS = 1
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 2
PLAYWRIGHT_ABORT_REQUEST = "crawler.render.abort_heavy"

# --- Raw capture (WARC) --------------------------------------------------------
#: Keep the HTTP responses behind the archive in ARCHIVE_DIR/raw/*.warc.gz.
WARC_ENABLED = False
#: "articles" (pages that became records) or "all" (every response fetched).
WARC_CAPTURE = "articles"
#: Start a new WARC file past this size.
WARC_MAX_BYTES = 1024 * 1024 * 1024
ITEM_PIPELINES = {
    "crawler.pipelines.clean.CleanPipeline": 100,
    "crawler.pipelines.learned.LearnedBoilerplatePipeline": 150,
    "crawler.pipelines.validate.ValidatePipeline": 200,
    "crawler.pipelines.dedupe.DedupePipeline": 300,
    "crawler.pipelines.archive.ArchivePipeline": 400,
}
EXTENSIONS = {
    "crawler.extensions.JobReport": 500,
}

# --- Job report and verdict (see newsarchive/store/jobs.py, README "Scheduled crawls") --
#: Job id (report file name); crawlall sets it, otherwise start time + pid.
NEWS_JOB_ID = ""
#: Share of requests ending in a download error or 5xx above which a crawl failed.
NEWS_MAX_ERROR_RATE = 0.2
#: Minimum share of a source's new records that must have a field.
NEWS_MIN_COVERAGE = {"published_at": 0.9}
#: Coverage is only judged for sources with at least this many new records.
NEWS_COVERAGE_MIN_RECORDS = 5
#: Zero new articles is a warning when the source had some in this many last runs.
NEWS_ZERO_ARTICLES_WARN_RUNS = 3
#: Default -a since= from the newest article day of earlier successful runs, minus this overlap.
NEWS_INCREMENTAL = True
#: Sources `scrapy crawlall` runs (relative to the project root).
NEWS_SOURCES_FILE = "crawler/sources.toml"
NEWS_SINCE_OVERLAP_DAYS = 2

# --- Framework ---------------------------------------------------------------
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_FORMATTER = "crawler.logformatter.NewsLogFormatter"
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"
COMMANDS_MODULE = "crawler.commands"
