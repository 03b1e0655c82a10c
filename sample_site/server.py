"""Serve a sample site over real HTTP on localhost, for crawler tests.

A real socket (not a mocked downloader) is used so that the crawler's whole
stack, including redirects, robots.txt, charsets and HEAD, is exercised.
The server records every request target so tests can assert what the crawler
fetched (and what it must never fetch, like robots-disallowed pages).

Staged publishing, for incremental re-crawl tests: ``hidden=N`` holds back the
N newest articles (404, linked from nowhere) and ``publish(n)`` releases them,
oldest first, as if days went by.  Since the hidden ones are always the newest,
a server started with ``hidden=N`` after ``publish(k)`` serves exactly what a
fresh ``hidden=N-k`` server serves, and ``expected.*(site, hidden=N-k)`` is its
ground truth.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import render_oldpress, render_wasila
from .render_oldpress import OldpressSite
from .render_wasila import WasilaSite

SITES = {"wasila": WasilaSite, "oldpress": OldpressSite}
#: site -> function giving every article path, newest first (the hiding order)
ARTICLE_PATHS = {"wasila": render_wasila.article_paths, "oldpress": render_oldpress.article_paths}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection: simple and enough

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        owner: SampleServer = self.server.owner  # type: ignore[attr-defined]
        owner._record(self.path)
        site = owner.site  # one snapshot per request: publish() swaps in a new site
        resp = site.handle(self.path)
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        for name, value in resp.headers:
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(resp.body)

    def version_string(self) -> str:
        return self.server.owner.site.server_header  # type: ignore[attr-defined]

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass  # tests want a quiet server


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client hanging up early is not our problem
        super().handle_error(request, client_address)


class SampleServer:
    """One sample site on 127.0.0.1, served from a daemon thread.

    >>> with SampleServer("wasila") as srv:
    ...     srv.base_url   # e.g. "http://127.0.0.1:43121"

    ``hidden=N`` starts with the N newest articles unpublished: see
    :meth:`publish` and :meth:`hidden_paths`.
    """

    def __init__(self, site: str, host: str = "127.0.0.1", port: int = 0, hidden: int = 0):
        if site not in SITES:
            raise ValueError(f"unknown site {site!r}; choose from {sorted(SITES)}")
        paths = ARTICLE_PATHS[site]()
        if isinstance(hidden, bool) or not isinstance(hidden, int) or not 0 <= hidden <= len(paths):
            raise ValueError(f"hidden must be an int from 0 to {len(paths)}, not {hidden!r}")
        self.site_name = site
        self.host = host
        self.port = port
        self.site = None
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._requests: list[str] = []
        # Unpublished article paths in publishing order (oldest first).
        self._hidden: list[str] = paths[:hidden][::-1]
        self._publish_lock = threading.Lock()

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("server not started")
        return f"http://{self.host}:{self.port}"

    def start(self) -> "SampleServer":
        if self._httpd is not None:
            return self
        httpd = _HTTPServer((self.host, self.port), _Handler)
        httpd.owner = self  # type: ignore[attr-defined]
        self._httpd = httpd
        self.port = httpd.server_address[1]
        # Rendered against the real base URL: links must carry the dynamic port.
        with self._publish_lock:
            self.site = self._make_site()
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"sample-{self.site_name}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> "SampleServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _make_site(self):
        return SITES[self.site_name](self.base_url, hidden=frozenset(self._hidden))

    # -- staged publishing ---------------------------------------------------

    def publish(self, n: int | None = None) -> list[str]:
        """Publish the next ``n`` hidden articles (oldest hidden first; None: all).

        Returns the newly published paths in that order (fewer than ``n`` when
        fewer are left).  Thread-safe; requests answered after it returns see
        the articles everywhere: their pages, listings, sitemaps, feed, related
        blocks.  Their dates stay their real ones.  Works before start() too."""
        if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 0):
            raise ValueError(f"n must be None or an int >= 0, not {n!r}")
        with self._publish_lock:
            count = len(self._hidden) if n is None else min(n, len(self._hidden))
            released, self._hidden = self._hidden[:count], self._hidden[count:]
            if released and self._httpd is not None:
                self.site = self._make_site()  # one atomic swap
        return released

    def hidden_paths(self) -> list[str]:
        """Article paths still unpublished, in the order publish() releases them
        (oldest first; so ``hidden_paths()[:n]`` is what ``publish(n)`` reveals)."""
        with self._publish_lock:
            return list(self._hidden)

    # -- request log -----------------------------------------------------------

    def _record(self, target: str) -> None:
        with self._lock:
            self._requests.append(target)

    @property
    def requests(self) -> list[str]:
        """Request targets (path + query) in arrival order; a snapshot copy."""
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()
