"""Two WordPress themes as real sites render them: Jannah (Arabic) and Newspaper (English), with Yoast SEO.

Only the page skeletons and the repeated blocks live here (header with
logo, menu and breaking-news ticker, sidebar widgets, footer, teasers,
pagers, Yoast's JSON-LD ``@graph``); ``wordpress.py`` fills them.
"""

from __future__ import annotations

from .common import NOW, Story, ar_date, breadcrumbs, esc, ld, relative, stories
from .corpus_text import AR_ABOUT

AR_BASE, AR_SITE = "https://sawtalmadina.example", "صوت المدينة"
EN_BASE, EN_SITE = "https://www.coastalherald.example", "The Coastal Herald"
AR_MENU = [("الرئيسية", "/"), ("أخبار محلية", "/category/local/"), ("اقتصاد", "/category/economy/"),
           ("عربي ودولي", "/category/world/"), ("رياضة", "/category/sport/"), ("ثقافة وفن", "/category/culture/"),
           ("مقالات", "/category/opinion/"), ("فيديو", "/category/video/")]
EN_MENU = [("Home", "/"), ("News", "/category/news/"), ("Politics", "/category/politics/"),
           ("Business", "/category/business/"), ("Sport", "/category/sport/"), ("Culture", "/category/culture/"),
           ("Opinion", "/category/opinion/"), ("Podcasts", "/podcasts/")]


def yoast_graph(base: str, site: str, lang: str, url: str, name: str, page_type, crumbs, *,
                items: list[Story] = (), dates: tuple[str, str] | None = None, extra: list[dict] = ()) -> str:
    """Yoast SEO's one JSON-LD block: the page node, breadcrumbs, website and publisher."""
    page = {"@type": page_type, "@id": url, "url": url, "name": name,
            "isPartOf": {"@id": base + "/#website"}, "breadcrumb": {"@id": url + "#breadcrumb"},
            "inLanguage": "ar" if lang == "ar" else "en-GB"}
    if dates:
        page["datePublished"], page["dateModified"] = dates
    graph = [page, breadcrumbs(base, crumbs)]
    if items:
        graph.append({"@type": "ItemList", "itemListElement": [
            {"@type": "ListItem", "position": i, "url": s.url} for i, s in enumerate(items, 1)]})
    graph.append({"@type": "WebSite", "@id": base + "/#website", "url": base + "/", "name": site,
                  "publisher": {"@id": base + "/#organization"},
                  "potentialAction": [{"@type": "SearchAction", "target": {
                      "@type": "EntryPoint", "urlTemplate": base + "/?s={search_term_string}"},
                      "query-input": "required name=search_term_string"}]})
    graph.append({"@type": "Organization", "@id": base + "/#organization", "name": site, "url": base + "/",
                  "logo": {"@type": "ImageObject", "url": base + "/wp-content/uploads/logo.png"},
                  "sameAs": ["https://www.facebook.com/" + site.replace(" ", ""), "https://x.com/" + site.replace(" ", "")]})
    graph.extend(extra)
    return ld({"@context": "https://schema.org", "@graph": graph})


def og(url: str, title: str, site: str, og_type: str, lang: str, extra: str = "") -> str:
    locale = "ar_AR" if lang == "ar" else "en_GB"
    return (f'<meta name="robots" content="index, follow, max-image-preview:large">\n'
            f'<link rel="canonical" href="{esc(url)}">\n<meta property="og:locale" content="{locale}">\n'
            f'<meta property="og:type" content="{og_type}">\n<meta property="og:title" content="{esc(title)}">\n'
            f'<meta property="og:url" content="{esc(url)}">\n<meta property="og:site_name" content="{esc(site)}">\n'
            f'<meta name="twitter:card" content="summary_large_image">\n{extra}')


# -- Jannah (TieLabs), the usual Arabic news theme ---------------------------------------------

