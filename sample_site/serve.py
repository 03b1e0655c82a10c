"""Serve sample sites until SIGINT/SIGTERM, for manual crawls and CI scripts.

    python -m sample_site.serve wasila=8701 oldpress=8702

A site given without "=PORT" (or with port 0) gets a free port; the printed
line tells which.  Exits 0 on SIGINT or SIGTERM after closing the sockets.
"""

from __future__ import annotations

import signal
import sys
import threading

from .server import SITES, SampleServer

USAGE = "usage: python -m sample_site.serve SITE[=PORT] ...   (sites: %s)" % ", ".join(SITES)


def parse(args: list[str]) -> list[tuple[str, int]]:
    specs = []
    for arg in args:
        site, _, port = arg.partition("=")
        if site not in SITES or (port and not port.isdigit()):
            raise ValueError(arg)
        specs.append((site, int(port or 0)))
    if not specs:
        raise ValueError("no site given")
    return specs


def main(argv: list[str] | None = None) -> int:
    try:
        specs = parse(sys.argv[1:] if argv is None else argv)
    except ValueError as exc:
        print(f"{USAGE}\nbad argument: {exc}", file=sys.stderr)
        return 2

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())

    servers = []
    try:
        for site, port in specs:
            srv = SampleServer(site, port=port).start()
            servers.append(srv)
            print(f"serving {site} at {srv.base_url}/", flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        for srv in servers:
            srv.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
