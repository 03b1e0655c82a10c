"""robots.txt is obeyed for every request, also those that wait while it is being fetched."""

from __future__ import annotations

import time

from conftest import last_job, run_crawl
from loopback import LoopbackServer, QuietHandler

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
PRIVATE = ["/private/one/", "/private/two/", "/private/three/"]


class SlowRobots(QuietHandler):
    """robots.txt takes half a second, so the crawl's first requests all wait for it."""

    def do_GET(self):
        self.server.hits.append(self.path)
        if self.path == "/robots.txt":
            time.sleep(0.5)
            return self.send(200, ROBOTS, "text/plain")
        if self.path == "/":
            links = "".join(f'<a href="{p}">{p}</a>' for p in PRIVATE)
            return self.send(200, f"<html><head><title>Home</title></head><body>{links}</body></html>".encode())
        return self.send(404, b"not found")


def test_requests_waiting_for_robots_txt_are_checked_against_it(tmp_path):
    with LoopbackServer(SlowRobots) as server:
        urls = tmp_path / "urls.txt"
        urls.write_text("\n".join([f"{server.base_url}/", *(server.base_url + p for p in PRIVATE)]))
        proc = run_crawl([f"urls_file={urls}"], tmp_path / "archive")
        hits = list(server.hits)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "/robots.txt" in hits and "/" in hits
    assert not [h for h in hits if h.startswith("/private/")], hits
    assert last_job(tmp_path / "archive")["stats"]["robotstxt/forbidden"] == len(PRIVATE)