def jannah_teasers(items: list[Story], *, excerpt: bool = True) -> str:
    out = []
    for s in items:
        text = f'<p class="post-excerpt">{esc(s.excerpt)}</p>' if excerpt else ""
        out.append(
            f'<li class="post-item tie-standard"><a aria-label="{esc(s.title)}" href="{s.url}" class="post-thumb">'
            f'<span class="post-cat-wrap"><span class="post-cat tie-cat-12">{esc(s.section or "أخبار")}</span></span>'
            f'<img width="390" height="220" src="{s.image}" class="attachment-jannah-image-large" alt=""></a>'
            f'<div class="post-details"><div class="post-meta clearfix"><span class="author-meta single-author no-avatars">'
            f'<span class="meta-item meta-author-wrapper"><span class="meta-author"><a href="{AR_BASE}/author/editor/" '
            f'class="author-name tie-icon">{esc(s.author or "المحرر")}</a></span></span></span>'
            f'<span class="date meta-item tie-icon">{ar_date(s.when, weekday=False)}</span>'
            f'<div class="tie-alignright"><span class="meta-views meta-item"><span class="tie-icon-fire"></span> '
            f'{len(s.title) * 13} </span></div></div>'
            f'<h2 class="post-title"><a href="{s.url}">{esc(s.title)}</a></h2>{text}'
            f'<a class="more-link button" href="{s.url}">أكمل القراءة &raquo;</a></div></li>')
    return '<ul id="posts-container" data-layout="default" class="posts-items">' + "".join(out) + "</ul>"


def jannah_pager(path: str, page: int, pages: int) -> str:
    def link(n):
        return AR_BASE + path + (f"page/{n}/" if n > 1 else "")
    cells = [f'<li class="the-prev-page"><a href="{link(page - 1)}">&laquo;</a></li>'] if page > 1 else []
    for n in (1, 2, 3, 4):
        cells.append(f'<li class="current"><span class="pages-nav-item">{n}</span></li>' if n == page
                     else f'<li><a href="{link(n)}" class="pages-nav-item" title="{n}">{n}</a></li>')
    cells.append(f'<li class="extend"><span class="pages-nav-item">...</span></li><li class="last-page first-last-pages">'
                 f'<a href="{link(pages)}" class="pages-nav-item">الأخيرة &raquo;</a></li>')
    return f'<div class="pages-nav"><ul class="pages-numbers">{"".join(cells)}</ul></div>'


