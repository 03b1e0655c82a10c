"""Other listings: Drupal 7 author, tag and search pages, and a custom CMS's live-blog, video and gallery indexes.

Drupal's Bartik-style page with Views rows (``views-row`` teasers, RDFa
``dc:date`` on each, a zero-based ``?page=1`` pager); the author pages
open with a ~500-character bio.  The custom CMS has no body classes and
no JSON-LD beyond the organisation.
"""

from __future__ import annotations

from . import Page
from .common import NOW, ar_date, en_date, esc, ld, relative, stories
from .corpus_text import AR_BIOS, EN_BIOS

DRUPAL_AR = ("https://www.almarsad.example", "المرصد", "ar")
DRUPAL_EN = ("https://www.valleytribune.example", "The Valley Tribune", "en")
CUSTOM = ("https://www.gulfwire.example", "Gulf Wire")
AR_BIO_MORE = ("صدر لها كتاب بعنوان «مدن على الهامش» يضم تحقيقات عن أحوال العمال في الضواحي الصناعية، وتشارك بانتظام "
               "في ورش تدريبية للصحفيين الشباب حول أخلاقيات العمل الميداني والتحقق من المصادر والتعامل مع البيانات المفتوحة، "
               "وتعمل حالياً على مشروع توثيقي عن ذاكرة الأسواق القديمة في مدن الساحل.")


def _node_path(lang):
    return lambda i, t, w: f"/node/{88000 + i * 53}" if lang == "ar" else f"/news/{w:%Y/%m}/{'-'.join(t.lower().replace(',', '').split()[:6])}"


def views_rows(items, lang) -> str:
    out = []
    for k, s in enumerate(items):
        pos = ("first " if k == 0 else "") + ("last " if k == len(items) - 1 else "")
        date = ar_date(s.when, weekday=False, clock=True) if lang == "ar" else en_date(s.when, weekday=True, clock=True)
        out.append(
            f'<div class="views-row views-row-{k + 1} views-row-{"odd" if k % 2 == 0 else "even"} {pos}">'
            f'<div class="views-field views-field-field-image"><div class="field-content"><a href="{s.url}">'
            f'<img typeof="foaf:Image" src="{s.image}" width="220" height="124" alt=""></a></div></div>'
            f'<div class="views-field views-field-title"><span class="field-content"><a href="{s.url}">{esc(s.title)}</a></span></div>'
            f'<div class="views-field views-field-created"><span class="field-content"><span property="dc:date dc:created" '
            f'content="{s.iso}" datatype="xsd:dateTime">{date}</span></span></div>'
            f'<div class="views-field views-field-body"><div class="field-content"><p>{esc(s.excerpt)}</p></div></div></div>')
    return "\n".join(out)


def drupal(site, path, kind, name, heading, body_class, intro, *, n=10, start=0, pager=True, note=""):
    base, site_name, lang = site
    url = base + path
    items = stories(lang, n, start=start, base=base, path=_node_path(lang), step_hours=14)
    menu = "".join(f'<li class="leaf"><a href="{base}/{p}">{t}</a></li>' for t, p in (
        (("الرئيسية", ""), ("أخبار", "news"), ("تحقيقات", "investigations"), ("رأي", "opinion")) if lang == "ar"
        else (("Home", ""), ("News", "news"), ("County", "county"), ("Sports", "sports"), ("Obituaries", "obituaries"))))
    recent = "".join(f'<li><a href="{s.url}">{esc(s.title)}</a></li>'
                     for s in stories(lang, 5, start=start + 17, base=base, path=_node_path(lang)))
    stem = path.split("?")[0]
    join = "&" if "?" in path else "?"
    pages_html = ('<h2 class="element-invisible">Pages</h2><div class="item-list"><ul class="pager"><li class="pager-current first">1</li>'
                  + "".join(f'<li class="pager-item"><a title="Go to page {k + 1}" href="{path if k == 0 else stem}{join}page={k}">{k + 1}</a></li>'
                            for k in range(1, 5))
                  + f'<li class="pager-next"><a href="{path}{join}page=1">next ›</a></li><li class="pager-last last">'
                  f'<a href="{path}{join}page=23">last »</a></li></ul></div>') if pager else ""
    html = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN" "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{lang}" version="XHTML+RDFa 1.0" dir="{"rtl" if lang == "ar" else "ltr"}">
