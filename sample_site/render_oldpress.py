"""The "oldpress" site: a legacy PHP news CMS from the 2000s.

Nothing machine-readable here: no canonical, no OpenGraph, no JSON-LD, no
sitemap, no feed.  Layout is nested tables with <font>; the body is one
<td class="text"> whose paragraphs are separated by <br><br>; dates are
printed without time, in Levantine month names, once with Arabic-Indic
digits.  Two articles are windows-1256 bytes, one of them behind an HTTP
header that lies (ISO-8859-1), as such servers often did.  Links are
relative, as the old templates wrote them.
"""

from __future__ import annotations

from typing import Collection
from urllib.parse import parse_qs, urlsplit

from .common import Response, esc, html_response, today_arabic
from .content import (
    OLDPRESS_ARTICLES,
    OLDPRESS_NAME,
    OLDPRESS_SECTION,
    OLDPRESS_SECTION_ID,
    OldArticle,
)

SECTION_PER_PAGE = 3


def newest_first(articles=OLDPRESS_ARTICLES) -> list[OldArticle]:
    return sorted(articles, key=lambda a: (a.day, a.id), reverse=True)


def article_paths() -> list[str]:
    """Every article path, newest first: the order staged publishing hides them in."""
    return [a.path for a in newest_first()]


def visible_articles(hidden: Collection[str] = ()) -> tuple[OldArticle, ...]:
    """The articles whose path is not in ``hidden`` (staged publishing)."""
    return tuple(a for a in OLDPRESS_ARTICLES if a.path not in hidden)


def section_pages(articles=None) -> list[tuple[str, list[OldArticle]]]:
    """(path+query, articles) of each page of the one section.

    ``articles`` are the published ones (default: all); the section always has
    a first page, empty if nothing is published."""
    arts = newest_first(OLDPRESS_ARTICLES if articles is None else articles)
    chunks = [arts[i:i + SECTION_PER_PAGE] for i in range(0, len(arts), SECTION_PER_PAGE)] or [[]]
    base = f"/section.php?id={OLDPRESS_SECTION_ID}"
    return [(base if n == 1 else f"{base}&page={n}", chunk) for n, chunk in enumerate(chunks, 1)]


def listing_paths(articles=None) -> list[str]:
    return ["/", "/index.php"] + [path for path, _ in section_pages(articles)]


