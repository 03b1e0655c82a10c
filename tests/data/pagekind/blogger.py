"""Blogger (blogspot) news blogs: label, monthly archive, search, home and static ``/p/…html`` pages.

Small Arabic news sites often run on Blogger.  Every post on a listing is
rendered like a post page: ``itemtype=BlogPosting``, ``itemprop=articleBody``
around its text, a ``date-header`` above it; the monthly archive shows the
posts in full.  Static pages are posts too (``/p/blog-page_12.html``), so
they carry the same markup plus an "آخر تحديث" line.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import quote

from . import Page
from .common import NOW, AR_MONTHS, AR_WEEKDAYS, en_date, esc, stories, with_lead
from .corpus_text import AR_PRIVACY, EN_STANDARDS

AR = ("https://akhbar-alqarya.blogspot.com", "أخبار القرية", "ar")
EN = ("https://portavery-local.blogspot.com", "Port Avery Local", "en")
DEC_2019 = datetime(2019, 12, 30, 20, 0, tzinfo=timezone(timedelta(hours=3)))


def _date_header(when, lang):
    if lang == "ar":
        return f"{AR_WEEKDAYS[when.weekday()]}، {when.day} {AR_MONTHS[when.month - 1]} {when.year}"
    return en_date(when, weekday=True)


def _post(s, lang, k, *, full: bool, page: bool = False, paragraphs=()) -> str:
    more = "اقرأ المزيد &raquo;" if lang == "ar" else "Read more &raquo;"
    if paragraphs:
        body = "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    elif full:
        body = f"{esc(s.excerpt)}<br><br>"
    else:
        body = (f'<div class="separator" style="clear: both; text-align: center;"><a href="{s.image}"><img border="0" '
                f'src="{s.image}" width="320"></a></div>{esc(s.excerpt)}'
                f'<div class="jump-link"><a href="{s.url}#more" title="{esc(s.title)}">{more}</a></div>')
    by = "بواسطة" if lang == "ar" else "Posted by"
    footer = "" if page else (
        f"<div class='post-footer'><div class='post-footer-line post-footer-line-1'><span class='post-author vcard'>{by} "
        f"<span class='fn' itemprop='author' itemscope='itemscope' itemtype='http://schema.org/Person'><span itemprop='name'>"
        f"{'المحرر' if lang == 'ar' else 'Ed Mills'}</span></span></span> <span class='post-timestamp'>"
        f"<meta content='{s.url}' itemprop='url'><a class='timestamp-link' href='{s.url}' rel='bookmark' title='permanent link'>"
        f"<abbr class='published' itemprop='datePublished' title='{s.iso}'>{s.when:%H:%M}</abbr></a></span> "
        f"<span class='post-comment-link'><a class='comment-link' href='{s.url}#comment-form'>"
        f"{'ليست هناك تعليقات' if lang == 'ar' else 'No comments'}</a></span></div></div>")
    return (f"<div class='post-outer'><div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' "
            f"itemtype='http://schema.org/BlogPosting'><meta content='{s.image}' itemprop='image_url'>"
            f"<meta content='8123456789' itemprop='blogId'><meta content='{4400 + k}' itemprop='postId'><a name='{4400 + k}'></a>"
            f"<h3 class='post-title entry-title' itemprop='name'>"
            + (esc(s.title) if page else f"<a href='{s.url}'>{esc(s.title)}</a>")
            + f"</h3><div class='post-header'><div class='post-header-line-1'></div></div>"
            f"<div class='post-body entry-content' id='post-body-{4400 + k}' itemprop='articleBody'>{body}"
            f"<div style='clear: both;'></div></div>{footer}</div></div>")


def _posts(items, lang, *, full: bool) -> str:
    out, day = [], None
    for k, s in enumerate(items):
        if s.when.date() != day:
            if day is not None:
                out.append("</div></div>")
            day = s.when.date()
            out.append(f"<div class='date-outer'><h2 class='date-header'><span>{_date_header(s.when, lang)}</span></h2><div class='date-posts'>")
        out.append(_post(s, lang, k, full=full))
    return "".join(out) + "</div></div>"


def _document(site, path, title, blog_html, *, status_msg="", pager=True) -> str:
    base, name, lang = site
    url = base + path
    older = "رسائل أقدم" if lang == "ar" else "Older Posts"
    pager_html = (f"<div class='blog-pager' id='blog-pager'><span id='blog-pager-older-link'><a class='blog-pager-older-link' "
                  f"href='{base}/search?updated-max=2019-12-10T09:00:00%2B03:00&amp;max-results=7' id='Blog1_blog-pager-older-link' "
                  f"title='{older}'>{older}</a></span><a class='home-link' href='{base}/'>{'الصفحة الرئيسية' if lang == 'ar' else 'Home'}</a></div>"
                  ) if pager else ""
    popular = "".join(f"<li><div class='item-title'><a href='{s.url}'>{esc(s.title)}</a></div></li>"
                      for s in stories(lang, 5, start=26, base=base, path=lambda i, t, w: f"/{w:%Y/%m}/blog-post_{i}.html"))
    labels = "".join(f"<li><a dir='{'rtl' if lang == 'ar' else 'ltr'}' href='{base}/search/label/{quote(t)}'>{t}</a><span dir='ltr'>({n})</span></li>"
                     for n, t in enumerate(("اقتصاد", "محليات", "رياضة", "منوعات") if lang == "ar" else ("News", "Council", "Schools", "Sport"), 12))
    status = (f"<div class='status-msg-wrap'><div class='status-msg-body'>{status_msg}</div>"
              f"<div class='status-msg-border'><div class='status-msg-bg'><div class='status-msg-hidden'>{status_msg}</div></div></div></div>"
              ) if status_msg else ""
    return f"""<!DOCTYPE html>