<head profile="http://www.w3.org/1999/xhtml/vocab"><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<link rel="shortcut icon" href="{base}/misc/favicon.ico"><meta name="generator" content="Drupal 7 (https://www.drupal.org)">
<link rel="canonical" href="{url}"><title>{esc(heading)} | {esc(site_name)}</title>
<link type="text/css" rel="stylesheet" href="{base}/sites/default/files/css/css_xE-rWrJf-fncB6ztZfd2huxqgxu4WO-qwma6Xer30m4.css" media="all">
<script type="text/javascript" src="{base}/misc/jquery.js?v=1.4.4"></script>
<script type="text/javascript">jQuery.extend(Drupal.settings, {{"basePath":"\\/","pathPrefix":"","ajaxPageState":{{"theme":"bartik"}}}});</script>
</head>
<body class="html not-front not-logged-in one-sidebar sidebar-first {body_class}">
<div id="skip-link"><a href="#main-content" class="element-invisible element-focusable">Skip to main content</a></div>
<div id="page-wrapper"><div id="page">
<div id="header" class="without-secondary-menu"><div class="section clearfix">
<a href="{base}/" title="Home" rel="home" id="logo"><img src="{base}/sites/default/files/logo.png" alt="Home"></a>
<div id="name-and-slogan"><div id="site-name"><strong><a href="{base}/" title="Home" rel="home"><span>{esc(site_name)}</span></a></strong></div></div>
<div id="main-menu" class="navigation"><h2 class="element-invisible">Main menu</h2><ul id="main-menu-links" class="links clearfix">{menu}</ul></div>
</div></div>
<div id="main-wrapper" class="clearfix"><div id="main" class="clearfix">
<div id="breadcrumb"><h2 class="element-invisible">You are here</h2><div class="breadcrumb"><a href="{base}/">Home</a> » {esc(heading)}</div></div>
<div id="content" class="column"><div class="section"><a id="main-content"></a>
<h1 class="title" id="page-title">{esc(heading)}</h1>
<div class="region region-content"><div id="block-system-main" class="block block-system"><div class="content">
{intro}
<div class="view view-taxonomy-term view-id-taxonomy_term view-display-id-page"><div class="view-content">
{views_rows(items, lang)}
</div>{pages_html}</div></div></div></div>
</div></div>
<div id="sidebar-first" class="column sidebar"><div class="section"><div class="region region-sidebar-first">
<div id="block-views-recent-block" class="block block-views"><h2>{"آخر الأخبار" if lang == "ar" else "Recent content"}</h2><div class="content"><div class="item-list"><ul>{recent}</ul></div></div></div>
</div></div></div>
</div></div>
<div id="footer-wrapper"><div class="section"><div id="footer" class="clearfix"><div class="region region-footer">
<div id="block-system-powered-by" class="block block-system"><div class="content"><span>&copy; {NOW.year} {esc(site_name)}. Powered by <a href="https://www.drupal.org">Drupal</a></span></div></div>
</div></div></div></div>
</div></div>
</body></html>"""
    return Page(f"misc/{name}", url, kind, "drupal", "text/html; charset=utf-8", html.encode("utf-8"), note)


def custom(path, kind, name, heading, cards_html, *, lang="en", intro="", note="", more=True, head="", status=200):
    base, site_name = CUSTOM
    url = base + path
    more_html = (f'<div class="gw-more"><a href="{url}?page=2" class="gw-btn">{"المزيد" if lang == "ar" else "Show more"}</a></div>'
                 if more else "")
    html = f"""<!DOCTYPE html><html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"><head><meta charset="utf-8">
