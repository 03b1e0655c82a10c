"""A page's publication and modification dates, and the clock its bare times mean.

``newsarchive.extract.dates`` reads one value; this module decides which
values of a page to read and in which order: the profile's selector, the
URL, hAtom, meta tags and microdata, JSON-LD (Yoast's ``@graph`` WebPage
too), WordPress and other ``<time>`` elements, the printed date, then generic
meta names; the date printed with the headline overrules a machine value for
another day; when none of those says anything, htmldate's extensive search.
bench/dates.py measured the order on 800 real pages.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from itertools import chain, islice
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import htmldate
import pytz
from lxml import html as lxml_html

from newsarchive.extract import dates
from newsarchive.extract.content import head_text
from newsarchive.extract.dates import ParsedDate
from newsarchive.extract.metadata import PageMeta, node_types

__all__ = ["PageDates", "SiteZone", "find_dates", "site_zone"]


# --------------------------------------------------------------------------
# The site's clock


@dataclass(frozen=True)
class SiteZone:
    """The zone a site's bare times are read in, and why (``scrapy extract --explain``)."""

    tz: tzinfo
    source: str


_UTC = SiteZone(timezone.utc, "default UTC")
#: Country-code TLDs sold worldwide as generic names: they say nothing about the site's clock.
_VANITY_TLDS = frozenset({"ai", "cc", "co", "fm", "io", "me", "tv", "ws"})
#: ccTLDs whose ISO 3166 code differs.
_TLD_COUNTRY = {"uk": "gb"}
#: Instants a country's zones are compared at: its winter and summer clocks.
_PROBE_MONTHS = (1, 7)


def site_zone(url: str, meta: PageMeta, profile_timezone: str | None) -> SiteZone:
    """The profile's zone, else the one zone of the site's country, else UTC.

    The country comes from the ccTLD, then the region of ``<html lang>``,
    then of ``og:locale``; a country spanning several clocks (US, Russia,
    Spain with the Canaries) names no zone, and the next hint is tried.
    """
    if profile_timezone:
        return SiteZone(ZoneInfo(profile_timezone), "profile")
    tld = (urlsplit(url).hostname or "").rsplit(".", 1)[-1].lower()
    hints = [(f"ccTLD .{tld}", None if tld in _VANITY_TLDS else _TLD_COUNTRY.get(tld, tld))]
    for label, value in (("lang", meta.lang), ("og:locale", meta.first("og:locale"))):
        if value:
            hints.append((f"{label} {value.strip()}", _region(value)))
    for label, country in hints:
        zone = _country_zone(country) if country else None
        if zone is not None:
            return SiteZone(ZoneInfo(zone), label)
    return _UTC


def _region(tag: str) -> str | None:
    """The region subtag of a language tag ("ar-SY", "de_DE"), lower-cased."""
    parts = tag.strip().replace("_", "-").split("-")
    return parts[1].lower() if len(parts) > 1 and len(parts[1]) == 2 and parts[1].isalpha() else None


@lru_cache(maxsize=None)
def _country_zone(country: str) -> str | None:
    """The country's zone when all its zones keep one clock (Germany's Büsingen does)."""
    names = pytz.country_timezones.get(country.upper()) if len(country) == 2 else None
    if not names:
        return None
    year = datetime.now(timezone.utc).year
    clocks = {tuple(datetime(year, month, 15, 12, tzinfo=ZoneInfo(name)).utcoffset() for month in _PROBE_MONTHS)
              for name in names}
    return names[0] if len(clocks) == 1 else None


# --------------------------------------------------------------------------
# Where a page says when it was published


@dataclass
class PageDates:
    published: ParsedDate | None
    modified: ParsedDate | None
    #: published_at / modified_at / timezone → the source that won it.
    sources: dict = field(default_factory=dict)


#: Meta names and microdata properties that name the publication date, most specific first.
STRONG_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "datepublished", "parsely-pub-date", "sailthru.date", "cxenseparse:publishtime",
    "shareaholic:article_published_time", "citation_publication_date", "prism.publicationdate", "publishdate",
    "publish-date", "publish_date", "published_time", "publication_date", "pub_date", "vr:published-time",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms:created", "dc.created",
)
#: Generic names that as often hold the last edit, an issue date or the site's founding.
WEAK_PUBLISHED_META = ("pubdate", "og:pubdate", "dcterms.created", "datecreated", "dc.date", "dc:date",
                       "dcterms.date", "date")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")
