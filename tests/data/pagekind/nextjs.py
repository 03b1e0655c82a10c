"""Next.js home and section pages: ``<div id="__next">``, a big ``__NEXT_DATA__``, hashed or utility classes.

The server-rendered HTML is a lead story with a ~400-character excerpt and
cards with ``<time datetime>``; ``__NEXT_DATA__`` carries every teaser's
object (id, headline, summary, dates, author, and for the lead its first
paragraphs), ``og:type=website``.  One site uses CSS-module class names
(``Card_card__x8Kq2``), the other Tailwind utilities only.
"""

from __future__ import annotations

import json

from . import Page
from .common import ar_date, en_date, esc, ld, relative, stories, trim

CSSMOD = ("https://www.arabnow.example", "عرب ناو", "ar")
TAILWIND = ("https://www.northstar-news.example", "Northstar News", "en")


def _path(lang):
    if lang == "ar":
        return lambda i, t, w: f"/ar/news/{5100200 + i * 71}"
    return lambda i, t, w: f"/news/{'-'.join(t.lower().replace(',', '').split()[:6])}-{w:%Y%m%d}"


def _next_data(items, lang, lead_text, page: str) -> str:
    objs = [{"id": f"{1000 + k}", "type": "article", "headline": s.title, "summary": s.excerpt,
             "url": s.url, "publishedAt": s.iso, "updatedAt": s.iso, "section": {"slug": "news", "name": s.section},
             "authors": [{"name": s.author}] if s.author else [],
             "image": {"src": s.image, "width": 1200, "height": 675, "alt": ""}} for k, s in enumerate(items)]
    objs[0]["summary"] = lead_text
    objs[0]["body"] = [{"type": "paragraph", "text": items[0].excerpt}]
    data = {"props": {"pageProps": {"page": {"type": page, "locale": lang, "modules": [
        {"type": "hero", "items": objs[:1]}, {"type": "grid", "items": objs[1:]}]},
        "navigation": [{"label": s.section, "href": "/" + str(k)} for k, s in enumerate(items[:6])]},
        "__N_SSP": True}, "page": "/[[...slug]]", "query": {}, "buildId": "k3Xq9vR2mP0aLw7sT1", "isFallback": False,
        "gssp": True, "locale": lang, "locales": ["ar", "en"], "defaultLocale": "ar", "scriptLoader": []}
    return ('<script id="__NEXT_DATA__" type="application/json">'
            + json.dumps(data, ensure_ascii=False).replace("</", "<\\/") + "</script>")


def _time(s, lang, k):
    text = relative(s.when, lang) if k < 5 else (ar_date(s.when, weekday=False) if lang == "ar" else en_date(s.when))
    return f'<time datetime="{s.iso}">{text}</time>'


def _cssmod_body(items, lang, lead_text, heading):
    lead, rest = items[0], items[1:]
    hero = (f'<section class="Hero_hero__Q2mZp"><a class="Hero_media__1bXcT" href="{lead.url}"><img alt="" src="{lead.image}" '
            f'width="1200" height="675" decoding="async" data-nimg="1" loading="eager"></a><div class="Hero_text__8kRtY">'
            f'<span class="Kicker_kicker__Zp0s1">{esc(lead.section)}</span><h2 class="Hero_title__Vd3wQ"><a href="{lead.url}">'
            f'{esc(lead.title)}</a></h2><p class="Hero_summary__c7LfN">{esc(lead_text)}</p>{_time(lead, lang, 0)}</div></section>')
    grid = "".join(
        f'<div class="Card_card__x8Kq2"><a class="Card_media__3PjfR" href="{s.url}"><img alt="" src="{s.image}" width="400" '
        f'height="225" loading="lazy"></a><div class="Card_body__mW1hc"><h3 class="Card_title__Rk6ba"><a href="{s.url}">'
        f'{esc(s.title)}</a></h3><p class="Card_summary__u0dDg">{esc(s.excerpt)}</p><div class="Card_meta__9nQzE">'
        f'{_time(s, lang, k + 1)}</div></div></div>' for k, s in enumerate(rest))
    title = f'<h1 class="Section_title__4FhZk">{esc(heading)}</h1>' if heading else ""
    return (f'<main class="Home_main__nLjiQ">{title}{hero}'
            f'<section class="Grid_grid__Lk1oD">{grid}</section></main>')


def _tailwind_body(items, lang, lead_text, heading):
    lead, rest = items[0], items[1:]
    hero = (f'<section class="grid grid-cols-1 gap-6 border-b border-neutral-200 pb-8 md:grid-cols-3"><div class="md:col-span-2">'
            f'<a href="{lead.url}"><img class="aspect-video w-full object-cover" src="{lead.image}" alt=""></a></div><div>'
            f'<h2 class="font-serif text-3xl font-bold leading-tight"><a class="hover:underline" href="{lead.url}">{esc(lead.title)}</a></h2>'
            f'<p class="mt-3 text-lg text-neutral-700">{esc(lead_text)}</p><div class="mt-2 text-sm text-neutral-500">'
            f'{_time(lead, lang, 0)} &middot; {esc(lead.author or "Staff")}</div></div></section>')
    grid = "".join(
        f'<div class="flex flex-col gap-2 border-t border-neutral-200 pt-4"><a href="{s.url}"><img class="aspect-video w-full" '
        f'src="{s.image}" alt="" loading="lazy"></a><h3 class="font-serif text-xl font-semibold"><a class="hover:underline" '
        f'href="{s.url}">{esc(s.title)}</a></h3><p class="text-neutral-700">{esc(s.excerpt)}</p><div class="text-xs uppercase '
        f'tracking-wide text-neutral-500">{_time(s, lang, k + 1)}</div></div>' for k, s in enumerate(rest))
    title = f'<h1 class="mb-6 font-serif text-4xl font-bold">{esc(heading)}</h1>' if heading else ""
    return (f'<main class="mx-auto max-w-7xl px-4 py-6">{title}{hero}'
            f'<section class="mt-8 grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-4">{grid}</section></main>')


