"""Feed exports in the archive's own line format.

``scrapy crawl news -O feed.jsonl`` should give what the archive holds, not
a second rendering of it: ``RecordLinesExporter`` writes each item as
``to_line`` does for the day files (schema order, every field, UTF-8), so a
feed line and the archived line of the same record are the same bytes.
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exporters import BaseItemExporter

from newsarchive.record.format import FIELDS, to_line

logger = logging.getLogger(__name__)


class RecordLinesExporter(BaseItemExporter):
    """JSON lines exactly as ``ARCHIVE_DIR/<source>/<day>.jsonl`` has them.

    The line format is the archive's, so the options that would change it
    are not applied: the encoding is always UTF-8, and ``FEED_EXPORT_FIELDS``
    other than the schema's fields in schema order is ignored, with a warning.
    """

    def __init__(self, file, **kwargs: Any):
        super().__init__(dont_fail=True, **kwargs)
        self.file = file
        if self.fields_to_export is not None and list(self.fields_to_export) != list(FIELDS):
            logger.warning("%s writes whole archive records; fields_to_export %r is ignored",
                           type(self).__name__, self.fields_to_export)
        if self.encoding and self.encoding.replace("-", "").lower() != "utf8":
            logger.warning("%s writes UTF-8 like the archive; encoding %r is ignored",
                           type(self).__name__, self.encoding)

    def export_item(self, item: Any) -> None:
        self.file.write(to_line(ItemAdapter(item)))
