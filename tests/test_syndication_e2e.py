"""End to end: a second site republishes the sample site's stories with light edits.

Real `scrapy crawl news` processes: the wasila sample site first, then a
MiniSite whose articles are wasila stories with a dateline added, a word
changed, the last paragraph cut (and all three at once), one of them twice
(an edited same-source copy), and two different stories of one agency
template.
"""

from __future__ import annotations

import random
import sys
from urllib.parse import urlsplit

import pytest

from conftest import REPO, last_job, read_archive, run_crawl
from mini_site import MiniSite, article_html, sitemap_xml
from newsarchive.text import fingerprint
from sample_site.content import WASILA_BY_SLUG
from sample_site.server import SampleServer

sys.path.insert(0, str(REPO / "bench"))
import neardup  # noqa: E402

PUBLISHED = "2019-12-22T10:00:00+03:00"


def _story(slug: str) -> neardup.Story:
    post = WASILA_BY_SLUG[slug]
    return neardup.Story(slug, post.title, tuple(post.clean))


def _edit(slug: str, edit: str) -> neardup.Story:
    return next(copy for name, copy in neardup.copies(_story(slug), 1) if name == edit)


#: path on the reprint site → (wasila slug it copies or None, the story it prints)
REPRINTS = {
    "/news/dateline": ("caesar-act-signed", _edit("caesar-act-signed", "dateline")),
    "/news/one-word": ("winter-storm-camps", _edit("winter-storm-camps", "1 word")),
    "/news/last-cut": ("daraa-assassinations", _edit("daraa-assassinations", "last paragraph cut")),
    "/news/all-three": ("syrian-pound-record-low", _edit("syrian-pound-record-low", "dateline+cut+2 words")),
}
#: The same source prints its copy of caesar-act-signed twice, edited again.
SAME_SOURCE = ("/news/dateline-again", neardup.Story(
    "again", "متابعات: " + WASILA_BY_SLUG["caesar-act-signed"].title,
    neardup.change_words(REPRINTS["/news/dateline"][1].paragraphs, 2, random.Random(3))))
#: The benchmark's most similar pair of different stories (shared boilerplate, Jaccard 0.53).
_, THEME_A, THEME_B = max(neardup.template_pairs(), key=lambda p: fingerprint.jaccard(p[1].body, p[2].body))
TEMPLATE = {"/news/bulletin-monday": THEME_A, "/news/bulletin-tuesday": THEME_B}


def _publish(site: MiniSite) -> None:
    pages = {path: story for path, (_, story) in REPRINTS.items()}
    pages[SAME_SOURCE[0]] = SAME_SOURCE[1]
    pages.update(TEMPLATE)
    for path, story in pages.items():
        title = story.title or "النشرة اليومية"
        if path in TEMPLATE:
            title += " " + path.rsplit("-", 1)[1]
        site.html(path, article_html(title, list(story.paragraphs), PUBLISHED, PUBLISHED))
    site.xml("/sitemap.xml", sitemap_xml(site.base_url, {p: PUBLISHED for p in pages}))
    site.html("/", "<html><body class='home'></body></html>")
    site.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow:\n")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    archive = tmp_path_factory.mktemp("syndication")
    with SampleServer("wasila") as wasila:
        proc = run_crawl([f"url={wasila.base_url}/"], archive)
        assert proc.returncode == 0, proc.stderr[-3000:]
        wasila_base = wasila.base_url
    with MiniSite() as reprint:
        _publish(reprint)
        proc = run_crawl([f"url={reprint.base_url}/"], archive)
        assert proc.returncode == 0, proc.stderr[-3000:]
        reprint_base = reprint.base_url
    records = [r for _, r in read_archive(archive)]
    by_site = {
        "wasila": {urlsplit(r["url"]).path: r for r in records if r["url"].startswith(wasila_base + "/")},
        "reprint": {urlsplit(r["url"]).path: r for r in records if r["url"].startswith(reprint_base + "/")},
    }
    return by_site, last_job(archive)


def test_edited_copies_point_to_the_original(crawled):
    by_site, report = crawled
    wasila, reprint = by_site["wasila"], by_site["reprint"]
    for path, (slug, story) in REPRINTS.items():
        if path == "/news/dateline" and path not in reprint:
            path = SAME_SOURCE[0]  # the crawl met the other same-source copy first
        record = reprint[path]
        assert record["body"] == story.body or path == SAME_SOURCE[0]
        assert record["duplicate_of"] == wasila[WASILA_BY_SLUG[slug].path]["id"], path
    assert report["stats"]["news/duplicates/cross_source"] == len(REPRINTS)


def test_edited_same_source_copy_is_dropped(crawled):
    by_site, report = crawled
    assert len({"/news/dateline", SAME_SOURCE[0]} & set(by_site["reprint"])) == 1
    assert report["stats"]["news/duplicates/content"] == 1


def test_different_story_of_one_template_is_not_linked(crawled):
    by_site, _ = crawled
    for path in TEMPLATE:
        assert by_site["reprint"][path]["duplicate_of"] is None, path
    assert len(by_site["reprint"]) == len(REPRINTS) + len(TEMPLATE)
    assert all(r["duplicate_of"] is None for r in by_site["wasila"].values())
