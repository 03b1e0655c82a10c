"""Serve a folder of static pages on 127.0.0.1 for bench/crawl.py: nginx, or a multi-process Python server.

nginx (Debian's nginx-light; `make bench` installs it when run as root) is
configured in a folder of its own: the given number of worker processes,
sendfile, no access log, keep-alive, a charset on text types, a folder's page
is its index.html (index.rss for /feed/). Without nginx, or when it does not
start, the same layout is served by forked Python processes sharing one
listening socket (http.server, HTTP/1.1 keep-alive, one thread per
connection). ``start_server`` says which one runs.

Usage as a script (the Python server alone):
    .venv/bin/python bench/siteserve.py DOCROOT PORT [--workers 2]
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

INDEX_FILES = ("index.html", "index.rss")
TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
         ".rss": "application/rss+xml; charset=utf-8", ".txt": "text/plain; charset=utf-8"}

NGINX_CONF = """\
{user}worker_processes {workers};
daemon off;
master_process on;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    types {{ text/html html; application/xml xml; application/rss+xml rss; text/plain txt; }}
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/html application/xml application/rss+xml text/plain;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {docroot};
        index index.html;
        location = /feed/ {{ try_files /feed/index.rss =404; }}
        location / {{ try_files $uri $uri/ =404; }}
    }}
}}
"""


@dataclass
class Server:
    kind: str  # "nginx" | "python"
    port: int
    process: subprocess.Popen
    detail: str

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop the server we started: its own process group (nginx master and workers, or the forks)."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None)


def _wait_ready(port: int, process: subprocess.Popen, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/robots.txt")
            ok = conn.getresponse().status == 200
            conn.close()
            if ok:
                return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def start_nginx(docroot: Path, port: int, run_dir: Path, workers: int) -> Server | None:
    binary = nginx_binary()
    if binary is None:
        return None
    run_dir.mkdir(parents=True, exist_ok=True)
    # As root, workers would run as "nobody" and could not read a 0700 temp folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = run_dir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(user=user, workers=workers, run=run_dir, port=port, docroot=docroot),
                    encoding="utf-8")
    log = open(run_dir / "nginx.out", "wb")
    process = subprocess.Popen([binary, "-p", str(run_dir), "-c", str(conf), "-e", str(run_dir / "error.log")],
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    version = subprocess.run([binary, "-v"], capture_output=True, text=True).stderr.strip()
    server = Server("nginx", port, process, f"{version} ({binary}), {workers} workers, sendfile, access log off")
    if _wait_ready(port, process):
        return server
    server.stop()
    errors = (run_dir / "error.log").read_text(errors="replace") if (run_dir / "error.log").exists() else ""
    print(f"nginx did not start: {(errors or (run_dir / 'nginx.out').read_text(errors='replace')).strip()[-500:]}")
    return None


def start_python(docroot: Path, port: int, workers: int) -> Server:
    process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), str(docroot), str(port),
                                "--workers", str(workers)], start_new_session=True)
    if not _wait_ready(port, process):
        Server("python", port, process, "").stop()
        raise SystemExit("siteserve: the Python static server did not start")
    return Server("python", port, process, f"Python http.server, {workers} forked processes, HTTP/1.1")


def start_server(docroot: Path, port: int, run_dir: Path, workers: int = 2, use_nginx: bool = True) -> Server:
    """nginx when it is installed and starts, else the Python server."""
    server = start_nginx(docroot, port, run_dir, workers) if use_nginx else None
    return server or start_python(docroot, port, workers)


# ---------------------------------------------------------------------------
# The Python fallback
# ---------------------------------------------------------------------------


class StaticHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as nginx
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def translate_path(self, path: str) -> str:
        """A folder's page is its index.html or index.rss; never a directory listing."""
        target = super().translate_path(path)
        if os.path.isdir(target):
            for name in INDEX_FILES:
                candidate = os.path.join(target, name)
                if os.path.isfile(candidate):
                    return candidate
        return target

    def list_directory(self, path):
        self.send_error(404, "Not Found")
        return None

    def log_message(self, format, *args):  # noqa: A002 - the access log is off, as nginx's
        pass


def serve_forever(docroot: Path, port: int, workers: int) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(1024)
    for _ in range(workers - 1):
        if os.fork() == 0:
            break
    handler = lambda *a, **kw: StaticHandler(*a, directory=str(docroot), **kw)  # noqa: E731
    server = ThreadingHTTPServer(("127.0.0.1", port), handler, bind_and_activate=False)
    server.socket.close()
    server.socket = sock
    server.daemon_threads = True
    server.serve_forever()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docroot", type=Path)
    parser.add_argument("port", type=int)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    serve_forever(args.docroot.resolve(), args.port, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
