"""The Scrapy item of a record: the schema's fields only, the pipelines' notes beside them."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timezone

import pytest
from itemadapter import ItemAdapter
from scrapy import Request
from scrapy.utils.request import request_from_dict

from newsarchive.record.format import FIELDS, SCHEMA_VERSION, load_schema, to_line
from newsarchive.record.item import NewsRecord, RecordNotes, new_item, notes_of
from newsarchive.record.urls import record_id

FIELDS_OF_PAGE = {"url": "https://x.example/2020/02/02/a", "title": "عنوان", "body": "نص الخبر.",
                  "related": [], "published_at": "2020-02-02T10:00:00+02:00", "modified_at": None,
                  "authors": ["سمير حداد"], "section": None, "tags": [], "language": "ar"}


def test_the_item_declares_the_schema_fields_in_field_order():
    assert tuple(NewsRecord.fields) == FIELDS
    assert tuple(load_schema()["properties"]) == FIELDS


def test_new_item_sets_every_field_and_keeps_aliases_and_boilerplate_as_notes():
    moment = datetime(2020, 2, 2, 9, 30, tzinfo=timezone.utc)
    item = new_item({**FIELDS_OF_PAGE, "canonical": "ignored"}, source="x.example",
                    aliases=["https://x.example/?p=1"], boilerplate=["تابعونا"], crawled_at=moment)
    assert isinstance(item, NewsRecord) and list(item) == list(FIELDS)
    assert item["id"] == record_id(FIELDS_OF_PAGE["url"]) and item["source"] == "x.example"
    assert item["crawled_at"] == "2020-02-02T09:30:00+00:00"
    assert (item["warc"], item["duplicate_of"], item["version"], item["schema_version"]) == (None, None, 1, SCHEMA_VERSION)
    assert notes_of(item) == RecordNotes(aliases=["https://x.example/?p=1"], boilerplate=("تابعونا",))
    assert not any(name.startswith("_") for name in ItemAdapter(item).asdict())


def test_notes_are_not_fields():
    item = new_item(FIELDS_OF_PAGE, source="x.example")
    notes_of(item).keys = ["k"]
    assert notes_of(item).keys == ["k"]
    assert json.loads(to_line(item)).keys() == set(FIELDS)
    with pytest.raises(KeyError):
        item["_keys"] = ["k"]


def test_only_a_news_record_has_notes():
    with pytest.raises(TypeError, match="NewsRecord"):
        notes_of(dict(FIELDS_OF_PAGE))
    assert notes_of(NewsRecord()) == RecordNotes()  # created empty on first use


def test_a_copy_keeps_the_notes():
    item = new_item(FIELDS_OF_PAGE, source="x.example", aliases=["https://x.example/b"])
    twin = item.copy()
    assert dict(twin) == dict(item) and notes_of(twin) == notes_of(item)


@pytest.mark.parametrize("protocol", [4, pickle.HIGHEST_PROTOCOL])
def test_the_item_survives_pickling_with_its_notes(protocol):
    """JOBDIR disk queues pickle request meta (protocol 4), which carries a multi-page article's item."""
    item = new_item(FIELDS_OF_PAGE, source="x.example", aliases=["https://x.example/a/2/"],
                    boilerplate=("تابعونا",))
    item["body"] += "\n\nالصفحة الثانية."
    back = pickle.loads(pickle.dumps(item, protocol=protocol))
    assert isinstance(back, NewsRecord) and dict(back) == dict(item)
    assert notes_of(back) == notes_of(item)


def test_a_queued_request_carries_the_item_and_its_notes():
    item = new_item(FIELDS_OF_PAGE, source="x.example", aliases=["https://x.example/a/2/"])
    request = Request("https://x.example/a/2/", meta={"news_item": item})
    back = request_from_dict(pickle.loads(pickle.dumps(request.to_dict(), protocol=4)))
    assert dict(back.meta["news_item"]) == dict(item)
    assert notes_of(back.meta["news_item"]).aliases == ["https://x.example/a/2/"]
