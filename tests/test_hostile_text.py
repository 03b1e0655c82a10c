"""Hostile text reaches the archive clean: controls, invalid bytes, absurd sizes, obfuscation."""

from __future__ import annotations

import json

import pytest

from conftest import last_job, read_archive, run_crawl
from mini_site import MiniSite
from newsarchive.text.fields import NEWS_MAX_TITLE_CHARS, cut, without_controls
from crawler.pipelines.clean import CleanPipeline

WORDS = " كلمة" * 1000  # 5,000 characters of title
PARAGRAPHS = [
    "شنت الطائرات غ.ارة على أطراف المدينة صباح اليوم، وأفادت مصادر محلية بأن ا.لقصف طال مواقع عدة.",
    "وقالت إد.ارة المستشفى إن الجرح.ى، وبينهم أطفال، نقلوا إلى أقسام الطوارئ في المدينة ومحيطها.",
    "وأكد ال.جيش أن الدفاعات الجوية تصدت لهجوم صاروخ.ي، فيما نفى العدوا.ن أي مسؤولية عن الحادثة.",
]
CLEAN = [
    "شنت الطائرات غارة على أطراف المدينة صباح اليوم، وأفادت مصادر محلية بأن القصف طال مواقع عدة.",
    "وقالت إدارة المستشفى إن الجرحى، وبينهم أطفال، نقلوا إلى أقسام الطوارئ في المدينة ومحيطها.",
    "وأكد الجيش أن الدفاعات الجوية تصدت لهجوم صاروخي، فيما نفى العدوان أي مسؤولية عن الحادثة.",
]


def _hostile_page() -> bytes:
    ld = {"@type": "NewsArticle", "headline": "عنوان\u0000 الخبر" + WORDS,
          "datePublished": "2020-02-02T10:00:00+02:00", "author": {"name": "سمير\u0007 حداد"},
          "articleSection": "محل\u0085يات"}
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (f'<html lang="ar"><head><meta charset="utf-8"><title>{WORDS}</title>'
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
            f'<body class="single single-post"><article><h1>عنوان\x01 الخبر {WORDS}</h1>{body}'
            f'<p>فقرة فيها بايتات تالفة BROKEN تبقى مع ذلك جزءاً من الخبر المنشور في الموقع.</p>'
            f'</article></body></html>').encode("utf-8")
    # One paragraph's bytes are invalid UTF-8 in a page that says it is UTF-8.
    return html.replace(b"BROKEN", b"\xff\xfe\xc3\x28\xe2\x82")


def test_a_hostile_page_is_archived_clean(tmp_path, validate_record):
    site = MiniSite()
    site.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow:\n")
    site.html("/", '<html><body class="home"><a href="/2020/02/02/hostile-story/">خبر</a></body></html>')
    site.pages["/2020/02/02/hostile-story/"] = ("text/html; charset=utf-8", _hostile_page())
    with site:
        proc = run_crawl([f"url={site.base_url}/"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    [(_, record)] = read_archive(tmp_path)  # read_archive also checks every line against the schema
    text = json.dumps(record, ensure_ascii=False)
    assert not any(c in text for c in ("\x00", "\x01", "\x07", "\x85", "\ufffd"))
    assert "\\u00" not in json.dumps(record)  # no escaped control either
    assert len(record["title"]) <= NEWS_MAX_TITLE_CHARS and record["title"].startswith("عنوان الخبر كلمة")
    assert record["title"].endswith("كلمة")  # cut at a word boundary
    assert record["authors"] == ["سمير حداد"] and record["section"] == "محل يات"
    paragraphs = record["body"].split("\n\n")
    assert paragraphs[:3] == CLEAN
    assert paragraphs[3] == "فقرة فيها بايتات تالفة ( تبقى مع ذلك جزءاً من الخبر المنشور في الموقع."
    stats = last_job(tmp_path)["stats"]
    assert stats["news/truncated/title"] == 1
    assert stats["news/cleaned/control_characters"] == 1


@pytest.mark.parametrize("value, expected", [
    ("a\x00b", "ab"), ("a\x0cb", "a b"), ("نص\u0085آخر", "نص آخر"), ("x\ufffdy", "xy"),
    ("سطر\nآخر", "سطر\nآخر"), ("tab\there", "tab\there"), ("\x9b\x7f", ""),
])
def test_controls_go_separators_become_spaces(value, expected):
    assert without_controls(value) == expected


def test_cut_at_a_word_or_paragraph_boundary():
    assert cut("abc defghi jk", 12) == "abc defghi"
    assert cut("x" * 20, 10) == "x" * 10  # no boundary: a hard cut
    assert cut("aaaa bbbb cccc\n\ndddd", 17, at="\n\n") == "aaaa bbbb cccc"
    assert cut("short", 10) == "short"


def test_sizes_and_counts_in_the_pipeline():
    class Stats(dict):
        def inc_value(self, key):
            self[key] = self.get(key, 0) + 1

    stats = Stats()
    pipeline = CleanPipeline(stats, max_title=20, max_body=50)
    item = _item(url="https://x.example/a", title="كلمة " * 10, section="قسم", authors=["اسم " * 10],
                 tags=["وسم"], related=[{"url": "https://x.example/b", "title": "رابط " * 10}],
                 body="فقرة " * 9 + "\n\n" + "ثانية " * 20)
    assert pipeline.process_item(item) is item
    assert len(item["title"]) <= 20 and len(item["authors"][0]) <= 20 and len(item["related"][0]["title"]) <= 20
    assert item["body"] == ("فقرة " * 9).strip()  # cut where the first paragraph ends
    assert stats == {"news/truncated/title": 1, "news/truncated/authors": 1, "news/truncated/related": 1,
                     "news/truncated/body": 1}


class _Stats(dict):
    def inc_value(self, key):
        self[key] = self.get(key, 0) + 1


def _item(**fields) -> dict:
    from newsarchive.record.item import new_item

    base = {"url": "https://x.example/2020/02/02/a", "title": "عنوان", "body": "نص الخبر.",
            "related": [], "published_at": "2020-02-02T10:00:00+02:00", "modified_at": None,
            "authors": [], "section": None, "tags": [], "language": "ar"}
    return new_item({**base, **fields}, source="x.example")


def test_validate_passes_a_record_as_it_will_be_written():
    from crawler.pipelines.validate import ValidatePipeline

    stats = _Stats()
    item = _item()
    assert ValidatePipeline(stats).process_item(item) is item and stats == {}


@pytest.mark.parametrize("fields, where", [
    ({"published_at": "yesterday"}, "published_at"),
    ({"language": "Arabic"}, "language"),
    ({"related": [{"url": "javascript:alert(1)", "title": "x"}]}, "related/0/url"),
    ({"authors": "one name"}, "authors"),
])
def test_validate_drops_what_the_schema_rejects_with_a_reason(fields, where):
    from scrapy.exceptions import DropItem

    from crawler.pipelines.validate import ValidatePipeline

    stats = _Stats()
    with pytest.raises(DropItem) as dropped:
        ValidatePipeline(stats).process_item(_item(**fields))
    assert str(dropped.value).startswith("schema_invalid: https://x.example/2020/02/02/a: schema: " + where)
    assert stats == {"news/dropped/schema_invalid": 1}
