"""How often does render=auto call the browser? The rule measured on real and JS pages.

`crawler.render.looks_unrendered` decides, for a page fetched plainly, whether
to fetch it again through the browser. A good rule fires on script shells and
almost never on ordinary server-rendered pages, where the browser would only
cost time. This prints its firing rate on:
  - the 181 real article pages of ../shared/benchmarks (server-rendered),
  - every page of the bundled sample sites (articles and listings),
  - every page of the JavaScript test site (tests/js_site.py: shells).

Usage: .venv/bin/python bench/render_rule.py
"""

from __future__ import annotations

import gzip
import json
import sys
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from newsarchive.extract.article import ExtractionError, extract  # noqa: E402
from crawler.render import looks_unrendered  # noqa: E402

MIN_CHARS = 200


def fires(url: str, body: bytes, headers: dict) -> bool:
    try:
        result = extract(url, body, headers, min_chars=MIN_CHARS)
    except ExtractionError:
        return False
    if result.is_article:
        return False
    return looks_unrendered(result.text, len(result.fields.get("body") or ""), MIN_CHARS)


def served_pages(server, paths) -> list[tuple[str, bytes, dict]]:
    pages = []
    for path in paths:
        with urllib.request.urlopen(server.base_url + path) as resp:
            pages.append((server.base_url + path, resp.read(), dict(resp.headers.items())))
    return pages


def main() -> int:
    from js_site import ARTICLES, js_site
    from sample_site.expected import expected_articles, non_article_paths
    from sample_site.server import SampleServer

    data = REPO.parent / "shared" / "benchmarks" / "article-extraction-benchmark"
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    real = [(e["url"], gzip.decompress((data / "html" / f"{i}.html.gz").read_bytes()),
             {"Content-Type": "text/html; charset=utf-8"}) for i, e in truth.items()]
    sample = []
    for site in ("wasila", "oldpress"):
        with SampleServer(site) as server:
            sample += served_pages(server, [a["path"] for a in expected_articles(site)] + non_article_paths(site))
    with js_site() as site:
        shells = served_pages(site, ["/section/city/", *ARTICLES])
    rows = [("benchmark pages (server-rendered)", real, "false positives"),
            ("sample site pages (server-rendered)", sample, "false positives"),
            ("JavaScript shells", shells, "caught")]
    figures = {}
    for name, pages, meaning in rows:
        hits = sum(fires(*page) for page in pages)
        figures[name] = hits / len(pages)
        print(f"{name:38s} {hits:3d} of {len(pages):3d} fire ({meaning})")
    print(f"render_rule: benchmark_fire_rate={figures[rows[0][0]]:.3f} "
          f"sample_fire_rate={figures[rows[1][0]]:.3f} shell_fire_rate={figures[rows[2][0]]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
