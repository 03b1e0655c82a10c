"""URL identity: one article has many URLs, the archive needs exactly one.

Sites hand out the same article with tracking parameters, with and without
a trailing slash, as AMP and print variants and under old redirected URLs.
Everything that decides "is this the same page" or "which host is this"
lives here so the spider, the dedupe state and the archive agree.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, safe_url_string

#: Query parameters that only say where a click came from.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "ref_src", "ref", "share",
        "amp", "outputtype", "print", "output", "s_cid", "cmpid", "ocid",
        "at_medium", "at_campaign", "xtor", "spm",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_", "__")

#: Distinct URLs remembered per process: a crawl meets the same menu and
#: sidebar links on every page, and canonicalising them (w3lib) was ~45% of a
#: crawl's time. Bounded, so a year-long back-fill stays flat.
URL_CACHE_SIZE = 1 << 15

_AMP_SUFFIX = re.compile(r"/amp/?$|\.amp(?=\.html?$)|/amp(?=\.html?$)", re.I)
_SOURCE_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def host_of(url: str) -> str:
    """Lower-case host without ``www.``, keeping a non-default port.

    The port matters for our own loopback test sites, which share 127.0.0.1.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and not (parts.scheme == "http" and port == 80) and not (
        parts.scheme == "https" and port == 443
    ):
        host = f"{host}:{port}"
    return host


def source_name(url: str) -> str:
    """The archive folder name of a site: its host, made safe for a path."""
    return safe_source(host_of(url).replace(":", "_"))


def safe_source(name: str) -> str:
    """A source name that can only ever be one plain directory name."""
    cleaned = _SOURCE_UNSAFE.sub("_", (name or "").lower()).strip("._-")
    return cleaned[:100] or "unknown"


def is_tracking_param(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


@lru_cache(maxsize=URL_CACHE_SIZE)
def clean_url(url: str) -> str:
    """Canonical form to store and to fetch: no tracking parameters, no fragment.

    Query order and percent-encoding follow w3lib's canonical form so the same
    page always prints the same way.
    """
    url = safe_url_string(url.strip())
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not is_tracking_param(k)]
    rebuilt = urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
         urlencode(query), "")
    )
    return canonicalize_url(rebuilt)


@lru_cache(maxsize=URL_CACHE_SIZE)
def url_key(url: str) -> str:
    """Identity of a page across the variants a site serves.

    Scheme, ``www.``, a trailing slash, an ``/amp/`` suffix and tracking
    parameters do not make a different article.
    """
    cleaned = clean_url(url)
    parts = urlsplit(cleaned)
    path = _AMP_SUFFIX.sub("", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    key = host_of(cleaned) + path
    if parts.query:
        key += "?" + parts.query
    return key


def record_id(canonical_url: str) -> str:
    """Stable id of an article: a hash of its URL identity."""
    return hashlib.sha256(url_key(canonical_url).encode("utf-8")).hexdigest()[:24]


def same_site(url: str, hosts: set[str] | frozenset[str]) -> bool:
    """True when url is on one of the hosts (``host_of`` form) or a subdomain."""
    host = host_of(url)
    if not host:
        return False
    return any(host == h or host.endswith("." + h) for h in hosts)


_PAGE_PATH = re.compile(r"^(?P<base>.*[^/\d][^/]*)/(?P<n>[2-9]|[1-9]\d{1,2})/?$")
_PAGE_QUERY_KEYS = ("page", "pg", "pagenum", "paged", "part")


def split_page_number(url: str) -> tuple[str, int]:
    """(first-page URL, page number) of a multi-page article URL.

    ``/slug/2/``, ``/slug/2`` and ``?page=2`` are page 2 of ``/slug/``; a
    date path such as ``/2019/12/19/`` is not a page number.
    """
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    for i, (key, value) in enumerate(query):
        if key.lower() in _PAGE_QUERY_KEYS and value.isdigit():
            rest = urlencode(query[:i] + query[i + 1:])
            return urlunsplit((parts.scheme, parts.netloc, parts.path, rest, "")), int(value)
    match = _PAGE_PATH.match(parts.path)
    if match:
        base = match.group("base") + ("/" if parts.path.endswith("/") else "")
        return urlunsplit((parts.scheme, parts.netloc, base, parts.query, "")), int(match.group("n"))
    return url, 1
