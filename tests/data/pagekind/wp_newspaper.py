"""The tagDiv "Newspaper" WordPress theme (English site), as its archives and pages render.

Its modules print ``<time class="entry-date updated td-module-date" datetime=…>``
in every teaser, and its sidebar classes are ``td-ss-main-sidebar``.
"""

from __future__ import annotations

from .common import NOW, Story, en_date, esc, stories
from .corpus_text import EN_ABOUT
from .wp_themes import EN_BASE, EN_MENU, EN_SITE


def modules(items: list[Story], *, module: str = "td_module_10", excerpt: bool = True) -> str:
    out = []
    for s in items:
        text = f'<div class="td-excerpt">{esc(s.excerpt)}</div>' if excerpt else ""
        author = s.author or "Staff Reporter"
        out.append(
            f'<div class="{module} td_module_wrap td-animation-stack">'
            f'<div class="td-module-thumb"><a href="{s.url}" rel="bookmark" class="td-image-wrap" title="{esc(s.title)}">'
            f'<img width="218" height="150" class="entry-thumb" src="{s.image}" alt="" title="{esc(s.title)}"></a></div>'
            f'<div class="item-details"><h3 class="entry-title td-module-title"><a href="{s.url}" rel="bookmark" '
            f'title="{esc(s.title)}">{esc(s.title)}</a></h3>'
            f'<div class="td-module-meta-info"><span class="td-post-author-name"><a href="{EN_BASE}/author/'
            f'{author.lower().replace(" ", "-")}/">{esc(author)}</a> <span>-</span> </span>'
            f'<span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{s.iso}">'
            f'{en_date(s.when)}</time></span><span class="td-module-comments"><a href="{s.url}#respond">0</a></span></div>'
            f'{text}</div></div>')
    return "\n".join(out)


def pager(path: str, page: int, pages: int) -> str:
    def link(n):
        return EN_BASE + path + (f"page/{n}/" if n > 1 else "")
    cells = [f'<a href="{link(page - 1)}"><i class="td-icon-menu-left"></i></a>'] if page > 1 else []
    for n in range(max(1, page - 1), min(pages, page + 2) + 1):
        cells.append(f'<span class="current">{n}</span>' if n == page
                     else f'<a href="{link(n)}" class="page" title="{n}">{n}</a>')
    cells.append(f'<span class="extend">...</span><a href="{link(pages)}" class="last" title="{pages}">{pages}</a>')
    if page < pages:
        cells.append(f'<a href="{link(page + 1)}"><i class="td-icon-menu-right"></i></a>')
    return (f'<div class="page-nav td-pb-padding-side">{"".join(cells)}'
            f'<span class="pages">Page {page} of {pages}</span><div class="clearfix"></div></div>')


def crumbs(trail: list[tuple[str, str]]) -> str:
    parts = [f'<span><a title="" class="entry-crumb" href="{EN_BASE}{p}">{esc(n)}</a></span>' for n, p in trail[:-1]]
    parts.append(f'<span class="td-bred-no-url-last">{esc(trail[-1][0])}</span>')
    return ('<div class="td-crumb-container"><div class="entry-crumbs">'
            + ' <i class="td-icon-right td-bread-sep"></i> '.join(parts) + "</div></div>")


