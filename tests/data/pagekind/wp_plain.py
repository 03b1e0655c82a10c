"""WordPress behind a bespoke theme: no ``body_class()``, category base stripped, Yoast still on.

Many Arabic news sites run WordPress with a theme written for them that
prints a bare ``<body>`` (or only ``rtl``), and Yoast's "remove the
categories prefix" option turns ``/category/economy/`` into ``/economy/``.
What is left is Yoast's head (``og:type=article`` on term archives, a
CollectionPage ``@graph``) and the layout: a lead with a long excerpt, a
few teasers, and a block of SEO text about the section at the bottom.
"""

from __future__ import annotations

from urllib.parse import quote

from . import Page
from .common import ar_date, en_date, esc, stories, trim
from .wp_themes import og, yoast_graph

AR = ("https://www.almasdar24.example", "المصدر 24", "ar")
EN = ("https://www.harbourtimes.example", "Harbour Times", "en")
AR_SEO = [
    "يقدم قسم الاقتصاد في المصدر 24 متابعة يومية لأخبار الأسواق المحلية والعربية والعالمية، من أسعار العملات والذهب "
    "والمحروقات إلى قرارات البنك المركزي والموازنة العامة، إضافة إلى تقارير وتحليلات تشرح أثر هذه التطورات على حياة المواطنين.",
    "ويحرص فريق القسم على نقل الأرقام من مصادرها الرسمية، ومقارنتها بتقديرات الخبراء والمؤسسات الدولية، "
    "مع تغطية خاصة لقطاعات الزراعة والصناعة والتجارة والعقارات وفرص العمل للشباب.",
]
AR_DOSSIER = (
    "يتابع هذا الملف الانتخابات البرلمانية المقبلة منذ فتح باب الترشح وحتى إعلان النتائج النهائية: القوائم المتنافسة "
    "وبرامجها، والدوائر الانتخابية وتوزيع المقاعد، وقرارات الهيئة العليا للانتخابات، وتقارير المراقبين المحليين والدوليين، "
    "إلى جانب مقابلات مع المرشحين وتحليلات لاتجاهات الناخبين ونسب المشاركة في كل محافظة."
)


def _teasers(items, lang, lead_text):
    out = []
    for k, s in enumerate(items):
        text = lead_text if k == 0 and lead_text else s.excerpt
        date = ar_date(s.when, weekday=False) if lang == "ar" else en_date(s.when)
        cls = "news-box news-box--lead" if k == 0 and lead_text else "news-box"
        out.append(f'<div class="{cls}"><a href="{s.url}" class="news-box__img"><img src="{s.image}" alt="{esc(s.title)}"></a>'
                   f'<div class="news-box__txt"><h3><a href="{s.url}">{esc(s.title)}</a></h3><span class="news-date">{date}</span>'
                   f'<p>{esc(text)}</p></div></div>')
    return "".join(out)


def _page(site, name, path, kind, heading, *, n, start, lead=True, intro="", seo=(), note=""):
    base, site_name, lang = site
    url = base + path
    items = stories(lang, n, start=start, base=base, section=heading, lead=start if lead else None,
                    path=lambda i, t, w: f"/{w:%Y/%m/%d}/{'-'.join(t.split()[:5]) if lang == 'en' else 180300 + i}/")
    title = f"{heading} - {site_name}"
    head = og(url, title, site_name, "article", lang) + yoast_graph(
        base, site_name, lang, url, title, "CollectionPage",
        [("الرئيسية" if lang == "ar" else "Home", "/"), (heading, path)])
    lead_text = trim(items[0].excerpt, 450) if lead else ""
    menu = "".join(f'<li><a href="{base}/{s}/">{s}</a></li>' for s in (
        ("سياسة", "اقتصاد", "رياضة", "منوعات", "ملفات") if lang == "ar" else ("world", "business", "sport", "life")))
    latest = "".join(f'<li><a href="{s.url}">{esc(s.title)}</a></li>' for s in stories(lang, 6, start=start + 20, base=base))
    more = "المزيد" if lang == "ar" else "More"
    html = f"""<!DOCTYPE html>
<html dir="{"rtl" if lang == "ar" else "ltr"}" lang="{"ar" if lang == "ar" else "en-US"}">
<head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
{head}
<link rel="stylesheet" href="{base}/wp-content/themes/{site_name.split()[0].lower()}-theme/style.css?ver=2.3">
<link rel="https://api.w.org/" href="{base}/wp-json/"><link rel="alternate" type="application/rss+xml" href="{base}{path}feed/">
</head>
<body{' class="rtl"' if lang == "ar" else ""}>
<div class="top-strip"><div class="wrap"><span class="today">{ar_date(items[0].when) if lang == "ar" else en_date(items[0].when, weekday=True)}</span></div></div>
<div class="logo-bar"><div class="wrap"><a href="{base}/" class="logo"><img src="{base}/wp-content/uploads/logo.png" alt="{esc(site_name)}"></a></div></div>
<div class="menu-bar"><div class="wrap"><ul class="menu">{menu}</ul></div></div>
<div class="wrap content-wrap">
<div class="right-col">
<div class="page-head"><h1>{esc(heading)}</h1></div>{intro}
<div class="news-list">{_teasers(items, lang, lead_text)}</div>
<div class="more-news"><a href="{url}page/2/">{more}</a></div>
{"".join(f'<p class="cat-seo">{esc(p)}</p>' for p in seo)}
</div>
<div class="left-col"><div class="box"><h4>{"الأكثر قراءة" if lang == "ar" else "Most read"}</h4><ul>{latest}</ul></div></div>
</div>
<div class="foot"><div class="wrap">&copy; {esc(site_name)}</div></div>
<script src="{base}/wp-includes/js/jquery/jquery.min.js"></script>
</body></html>"""
    return Page(f"wordpress/{name}", url, kind, "wordpress", "text/html; charset=UTF-8", html.encode("utf-8"), note)


def pages() -> list[Page]:
    dossier = "الانتخابات البرلمانية 2024"
    return [
        _page(AR, "plain-ar-category", "/economy/", "section", "اقتصاد", n=6, start=1, seo=AR_SEO,
              note="no body classes, /economy/ (category base stripped), og:type=article, 450-char lead, "
                   "6 teasers, 530 chars of SEO text below"),
        _page(AR, "plain-ar-dossier", f"/file/{quote(dossier.replace(' ', '-'))}/", "tag", dossier, n=5, start=15, lead=False,
              intro=f'<div class="file-intro"><p>{esc(AR_DOSSIER)}</p></div>',
              note="dossier (custom taxonomy) page: 380-char intro paragraph, 5 teasers, no body classes"),
        _page(EN, "plain-en-category", "/business/", "section", "Business", n=7, start=9,
              note="no body classes, /business/, og:type=article, 450-char lead excerpt, 7 teasers"),
    ]
