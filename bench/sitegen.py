"""A deterministic WordPress-like Arabic news site of N articles, written as static files.

Used by bench/crawl.py. The site looks like the Jannah-style theme of
sample_site/render_wasila.py, at scale:

* article pages of ~45 KB: a header with a top bar, a breaking-news ticker
  and a mega menu of 60 section links, a "most read" sidebar, a footer with
  static pages, sections and social links; the article itself (300-600
  Arabic words in <p>s, sometimes an inline "read also" link and a channel
  sign-off), a Yoast JSON-LD graph with a NewsArticle (headline,
  datePublished, dateModified, author, articleSection, keywords), og: and
  article: meta, section label, tags, author box, previous/next post links
  and related posts: about 125 links a page, most of them the same on every
  page;
* a magazine home page (the latest 20 and a block per section); section and
  subsection listings, tag and author archives, paginated 20 a page; six
  static pages;
* robots.txt naming a sitemap index (one sitemap per month of posts, plus
  page, category, tag and author sitemaps) and a Google News sitemap of the
  latest 100 articles; an RSS feed of the latest 50 at /feed/.

Articles live at /YYYY/MM/DD/news-POSTID/; tag archives have percent-encoded
Arabic slugs, as on most Arabic WordPress sites (files on disk carry the
decoded UTF-8 names, which nginx and http.server both map to). Bodies are
random draws from a vocabulary of the words in
/work/shared/samples/seed-article.txt and sample_site/content.py (weighted by
their frequency there), each article from its own seeded generator, so no
two bodies are near-duplicates (the highest word-trigram Jaccard over 44,850
pairs of 300 articles is 0.002; the archive links stories at 0.6).

Everything is a pure function of (articles, seed, base_url): the same
arguments write the same bytes.

Usage as a script: .venv/bin/python bench/sitegen.py DIR [--articles N] [--base-url URL]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
VOCABULARY_SOURCES = (REPO.parent / "shared" / "samples" / "seed-article.txt", REPO / "sample_site" / "content.py")

SITE_NAME = "صوت المدينة"
TAGLINE = "أخبار محلية وعربية ودولية على مدار الساعة"
SITE_TZ = timezone(timedelta(hours=3))
#: Publication time of the newest article; the others go back PER_DAY a day.
NEWEST_DAY = datetime(2025, 6, 30, tzinfo=SITE_TZ)
PER_DAY = 16
PER_PAGE = 20
FEED_SIZE = 50
NEWS_SITEMAP_SIZE = 100
MOST_READ, TICKER = 10, 3
TAG_COUNT = 240
#: A channel sign-off some articles end with (boilerplate the archive may learn).
SIGN_OFF = "تابعونا على قناتنا في تلغرام وصفحتنا على فيسبوك ليصلكم كل جديد من أخبار المدينة والمنطقة أولا بأول."
READ_ALSO = "اقرأ أيضاً:"

WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
MONTHS = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
          "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")

#: (slug, label, [(slug, label) of its four subsections]): 12 + 48 = 60 menu links.
SECTIONS = (
    ("local", "أخبار محلية", (("damascus", "دمشق"), ("aleppo", "حلب"), ("idlib", "إدلب"), ("daraa", "درعا"))),
    ("politics", "سياسة", (("domestic", "شؤون داخلية"), ("arab", "عربي"), ("international", "دولي"), ("interviews", "حوارات"))),
    ("economy", "اقتصاد", (("markets", "أسواق"), ("energy", "طاقة"), ("agriculture", "زراعة"), ("currencies", "عملات"))),
    ("sports", "رياضة", (("football", "كرة القدم"), ("league", "الدوري المحلي"), ("world-sports", "بطولات عالمية"), ("other-sports", "رياضات أخرى"))),
    ("culture", "ثقافة وفنون", (("cinema", "سينما"), ("books", "كتب"), ("theatre", "مسرح"), ("music", "موسيقى"))),
    ("variety", "منوعات", (("odd", "غرائب"), ("celebrities", "مشاهير"), ("travel", "سفر"), ("kitchen", "مطبخ"))),
    ("reports", "تقارير", (("investigations", "تحقيقات"), ("files", "ملفات"), ("rights", "حقوق الإنسان"), ("environment", "بيئة"))),
    ("opinion", "رأي", (("articles", "مقالات"), ("editorial", "افتتاحية"), ("cartoon", "كاريكاتير"), ("readers", "بريد القراء"))),
    ("health", "صحة", (("medicine", "طب"), ("nutrition", "تغذية"), ("epidemics", "أوبئة"), ("mental-health", "صحة نفسية"))),
    ("technology", "تكنولوجيا", (("phones", "هواتف"), ("internet", "إنترنت"), ("science", "علوم"), ("games", "ألعاب"))),
    ("world", "العالم", (("europe", "أوروبا"), ("americas", "الأمريكيتان"), ("asia", "آسيا"), ("africa", "أفريقيا"))),
    ("society", "مجتمع", (("education", "تعليم"), ("youth", "شباب"), ("women", "المرأة"), ("services", "خدمات"))),
)
FIRST_NAMES = ("أحمد", "محمد", "سارة", "ليلى", "عمر", "خالد", "رنا", "يوسف", "هبة", "سامر", "نور", "مازن")
LAST_NAMES = ("العلي", "الحسن", "الخطيب", "الأحمد", "الشامي", "الحلبي", "النجار", "السيد")
AUTHORS = 24
STATIC_PAGES = (("about-us", "من نحن"), ("contact-us", "اتصل بنا"), ("privacy-policy", "سياسة الخصوصية"),
                ("terms-of-use", "شروط الاستخدام"), ("advertise", "أعلن معنا"), ("our-team", "فريق التحرير"))
SOCIAL = (("facebook", "فيسبوك", "https://www.facebook.com/sawt.almadina"),
          ("twitter", "تويتر", "https://twitter.com/sawt_almadina"),
          ("telegram", "تيليجرام", "https://t.me/sawt_almadina"),
          ("youtube", "يوتيوب", "https://www.youtube.com/c/sawtalmadina"),
          ("instagram", "انستغرام", "https://www.instagram.com/sawt.almadina/"))

_ARABIC_WORD = re.compile(r"[\u0621-\u063A\u0641-\u064A\u064B-\u0652]{2,}")
_EDGE_PUNCTUATION = "،؛؟!.:()[]\"'“”«»-–—…,;"


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...]
    cumulative: tuple[float, ...]  # cumulative weights for random.choices

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)

    def sentence(self, rng: random.Random, k: int) -> str:
        words = self.draw(rng, k)
        if k > 9:  # a comma somewhere in a long sentence
            cut = rng.randint(4, k - 4)
            words[cut] += "،"
        return " ".join(words) + "."


def vocabulary(sources=VOCABULARY_SOURCES) -> Vocabulary:
    """Arabic words of the sample texts, weighted by how often they occur there.

    Tokens with a tatweel or a dot inside (the samples' keyword obfuscation,
    "قصـ.ف") are left out, so generated text is clean."""
    counts: Counter[str] = Counter()
    for path in sources:
        for token in path.read_text(encoding="utf-8").split():
            token = token.strip(_EDGE_PUNCTUATION)
            if _ARABIC_WORD.fullmatch(token):
                counts[token] += 1
    if len(counts) < 500:
        raise SystemExit(f"sitegen: only {len(counts)} Arabic words in {', '.join(map(str, sources))}")
    words = tuple(sorted(counts))
    total, cumulative = 0.0, []
    for word in words:
        total += counts[word]
        cumulative.append(total)
    return Vocabulary(words, tuple(cumulative))


# ---------------------------------------------------------------------------
# The site's structure
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A category, tag or author: a label and an archive path (decoded)."""

    kind: str  # "category" | "tag" | "author"
    label: str
    path: str
    term_id: int
    parent: "Term | None" = None


