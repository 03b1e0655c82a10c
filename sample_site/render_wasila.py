"""The "wasila" site: a WordPress news site with a Jannah-like theme.

It reproduces what makes real WordPress news sites hard to archive: theme
chrome full of links and dates (today's date in the top bar, a sidebar of
popular posts, share rows, newsletter box, back-to-top link), pages that look
like articles but are not (static pages marked og:type=article, a private
draft behind robots.txt), and many URLs per article (AMP, print, tracking
parameters, shortlinks, missing trailing slash).  Pages are rendered per
request against the server's own base URL, because ports are dynamic.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Callable, Collection
from urllib.parse import parse_qs, quote, urlsplit

from .common import (
    XML_UTF8,
    Response,
    arabic_date,
    esc,
    html_response,
    redirect,
    today_arabic,
)
from .content import (
    WASILA_AUTHORS,
    WASILA_DRAFT,
    WASILA_HOME_TRACKING,
    WASILA_NAME,
    WASILA_NO_SLASH_LINK,
    WASILA_PAGES,
    WASILA_POPULAR,
    WASILA_POSTS,
    WASILA_SECTIONS,
    WASILA_SHORTLINK_TAG,
    WASILA_TAGS,
    Post,
    ReadAlso,
)

HOME_PER_PAGE = 10
SECTION_PER_PAGE = 4
ARCHIVE_PER_PAGE = 10  # tag and author archives
FEED_SIZE = 10
NEWS_SITEMAP_SIZE = 5
TAGLINE = "موقع إخباري سوري مستقل"


# ---------------------------------------------------------------------------
# Site structure (also used by expected.py, so both always agree)
# ---------------------------------------------------------------------------


def newest_first(posts=WASILA_POSTS) -> list[Post]:
    return sorted(posts, key=lambda p: p.published_dt, reverse=True)


def article_paths() -> list[str]:
    """Every article path, newest first: the order staged publishing hides them in."""
    return [p.path for p in newest_first()]


def visible_posts(hidden: Collection[str] = ()) -> tuple[Post, ...]:
    """The posts whose path is not in ``hidden`` (staged publishing), in content order."""
    return tuple(p for p in WASILA_POSTS if p.path not in hidden)


@dataclass(frozen=True)
class Listing:
    """One page of a post list: home, a section, a tag or an author archive."""

    kind: str  # "home" | "category" | "tag" | "author"
    slug: str
    label: str
    term_id: int
    base_path: str
    posts: tuple[Post, ...]
    page: int
    pages: int

    def page_path(self, n: int) -> str:
        return self.base_path if n == 1 else f"{self.base_path}page/{n}/"

    @property
    def path(self) -> str:
        return self.page_path(self.page)


def _paginate(kind, slug, label, term_id, base_path, posts, per_page) -> list[Listing]:
    pages = max(1, math.ceil(len(posts) / per_page))
    return [
        Listing(kind, slug, label, term_id, base_path,
                tuple(posts[(n - 1) * per_page: n * per_page]), n, pages)
        for n in range(1, pages + 1)
    ]


def listings(posts=None) -> list[Listing]:
    """Every listing page the site serves and links to.

    ``posts`` are the published posts (default: all); page counts follow them,
    and tag or author archives left without a post disappear (404)."""
    posts = newest_first(WASILA_POSTS if posts is None else posts)
    out = _paginate("home", "", WASILA_NAME, 0, "/", posts, HOME_PER_PAGE)
    for slug, (label, term_id) in WASILA_SECTIONS.items():
        out += _paginate("category", slug, label, term_id, f"/category/{slug}/",
                         [p for p in posts if p.section == slug], SECTION_PER_PAGE)
    for i, (slug, label) in enumerate(WASILA_TAGS.items()):
        tagged = [p for p in posts if slug in p.tags]
        if tagged:
            out += _paginate("tag", slug, label, 40 + i, f"/tag/{slug}/", tagged, ARCHIVE_PER_PAGE)
    for slug, author in WASILA_AUTHORS.items():
        written = [p for p in posts if p.author == slug]
        if written:
            out += _paginate("author", slug, author.name, author.user_id, f"/author/{slug}/",
                             written, ARCHIVE_PER_PAGE)
    return out


def shortlink(post: Post) -> str:
    return f"/?p={post.postid}"


def amp_path(post: Post) -> str:
    return post.path + "amp/"


def print_path(post: Post) -> str:
    return post.path + "?print=1"


def home_href_path(post: Post) -> str:
    """The path+query the home page uses to link a post (some carry tracking)."""
    extra = WASILA_HOME_TRACKING.get(post.slug)
    return f"{post.path}?{extra}" if extra else post.path


def excerpt(post: Post, words: int = 22) -> str:
    """WordPress-style automatic excerpt: the start of the raw text, as the site has it."""
    first = next(p for p in post.raw if isinstance(p, str))
    cut = first.split()
    return " ".join(cut[:words]) + (" …" if len(cut) > words else "")


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------

STYLE = """
body{font-family:Tahoma,Arial,sans-serif;margin:0;background:#f5f5f5;color:#2c2f34}
.container{max-width:1200px;margin:0 auto}.top-nav{background:#1f2024;color:#fff;font-size:12px}
.main-content{float:right;width:66%}.sidebar{float:left;width:32%}#footer{clear:both}
"""


class WasilaSite:
    """Routes request targets to rendered pages of one running wasila server."""

    name = "wasila"
    server_header = "nginx/1.14.0"

    def __init__(self, base_url: str, hidden: Collection[str] = ()):
        """``hidden``: article paths not published yet (staged publishing).  They
        answer 404 and no page links them.  A site object never changes: the
        server swaps in a new one when it publishes more posts."""
        self.base = base_url
        self.hidden = frozenset(hidden)
        self.posts = visible_posts(self.hidden)
        self.newest = newest_first(self.posts)
        self.by_slug = {p.slug: p for p in self.posts}
        self.routes: dict[str, Callable[[dict], Response]] = {}
        self._build_routes()

    def url(self, path: str) -> str:
        return self.base + path

    # -- routing ------------------------------------------------------------

    def _build_routes(self) -> None:
        r = self.routes
        r["/robots.txt"] = lambda q: Response(200, "text/plain; charset=utf-8",
                                              self.robots_txt().encode())
        r["/sitemap_index.xml"] = lambda q: self._xml(self.sitemap_index())
        r["/post-sitemap.xml"] = lambda q: self._xml(self.post_sitemap())
        r["/page-sitemap.xml"] = lambda q: self._xml(self.page_sitemap())
        r["/category-sitemap.xml"] = lambda q: self._xml(self.category_sitemap())
        r["/news-sitemap.xml"] = lambda q: self._xml(self.news_sitemap())
        r["/feed/"] = lambda q: Response(200, "application/rss+xml; charset=UTF-8",
                                         self.feed().encode())
        for listing in listings(self.posts):
            r[listing.path] = lambda q, l=listing: html_response(self.listing_page(l))
        for page in WASILA_PAGES:
            r[page.path] = lambda q, p=page: html_response(self.static_page(p))
        for post in self.posts:
            r[post.path] = lambda q, p=post: html_response(
                self.print_page(p) if p.printable and q.get("print") == ["1"]
                else self.article_page(p))
            if post.amp:
                r[amp_path(post)] = lambda q, p=post: html_response(self.amp_page(p))
        r[WASILA_DRAFT.path] = lambda q: html_response(self.article_page(WASILA_DRAFT))

    def handle(self, target: str) -> Response:
        parts = urlsplit(target)
        path = parts.path or "/"
        query = parse_qs(parts.query, keep_blank_values=True)
        if path == "/" and "p" in query:  # WordPress shortlink /?p=123
            post = next((p for p in self.posts if str(p.postid) == query["p"][0]), None)
            return redirect(self.url(post.path)) if post else self.not_found()
        route = self.routes.get(path)
        if route:
            return route(query)
        if not path.endswith("/") and path + "/" in self.routes:
            # WordPress redirect_canonical adds the missing trailing slash.
            suffix = f"?{parts.query}" if parts.query else ""
            return redirect(self.url(path + "/") + suffix)
        return self.not_found()

    def not_found(self) -> Response:
        main = ('<div class="container-wrapper"><h1 class="page-title">خطأ 404 - الصفحة غير موجودة</h1>'
                '<p>عذراً، الصفحة التي تبحث عنها غير موجودة. يمكنك العودة إلى '
                f'<a href="{self.url("/")}">الصفحة الرئيسية</a>.</p></div>')
        page = self._document(
            f"الصفحة غير موجودة - {WASILA_NAME}", '<meta name="robots" content="noindex, follow">',
            "error404", main)
        return html_response(page, 404)

    @staticmethod
    def _xml(text: str) -> Response:
        return Response(200, XML_UTF8, text.encode("utf-8"))

    # -- shared chrome ------------------------------------------------------

    def _document(self, title: str, head: str, body_class: str, main: str,
                  ticker: str = "") -> str:
        """Wrap a page's main column in the theme: header, sidebar, footer."""
        nav = "".join(
            f'<li class="menu-item menu-item-type-taxonomy"><a href="{self.url(f"/category/{slug}/")}">{esc(label)}</a></li>'
            for slug, (label, _) in WASILA_SECTIONS.items())
        return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
{head}
<link rel="alternate" type="application/rss+xml" title="{WASILA_NAME} &laquo; الخلاصة" href="{self.url('/feed/')}">
<meta name="generator" content="WordPress 5.3.2">
<style>{STYLE}</style>
</head>
<body id="tie-body" class="{body_class} wrapper-has-shadow block-head-1 is-desktop is-header-layout-3 sidebar-left has-sidebar">
<div class="background-overlay">
<div id="tie-container" class="site tie-container">
<div id="tie-wrapper">
<header id="theme-header" class="theme-header header-layout-3 main-nav-dark has-normal-width-logo">
<nav id="top-nav" class="has-date-components top-nav header-nav" aria-label="الشريط العلوي">
<div class="container"><div class="topbar-wrapper">
<div class="topbar-today-date tie-icon">{today_arabic()}</div>
<ul class="components">
<li class="social-icons-item"><a class="social-link facebook-social-icon" rel="external noopener nofollow" target="_blank" href="https://www.facebook.com/alwasila.news"><span class="screen-reader-text">فيسبوك</span></a></li>
<li class="social-icons-item"><a class="social-link twitter-social-icon" rel="external noopener nofollow" target="_blank" href="https://twitter.com/alwasila_news"><span class="screen-reader-text">تويتر</span></a></li>
<li class="social-icons-item"><a class="social-link telegram-social-icon" rel="external noopener nofollow" target="_blank" href="https://t.me/alwasila_news"><span class="screen-reader-text">تيليجرام</span></a></li>
</ul>
</div></div>
</nav>
<div class="container header-container"><div class="tie-row logo-row">
<div class="logo-wrapper"><div id="logo" class="text-logo"><a title="{WASILA_NAME}" href="{self.url('/')}"><div class="logo-text">{WASILA_NAME}</div></a>
<span class="site-description">{TAGLINE}</span></div></div>
</div></div>
<div class="main-nav-wrapper"><nav id="main-nav" class="main-nav header-nav" aria-label="القائمة الرئيسية">
<div class="container"><div class="main-menu-wrapper"><div id="main-nav-menu" class="main-menu header-menu"><ul id="menu-main" class="menu">
<li class="menu-item menu-item-home"><a href="{self.url('/')}">الرئيسية</a></li>{nav}
</ul></div></div></div>
</nav></div>
</header>
{ticker}
<div id="content" class="site-content container"><div id="main-content-row" class="tie-row main-content-row">
<div class="main-content tie-col-md-8 tie-col-xs-12" role="main">
{main}
</div>
{self._sidebar()}
</div></div>
<footer id="footer" class="site-footer dark-skin dark-widgetized-area">
<div id="site-info" class="site-info"><div class="container"><div class="tie-row"><div class="tie-col-md-12">
<div class="copyright-text copyright-text-first">جميع الحقوق محفوظة © 2019 {WASILA_NAME}</div>
<div class="footer-menu"><ul id="menu-footer" class="menu">
{''.join(f'<li class="menu-item"><a href="{self.url(p.path)}">{esc(p.title)}</a></li>' for p in WASILA_PAGES)}
</ul></div>
</div></div></div></div>
</footer>
<a id="go-to-top" class="go-to-top-button" href="#go-to-top"><span class="tie-icon-angle-up"></span><span class="screen-reader-text">زر الذهاب إلى الأعلى</span></a>
</div>
</div>
</div>
<script>var tie = {{"is_rtl":"1","ajaxurl":"{self.url('/wp-admin/admin-ajax.php')}","type_to_search":"اكتب كلمة البحث ثم اضغط على زر Enter"}};</script>
</body>
</html>
"""

    def _sidebar(self) -> str:
        items = "".join(
            f'<li class="widget-single-post-item widget-post-list tie-standard"><div class="post-widget-body">'
            f'<a class="post-title the-subtitle" href="{self.url(p.path)}">{esc(p.title)}</a>'
            f'<div class="post-meta"><span class="date meta-item tie-icon">{arabic_date(p.published_dt.date(), False)}</span></div>'
            f'</div></li>'
            for p in (self.by_slug[s] for s in WASILA_POPULAR if s in self.by_slug))
        return f"""<aside class="sidebar tie-col-md-4 tie-col-xs-12 normal-side is-sticky" aria-label="القائمة الجانبية الرئيسية">
<div class="theiaStickySidebar">
<div id="posts-list-widget-2" class="container-wrapper widget posts-list">
<div class="widget-title the-global-title"><div class="the-subtitle">الأكثر قراءة</div></div>
<div class="widget-posts-list-wrapper"><div class="widget-posts-list-container"><ul class="posts-list-items widget-posts-wrapper">{items}</ul></div></div>
<div class="clearfix"></div></div>
<div id="tie-newsletter-2" class="container-wrapper widget subscribe-widget">
<div class="widget-title the-global-title"><div class="the-subtitle">النشرة البريدية</div></div>
<div class="widget-inner-wrap"><div class="subscribe-widget-content"><h3>اشترك في النشرة البريدية ليصلك كل جديد</h3></div>
<div id="mc_embed_signup-tie-newsletter-2"><form action="https://alwasila.us4.list-manage.com/subscribe/post?u=5c2b1&amp;id=9f0e3" method="post" class="subscribe-form validate" target="_blank" novalidate>
<label class="screen-reader-text" for="mce-EMAIL-tie-newsletter-2">البريد الإلكتروني</label>
<input type="email" value="" id="mce-EMAIL-tie-newsletter-2" placeholder="البريد الإلكتروني" name="EMAIL" class="subscribe-input required email">
<input type="submit" value="اشترك" name="subscribe" class="button subscribe-submit">
</form></div></div>
<div class="clearfix"></div></div>
</div>
</aside>"""

    def _jsonld(self, graph: list[dict]) -> str:
        data = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
        data = data.replace("</", "<\\/")  # never close the script element early
        return f'<script type="application/ld+json" class="yoast-schema-graph">{data}</script>'

    def _website_node(self) -> dict:
        return {
            "@type": "WebSite", "@id": self.url("/#website"), "url": self.url("/"),
            "name": WASILA_NAME, "description": TAGLINE, "inLanguage": "ar",
            "potentialAction": [{"@type": "SearchAction",
                                 "target": self.url("/?s={search_term_string}"),
                                 "query-input": "required name=search_term_string"}],
        }

    def _breadcrumb_node(self, url: str, crumbs: list[tuple[str, str]]) -> dict:
        items = [{"@type": "ListItem", "position": i + 1,
                  "item": {"@type": "WebPage", "@id": u, "url": u, "name": n}}
                 for i, (n, u) in enumerate(crumbs)]
        return {"@type": "BreadcrumbList", "@id": url + "#breadcrumb", "itemListElement": items}

    def _body(self, post: Post) -> str:
        """The post's paragraphs; a "read also" to an unpublished post is left out."""
        return "\n".join(self._paragraph(p) for p in post.raw
                         if not (isinstance(p, ReadAlso) and p.target not in self.by_slug))

    def _paragraph(self, para: str | ReadAlso) -> str:
        if isinstance(para, ReadAlso):
            target = self.by_slug[para.target]
            return (f'<p><strong>{esc(para.prefix)}</strong> '
                    f'<a href="{self.url(target.path)}">{esc(target.title)}</a></p>')
        return f"<p>{esc(para)}</p>"

    def _share_row(self, post: Post, where: str) -> str:
        url = self.url(post.path)
        u, t = quote(url, safe=""), quote(post.title, safe="")
        links = [
            ("facebook", "فيسبوك", f"https://www.facebook.com/sharer.php?u={u}"),
            ("twitter", "تويتر", f"https://twitter.com/intent/tweet?text={t}&url={u}"),
            ("whatsapp", "واتساب", f"https://api.whatsapp.com/send?text={t}%20{u}"),
            ("telegram", "تيليجرام", f"https://telegram.me/share/url?url={u}&text={t}"),
        ]
        html = "".join(
            f'<a href="{esc(href)}" rel="external noopener nofollow" title="{label}" target="_blank" '
            f'class="{cls}-share-btn large-share-button"><span class="share-btn-icon tie-icon-{cls}"></span> '
            f'<span class="social-text">{label}</span></a>'
            for cls, label, href in links)
        if post.printable:
            html += (f'<a href="{self.url(print_path(post))}" rel="nofollow" title="طباعة" class="print-share-btn">'
                     f'<span class="share-btn-icon tie-icon-print"></span> <span class="social-text">طباعة</span></a>')
        return (f'<div id="share-buttons-{where}" class="share-buttons share-buttons-{where}">'
                f'<div class="share-links"><div class="share-title"><span class="tie-icon-share"></span>'
                f'<span> شارك</span></div>{html}</div></div>')

    # -- article-like pages ------------------------------------------------

    def article_page(self, post: Post) -> str:
        url = self.url(post.path)
        section, _ = WASILA_SECTIONS[post.section]
        section_url = self.url(f"/category/{post.section}/")
        author = WASILA_AUTHORS[post.author]
        author_url = self.url(f"/author/{author.slug}/")
        tags = [(WASILA_TAGS[t], self.url(f"/tag/{t}/")) for t in post.tags]
        seo_title = f"{post.title} - {WASILA_NAME}"

        graph = [
            self._website_node(),
            {"@type": "WebPage", "@id": url + "#webpage", "url": url, "name": seo_title,
             "isPartOf": {"@id": self.url("/#website")}, "inLanguage": "ar",
             "datePublished": post.published, "dateModified": post.modified,
             "breadcrumb": {"@id": url + "#breadcrumb"},
             "potentialAction": [{"@type": "ReadAction", "target": [url]}]},
            self._breadcrumb_node(url, [("الرئيسية", self.url("/")), (section, section_url),
                                        (post.title, url)]),
            {"@type": "NewsArticle", "@id": url + "#article",
             "isPartOf": {"@id": url + "#webpage"},
             "author": {"@type": "Person", "name": author.name, "url": author_url},
             "headline": post.title, "datePublished": post.published,
             "dateModified": post.modified, "mainEntityOfPage": {"@id": url + "#webpage"},
             "keywords": [name for name, _ in tags], "articleSection": section,
             "inLanguage": "ar"},
        ]
        head = "\n".join([
            '<meta name="robots" content="index, follow, max-snippet:-1, max-image-preview:large, max-video-preview:-1">',
            f'<link rel="canonical" href="{url}">',
            '<meta property="og:locale" content="ar_AR">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{esc(seo_title)}">',
            f'<meta property="og:description" content="{esc(excerpt(post))}">',
            f'<meta property="og:url" content="{url}">',
            f'<meta property="og:site_name" content="{WASILA_NAME}">',
            '<meta property="article:publisher" content="https://www.facebook.com/alwasila.news">',
            *(f'<meta property="article:tag" content="{esc(name)}">' for name, _ in tags),
            f'<meta property="article:section" content="{esc(section)}">',
            f'<meta property="article:published_time" content="{post.published}">',
            f'<meta property="article:modified_time" content="{post.modified}">',
            f'<meta property="og:updated_time" content="{post.modified}">',
            f'<meta name="author" content="{esc(author.name)}">',
            '<meta name="twitter:card" content="summary_large_image">',
            f'<meta name="twitter:title" content="{esc(seo_title)}">',
            self._jsonld(graph),
            f'<link rel="shortlink" href="{self.url(shortlink(post))}">',
            *([f'<link rel="amphtml" href="{self.url(amp_path(post))}">'] if post.amp else []),
        ])
        body = self._body(post)
        tag_links = "".join(f'<a href="{u}" rel="tag">{esc(n)}</a>' for n, u in tags)
        related = "".join(
            f'<div class="related-item tie-standard"><h3 class="post-title"><a href="{self.url(r.path)}">{esc(r.title)}</a></h3>'
            f'<div class="post-meta clearfix"><span class="date meta-item tie-icon">{arabic_date(r.published_dt.date(), False)}</span></div></div>'
            for r in (self.by_slug[s] for s in post.related if s in self.by_slug))
        related_block = (
            '<div id="related-posts" class="container-wrapper related-posts has-extra-post">'
            '<div class="mag-box-title the-global-title"><h3>مقالات ذات صلة</h3></div>'
            f'<div class="related-posts-list">{related}</div></div>') if related else ""
        main = f"""<article id="the-post" class="container-wrapper post-content tie-standard">
<header class="entry-header-outer">
<nav id="breadcrumb"><a href="{self.url('/')}"><span class="tie-icon-home" aria-hidden="true"></span> الرئيسية</a><em class="delimiter">/</em><a href="{section_url}">{esc(section)}</a><em class="delimiter">/</em><span class="current">{esc(post.title)}</span></nav>
<div class="entry-header">
<span class="post-cat-wrap"><a class="post-cat tie-cat-{WASILA_SECTIONS[post.section][1]}" href="{section_url}">{esc(section)}</a></span>
<h1 class="post-title entry-title">{esc(post.title)}</h1>
<div id="single-post-meta" class="post-meta clearfix"><span class="author-meta single-author no-avatars"><span class="meta-item meta-author-wrapper meta-author-{author.user_id}"><span class="meta-author"><a href="{author_url}" class="author-name tie-icon" title="{esc(author.name)}">{esc(author.name)}</a></span></span></span><span class="date meta-item tie-icon">{arabic_date(post.published_dt.date(), False)}</span><div class="tie-alignright"><span class="meta-views meta-item"><span class="tie-icon-fire" aria-hidden="true"></span> {1000 + post.postid % 900}</span><span class="meta-reading-time meta-item"><span class="tie-icon-bookmark" aria-hidden="true"></span> دقيقتين</span></div></div>
</div>
</header>
{self._share_row(post, "top")}
<div class="entry-content entry clearfix">
{body}
</div>
<div class="post-bottom-meta post-bottom-tags post-tags-modern"><div class="post-bottom-meta-title"><span class="tie-icon-tags" aria-hidden="true"></span> الوسوم</div><span class="tagcloud">{tag_links}</span></div>
{self._share_row(post, "bottom")}
</article>
<div class="post-components">
<div class="about-author container-wrapper about-author-{author.user_id}">
<div class="author-info"><h3 class="author-name"><a href="{author_url}">{esc(author.name)}</a></h3>
<div class="author-bio">{esc(author.bio)}</div></div>
<div class="clearfix"></div></div>
{related_block}
</div>"""
        body_class = (f"post-template-default single single-post postid-{post.postid} "
                      "single-format-standard")
        return self._document(seo_title, head, body_class, main)

    def amp_page(self, post: Post) -> str:
        """AMP-plugin style variant: same text, canonical back to the real URL."""
        url = self.url(post.path)
        author = WASILA_AUTHORS[post.author]
        section, _ = WASILA_SECTIONS[post.section]
        ld = json.dumps({"@context": "http://schema.org", "@type": "NewsArticle",
                         "mainEntityOfPage": url, "headline": post.title,
                         "datePublished": post.published, "dateModified": post.modified,
                         "author": {"@type": "Person", "name": author.name},
                         "publisher": {"@type": "Organization", "name": WASILA_NAME}},
                        ensure_ascii=False)
        body = self._body(post)
        tags = ", ".join(f'<a href="{self.url(f"/tag/{t}/")}" rel="tag">{esc(WASILA_TAGS[t])}</a>'
                         for t in post.tags)
        return f"""<!doctype html>
<html amp lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
<title>{esc(post.title)} - {WASILA_NAME}</title>
<link rel="canonical" href="{url}">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}}</style><noscript><style amp-boilerplate>body{{-webkit-animation:none;animation:none}}</style></noscript>
<style amp-custom>body{{font-family:Tahoma,sans-serif}}.amp-wp-article{{max-width:840px;margin:0 auto}}</style>
<script type="application/ld+json">{ld}</script>
</head>
<body class="amp-wp-template">
<header id="top" class="amp-wp-header"><div><a href="{self.url('/')}"><span class="amp-site-title">{WASILA_NAME}</span></a></div></header>
<article class="amp-wp-article">
<header class="amp-wp-article-header">
<h1 class="amp-wp-title">{esc(post.title)}</h1>
<div class="amp-wp-meta amp-wp-byline"><span class="amp-wp-author author vcard">{esc(author.name)}</span></div>
<div class="amp-wp-meta amp-wp-posted-on"><time datetime="{post.published}">{arabic_date(post.published_dt.date(), False)}</time></div>
</header>
<div class="amp-wp-article-content">
{body}
</div>
<footer class="amp-wp-article-footer">
<div class="amp-wp-meta amp-wp-tax-category">التصنيفات: <a href="{self.url(f'/category/{post.section}/')}" rel="category tag">{esc(section)}</a></div>
<div class="amp-wp-meta amp-wp-tax-tag">الوسوم: {tags}</div>
<div class="amp-wp-meta amp-wp-comments-link"><a href="{url}#respond">اترك تعليقاً</a></div>
</footer>
</article>
<footer class="amp-wp-footer"><div><h2>{WASILA_NAME}</h2><a href="#top" class="back-to-top">زر الذهاب إلى الأعلى</a></div></footer>
</body>
</html>
"""

    def print_page(self, post: Post) -> str:
        """Print-plugin variant: bare markup, noindex, canonical to the real URL."""
        url = self.url(post.path)
        author = WASILA_AUTHORS[post.author]
        body = self._body(post)
        return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="UTF-8">
<title>{esc(post.title)} - {WASILA_NAME}</title>
<meta name="robots" content="noindex, follow">
<link rel="canonical" href="{url}">
<style>body{{font-family:Tahoma,serif;max-width:760px;margin:20px auto}}</style>
</head>
<body class="print-page">
<div class="print-header">{WASILA_NAME} - {TAGLINE}</div>
<h1 class="print-title">{esc(post.title)}</h1>
<div class="print-meta">بقلم {esc(author.name)} - {arabic_date(post.published_dt.date())}</div>
<div class="print-content">
{body}
</div>
<div class="print-footer">رابط المقال: <a href="{url}">{url}</a><br>جميع الحقوق محفوظة © 2019 {WASILA_NAME}</div>
<script>window.print();</script>
</body>
</html>
"""

    def static_page(self, page) -> str:
        url = self.url(page.path)
        seo_title = f"{page.title} - {WASILA_NAME}"
        graph = [
            self._website_node(),
            {"@type": "WebPage", "@id": url + "#webpage", "url": url, "name": seo_title,
             "isPartOf": {"@id": self.url("/#website")}, "inLanguage": "ar",
             "datePublished": "2016-05-01T10:00:00+03:00", "dateModified": page.modified,
             "breadcrumb": {"@id": url + "#breadcrumb"}},
            self._breadcrumb_node(url, [("الرئيسية", self.url("/")), (page.title, url)]),
        ]
        head = "\n".join([
            '<meta name="robots" content="index, follow">',
            f'<link rel="canonical" href="{url}">',
            '<meta property="og:locale" content="ar_AR">',
            '<meta property="og:type" content="article">',  # Yoast does this for pages
            f'<meta property="og:title" content="{esc(seo_title)}">',
            f'<meta property="og:url" content="{url}">',
            f'<meta property="og:site_name" content="{WASILA_NAME}">',
            f'<meta property="article:modified_time" content="{page.modified}">',
            self._jsonld(graph),
        ])
        body = "\n".join(f"<p>{esc(p)}</p>" for p in page.paragraphs)
        main = f"""<article id="the-post" class="container-wrapper post-content">
<header class="entry-header-outer">
<nav id="breadcrumb"><a href="{self.url('/')}">الرئيسية</a><em class="delimiter">/</em><span class="current">{esc(page.title)}</span></nav>
<div class="entry-header"><h1 class="post-title entry-title">{esc(page.title)}</h1></div>
</header>
<div class="entry-content entry clearfix">
{body}
</div>
</article>"""
        return self._document(seo_title, head, f"page-template-default page page-id-{page.page_id}", main)

    # -- listings ------------------------------------------------------------

    def _teaser_href(self, listing: Listing, post: Post) -> str:
        if listing.kind == "home":
            return self.url(home_href_path(post))
        if listing.kind == "tag" and listing.slug == WASILA_SHORTLINK_TAG:
            return self.url(shortlink(post))
        return self.url(post.path)

    def _ticker(self) -> str:
        latest = self.newest[:3]
        items = [(self.url(p.path), p.title) for p in latest]
        no_slash = self.by_slug.get(WASILA_NO_SLASH_LINK)
        if no_slash:
            items.append((self.url(no_slash.path.rstrip("/")), no_slash.title))
        items.append((self.url(WASILA_DRAFT.path), "خاص: " + WASILA_DRAFT.title))
        lis = "".join(f'<li><a href="{esc(u)}" title="{esc(t)}">{esc(t)}</a></li>' for u, t in items)
        return (f'<div class="container"><div class="breaking controls-is-active">'
                f'<span class="breaking-title"><span class="tie-icon-bolt" aria-hidden="true"></span>'
                f'<span class="breaking-title-text">عاجل</span></span>'
                f'<ul id="breaking-news-in-header" class="breaking-news" data-type="reveal">{lis}</ul></div></div>')

    def listing_page(self, listing: Listing) -> str:
        url = self.url(listing.path)
        if listing.kind == "home":
            heading, body_class = "آخر الأخبار", "home blog"
            seo_title = f"{WASILA_NAME} - {TAGLINE}"
        elif listing.kind == "category":
            heading = listing.label
            body_class = f"archive category category-{listing.slug} category-{listing.term_id}"
            seo_title = f"{listing.label} - {WASILA_NAME}"
        elif listing.kind == "tag":
            heading = f"الوسم: {listing.label}"
            body_class = f"archive tag tag-{listing.slug} tag-{listing.term_id}"
            seo_title = f"{listing.label} - {WASILA_NAME}"
        else:
            heading = f"مقالات الكاتب: {listing.label}"
            body_class = f"archive author author-{listing.slug} author-{listing.term_id}"
            seo_title = f"{listing.label}، الكاتب في {WASILA_NAME}"
        if listing.page > 1:
            body_class += f" paged paged-{listing.page}"
            seo_title = seo_title.replace(f" - {WASILA_NAME}", "") + \
                f" - الصفحة {listing.page} من {listing.pages} - {WASILA_NAME}"

        head = [
            '<meta name="robots" content="index, follow">',
            f'<link rel="canonical" href="{url}">',
        ]
        if listing.page > 1:
            head.append(f'<link rel="prev" href="{self.url(listing.page_path(listing.page - 1))}">')
        if listing.page < listing.pages:
            head.append(f'<link rel="next" href="{self.url(listing.page_path(listing.page + 1))}">')
        head += [
            '<meta property="og:locale" content="ar_AR">',
            '<meta property="og:type" content="website">',
            f'<meta property="og:title" content="{esc(seo_title)}">',
            f'<meta property="og:url" content="{url}">',
            f'<meta property="og:site_name" content="{WASILA_NAME}">',
            self._jsonld([self._website_node(),
                          {"@type": "CollectionPage", "@id": url + "#webpage", "url": url,
                           "name": seo_title, "isPartOf": {"@id": self.url("/#website")},
                           "inLanguage": "ar"}]),
        ]

        teasers = []
        for post in listing.posts:
            href = esc(self._teaser_href(listing, post))
            teasers.append(
                f'<li class="post-item tie-standard"><div class="post-details">'
                f'<div class="post-meta clearfix"><span class="date meta-item tie-icon">{arabic_date(post.published_dt.date(), False)}</span></div>'
                f'<h2 class="post-title"><a href="{href}">{esc(post.title)}</a></h2>'
                f'<p class="post-excerpt">{esc(excerpt(post))}</p>'
                f'<a class="more-link button" href="{href}">أكمل القراءة »</a></div></li>')
        nav = ""
        if listing.pages > 1:
            cells = []
            if listing.page > 1:
                cells.append(f'<li class="the-prev-page"><a href="{self.url(listing.page_path(listing.page - 1))}">«</a></li>')
            for n in range(1, listing.pages + 1):
                cells.append(f'<li class="current"><span class="pages-nav-item">{n}</span></li>' if n == listing.page
                             else f'<li><a href="{self.url(listing.page_path(n))}" class="pages-nav-item">{n}</a></li>')
            if listing.page < listing.pages:
                cells.append(f'<li class="the-next-page"><a href="{self.url(listing.page_path(listing.page + 1))}">»</a></li>')
            nav = f'<div class="pages-nav"><ul class="pages-numbers">{"".join(cells)}</ul></div>'
        main = f"""<header class="entry-header-outer container-wrapper"><h1 class="page-title">{esc(heading)}</h1></header>
<div class="mag-box wide-post-box"><div class="container-wrapper"><div class="mag-box-container clearfix">
<ul id="posts-container" class="posts-items">{''.join(teasers)}</ul>
</div></div></div>
{nav}"""
        ticker = self._ticker() if listing.kind == "home" and listing.page == 1 else ""
        return self._document(seo_title, "\n".join(head), body_class, main, ticker)

    # -- robots, sitemaps, feed ------------------------------------------------

    def robots_txt(self) -> str:
        return ("User-agent: *\n"
                "Disallow: /wp-admin/\n"
                "Disallow: /private/\n"
                "Allow: /wp-admin/admin-ajax.php\n"
                "\n"
                f"Sitemap: {self.url('/sitemap_index.xml')}\n"
                f"Sitemap: {self.url('/news-sitemap.xml')}\n")

    @staticmethod
    def _utc(dt: datetime) -> str:
        return dt.astimezone(timezone.utc).isoformat()

    def _urlset(self, entries: list[tuple[str, str]]) -> str:
        urls = "".join(f"<url><loc>{esc(loc)}</loc><lastmod>{mod}</lastmod></url>\n"
                       for loc, mod in entries)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                f"{urls}</urlset>\n")

    def _post_entries(self):
        # Real dates even for a post published late: lastmod never moves.
        return [(self.url(p.path), self._utc(p.modified_dt)) for p in self.newest]

    def _last_modified(self) -> datetime:
        """Newest published post's modification (pages' when nothing is published)."""
        if self.newest:
            return self.newest[0].modified_dt
        return max(datetime.fromisoformat(p.modified) for p in WASILA_PAGES)

    def _page_entries(self):
        home_mod = self._utc(self._last_modified())
        return [(self.url("/"), home_mod)] + [
            (self.url(p.path), self._utc(datetime.fromisoformat(p.modified))) for p in WASILA_PAGES]

    def _category_entries(self):
        out = []
        for slug in WASILA_SECTIONS:  # Yoast leaves empty terms out
            latest = next((p for p in self.newest if p.section == slug), None)
            if latest:
                out.append((self.url(f"/category/{slug}/"), self._utc(latest.modified_dt)))
        return out

    def sitemap_index(self) -> str:
        parts = []
        for name, entries in (("post-sitemap.xml", self._post_entries()),
                              ("page-sitemap.xml", self._page_entries()),
                              ("category-sitemap.xml", self._category_entries())):
            if not entries:
                continue
            lastmod = max(mod for _, mod in entries)
            parts.append(f"<sitemap><loc>{self.url('/' + name)}</loc><lastmod>{lastmod}</lastmod></sitemap>\n")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                f"{''.join(parts)}</sitemapindex>\n")

    def post_sitemap(self) -> str:
        return self._urlset(self._post_entries())

    def page_sitemap(self) -> str:
        return self._urlset(self._page_entries())

    def category_sitemap(self) -> str:
        return self._urlset(self._category_entries())

    def news_sitemap(self) -> str:
        items = "".join(
            f"<url><loc>{self.url(p.path)}</loc><news:news><news:publication>"
            f"<news:name>{WASILA_NAME}</news:name><news:language>ar</news:language>"
            f"</news:publication><news:publication_date>{p.published}</news:publication_date>"
            f"<news:title>{esc(p.title)}</news:title></news:news></url>\n"
            for p in self.newest[:NEWS_SITEMAP_SIZE])
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
                f"{items}</urlset>\n")

    def feed(self) -> str:
        posts = self.newest[:FEED_SIZE]
        rfc822 = lambda dt: format_datetime(dt.astimezone(timezone.utc))  # noqa: E731
        items = []
        for p in posts:
            cats = [WASILA_SECTIONS[p.section][0]] + [WASILA_TAGS[t] for t in p.tags]
            items.append(
                "<item>\n"
                f"<title>{esc(p.title)}</title>\n"
                f"<link>{self.url(p.path)}</link>\n"
                f"<comments>{self.url(p.path)}#respond</comments>\n"
                f"<pubDate>{rfc822(p.published_dt)}</pubDate>\n"
                f"<dc:creator><![CDATA[{WASILA_AUTHORS[p.author].name}]]></dc:creator>\n"
                + "".join(f"<category><![CDATA[{c}]]></category>\n" for c in cats)
                + f'<guid isPermaLink="false">{self.url(shortlink(p))}</guid>\n'
                f"<description><![CDATA[{excerpt(p, 40)}]]></description>\n"
                "</item>\n")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" '
                'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">\n'
                "<channel>\n"
                f"<title>{WASILA_NAME}</title>\n"
                f'<atom:link href="{self.url("/feed/")}" rel="self" type="application/rss+xml" />\n'
                f"<link>{self.url('/')}</link>\n"
                f"<description>{TAGLINE}</description>\n"
                f"<lastBuildDate>{rfc822(self._last_modified())}</lastBuildDate>\n"
                "<language>ar</language>\n"
                "<sy:updatePeriod>hourly</sy:updatePeriod>\n<sy:updateFrequency>1</sy:updateFrequency>\n"
                "<generator>https://wordpress.org/?v=5.3.2</generator>\n"
                f"{''.join(items)}"
                "</channel>\n</rss>\n")
