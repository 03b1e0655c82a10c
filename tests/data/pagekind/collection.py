"""Modern news-site sections whose JSON-LD says CollectionPage, with article objects inside.

``og:type=website``, a ``CollectionPage`` with an ``ItemList`` of
``NewsArticle`` items (headline, datePublished, image), or a top-level
array of ten ``NewsArticle`` teaser objects: the page names article types
all over, yet it is a listing.  Server-rendered semantic markup:
``<article class="card">`` teasers with ``<time datetime>``.
"""

from __future__ import annotations

from . import Page
from .common import ar_date, breadcrumbs, en_date, esc, ld, news_article_node, relative, stories, trim

AR = ("https://www.alkhabar-today.example", "الخبر اليوم", "ar")
EN = ("https://meridian.example", "The Daily Meridian", "en")


def _path_for(lang):
    if lang == "ar":
        return lambda i, t, w: f"/ar/news/{w:%Y/%m/%d}/{7301000 + i * 113}"
    return lambda i, t, w: f"/{w:%Y/%m/%d}/{'-'.join(t.lower().split()[:7]).strip(',.:')}-{900000 + i}"


def cards(items, lang: str, *, lead_text: str = "") -> str:
    out = []
    for k, s in enumerate(items):
        summary = lead_text if k == 0 and lead_text else s.excerpt
        date_text = relative(s.when, lang) if k < 4 else (ar_date(s.when, weekday=False) if lang == "ar" else en_date(s.when))
        cls = "card card--lead" if k == 0 and lead_text else "card"
        out.append(
            f'<article class="{cls}"><a class="card__media" href="{s.url}" tabindex="-1"><picture><source type="image/webp" '
            f'srcset="{s.image}.webp 1x"><img src="{s.image}" alt="" loading="lazy" width="640" height="360"></picture></a>'
            f'<div class="card__body"><span class="card__kicker">{esc(s.section)}</span><h3 class="card__title">'
            f'<a href="{s.url}">{esc(s.title)}</a></h3><p class="card__summary">{esc(summary)}</p>'
            f'<div class="card__meta"><time datetime="{s.iso}">{date_text}</time>'
            + (f' <span class="card__byline">{esc(s.author)}</span>' if s.author else "") + "</div></div></article>")
    return "\n".join(out)


