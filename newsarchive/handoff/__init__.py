"""Handing an archive to researchers: ``scrapy pack`` and ``scrapy verify``.

A pack is one deliverable (a .tar.gz, a .zip or a folder) laid out as::

    manifest.json          what is inside: sha256, bytes, records per file; totals; jobs; filters
    schema.json            the record JSON Schema (a copy of newsarchive/record/record.schema.json)
    DATASHEET.md           generated description: sources, counts, cleaning, coverage, fields
    data/<source>/<day>.jsonl[.gz]   the selected day files (complete lines only)
    index/<source>/<day>.lines       one short SHA-256 per line, so verify can name a changed line
    raw/<name>.warc.gz     raw captures referenced by the packed records, when the archive has them

Everything is streamed: files are hashed while they are copied in chunks, so
packing and verifying need bounded memory whatever the archive's size.
"""

from newsarchive.handoff.layout import (  # noqa: F401
    DATASHEET_NAME,
    MANIFEST_NAME,
    SCHEMA_NAME,
)
