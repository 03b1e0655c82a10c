"""Legacy Arabic CMS section pages: windows-1256 bytes, table layout, no metadata at all.

Three sites of the 2000s: a PHP one (``/section.php?id=3``), an ASP one
(``/list.asp?cat=5``, charset only in the HTTP header) and one behind
rewritten URLs, where a section (``/news/sport``) looks like an article
address.  Teaser rows are a bold headline link, a printed date ("الأحد 15
كانون الأول 2019") and a ~150-character excerpt; some sections show only
three or four rows, and some lead with a 500-character excerpt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from . import Page
from .common import ar_date, esc, stories, trim

LEGACY_NOW = datetime(2019, 12, 15, 13, 20, tzinfo=timezone(timedelta(hours=3)))
META = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'


@dataclass(frozen=True)
class Site:
    key: str
    name: str
    base: str
    content_type: str
    #: Whether pages declare their charset in <meta http-equiv> (the ASP site does not).
    meta: bool
    menu: tuple
    story: str  # path template of one story, with {id}
    ticker: str  # "marquee" or "script"
    color: str


FAJR = Site("fajr", "جريدة الفجر الإلكترونية", "http://www.alfajr-news.example", "text/html", True,
            (("الرئيسية", "/index.php"), ("محليات", "/section.php?id=3"), ("عربي ودولي", "/section.php?id=4"),
             ("اقتصاد", "/section.php?id=5"), ("رياضة", "/section.php?id=6"), ("كتاب وآراء", "/section.php?id=9")),
            "/details.php?id={id}", "marquee", "#8B0000")
WATAN = Site("watan", "الوطن العربي", "http://alwatan-alarabi.example", "text/html; charset=windows-1256", False,
             (("الرئيسية", "/default.asp"), ("سياسة", "/list.asp?cat=1"), ("اقتصاد", "/list.asp?cat=5"),
              ("منوعات", "/list.asp?cat=8"), ("الأرشيف", "/archive.asp")),
             "/ShowNews.asp?id={id}", "script", "#003366")
SAHEL = Site("sahel", "بوابة الساحل الإخبارية", "http://www.sahelgate.example", "text/html", True,
             (("الرئيسية", "/"), ("محليات", "/news/?cat=2"), ("اقتصاد", "/news/economy"), ("رياضة", "/news/sport"),
              ("ثقافة", "/news/culture"), ("اتصل بنا", "/contact.html")),
             "/news/{id}", "marquee", "#00557F")


def _items(site: Site, n: int, start: int, step: float = 5.0, lead: int | None = None):
    return stories("ar", n, start=start, base=site.base, newest=LEGACY_NOW - timedelta(hours=1), step_hours=step,
                   path=lambda i, t, w: site.story.format(id=48000 + i * 29), lead=lead)


def teaser_rows(site: Site, items, *, lead_chars: int = 0) -> str:
    rows = []
    for k, s in enumerate(items):
        excerpt = s.excerpt
        if k == 0 and lead_chars:
            excerpt = trim(s.excerpt, lead_chars)
        photo = (f'<a href="{s.url}"><img src="/upload/thumbs/{k}_{len(s.title)}.jpg" width="100" height="75" '
                 f'border="0" align="right" hspace="6" vspace="2"></a>') if k % 3 == 0 else ""
        size = "4" if k == 0 and lead_chars else "3"
        rows.append(
            f'<tr><td class="news_td" valign="top">{photo}<a href="{s.url}" class="ntitle"><font size="{size}" '
            f'color="{site.color}"><b>{esc(s.title)}</b></font></a><br><font size="1" color="#808080">'
            f'{ar_date(s.when, levant=True)}</font><br><font size="2" class="ntext">{esc(excerpt)}</font> '
            f'<a href="{s.url}"><font size="1" color="#FF6600">التفاصيل...</font></a></td></tr>\n'
            '<tr><td><img src="/images/line.gif" width="100%" height="1"></td></tr>')
    return "\n".join(rows)


def _ticker(site: Site) -> str:
    links = stories("ar", 8, start=31, base=site.base, newest=LEGACY_NOW, step_hours=2,
                    path=lambda i, t, w: site.story.format(id=48000 + i * 29))
    if site.ticker == "marquee":
        inner = " &nbsp;&#9670;&nbsp; ".join(f'<a href="{s.url}"><font color="#FFFFFF">{esc(s.title)}</font></a>' for s in links)
        return (f'<table width="100%" cellpadding="2" cellspacing="0"><tr><td width="70" bgcolor="#CC0000" align="center">'
                f'<font color="#FFFFFF" size="2"><b>عاجل</b></font></td><td bgcolor="#222222"><marquee direction="right" '
                f'scrollamount="2" onmouseover="this.stop()" onmouseout="this.start()"><font size="2">{inner}</font></marquee></td></tr></table>')
    items = ",\n".join(f'["{esc(s.title)}","{s.url}"]' for s in links)
    first = links[0]
    return (f'<table width="100%" cellpadding="2" cellspacing="0"><tr><td width="80" bgcolor="#990000"><font color="#FFFFFF" '
            f'size="2"><b>آخر الأخبار</b></font></td><td bgcolor="#F0F0F0"><div id="scroller"><a id="scrolltext" '
            f'href="{first.url}">{esc(first.title)}</a></div>\n<script language="JavaScript">var newsitems = [\n{items}];\n'
            'var ni = 0; function rotate(){ni=(ni+1)%newsitems.length;document.getElementById("scrolltext").innerHTML='
            'newsitems[ni][0];document.getElementById("scrolltext").href=newsitems[ni][1];setTimeout("rotate()",4000);}'
            ' rotate();</script></td></tr></table>')


def _side(site: Site) -> str:
    most = "\n".join(f'<tr><td><font size="2">{n}- <a href="{s.url}">{esc(s.title)}</a></font></td></tr>'
                     for n, s in enumerate(_items(site, 6, 20, 13), 1))
    return (f'<table width="100%" cellpadding="3" cellspacing="0" bgcolor="#F5F5F5" border="0">'
            f'<tr><td bgcolor="{site.color}"><font color="#FFFFFF" size="2"><b>الأكثر قراءة</b></font></td></tr>\n{most}</table><br>'
            '<table width="100%" cellpadding="3" cellspacing="0" bgcolor="#F5F5F5"><tr><td bgcolor="#666666"><font color="#FFFFFF" '
            'size="2"><b>أسعار العملات</b></font></td></tr><tr><td><font size="2">الدولار الأمريكي: 0.709<br>اليورو: 0.786<br>'
            'الجنيه الإسترليني: 0.897<br>الريال السعودي: 0.189</font></td></tr></table><br>'
            '<table width="100%" cellpadding="3" cellspacing="0" bgcolor="#F5F5F5"><tr><td bgcolor="#666666"><font color="#FFFFFF" '
            'size="2"><b>القائمة البريدية</b></font></td></tr><tr><td><form action="/maillist.php" method="post"><font size="2">'
            'أدخل بريدك الإلكتروني ليصلك جديد الأخبار<br><input name="email" size="20"> <input type="submit" value="اشتراك">'
            '</font></form></td></tr></table><br><center><img src="/images/banners/side_180x300.gif" width="180" height="300"></center>')


def document(site: Site, title: str, main: str) -> str:
    menu = " | ".join(f'<a href="{site.base}{p}" class="menu"><font color="#FFFFFF">{n}</font></a>' for n, p in site.menu)
    return f"""<html dir="rtl">
