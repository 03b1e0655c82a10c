"""Publication dates for archived news articles.

The archive files every article under one calendar day, so a wrong day is
worse than no day: every parser here returns ``None`` rather than guess a
missing day, month or year (htmldate, for instance, silently answers
January 1st for Levantine month names).

Division of labour:

* machine values (meta tags, JSON-LD, sitemaps, RSS) go through the
  standard library's exact ISO 8601 / RFC 822 parsers, because those
  formats are specified and dateparser's leniency would only add ways to
  misread them;
* printed dates are *located* with regular expressions (dateparser cannot
  pick a date out of surrounding words such as "نشر في:") and the located
  day/month/year is *read* by dateparser, one Arabic regional locale at a
  time, because month names differ by region (كانون الأول / ديسمبر /
  دجنبر) and dateparser refuses to load two regions of one language in a
  single parser;
* the time of day is read here rather than by dateparser, because portals
  print it apart from the date ("… 2019 | 14:30", "الساعة 14:30") and often
  with an Arabic "م"/"ص" next to a Latin month name, a mix that dateparser
  rejects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from dateparser.date import DateDataParser
from dateparser.languages.loader import default_loader

__all__ = [
    "ParsedDate",
    "find_date_in_url",
    "has_arabic_month_date",
    "is_plausible",
    "parse_machine_date",
    "parse_visible_date",
]

# Only this much of a visible text is scanned; dateparser itself only ever
# sees the few dozen characters of one located candidate.
_MAX_TEXT = 400
_MAX_MACHINE = 100
# A page can hold many number/word/number runs that are not dates ("19
# شخصا في 2019"); each costs one dateparser attempt per locale.
_MAX_CANDIDATES = 6
# How far a time of day may sit from the date it belongs to.
_TIME_WINDOW = 40
_MAX_GAP_CHARS = 24
_MAX_GAP_WORDS = 3

_ARABIC_LOCALES = ("ar-SY", "ar-DZ", "ar-MA", "fa")
_LATIN_LOCALES = ("en", "fr", "es", "de")
_NUMERIC_LOCALE = "en"

_EARLIEST_DAY = date(1990, 1, 1)
_MAX_FUTURE = timedelta(days=1)


@dataclass(frozen=True)
class ParsedDate:
    """A publication date, keeping apart sources that printed no time of day.

    A bare day has no instant to convert, so ``date_only`` values are stored
    as midnight UTC of the printed day: converting them to UTC, as the
    archive does for timed values, then never moves them to another day.
    """

    value: datetime
    date_only: bool

    def __post_init__(self) -> None:
        if self.value.tzinfo is None or self.value.utcoffset() is None:
            raise ValueError("ParsedDate.value must be timezone-aware")
        if self.date_only:
            midnight = datetime.combine(self.value.date(), time(0), timezone.utc)
            object.__setattr__(self, "value", midnight)

    def iso(self) -> str:
        return self.value.isoformat(timespec="seconds")

    def day(self) -> date:
        if self.date_only:
            return self.value.date()
        return self.value.astimezone(timezone.utc).date()


# --------------------------------------------------------------------------
# Text normalisation

_TRANSLATION: dict[int, str | None] = {}
for _i in range(10):
    _TRANSLATION[0x0660 + _i] = str(_i)  # Arabic-Indic
    _TRANSLATION[0x06F0 + _i] = str(_i)  # Extended Arabic-Indic (Persian/Urdu)
_TRANSLATION.update(
    {
        0x06CC: "\u064a",  # Persian yeh, common in copy-pasted "فبرایر"
        0x06A9: "\u0643",  # Persian kaf
        0x0640: None,  # tatweel
        0x066B: ".",  # Arabic decimal separator
        0x066C: ",",  # Arabic thousands separator
        0x00A0: " ",
        0x2009: " ",
        0x202F: " ",
        0x200B: None,
        0x200C: None,
        0x200D: None,
        0x200E: None,
        0x200F: None,
        0x061C: None,
        0xFEFF: None,
    }
)
for _cp in list(range(0x064B, 0x0660)) + [0x0670] + list(range(0x06D6, 0x06EE)):
    _TRANSLATION[_cp] = None  # harakat/Quranic marks: "مساءً" → "مساء"
for _cp in list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A)):
    _TRANSLATION[_cp] = None  # bidi embeddings/isolates from RTL templates
del _i, _cp

# dateparser's ar-SY data only knows "كانون الأول"; Syrian and Lebanese
# sites also print "كانون أول" / "تشرين ثاني" without the article.
_LEVANTINE_ORDINAL = re.compile(
    r"(كانون|تشرين)\s*(?:ال)?(أول|اول|ثاني|ثان)(?![^\W\d_])"
)
# dateparser knows "جويلية" but not the equally common spelling with ه.
_JUILLET_VARIANT = re.compile(r"جويليه(?![^\W\d_])")
_SPACES = re.compile(r"\s+")


def _normalise(text: str, limit: int) -> str:
    text = text[:limit].translate(_TRANSLATION)
    text = _LEVANTINE_ORDINAL.sub(
        lambda m: f"{m.group(1)} {'الأول' if m.group(2) in ('أول', 'اول') else 'الثاني'}",
        text,
    )
    text = _JUILLET_VARIANT.sub("جويلية", text)
    return _SPACES.sub(" ", text).strip()


def _attach_tz(naive: datetime, tz: tzinfo) -> datetime:
    # pytz zones give wrong (LMT) offsets with replace(); they need localize().
    localize = getattr(tz, "localize", None)
    if localize is not None:
        return localize(naive)
    return naive.replace(tzinfo=tz)


def _aware_now(now: datetime) -> datetime:
    # The crawler's `now` comes from an HTTP Date header, which is UTC.
    return now if now.tzinfo is not None and now.utcoffset() is not None else now.replace(tzinfo=timezone.utc)


# --------------------------------------------------------------------------
# dateparser


@lru_cache(maxsize=None)
def _parser(locale: str, order: str) -> DateDataParser:
    return DateDataParser(
        locales=[locale],
        try_previous_locales=False,
        settings={
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["absolute-time"],
            "DATE_ORDER": order,
            "PREFER_LOCALE_DATE_ORDER": False,
        },
    )


def _dateparser_day(text: str, locales: tuple[str, ...], order: str) -> date | None:
    for locale in locales:
        data = _parser(locale, order).get_date_data(text)
        if data.date_obj is not None and data.period == "day":
            return data.date_obj.date()
    return None


# --------------------------------------------------------------------------
# Locating printed dates

_WORD = r"[^\W\d_]"
_NUMERIC_YMD = re.compile(
    r"(?<![\d.:/])(?P<y>\d{4})\s?(?P<sep>[-/.])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<d>\d{1,2})(?![\d/])"
)
_NUMERIC_DMY = re.compile(
    r"(?<![\d.:/])(?P<d>\d{1,2})\s?(?P<sep>[-/.])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4})(?![\d/])"
)
# A day, a few words that dateparser must accept as a month, and a year.
_DAY_FIRST = re.compile(
    r"(?<![\d.:/])(?P<d>\d{1,2})(?:st|nd|rd|th|er)?\.?"
    r"(?P<mid>[^\d\n:]{2,32}?)"
    r"(?<!\d)(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_MONTH_FIRST = re.compile(
    rf"(?P<mid>{_WORD}{{3,}}\.?(?:\s{_WORD}{{2,}}\.?)?)[\s,،]+"
    r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)[\s,،]+"
    r"(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
# "1441هـ": a Hijri year, which dateparser would read as a Gregorian one.
_HIJRI_SUFFIX = re.compile(r"\s?ه(?:ـ)?(?![^\W\d_])")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
_MID_TRIM = re.compile(r"^[\s,،.\-–—]+|[\s,،.\-–—]+$")
_MID_INNER = re.compile(r"[\s,،.\-–—]+")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    day: date


def _numeric_candidate(m: re.Match[str], order: str) -> date | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if order == "DMY" and mo > 12 and d <= 12:
        # "12/19/2019" can only be month-first; anything ambiguous stays DMY.
        mo, d, order = d, mo, "MDY"
    if order == "YMD":
        text = f"{y}/{mo}/{d}"
    elif order == "MDY":
        text = f"{mo}/{d}/{y}"
    else:
        text = f"{d}/{mo}/{y}"
    parsed = _dateparser_day(text, (_NUMERIC_LOCALE,), order)
    if parsed is None or (parsed.year, parsed.month, parsed.day) != (y, mo, d):
        return None
    return parsed


def _worded_candidate(m: re.Match[str], month_first: bool) -> date | None:
    y, d = int(m["y"]), int(m["d"])
    for alternative in re.split(r"[/|]", m["mid"]):
        # "19 كانون الأول/ديسمبر 2019": each name alone is a valid month.
        mid = _MID_INNER.sub(" ", _MID_TRIM.sub("", alternative))
        if not mid or len(mid) > 25 or mid.count(" ") > 3 or not re.search(_WORD, mid):
            continue
        locales = _ARABIC_LOCALES if _ARABIC_LETTER.search(mid) else _LATIN_LOCALES
        text = f"{mid} {d} {y}" if month_first else f"{d} {mid} {y}"
        parsed = _dateparser_day(text, locales, "DMY")
        # dateparser must have read the day and year we located; only the
        # month is its own finding.
        if parsed is not None and (parsed.year, parsed.day) == (y, d):
            return parsed
    return None


def _date_candidates(text: str):
    matches: list[tuple[int, re.Match[str], str]] = []
    for pattern, kind in (
        (_NUMERIC_YMD, "YMD"),
        (_NUMERIC_DMY, "DMY"),
        (_DAY_FIRST, "day-first"),
        (_MONTH_FIRST, "month-first"),
    ):
        for m in pattern.finditer(text):
            matches.append((m.start(), m, kind))
    matches.sort(key=lambda item: item[0])
    for _, m, kind in matches[:_MAX_CANDIDATES]:
        if _HIJRI_SUFFIX.match(text, m.end()):
            continue
        if kind in ("YMD", "DMY"):
            day = _numeric_candidate(m, kind)
        else:
            day = _worded_candidate(m, month_first=kind == "month-first")
        if day is not None:
            yield _Candidate(m.start(), m.end(), day)


# --------------------------------------------------------------------------
# Time of day

_TIME = re.compile(
    r"(?<![\d:.+])(?P<h>\d{1,2})\s?(?::|h\s?)(?P<mi>\d{2})(?:\s?:\s?(?P<s>\d{2}))?(?![\d])"
    r"(?:\s?(?P<ampm>a\.m\.?|p\.m\.?|am|pm|صباحا|صباح|مساءا|مساء|ص|م)(?![^\W\d_]))?"
    r"(?:\s?(?:"
    r"(?P<z>Z)(?![^\W\d_])"
    r"|\(?\s?(?:بتوقيت\s?|توقيت\s?)?(?P<gmt>GMT|UTC|غرينتش|جرينتش|غرينيتش)\s?(?P<goff>[+-]\d{1,2}(?::?\d{2})?)?\s?\)?"
    r"|\(?\s?(?:بتوقيت\s?|توقيت\s?)?(?P<mecca>مكة)(?:\s?المكرمة)?\s?\)?"
    r"|(?P<off>[+-]\d{2}:?\d{2})(?!\d)"
    r"))?",
    re.IGNORECASE,
)
_MECCA = timezone(timedelta(hours=3))  # Al Jazeera prints "(مكة المكرمة)"
_PM = {"pm", "p.m.", "p.m", "مساء", "مساءا", "م"}
_GAP_WORD = re.compile(r"[^\W\d_]+")


def _gap_ok(gap: str) -> bool:
    return (
        len(gap) <= _MAX_GAP_CHARS
        and not any(c.isdigit() for c in gap)
        and len(_GAP_WORD.findall(gap)) <= _MAX_GAP_WORDS
    )


def _offset(signed: str) -> tzinfo | None:
    sign = -1 if signed[0] == "-" else 1
    digits = signed[1:].replace(":", "")
    hours = int(digits[:-2] if len(digits) > 2 else digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    delta = timedelta(hours=hours, minutes=minutes)
    if minutes > 59 or delta > timedelta(hours=14):
        return None
    return timezone(sign * delta)


class _MisreadClock(Exception):
    """A date sits next to an impossible clock ("25:00", "+99:00").

    The page is then using a layout we do not understand, so the whole
    value is dropped rather than kept as a bare day.
    """


def _time_from_match(m: re.Match[str]) -> tuple[time, tzinfo | None]:
    hour, minute, second = int(m["h"]), int(m["mi"]), int(m["s"] or 0)
    ampm = (m["ampm"] or "").lower()
    if ampm and 1 <= hour <= 12:
        if ampm in _PM and hour != 12:
            hour += 12
        elif ampm not in _PM and hour == 12:
            hour = 0
    # A marker after a 24-hour clock ("14:30 م") is redundant, not an error.
    if hour > 23 or minute > 59 or second > 59:
        raise _MisreadClock(m.group(0))
    tz: tzinfo | None = None
    if m["z"] or m["gmt"]:
        tz = _offset(m["goff"]) if m["goff"] else timezone.utc
    elif m["mecca"]:
        tz = _MECCA
    elif m["off"]:
        tz = _offset(m["off"])
    if tz is None and (m["goff"] or m["off"]):
        raise _MisreadClock(m.group(0))
    return time(hour, minute, second), tz


def _time_near(text: str, start: int, end: int) -> tuple[time, tzinfo | None] | None:
    """Time printed right after a date, else right before it ("14:30 | الخميس …")."""
    after = text[end : end + _TIME_WINDOW]
    m = _TIME.search(after)
    if m is not None and _gap_ok(after[: m.start()]):
        return _time_from_match(m)
    lo = max(0, start - _TIME_WINDOW)
    before = text[lo:start]
    last = None
    for m in _TIME.finditer(before):
        last = m
    if last is not None and _gap_ok(before[last.end() :]):
        return _time_from_match(last)
    return None


def _combine(day: date, found: tuple[time, tzinfo | None] | None, default_tz: tzinfo) -> ParsedDate:
    if found is None:
        return ParsedDate(datetime.combine(day, time(0), timezone.utc), date_only=True)
    clock, tz = found
    naive = datetime.combine(day, clock)
    value = naive.replace(tzinfo=tz) if tz is not None else _attach_tz(naive, default_tz)
    return ParsedDate(value, date_only=False)


# --------------------------------------------------------------------------
# Relative phrases

_AR_UNITS: dict[str, tuple[str, str]] = {}
for _unit, _single, _dual, _plural in (
    ("second", "ثانية ثانيه", "ثانيتين ثانيتان", "ثوان ثواني"),
    ("minute", "دقيقة دقيقه", "دقيقتين دقيقتان", "دقائق دقايق"),
    ("hour", "ساعة ساعه", "ساعتين ساعتان", "ساعات"),
    ("day", "يوم", "يومين يومان", "أيام ايام"),
    ("week", "أسبوع اسبوع", "أسبوعين اسبوعين أسبوعان اسبوعان", "أسابيع اسابيع"),
    ("month", "شهر", "شهرين شهران", "أشهر اشهر شهور"),
    ("year", "سنة سنه عام", "سنتين سنتان عامين عامان", "سنوات سنين أعوام اعوام"),
):
    for _kind, _forms in (("one", _single), ("two", _dual), ("many", _plural)):
        for _form in _forms.split():
            _AR_UNITS[_form] = (_unit, _kind)
del _unit, _single, _dual, _plural, _kind, _forms, _form


def _alternation(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_AR_RELATIVE = re.compile(
    r"(?:منذ|قبل)\s(?:(?:حوالي|حوالى|نحو)\s)?(?:(?P<n>\d+)\s?)?"
    rf"(?P<unit>{_alternation(_AR_UNITS)})(?![^\W\d_])"
)
_EN_UNITS = {
    "second": "second seconds sec secs s",
    "minute": "minute minutes min mins m",
    "hour": "hour hours hr hrs h",
    "day": "day days d",
    "week": "week weeks wk wks w",
    "month": "month months",
    "year": "year years yr yrs",
}
_FR_UNITS = {
    "second": "seconde secondes s",
    "minute": "minute minutes min mn",
    "hour": "heure heures h",
    "day": "jour jours j",
    "week": "semaine semaines",
    "month": "mois",
    "year": "an ans année années",
}


def _unit_lookup(table: dict[str, str]) -> dict[str, str]:
    return {form: unit for unit, forms in table.items() for form in forms.split()}


_EN_UNIT_OF = _unit_lookup(_EN_UNITS)
_FR_UNIT_OF = _unit_lookup(_FR_UNITS)
_EN_RELATIVE = re.compile(
    rf"(?<![\w])(?P<n>\d+|an|a|one)\s?(?P<unit>{_alternation(_EN_UNIT_OF)})\.?\sago(?![^\W\d_])",
    re.IGNORECASE,
)
_FR_RELATIVE = re.compile(
    rf"il\sy\sa\s(?P<n>\d+|une|un)\s?(?P<unit>{_alternation(_FR_UNIT_OF)})(?![^\W\d_])",
    re.IGNORECASE,
)
_YESTERDAY = re.compile(r"(?<![^\W\d_])(?:أمس|امس|البارحة|yesterday|hier)(?![^\W\d_])", re.IGNORECASE)
_TODAY = re.compile(r"(?<![^\W\d_])(?:اليوم|today|aujourd'hui|aujourd’hui)(?![^\W\d_])", re.IGNORECASE)
_RELATIVE_HINT = re.compile(
    r"منذ|قبل|أمس|امس|البارحة|ago|il\sy\sa|yesterday|hier", re.IGNORECASE
)
_DIGIT = re.compile(r"[0-9]")
_EXACT_UNITS = {"second": "seconds", "minute": "minutes", "hour": "hours"}
_DAY_UNITS = {"day": 1, "week": 7}
# Larger counts would overflow datetime arithmetic and are never real ages.
_MAX_RELATIVE_COUNT = 100_000


def _relative_amount(text: str) -> tuple[int, str] | None:
    m = _AR_RELATIVE.search(text)
    if m is not None:
        unit, kind = _AR_UNITS[m["unit"]]
        if m["n"]:
            return int(m["n"]), unit
        if kind == "many":  # "منذ ساعات": no count printed
            return None
        return (1 if kind == "one" else 2), unit
    for pattern, units in ((_EN_RELATIVE, _EN_UNIT_OF), (_FR_RELATIVE, _FR_UNIT_OF)):
        m = pattern.search(text)
        if m is not None:
            n = m["n"].lower()
            return (int(n) if n.isdigit() else 1), units[m["unit"].lower()]
    return None


def _relative(text: str, now: datetime, default_tz: tzinfo) -> ParsedDate | None:
    """Resolve "منذ 3 ساعات" and friends against the response time.

    Hours and smaller keep a time of day; days and weeks only pin down a
    calendar day (of the site's own clock, ``default_tz``); months and
    years are too coarse to file an article under a day, so they give None.
    """
    amount = _relative_amount(text)
    if amount is not None:
        n, unit = amount
        if n > _MAX_RELATIVE_COUNT:
            return None
        if unit in _EXACT_UNITS:
            return ParsedDate(now - timedelta(**{_EXACT_UNITS[unit]: n}), date_only=False)
        if unit in _DAY_UNITS:
            local_day = now.astimezone(default_tz).date() - timedelta(days=n * _DAY_UNITS[unit])
            return ParsedDate(datetime.combine(local_day, time(0), timezone.utc), date_only=True)
        return None
    for pattern, days_back in ((_YESTERDAY, 1), (_TODAY, 0)):
        m = pattern.search(text)
        if m is None:
            continue
        local_day = now.astimezone(default_tz).date() - timedelta(days=days_back)
        found = _time_near(text, m.start(), m.end())
        if found is not None:
            return _combine(local_day, found, default_tz)
        # A bare "أمس" is only trusted when it is the whole label; in running
        # text it usually belongs to the story ("قال أمس …").
        if days_back and _GAP_WORD.findall(text) == [m.group(0)]:
            return _combine(local_day, None, default_tz)
    return None


# --------------------------------------------------------------------------
# Public API


def parse_visible_date(
    text: str,
    *,
    now: datetime | None = None,
    default_tz: tzinfo = timezone.utc,
) -> ParsedDate | None:
    """Read a date as printed on a page.

    An absolute date anywhere in the text wins over a relative phrase.
    Dates need a printed day, month and four-digit year; numeric dates are
    read day-first unless only month-first is possible ("12/19/2019").
    Relative phrases need ``now`` because guessing the crawl time would
    file the article under the wrong day.
    """
    if not text or not isinstance(text, str):
        return None
    text = _normalise(text, _MAX_TEXT)
    has_digit = _DIGIT.search(text) is not None
    if not has_digit and _RELATIVE_HINT.search(text) is None:
        return None
    try:
        if has_digit:
            for candidate in _date_candidates(text):
                found = _time_near(text, candidate.start, candidate.end)
                return _combine(candidate.day, found, default_tz)
        if now is None:
            return None
        return _relative(text, _aware_now(now), default_tz)
    except _MisreadClock:
        return None


_ISO_START = re.compile(r"^\d{4}(?:-?\d{2}-?\d{2}|-?W\d{2})")
_ISO_HAS_TIME = re.compile(r"\d[T ]\d")
_ISO_OFFSET_THEN_Z = re.compile(r"([+-]\d{2}:?\d{2})Z$")
# "AST" in RSS from Gulf sites means Arabia (+03:00); the email module reads
# it as Atlantic (-04:00). The site's configured zone is the safer guess.
_AMBIGUOUS_ZONE = re.compile(r"(?<![A-Za-z])AST(?![A-Za-z])")


def parse_machine_date(value: str, *, default_tz: tzinfo = timezone.utc) -> ParsedDate | None:
    """Read a date meant for machines (ISO 8601 / W3C-DTF, RFC 822).

    Values in neither format (some CMSs put "December 19, 2019" in
    ``article:published_time``) fall back to the visible-text reader, minus
    relative phrases.
    """
    if not value or not isinstance(value, str):
        return None
    text = _normalise(value, _MAX_MACHINE)
    if _ISO_START.match(text):
        iso = _ISO_OFFSET_THEN_Z.sub(r"\1", text.upper())
        try:
            parsed = datetime.fromisoformat(iso)
        except ValueError:
            parsed = None
        if parsed is not None:
            if not _ISO_HAS_TIME.search(iso):
                return ParsedDate(parsed.replace(tzinfo=timezone.utc), date_only=True)
            if parsed.tzinfo is None:
                parsed = _attach_tz(parsed, default_tz)
            return ParsedDate(parsed, date_only=False)
    elif re.search(r"[A-Za-z]{3}", text):
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None or _AMBIGUOUS_ZONE.search(text):
                parsed = _attach_tz(parsed.replace(tzinfo=None), default_tz)
            return ParsedDate(parsed, date_only=False)
    return parse_visible_date(text, now=None, default_tz=default_tz)


# A one-digit day followed by "-" is a slug ("/2023/10/3-fragen-an…"), not a day.
_URL_SEPARATED = re.compile(
    r"(?:^|[/_.\-=])(?P<y>(?:19|20)\d{2})(?P<sep>[/_-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?=$|[/_.&#?]|(?<=\d\d)-)"
)
_URL_COMPACT = re.compile(r"(?:^|[/_\-=])(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?=$|[/_.\-&#?])")


def find_date_in_url(url: str) -> ParsedDate | None:
    """Day encoded in an article URL; always date_only.

    Only year-first forms are accepted and a year/month path ("/2019/12/")
    gives None, because a URL never says which day such an article is from.
    """
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    for part in (unquote(parts.path), unquote(parts.query)):
        for pattern in (_URL_SEPARATED, _URL_COMPACT):
            for m in pattern.finditer(part):
                try:
                    day = date(int(m["y"]), int(m["m"]), int(m["d"]))
                except ValueError:
                    continue
                return ParsedDate(datetime.combine(day, time(0), timezone.utc), date_only=True)
    return None


_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")


@lru_cache(maxsize=1)
def _arabic_month_date() -> re.Pattern[str]:
    """A number next to a month name of dateparser's Arabic-script locales."""
    names = {
        _normalise(name, _MAX_TEXT)
        for locale in ("ar", *_ARABIC_LOCALES)
        for key in _MONTH_KEYS
        for name in default_loader.get_locale(locale).info.get(key, ())
        if _ARABIC_LETTER.search(name) and not _DIGIT.search(name)
    }
    month = f"(?<![^\\W\\d_])(?:{_alternation(names)})(?![^\\W\\d_])"
    return re.compile(rf"\d{{1,2}}\s?{month}|{month}\s?\d{{4}}")


def has_arabic_month_date(text: str) -> bool:
    """Whether the text prints a date with an Arabic month name ("19 كانون الأول", "أيار 2019").

    Readers that only know Latin month names (htmldate) see the year alone
    in such a date and answer January 1st; callers ask them only when this
    is False.
    """
    return bool(text) and _arabic_month_date().search(_normalise(text, len(text))) is not None


def is_plausible(parsed: ParsedDate, *, now: datetime) -> bool:
    """Reject dates a news archive cannot hold.

    A day of slack covers sites whose clock is ahead of the response's Date
    header (UTC+14 zones, date-only values of a local "today").
    """
    now = _aware_now(now)
    return parsed.day() >= _EARLIEST_DAY and parsed.value <= now + _MAX_FUTURE
