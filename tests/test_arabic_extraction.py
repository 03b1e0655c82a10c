"""Arabic news pages written to look like real sites, extracted and cleaned as the archive does.

Each ``tests/data/arabic_pages/NAME.html`` has ``NAME.expected.json`` next to
it: the fetch ``url``, the response ``headers``, an optional ``now`` and
``source_encoding`` (the .html files are stored as UTF-8; legacy pages are
re-encoded before extraction, as their server sent them), and the expected
archived fields. Every golden file is complete (``ARTICLE_KEYS`` for
articles, ``OTHER_KEYS`` for other pages), so no field goes unchecked.
``absent`` lists page furniture (share rows, sidebars, read-also lines,
footer, newsletter...) that must not reach the archived body.

Every field is checked by its own test so that one wrong field does not hide
the others.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import pytest

from newsarchive.extract.article import extract
from newsarchive.record.item import new_item
from newsarchive.record.urls import source_name
from newsarchive.text.clean import TATWEEL
from crawler.pipelines.clean import CleanPipeline

PAGES = Path(__file__).parent / "data" / "arabic_pages"
NAMES = sorted(p.name[: -len(".expected.json")] for p in PAGES.glob("*.expected.json"))
#: What every golden file states (``source_encoding`` only for pages served in a legacy charset).
ARTICLE_KEYS = frozenset({"url", "headers", "now", "canonical", "encoding", "is_article", "title",
                          "section", "published_at", "modified_at", "authors", "tags", "language",
                          "paragraphs", "related", "absent"})
OTHER_KEYS = frozenset({"url", "headers", "now", "is_article", "reason"})


def archived(url: str, html_bytes: bytes, headers: dict, now: datetime | None) -> dict:
    """Extract a page and clean its fields the way the archive's CleanPipeline does."""
    result = extract(url, html_bytes, headers, now=now)
    item = new_item(result.fields, source=source_name(url))
    fields = dict(CleanPipeline().process_item(item))
    fields["is_article"] = result.is_article
    fields["reason"] = result.reason
    fields["encoding"] = result.encoding
    return fields


def expected(name: str) -> dict:
    return json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def page(name: str) -> dict:
    exp = expected(name)
    html = (PAGES / f"{name}.html").read_text(encoding="utf-8")
    body = html.encode(exp.get("source_encoding", "utf-8"))
    now = datetime.fromisoformat(exp["now"]) if exp.get("now") else None
    return archived(exp["url"], body, exp["headers"], now)


def _cases(*keys: str, articles_only: bool = True):
    out = []
    for name in NAMES:
        exp = expected(name)
        if articles_only and not exp.get("is_article", True):
            continue
        if all(k in exp for k in keys):
            out.append(pytest.param(name, id=name))
    return out


def _related_key(links):
    return sorted((link["url"], link["title"]) for link in links)


# -- the test data itself --------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_golden_file_is_complete(name):
    exp = expected(name)
    wanted = ARTICLE_KEYS if exp["is_article"] else OTHER_KEYS
    assert set(exp) - {"source_encoding"} == wanted

@pytest.mark.parametrize("name", _cases("paragraphs", articles_only=True))
def test_expected_data_is_consistent(name):
    exp = expected(name)
    body = "\n\n".join(exp["paragraphs"])
    assert unicodedata.is_normalized("NFC", body)
    assert TATWEEL not in body
    assert not [s for s in exp.get("absent", []) if s in body]


# -- page kind -------------------------------------------------------------------------

@pytest.mark.parametrize("name", _cases("is_article", articles_only=False))
def test_is_article(name):
    got, exp = page(name), expected(name)
    assert got["is_article"] is exp["is_article"], got["reason"]
    assert got["reason"] == exp.get("reason", "article")


@pytest.mark.parametrize("name", _cases("encoding"))
def test_encoding(name):
    assert page(name)["encoding"] == expected(name)["encoding"]


@pytest.mark.parametrize("name", _cases("canonical"))
def test_url(name):
    assert page(name)["url"] == expected(name)["canonical"]


# -- body ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", _cases("paragraphs"))
def test_body(name):
    got = page(name)["body"]
    assert got.split("\n\n") == expected(name)["paragraphs"]
    assert got == "\n\n".join(expected(name)["paragraphs"])


@pytest.mark.parametrize("name", _cases())
def test_no_obfuscation_left(name):
    got = page(name)
    for field in ("body", "title"):
        assert TATWEEL not in got[field], field
        assert "ـ." not in got[field] and ".ـ" not in got[field], field


@pytest.mark.parametrize("name", _cases("absent"))
def test_no_boilerplate_in_body(name):
    body = page(name)["body"]
    assert [s for s in expected(name)["absent"] if s in body] == []


# -- metadata --------------------------------------------------------------------------

FIELDS = ("title", "section", "published_at", "modified_at", "authors", "tags", "language")


@pytest.mark.parametrize("name, field", [
    pytest.param(p.values[0], field, id=f"{p.values[0]}-{field}")
    for field in FIELDS for p in _cases(field)
])
def test_field(name, field):
    assert page(name)[field] == expected(name)[field]


@pytest.mark.parametrize("name", _cases("related"))
def test_related(name):
    # The order of related links is not part of the contract; their set is.
    assert _related_key(page(name)["related"]) == _related_key(expected(name)["related"])