<html class='v2' dir='{"rtl" if lang == "ar" else "ltr"}' lang='{lang}' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<meta content='width=1100' name='viewport'><meta content='text/html; charset=UTF-8' http-equiv='Content-Type'>
<meta content='blogger' name='generator'><link href='{base}/favicon.ico' rel='icon' type='image/x-icon'>
<link href='{url}' rel='canonical'><link rel="alternate" type="application/atom+xml" title="{esc(name)} - Atom" href="{base}/feeds/posts/default">
<link rel="service.post" type="application/atom+xml" title="{esc(name)} - Atom" href="https://www.blogger.com/feeds/8123456789/posts/default">
<meta content='{url}' property='og:url'><meta content='{esc(title)}' property='og:title'>
<title>{esc(title)}</title>
<style id='page-skin-1' type='text/css'><!-- body {{ font: normal normal 14px Tahoma; }} .post-body {{ line-height: 1.6; }} --></style>
</head>
<body class='loading'>
<div class='navbar section' id='navbar' name='Navbar'><div class='widget Navbar' data-version='1' id='Navbar1'><script type="text/javascript">window.navbar = true;</script></div></div>
<div class='body-fauxcolumns'></div><div class='content'><div class='content-outer'>
<header><div class='header-outer'><div class='header section' id='header' name='Header'><div class='widget Header' data-version='1' id='Header1'>
<div id='header-inner'><div class='titlewrapper'><h1 class='title'><a href='{base}/'>{esc(name)}</a></h1></div>
<div class='descriptionwrapper'><p class='description'><span>{"أخبار القرية والمنطقة لحظة بلحظة" if lang == "ar" else "News from Port Avery and the valley"}</span></p></div></div></div></div></div></header>
<div class='tabs-outer'><div class='tabs section' id='crosscol'><div class='widget PageList' data-version='1' id='PageList1'><div class='widget-content'><ul>
<li><a href='{base}/'>{"الرئيسية" if lang == "ar" else "Home"}</a></li><li><a href='{base}/p/blog-page_12.html'>{"سياسة الخصوصية" if lang == "ar" else "Privacy"}</a></li><li><a href='{base}/p/editorial-standards.html'>{"معايير التحرير" if lang == "ar" else "Editorial standards"}</a></li></ul></div></div></div></div>
<div class='main-outer'><div class='columns fauxcolumns'><div class='columns-inner'><div class='column-center-outer'><div class='column-center-inner'>
<div class='main section' id='main' name='Main'><div class='widget Blog' data-version='1' id='Blog1'>{status}
<div class='blog-posts hfeed'>{blog_html}</div>{pager_html}</div></div>
</div></div>
<div class='column-right-outer'><div class='column-right-inner'><aside><div class='sidebar section' id='sidebar-right-1'>
<div class='widget PopularPosts' data-version='1' id='PopularPosts1'><h2>{"المشاركات الشائعة" if lang == "ar" else "Popular Posts"}</h2><div class='widget-content popular-posts'><ul>{popular}</ul></div></div>
<div class='widget Label' data-version='1' id='Label1'><h2>{"التسميات" if lang == "ar" else "Labels"}</h2><div class='widget-content list-label-widget-content'><ul>{labels}</ul></div></div>
</div></aside></div></div></div></div></div>
<footer><div class='footer-outer'><div class='footer-inner'><div class='foot section' id='footer-1'><div class='widget Attribution' data-version='1' id='Attribution1'>
<div class='widget-content' style='text-align: center;'>{"يتم التشغيل بواسطة" if lang == "ar" else "Powered by"} <a href='https://www.blogger.com' target='_blank'>Blogger</a>.</div></div></div></div></div></footer>
</div></div>
<script type="text/javascript" src="https://www.blogger.com/static/v1/widgets/2883214013-widgets.js"></script>
</body></html>"""


def _page(site, name, path, kind, title, html, note):
    return Page(f"blogger/{name}", site[0] + path, kind, "blogger", "text/html; charset=UTF-8", html.encode("utf-8"), note)


def _items(site, n, start, *, leads=(), **kw):
    """``leads``: positions of posts shown in full with a long lead as their text."""
    items = stories(site[2], n, start=start, base=site[0], path=lambda i, t, w: f"/{w:%Y/%m}/blog-post_{i:02d}.html", **kw)
    return [with_lead(s, site[2], leads.index(k)) if k in leads else s for k, s in enumerate(items)]


def _static(site, name, path, heading, paragraphs, updated_line, note):
    s = _items(site, 1, 0)[0]
    s = type(s)(heading, "", site[0] + path, s.when)
    html = _document(site, path, f"{site[1]}: {heading}",
                     _post(s, site[2], 0, full=True, page=True, paragraphs=[updated_line, *paragraphs]), pager=False)
    return _page(site, name, path, "static", heading, html, note)


def pages() -> list[Page]:
    label = "اقتصاد"
    return [
        _page(AR, "ar-home", "/", "home", AR[1], _document(AR, "/", AR[1], _posts(_items(AR, 7, 0, step_hours=9), "ar", full=False)),
              "Blogger home: 7 posts with itemprop=articleBody snippets"),
        _page(AR, "ar-label", f"/search/label/{quote(label)}", "tag", label,
              _document(AR, f"/search/label/{quote(label)}", f"{AR[1]}: {label}", _posts(_items(AR, 8, 9, step_hours=30), "ar", full=False),
                        status_msg=f"عرض المشاركات ذات التسمية <b>{label}</b>. <a href='{AR[0]}/'>عرض كل المشاركات</a>"),
              "label page: BlogPosting microdata with datePublished on every post"),
        _page(AR, "ar-month", "/2019/12/", "archive", "ديسمبر 2019",
              _document(AR, "/2019/12/", f"{AR[1]}: ديسمبر 2019",
                        _posts(_items(AR, 5, 17, newest=DEC_2019, step_hours=70, leads=(0, 2, 4)), "ar", full=True)),
              "monthly archive showing 5 posts in full (three of 460-490 chars), all itemprop=articleBody"),
        _page(EN, "en-search", "/search?q=flood", "search", "flood",
              _document(EN, "/search?q=flood", f"{EN[1]}: Search results for flood", _posts(_items(EN, 4, 1, step_hours=40, leads=(1, 3)), "en", full=True),
                        status_msg="Showing posts matching the search for <b>flood</b>. <a href='/'>Show all posts</a>"),
              "search results: 4 posts in full (two of 520-600 chars)"),
        _static(AR, "ar-privacy", "/p/blog-page_12.html", "سياسة الخصوصية", AR_PRIVACY[:6], "آخر تحديث: 12 مارس 2023",
                "static page at Blogger's auto slug blog-page_12.html, BlogPosting markup, date line"),
        _static(EN, "en-standards", "/p/editorial-standards.html", "Editorial standards", EN_STANDARDS,
                f"Last updated: {en_date(NOW.replace(year=2023))}",
                "static page at /p/editorial-standards.html, BlogPosting markup, date line, 1400 chars"),
    ]
