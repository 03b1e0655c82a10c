"""A tiny site on 127.0.0.1 whose pages a test can change between crawls."""

from __future__ import annotations

import json
from loopback import LoopbackServer, QuietHandler


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


#: ``site.pages[path] = (REDIRECT, target)`` answers 301 to target.
REDIRECT = "redirect"


class _Handler(QuietHandler):
    def do_GET(self):
        self.server.hits.append(self.path)
        page = self.server.pages.get(self.path)
        if page is None:
            self.send(404, b"<html><body>404</body></html>")
        elif page[0] == REDIRECT:
            self.send(301, b"", headers={"Location": page[1]})
        else:
            self.send(200, page[1], page[0])


class MiniSite(LoopbackServer):
    """``site.pages[path] = (content_type, bytes)``; ``site.hits`` lists requested paths."""

    def __init__(self, pages: dict | None = None):
        super().__init__(_Handler, pages=dict(pages or {}))

    @property
    def pages(self) -> dict:
        return self.httpd.pages

    def html(self, path: str, text: str) -> None:
        self.pages[path] = ("text/html; charset=utf-8", text.encode("utf-8"))

    def xml(self, path: str, text: str) -> None:
        self.pages[path] = ("application/xml", text.encode("utf-8"))
