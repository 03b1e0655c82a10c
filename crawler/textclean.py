"""Text normalisation for archived Arabic articles.

Archived text must compare equal across crawls and be searchable, so the
same article must come out the same whatever entity encoding, presentation
forms, invisible characters or keyword-filter obfuscation the site used.
Only what is provably noise is changed: when a rule cannot tell noise from
text it leaves the text alone.

Order matters and is shared by ``normalize_text`` and ``clean_body``:
entities first (they can encode any of the rest), then invisible controls
(they would otherwise split words and hide tatweel from the de-obfuscator)
and presentation forms, then de-obfuscation, then NFC, then whitespace.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Iterable

from crawler import boilerplate

__all__ = ["normalize_text", "deobfuscate", "clean_body", "ZWNJ_LANGUAGES"]

# Languages in which ZWNJ is part of the spelling (Persian "می‌خواهم").
ZWNJ_LANGUAGES = frozenset({"fa", "ur", "ps", "ckb", "ku"})

TATWEEL = "\u0640"

# Arabic-script letters, without tatweel, digits and punctuation.
_LETTER = (
    "\u0621-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5"
    "\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9"
)
# Harakat and other marks that ride on a letter (or on a tatweel).
_MARK = "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"

# Padding: a run of dots and tatweel holding at least one tatweel, right
# after an Arabic letter (or a haraka on one) and right before one:
# "قصـ.ف", "قص.ـف", "قصـ..ف", "عسـكرياً". Harakat riding on a tatweel
# ("مـُحمد", "مـًـا") may sit inside the run; they are kept.
_PADDING_RE = re.compile(
    f"(?<=[{_LETTER}{_MARK}])[.{_MARK}{TATWEEL}]*{TATWEEL}[.{_MARK}{TATWEEL}]*(?=[{_LETTER}])"
)
_PADDING_JUNK_RE = re.compile(f"[.{TATWEEL}]+")

_INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u200b"  # zero-width space
    "\u200d-\u200f"  # ZWJ, LRM, RLM
    "\u202a-\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2060"  # word joiner
    "\u2066-\u2069"  # LRI, RLI, FSI, PDI
    "\ufeff"  # BOM / ZWNBSP
)
_ZWNJ = "\u200c"
_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefc"
# One scan finds both kinds of rare characters; runs are fixed up in
# _fix_special_run.
_SPECIAL_RE = re.compile(f"[{_INVISIBLE}{_ZWNJ}{_PRESENTATION}]+")
_SPECIAL_KEEP_ZWNJ_RE = re.compile(f"[{_INVISIBLE}{_PRESENTATION}]+")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")
_INVISIBLE_AND_ZWNJ_RE = re.compile(f"[{_INVISIBLE}{_ZWNJ}]+")
_PRESENTATION_RE = re.compile(f"[{_PRESENTATION}]")
# NFKC turns isolated harakat forms (U+FE70 ...) into space + mark.
_SPACE_BEFORE_MARK_RE = re.compile(f" (?=[{_MARK}])")

# Everything str.splitlines() splits on; an entity such as "&#10;" inside a
# paragraph must not create a new one.
_LINE_BREAK_RE = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

# Lines that only carry share counters ("0", "12", "1.2k").
_COUNTER_LINE_RE = re.compile(r"\d+[km]?(?: \d+[km]?)*")
# Lines after a related/sidebar heading are taken for a list of linked
# titles only if there are at most RELATED_MAX_ITEMS of them and none is
# longer than RELATED_TITLE_MAX_WORDS.
RELATED_TITLE_MAX_WORDS = 20
RELATED_MAX_ITEMS = 12


def deobfuscate(s: str) -> str:
    """Undo tatweel/dot padding that sites insert to dodge keyword filters.

    Only a tatweel between two Arabic letters is padding, and a dot only goes
    when it touches such a tatweel. A tatweel before a quote, a Latin word or
    a number (بـ"حلوى", لـ COVID, بـ2019) is how Arabic attaches a one-letter
    prefix to foreign material and stays. A dot between two Arabic letters
    without any tatweel also stays: it cannot be told from a full stop with a
    missing space ("إدلب.وشهدت") or an abbreviation ("ج.م.ع"), so we prefer
    leaving rare padding to damaging real punctuation.
    """
    if TATWEEL not in s:
        return s
    return _PADDING_RE.sub(_drop_padding, s)


def _drop_padding(match: re.Match[str]) -> str:
    return _PADDING_JUNK_RE.sub("", match.group())


def _keeps_zwnj(language: str | None) -> bool:
    if not language:
        return False
    primary = language.strip().lower().replace("_", "-").split("-", 1)[0]
    return primary in ZWNJ_LANGUAGES


def _fix_special_run(match: re.Match[str], invisible: re.Pattern[str]) -> str:
    run = invisible.sub("", match.group())
    if run and _PRESENTATION_RE.search(run):
        run = _SPACE_BEFORE_MARK_RE.sub("", unicodedata.normalize("NFKC", run))
    return run


def _drop_invisible_and_zwnj(match: re.Match[str]) -> str:
    return _fix_special_run(match, _INVISIBLE_AND_ZWNJ_RE)


def _drop_invisible(match: re.Match[str]) -> str:
    return _fix_special_run(match, _INVISIBLE_RE)


def _normalize_chars(s: str, keep_zwnj: bool) -> str:
    """All per-character steps; never adds or removes a line break, so
    ``clean_body`` can run it once over the whole body."""
    if s.isascii():
        return s
    if keep_zwnj:
        s = _SPECIAL_KEEP_ZWNJ_RE.sub(_drop_invisible, s)
    else:
        s = _SPECIAL_RE.sub(_drop_invisible_and_zwnj, s)
    # NFC last: removing padding can bring two harakat together, and they
    # must end up in canonical order.
    s = deobfuscate(s)
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    return s


def normalize_text(s: str | None, *, language: str | None = None) -> str | None:
    """Normalise a one-line field (title, section, author, tag, link title).

    Entities are decoded exactly once, so a literal "&amp;quot;" in the
    source stays "&quot;". Line breaks become spaces. ``language`` (a BCP 47
    tag such as "fa" or "fa-IR") only decides whether ZWNJ is kept.
    """
    if s is None:
        return None
    if "&" in s:
        s = html.unescape(s)
    s = _normalize_chars(s, _keeps_zwnj(language))
    # str.split() knows every Unicode space and is faster than a regex.
    return " ".join(s.split())


def clean_body(
    s: str | None,
    *,
    language: str | None = None,
    extra_phrases: Iterable[str] = (),
) -> str | None:
    """Article body as paragraphs separated by exactly one blank line.

    Extractors emit one paragraph per line, so every line break ends a
    paragraph, blank lines or not. Each paragraph gets the normalize_text
    treatment; empty ones and boilerplate lines are dropped (see
    ``crawler.boilerplate.is_boilerplate_line``; ``extra_phrases`` come from
    the site profile). At the edges, where page furniture collects, two more
    things go: lone share counters before the first paragraph, and a
    trailing related/sidebar heading together with the short lines
    (linked titles) after it.
    """
    if s is None:
        return None
    keep_zwnj = _keeps_zwnj(language)
    lines = s.splitlines()
    if "&" in s:
        lines = [_LINE_BREAK_RE.sub(" ", html.unescape(x)) if "&" in x else x for x in lines]
    text = _normalize_chars("\n".join(lines), keep_zwnj)

    if isinstance(extra_phrases, str):
        extra_phrases = (extra_phrases,)
    extra = tuple(extra_phrases)
    paragraphs: list[tuple[str, str]] = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        key = boilerplate.line_key(line)
        if not boilerplate.is_boilerplate_line(line, extra, key=key):
            paragraphs.append((line, key))

    paragraphs = _drop_leading_counters(paragraphs)
    paragraphs = _drop_trailing_related(paragraphs)
    return "\n\n".join(line for line, _ in paragraphs)


def _drop_leading_counters(paragraphs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Share rows are already gone; their counters ("0", "12") may be left
    as lines of their own before the text starts."""
    start = 0
    while start < len(paragraphs) and _COUNTER_LINE_RE.fullmatch(paragraphs[start][1]):
        start += 1
    return paragraphs[start:]


def _drop_trailing_related(paragraphs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Cut at a related/sidebar heading near the end if only linked titles
    (short lines) follow it.

    The search walks back from the end and stops at the first long line:
    that line proves we are back in the article, so a heading-like line
    inside the text is never a reason to cut text.
    """
    end = len(paragraphs)
    first = max(0, len(paragraphs) - RELATED_MAX_ITEMS - 1)
    for i in range(len(paragraphs) - 1, first - 1, -1):
        line, key = paragraphs[i]
        if boilerplate.is_related_heading(line, key=key) or boilerplate.is_sidebar_heading(
            line, key=key
        ):
            end = i
        elif key.count(" ") >= RELATED_TITLE_MAX_WORDS:
            break
    return paragraphs[:end]