#: Sources the dateline does not overrule: the profile's own choice, and the CMS's filing day
#: (a printed "11/8/2023" may be month-first).
_OVER_DATELINE = frozenset({"selector", "url"})
#: JSON-LD types of the page around an article (Yoast puts the dates there).
_WEBPAGE_TYPES = frozenset({"webpage", "itempage", "medicalwebpage", "aboutpage", "collectionpage"})
_PRINTED = "visible text"
_ARCHIVE_BANNERS = frozenset({"wm-ipp-base", "wm-ipp"})
_HATOM = "//abbr[contains(concat(' ', normalize-space(@class), ' '), ' published ')]"
_DATE_HINT = re.compile(r"date|time|publish|posted|meta|تاريخ", re.I)
_HAS_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]|منذ|قبل|أمس|ago|yesterday", re.I)
_TODAY_LABEL = re.compile(r"^\W*(اليوم|Today|Aujourd'hui)\s*[:：]", re.I)
#: The dateline sits this many elements (document order) before or after the headline.
_DATELINE_BEFORE = 5
_DATELINE_AFTER = 40
#: Printed dates read before the best is picked; each costs dateparser calls.
_MAX_VISIBLE = 8
_VISIBLE_TAGS = ("span", "div", "p", "td", "font", "li", "small", "em", "b")
_MAX_VISIBLE_CHARS = 120