<head>
{META if site.meta else ""}
<title>{esc(title)}</title>
<link href="/style.css" rel="stylesheet" type="text/css">
<script language="JavaScript" src="/js/main.js"></script>
</head>
<body bgcolor="#DDDDDD" topmargin="0" leftmargin="0" rightmargin="0">
<table width="980" border="0" cellpadding="0" cellspacing="0" align="center" bgcolor="#FFFFFF">
<tr><td><table width="100%" cellpadding="0" cellspacing="0"><tr><td width="330"><a href="{site.base}/"><img src="/images/logo.jpg" width="330" height="95" border="0" alt="{site.name}"></a></td>
<td align="center"><img src="/images/banners/top_468x60.gif" width="468" height="60"></td><td width="150"><font size="1" color="#666666">{ar_date(LEGACY_NOW, levant=True)}</font></td></tr></table></td></tr>
<tr><td bgcolor="{site.color}" height="26" align="center"><font size="2"><b>{menu}</b></font></td></tr>
<tr><td>{_ticker(site)}</td></tr>
<tr><td><table width="100%" border="0" cellpadding="5" cellspacing="0"><tr>
<td valign="top">
{main}
</td>
<td width="200" valign="top" bgcolor="#FAFAFA">{_side(site)}</td>
</tr></table></td></tr>
<tr><td bgcolor="{site.color}" align="center"><font size="1" color="#FFFFFF">{menu}<br>جميع الحقوق محفوظة &copy; {site.name} 2003 - 2019<br>
المقالات المنشورة تعبر عن رأي كاتبيها ولا تعبر بالضرورة عن رأي الموقع</font></td></tr>
</table>
</body>
</html>
"""


def _section(site: Site, name: str, path: str, kind: str, heading: str, *, n: int, start: int, page: int = 1,
             pages: int = 0, lead_chars: int = 0, note: str = "") -> Page:
    rows = teaser_rows(site, _items(site, n, start, lead=start if lead_chars else None), lead_chars=lead_chars)
    pager = ""
    if pages:
        stem = path.split("&page=")[0].split("?page=")[0]
        joiner = "&" if "?" in stem else "?"
        cells = [f"<b>[{k}]</b>" if k == page else f'<a href="{site.base}{stem}{joiner}page={k}">{k}</a>'
                 for k in range(1, pages + 1)]
        pager = f'<tr><td align="center"><font size="2">صفحة: {" ".join(cells)}</font></td></tr>'
    main = (f'<table width="100%" border="0" cellpadding="4" cellspacing="0">\n<tr><td><font size="2"><a href="{site.base}/">'
            f'الرئيسية</a> &raquo; {esc(heading)}</font></td></tr>\n<tr><td bgcolor="#EEEEEE"><font size="4" color="{site.color}">'
            f'<b>{esc(heading)}</b></font></td></tr>\n{rows}\n{pager}\n</table>')
    title = f"{site.name} - {heading}" + (f" - صفحة {page}" if page > 1 else "")
    body = document(site, title, main).encode("cp1256", "xmlcharrefreplace")
    return Page(f"legacy/{site.key}-{name}", site.base + path, kind, "legacy", site.content_type, body, note)


def _home(site: Site, path: str, note: str) -> Page:
    lead_and_latest = teaser_rows(site, _items(site, 9, 2, lead=len(site.key)), lead_chars=520)
    boxes = []
    for k, (label, href) in enumerate(site.menu[1:4]):
        items = "\n".join(f'<tr><td><font size="2">&raquo; <a href="{s.url}">{esc(s.title)}</a> <font size="1" '
                          f'color="#808080">({ar_date(s.when, levant=True, weekday=False)})</font></font></td></tr>'
                          for s in _items(site, 4, 12 + 4 * k, 9))
        boxes.append(f'<br><table width="100%" cellpadding="3" cellspacing="0"><tr><td bgcolor="{site.color}"><a href="'
                     f'{site.base}{href}"><font color="#FFFFFF" size="3"><b>{label}</b></font></a></td></tr>\n{items}</table>')
    main = f'<table width="100%" cellpadding="4" cellspacing="0">\n{lead_and_latest}\n</table>' + "".join(boxes)
    body = document(site, f"{site.name} - الصفحة الرئيسية", main).encode("cp1256", "xmlcharrefreplace")
    return Page(f"legacy/{site.key}-home", site.base + path, "home", "legacy", site.content_type, body, note)


def _headlines(site: Site, path: str, heading: str, n: int, note: str) -> Page:
    """"آخر الأخبار": headline links with a printed date and nothing else, as legacy CMSes list them."""
    rows = "\n".join(f'<tr><td><font size="2"><img src="/images/arrow.gif" width="7" height="7"> <a href="{s.url}">{esc(s.title)}</a>'
                     f'</font></td><td width="120"><font size="1" color="#808080">{ar_date(s.when, levant=True, weekday=False)}</font></td></tr>'
                     for s in _items(site, n, 3, 2.5))
    main = (f'<table width="100%" border="0" cellpadding="3" cellspacing="0">\n<tr><td colspan="2" bgcolor="#EEEEEE"><font size="4" '
            f'color="{site.color}"><b>{esc(heading)}</b></font></td></tr>\n{rows}\n</table>')
    body = document(site, f"{site.name} - {heading}", main).encode("cp1256", "xmlcharrefreplace")
    return Page(f"legacy/{site.key}-latest", site.base + path, "section", "legacy", site.content_type, body, note)


def pages() -> list[Page]:
    return [
        _home(FAJR, "/index.php", "home: lead teaser with a 520-char excerpt, section boxes"),
        _section(FAJR, "section", "/section.php?id=3", "section", "محليات", n=10, start=0, pages=5,
                 note="10 teaser rows and a numbered pager"),
        _section(FAJR, "section-page2", "/section.php?id=3&page=2", "section", "محليات", n=10, start=10, page=2,
                 pages=5, note="page 2 of a section"),
        _section(FAJR, "section-few", "/section.php?id=9", "section", "كتاب وآراء", n=3, start=21,
                 note="only 3 teaser rows, no pager"),
        _section(FAJR, "archive-day", "/archive.php?date=2019-12-15", "archive", "أرشيف يوم الأحد 15 كانون الأول 2019",
                 n=7, start=5, note="archive of one day"),
        _headlines(FAJR, "/latest.php", "آخر الأخبار", 30, "30 headline links with dates, no excerpts, no pager"),
        _home(WATAN, "/default.asp", "ASP home, charset in the HTTP header only, script ticker"),
        _section(WATAN, "list", "/list.asp?cat=5", "section", "اقتصاد", n=8, start=7, pages=12,
                 note="ASP section list, charset only in the header"),
        _section(WATAN, "search", "/search.asp?keyword=%C7%E1%DA%E3%E1%C9", "search", "نتائج البحث: العملة",
                 n=5, start=24, note="search results in cp1256"),
        _section(SAHEL, "sport", "/news/sport", "section", "رياضة", n=4, start=4,
                 note="section at an article-like URL with only 4 teasers"),
        _section(SAHEL, "cat", "/news/?cat=2", "section", "محليات", n=6, start=9, pages=9, lead_chars=500,
                 note="/news/?cat=2: lead teaser with a 500-char excerpt"),
        _section(SAHEL, "economy", "/news/economy", "section", "اقتصاد", n=4, start=16, lead_chars=500,
                 note="article-like URL, 4 teasers, the first with a 500-char excerpt, no pager"),
    ]
