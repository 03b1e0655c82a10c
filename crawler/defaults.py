"""The default of every setting the archive's components read, beside the components.

As scrapy-redis's ``defaults.py`` does: each component reads its settings
with these values as fallbacks (``settings.getint("NEWS_PATTERN_BUDGET",
defaults.NEWS_PATTERN_BUDGET)``), so it works under any settings module,
and ``crawler/settings.py`` keeps only the project's own choices (it imports
this module so that ``scrapy settings --get NAME`` shows every default).
Settings of the lower stages are defined in their modules and gathered here.
"""

from newsarchive.store.jobs import (  # noqa: F401 - verdict rules, defined with the rules
    NEWS_COVERAGE_MIN_RECORDS, NEWS_DOUBTFUL_WARN_RATE, NEWS_MAX_ERROR_RATE, NEWS_MIN_COVERAGE,
    NEWS_ZERO_ARTICLES_WARN_RUNS,
)
from newsarchive.store.state import ARCHIVE_DIR  # noqa: F401 - the whole archive: day files and state
from newsarchive.store.state import NEWS_DEDUPE_STATE  # noqa: F401 - the DedupeState class
from newsarchive.text.fields import NEWS_MAX_BODY_CHARS, NEWS_MAX_TITLE_CHARS  # noqa: F401
from newsarchive.text.fingerprint import DEFAULT_MIN_CHARS as DEDUPE_MIN_CHARS_FOR_NEAR  # noqa: F401
from newsarchive.text.fingerprint import DEFAULT_THRESHOLD as DEDUPE_NEAR_THRESHOLD  # noqa: F401
from newsarchive.text.learned import (  # noqa: F401
    NEWS_BOILERPLATE_LEARN, NEWS_BOILERPLATE_MIN_ARTICLES, NEWS_BOILERPLATE_MIN_SHARE,
)

# --- Politeness ----------------------------------------------------------------
#: An address or URL site operators can reach you at; appended to USER_AGENT.
CRAWLER_CONTACT = ""

# --- Discovery and the URL gate (crawler/gate.py) --------------------------------
#: Requests of one URL pattern (digits folded, query keys only) allowed beyond
#: the pages of that pattern that yielded something new: endless pagination,
#: calendars and query-string variants run out of budget, productive sections don't.
NEWS_PATTERN_BUDGET = 100
#: Sitemap index nesting followed at most (cycles are cut by the dupefilter too).
NEWS_MAX_SITEMAP_DEPTH = 4
#: Sitemap and feed locations tried on every site besides robots.txt's.
NEWS_SITEMAP_PATHS = ["/sitemap.xml", "/sitemap_index.xml", "/wp-sitemap.xml", "/news-sitemap.xml"]
NEWS_FEED_PATHS = ["/feed/", "/rss.xml"]
#: Default -a since= from the newest article day of earlier successful runs, minus an overlap.
NEWS_INCREMENTAL = True
NEWS_SINCE_OVERLAP_DAYS = 2

# --- Pages and articles (the spider) ------------------------------------------
#: Pages of one multi-page article (rel=next, /2/, ?page=2) joined into its record.
NEWS_MAX_ARTICLE_PAGES = 20
#: Pages shorter than this many characters of main text are not articles.
NEWS_MIN_ARTICLE_CHARS = 200
#: Archive pages rejected as not articles that still have a headline, a date and
#: running text ("doubtful"); by default they are counted and listed in the job report.
NEWS_KEEP_DOUBTFUL = False
#: Doubtful pages listed (URL and reason) in the job report.
NEWS_DOUBTFUL_LIST = 200

# --- Limits (crawler/limits.py); the spider's max_pages / max_articles set them --
NEWS_MAX_PAGES = 0
NEWS_MAX_ARTICLES = 0

# --- Extraction in worker processes (crawler/workers.py) ------------------------
#: Processes extracting pages: a number, 0 (in-process) or "auto" (the host's
#: cores divided among the NEWS_HOST_CRAWLS crawls running on it at once).
NEWS_EXTRACT_WORKERS = "auto"
#: Crawls sharing this host's cores; `scrapy crawlall --parallel N` sets N.
NEWS_HOST_CRAWLS = 1
#: Pages per worker the extraction pool takes before a fresh pool from the fork
#: server replaces it (0 = never): caches and the parser's heap start again, so
#: a long crawl's workers stay the size of a short one's.
NEWS_EXTRACT_WORKER_PAGES = 2000

# --- Distributed crawling on Redis (crawler/distributed/) ----------------------------
#: redis://[[user]:password@]host:port/db or rediss:// (TLS): set, the crawl shares its
#: frontier and dedupe state with every worker on that Redis; empty, it needs no Redis.
REDIS_URL = ""
#: Extra redis-py client options (e.g. ssl_ca_certs for rediss://).
REDIS_PARAMS = {}
#: Prefix of every key the crawl keeps in Redis.
NEWS_REDIS_PREFIX = "news"
#: A worker closes once the round's queue was empty and no worker held a request this long (s).
NEWS_REDIS_IDLE_CLOSE = 30.0
#: A worker silent this long (s) is taken for dead: its requests go back to the queue.
NEWS_REDIS_HEARTBEAT = 30.0
#: How often (s) a worker renews its heartbeat, drops finished leases and asks for work.
NEWS_REDIS_POLL = 1.0
#: How long (s) an article's claim outlives a worker that died before writing it.
NEWS_REDIS_CLAIM_TTL = 30.0
#: How long (s) a lost connection is retried (a Redis restart) before the crawl gives up.
NEWS_REDIS_RETRY_SECONDS = 30.0

# --- Archive ---------------------------------------------------------------------
#: fsync every written line (survives power loss, not only process death).
ARCHIVE_FSYNC = False

# --- JavaScript rendering (crawler/render.py) --------------------------------------
#: Chromium executable; empty = look for chromium/chromium-browser/google-chrome on PATH.
NEWS_CHROMIUM_PATH = ""
#: How long the browser waits for a page's content to appear (never fails the page).
NEWS_RENDER_WAIT_MS = 8000

# --- Raw capture (crawler/warc.py) ---------------------------------------------------
#: Keep the HTTP responses behind the archive in ARCHIVE_DIR/raw/*.warc.gz.
WARC_ENABLED = False
#: "articles" (pages that became records) or "all" (every response fetched).
WARC_CAPTURE = "articles"
#: Start a new WARC file past this size.
WARC_MAX_BYTES = 1024 * 1024 * 1024

# --- Jobs (crawler/extensions.py, crawler/commands/crawlall.py) --------------------
#: Job id (report file name); crawlall sets it, otherwise start time + pid.
NEWS_JOB_ID = ""
#: Sources `scrapy crawlall` runs (relative to the project root).
NEWS_SOURCES_FILE = "crawler/sources.toml"


def get(settings, name: str):
    """The setting ``name``, or its default here, read as the default's type (bool, int, list…)."""
    default = globals()[name]
    getter = {bool: settings.getbool, int: settings.getint, float: settings.getfloat,
              list: settings.getlist, dict: settings.getdict}.get(type(default), settings.get)
    return getter(name, default)
