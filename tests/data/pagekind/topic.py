"""News-aggregator topic pages: clusters of headline links from several publishers with relative times.

A Google-News-like reader (obfuscated class names, ``./read/…`` links,
``<time datetime>`` with "2 hours ago"), its "full coverage" story page, an
Arabic aggregator that shows a snippet under each headline, and a
NewsNow-like headline wall.  No excerpts worth the name on most, no
article metadata: just very many short linked headlines.
"""

from __future__ import annotations

import hashlib

from . import Page
from .common import esc, relative, stories

AR_SOURCES = ("الجزيرة نت", "العربية", "سكاي نيوز عربية", "بي بي سي عربي", "الشرق الأوسط", "عنب بلدي", "المدن",
              "RT Arabic", "فرانس 24", "اندبندنت عربية")
EN_SOURCES = ("Reuters", "BBC News", "The Guardian", "Associated Press", "Financial Times", "Al Jazeera English",
              "Bloomberg", "The Independent", "CNN", "Sky News")
GN = "https://news.aggregator.example"


def _token(text: str) -> str:
    return "CBMi" + hashlib.sha1(text.encode()).hexdigest()[:40] + "0gEA"


def _gn_clusters(lang: str, n: int, start: int) -> str:
    sources = AR_SOURCES if lang == "ar" else EN_SOURCES
    items = stories(lang, n * 4, start=start, base=GN, step_hours=0.6, path=lambda i, t, w: f"/read/{_token(t)}")
    out = []
    for c in range(n):
        group = items[c * 4:(c + 1) * 4]
        arts = []
        for k, s in enumerate(group):
            src = sources[(c * 3 + k) % len(sources)]
            img = f'<figure class="K0q4G P22Vib"><img class="Quavad vwBmvb" src="https://news.aggregator.example/api/attachments/{_token(s.title)[:20]}=-w280-h168-p-df" alt=""></figure>' if k == 0 else ""
            arts.append(
                f'<article class="IBr9hb{" UwIKyb" if k else ""}" jsname="fK5Zrd">{img}<div class="XlKvRb">'
                f'<a class="WwrzSb" href=".{s.url[len(GN):]}?hl={lang}" tabindex="0" aria-label="{esc(s.title)}"></a></div>'
                f'<div class="vr1PYe"><img class="qEdqNd" src="https://encrypted-tbn.example/favicon?src={k}" alt="">'
                f'<div class="vr1PYe">{esc(src)}</div></div><a class="gPFEn" href=".{s.url[len(GN):]}?hl={lang}">{esc(s.title)}</a>'
                f'<div class="UOVeFe"><time class="hvbAAd" datetime="{s.when.astimezone().isoformat()}">{relative(s.when, lang)}</time>'
                f'</div></article>')
        full = "التغطية الكاملة" if lang == "ar" else "Full coverage"
        out.append(f'<c-wiz class="PO9Zff Ccj79 kUVvS" jsrenderer="ARwRbe"><div class="W8yrY">{"".join(arts)}'
                   f'<a class="jKHa4e" href="./stories/{_token(group[0].title)[4:28]}?hl={lang}">{full}</a></div></c-wiz>')
    return "".join(out)


def _gn_page(name, path, kind, lang, heading, *, n, start, note):
    url = GN + path
    nav = ("الرئيسية", "من أجلك", "المتابَعة", "العالم", "الأعمال", "التكنولوجيا", "الرياضة") if lang == "ar" else \
        ("Home", "For you", "Following", "World", "Business", "Technology", "Sports")
    tabs = "".join(f'<a class="brSCsc" href="./topics/{_token(t)[:24]}?hl={lang}" aria-label="{t}">{t}</a>' for t in nav)
    html = f"""<!doctype html><html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"><head><meta charset="utf-8">
<title>{esc(heading)} - {"أخبار" if lang == "ar" else "News"}</title>
<meta name="referrer" content="origin"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="canonical" href="{url}"><meta property="og:title" content="{esc(heading)}"><meta property="og:type" content="website">
<script nonce="a1b2">window.WIZ_global_data = {{"DpimGf":false,"EP1ykd":["/_/*"],"FdrFJe":"-4133421926337410110","Im6cmf":"/_/DotsSplashUi"}};</script>
</head><body jscontroller="pjICDe" class="EIlDfe">
<header class="gb_Ua gb_8d" role="banner"><div class="gb_Ed"><a class="gb_2d" href="./?hl={lang}" aria-label="News"><img src="/logo.svg" alt=""></a>
<form class="Gwkg9c" role="search" action="./search"><input class="Ax4B8 ZAGvjd" name="q" type="text" aria-label="Search"></form></div></header>
<div class="Bz112c"><nav class="EctEBd" role="navigation">{tabs}</nav></div>
<main class="HKt8rc" role="main"><c-wiz class="D9SJMe"><div class="LHoNGe"><h2 class="Kqgr0d">{esc(heading)}</h2>
<button class="VfPpkd-LgbsSe" aria-label="Follow">{"متابعة" if lang == "ar" else "Follow"}</button></div>
{_gn_clusters(lang, n, start)}</c-wiz></main>
<footer class="fl6pSd"><a href="https://policies.example/privacy">Privacy</a> · <a href="https://policies.example/terms">Terms</a> · <a href="./about">About</a></footer>
<script nonce="a1b2">AF_initDataCallback({{key: 'ds:1', hash: '2', data:[null,[["{heading}"]]], sideChannel: {{}}}});</script>
</body></html>"""
    return Page(f"topic/{name}", url, kind, "topic", "text/html; charset=utf-8", html.encode("utf-8"), note)


