"""Page-kind benchmark: article recall on real and test-site articles, false articles on labelled non-articles.

Positives (every one an article): the 181 pages of the public article-extraction
benchmark in ../shared/benchmarks, the legacy test site's articles
(tests/legacy_site.py), the sample sites' articles (sample_site/) and the
hostile site's good articles (tests/hostile_site.py).  Negatives (none an
article): the labelled corpus in tests/data/pagekind/, the legacy and sample
sites' listing and static pages and the hostile site's other HTML pages.

Prints one line per set, every misclassified page, and ends with one line:

    pagekind: article_recall=… false_articles=… pages=…

Usage: .venv/bin/python bench/pagekind.py [--bench-dir DIR] [--explain] [--list-doubtful] [--by-markup]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from newsarchive.extract.article import ExtractionError, extract  # noqa: E402
from newsarchive.extract.pagekind import THRESHOLD  # noqa: E402

BENCH_CTYPE = "text/html; charset=utf-8"
LEGACY_BASE = "http://legacy.example"
SAMPLE_BASES = {"wasila": "http://wasila.example", "oldpress": "http://oldpress.example"}
#: Hostile pages that are HTML, answer 200 and are no article.  The article-shaped
#: bad pages (/bad/notitle, /bad/offsite-canonical, /bad/base) are neither set:
#: whether a title-less or off-site-canonical story should be kept is another question.
HOSTILE_NEGATIVES = ("/", "/endless/page/1", "/endless/page/4", "/calendar/2020/1", "/calendar/2019/12",
                     "/variants?sid=1", "/variants?sid=3", "/bad/malformed", "/bad/undecodable", "/bad/huge")


@dataclass
class Scored:
    set: str
    name: str
    url: str
    positive: bool
    is_article: bool
    reason: str
    score: float | None
    doubtful: bool
    explain: str = ""
    note: str = ""

    @property
    def wrong(self) -> bool:
        return self.is_article != self.positive


def score(set_name: str, name: str, url: str, body: bytes, content_type: str, positive: bool, note: str = "") -> Scored:
    try:
        result = extract(url, body, {"Content-Type": content_type})
    except ExtractionError as exc:
        return Scored(set_name, name, url, positive, False, exc.reason, None, False, note=note)
    kind = result.kind
    return Scored(set_name, name, url, positive, result.is_article, result.reason,
                  kind.score if kind else None, result.doubtful, kind.explain() if kind else "", note)


def benchmark_pages(bench_dir: Path):
    data = bench_dir / "article-extraction-benchmark"
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    for item_id, entry in sorted(truth.items()):
        body = gzip.decompress((data / "html" / f"{item_id}.html.gz").read_bytes())
        yield item_id[:12], entry.get("url") or f"https://benchmark.invalid/{item_id}", body, BENCH_CTYPE


def legacy_pages(paths):
    import legacy_site

    for path in paths:
        status, ctype, body = legacy_site.render(path)
        if status == 200:
            yield path, LEGACY_BASE + path, body, ctype


def sample_pages(positive: bool):
    from sample_site import expected
    from sample_site.server import SITES

    for site_name, site_cls in SITES.items():
        base = SAMPLE_BASES[site_name]
        site = site_cls(base)
        paths = ([a["path"] for a in expected.expected_articles(site_name)] if positive
                 else expected.non_article_paths(site_name))
        for path in paths:
            response = site.handle(path)
            if response.status == 200 and response.content_type.startswith("text/html"):
                yield f"{site_name}{path}", base + path, response.body, response.content_type


def hostile_pages(positive: bool):
    from hostile_site import GOOD_ARTICLES, HostileServer

    paths = GOOD_ARTICLES if positive else HOSTILE_NEGATIVES
    with HostileServer(stall_seconds=0.1) as server:
        for path in paths:
            try:
                with urlopen(server.base_url + path, timeout=10) as response:
                    status, ctype, body = response.status, response.headers.get("Content-Type", ""), response.read()
            except HTTPError as exc:
                status, ctype, body = exc.code, "", b""
            if status == 200 and ctype.startswith("text/html"):
                yield path, server.base_url + path, body, ctype


def corpus_pages():
    from data.pagekind import all_pages

    for page in all_pages():
        yield page


def run_sets(bench_dir: Path) -> list[tuple[str, bool, list[Scored]]]:
    import legacy_site

    sets = [
        ("benchmark", True, benchmark_pages(bench_dir)),
        ("legacy-articles", True, legacy_pages(legacy_site.article_paths())),
        ("sample-articles", True, sample_pages(True)),
        ("hostile-articles", True, hostile_pages(True)),
        ("legacy-other", False, legacy_pages(legacy_site.non_article_paths())),
        ("sample-other", False, sample_pages(False)),
        ("hostile-other", False, hostile_pages(False)),
    ]
    out = []
    for set_name, positive, pages in sets:
        out.append((set_name, positive, [score(set_name, name, url, body, ctype, positive)
                                         for name, url, body, ctype in pages]))
    corpus = [score("corpus", p.name, p.url, p.body, p.content_type, False, note=f"{p.markup}/{p.kind}: {p.note}")
              for p in corpus_pages()]
    out.append(("corpus", False, corpus))
    return out


def set_line(set_name: str, positive: bool, rows: list[Scored]) -> str:
    found = sum(r.is_article for r in rows)
    doubtful = sum(r.doubtful for r in rows)
    if positive:
        recall = found / len(rows) if rows else 0.0
        return f"{set_name:17s} pages={len(rows):4d} articles={found:4d} recall={recall:.4f} doubtful={doubtful}"
    return f"{set_name:17s} pages={len(rows):4d} articles={found:4d} false_articles={found} doubtful={doubtful}"


def _row(r: Scored) -> str:
    score_text = "   n/a" if r.score is None else f"{r.score:+6.1f}"
    return f"  {'MISSED' if r.positive else 'FALSE '} {r.set:16s} {r.name:36s} {r.reason:18s} {score_text}  {r.url}"


def threshold_sweep(rows: list[Scored]) -> str:
    """How recall and false articles move with the threshold: the measurement behind THRESHOLD.

    A page is counted an article at threshold t when its score reaches t and
    it was not rejected for another reason (too short, unreadable).
    """
    scored = [r for r in rows if r.score is not None and r.reason in ("article", *_KIND_REASONS)]
    positives = [r for r in scored if r.positive]
    negatives = [r for r in scored if not r.positive]
    lines = [f"threshold sweep (current {THRESHOLD:+.1f}; lowest article score "
             f"{min(r.score for r in positives):+.1f}, highest non-article score "
             f"{max(r.score for r in negatives):+.1f}):"]
    for t in (-1.0, 0.0, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0):
        recall = sum(r.score >= t for r in positives) / len(positives)
        false = sum(r.score >= t for r in negatives)
        lines.append(f"  t={t:+.1f}  article_recall={recall:.4f}  false_articles={false}")
    return "\n".join(lines)


#: Rejections the score decided (as opposed to too_short or unreadable pages).
_KIND_REASONS = ("listing_page", "static_page", "error_page", "no_article_signal")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=REPO.parent / "shared" / "benchmarks")
    parser.add_argument("--explain", action="store_true", help="print the weighed evidence of misclassified pages")
    parser.add_argument("--list-doubtful", action="store_true", help="list negatives flagged doubtful")
    parser.add_argument("--by-markup", action="store_true", help="break the corpus down by markup family")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = run_sets(args.bench_dir)
    for set_name, positive, rows in results:
        print(set_line(set_name, positive, rows))
        if args.by_markup and set_name == "corpus":
            families = defaultdict(list)
            for r in rows:
                families[r.note.split("/", 1)[0]].append(r)
            for family, members in sorted(families.items()):
                print("  " + set_line(family, False, members))
    every = [r for _, _, rows in results for r in rows]
    wrong = [r for r in every if r.wrong]
    print(f"misclassified: {len(wrong)}")
    for r in wrong:
        print(_row(r))
        if args.explain:
            if r.note:
                print(f"      ({r.note})")
            print("\n".join("      " + line for line in (r.explain or "(no page kind: not extractable)").splitlines()))
    if args.list_doubtful:
        doubtful = [r for r in every if not r.positive and r.doubtful]
        print(f"doubtful negatives: {len(doubtful)}")
        for r in doubtful:
            print(f"  DOUBT  {r.set:16s} {r.name:36s} {r.reason:18s} {r.score:+6.1f}  {r.url}")
    positives = [r for r in every if r.positive]
    print(threshold_sweep(every))
    recall = sum(r.is_article for r in positives) / len(positives) if positives else 0.0
    false_articles = sum(r.is_article for r in every if not r.positive)
    print(f"({time.perf_counter() - started:.1f}s)", file=sys.stderr)
    print(f"pagekind: article_recall={recall:.4f} false_articles={false_articles} pages={len(every)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
