"""What the spider needs to know of a Scrapy response before ``extract()`` reads it."""

from __future__ import annotations

from newsarchive.extract.article import ExtractionError

HTML_TYPES = ("text/html", "application/xhtml+xml")


async def extract_response(pool, response, profile, min_chars: int, keep_text: bool = True):
    """``extract()`` on a response, in the extraction pool; ``ExtractionError("non_html")`` for anything but HTML."""
    if not is_html(response):
        raise ExtractionError("non_html", "not HTML")
    return await pool.extract(response.url, response.body, headers_of(response), profile, min_chars, keep_text)


def is_html(response) -> bool:
    """HTML by its Content-Type, or, without one, by how the body starts."""
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    if content_type:
        return content_type.split(";")[0].strip() in HTML_TYPES
    head = response.body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def headers_of(response) -> dict[str, str]:
    """The response headers as one string per name (repeated headers joined, as HTTP allows)."""
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
