"""A small site with multi-page articles (/slug/2/ and ?page=2 styles) on 127.0.0.1.

``/article/9`` is linked from nowhere: only the news sitemap (named in
robots.txt) lists it, so its first page is reached as a listed article, and
its page 2 is announced twice, by ``<link rel=next>`` and a pager ``<a rel=next>``.
"""

from __future__ import annotations

import json

from mini_site import MiniSite, sitemap_xml

PAGES = {
    # first-page path → list of pages, each a list of paragraphs
    "/2020/03/07/budget-debate/": [
        [f"الجزء الأول من نقاش الموازنة، الفقرة {i}: ناقش النواب بنود الإنفاق على الصحة والتعليم والبنية التحتية بالتفصيل." for i in range(1, 4)],
        [f"الجزء الثاني من نقاش الموازنة، الفقرة {i}: اعترض عدد من النواب على زيادة الضرائب غير المباشرة وطالبوا ببدائل." for i in range(1, 4)],
        [f"الجزء الثالث من نقاش الموازنة، الفقرة {i}: انتهت الجلسة بالتصويت على الموازنة بأغلبية الأعضاء الحاضرين." for i in range(1, 4)],
    ],
    "/news.php?id=77": [
        [f"تقرير مطول عن الزراعة، الصفحة الأولى، الفقرة {i}: يعاني المزارعون من ارتفاع أسعار الأسمدة والوقود هذا الموسم." for i in range(1, 4)],
        [f"تقرير مطول عن الزراعة، الصفحة الثانية، الفقرة {i}: وعدت الوزارة بدعم مباشر لصغار المزارعين قبل بدء موسم الحصاد." for i in range(1, 4)],
    ],
    "/article/9": [
        [f"تحقيق عن المياه، الصفحة الأولى، الفقرة {i}: تراجع منسوب السدود إلى أدنى مستوى منذ عقدين بسبب قلة الأمطار." for i in range(1, 4)],
        [f"تحقيق عن المياه، الصفحة الثانية، الفقرة {i}: أعلنت البلديات جدولاً لتقنين المياه في الأحياء خلال أشهر الصيف." for i in range(1, 4)],
    ],
}
#: Articles reached only through the news sitemap.
SITEMAP_ONLY = ("/article/9",)


def page_url(first: str, number: int) -> str:
    if number == 1:
        return first
    if "?" in first:
        return f"{first}&page={number}"
    if not first.endswith("/"):
        return f"{first}?page={number}"
    return f"{first}{number}/"


def _render(first: str, number: int) -> str:
    pages = PAGES[first]
    title = {"/2020/03/07/budget-debate/": "نقاش الموازنة في البرلمان", "/news.php?id=77": "تقرير الزراعة",
             "/article/9": "تحقيق المياه والسدود"}[first]
    head = [f"<title>{title} - موقع</title>", f'<link rel="canonical" href="{page_url(first, number)}">']
    if number > 1:
        head.append(f'<link rel="prev" href="{page_url(first, number - 1)}">')
    if number < len(pages):
        head.append(f'<link rel="next" href="{page_url(first, number + 1)}">')
    ld = {"@type": "NewsArticle", "headline": title, "datePublished": "2020-03-07T10:00:00+02:00"}
    nav = " ".join(f'<a href="{page_url(first, n)}">{n}</a>' for n in range(1, len(pages) + 1))
    if number < len(pages):
        nav += f' <a rel="next" href="{page_url(first, number + 1)}">التالي</a>'
    paras = "".join(f"<p>{p}</p>" for p in pages[number - 1])
    return (f'<html lang="ar"><head>{"".join(head)}<script type="application/ld+json">{json.dumps(ld)}'
            f'</script></head><body class="single single-post"><article><h1>{title}</h1>'
            f'<div class="entry-content">{paras}</div><div class="page-links">الصفحات: {nav}</div>'
            f"</article></body></html>")


def multipage_site() -> MiniSite:
    """The site as static pages: a home page linking each article's first page."""
    site = MiniSite()
    site.html("/", "<html><body class='home'>" + "".join(
        f'<a href="{first}">مقال طويل</a> ' for first in PAGES if first not in SITEMAP_ONLY) + "</body></html>")
    site.pages["/robots.txt"] = ("text/plain", f"User-agent: *\nDisallow:\nSitemap: {site.base_url}/news-sitemap.xml\n".encode())
    site.pages["/news-sitemap.xml"] = ("application/xml", sitemap_xml(
        site.base_url, dict.fromkeys(SITEMAP_ONLY, "2020-03-07T10:00:00+02:00")).encode())
    for first, pages in PAGES.items():
        for number in range(1, len(pages) + 1):
            site.html(page_url(first, number), _render(first, number))
    return site