@dataclass
class Article:
    index: int  # 0 = oldest
    postid: int
    path: str  # decoded (UTF-8 slug); url() percent-encodes it
    title: str
    excerpt: str
    published: datetime
    modified: datetime
    section: Term  # a subsection; its parent is the top section
    author: Term
    tags: list[Term]
    related: list[int] = field(default_factory=list)
    read_also: int | None = None
    sign_off: bool = False
    image: str = ""


@dataclass
class SiteSummary:
    base_url: str
    docroot: Path
    article_urls: list[str]
    files: Counter
    bytes_total: int = 0
    article_bytes: int = 0
    article_links: int = 0  # <a href> on the article pages

    @property
    def articles(self) -> int:
        return len(self.article_urls)


def arabic_date(day: datetime, weekday: bool = False) -> str:
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def rfc822(moment: datetime) -> str:
    return format_datetime(moment.astimezone(timezone.utc))


def _css(rng: random.Random) -> str:
    """The theme's inlined critical CSS (~7 KB, the same on every page)."""
    rules = [
        "body{font-family:Tahoma,Arial,sans-serif;margin:0;background:#f5f5f5;color:#2c2f34;direction:rtl}",
        ".container{max-width:1200px;margin:0 auto;padding:0 15px}.top-nav{background:#1f2024;color:#fff;font-size:12px}",
        ".main-content{float:right;width:66%}.sidebar{float:left;width:32%}#footer{clear:both;background:#1c1d21}",
    ]
    for i in range(8):
        color = "#%06x" % rng.randrange(0x1000000)
        rules.append(f".tie-cat-{100 + i},.tie-cat-{100 + i} .post-cat{{background-color:{color}!important;color:#fff}}"
                     f".menu-item-{2000 + i}>a:hover{{color:{color}}}")
    for name in ("post-title", "post-meta", "entry-content", "widget-title", "related-item", "tagcloud", "share-links"):
        rules.append(f".{name}{{margin:0 0 {rng.randint(5, 30)}px;line-height:{rng.randint(12, 20) / 10}}}"
                     f"@media (max-width:768px){{.{name}{{margin:0 0 {rng.randint(5, 20)}px}}}}")
    return "".join(rules)


