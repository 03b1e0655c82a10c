"""Boilerplate learned per source: a paragraph many of a source's articles repeat leaves the body."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import legacy_site
from conftest import REPO, last_job, read_archive, run_crawl
from mini_site import MiniSite, article_html, sitemap_xml
from newsarchive.text import fingerprint
from newsarchive.text.learned import BoilerplateRule, paragraph_key, paragraph_keys, paragraph_words, without
from newsarchive.store.state import SqliteDedupeState

DISCLAIMER = ("ترحب الشبكة بالنقاش الحيوي والمفيد، وننصحك بمراجعة إرشادات الاستخدام قبل كتابة أي تعليق، "
              "علماً أن التعليقات تعبر عن آراء أصحابها ولا تمثل رأي الشبكة.")


def _story(n: int) -> list[str]:
    """Real, distinct stories (the legacy test site's), so none is another's near-duplicate."""
    return list(legacy_site.ARTICLES[n].paragraphs)


def test_keys_count_only_mid_sized_paragraphs():
    assert paragraph_key("(رويترز)") is None  # a credit: too short to learn
    assert paragraph_key(DISCLAIMER) == paragraph_key(DISCLAIMER.replace("،", ""))  # words, not punctuation
    assert paragraph_key("كلمة " * 200) is None  # a long paragraph is the story's own
    assert paragraph_keys("أ\n\nب") == [None, None]


def counts_in(archive, rule: BoilerplateRule):
    """The paragraph counts of a dedupe state in ``archive``."""
    return SqliteDedupeState(archive, boilerplate=rule).paragraphs


def test_one_pass_gives_the_paragraph_keys_and_the_body_words():
    for article in legacy_site.ARTICLES:
        body = "\n\n".join([*article.paragraphs, DISCLAIMER])
        per_paragraph = paragraph_words(body)
        assert [w for tokens in per_paragraph for w in tokens] == fingerprint.words(body)
        assert paragraph_keys(body) == [paragraph_key(p) for p in body.split("\n\n")]


def test_learned_needs_enough_articles_and_share(tmp_path):
    counts = counts_in(tmp_path, BoilerplateRule(min_articles=3, min_share=0.5))
    key = paragraph_key(DISCLAIMER)
    for n in range(2):
        counts.add("site", [key, paragraph_key(_story(n)[0])])
    assert counts.learned("site") == frozenset()  # in 2 articles: below 3
    counts.add("site", [key])
    assert counts.learned("site") == {key}
    for n in range(3, 10):  # now in 3 of 10: below half
        counts.add("site", [paragraph_key(_story(n)[0])])
    assert counts.learned("site") == frozenset()
    assert counts.learned("other") == frozenset()  # per source


def test_counts_stay_bounded_and_keep_what_recurs(tmp_path):
    counts = counts_in(tmp_path, BoilerplateRule(min_articles=2, min_share=0.0, max_keys=50))
    key = paragraph_key(DISCLAIMER)
    for n in range(200):  # 200 articles of unique paragraphs each
        counts.add("site", [key, paragraph_key(f"فقرة فريدة رقم {n} من خبر مختلف عن سواه في الموقع")])
    held = counts.db.execute("SELECT count(*) FROM paragraphs WHERE source = 'site'").fetchone()[0]
    assert held == counts.keys_held("site") <= 50
    assert key in counts.learned("site")


def test_without_removes_only_learned_paragraphs():
    body = "\n\n".join([*_story(1), DISCLAIMER])
    stripped, removed = without(body, frozenset({paragraph_key(DISCLAIMER)}))
    assert stripped.split("\n\n") == _story(1) and removed == 1
    assert without(body, frozenset()) == (body, 0)


def test_counts_survive_a_restart_of_the_state(tmp_path):
    from crawler.pipelines.archive import append_record
    from newsarchive.record.format import archive_day, day_file, public
    from newsarchive.record.item import new_item
    from newsarchive.store.state import url_keys

    def run(numbers):
        state = SqliteDedupeState(tmp_path, boilerplate=BoilerplateRule(min_articles=3, min_share=0.3))
        for n in numbers:
            body = "\n\n".join([*_story(n), DISCLAIMER])
            fields = {"url": f"https://s.example/n/{n}", "title": "t", "body": body, "related": [],
                      "published_at": "2020-01-02T10:00:00+00:00", "modified_at": None, "authors": [],
                      "section": None, "tags": [], "language": "ar"}
            record = public(new_item(fields, source="s"))
            path = day_file(tmp_path, "s", archive_day(record))
            state.commit(record, url_keys(record["url"]), state.policy.of_body(body),
                         lambda rec: append_record(tmp_path, path, rec), [k for k in paragraph_keys(body) if k])
        learned = state.paragraphs.learned("s")
        state.close()
        return learned

    assert run([1, 2]) == frozenset()
    assert run([3]) == {paragraph_key(DISCLAIMER)}  # two articles from the first run, one from this
    reopened = SqliteDedupeState(tmp_path, boilerplate=BoilerplateRule(min_articles=3, min_share=0.3))
    assert reopened.paragraphs.learned("s") == {paragraph_key(DISCLAIMER)}
    reopened.close()


def _publish(site: MiniSite, count: int, first_modified: str = "2020-03-01T10:00:00+00:00") -> None:
    site.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow:\n")
    entries = {}
    for n in range(1, count + 1):
        modified = first_modified if n == 1 else f"2020-03-{n:02d}T10:00:00+00:00"
        site.html(f"/news/{n}", article_html(f"خبر المجلس رقم {n}", [*_story(n), DISCLAIMER],
                                             f"2020-03-{n:02d}T10:00:00+00:00", modified))
        entries[f"/news/{n}"] = modified
    site.xml("/sitemap.xml", sitemap_xml(site.base_url, entries))
    site.html("/", "<html><body class='home'></body></html>")


def test_a_crawl_learns_a_sites_disclaimer_and_later_runs_use_it(tmp_path):
    # Once ten written articles of the source carried the disclaimer (NEWS_BOILERPLATE_MIN_ARTICLES),
    # it is learned: the articles written after them leave it out.
    settings = ["CONCURRENT_REQUESTS=1"]
    with MiniSite() as site:
        _publish(site, 14)
        proc = run_crawl([f"url={site.base_url}/"], tmp_path, settings)
        assert proc.returncode == 0, proc.stderr[-2000:]
        extracted = subprocess.run(
            [sys.executable, "-m", "scrapy", "extract", f"{site.base_url}/news/2", "-s", f"ARCHIVE_DIR={tmp_path}",
             "--explain"], cwd=REPO, capture_output=True, text=True, timeout=120,
            env={**os.environ, "PYTHONPATH": str(REPO)})
        # Article 1 is corrected later (newer lastmod, same story): the disclaimer its archived
        # version still carries is boilerplate now, so losing it is no change of the text.
        _publish(site, 14, first_modified="2020-03-20T10:00:00+00:00")
        refreshed = run_crawl([f"url={site.base_url}/", "refresh=1"], tmp_path, settings)
        assert refreshed.returncode == 0, refreshed.stderr[-2000:]
    records = {r["url"].rsplit("/", 1)[-1]: r for _, r in read_archive(tmp_path)}
    assert len(records) == 14
    assert sum(DISCLAIMER in r["body"] for r in records.values()) == 10
    for n, record in records.items():
        story = _story(int(n))
        assert record["body"].split("\n\n")[:len(story)] == story  # the story itself always stays
    first_stats = json.loads(sorted((tmp_path / ".jobs").glob("*.json"))[0].read_text(encoding="utf-8"))["stats"]
    assert first_stats["news/boilerplate/learned_paragraphs_removed"] == 4
    assert extracted.returncode == 0, extracted.stderr
    assert DISCLAIMER not in json.loads(extracted.stdout)["body"]
    assert "learned boilerplate" in extracted.stderr
    stats = last_job(tmp_path)["stats"]
    assert stats.get("news/refresh/unchanged") == 1 and "news/refresh/new_versions" not in stats
