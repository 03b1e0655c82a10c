"""`make demo`: serve the bundled sample sites, crawl them into output/, report.

Runs real `scrapy crawl news` processes against real HTTP servers on
127.0.0.1, exactly as a user would against a live site.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from newsarchive.store.inventory import archive_counts, format_counts
from sample_site.server import SampleServer

REPO = Path(__file__).resolve().parents[1]
#: site → (port its profile in crawler/sites/ names, profile name)
SITES = {"wasila": (8701, "sample-wasila"), "oldpress": (8702, "sample-oldpress")}


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def main() -> int:
    archive = Path(os.environ.get("ARCHIVE_DIR", REPO / "output")).resolve()
    logs = archive / ".logs"
    logs.mkdir(parents=True, exist_ok=True)
    busy = [str(port) for port, _ in SITES.values() if not _port_free(port)]
    if busy:
        print(f"error: port(s) {', '.join(busy)} on 127.0.0.1 are in use; the sample "
              f"profiles in crawler/sites/ expect them free", file=sys.stderr)
        return 2
    servers = [SampleServer(site, port=port) for site, (port, _) in SITES.items()]
    for server in servers:
        server.start()
    try:
        for site, (port, profile) in SITES.items():
            log = logs / f"demo-{site}.log"
            print(f"crawling sample site {site} at http://127.0.0.1:{port}/ (log: {log})", flush=True)
            proc = subprocess.run(
                [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"site={profile}",
                 "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                 "-s", f"ARCHIVE_DIR={archive}", "-s", f"LOG_FILE={log}"],
                cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
            )
            summary = log.read_text(encoding="utf-8").split("crawl finished", 1)
            if len(summary) == 2:
                print("  crawl finished" + summary[1].split("\n20", 1)[0].rstrip())
            if proc.returncode != 0:
                print(f"error: crawl of {site} exited with {proc.returncode}; see {log}", file=sys.stderr)
                return proc.returncode
    finally:
        for server in servers:
            server.stop()
    print(f"\narchive: {archive}")
    print(format_counts(archive_counts(archive)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