def document(title: str, head: str, body_class: str, main: str) -> str:
    menu = "".join(f'<li class="menu-item menu-item-type-taxonomy menu-item-object-category"><a href="{EN_BASE}{p}">{n}</a></li>'
                   for n, p in EN_MENU)
    trending = "".join(f'<div class="td-trending-now-post"><a class="td-trending-now-title" href="{s.url}">{esc(s.title)}</a></div>'
                       for s in stories("en", 4, start=33, base=EN_BASE))
    popular = modules(stories("en", 4, start=24, base=EN_BASE, step_hours=11), module="td_module_6", excerpt=False)
    return f"""<!doctype html>
<html lang="en-GB">
<head>
<title>{esc(title)}</title>
<meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
{head}
<link rel='stylesheet' id='td-theme-css' href='{EN_BASE}/wp-content/themes/Newspaper/style.css?ver=12.6.3' type='text/css' media='all'>
</head>
<body class="{body_class} global-block-template-1 td-newspaper-pro td-animation-stack-type0 td-full-layout" itemscope="itemscope" itemtype="https://schema.org/WebPage">
<div class="td-scroll-up"><i class="td-icon-menu-up"></i></div>
<div class="td-menu-background"></div>
<div id="td-mobile-nav"><div class="td-mobile-container"><div class="td-mobile-content"><div class="menu-main-container"><ul id="menu-main" class="td-mobile-main-menu">{menu}</ul></div></div></div></div>
<div id="td-outer-wrap" class="td-theme-wrap">
<div class="td-header-wrap td-header-style-1">
<div class="td-header-top-menu-full td-container-wrap"><div class="td-container td-header-row td-header-top-menu"><div class="top-bar-style-1">
<div class="td-header-sp-top-menu"><div class="td_data_time"><div>{NOW:%A, %B} {NOW.day}, {NOW.year}</div></div>
<div class="menu-top-container"><ul id="menu-top" class="top-header-menu"><li><a href="{EN_BASE}/about-us/">About</a></li><li><a href="{EN_BASE}/subscribe/">Subscribe</a></li><li><a href="{EN_BASE}/newsletters/">Newsletters</a></li></ul></div></div></div></div></div>
<div class="td-banner-wrap-full td-logo-wrap-full td-container-wrap"><div class="td-container td-header-row td-header-header">
<div class="td-header-sp-logo"><a class="td-main-logo" href="{EN_BASE}/"><img src="{EN_BASE}/wp-content/uploads/herald-logo.png" alt="{EN_SITE}" width="272" height="90"><span class="td-visual-hidden">{EN_SITE}</span></a></div>
<div class="td-header-sp-recs"><div class="td-header-rec-wrap"><div class="td-a-rec td-a-rec-id-header"><a href="https://ads.example/c?id=7"><img src="{EN_BASE}/wp-content/uploads/leaderboard.jpg" alt="" width="728" height="90"></a></div></div></div></div></div>
<div class="td-header-menu-wrap-full td-container-wrap"><div class="td-header-menu-wrap td-header-gradient"><div class="td-container td-header-row td-header-main-menu">
<div id="td-header-menu" role="navigation"><div class="menu-main-container"><ul id="menu-main-1" class="sf-menu">{menu}</ul></div></div></div></div></div>
</div>
<div class="td-main-content-wrap td-container-wrap"><div class="td-container">
<div class="td-trending-now-wrapper" id="iy_trending"><div class="td-trending-now-display-area"><span class="block-title">Trending Now</span>{trending}</div></div>
{main}
</div></div>
<div class="td-footer-wrapper td-footer-container td-container-wrap"><div class="td-container"><div class="td-pb-row">
<div class="td-pb-span4"><div class="td_block_wrap td_block_text_with_title"><h4 class="block-title"><span>About us</span></h4><div class="td_text_with_title"><p>{esc(EN_ABOUT[0])}</p><p>{esc(EN_ABOUT[2])}</p></div></div></div>
<div class="td-pb-span4"><div class="td_block_wrap td_block_7"><h4 class="block-title"><span>Editor picks</span></h4>{popular}</div></div>
<div class="td-pb-span4"><div class="td_block_wrap"><h4 class="block-title"><span>Follow us</span></h4><div class="td-social-icon-wrap"><a target="_blank" href="https://www.facebook.com/coastalherald" title="Facebook"><i class="td-icon-font td-icon-facebook"></i></a></div></div></div>
</div></div></div>
<div class="td-sub-footer-container td-container-wrap"><div class="td-container"><div class="td-pb-row">
<div class="td-pb-span td-sub-footer-menu"><div class="menu-footer-container"><ul id="menu-footer" class="td-subfooter-menu">
<li><a href="{EN_BASE}/privacy-policy/">Privacy policy</a></li><li><a href="{EN_BASE}/terms-of-service/">Terms</a></li><li><a href="{EN_BASE}/contact-us/">Contact</a></li></ul></div></div>
<div class="td-pb-span td-sub-footer-copy">&copy; {NOW.year} {EN_SITE}. All rights reserved.</div></div></div></div>
</div>
<script type="text/javascript">var tdBlocksArray = []; var td_ajax_url="{EN_BASE}\\/wp-admin\\/admin-ajax.php?td_theme_name=Newspaper&v=12.6.3";</script>
</body>
</html>
"""


def with_sidebar(content: str) -> str:
    """Newspaper's archive row: main column and a sidebar of widgets."""
    side = modules(stories("en", 5, start=12, base=EN_BASE, step_hours=7), module="td_module_6", excerpt=False)
    return (f'<div class="td-pb-row"><div class="td-pb-span8 td-main-content" role="main"><div class="td-ss-main-content">'
            f'{content}</div></div><div class="td-pb-span4 td-main-sidebar" role="complementary"><div class="td-ss-main-sidebar">'
            f'<aside class="td_block_template_1 widget widget_block"><h4 class="block-title"><span>Most read</span></h4>{side}</aside>'
            f'<aside class="td_block_template_1 widget"><div class="td-a-rec"><img src="{EN_BASE}/wp-content/uploads/mpu.jpg" alt="" width="300" height="250"></div></aside>'
            '</div></div></div>')
