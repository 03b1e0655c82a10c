"""A small site with multi-page articles (/slug/2/ and ?page=2 styles) on 127.0.0.1."""

from __future__ import annotations

import json

from mini_site import MiniSite

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
}


def page_url(first: str, number: int) -> str:
    if number == 1:
        return first
    if "?" in first:
        return f"{first}&page={number}"
    return f"{first}{number}/"


def _render(first: str, number: int) -> str:
    pages = PAGES[first]
    title = "نقاش الموازنة في البرلمان" if first.startswith("/2020") else "تقرير الزراعة"
    head = [f"<title>{title} - موقع</title>", f'<link rel="canonical" href="{page_url(first, number)}">']
    if number > 1:
        head.append(f'<link rel="prev" href="{page_url(first, number - 1)}">')
    if number < len(pages):
        head.append(f'<link rel="next" href="{page_url(first, number + 1)}">')
    ld = {"@type": "NewsArticle", "headline": title, "datePublished": "2020-03-07T10:00:00+02:00"}
    nav = " ".join(f'<a href="{page_url(first, n)}">{n}</a>' for n in range(1, len(pages) + 1))
    paras = "".join(f"<p>{p}</p>" for p in pages[number - 1])
    return (f'<html lang="ar"><head>{"".join(head)}<script type="application/ld+json">{json.dumps(ld)}'
            f'</script></head><body class="single single-post"><article><h1>{title}</h1>'
            f'<div class="entry-content">{paras}</div><div class="page-links">الصفحات: {nav}</div>'
            f"</article></body></html>")


def multipage_site() -> MiniSite:
    """The site as static pages: a home page linking each article's first page."""
    site = MiniSite()
    site.html("/", "<html><body class='home'>" + "".join(
        f'<a href="{first}">مقال طويل</a> ' for first in PAGES) + "</body></html>")
    site.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow:\n")
    for first, pages in PAGES.items():
        for number in range(1, len(pages) + 1):
            site.html(page_url(first, number), _render(first, number))
    return site