def jannah_document(title: str, head: str, body_class: str, main: str, *, ticker: bool = True) -> str:
    menu = "".join(f'<li class="menu-item"><a href="{AR_BASE}{p}">{n}</a></li>' for n, p in AR_MENU)
    latest = stories("ar", 5, start=30, base=AR_BASE)
    breaking = "".join(f'<li><a href="{s.url}" title="{esc(s.title)}">{esc(s.title)}</a></li>' for s in latest)
    popular = "".join(
        f'<li class="widget-single-post-item widget-post-list"><div class="post-widget-body">'
        f'<a class="post-title the-subtitle" href="{s.url}">{esc(s.title)}</a><div class="post-meta">'
        f'<span class="date meta-item tie-icon">{relative(s.when, "ar")}</span></div></div></li>'
        for s in stories("ar", 5, start=22, base=AR_BASE, step_hours=9))
    bar = (f'<div class="breaking controls-is-active"><span class="breaking-title"><span class="tie-icon-bolt"></span>'
           f'<span class="breaking-title-text">عاجل</span></span><ul id="breaking-news-in-header" '
           f'class="breaking-news" data-type="reveal">{breaking}</ul></div>') if ticker else ""
    return f"""<!DOCTYPE html>
<html dir="rtl" lang="ar" data-skin="light">
<head>
<meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
{head}
<link rel='stylesheet' id='tie-css-base-css' href='{AR_BASE}/wp-content/themes/jannah/assets/css/base.min.css?ver=7.1.0' type='text/css' media='all'>
<script src="{AR_BASE}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</head>
<body id="tie-body" class="{body_class} wrap-boxed is-percent-width is-desktop is-header-layout-3 has-header-ad sidebar-left has-sidebar">
<div class="background-overlay"><div id="tie-container" class="site tie-container"><div id="tie-wrapper">
<header id="theme-header" class="theme-header header-layout-3 main-nav-dark main-nav-default-dark main-nav-below has-stream-item top-nav-active top-nav-dark top-nav-above has-shadow has-normal-width-logo mobile-header-default">
<nav id="top-nav" class="has-date-breaking-components top-nav header-nav has-breaking-news" aria-label="الشريط العلوي">
<div class="container"><div class="topbar-wrapper"><div class="topbar-today-date tie-icon">{ar_date(NOW)}</div>
<div class="tie-alignleft">{bar}</div></div></div></nav>
<div class="container header-container"><div class="tie-row logo-row"><div class="logo-wrapper"><div class="tie-col-md-4 logo-container clearfix">
<div id="logo" class="image-logo"><a title="{AR_SITE}" href="{AR_BASE}/"><img src="{AR_BASE}/wp-content/uploads/logo.png" alt="{AR_SITE}" width="300" height="90"></a></div>
</div></div><div class="container stream-item stream-item-top-wrapper"><div class="stream-item-top"><a href="https://ads.example/c?id=31"><img src="{AR_BASE}/wp-content/uploads/ad-728x90.jpg" width="728" height="90" alt=""></a></div></div></div></div>
<div class="main-nav-wrapper"><nav id="main-nav" class="main-nav header-nav" aria-label="القائمة الرئيسية"><div class="container"><div class="main-menu-wrapper">
<div id="menu-components-wrap"><div class="main-menu main-menu-wrap tie-alignleft"><div id="main-nav-menu" class="main-menu header-menu"><ul id="menu-main" class="menu">{menu}</ul></div></div>
<ul class="components"><li class="search-compact-icon menu-item custom-menu-link"><a href="#" class="tie-search-trigger"><span class="tie-icon-search tie-search-icon"></span><span class="screen-reader-text">بحث عن</span></a></li></ul></div></div></div></nav></div>
</header>
<div id="content" class="site-content container"><div id="main-content-row" class="tie-row main-content-row">
<div class="main-content tie-col-md-8 tie-col-xs-12" role="main">
{main}
</div>
<aside class="sidebar tie-col-md-4 tie-col-xs-12 normal-side is-sticky" aria-label="القائمة الجانبية الرئيسية"><div class="theiaStickySidebar">
<div id="posts-list-widget-2" class="container-wrapper widget posts-list"><div class="widget-title the-global-title"><div class="the-subtitle">الأكثر قراءة</div></div>
<div class="widget-posts-list-wrapper"><div class="widget-posts-list-container"><ul class="posts-list-items widget-posts-wrapper">{popular}</ul></div></div></div>
<div id="tie-newsletter-2" class="container-wrapper widget subscribe-widget"><div class="widget-inner-wrap"><span class="tie-icon-envelope newsletter-icon"></span>
<div class="subscribe-widget-content"><h3>النشرة البريدية</h3><p>اشترك في النشرة البريدية ليصلك كل جديد الأخبار</p></div>
<form action="#" method="post" class="subscribe-form"><input class="subscribe-input required email" type="email" name="EMAIL" placeholder="البريد الإلكتروني"><input class="button subscribe-submit" type="submit" value="اشترك"></form></div></div>
</div></aside>
</div></div>
<footer id="footer" class="site-footer dark-skin dark-widgetized-area"><div id="footer-widgets-container"><div class="container"><div class="footer-widget-area"><div class="tie-row">
<div class="tie-col-md-4 normal-side"><div id="text-2" class="container-wrapper widget widget_text"><div class="widget-title the-global-title"><div class="the-subtitle">عن الموقع</div></div><div class="textwidget"><p>{esc(AR_ABOUT[0])}</p></div></div></div>
<div class="tie-col-md-4 normal-side"><div id="nav_menu-3" class="container-wrapper widget widget_nav_menu"><div class="menu-footer-container"><ul id="menu-footer" class="menu">
<li><a href="{AR_BASE}/about-us/">من نحن</a></li><li><a href="{AR_BASE}/privacy-policy/">سياسة الخصوصية</a></li><li><a href="{AR_BASE}/contact-us/">اتصل بنا</a></li><li><a href="{AR_BASE}/advertise/">أعلن معنا</a></li></ul></div></div></div>
</div></div></div></div>
<div id="site-info" class="site-info site-info-layout-2"><div class="container"><div class="tie-row"><div class="tie-col-md-12">
<div class="copyright-text copyright-text-first">&copy; حقوق النشر 2024، جميع الحقوق محفوظة لموقع {AR_SITE}</div>
<ul class="social-icons"><li class="social-icons-item"><a class="social-link facebook-social-icon" rel="external noopener nofollow" target="_blank" href="https://www.facebook.com/"><span class="tie-social-icon tie-icon-facebook"></span><span class="screen-reader-text">فيسبوك</span></a></li></ul>
</div></div></div></div></footer>
<a id="go-to-top" class="go-to-top-button" href="#go-to-tie-body"><span class="tie-icon-angle-up"></span><span class="screen-reader-text">زر الذهاب إلى الأعلى</span></a>
</div></div></div>
<script type='text/javascript' id='tie-scripts-js-extra'>var tie = {{"is_rtl":"1","ajaxurl":"{AR_BASE}\\/wp-admin\\/admin-ajax.php"}};</script>
</body>
</html>
"""
