"""Serve a sample site over real HTTP on localhost, for crawler tests.

A real socket (not a mocked downloader) is used so that the crawler's whole
stack, including redirects, robots.txt, charsets and HEAD, is exercised.
The server records every request target so tests can assert what the crawler
fetched (and what it must never fetch, like robots-disallowed pages).
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .render_oldpress import OldpressSite
from .render_wasila import WasilaSite

SITES = {"wasila": WasilaSite, "oldpress": OldpressSite}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection: simple and enough

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        owner: SampleServer = self.server.owner  # type: ignore[attr-defined]
        owner._record(self.path)
        resp = owner.site.handle(self.path)
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
    """

    def __init__(self, site: str, host: str = "127.0.0.1", port: int = 0):
        if site not in SITES:
            raise ValueError(f"unknown site {site!r}; choose from {sorted(SITES)}")
        self.site_name = site
        self.host = host
        self.port = port
        self.site = None
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._requests: list[str] = []

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
        self.site = SITES[self.site_name](self.base_url)
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
