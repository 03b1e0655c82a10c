"""WordPress non-articles: home, category/tag/author/date archives, search, paged archives, static pages.

Arabic pages are the Jannah theme ("صوت المدينة"), English ones the
Newspaper theme ("The Coastal Herald"), both with Yoast SEO: its
``@graph`` (CollectionPage, BreadcrumbList, WebSite, Organization, here
with an ItemList too), ``og:type=article`` on category, tag and date
archives (Yoast 14+, Yoast/wordpress-seo#14775) and ``profile`` on authors,
and on static pages ``og:type=article`` with ``article:modified_time`` but
no ``article:published_time``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import quote

from . import Page
from . import wp_newspaper as np
from .common import NOW, ar_date, en_date, esc, stories
from .corpus_text import AR_BIOS, AR_EDITORIAL, AR_PRIVACY, EN_ABOUT, EN_BIOS, EN_TERMS
from .wp_themes import (AR_BASE, AR_SITE, EN_BASE, EN_SITE, jannah_document, jannah_pager, jannah_teasers, og,
                        yoast_graph)

HTML = "text/html; charset=UTF-8"
UPDATED = datetime(2023, 3, 12, 11, 0, tzinfo=timezone(timedelta(hours=3)))


def _ar_path(i, title, when):
    return f"/archives/{184000 + i * 37}"


def _og_type(kind: str) -> str:
    """What Yoast SEO (14+) prints: term archives are "article", authors "profile", home and search "website"."""
    return {"author": "profile", "home": "website", "search": "website"}.get(kind, "article")


def _page(name, url, kind, html, note=""):
    return Page(f"wordpress/{name}", url, kind, "wordpress", HTML, html.encode("utf-8"), note)


# -- Arabic, Jannah ----------------------------------------------------------------------------

def _ar_archive(name, path, kind, body_class, heading, *, n=10, start=0, page=1, description="",
                page_type="CollectionPage", extra_nodes=(), above="", newest=None, step_hours=3.0, og_type=None, note=""):
    url = AR_BASE + path
    items = stories("ar", n, start=start, base=AR_BASE, path=_ar_path, section=heading, step_hours=step_hours,
                    **({"newest": newest} if newest else {}))
    title = f"{heading} - {AR_SITE}" if page == 1 else f"{heading} - الصفحة {page} من 14 - {AR_SITE}"
    head = og(url, title, AR_SITE, og_type or _og_type(kind), "ar") + yoast_graph(
        AR_BASE, AR_SITE, "ar", url, title, page_type, [("الرئيسية", "/"), (heading, path)],
        items=items, extra=list(extra_nodes))
    desc = f'<div class="taxonomy-description entry"><p>{esc(description)}</p></div>' if description else ""
    base_path = path.split("page/")[0]
    main = (f'<header class="entry-header-outer container-wrapper"><nav id="breadcrumb"><a href="{AR_BASE}/">'
            f'<span class="tie-icon-home"></span> الرئيسية</a><em class="delimiter">/</em><span class="current">'
            f'{esc(heading)}</span></nav><h1 class="page-title">{esc(heading)}</h1>{desc}</header>{above}'
            f'<div class="mag-box wide-post-box"><div class="container-wrapper"><div class="mag-box-container clearfix">'
            f'{jannah_teasers(items)}<div class="clearfix"></div></div></div></div>'
            + (jannah_pager(base_path if "?" not in path else "/", page, 14) if n >= 6 else ""))
    return _page(name, url, kind, jannah_document(title, head, body_class, main), note)


def _ar_home():
    lead = stories("ar", 1, start=14, base=AR_BASE, path=_ar_path, lead=0)[0]
    slider = (f'<section id="tie-block_1" class="slider-area mag-box"><div class="main-slider boxed-slider">'
              f'<div class="slide tie-standard slide-id-{len(lead.title)}"><a href="{lead.url}" class="all-over-thumb-link">'
              f'<span class="screen-reader-text">{esc(lead.title)}</span></a><div class="thumb-overlay"><div class="thumb-content">'
              f'<div class="thumb-meta"><span class="date meta-item tie-icon">{ar_date(lead.when, weekday=False)}</span></div>'
              f'<h2 class="thumb-title"><a href="{lead.url}">{esc(lead.title)}</a></h2>'
              f'<div class="thumb-desc">{esc(lead.excerpt)}</div></div></div></div></div></section>')
    return _ar_archive("ar-home", "/", "home", "home blog", "آخر الأخبار", start=0, above=slider,
                       note="home blog; lead slider with a 490-char excerpt")


def _ar_author():
    name = "أحمد خليل"
    person = {"@type": "Person", "@id": AR_BASE + "/#/schema/person/3", "name": name,
              "description": AR_BIOS[name], "url": AR_BASE + "/author/ahmad-khalil/"}
    box = (f'<div class="about-author container-wrapper about-author-3"><div class="author-avatar"><img alt="" '
           f'src="{AR_BASE}/wp-content/uploads/ahmad-96x96.jpg" class="avatar avatar-180" height="180" width="180"></div>'
           f'<div class="author-info"><h3 class="author-name">{name}</h3><div class="author-bio">'
           f'<p>{esc(AR_BIOS[name])}</p><p>{esc(AR_BIOS["ريم الحسن"])}</p></div></div></div>')
    return _ar_archive("ar-author", "/author/ahmad-khalil/", "author", "archive author author-ahmad-khalil author-3",
                       f"مقالات الكاتب: {name}", n=8, start=7, page_type="ProfilePage", extra_nodes=[person],
                       above=box, note="author archive with a bio box")


def _ar_static(name, path, page_id, heading, paragraphs, note):
    url = AR_BASE + path
    title = f"{heading} - {AR_SITE}"
    head = og(url, title, AR_SITE, "article", "ar",
              f'<meta property="article:modified_time" content="{UPDATED.isoformat()}">\n'
              f'<meta property="og:description" content="{esc(paragraphs[0][:150])}">\n') + yoast_graph(
        AR_BASE, AR_SITE, "ar", url, title, "WebPage", [("الرئيسية", "/"), (heading, path)],
        dates=("2016-05-02T09:12:40+03:00", UPDATED.isoformat()))
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    main = (f'<article id="the-post" class="container-wrapper post-content">'
            f'<header class="entry-header-outer"><nav id="breadcrumb"><a href="{AR_BASE}/">الرئيسية</a>'
            f'<em class="delimiter">/</em><span class="current">{esc(heading)}</span></nav>'
            f'<div class="entry-header"><h1 class="post-title entry-title">{esc(heading)}</h1></div></header>'
            f'<div class="entry-content entry clearfix"><p><strong>آخر تحديث: {ar_date(UPDATED, weekday=False)}</strong></p>'
            f'{body}</div></article>')
    cls = f"page-template-default page page-id-{page_id}"
    if path == "/privacy-policy/":
        cls = "privacy-policy " + cls
    return _page(name, url, "static", jannah_document(title, head, cls, main, ticker=False), note)


# -- English, Newspaper ------------------------------------------------------------------------

def _en_archive(name, path, kind, body_class, heading, *, n=10, start=0, page=1, pages=12, page_type="CollectionPage",
                extra_nodes=(), above="", og_type=None, note=""):
    url = EN_BASE + path
    items = stories("en", n, start=start, base=EN_BASE, authors=("Sarah Okafor", "James Whitfield", "Staff Reporter"))
    title = f"{heading} | {EN_SITE}" if page == 1 else f"{heading} | Page {page} of {pages} | {EN_SITE}"
    head = og(url, title, EN_SITE, og_type or _og_type(kind), "en") + yoast_graph(
        EN_BASE, EN_SITE, "en", url, title, page_type, [("Home", "/"), (heading, path)], items=items,
        extra=list(extra_nodes))
    content = (f'<div class="td-page-header"><h1 class="entry-title td-page-title"><span>{esc(heading)}</span></h1></div>'
               f'{above}{np.modules(items)}' + (np.pager(path.split("page/")[0], page, pages) if n >= 6 else ""))
    main = np.crumbs([("Home", "/"), (heading, path)]) + np.with_sidebar(content)
    return _page(name, url, kind, np.document(title, head, body_class, main), note)


def _en_home():
    url = EN_BASE + "/"
    lead, *rest = stories("en", 13, start=2, base=EN_BASE, authors=("James Whitfield", "Sarah Okafor"), lead=0)
    head = og(url, f"{EN_SITE} | News from the coast", EN_SITE, "website", "en") + yoast_graph(
        EN_BASE, EN_SITE, "en", url, f"{EN_SITE} | News from the coast", "WebPage", [("Home", "/")],
        dates=("2015-02-10T08:00:00+00:00", NOW.isoformat()))
    big = (f'<div class="td_block_wrap td_block_big_grid_fl_1"><div class="td-big-grid-wrapper">'
           f'<div class="td_module_mx5 td-animation-stack td-big-grid-post-0 td-big-grid-post td-big-thumb">'
           f'<div class="td-module-thumb"><a href="{lead.url}" rel="bookmark" class="td-image-wrap" title="{esc(lead.title)}">'
           f'<img class="entry-thumb" src="{lead.image}" alt="" width="1068" height="580"></a></div>'
           f'<div class="td-meta-info-container"><div class="td-meta-align"><div class="td-big-grid-meta">'
           f'<a href="{EN_BASE}/category/news/" class="td-post-category">News</a>'
           f'<h3 class="entry-title td-module-title"><a href="{lead.url}" rel="bookmark" title="{esc(lead.title)}">{esc(lead.title)}</a></h3></div>'
           f'<div class="td-module-meta-info"><span class="td-post-date"><time class="entry-date updated td-module-date" '
           f'datetime="{lead.iso}">{en_date(lead.when)}</time></span></div>'
           f'<div class="td-excerpt">{esc(lead.excerpt)}</div></div></div></div></div></div>')
    blocks = (f'<div class="td_block_wrap td_block_4"><h4 class="block-title"><span>Latest news</span></h4>'
              f'{np.modules(rest[:6], module="td_module_2")}</div>'
              f'<div class="td_block_wrap td_block_7"><h4 class="block-title"><span>Business</span></h4>'
              f'{np.modules(rest[6:], module="td_module_6", excerpt=False)}</div>')
    html = np.document(f"{EN_SITE} | News from the coast", head,
                       "home page-template page-template-page-pagebuilder-latest page page-id-52 td-standard-pack",
                       big + np.with_sidebar(blocks))
    return _page("en-home", url, "home", html,
                 "page-builder front page: body class 'home page', Yoast WebPage with dates, 600-char lead excerpt")


def _en_static(name, path, page_id, heading, paragraphs, note):
    url = EN_BASE + path
    title = f"{heading} | {EN_SITE}"
    head = og(url, title, EN_SITE, "article", "en",
              f'<meta property="article:publisher" content="https://www.facebook.com/coastalherald">\n'
              f'<meta property="article:modified_time" content="{UPDATED.isoformat()}">\n') + yoast_graph(
        EN_BASE, EN_SITE, "en", url, title, "WebPage", [("Home", "/"), (heading, path)],
        dates=("2014-11-20T10:00:00+00:00", UPDATED.isoformat()))
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    content = (f'<div class="td-page-header"><h1 class="entry-title td-page-title"><span>{esc(heading)}</span></h1></div>'
               f'<div class="td-page-content tagdiv-type"><p><em>Last updated: {en_date(UPDATED)}</em></p>{body}</div>')
    main = np.crumbs([("Home", "/"), (heading, path)]) + np.with_sidebar(content)
    html = np.document(title, head, f"page-template-default page page-id-{page_id}", main)
    return _page(name, url, "static", html, note)


def pages() -> list[Page]:
    tag = "الذهب"
    return [
        _ar_home(),
        _ar_archive("ar-category", "/category/local/", "section", "archive category category-local category-12",
                    "أخبار محلية", start=3, description="آخر الأخبار المحلية من المدينة والمحافظات.",
                    note="category archive; Yoast CollectionPage + BreadcrumbList + ItemList"),
        _ar_archive("ar-category-paged", "/category/economy/page/2/", "section",
                    "archive paged category category-economy category-7 paged-2 category-paged-2", "اقتصاد",
                    start=11, page=2, note="page 2 of a category"),
        _ar_archive("ar-tag", f"/tag/{quote(tag)}/", "tag", f"archive tag tag-{quote(tag).lower()} tag-345",
                    f"الوسم: {tag}", n=4, start=1, note="tag archive with only 4 teasers, no pager"),
        _ar_author(),
        _ar_archive("ar-search", f"/?s={quote(tag)}", "search", "search search-results", f"نتائج البحث عن: {tag}",
                    n=6, start=18, page_type=["CollectionPage", "SearchResultsPage"], note="search results"),
        _ar_archive("ar-date-archive", "/2019/12/", "archive", "archive date", "الأرشيف الشهري: ديسمبر 2019",
                    start=25, newest=datetime(2019, 12, 29, 18, 0, tzinfo=timezone(timedelta(hours=3))),
                    step_hours=61, note="monthly date archive"),
        _ar_static("ar-privacy", "/privacy-policy/", 3, "سياسة الخصوصية", AR_PRIVACY,
                   "static page: og:type=article, Yoast WebPage with datePublished, 2000 chars, date line"),
        _ar_static("ar-editorial-policy", f"/{quote('سياسة-النشر')}/", 41, "سياسة النشر والتحرير", AR_EDITORIAL,
                   "static page at a slug no list knows, og:type=article, date line"),
        _en_home(),
        _en_archive("en-category", "/category/politics/", "section", "archive category category-politics category-5",
                    "Politics", start=0, note="category archive with <time> in every module and a pager"),
        _en_archive("en-category-paged", "/category/business/page/3/", "section",
                    "archive paged category category-business category-8 paged-3 category-paged-3", "Business",
                    start=14, page=3, pages=40, note="page 3 of a category"),
        _en_archive("en-tag", "/tag/inflation/", "tag", "archive tag tag-inflation tag-211", "Inflation", n=5,
                    start=20, note="tag archive with 5 teasers, no pager"),
        _en_archive("en-author", "/author/sarah-okafor/", "author", "archive author author-sarah-okafor author-4",
                    "Sarah Okafor", n=8, start=6, page_type="ProfilePage",
                    above=f'<div class="author-box-wrap"><div class="desc"><div class="td-author-name vcard author">'
                          f'<span class="fn">Sarah Okafor</span></div><p>{esc(EN_BIOS["Sarah Okafor"])}</p></div></div>',
                    note="author archive with a 440-char bio"),
        _en_archive("en-search", "/?s=housing+prices", "search", "search search-results",
                    "Search results for: housing prices", n=7, start=15,
                    page_type=["CollectionPage", "SearchResultsPage"], note="search results"),
        _en_static("en-terms", "/terms-of-service/", 2, "Terms of service", EN_TERMS,
                   "static page: og:type=article, Yoast WebPage dates, 1600 chars, date line"),
        _en_static("en-about", "/about-us/", 9, "About us", EN_ABOUT, "about page, og:type=article"),
    ]