class OldpressSite:
    """Routes request targets to rendered pages of one running oldpress server."""

    name = "oldpress"
    server_header = "Apache/2.2.22 (Unix) PHP/5.2.17"

    def __init__(self, base_url: str, hidden: Collection[str] = ()):
        """``hidden``: article paths not published yet (staged publishing).  They
        answer 404 and no page links them.  A site object never changes: the
        server swaps in a new one when it publishes more articles."""
        self.base = base_url  # unused in pages (relative links), kept for symmetry
        self.hidden = frozenset(hidden)
        self.articles = visible_articles(self.hidden)
        self.newest = newest_first(self.articles)
        self.by_id = {a.id: a for a in self.articles}

    def handle(self, target: str) -> Response:
        parts = urlsplit(target)
        path = parts.path or "/"
        query = parse_qs(parts.query)
        arg = lambda name: (query.get(name) or [""])[0]  # noqa: E731
        if path == "/robots.txt":
            return Response(200, "text/plain", b"User-agent: *\nDisallow:\n")
        if path in ("/", "/index.php"):
            return html_response(self.home_page())
        if path == "/section.php" and arg("id") == str(OLDPRESS_SECTION_ID):
            pages = section_pages(self.articles)
            page = arg("page") or "1"
            if page.isdigit() and 1 <= int(page) <= len(pages):
                return html_response(self.section_page(int(page), len(pages), pages[int(page) - 1][1]))
        if path == "/article.php" and arg("id").isdigit() and int(arg("id")) in self.by_id:
            return self.article_response(self.by_id[int(arg("id"))])
        return self.not_found()

    def not_found(self) -> Response:
        body = ('<html dir="rtl"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                '<title>404 Not Found</title></head><body><h1>Not Found</h1>'
                '<p>الصفحة المطلوبة غير موجودة.</p><p><a href="index.php">العودة إلى الصفحة الرئيسية</a></p>'
                '</body></html>')
        return Response(404, "text/html; charset=utf-8", body.encode("utf-8"))

    # -- pages -------------------------------------------------------------

    def _layout(self, title: str, charset: str, main: str) -> str:
        latest = "".join(
            f'<tr><td class="side-item"><font size="2">&raquo; <a href="article.php?id={a.id}">{esc(a.title)}</a></font></td></tr>\n'
            for a in self.newest)
        return f"""<html dir="rtl">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{esc(title)}</title>
<style type="text/css">
body {{ font-family: Tahoma, Arial; margin: 0; }}
a {{ color: #003366; text-decoration: none; }}
</style>
</head>
<body bgcolor="#FFFFFF" topmargin="0" leftmargin="0" marginwidth="0" marginheight="0">
<table width="780" border="0" cellpadding="0" cellspacing="0" align="center">
<tr><td colspan="2" bgcolor="#003366" height="22"><font color="#FFFFFF" size="2">&nbsp;اليوم: {today_arabic()}</font></td></tr>
<tr><td colspan="2" class="header" height="80"><a href="index.php"><font size="6" color="#003366"><b>{OLDPRESS_NAME}</b></font></a><br><font size="2" color="#666666">يومية سياسية مستقلة</font></td></tr>
<tr><td colspan="2" class="menu" bgcolor="#EEEEEE"><font size="2"><a href="index.php">الرئيسية</a> | <a href="section.php?id={OLDPRESS_SECTION_ID}">{OLDPRESS_SECTION}</a></font></td></tr>
<tr>
<td width="580" valign="top">
{main}
</td>
<td width="200" valign="top" class="side" bgcolor="#F7F7F7">
<table width="100%" border="0" cellpadding="3" cellspacing="0">
<tr><td bgcolor="#003366"><font color="#FFFFFF" size="2"><b>آخر الأخبار</b></font></td></tr>
{latest}</table>
</td>
</tr>
<tr><td colspan="2" align="center" class="footer" bgcolor="#EEEEEE"><font size="1">جميع الحقوق محفوظة &copy; {OLDPRESS_NAME} 2003 - 2019<br>تصميم وبرمجة: الشبكة العربية للحلول</font></td></tr>
</table>
</body>
</html>
"""

    def article_response(self, art: OldArticle) -> Response:
        meta_charset = "windows-1256" if art.encoding == "cp1256" else "utf-8"
        rows = [
            f'<tr><td class="path"><font size="2"><a href="index.php">الرئيسية</a> &gt;&gt; '
            f'<a href="section.php?id={OLDPRESS_SECTION_ID}">{OLDPRESS_SECTION}</a></font></td></tr>',
            f'<tr><td class="title"><font size="5" color="#990000"><b>{esc(art.title)}</b></font></td></tr>',
            f'<tr><td class="date"><font size="2" color="#666666">{art.date_text}</font></td></tr>',
        ]
        if art.author:
            rows.append(f'<tr><td class="author"><font size="2"><b>بقلم: {esc(art.author)}</b></font></td></tr>')
        text = "<br><br>\n".join(esc(p) for p in art.paragraphs)
        rows.append(f'<tr><td class="text"><font size="3">\n{text}\n</font></td></tr>')
        if art.source:
            rows.append(f'<tr><td class="source"><font size="2">المصدر: {esc(art.source)}</font></td></tr>')
        rows.append(f'<tr><td class="tools"><font size="2">عدد القراءات: {art.id * 17} | '
                    '<a href="javascript:window.print()">طباعة</a> | '
                    '<a href="javascript:history.back()">رجوع</a></font></td></tr>')
        main = ('<table width="100%" border="0" cellpadding="5" cellspacing="0">\n'
                + "\n".join(rows) + "\n</table>")
        page = self._layout(f"{OLDPRESS_NAME} - {art.title}", meta_charset, main)
        header = "text/html" + (f"; charset={art.header_charset}" if art.header_charset else "")
        return Response(200, header, page.encode(art.encoding))

    def _teasers(self, arts: list[OldArticle]) -> str:
        return "\n".join(
            f'<tr><td class="item"><a href="article.php?id={a.id}"><font size="3"><b>{esc(a.title)}</b></font></a>'
            f'<br><font size="1" color="#666666">{a.date_text}</font>'
            f'<br><font size="2">{esc(a.paragraphs[0][:120])}...</font></td></tr>'
            for a in arts)

    def home_page(self) -> str:
        main = ('<table width="100%" border="0" cellpadding="5" cellspacing="0">\n'
                '<tr><td class="block-title" bgcolor="#DDDDDD"><font size="3"><b>أهم الأخبار</b></font></td></tr>\n'
                f"{self._teasers(self.newest)}\n</table>")
        return self._layout(f"{OLDPRESS_NAME} - الصفحة الرئيسية", "utf-8", main)

    def section_page(self, page: int, pages: int, arts: list[OldArticle]) -> str:
        links = []
        for n in range(1, pages + 1):
            href = f"section.php?id={OLDPRESS_SECTION_ID}" + (f"&amp;page={n}" if n > 1 else "")
            links.append(f"<b>[{n}]</b>" if n == page else f'<a href="{href}">{n}</a>')
        if page < pages:
            links.append(f'<a href="section.php?id={OLDPRESS_SECTION_ID}&amp;page={page + 1}">التالي &raquo;</a>')
        main = ('<table width="100%" border="0" cellpadding="5" cellspacing="0">\n'
                f'<tr><td class="path"><font size="2"><a href="index.php">الرئيسية</a> &gt;&gt; {OLDPRESS_SECTION}</font></td></tr>\n'
                f"{self._teasers(arts)}\n"
                f'<tr><td class="pages" align="center"><font size="2">الصفحات: {" ".join(links)}</font></td></tr>\n'
                "</table>")
        return self._layout(f"{OLDPRESS_NAME} - {OLDPRESS_SECTION}", "utf-8", main)
