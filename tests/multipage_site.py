"""A small site with multi-page articles (/slug/2/ and ?page=2 styles) on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

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


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.hits.append(self.path)
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        html, status = None, 200
        if parts.path == "/robots.txt":
            body, ctype = b"User-agent: *\nDisallow:\n", "text/plain"
        else:
            if parts.path == "/":
                html = "<html><body class='home'>" + "".join(
                    f'<a href="{first}">مقال طويل</a> ' for first in PAGES) + "</body></html>"
            for first, pages in PAGES.items():
                for number in range(1, len(pages) + 1):
                    url = urlsplit(page_url(first, number))
                    if url.path == parts.path and parse_qs(url.query) == query:
                        html = _render(first, number)
            if html is None:
                html, status = "<html><body>404</body></html>", 404
            body, ctype = html.encode(), "text/html; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class MultipageServer:
    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.hits = []
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
