"""Publication-date benchmark: our extraction against htmldate extensive, in one run.

Runs on the shared date benchmark in ../shared/benchmarks/dates (800 real
pages with the publication day a person determined) and scores both systems
with that folder's evaluate_dates.py. Ours is scored on ``published_at`` as
the archive stores it (the pipelines keep the ISO string unchanged), whose
first ten characters are the site's local day; htmldate runs with the options
of its own published evaluation (``extensive_search=True, original_date=True``)
plus the page's URL, which the benchmark counts as evidence. Prints F1,
precision, recall and ms/page for both and ends with one line:

    dates: f1=… precision=… recall=… htmldate_f1=… ms_per_page=… htmldate_ms_per_page=… pages=800

Usage: .venv/bin/python bench/dates.py [--bench-dir DIR] [--out DIR] [--per-item]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import htmldate  # noqa: E402
from charset_normalizer import from_bytes  # noqa: E402

from newsarchive.extract.article import ExtractionError, extract  # noqa: E402

_SCORE_LINE = re.compile(r"^dates: f1=(?P<f1>[\d.]+) precision=(?P<p>[\d.]+) recall=(?P<r>[\d.]+)", re.M)


def ours(url: str, html: bytes) -> tuple[str | None, str | None]:
    """(published day, winning source) as the archive would hold them."""
    try:
        result = extract(url, html, {}, min_chars=0)
    except ExtractionError:
        return None, None
    published = result.fields.get("published_at")
    return (published[:10] if published else None), result.sources.get("published_at")


def htmldate_extensive(url: str, html: bytes) -> tuple[str | None, str | None]:
    """htmldate as its own evaluation runs it: on the page decoded to text when possible."""
    return htmldate.find_date(_as_text(html), url=url, extensive_search=True, original_date=True), "htmldate"


def _as_text(html: bytes) -> str | bytes:
    """UTF-8, else the detected charset, else the bytes (htmldate's evaluation reads pages so)."""
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(html).best()
        return str(best) if best is not None else html


def run(system, pages: dict[str, tuple[str, bytes]]) -> tuple[dict, dict, float]:
    predictions, sources, started = {}, {}, time.perf_counter()
    for item_id, (url, html) in pages.items():
        predictions[item_id], sources[item_id] = system(url, html)
    return predictions, sources, (time.perf_counter() - started) * 1000 / len(pages)


def score(evaluator: Path, predictions_file: Path) -> dict[str, float]:
    """The shared evaluator's figures, run as its authors run it."""
    out = subprocess.run([sys.executable, str(evaluator), str(predictions_file)],
                         check=True, capture_output=True, text=True).stdout
    m = _SCORE_LINE.search(out)
    if m is None:
        raise SystemExit(f"unexpected evaluator output:\n{out}")
    return {"f1": float(m["f1"]), "precision": float(m["p"]), "recall": float(m["r"])}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=REPO.parent / "shared" / "benchmarks")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--per-item", action="store_true",
                        help="write and print the pages each system got wrong (TSV)")
    args = parser.parse_args(argv)
    data = args.bench_dir / "dates"
    truth = json.loads((data / "truth.json").read_text(encoding="utf-8"))
    pages = {item_id: (entry["url"], gzip.decompress((data / "pages" / f"{item_id}.html.gz").read_bytes()))
             for item_id, entry in sorted(truth.items())}
    args.out.mkdir(parents=True, exist_ok=True)
    # Warm both up (imports, dateparser locales) so timing compares steady states.
    first = next(iter(pages.values()))
    ours(*first), htmldate_extensive(*first)
    results = {}
    for name, system in (("ours", ours), ("htmldate", htmldate_extensive)):
        predictions, sources, ms = run(system, pages)
        predictions_file = args.out / f"dates_{name}.json"
        predictions_file.write_text(json.dumps(predictions, indent=0), encoding="utf-8")
        metrics = score(data / "evaluate_dates.py", predictions_file)
        results[name] = (metrics, ms)
        print(f"{name:9s} F1={metrics['f1']:.4f} precision={metrics['precision']:.4f} "
              f"recall={metrics['recall']:.4f} ms/page={ms:.1f}")
        if args.per_item:
            wrong = [(item_id, truth[item_id]["date"], predictions[item_id], sources[item_id])
                     for item_id in truth if predictions[item_id] != truth[item_id]["date"]]
            with open(args.out / f"dates_{name}.tsv", "w", encoding="utf-8") as fh:
                fh.write("id\ttruth\tpredicted\tsource\turl\n")
                for item_id, right, got, source in wrong:
                    fh.write(f"{item_id}\t{right}\t{got}\t{source}\t{truth[item_id]['url']}\n")
            print(f"  {len(wrong)} pages wrong or unanswered: {args.out / f'dates_{name}.tsv'}")
    (m, ms), (hm, hms) = results["ours"], results["htmldate"]
    print(f"dates: f1={m['f1']:.4f} precision={m['precision']:.4f} recall={m['recall']:.4f} "
          f"htmldate_f1={hm['f1']:.4f} ms_per_page={ms:.1f} htmldate_ms_per_page={hms:.1f} pages={len(pages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
