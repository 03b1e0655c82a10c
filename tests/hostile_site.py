"""A deliberately broken and hostile site on 127.0.0.1, for the bad-input tests.

Each path exercises one failure a real crawl meets: traps, stalls, bombs,
lies about content, redirect chains, off-site canonicals.
"""

from __future__ import annotations

import gzip
import json
import time
from urllib.parse import parse_qs, urlsplit

from loopback import LoopbackServer, QuietHandler

ARTICLE_TEXT = " ".join(
    ["الخبر التجريبي يصف اجتماعاً طويلاً للمجلس البلدي ناقش فيه الأعضاء خطط الصيانة والنقل العام."] * 6
)
GOOD_ARTICLES = ("/articles/a1", "/articles/a2")


def _article(title: str, *, canonical: str | None = None, base: str | None = None,
             with_title: bool = True, day: int = 3) -> str:
    head = f"<title>{title}</title>" if with_title else ""
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    if base:
        head += f'<base href="{base}">'
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "datePublished": f"2020-01-0{day}T10:00:00+02:00"}
    if with_title:
        ld["headline"] = title
    heading = f"<h1>{title}</h1>" if with_title else ""
    paragraphs = "".join(f"<p>{title or 'بلا عنوان'}: {ARTICLE_TEXT} ({i}) {day * 37 + i}</p>" for i in range(4))
    return (f'<html lang="ar"><head>{head}<script type="application/ld+json">{json.dumps(ld)}</script>'
            f'</head><body class="single single-post"><article>{heading}{paragraphs}'
            f'<a href="/offsite-target">رابط نسبي</a></article></body></html>')


class HostileHandler(QuietHandler):
    protocol_version = "HTTP/1.1"

    def _html(self, html: str, status: int = 200):
        self.send(status, html.encode("utf-8"))

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):  # noqa: C901 - one branch per hostile behaviour, on purpose
        self.server.hits.append(self.path)
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        if path == "/robots.txt":
            return self.send(200, b"User-agent: *\nDisallow:\nSitemap: /sitemap.xml\n", "text/plain")
        if path in ("/sitemap.xml", "/sitemap2.xml"):
            other = "/sitemap2.xml" if path == "/sitemap.xml" else "/sitemap.xml"
            base = f"http://{self.headers['Host']}"
            xml = (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   f"<sitemap><loc>{base}{path}</loc></sitemap><sitemap><loc>{base}{other}</loc></sitemap>"
                   f"</sitemapindex>")
            return self.send(200, xml.encode(), "application/xml")
        if path == "/":
            links = [
                "/endless/page/1", "/calendar/2020/1", "/variants?sid=1", *GOOD_ARTICLES,
                "/bad/nonhtml", "/bad/json", "/bad/empty", "/bad/malformed", "/bad/undecodable",
                "/bad/404", "/bad/500", "/bad/redirect/1", "/bad/loop", "/bad/stall",
                "/bad/truncated", "/bad/huge", "/bad/bomb", "/bad/notitle",
                "/bad/offsite-canonical", "/bad/base", "http://evil.invalid/offsite",
            ]
            return self._html("<html><body class='home'>" + "".join(
                f'<a href="{href}">رابط {i}</a> ' for i, href in enumerate(links)) + "</body></html>")
        if path.startswith("/endless/page/"):
            n = int(path.rsplit("/", 1)[1])
            teasers = "".join(f'<a href="{a}">مقال</a>' for a in GOOD_ARTICLES)
            return self._html(f"<html><body class='archive'><h1>صفحة {n}</h1>{teasers}"
                              f'<a href="/endless/page/{n + 1}">التالي</a></body></html>')
        if path.startswith("/calendar/"):
            _, _, year, month = path.split("/")
            y, m = int(year), int(month)
            nxt = f"/calendar/{y + (m == 12)}/{1 if m == 12 else m + 1}"
            return self._html(f'<html><body><table><tr><td>{y}-{m}</td></tr></table>'
                              f'<a href="{nxt}">الشهر التالي</a></body></html>')
        if path == "/variants":
            sid = int(query.get("sid", ["1"])[0])
            return self._html(f'<html><body><p>نفس الصفحة</p><a href="/variants?sid={sid + 1}">'
                              f'نسخة</a><a href="/articles/a1">مقال</a></body></html>')
        if path == "/articles/a1":
            return self._html(_article("المقال الأول السليم", day=3))
        if path == "/articles/a2":
            return self._html(_article("المقال الثاني السليم", day=4))
        if path == "/bad/nonhtml":
            return self.send(200, b"%PDF-1.4 binary", "application/octet-stream")
        if path == "/bad/json":
            return self.send(200, b'{"not": "html"}', "application/json")
        if path == "/bad/empty":
            return self.send(200, b"")
        if path == "/bad/malformed":
            return self.send(200, b"<<<>>></div></p><p <a href=>>>\x00\x00")
        if path == "/bad/undecodable":
            return self.send(200, bytes(range(128, 256)) * 40)
        if path == "/bad/404":
            return self._html("<html><body>غير موجود</body></html>", 404)
        if path == "/bad/500":
            return self._html("<html><body>خطأ</body></html>", 500)
        if path.startswith("/bad/redirect/"):
            n = int(path.rsplit("/", 1)[1])
            return self.send(302, b"", headers={"Location": f"/bad/redirect/{n + 1}"})
        if path == "/bad/loop":
            return self.send(302, b"", headers={"Location": "/bad/loop"})
        if path == "/bad/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><body>")
            self.wfile.flush()
            time.sleep(self.server.stall_seconds)
            return None
        if path == "/bad/truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "50000")
            self.end_headers()
            self.wfile.write(b"<html><body><p>truncated")
            self.close_connection = True
            return None
        if path == "/bad/huge":
            return self._html("<html><body>" + "<p>كلام كثير</p>" * 200_000 + "</body></html>")
        if path == "/bad/bomb":
            bomb = gzip.compress(b"<html><body>" + b"0" * 60_000_000, compresslevel=9)
            return self.send(200, bomb, headers={"Content-Encoding": "gzip"})
        if path == "/bad/notitle":
            return self._html(_article("", with_title=False))
        if path == "/bad/offsite-canonical":
            return self._html(_article("مقال بعنوان أصلي", canonical="http://evil.invalid/stolen", day=5))
        if path == "/bad/base":
            return self._html(_article("مقال مع وسم base", base="http://evil.invalid/", day=6))
        return self._html("<html><body>404</body></html>", 404)


class HostileServer(LoopbackServer):
    def __init__(self, stall_seconds: float = 20.0):
        super().__init__(HostileHandler, stall_seconds=stall_seconds)