def _ar_aggregator(name, path, heading, *, n, start, note):
    base = "https://www.nabd-alakhbar.example"
    items = stories("ar", n, start=start, base=base, step_hours=0.4, path=lambda i, t, w: f"/{9120000 + i * 17}-{w:%Y%m%d}")
    rows = "".join(
        f'<div class="story-item"><div class="story-source"><img src="{base}/logos/{k % 10}.png" width="20" alt="">'
        f'<span class="source-name">{esc(AR_SOURCES[k % 10])}</span><span class="story-time">{relative(s.when, "ar")}</span></div>'
        f'<a class="story-title" href="{s.url}">{esc(s.title)}</a><p class="story-snippet">{esc(s.excerpt[:120])}...</p>'
        f'<div class="story-actions"><a href="{s.url}#share">مشاركة</a> <a href="{base}/related/{k}">أخبار ذات صلة ({k % 7 + 2})</a></div></div>'
        for k, s in enumerate(items))
    related = "".join(f'<a class="chip" href="{base}/t/{t}">{t}</a>' for t in ("الدولار", "النفط", "البورصة", "التضخم"))
    html = f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{esc(heading)} | نبض الأخبار</title>
<meta name="description" content="تابع آخر أخبار {esc(heading)} من أهم المصادر العربية لحظة بلحظة"><link rel="canonical" href="{base}{path}">
</head><body><div class="topbar"><a href="{base}/" class="logo"><img src="{base}/logo.png" alt="نبض الأخبار"></a><div class="topbar-links">
<a href="{base}/sources">المصادر</a><a href="{base}/app">حمّل التطبيق</a></div></div>
<div class="container"><div class="topic-head"><h1>{esc(heading)}</h1><span class="followers">128 ألف متابع</span><div class="chips">{related}</div></div>
<div class="stories-list">{rows}</div><a class="load-more" href="{base}{path}?page=2">تحميل المزيد</a></div>
<div class="footer"><a href="{base}/privacy">الخصوصية</a> | <a href="{base}/terms">شروط الاستخدام</a></div></body></html>"""
    return Page(f"topic/{name}", base + path, "topic", "topic", "text/html; charset=utf-8", html.encode("utf-8"), note)


def _headline_wall(name, path, heading, *, start, note):
    base = "https://www.newswall.example"
    blocks = []
    for b, label in enumerate(("Top stories", "Latest", "Analysis")):
        items = stories("en", 12, start=start + b * 12, base=base, step_hours=0.25, path=lambda i, t, w: f"/A/{1260000000 + i * 7919}")
        lis = "".join(f'<div class="hl"><a class="hll" href="{s.url}" rel="nofollow" target="_blank">{esc(s.title)}</a>'
                      f'<span class="src">{EN_SOURCES[k % 10]}</span><span class="time" data-time="{int(s.when.timestamp())}">'
                      f'{relative(s.when, "en")}</span></div>' for k, s in enumerate(items))
        blocks.append(f'<div class="newsfeed"><div class="nf-title">{label}</div>{lis}</div>')
    html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(heading)} News | Newswall</title>'
            f'<meta name="description" content="{esc(heading)} news from hundreds of sources, updated every minute."></head>'
            f'<body><div id="hd"><a href="/" id="logo">Newswall</a><div id="nav"><a href="/h/World+News">World</a>'
            f'<a href="/h/Business">Business</a><a href="/h/Sport">Sport</a></div></div><div id="content">'
            f'<h1 class="pagetitle">{esc(heading)}</h1><p class="intro">{esc(heading)} news from hundreds of sources, '
            f'updated every minute. Follow the latest headlines as they break.</p>{"".join(blocks)}</div>'
            f'<div id="ft"><a href="/about">About</a> <a href="/privacy">Privacy</a></div></body></html>')
    return Page(f"topic/{name}", base + path, "topic", "topic", "text/html; charset=utf-8", html.encode("utf-8"), note)


def pages() -> list[Page]:
    return [
        _gn_page("gnews-en-topic", "/topics/CAAqJggKIiBDQkFTRWdvSUwyMHZNRGx1YlY4U0FtVnVHZ0pWVXlnQUFQAQ?hl=en-US&gl=US",
                 "topic", "en", "Business", n=8, start=0, note="Google-News-like topic: 8 clusters of 4 headline links"),
        _gn_page("gnews-ar-topic", "/topics/CAAqKggKIiRDQkFTRlFvSUwyMHZNRGx6TVdZU0JXRnlMVVZIS0FBUAE?hl=ar&gl=EG",
                 "topic", "ar", "الاقتصاد", n=7, start=5, note="Arabic topic page, relative times"),
        _gn_page("gnews-en-story", "/stories/CAAqNggKIjBDQklTSGpvSmMzUnZjbmt0TXpZd1NoRUtEd2lMOWRYNkNSRzBxaXNWTEM3N1dpZ0FQAQ?hl=en-US",
                 "topic", "en", "Ceasefire talks resume as aid convoys wait at the border", n=5, start=14,
                 note="'full coverage' page of one story: an article-like headline, a long id in the URL"),
        _ar_aggregator("nabd-ar-topic", f"/t/{'أسعار-الذهب'}", "أسعار الذهب", n=14, start=1,
                       note="Arabic aggregator: source, relative time, headline and a 120-char snippet"),
        _headline_wall("newswall-en", "/h/World+News/Middle+East", "Middle East", start=3,
                       note="headline wall of 36 links, source names, times"),
    ]
