"""Multi-page articles (rel=next, /2/, ?page=2) become one record with every page's text."""

from __future__ import annotations

from conftest import read_archive, run_crawl
from multipage_site import PAGES, multipage_site


def test_pages_are_joined_into_one_record(tmp_path, validate_record):
    with multipage_site() as server:
        proc = run_crawl([f"url={server.base_url}/"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = {r["url"][len(server.base_url):]: r for _, r in read_archive(tmp_path)}
    assert sorted(records) == sorted(PAGES)
    for first, pages in PAGES.items():
        record = records[first]
        validate_record(record)
        assert record["body"] == "\n\n".join(p for page in pages for p in page)
