"""Shared bits for the corpus builders: stories with URLs and dates, printed dates, JSON-LD.

Every builder takes its headlines and excerpts from ``corpus_text`` through
``stories()``, so no two pages of one site show the same teasers in the same
order, and every date is derived (deterministically) from one clock.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

from .corpus_text import AR_LONG_LEADS, AR_STORIES, EN_LONG_LEADS, EN_STORIES

#: The corpus' "now": pages were captured on this day.
NOW = datetime(2024, 3, 12, 14, 30, tzinfo=timezone(timedelta(hours=3)))

AR_MONTHS_LEVANT = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
                    "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")
AR_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
             "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
AR_WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def ld(data) -> str:
    """A JSON-LD script element, as SEO plugins print it (slashes escaped)."""
    text = json.dumps(data, ensure_ascii=False).replace("/", "\\/")
    return f'<script type="application/ld+json">{text}</script>'


@dataclass(frozen=True)
class Story:
    title: str
    excerpt: str
    url: str
    when: datetime
    author: str = ""
    section: str = ""
    image: str = ""

    @property
    def iso(self) -> str:
        return self.when.isoformat(timespec="seconds")


def ar_date(when: datetime, *, levant: bool = False, weekday: bool = True, indic: bool = False,
            clock: bool = False) -> str:
    """"الأحد 15 كانون الأول 2019" / "12 مارس 2024 - 10:15"."""
    month = (AR_MONTHS_LEVANT if levant else AR_MONTHS)[when.month - 1]
    text = f"{when.day} {month} {when.year}"
    if weekday:
        text = f"{AR_WEEKDAYS[when.weekday()]} {text}"
    if clock:
        text += f" - {when:%H:%M}"
    return text.translate(_INDIC) if indic else text


def en_date(when: datetime, *, weekday: bool = False, clock: bool = False) -> str:
    text = f"{EN_MONTHS[when.month - 1]} {when.day}, {when.year}"
    if weekday:
        text = f"{when:%A}, {text}"
    if clock:
        text += f" {when:%I:%M %p}".replace(" 0", " ")
    return text


def relative(when: datetime, lang: str, now: datetime = NOW) -> str:
    """"منذ 3 ساعات" / "2 hours ago", as news aggregators print teaser times."""
    minutes = max(1, int((now - when).total_seconds() // 60))
    if lang == "en":
        if minutes < 60:
            return f"{minutes} minutes ago"
        hours = minutes // 60
        if hours < 24:
            return "1 hour ago" if hours == 1 else f"{hours} hours ago"
        return "Yesterday" if hours < 48 else f"{hours // 24} days ago"
    if minutes < 60:
        return f"منذ {minutes} دقيقة"
    hours = minutes // 60
    if hours < 24:
        return {1: "منذ ساعة", 2: "منذ ساعتين"}.get(hours, f"منذ {hours} ساعات" if hours <= 10 else f"منذ {hours} ساعة")
    return "أمس" if hours < 48 else f"منذ {hours // 24} أيام"


def slug(title: str, lang: str, words: int = 8) -> str:
    """A permalink slug: ASCII words for English, percent-encoded words for Arabic (as WordPress links them)."""
    parts = re.findall(r"\w+", title.lower())[:words]
    text = "-".join(parts)
    return text if lang == "en" else quote(text)


#: Headlines of the long leads in corpus_text (same order), for lead teasers whose excerpt is a lead.
AR_LEAD_TITLES = ("الحكومة تعلن حزمة إجراءات اقتصادية تشمل رفع الحد الأدنى للأجور 30 بالمئة",
                  "السيول: استمرار البحث عن المفقودين ونزوح أكثر من أربعة آلاف أسرة",
                  "وزراء الخارجية العرب يطالبون بوقف فوري لإطلاق النار في اجتماع طارئ")
EN_LEAD_TITLES = ("Retirement age to rise to 67 in biggest pension overhaul in a generation",
                  "Climate summit agrees first call to transition away from fossil fuels",
                  "Earthquake death toll passes 300 as rescuers dig through rubble")


def with_lead(story: Story, lang: str, i: int) -> Story:
    """The story made a lead: one of the long leads as its excerpt, under its own headline."""
    titles = AR_LEAD_TITLES if lang == "ar" else EN_LEAD_TITLES
    return replace(story, title=titles[i % len(titles)], excerpt=long_lead(lang, i))


def trim(text: str, chars: int, ellipsis: str = " ...") -> str:
    """An excerpt as CMSes cut it: at a word boundary, with an ellipsis."""
    return text if len(text) <= chars else text[:chars].rsplit(" ", 1)[0] + ellipsis


def stories(lang: str, n: int, *, start: int = 0, base: str, path=None, step_hours: float = 3.0,
            newest: datetime = NOW - timedelta(minutes=40), authors=(), section: str = "",
            lead: int | None = None) -> list[Story]:
    """``n`` stories of ``lang`` (cycling through the pool from ``start``), newest first.

    ``path(i, title, when)`` builds each story's path (default: a dated WordPress permalink);
    ``lead=i`` makes the first one a lead with long lead ``i`` as its excerpt.
    """
    pool = AR_STORIES if lang == "ar" else EN_STORIES
    out = []
    for i in range(n):
        title, excerpt = pool[(start + i) % len(pool)]
        if i == 0 and lead is not None:
            title, excerpt = (AR_LEAD_TITLES if lang == "ar" else EN_LEAD_TITLES)[lead % 3], long_lead(lang, lead)
        when = newest - timedelta(hours=step_hours * i + (i * 7 % 5) / 10)
        when = when.replace(second=0, microsecond=0)
        if path is None:
            rel = f"/{when:%Y/%m/%d}/{slug(title, lang)}/"
        else:
            rel = path(start + i, title, when)
        out.append(Story(title, excerpt, base + rel, when,
                         author=authors[i % len(authors)] if authors else "",
                         section=section, image=f"{base}/wp-content/uploads/{when:%Y/%m}/img-{start + i}-768x432.jpg"))
    return out


def long_lead(lang: str, i: int = 0) -> str:
    pool = AR_LONG_LEADS if lang == "ar" else EN_LONG_LEADS
    return pool[i % len(pool)]


def news_article_node(s: Story, publisher: str, *, body: bool = False) -> dict:
    """A NewsArticle teaser object, as news sites put in listings' JSON-LD."""
    node = {"@type": "NewsArticle", "headline": s.title, "url": s.url,
            "datePublished": s.iso, "dateModified": s.iso,
            "image": {"@type": "ImageObject", "url": s.image, "width": 768, "height": 432},
            "publisher": {"@type": "Organization", "name": publisher}}
    if s.author:
        node["author"] = {"@type": "Person", "name": s.author}
    if body:
        node["description"] = s.excerpt
    return node


def breadcrumbs(base: str, trail: list[tuple[str, str]]) -> dict:
    """A BreadcrumbList node from (name, path) pairs (the last one without an item link)."""
    items = []
    for pos, (name, path) in enumerate(trail, 1):
        item = {"@type": "ListItem", "position": pos, "name": name}
        if pos < len(trail):
            item["item"] = base + path
        items.append(item)
    return {"@type": "BreadcrumbList", "@id": base + trail[-1][1] + "#breadcrumb", "itemListElement": items}