def _document(site, path, kind, name, *, start, n=13, heading="", note=""):
    base, site_name, lang = site
    url = base + path
    items = stories(lang, n, start=start, base=base, path=_path(lang), step_hours=1.7, lead=start,
                    section="أخبار" if lang == "ar" else "News", authors=("", "Maya Chen", "Tom Becker"))
    lead_text = trim(items[0].excerpt, 400, "…")
    title = f"{heading} | {site_name}" if heading else f"{site_name} | " + ("أخبار عاجلة" if lang == "ar" else "Breaking news")
    body = (_cssmod_body if site is CSSMOD else _tailwind_body)(items, lang, lead_text, heading)
    most = "".join(f'<li><span>{k}</span><a href="{s.url}">{esc(s.title)}</a></li>'
                   for k, s in enumerate(stories(lang, 5, start=start + 20, base=base, path=_path(lang)), 1))
    if site is CSSMOD:
        header = (f'<header class="Header_header__2kLsd"><a class="Header_logo__v4Mzs" href="/"><img alt="{esc(site_name)}" '
                  f'src="/_next/static/media/logo.9c1e2f.svg" width="150" height="40"></a><nav class="Nav_nav__t7QpX">'
                  f'<a href="/ar/politics">سياسة</a><a href="/ar/economy">اقتصاد</a><a href="/ar/sport">رياضة</a>'
                  f'<a href="/ar/video">فيديو</a></nav></header>')
        aside = f'<aside class="MostRead_mostRead__k2Wq1"><h2>الأكثر قراءة</h2><ol>{most}</ol></aside>'
        footer = f'<footer class="Footer_footer__Jx8Lm"><p>© 2024 {esc(site_name)}</p></footer>'
    else:
        header = (f'<header class="sticky top-0 z-50 border-b bg-white"><div class="mx-auto flex max-w-7xl items-center '
                  f'justify-between px-4 py-3"><a href="/" class="font-serif text-2xl font-black">{esc(site_name)}</a>'
                  f'<nav class="hidden gap-6 md:flex"><a href="/us">US</a><a href="/world">World</a><a href="/business">Business</a>'
                  f'<a href="/latest">Latest</a></nav></div></header>')
        aside = (f'<aside class="mx-auto max-w-7xl px-4"><h2 class="font-bold">Most read</h2><ol class="list-decimal pl-6">'
                 f'{most}</ol></aside>')
        footer = f'<footer class="mt-12 bg-neutral-900 py-8 text-neutral-300"><p class="text-center">© 2024 {esc(site_name)}</p></footer>'
    head = (f'<meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{esc(title)}</title>'
            f'<meta name="description" content="{esc(items[0].excerpt)}"><meta property="og:type" content="website">'
            f'<meta property="og:title" content="{esc(title)}"><meta property="og:url" content="{url}">'
            f'<link rel="canonical" href="{url}"><meta name="next-head-count" content="9">'
            f'<link rel="preload" href="/_next/static/css/5b3c7a1e.css" as="style">'
            f'<script src="/_next/static/chunks/webpack-59c5c889f52620d6.js" defer=""></script>'
            f'<script src="/_next/static/chunks/framework-2c79e2a64abdb08b.js" defer=""></script>'
            + ld({"@context": "https://schema.org", "@type": "WebSite", "name": site_name, "url": base + "/",
                  "potentialAction": {"@type": "SearchAction", "target": base + "/search?q={q}", "query-input": "required name=q"}}))
    html = (f'<!DOCTYPE html><html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"><head>{head}</head><body>'
            f'<div id="__next">{header}{body}{aside}{footer}</div>{_next_data(items, lang, lead_text, kind)}'
            f'<script src="/_next/static/chunks/pages/_app-3f2b1c.js" defer=""></script></body></html>')
    return Page(f"nextjs/{name}", url, kind, "nextjs", "text/html; charset=utf-8", html.encode("utf-8"), note)


def pages() -> list[Page]:
    return [
        _document(CSSMOD, "/ar", "home", "ar-home", start=0,
                  note="Next.js home at /ar: hero with a 400-char summary, __NEXT_DATA__ with the lead's paragraphs"),
        _document(CSSMOD, "/ar/economy", "section", "ar-section", start=7, n=10, heading="اقتصاد",
                  note="Next.js section at a one-word path"),
        _document(TAILWIND, "/", "home", "en-home", start=3, note="Tailwind-only classes, no class names to go by"),
        _document(TAILWIND, "/us", "home", "en-edition-home", start=11, n=9,
                  note="edition home at /us, 9 cards"),
        _document(TAILWIND, "/latest", "section", "en-latest", start=21, n=16, heading="Latest news",
                  note="latest-news stream, 16 cards"),
        _document(CSSMOD, "/ar/video/latest", "video", "ar-video", start=28, n=7, heading="أحدث الفيديوهات",
                  note="video listing in Next.js with 7 cards"),
    ]
