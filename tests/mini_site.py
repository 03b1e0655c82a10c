"""A tiny site on 127.0.0.1 whose pages a test can change between crawls."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def article_html(title: str, paragraphs: list[str], published: str, modified: str) -> str:
    ld = {"@type": "NewsArticle", "headline": title, "datePublished": published, "dateModified": modified}
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html lang="ar"><head><title>{title}</title><script type="application/ld+json">'
            f'{json.dumps(ld, ensure_ascii=False)}</script></head><body class="single single-post">'
            f"<article><h1>{title}</h1>{body}</article></body></html>")


def sitemap_xml(base: str, entries: dict[str, str]) -> str:
    urls = "".join(f"<url><loc>{base}{path}</loc><lastmod>{lastmod}</lastmod></url>"
                   for path, lastmod in entries.items())
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.hits.append(self.path)
        page = self.server.pages.get(self.path)
        status, ctype, body = (200, *page) if page else (404, "text/html", b"<html><body>404</body></html>")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class MiniSite:
    """``site.pages[path] = (content_type, bytes)``; ``site.hits`` lists requested paths."""

    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.pages, self.httpd.hits = {}, []
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def pages(self) -> dict:
        return self.httpd.pages

    @property
    def hits(self) -> list:
        return self.httpd.hits

    def html(self, path: str, text: str) -> None:
        self.pages[path] = ("text/html; charset=utf-8", text.encode("utf-8"))

    def xml(self, path: str, text: str) -> None:
        self.pages[path] = ("application/xml", text.encode("utf-8"))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