@dataclass
class _Reader:
    """One page's date sources; each method reads one of them, None when it is silent."""

    tree: object
    meta: PageMeta
    url: str
    now: datetime
    tz: tzinfo
    in_chrome: Callable
    selected: Sequence[str] = ()

    def __post_init__(self):
        #: Printed texts already read: nested elements and the dateline repeat them.
        self.read: dict[str, ParsedDate | None] = {}

    def outside_story(self, el) -> bool:
        """In the site's chrome or in archive.org's toolbar (it prints the capture day): no story date there."""
        return self.in_chrome(el) or any(a.get("id") in _ARCHIVE_BANNERS for a in el.iterancestors("div"))

    def machine(self, value) -> ParsedDate | None:
        return dates.parse_machine_date(value, default_tz=self.tz) if isinstance(value, str) else None

    def printed(self, text: str) -> ParsedDate | None:
        text = " ".join(text.split())
        if text not in self.read:
            self.read[text] = dates.parse_visible_date(text, now=self.now, default_tz=self.tz)
        return self.read[text]

    def selector(self) -> ParsedDate | None:
        return next(filter(None, (self.machine(raw) or self.printed(raw) for raw in self.selected)), None)

    def jsonld(self, key: str) -> ParsedDate | None:
        node = self.meta.article_node() or {}
        return self.machine(node.get(key))

    def jsonld_webpage(self) -> ParsedDate | None:
        """Yoast's ``@graph``: the WebPage node has the date its Article node lacks."""
        for node in self.meta.jsonld:
            if node_types(node) & _WEBPAGE_TYPES and (found := self.machine(node.get("datePublished"))):
                return found
        return None

    def meta_value(self, name: str) -> ParsedDate | None:
        return next(filter(None, map(self.machine, self.meta.all(name))), None)

    def hatom(self) -> ParsedDate | None:
        """``<abbr class="published" title="2012-12-16T19:05:00+01:00">``: the title is the machine value."""
        for el in self.tree.xpath(_HATOM):
            if found := self.machine(el.get("title")) or self.printed(el.text_content()):
                return found
        return None

    def wordpress_time(self) -> ParsedDate | None:
        """``<time class="entry-date published" datetime=…>``, wherever the theme put it."""
        for el in self.tree.iter("time"):
            tokens = set((el.get("class") or "").split())
            if not (el.get("pubdate") is not None or tokens & {"published", "entry-date"}) or (
                    "updated" in tokens and "published" not in tokens):
                continue
            if found := self.machine(el.get("datetime")):
                return found
        return None

    def time_elements(self) -> ParsedDate | None:
        for el in self.tree.iter("time"):
            if self.outside_story(el):
                continue
            if found := self.machine(el.get("datetime")) or self.printed(el.text_content()):
                return found
        return None

    def visible(self) -> ParsedDate | None:
        """The page's printed date, avoiding the header bar that prints today's date.

        Date-hinted elements (class/id with date, time…) come first; a date
        equal to the crawl day is only believed when nothing else is printed.
        """
        hinted, plain = [], []
        for el in self.tree.iter(*_VISIBLE_TAGS):
            is_hinted = _hinted(el)
            if not (is_hinted or len(el) <= 1):
                continue
            text = head_text(el, _MAX_VISIBLE_CHARS)
            if (not text or len(text) > _MAX_VISIBLE_CHARS or not _HAS_DIGIT.search(text)
                    or _TODAY_LABEL.match(text) or self.outside_story(el)):
                continue
            if found := self.printed(text):
                (hinted if is_hinted else plain).append(found)
                if len(hinted) + len(plain) >= _MAX_VISIBLE:
                    break
        # The site's own "today" may already be tomorrow in UTC (clocks ahead of UTC).
        today = self.now.astimezone(timezone.utc).date()
        todays = {today, today + timedelta(days=1)}
        ranked = [p for p in hinted + plain if p.day() not in todays] + hinted
        return ranked[0] if ranked else None

    def dateline(self) -> ParsedDate | None:
        """The date printed with the headline: a date-hinted element just around the first ``<h1>``."""
        h1 = next(self.tree.iter("h1"), None)
        if h1 is None:
            return None
        elements, before = self.tree.iter(), deque(maxlen=_DATELINE_BEFORE)
        for el in elements:
            if el is h1:
                break
            before.append(el)
        for el in chain(before, islice(elements, _DATELINE_AFTER)):
            if el.tag not in _VISIBLE_TAGS or not _hinted(el):
                continue
            text = head_text(el, _MAX_VISIBLE_CHARS)
            if (text and len(text) <= _MAX_VISIBLE_CHARS and _HAS_DIGIT.search(text)
                    and not _TODAY_LABEL.match(text) and not self.outside_story(el)
                    and (found := self.printed(text))):
                return found
        return None

    def in_url(self) -> ParsedDate | None:
        return dates.find_date_in_url(self.url)

    def htmldate(self) -> ParsedDate | None:
        """htmldate's extensive search, where it cannot misread the page.

        It reads no Arabic month name and answers January 1st (or the 1st of
        a month) when it only found a year (or a month): a page printing an
        Arabic month next to a number is not asked, and an answer on the 1st
        counts only when the page writes that day out.
        """
        if dates.has_arabic_month_date(" ".join(self.tree.itertext())):
            return None
        latest = (self.now + timedelta(days=1)).strftime("%Y-%m-%d")
        answer = htmldate.find_date(self.tree, url=self.url, extensive_search=True, original_date=True,
                                    max_date=latest)
        if not answer:
            return None
        day = date.fromisoformat(answer)
        if day.day == 1 and not _writes_out(lxml_html.tostring(self.tree, encoding="unicode"), day):
            return None
        return ParsedDate(datetime.combine(day, time(0), timezone.utc), date_only=True)


def _writes_out(html: str, day: date) -> bool:
    """The page states this day in full: ISO, or day first with dots or slashes."""
    forms = (day.isoformat(), f"{day.day:02d}.{day.month:02d}.{day.year}", f"{day.day}.{day.month}.{day.year}",
             f"{day.day:02d}/{day.month:02d}/{day.year}")
    return any(form in html for form in forms)


def _hinted(el) -> bool:
    """The element's class or id says it holds a date ("post-date", "entry-meta", "time")."""
    return _DATE_HINT.search(f"{el.get('class') or ''} {el.get('id') or ''}") is not None


# --------------------------------------------------------------------------
# Picking the publication date