class Site:
    """The structure of one generated site; ``write`` renders it to files."""

    def __init__(self, articles: int, seed: int, base_url: str, words: Vocabulary | None = None):
        if articles < 1:
            raise ValueError("articles must be at least 1")
        self.base = base_url.rstrip("/")
        self.seed = seed
        self.words = words or vocabulary()
        rng = random.Random(seed)
        self.top_sections, self.sections = self._sections()
        self.authors = self._authors(rng)
        self.tags = self._tags(rng)
        self.articles = self._articles(rng, articles)
        self.newest = self.articles[::-1]
        recent = self.newest[:200]
        self.most_read = rng.sample(recent, min(MOST_READ, len(recent)))
        self.css = _css(rng)

    # -- structure ------------------------------------------------------------

    @staticmethod
    def _sections() -> tuple[list[Term], list[Term]]:
        tops, subs = [], []
        for i, (slug, label, children) in enumerate(SECTIONS):
            top = Term("category", label, f"/category/{slug}/", 100 + i * 5)
            tops.append(top)
            subs += [Term("category", sub_label, f"/category/{slug}/{sub_slug}/", 101 + i * 5 + j, top)
                     for j, (sub_slug, sub_label) in enumerate(children)]
        return tops, subs

    @staticmethod
    def _authors(rng: random.Random) -> list[Term]:
        names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        chosen = rng.sample(names, AUTHORS)
        return [Term("author", name, f"/author/editor{n + 1}/", n + 2) for n, name in enumerate(chosen)]

    def _tags(self, rng: random.Random) -> list[Term]:
        pool = sorted({w for w in self.words.words if len(w) >= 4})
        labels = rng.sample(pool, min(TAG_COUNT, len(pool)))
        return [Term("tag", label, f"/tag/{label}/", 500 + n) for n, label in enumerate(labels)]

    def _articles(self, rng: random.Random, count: int) -> list[Article]:
        out: list[Article] = []
        by_section: dict[str, list[int]] = {}
        for index in range(count):
            days_back, slot = divmod(count - 1 - index, PER_DAY)
            day = NEWEST_DAY - timedelta(days=days_back)
            minute = 7 * 60 + (PER_DAY - 1 - slot) * 55 + rng.randint(0, 50)
            published = day + timedelta(minutes=minute)
            modified = published + timedelta(minutes=rng.choice((0, 0, 5, 20, 90, 300)))
            title = " ".join(self.words.draw(rng, rng.randint(6, 12)))
            path = f"/{published:%Y/%m/%d}/news-{10000 + index}/"
            section = rng.choice(self.sections)
            earlier = by_section.setdefault(section.path, [])
            related = rng.sample(earlier[-30:], min(5, len(earlier)))
            article = Article(
                index=index, postid=10000 + index, path=path, title=title, excerpt="",
                published=published, modified=modified, section=section,
                author=rng.choice(self.authors), tags=rng.sample(self.tags, rng.randint(2, 4)),
                related=related,
                read_also=rng.randrange(index) if index and rng.random() < 0.4 else None,
                sign_off=rng.random() < 0.3,
                image=f"/wp-content/uploads/{published:%Y/%m}/img-{10000 + index}.jpg",
            )
            article.excerpt = self._excerpt(article)
            earlier.append(index)
            out.append(article)
        return out

    # -- text -----------------------------------------------------------------

    def paragraphs(self, article: Article) -> list[str]:
        """The article's 300-600 words in paragraphs of 1-4 sentences (its own generator)."""
        rng = random.Random(self.seed * 1_000_003 + article.postid)
        left, paragraphs = rng.randint(300, 600), []
        while left > 0:
            sentences = []
            for _ in range(rng.randint(1, 4)):
                k = min(left, rng.randint(8, 24))
                if k <= 0:
                    break
                sentences.append(self.words.sentence(rng, k))
                left -= k
            paragraphs.append(" ".join(sentences))
        return paragraphs

    def _excerpt(self, article: Article, words: int = 30) -> str:
        first = self.paragraphs(article)[0].split()
        return " ".join(first[:words]) + (" […]" if len(first) > words else "")

    # -- URLs -------------------------------------------------------------------

    def url(self, path: str) -> str:
        return self.base + quote(path, safe="/?=&")

    @staticmethod
    def page_path(base_path: str, n: int) -> str:
        return base_path if n == 1 else f"{base_path}page/{n}/"

    # -- listings ---------------------------------------------------------------

    def listings(self):
        """(term or None for home, base path, newest-first articles) of every archive."""
        yield None, "/", self.newest
        for top in self.top_sections:
            yield top, top.path, [a for a in self.newest if a.section.parent is top]
        for sub in self.sections:
            yield sub, sub.path, [a for a in self.newest if a.section is sub]
        tagged: dict[int, list[Article]] = {t.term_id: [] for t in self.tags}
        written: dict[int, list[Article]] = {a.term_id: [] for a in self.authors}
        for article in self.newest:
            for tag in article.tags:
                tagged[tag.term_id].append(article)
            written[article.author.term_id].append(article)
        for tag in self.tags:
            if tagged[tag.term_id]:
                yield tag, tag.path, tagged[tag.term_id]
        for author in self.authors:
            if written[author.term_id]:
                yield author, author.path, written[author.term_id]

    # -- the theme's chrome (the same on every page) -----------------------------

    def header(self) -> str:
        social = "".join(
            f'<li class="social-icons-item"><a class="social-link {cls}-social-icon" rel="external noopener nofollow" '
            f'target="_blank" href="{href}"><span class="tie-social-icon tie-icon-{cls}"></span>'
            f'<span class="screen-reader-text">{label}</span></a></li>' for cls, label, href in SOCIAL)
        menu = []
        for n, top in enumerate(self.top_sections):
            subs = "".join(
                f'<li class="menu-item"><a href="{self.url(s.path)}">{escape(s.label)}</a></li>'
                for j, s in enumerate(s for s in self.sections if s.parent is top))
            menu.append(
                f'<li class="menu-item menu-item-has-children menu-item-{2000 + n * 5}"><a href="{self.url(top.path)}">'
                f'{escape(top.label)}</a><ul class="sub-menu">{subs}</ul></li>')
        ticker = "".join(f'<li><a href="{self.url(a.path)}" title="{escape(a.title)}">{escape(a.title)}</a></li>'
                         for a in self.newest[:TICKER])
        top_links = "".join(f'<li class="menu-item"><a href="{self.url(f"/{slug}/")}">{label}</a></li>'
                            for slug, label in STATIC_PAGES[:2])
        return f"""<header id="theme-header" class="theme-header header-layout-3 main-nav-dark main-nav-default-dark main-nav-below no-stream-item top-nav-active top-nav-light top-nav-default-light top-nav-above has-shadow has-normal-width-logo mobile-header-default">
<nav id="top-nav" class="has-date-breaking-components top-nav header-nav has-breaking-news" aria-label="الشريط العلوي">
<div class="container"><div class="topbar-wrapper">
<div class="topbar-today-date tie-icon">{arabic_date(NEWEST_DAY, weekday=True)}</div>
<div class="tie-alignleft"><div class="breaking controls-is-active"><span class="breaking-title"><span class="tie-icon-bolt breaking-icon" aria-hidden="true"></span><span class="breaking-title-text">عاجل</span></span>
<ul id="breaking-news-in-header" class="breaking-news" data-type="reveal" data-arrows="true">{ticker}</ul></div></div>
<div class="tie-alignright"><div class="top-menu header-menu"><ul id="menu-top" class="menu">{top_links}</ul></div>
<ul class="components">{social}</ul></div>
</div></div>
</nav>
<div class="container header-container"><div class="tie-row logo-row"><div class="logo-wrapper"><div class="tie-col-md-4 logo-container clearfix">
<div id="logo" class="image-logo"><a title="{SITE_NAME}" href="{self.url('/')}"><picture class="tie-logo-default tie-logo-picture"><source class="tie-logo-source-default tie-logo-source" srcset="{self.base}/wp-content/uploads/2023/01/logo.png"><img class="tie-logo-img-default tie-logo-img" src="{self.base}/wp-content/uploads/2023/01/logo.png" alt="{SITE_NAME}" width="300" height="90"></picture></a>
<h1 class="h1-off">{SITE_NAME}</h1></div></div></div></div></div>
<div class="main-nav-wrapper"><nav id="main-nav" data-skin="search-in-main-nav" class="main-nav header-nav live-search-parent" aria-label="القائمة الرئيسية">
<div class="container"><div class="main-menu-wrapper"><div id="menu-components-wrap"><div class="main-menu main-menu-wrap tie-alignleft"><div id="main-nav-menu" class="main-menu header-menu"><ul id="menu-main" class="menu" role="menubar">
<li id="menu-item-1999" class="menu-item menu-item-type-custom menu-item-object-custom menu-item-home menu-item-1999 tie-current-menu"><a href="{self.url('/')}">الرئيسية</a></li>
{''.join(menu)}
</ul></div></div>
<ul class="components"><li class="search-bar menu-item custom-menu-link" aria-label="بحث"><form method="get" id="search" action="{self.url('/')}"><input id="search-input" class="is-ajax-search" inputmode="search" type="text" name="s" title="بحث" placeholder="بحث"><button id="search-submit" type="submit"><span class="tie-icon-search tie-search-icon" aria-hidden="true"></span><span class="screen-reader-text">بحث</span></button></form></li></ul>
</div></div></div>
</nav></div>
</header>"""

    def _widget_item(self, article: Article) -> str:
        return (f'<li class="widget-single-post-item widget-post-list tie-standard">'
                f'<div class="post-widget-thumbnail"><img width="220" height="150" src="{self.base}{article.image}" '
                f'class="tie-small-image wp-post-image" alt="" loading="lazy"></div>'
                f'<div class="post-widget-body"><a class="post-title the-subtitle" href="{self.url(article.path)}">{escape(article.title)}</a>'
                f'<div class="post-meta"><span class="date meta-item tie-icon">{arabic_date(article.published)}</span></div></div></li>')

    def sidebar(self) -> str:
        most_read = "".join(self._widget_item(a) for a in self.most_read)
        return f"""<aside class="sidebar tie-col-md-4 tie-col-xs-12 normal-side is-sticky" aria-label="القائمة الجانبية الرئيسية">
<div class="theiaStickySidebar">
<div id="posts-list-widget-2" class="container-wrapper widget posts-list"><div class="widget-title the-global-title"><div class="the-subtitle">الأكثر قراءة<span class="widget-title-icon tie-icon"></span></div></div>
<div class="widget-posts-list-wrapper"><div class="widget-posts-list-container timeline-widget"><ul class="posts-list-items widget-posts-wrapper">{most_read}</ul></div></div><div class="clearfix"></div></div>
</div>
</aside>"""

    def footer(self) -> str:
        pages = "".join(f'<li class="menu-item"><a href="{self.url(f"/{slug}/")}">{label}</a></li>'
                        for slug, label in STATIC_PAGES)
        sections = "".join(f'<li class="menu-item"><a href="{self.url(t.path)}">{escape(t.label)}</a></li>'
                           for t in self.top_sections)
        social = "".join(f'<li class="social-icons-item"><a class="social-link {cls}-social-icon" rel="external noopener nofollow" '
                         f'target="_blank" href="{href}"><span class="screen-reader-text">{label}</span></a></li>'
                         for cls, label, href in SOCIAL)
        return f"""<footer id="footer" class="site-footer dark-skin dark-widgetized-area">
<div id="footer-widgets-container"><div class="container"><div class="footer-widget-area"><div class="tie-row">
<div class="tie-col-md-4 normal-side"><div id="text-2" class="container-wrapper widget widget_text"><div class="widget-title the-global-title"><div class="the-subtitle">عن الموقع</div></div><div class="textwidget"><p>{SITE_NAME} موقع إخباري مستقل يغطي {TAGLINE}.</p></div></div></div>
<div class="tie-col-md-4 normal-side"><div class="container-wrapper widget widget_nav_menu"><div class="widget-title the-global-title"><div class="the-subtitle">الأقسام</div></div><div class="menu-sections-container"><ul id="menu-sections" class="menu">{sections}</ul></div></div></div>
</div></div></div></div>
<div id="site-info" class="site-info site-info-layout-2"><div class="container"><div class="tie-row"><div class="tie-col-md-12">
<div class="copyright-text copyright-text-first">جميع الحقوق محفوظة &copy; 2025 {SITE_NAME}</div>
<div class="footer-menu"><ul id="menu-footer" class="menu">{pages}</ul></div>
<ul class="social-icons">{social}</ul>
</div></div></div></div>
</footer>
<a id="go-to-top" class="go-to-top-button" href="#go-to-top"><span class="tie-icon-angle-up"></span><span class="screen-reader-text">زر الذهاب إلى الأعلى</span></a>"""

    def scripts(self) -> str:
        config = {"is_rtl": "1", "ajaxurl": self.url("/wp-admin/admin-ajax.php"), "is_taqyeem_active": "",
                  "is_sticky_video": "", "mobile_menu_top": "", "mobile_menu_active": "area", "lazyload": "",
                  "type_to_search": "اكتب كلمة البحث ثم اضغط على زر Enter", "lang_no_results": "لا يوجد نتائج",
                  "sticky_behavior": "default", "sticky_desktop": "true", "ajax_loader": "<div class=\"loader-overlay\"></div>",
                  "select_share": "true", "select_share_twitter": "", "select_share_facebook": "",
                  "select_share_linkedin": "", "select_share_email": "", "facebook_app_id": "5303202981",
                  "twitter_username": "sawt_almadina", "responsive_tables": "true", "ad_blocker_detector": ""}
        return (f"<script id=\"tie-scripts-js-extra\">var tie = {json.dumps(config, ensure_ascii=False)};</script>\n"
                "<script>window._wpemojiSettings = {\"baseUrl\":\"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/72x72\\/\","
                "\"ext\":\".png\",\"svgUrl\":\"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/svg\\/\",\"svgExt\":\".svg\"};"
                "!function(e,a,t){var n,r,o,i=a.createElement(\"canvas\"),p=i.getContext&&i.getContext(\"2d\");function s(e,t){"
                "p.clearRect(0,0,i.width,i.height),p.fillText(e,0,0);e=i.toDataURL();return p.clearRect(0,0,i.width,i.height),"
                "p.fillText(t,0,0),e===i.toDataURL()}function c(e){var t=a.createElement(\"script\");t.src=e,t.defer=t.type="
                "\"text/javascript\",a.getElementsByTagName(\"head\")[0].appendChild(t)}}(window,document,window._wpemojiSettings);</script>")

    def document(self, title: str, head: str, body_class: str, main: str) -> str:
        return f"""<!DOCTYPE html>
<html dir="rtl" lang="ar" class="" data-skin="light">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{escape(title)}</title>
{head}
<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} &laquo; الخلاصة" href="{self.url('/feed/')}">
<meta name="generator" content="WordPress 6.2.2">
<link rel="stylesheet" id="tie-css-base-css" href="{self.base}/wp-content/themes/jannah/assets/css/base.min.css?ver=6.2.1" type="text/css" media="all">
<style id="tie-css-inline">{self.css}</style>
</head>
<body id="tie-body" class="rtl {body_class} tie-no-js wrapper-has-shadow block-head-1 magazine1 is-thumb-overlay-disabled is-desktop is-header-layout-3 sidebar-left has-sidebar post-layout-1 has-mobile-share hide_share_post_top">
<div class="background-overlay"><div id="tie-container" class="site tie-container"><div id="tie-wrapper">
{self.chrome_header}
<div id="content" class="site-content container"><div id="main-content-row" class="tie-row main-content-row">
<div class="main-content tie-col-md-8 tie-col-xs-12" role="main">
{main}
</div>
{self.chrome_sidebar}
</div></div>
{self.chrome_footer}
</div></div></div>
{self.chrome_scripts}
</body>
</html>
"""

    def prepare_chrome(self) -> None:
        self.chrome_header, self.chrome_sidebar = self.header(), self.sidebar()
        self.chrome_footer, self.chrome_scripts = self.footer(), self.scripts()

    # -- JSON-LD and meta ------------------------------------------------------------

    def jsonld(self, graph: list[dict]) -> str:
        data = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
        data = data.replace("</", "<\\/")  # never close the script element early
        return f'<script type="application/ld+json" class="yoast-schema-graph">{data}</script>'

    def website_node(self) -> dict:
        return {"@type": "WebSite", "@id": self.url("/#website"), "url": self.url("/"), "name": SITE_NAME,
                "description": TAGLINE, "inLanguage": "ar",
                "publisher": {"@id": self.url("/#organization")},
                "potentialAction": [{"@type": "SearchAction", "target": {"@type": "EntryPoint", "urlTemplate": self.url("/") + "?s={search_term_string}"},
                                     "query-input": "required name=search_term_string"}]}

    def organization_node(self) -> dict:
        return {"@type": "Organization", "@id": self.url("/#organization"), "name": SITE_NAME, "url": self.url("/"),
                "logo": {"@type": "ImageObject", "url": self.base + "/wp-content/uploads/2023/01/logo.png", "width": 300, "height": 90},
                "sameAs": [href for _, _, href in SOCIAL]}

    def breadcrumb_node(self, url: str, crumbs: list[tuple[str, str]]) -> dict:
        return {"@type": "BreadcrumbList", "@id": url + "#breadcrumb",
                "itemListElement": [{"@type": "ListItem", "position": i + 1, "name": name, "item": link}
                                    for i, (name, link) in enumerate(crumbs)]}

    # -- pages -------------------------------------------------------------------

    def article_page(self, article: Article) -> str:
        url, section, top = self.url(article.path), article.section, article.section.parent
        seo_title = f"{article.title} - {SITE_NAME}"
        published, modified = article.published.isoformat(), article.modified.isoformat()
        image = self.base + article.image
        graph = [
            self.organization_node(), self.website_node(),
            {"@type": "ImageObject", "@id": url + "#primaryimage", "url": image, "width": 1200, "height": 675, "inLanguage": "ar"},
            {"@type": "WebPage", "@id": url + "#webpage", "url": url, "name": seo_title, "isPartOf": {"@id": self.url("/#website")},
             "primaryImageOfPage": {"@id": url + "#primaryimage"}, "datePublished": published, "dateModified": modified,
             "breadcrumb": {"@id": url + "#breadcrumb"}, "inLanguage": "ar",
             "potentialAction": [{"@type": "ReadAction", "target": [url]}]},
            self.breadcrumb_node(url, [("الرئيسية", self.url("/")), (top.label, self.url(top.path)),
                                       (section.label, self.url(section.path)), (article.title, url)]),
            {"@type": "NewsArticle", "@id": url + "#article", "isPartOf": {"@id": url + "#webpage"},
             "author": {"@type": "Person", "name": article.author.label, "url": self.url(article.author.path)},
             "headline": article.title, "datePublished": published, "dateModified": modified,
             "mainEntityOfPage": {"@id": url + "#webpage"}, "publisher": {"@id": self.url("/#organization")},
             "image": {"@id": url + "#primaryimage"}, "thumbnailUrl": image,
             "keywords": [t.label for t in article.tags], "articleSection": [top.label, section.label], "inLanguage": "ar"},
        ]
        head = "\n".join([
            '<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1">',
            f'<meta name="description" content="{escape(article.excerpt)}">',
            f'<link rel="canonical" href="{url}">',
            '<meta property="og:locale" content="ar_AR">', '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{escape(seo_title)}">',
            f'<meta property="og:description" content="{escape(article.excerpt)}">',
            f'<meta property="og:url" content="{url}">', f'<meta property="og:site_name" content="{SITE_NAME}">',
            f'<meta property="article:publisher" content="{SOCIAL[0][2]}">',
            *(f'<meta property="article:tag" content="{escape(t.label)}">' for t in article.tags),
            f'<meta property="article:section" content="{escape(section.label)}">',
            f'<meta property="article:published_time" content="{published}">',
            f'<meta property="article:modified_time" content="{modified}">',
            f'<meta property="og:image" content="{image}">', '<meta property="og:image:width" content="1200">',
            '<meta property="og:image:height" content="675">', '<meta property="og:image:type" content="image/jpeg">',
            f'<meta name="author" content="{escape(article.author.label)}">',
            '<meta name="twitter:card" content="summary_large_image">',
            f'<meta name="twitter:creator" content="@{SOCIAL[1][2].rsplit("/", 1)[1]}">',
            self.jsonld(graph),
        ])
        body = [f"<p>{escape(p)}</p>" for p in self.paragraphs(article)]
        if article.read_also is not None:
            target = self.articles[article.read_also]
            body.insert(min(2, len(body)), f'<p><strong>{READ_ALSO}</strong> <a href="{self.url(target.path)}">{escape(target.title)}</a></p>')
        if article.sign_off:
            body.append(f"<p>{SIGN_OFF}</p>")
        tags = "".join(f'<a href="{self.url(t.path)}" rel="tag">{escape(t.label)}</a>' for t in article.tags)
        related = "".join(
            f'<div class="related-item tie-standard"><img width="390" height="220" src="{self.base}{r.image}" class="wp-post-image" alt="" loading="lazy">'
            f'<h3 class="post-title"><a href="{self.url(r.path)}">{escape(r.title)}</a></h3>'
            f'<div class="post-meta clearfix"><span class="date meta-item tie-icon">{arabic_date(r.published)}</span></div></div>'
            for r in (self.articles[i] for i in article.related))
        related_block = ('<div id="related-posts" class="container-wrapper has-extra-post"><div class="mag-box-title the-global-title">'
                         f'<h3>مقالات ذات صلة</h3></div><div class="related-posts-list">{related}</div></div>') if related else ""
        share = "".join(
            f'<a href="{href}" rel="external noopener nofollow" title="{label}" target="_blank" class="{cls}-share-btn large-share-button">'
            f'<span class="share-btn-icon tie-icon-{cls}"></span> <span class="social-text">{label}</span></a>'
            for cls, label, href in (
                ("facebook", "فيسبوك", f"https://www.facebook.com/sharer.php?u={quote(url, safe='')}"),
                ("twitter", "تويتر", f"https://twitter.com/intent/tweet?text={quote(article.title, safe='')}&amp;url={quote(url, safe='')}"),
                ("whatsapp", "واتساب", f"https://api.whatsapp.com/send?text={quote(article.title, safe='')}%20{quote(url, safe='')}"),
                ("telegram", "تيليجرام", f"https://telegram.me/share/url?url={quote(url, safe='')}")))
        neighbours = ""
        if article.index > 0:
            prev = self.articles[article.index - 1]
            neighbours += f'<a class="prev-post" href="{self.url(prev.path)}" rel="prev"><span class="post-nav-title">{escape(prev.title)}</span></a>'
        if article.index + 1 < len(self.articles):
            nxt = self.articles[article.index + 1]
            neighbours += f'<a class="next-post" href="{self.url(nxt.path)}" rel="next"><span class="post-nav-title">{escape(nxt.title)}</span></a>'
        main = f"""<div class="container-wrapper"><article id="the-post" class="post-content tie-standard">
<header class="entry-header-outer">
<nav id="breadcrumb"><a href="{self.url('/')}"><span class="tie-icon-home" aria-hidden="true"></span> الرئيسية</a><em class="delimiter">/</em><a href="{self.url(top.path)}">{escape(top.label)}</a><em class="delimiter">/</em><a href="{self.url(section.path)}">{escape(section.label)}</a><em class="delimiter">/</em><span class="current">{escape(article.title)}</span></nav>
<div class="entry-header">
<span class="post-cat-wrap"><a class="post-cat tie-cat-{section.term_id}" href="{self.url(section.path)}">{escape(section.label)}</a></span>
<h1 class="post-title entry-title">{escape(article.title)}</h1>
<div id="single-post-meta" class="post-meta clearfix"><span class="author-meta single-author no-avatars"><span class="meta-item meta-author-wrapper meta-author-{article.author.term_id}"><span class="meta-author"><a href="{self.url(article.author.path)}" class="author-name tie-icon" title="{escape(article.author.label)}">{escape(article.author.label)}</a></span></span></span><span class="date meta-item tie-icon">{arabic_date(article.published)}</span><div class="tie-alignright"><span class="meta-views meta-item"><span class="tie-icon-fire" aria-hidden="true"></span> {1000 + article.postid % 9000}</span><span class="meta-reading-time meta-item"><span class="tie-icon-bookmark" aria-hidden="true"></span> 3 دقائق</span></div></div>
</div>
</header>
<div class="featured-area"><div class="featured-area-inner"><figure class="single-featured-image"><img width="780" height="439" src="{image}" class="attachment-jannah-image-post size-jannah-image-post wp-post-image" alt="" srcset="{image} 1200w, {image[:-4]}-300x169.jpg 300w, {image[:-4]}-768x432.jpg 768w" sizes="(max-width: 780px) 100vw, 780px"></figure></div></div>
<div id="share-buttons-top" class="share-buttons share-buttons-top"><div class="share-links">{share}</div></div>
<div class="entry-content entry clearfix">
{chr(10).join(body)}
</div>
<div class="post-bottom-meta post-bottom-tags post-tags-modern"><div class="post-bottom-meta-title"><span class="tie-icon-tags" aria-hidden="true"></span> الوسوم</div><span class="tagcloud">{tags}</span></div>
</article></div>
<div class="post-components">
<div class="about-author container-wrapper about-author-{article.author.term_id}"><div class="author-info"><h3 class="author-name"><a href="{self.url(article.author.path)}">{escape(article.author.label)}</a></h3>
<div class="author-bio">صحفي في {SITE_NAME}، يكتب في شؤون {escape(top.label)}.</div></div><div class="clearfix"></div></div>
<div class="prev-next-post-nav container-wrapper media-overlay">{neighbours}</div>
{related_block}
</div>"""
        body_class = (f"post-template-default single single-post postid-{article.postid} single-format-standard "
                      f"tie-cat-{section.term_id}")
        return self.document(seo_title, head, body_class, main)

    def _teaser(self, article: Article) -> str:
        href = self.url(article.path)
        return (f'<li class="post-item tie-standard"><a aria-label="{escape(article.title)}" href="{href}" class="post-thumb">'
                f'<span class="post-cat-wrap"><span class="post-cat tie-cat-{article.section.term_id}">{escape(article.section.label)}</span></span>'
                f'<img width="390" height="220" src="{self.base}{article.image}" class="attachment-jannah-image-large size-jannah-image-large wp-post-image" alt="" loading="lazy"></a>'
                f'<div class="post-details"><div class="post-meta clearfix"><span class="author-meta single-author no-avatars">'
                f'<span class="meta-item meta-author-wrapper"><span class="meta-author"><a href="{self.url(article.author.path)}" class="author-name tie-icon">{escape(article.author.label)}</a></span></span></span>'
                f'<span class="date meta-item tie-icon">{arabic_date(article.published)}</span></div>'
                f'<h2 class="post-title"><a href="{href}">{escape(article.title)}</a></h2>'
                f'<p class="post-excerpt">{escape(article.excerpt)}</p>'
                f'<a class="more-link button" href="{href}">أكمل القراءة &raquo;</a></div></li>')

    def listing_page(self, term: Term | None, base_path: str, items: list[Article], page: int, pages: int) -> str:
        path = self.page_path(base_path, page)
        url = self.url(path)
        if term is None:
            heading, body_class, seo_title = "آخر الأخبار", "home blog", f"{SITE_NAME} - {TAGLINE}"
        else:
            heading = {"category": term.label, "tag": f"الوسم: {term.label}", "author": f"مقالات الكاتب: {term.label}"}[term.kind]
            body_class = f"archive {term.kind} {term.kind}-{term.term_id}"
            seo_title = f"{term.label} - {SITE_NAME}"
        if page > 1:
            body_class += f" paged paged-{page}"
            seo_title = f"{seo_title.rsplit(' - ', 1)[0]} - الصفحة {page} من {pages} - {SITE_NAME}"
        head = ['<meta name="robots" content="index, follow">', f'<link rel="canonical" href="{url}">']
        if page > 1:
            head.append(f'<link rel="prev" href="{self.url(self.page_path(base_path, page - 1))}">')
        if page < pages:
            head.append(f'<link rel="next" href="{self.url(self.page_path(base_path, page + 1))}">')
        head += ['<meta property="og:locale" content="ar_AR">', '<meta property="og:type" content="website">',
                 f'<meta property="og:title" content="{escape(seo_title)}">', f'<meta property="og:url" content="{url}">',
                 f'<meta property="og:site_name" content="{SITE_NAME}">',
                 self.jsonld([self.organization_node(), self.website_node(),
                              {"@type": "CollectionPage", "@id": url + "#webpage", "url": url, "name": seo_title,
                               "isPartOf": {"@id": self.url("/#website")}, "inLanguage": "ar"}])]
        teasers = "".join(self._teaser(a) for a in items)
        nav = ""
        if pages > 1:
            shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
            cells = [f'<li class="the-prev-page"><a href="{self.url(self.page_path(base_path, page - 1))}">&laquo;</a></li>'] if page > 1 else []
            for n in shown:
                cells.append(f'<li class="current"><span class="pages-nav-item">{n}</span></li>' if n == page else
                             f'<li><a href="{self.url(self.page_path(base_path, n))}" class="pages-nav-item">{n}</a></li>')
            if page < pages:
                cells.append(f'<li class="the-next-page"><a href="{self.url(self.page_path(base_path, page + 1))}">&raquo;</a></li>')
            nav = f'<div class="pages-nav"><ul class="pages-numbers">{"".join(cells)}</ul></div>'
        blocks = ""
        if term is None:  # the magazine home: a block of headlines per section
            for top in self.top_sections:
                latest = [a for a in self.newest[:400] if a.section.parent is top][:4]
                heads = "".join(f'<li class="widget-single-post-item"><a class="post-title" href="{self.url(a.path)}">{escape(a.title)}</a></li>'
                                for a in latest)
                blocks += (f'<div class="mag-box list-post-box"><div class="mag-box-title the-global-title"><h3><a href="{self.url(top.path)}">'
                           f'{escape(top.label)}</a></h3></div><ul class="posts-items">{heads}</ul></div>')
        main = (f'<header class="entry-header-outer container-wrapper"><h1 class="page-title">{escape(heading)}</h1></header>'
                f'<div class="mag-box wide-post-box"><div class="container-wrapper"><div class="mag-box-container clearfix">'
                f'<ul id="posts-container" class="posts-items">{teasers}</ul></div></div></div>{nav}{blocks}')
        return self.document(seo_title, "\n".join(head), body_class, main)

    def static_page(self, slug: str, label: str) -> str:
        url = self.url(f"/{slug}/")
        rng = random.Random(f"{self.seed}-{slug}")
        text = "".join(f"<p>{escape(' '.join(self.words.sentence(rng, rng.randint(10, 20)) for _ in range(3)))}</p>"
                       for _ in range(rng.randint(3, 6)))
        head = "\n".join(['<meta name="robots" content="index, follow">', f'<link rel="canonical" href="{url}">',
                          '<meta property="og:type" content="article">', f'<meta property="og:title" content="{label} - {SITE_NAME}">',
                          self.jsonld([self.website_node(), {"@type": "WebPage", "@id": url + "#webpage", "url": url,
                                                             "name": f"{label} - {SITE_NAME}", "inLanguage": "ar"}])])
        main = (f'<article id="the-post" class="container-wrapper post-content"><header class="entry-header-outer">'
                f'<div class="entry-header"><h1 class="post-title entry-title">{label}</h1></div></header>'
                f'<div class="entry-content entry clearfix">{text}</div></article>')
        return self.document(f"{label} - {SITE_NAME}", head, "page-template-default page", main)

    # -- robots, sitemaps, feed ---------------------------------------------------

    def robots_txt(self) -> str:
        return ("User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
                f"Sitemap: {self.url('/sitemap_index.xml')}\nSitemap: {self.url('/news-sitemap.xml')}\n")

    @staticmethod
    def urlset(entries) -> str:
        urls = "".join(f"<url>\n<loc>{escape(loc)}</loc>\n<lastmod>{mod}</lastmod>\n</url>\n" for loc, mod in entries)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                f"{urls}</urlset>\n")

    def sitemaps(self) -> dict[str, str]:
        """Path -> XML of every sitemap, the index included."""
        utc = lambda moment: moment.astimezone(timezone.utc).isoformat()  # noqa: E731
        months: dict[str, list[Article]] = {}
        for article in self.newest:
            months.setdefault(f"{article.published:%Y-%m}", []).append(article)
        files = {f"/post-sitemap-{month}.xml": self.urlset((self.url(a.path), utc(a.modified)) for a in items)
                 for month, items in months.items()}
        newest = utc(self.newest[0].modified)
        files["/page-sitemap.xml"] = self.urlset([(self.url("/"), newest)] + [(self.url(f"/{s}/"), "2023-01-10T09:00:00+00:00") for s, _ in STATIC_PAGES])
        files["/category-sitemap.xml"] = self.urlset((self.url(t.path), newest) for t in [*self.top_sections, *self.sections])
        # Like Yoast, a sitemap lists only the terms with a post (the others have no archive page).
        tagged = {t.term_id for a in self.articles for t in a.tags}
        written = {a.author.term_id for a in self.articles}
        files["/post_tag-sitemap.xml"] = self.urlset((self.url(t.path), newest) for t in self.tags if t.term_id in tagged)
        files["/author-sitemap.xml"] = self.urlset((self.url(t.path), newest) for t in self.authors if t.term_id in written)
        index = "".join(f"<sitemap>\n<loc>{self.url(path)}</loc>\n<lastmod>{newest}</lastmod>\n</sitemap>\n" for path in files)
        files["/sitemap_index.xml"] = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                                       '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                                       f"{index}</sitemapindex>\n")
        news = "".join(
            f"<url><loc>{self.url(a.path)}</loc><news:news><news:publication><news:name>{SITE_NAME}</news:name>"
            f"<news:language>ar</news:language></news:publication><news:publication_date>{a.published.isoformat()}"
            f"</news:publication_date><news:title>{escape(a.title)}</news:title></news:news></url>\n"
            for a in self.newest[:NEWS_SITEMAP_SIZE])
        files["/news-sitemap.xml"] = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                                      'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' f"{news}</urlset>\n")
        return files

    def feed(self) -> str:
        items = "".join(
            f"<item>\n<title>{escape(a.title)}</title>\n<link>{self.url(a.path)}</link>\n"
            f"<dc:creator><![CDATA[{a.author.label}]]></dc:creator>\n<pubDate>{rfc822(a.published)}</pubDate>\n"
            f"<category><![CDATA[{a.section.parent.label}]]></category>\n<category><![CDATA[{a.section.label}]]></category>\n"
            + "".join(f"<category><![CDATA[{t.label}]]></category>\n" for t in a.tags)
            + f'<guid isPermaLink="false">{self.base}/?p={a.postid}</guid>\n<description><![CDATA[{a.excerpt}]]></description>\n</item>\n'
            for a in self.newest[:FEED_SIZE])
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" '
                'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">\n<channel>\n'
                f"<title>{SITE_NAME}</title>\n<atom:link href=\"{self.url('/feed/')}\" rel=\"self\" type=\"application/rss+xml\" />\n"
                f"<link>{self.url('/')}</link>\n<description>{TAGLINE}</description>\n"
                f"<lastBuildDate>{rfc822(self.newest[0].modified)}</lastBuildDate>\n<language>ar</language>\n"
                "<sy:updatePeriod>hourly</sy:updatePeriod>\n<sy:updateFrequency>1</sy:updateFrequency>\n"
                f"<generator>https://wordpress.org/?v=6.2.2</generator>\n{items}</channel>\n</rss>\n")

    # -- writing -------------------------------------------------------------------

    def write(self, docroot: Path) -> SiteSummary:
        """Every page as a file under ``docroot`` (a folder's page is its index.html)."""
        self.prepare_chrome()
        summary = SiteSummary(self.base, docroot, [self.url(a.path) for a in self.articles], Counter())

        def put(path: str, text: str, kind: str, name: str = "index.html") -> int:
            target = docroot / path.lstrip("/")
            if path.endswith("/"):
                target = target / name
            target.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            target.write_bytes(data)
            summary.files[kind] += 1
            summary.bytes_total += len(data)
            return len(data)

        put("/robots.txt", self.robots_txt(), "robots")
        for path, xml in self.sitemaps().items():
            put(path, xml, "sitemap")
        put("/feed/", self.feed(), "feed", name="index.rss")
        for slug, label in STATIC_PAGES:
            put(f"/{slug}/", self.static_page(slug, label), "static")
        for term, base_path, items in self.listings():
            pages = 1 if term is None else max(1, math.ceil(len(items) / PER_PAGE))
            for page in range(1, pages + 1):
                chunk = items[(page - 1) * PER_PAGE: page * PER_PAGE]
                put(self.page_path(base_path, page), self.listing_page(term, base_path, chunk, page, pages),
                    "home" if term is None else term.kind)
        for article in self.articles:
            html = self.article_page(article)
            summary.article_bytes += put(article.path, html, "article")
            summary.article_links += html.count("<a ")
        return summary


def generate(docroot: Path, base_url: str, articles: int = 2000, seed: int = 12) -> SiteSummary:
    """Write the site of ``articles`` articles for ``base_url`` into ``docroot``."""
    return Site(articles, seed, base_url).write(docroot)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    args = parser.parse_args(argv)
    summary = generate(args.dir, args.base_url, args.articles, args.seed)
    print(f"sitegen: {summary.articles} articles, {sum(summary.files.values())} files, "
          f"{summary.bytes_total / 1e6:.1f} MB, {summary.article_bytes / summary.articles / 1024:.1f} KB and "
          f"{summary.article_links / summary.articles:.0f} links per article page; {dict(summary.files)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
