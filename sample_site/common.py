"""Small pieces shared by both site renderers: the response type and Arabic dates."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

# Damascus time in December 2019; also what the themes print "today" in.
SITE_TZ = timezone(timedelta(hours=3))

WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
# Levantine month names, as Syrian sites print them.
MONTHS = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)

HTML_UTF8 = "text/html; charset=UTF-8"
XML_UTF8 = "application/xml; charset=UTF-8"


@dataclass
class Response:
    """What a site answers to one request; the server only copies it to the wire."""

    status: int
    content_type: str
    body: bytes
    headers: list[tuple[str, str]] = field(default_factory=list)


def html_response(text: str, status: int = 200) -> Response:
    return Response(status, HTML_UTF8, text.encode("utf-8"))


def redirect(location: str, status: int = 301) -> Response:
    body = f'<html><body><a href="{esc(location)}">Moved Permanently</a></body></html>'
    return Response(status, HTML_UTF8, body.encode("utf-8"), [("Location", location)])


def esc(text: str) -> str:
    """Escape for HTML text and double-quoted attributes."""
    return html.escape(text, quote=True)


def arabic_date(day: date, weekday: bool = True) -> str:
    """e.g. "الخميس 19 كانون الأول 2019" (weekday optional)."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def today_arabic() -> str:
    """Today's date as the theme top bars print it: computed per render on purpose,
    because a crawler that takes the first date on the page gets it wrong."""
    return arabic_date(datetime.now(SITE_TZ).date())