def find_dates(tree, meta: PageMeta, url: str, *, now: datetime, zone: SiteZone, in_chrome: Callable,
               selected: Sequence[str] = ()) -> PageDates:
    """The page's publication and modification dates, each with the source that won it.

    ``selected`` are the texts the profile's date selector picked; ``in_chrome``
    tells header bars, menus and sidebars (which print today's date) apart.
    """
    reader = _Reader(tree, meta, url, now, zone.tz, in_chrome, selected)
    source, published = _published(reader)
    modified_source, modified = _first_plausible(reader, [
        ("jsonld:dateModified", lambda: reader.jsonld("dateModified")),
        *_meta_sources(reader, MODIFIED_META),
    ])
    if modified is not None and published is not None and modified.value < published.value:
        modified_source, modified = None, None
    return PageDates(published, modified, {"published_at": source, "modified_at": modified_source,
                                           "timezone": zone.source})


def _published(reader: _Reader) -> tuple[str | None, ParsedDate | None]:
    """The first plausible source in order of measured reliability, checked against the dateline.

    The date printed with the headline is the one readers (and the
    benchmark's annotators) take for the article's: a machine value for
    another day is the CMS's idea (first draft, import, UTC midnight), so
    the dateline wins; when both name the same day the machine value stays,
    as it carries the time of day. htmldate only speaks when nothing else did.
    """
    sources = _own_sources(reader)
    source, found = _first_plausible(reader, sources)
    if source not in _OVER_DATELINE:
        dateline = _plausible(reader.dateline(), reader.now)
        if dateline is not None and (found is None or _written_day(dateline) != _written_day(found)):
            return ("dateline by the headline" + (f" (over {source})" if source else "")), dateline
    if found is None:
        guess = _plausible(reader.htmldate(), reader.now)
        return ("htmldate", guess) if guess is not None else (None, None)
    return _with_time(reader, sources, source, found) if found.date_only else (source, found)


def _own_sources(reader: _Reader) -> list:
    """(source, reader) pairs, most reliable first (bench/dates.py measured the order).

    The URL's day is the CMS's own filing of the story; generic meta names
    ("date", "dc.date", "datecreated") are often the last edit or the site's
    founding, so they come after everything printed on the page.
    """
    return [
        ("selector", reader.selector),
        ("url", reader.in_url),
        ("hAtom abbr.published", reader.hatom),
        *_meta_sources(reader, STRONG_PUBLISHED_META),
        ("jsonld:datePublished", lambda: reader.jsonld("datePublished")),
        ("jsonld:dateCreated", lambda: reader.jsonld("dateCreated")),
        ("jsonld:@graph WebPage", reader.jsonld_webpage),
        ("<time class=entry-date published>", reader.wordpress_time),
        ("<time>", reader.time_elements),
        (_PRINTED, reader.visible),
        *_meta_sources(reader, WEAK_PUBLISHED_META),
    ]


def _meta_sources(reader: _Reader, names) -> list:
    return [(f"meta:{name}", lambda name=name: reader.meta_value(name)) for name in names]


def _first_plausible(reader: _Reader, sources) -> tuple[str | None, ParsedDate | None]:
    for source, read in sources:
        found = _plausible(read(), reader.now)
        if found is not None:
            return source, found
    return None, None


def _with_time(reader: _Reader, sources, source: str, found: ParsedDate) -> tuple[str, ParsedDate]:
    """A later source's value for the same day, which also says the time (URL day + meta instant).

    Only markup is consulted: re-reading the printed text costs dateparser
    calls and seldom adds a time the markup lacks.
    """
    names = [name for name, _ in sources]
    for name, read in sources[names.index(source) + 1:]:
        if name == _PRINTED:
            continue
        other = _plausible(read(), reader.now)
        if other is not None and not other.date_only and _written_day(other) == _written_day(found):
            return name, other
    return source, found


def _plausible(parsed: ParsedDate | None, now: datetime) -> ParsedDate | None:
    return parsed if parsed is not None and dates.is_plausible(parsed, now=now) else None


def _written_day(parsed: ParsedDate) -> str:
    """The calendar day as the ISO string states it: the site's local day."""
    return parsed.iso()[:10]
