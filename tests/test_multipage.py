"""Multi-page articles (rel=next, /2/, ?page=2) become one record with every page's text."""

from __future__ import annotations

from conftest import last_job, read_archive, run_crawl
from multipage_site import PAGES, SITEMAP_ONLY, multipage_site, page_url


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
    assert last_job(tmp_path)["stats"]["news/multipage/parts_joined"] == sum(len(p) - 1 for p in PAGES.values())
    # The sitemap-only article: found through the news sitemap, page 2 fetched once, as its part.
    for first in SITEMAP_ONLY:
        assert "/news-sitemap.xml" in server.hits and first in server.hits
        assert server.hits.count(page_url(first, 2)) == 1
