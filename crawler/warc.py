"""Raw capture: the HTTP responses behind the archive, as WARC 1.1 files.

Researchers can re-run improved extraction over old captures years later
(`scrapy extract --warc FILE --offset N`). Each crawl process writes its own
gzip-per-record files under ``ARCHIVE_DIR/raw/`` (so concurrent crawls never
share a file), rotated by size, each opening with a ``warcinfo`` record that
names the crawler and its settings.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler import defaults

logger = logging.getLogger(__name__)
#: Headers that described the bytes on the wire; the stored body is already decoded.
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class WarcCapture:
    def __init__(self, archive_dir: Path, *, max_bytes: int, info: dict, stats=None):
        self.archive_dir = Path(archive_dir)
        self.dir = self.archive_dir / "raw"
        self.max_bytes = max_bytes
        self.info = info
        self.stats = stats
        self.serial = 0
        self.stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
        self._fh = None
        self._path: Path | None = None

    @classmethod
    def from_crawler(cls, crawler) -> "WarcCapture | None":
        settings = crawler.settings
        if not defaults.get(settings, "WARC_ENABLED"):
            return None
        info = {
            "software": f"regional-news-archive (Scrapy {_scrapy_version()})",
            "hostname": socket.gethostname(),
            "format": "WARC File Format 1.1",
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": settings.get("USER_AGENT"),
            "capture": defaults.get(settings, "WARC_CAPTURE"),
            "settings": json.dumps({k: settings.get(k) for k in (
                "DOWNLOAD_DELAY", "AUTOTHROTTLE_ENABLED", "CONCURRENT_REQUESTS_PER_DOMAIN",
                "DOWNLOAD_MAXSIZE", "DOWNLOAD_TIMEOUT", "NEWS_MIN_ARTICLE_CHARS")}, default=str),
        }
        return cls(Path(defaults.get(settings, "ARCHIVE_DIR")), max_bytes=defaults.get(settings, "WARC_MAX_BYTES"),
                   info=info, stats=crawler.stats)

    def write(self, response) -> dict:
        """Store one response; returns its {file, offset} for the record."""
        if self._fh is None or self._fh.tell() >= self.max_bytes:
            self._rotate()
        writer = WARCWriter(self._fh, gzip=True, warc_version="WARC/1.1")
        headers = [(k.decode("latin-1"), b", ".join(v).decode("latin-1"))
                   for k, v in response.headers.items()
                   if k.decode("latin-1").lower() not in _TRANSFER_HEADERS]
        status = f"{response.status} {_reason(response.status)}"
        http_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        date = response.headers.get(b"Date")
        record = writer.create_warc_record(
            response.url, "response", payload=BytesIO(response.body), http_headers=http_headers,
            warc_headers_dict={"WARC-Date": _warc_date(date)},
        )
        offset = self._fh.tell()
        writer.write_record(record)
        self._fh.flush()
        if self.stats is not None:
            self.stats.inc_value("news/warc/records")
        return {"file": self._path.relative_to(self.archive_dir).as_posix(), "offset": offset}

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def _rotate(self) -> None:
        self.close()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.serial += 1
        self._path = self.dir / f"news-{self.stamp}-{os.getpid()}-{self.serial:05d}.warc.gz"
        self._fh = open(self._path, "ab")
        writer = WARCWriter(self._fh, gzip=True, warc_version="WARC/1.1")
        writer.write_record(writer.create_warcinfo_record(self._path.name, self.info))
        logger.info("raw capture: writing %s", self._path)


def warc_for(crawler) -> WarcCapture | None:
    """The crawl's one raw-capture writer (None when WARC_ENABLED is off)."""
    if not hasattr(crawler, "_news_warc"):
        crawler._news_warc = WarcCapture.from_crawler(crawler)
    return crawler._news_warc


class WarcEverything:
    """Downloader middleware for WARC_CAPTURE = "all": every response, not only articles."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy.exceptions import NotConfigured

        if not defaults.get(crawler.settings, "WARC_ENABLED") or defaults.get(crawler.settings, "WARC_CAPTURE") != "all":
            raise NotConfigured
        return cls(crawler)

    def process_response(self, request, response):
        capture = warc_for(self.crawler)
        if capture is not None and "news_warc" not in response.meta:
            response.meta["news_warc"] = capture.write(response)
        return response


def read_capture(path: Path, offset: int) -> tuple[str, bytes, dict]:
    """(url, body, headers) of the response record at ``offset`` of a WARC file."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                raise ValueError(f"{path}@{offset} is a {record.rec_type} record, not a response")
            headers = dict(record.http_headers.headers) if record.http_headers else {}
            return record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read(), headers
    raise ValueError(f"no WARC record at {path}@{offset}")


def _warc_date(http_date: bytes | None) -> str:
    from email.utils import parsedate_to_datetime

    moment = None
    if http_date:
        try:
            moment = parsedate_to_datetime(http_date.decode("latin-1"))
        except (TypeError, ValueError):
            moment = None
    moment = moment or datetime.now(timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _scrapy_version() -> str:
    import scrapy

    return scrapy.__version__
