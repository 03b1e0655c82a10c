"""Turning page bytes into text without mojibake.

w3lib trusts the HTTP charset over ``<meta>``. Old Arabic CMSes often sit
behind servers that announce ISO-8859-1 (or nothing) while the page is
windows-1256, so a header naming a Western default is only believed when the
page itself does not say otherwise and the bytes agree.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

#: Charsets servers send by default, which say little about the page.
_WEAK_HEADER_CHARSETS = {"cp1252", "latin_1", "iso8859_1", "ascii", "iso8859_15"}
_ARABIC = re.compile("[\u0600-\u06ff]")
_MOJIBAKE = re.compile("[\u00c0-\u00ff]{3,}")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can justify."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    #: Where the encoding came from: bom, header, meta, detected.
    source: str


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode an HTML page, preferring the page's own word over a weak header."""
    bom_enc, bom = read_bom(body)
    if bom_enc:
        return Decoded(body[len(bom):].decode(bom_enc, "replace"), bom_enc, "bom")
    header_enc = _resolve(http_content_type_encoding(content_type or ""))
    meta_enc = _resolve(html_body_declared_encoding(body[:8192]))
    if header_enc and header_enc not in _WEAK_HEADER_CHARSETS:
        candidates = [(header_enc, "header"), (meta_enc, "meta")]
    else:
        candidates = [(meta_enc, "meta"), ("utf-8", "detected"), (header_enc, "header")]
    for enc, origin in candidates:
        if not enc:
            continue
        text = _strict(body, enc)
        if text is not None and not _looks_misdecoded(text, enc, body):
            return Decoded(text, enc, origin)
    for enc, origin in candidates:
        if enc and enc not in _WEAK_HEADER_CHARSETS:
            text = body.decode(enc, "replace")
            if _damaged_not_wrong(text, enc):
                return Decoded(text, enc, origin + "+replace")
    detected = _detect(body)
    if detected and not _looks_misdecoded(detected.text, detected.encoding, body):
        return detected
    raise UndecodableError("bytes are not text in the declared or any detected encoding")


def _damaged_not_wrong(text: str, enc: str) -> bool:
    """A decode with a few bad sequences is the right charset with damaged bytes.

    A paragraph of invalid bytes in an otherwise valid UTF-8 page is damage
    (kept, the bad bytes replaced); a windows-1256 page read as UTF-8 is the
    wrong charset: nearly all its non-ASCII bytes fail. So UTF-8 is believed
    while its valid non-ASCII characters outnumber the replacements.
    """
    bad = text.count("\ufffd")
    if bad <= max(2, len(text) // 200):
        return True
    if enc != "utf_8":
        return False
    valid = sum(1 for c in text if c > "\x7f") - bad
    return valid > bad


def _resolve(name: str | None) -> str | None:
    if not name:
        return None
    resolved = resolve_encoding(name)
    if not resolved:
        return None
    try:
        return codecs.lookup(resolved).name.replace("-", "_")
    except LookupError:
        return None


def _strict(body: bytes, enc: str) -> str | None:
    try:
        return body.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_misdecoded(text: str, enc: str, body: bytes) -> bool:
    """A single-byte Western decode of Arabic bytes yields runs of accented Latin."""
    if enc not in _WEAK_HEADER_CHARSETS:
        return False
    return bool(_MOJIBAKE.search(text)) and not _ARABIC.search(text)


def _detect(body: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    if best is None or not best.encoding:
        return None
    enc = _resolve(best.encoding)
    if not enc:
        return None
    text = _strict(body, enc)
    if text is None:
        return None
    return Decoded(text, enc, "detected")
