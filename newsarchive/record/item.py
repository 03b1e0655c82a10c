"""The record as a Scrapy item, and the pipelines' notes that travel with it.

A ``NewsRecord`` declares exactly the schema's fields, in ``FIELDS`` order,
so whatever Scrapy does with an item (feed exports, ``ItemAdapter``, the log)
sees the record and nothing else. What the pipelines tell each other about
an article (its URL aliases, the profile's boilerplate, paragraph keys,
fingerprint, URL keys) is not part of the record: it lives in a
``RecordNotes`` kept as the item's private attribute ``_notes``, which Scrapy's
``Item`` allows and neither ``ItemAdapter`` nor any exporter reads.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import scrapy

from newsarchive.record.format import FIELDS, SCHEMA_VERSION
from newsarchive.record.urls import record_id


@dataclass
class RecordNotes:
    """What the spider and the pipelines know about a record but do not archive."""

    #: Other URLs of the article (redirects, later pages): more URL keys for dedupe.
    aliases: list[str] = field(default_factory=list)
    #: The site profile's boilerplate phrases, for the clean pipeline.
    boilerplate: tuple[str, ...] = ()
    #: Keys of the body's paragraphs before learned boilerplate came out (learned pipeline).
    paragraphs: list[str] = field(default_factory=list)
    #: URL keys of the article, from its URL and aliases (dedupe pipeline).
    keys: list[str] = field(default_factory=list)
    #: The body's ``newsarchive.text.fingerprint.Fingerprint`` (dedupe pipeline).
    fingerprint: Any = None
    #: The body as the learned pipeline left it, split into paragraphs' words once
    #: (``newsarchive.text.learned.SplitBody``): fingerprinted and keyed from that.
    split: Any = None


class NewsRecord(scrapy.Item):
    """One archived article: the fields of ``record.schema.json``, in ``FIELDS`` order."""

    id = scrapy.Field()
    source = scrapy.Field()
    url = scrapy.Field()
    title = scrapy.Field()
    body = scrapy.Field()
    related = scrapy.Field()
    published_at = scrapy.Field()
    modified_at = scrapy.Field()
    authors = scrapy.Field()
    section = scrapy.Field()
    tags = scrapy.Field()
    language = scrapy.Field()
    crawled_at = scrapy.Field()
    schema_version = scrapy.Field()
    duplicate_of = scrapy.Field()
    version = scrapy.Field()
    warc = scrapy.Field()

    def copy(self):
        """A shallow copy that keeps the notes (``Item.copy`` rebuilds from the fields only)."""
        twin = super().copy()
        twin._notes = copy.copy(notes_of(self))
        return twin


def notes_of(item: NewsRecord) -> RecordNotes:
    """The item's notes, created empty the first time they are asked for.

    Only a ``NewsRecord`` carries notes: build items with ``new_item``.
    """
    if not isinstance(item, NewsRecord):
        raise TypeError(f"notes_of() needs a NewsRecord (see new_item()), not {type(item).__name__}")
    notes = getattr(item, "_notes", None)
    if notes is None:
        notes = item._notes = RecordNotes()
    return notes


def new_item(fields: dict, *, source: str, aliases=(), boilerplate=(),
             crawled_at: datetime | None = None) -> NewsRecord:
    """An item as the spider hands it to the pipelines.

    Every field is set (unknown ones None) so the item is a whole record at
    every stage; ``fields`` are the extracted ones (other keys are ignored),
    the id, source, capture time and first version are decided here.
    """
    moment = crawled_at or datetime.now(timezone.utc)
    item = NewsRecord(dict.fromkeys(FIELDS))
    item["id"] = record_id(fields["url"])
    item.update({k: v for k, v in fields.items() if k in FIELDS})
    item.update(source=source, crawled_at=moment.astimezone(timezone.utc).isoformat(timespec="seconds"),
                schema_version=SCHEMA_VERSION, duplicate_of=None, version=1)
    notes = notes_of(item)
    notes.aliases, notes.boilerplate = list(aliases), tuple(boilerplate)
    return item