<title>{esc(heading)} - {site_name}</title><link rel="canonical" href="{url}">
<meta property="og:site_name" content="{site_name}"><meta property="og:title" content="{esc(heading)}">
{ld({"@context": "https://schema.org", "@type": "NewsMediaOrganization", "name": site_name, "url": base + "/", "logo": base + "/img/logo.png"})}
{head}</head><body>
<div class="gw-top"><div class="gw-wrap"><a class="gw-logo" href="{base}/"><img src="{base}/img/logo.png" alt="{site_name}"></a>
<ul class="gw-nav"><li><a href="{base}/news">News</a></li><li><a href="{base}/live">Live</a></li><li><a href="{base}/video">Video</a></li><li><a href="{base}/in-pictures">In pictures</a></li><li><a href="{base}/ar">عربي</a></li></ul></div></div>
<div class="gw-wrap gw-page"><h1 class="gw-page__title">{esc(heading)}</h1>{intro}
<div class="gw-grid">{cards_html}</div>
{more_html}</div>
<div class="gw-bottom"><div class="gw-wrap"><a href="{base}/about">About</a> <a href="{base}/privacy">Privacy</a> <a href="{base}/contact">Contact</a><p>&copy; {NOW.year} {site_name}</p></div></div>
</body></html>"""
    return Page(f"misc/{name}", url, kind, "custom", "text/html; charset=utf-8", html.encode("utf-8"), note, status)


def _live_cards():
    items = stories("en", 7, start=10, base=CUSTOM[0], step_hours=20, path=lambda i, t, w: f"/live/{w:%Y/%m/%d}/live-{i}")
    return "".join(
        f'<div class="gw-card gw-card--live"><span class="gw-badge">{"LIVE" if k < 2 else "ENDED"}</span>'
        f'<a class="gw-card__title" href="{s.url}">Live updates: {esc(s.title)}</a><p class="gw-card__text">{esc(s.excerpt)}</p>'
        f'<div class="gw-card__meta">Last update <time datetime="{s.iso}">{relative(s.when, "en")}</time> · {12 + k * 7} updates</div></div>'
        for k, s in enumerate(items))


def _video_cards():
    items = stories("ar", 12, start=3, base=CUSTOM[0], step_hours=6, path=lambda i, t, w: f"/ar/video/{330000 + i * 11}")
    return "".join(
        f'<div class="gw-card gw-card--video"><a class="gw-thumb" href="{s.url}"><img src="{s.image}" alt=""><span class="gw-duration">'
        f'0{k % 6 + 1}:{(k * 17) % 60:02d}</span></a><a class="gw-card__title" href="{s.url}">فيديو | {esc(s.title)}</a>'
        f'<div class="gw-card__meta"><time datetime="{s.iso}">{relative(s.when, "ar")}</time> · {(k + 3) * 1100} مشاهدة</div></div>'
        for k, s in enumerate(items))


def _gallery_cards():
    items = stories("en", 9, start=20, base=CUSTOM[0], step_hours=30, path=lambda i, t, w: f"/in-pictures/{w:%Y/%m/%d}/gallery-{i}")
    return "".join(
        f'<div class="gw-card gw-card--gallery"><a class="gw-thumb" href="{s.url}"><img src="{s.image}" alt=""><span class="gw-count">'
        f'{12 + k * 3} photos</span></a><a class="gw-card__title" href="{s.url}">In pictures: {esc(s.title)}</a>'
        f'<p class="gw-card__text">{esc(s.excerpt)}</p><div class="gw-card__meta">{en_date(s.when)}</div></div>'
        for k, s in enumerate(items))


def pages() -> list[Page]:
    ar_bio = AR_BIOS["ريم الحسن"] + " " + AR_BIO_MORE + " " + AR_BIOS["ريم الحسن"].split("،")[0] + "."
    en_bio = EN_BIOS["Sarah Okafor"] + " She lives in Port Avery with her family."
    return [
        drupal(DRUPAL_AR, "/users/reem-alhassan", "author", "drupal-ar-author", "ريم الحسن", "page-user page-user-27",
               f'<div class="profile" typeof="sioc:UserAccount"><div class="field field-name-field-bio"><p>{esc(ar_bio)}</p></div></div>',
               n=8, start=2, note=f"author page at /users/..., {len(ar_bio)}-char bio paragraph, then her articles"),
        drupal(DRUPAL_EN, "/taxonomy/term/482", "tag", "drupal-en-tag", "Flooding", "page-taxonomy page-taxonomy-term page-taxonomy-term-482",
               "", n=10, start=1, note="Drupal term page: /taxonomy/term/482 has no listing word"),
        drupal(DRUPAL_EN, "/search/node?keys=oil+prices", "search", "drupal-en-search", "Search results",
               "page-search page-search-node", '<h2>Search results</h2>', n=8, start=6, note="Drupal search"),
        drupal(DRUPAL_AR, "/news?page=1", "section", "drupal-ar-news-page2", "أخبار", "page-news", "", n=10, start=11,
               note="Drupal view page 2 (zero-based ?page=1)"),
        custom("/people/sarah-okafor", "author", "custom-en-author", "Sarah Okafor",
               "".join(f'<div class="gw-card"><a class="gw-card__title" href="{s.url}">{esc(s.title)}</a><p class="gw-card__text">'
                       f'{esc(s.excerpt)}</p><div class="gw-card__meta">{en_date(s.when)}</div></div>'
                       for s in stories("en", 6, start=0, base=CUSTOM[0], step_hours=50)),
               intro=f'<div class="gw-author"><img src="{CUSTOM[0]}/img/people/okafor.jpg" alt=""><p class="gw-author__bio">{esc(en_bio)}</p>'
                     f'<p class="gw-author__role">Economics correspondent</p></div>',
               note=f"author page at /people/..., {len(en_bio)}-char bio, 6 articles"),
        custom("/live", "section", "custom-en-live-index", "Live blogs", _live_cards(),
               note="index of 7 live blogs with summaries and update times"),
        custom("/ar/video", "video", "custom-ar-videos", "فيديو", _video_cards(), lang="ar",
               note="video listing: 12 cards with duration, no excerpts"),
        custom("/in-pictures", "gallery", "custom-en-galleries", "In pictures", _gallery_cards(),
               intro=f'<p class="gw-page__dek">The week in photographs, from our photographers and agencies.</p>',
               note="photo-gallery listing, 9 cards with photo counts and excerpts"),
    ]