def document(site, title: str, head: str, main: str, *, lang: str) -> str:
    base, name, _ = site
    sections = (["سياسة", "اقتصاد", "رياضة", "منوعات", "رأي", "فيديو"] if lang == "ar"
                else ["World", "Business", "Climate", "Sport", "Culture", "Opinion"])
    nav = "".join(f'<li><a href="{base}/{"ar/section/" if lang == "ar" else ""}{s.lower()}">{s}</a></li>' for s in sections)
    latest = stories(lang, 6, start=27, base=base, path=_path_for(lang), step_hours=1.5)
    rail = "".join(f'<li><a href="{s.url}">{esc(s.title)}</a><time datetime="{s.iso}">{relative(s.when, lang)}</time></li>'
                   for s in latest)
    more, about = ("الأكثر قراءة", "من نحن") if lang == "ar" else ("Most read", "About us")
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(title)}</title>
{head}
<link rel="stylesheet" href="{base}/static/css/main.4f1c2a.css">
</head>
<body>
<a class="skip-link" href="#main-content">{"تخطي إلى المحتوى" if lang == "ar" else "Skip to content"}</a>
<header class="site-header"><div class="site-header__bar"><a class="site-header__logo" href="{base}/"><img src="{base}/static/logo.svg" alt="{esc(name)}" width="180" height="40"></a>
<nav class="site-nav" aria-label="primary"><ul>{nav}</ul></nav><a class="site-header__subscribe" href="{base}/subscribe">{"اشترك" if lang == "ar" else "Subscribe"}</a></div></header>
<main id="main-content" class="layout layout--section">
{main}
<aside class="rail" aria-label="{more}"><h2 class="rail__title">{more}</h2><ol class="rail__list">{rail}</ol></aside>
</main>
<footer class="site-footer"><ul><li><a href="{base}/about">{about}</a></li><li><a href="{base}/privacy">Privacy</a></li><li><a href="{base}/terms">Terms</a></li></ul>
<p>&copy; 2024 {esc(name)}</p></footer>
<script src="{base}/static/js/app.8d1e0b.js" defer></script>
</body></html>
"""


def _head(url, title, description, lang, data) -> str:
    return (f'<link rel="canonical" href="{url}"><meta name="description" content="{esc(description)}">'
            f'<meta property="og:type" content="website"><meta property="og:title" content="{esc(title)}">'
            f'<meta property="og:url" content="{url}"><meta property="og:description" content="{esc(description)}">'
            f'<meta property="og:locale" content="{"ar_AR" if lang == "ar" else "en_US"}">'
            + "".join(ld(d) for d in data))


def _section(site, name, path, kind, heading, *, n=12, start=0, shape="itemlist", lead=False, page=1, note=""):
    base, site_name, lang = site
    url = base + path
    items = stories(lang, n, start=start, base=base, path=_path_for(lang), section=heading, lead=start if lead else None,
                    authors=(("ريم الحسن", "أحمد خليل") if lang == "ar" else ("Sarah Okafor", "Daniel Reyes", "")))
    title = f"{heading} | {site_name}"
    description = (f"آخر أخبار {heading} وتحليلاتها" if lang == "ar" else f"The latest {heading} news and analysis")
    nodes = [news_article_node(s, site_name, body=True) for s in items]
    crumbs = breadcrumbs(base, [("الرئيسية" if lang == "ar" else "Home", "/"), (heading, path)])
    if shape == "array":
        data = [nodes[:10]]
    elif shape == "graph":
        data = [{"@context": "https://schema.org", "@graph": [
            {"@type": "CollectionPage", "@id": url, "url": url, "name": title, "description": description,
             "mainEntity": {"@type": "ItemList", "numberOfItems": n, "itemListElement": [
                 {"@type": "ListItem", "position": i, "item": node} for i, node in enumerate(nodes, 1)]}},
            crumbs, {"@type": "NewsMediaOrganization", "name": site_name, "url": base + "/"}]}]
    elif shape == "lead":
        data = [{"@context": "https://schema.org", "@type": "CollectionPage", "url": url, "name": title},
                dict({"@context": "https://schema.org"}, **nodes[0]), crumbs]
    else:
        data = [{"@context": "https://schema.org", "@type": "CollectionPage", "url": url, "name": title,
                 "description": description, "isPartOf": {"@type": "WebSite", "name": site_name, "url": base + "/"}},
                {"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [
                    {"@type": "ListItem", "position": i, "item": node} for i, node in enumerate(nodes, 1)]},
                dict({"@context": "https://schema.org"}, **crumbs)]
    more = "المزيد" if lang == "ar" else "Load more"
    pager = (f'<nav class="pagination" aria-label="pages"><a class="pagination__prev" href="{url.split("?")[0]}">&lsaquo;</a>'
             if page > 1 else '<nav class="pagination" aria-label="pages">')
    pager += f'<a class="pagination__more" rel="next" href="{url.split("?")[0]}?page={page + 1}">{more}</a></nav>'
    main = (f'<section class="section-feed"><header class="section-feed__header"><h1 class="section-feed__title">{esc(heading)}</h1>'
            f'<p class="section-feed__dek">{esc(description)}</p></header><div class="section-feed__grid">'
            f'{cards(items, lang, lead_text=trim(items[0].excerpt, 400, "…") if lead else "")}</div>{pager}</section>')
    html = document(site, title, _head(url, title, description, lang, data), main, lang=lang)
    return Page(f"collection/{name}", url, kind, "collection", "text/html; charset=utf-8", html.encode("utf-8"), note)


def pages() -> list[Page]:
    return [
        _section(AR, "ar-section-itemlist", "/ar/section/economy", "section", "اقتصاد", start=0,
                 note="CollectionPage + ItemList of 12 NewsArticle items"),
        _section(AR, "ar-section-itemlist-page2", "/ar/section/economy?page=2", "section", "اقتصاد", start=12, page=2,
                 note="page 2, same JSON-LD shape"),
        _section(AR, "ar-section-array", "/ar/section/sport", "section", "رياضة", n=10, start=4, shape="array",
                 note="JSON-LD is a top-level array of 10 NewsArticle teasers"),
        _section(AR, "ar-section-lead-ld", "/ar/section/politics", "section", "سياسة", n=8, start=14, shape="lead",
                 lead=True, note="CollectionPage plus one NewsArticle node for the lead card, 400-char lead summary"),
        _section(EN, "en-section-itemlist", "/world/middle-east", "section", "Middle East", start=0,
                 note="CollectionPage + ItemList of NewsArticle items"),
        _section(EN, "en-section-array", "/business/markets", "section", "Markets", n=10, start=8, shape="array",
                 note="top-level array of 10 NewsArticle objects"),
        _section(EN, "en-section-graph", "/climate", "section", "Climate", n=9, start=17, shape="graph", lead=True,
                 note="@graph CollectionPage whose mainEntity ItemList nests NewsArticle items"),
        _section(EN, "en-topic-collection", "/topic/cost-of-living", "tag", "Cost of living", n=7, start=25,
                 note="topic tag page with CollectionPage JSON-LD"),
        _section(EN, "en-section-lead-ld", "/opinion", "section", "Opinion", n=6, start=30, shape="lead", lead=True,
                 note="one NewsArticle node (the lead) beside CollectionPage, 400-char lead summary, 6 cards"),
    ]
