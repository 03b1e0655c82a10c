"""What must never reach the archive in any field: control characters, U+FFFD, absurd sizes.

C0/C1 control characters (a newline survives in bodies only) and the
replacement character U+FFFD left where a page's bytes were not valid in its
charset are taken out; fields of absurd size are cut at a word (a body at a
paragraph). ``crawler.pipelines.clean`` applies these to every item.
"""

from __future__ import annotations

import re


#: Defaults of the settings of the same names.
NEWS_MAX_TITLE_CHARS = 500
NEWS_MAX_BODY_CHARS = 200_000

#: C0 and C1 controls, DEL and U+FFFD; tab, newline and carriage return are spaces
#: or line breaks and are handled by the text rules.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
#: Controls that separate words (vertical tab, form feed, the information
#: separators, NEL) become a space rather than gluing two words together.
_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1f\x85]")
#: Fields of one line that the title limit applies to.
SHORT_FIELDS = ("title", "section")
LIST_FIELDS = ("authors", "tags")


def without_controls(value: str) -> str:
    """The text without control characters and U+FFFD; separators become spaces."""
    if not _CONTROLS.search(value):
        return value
    return _CONTROLS.sub("", _SEPARATORS.sub(" ", value))


def cut(text: str, limit: int, *, at: str = " ") -> str:
    """``text`` shortened to at most ``limit`` characters, at the last ``at`` that fits.

    Without such a break in the last fifth of the limit, the cut is hard: a
    field of one unbroken run of letters has no better place.
    """
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut_at = head.rfind(at)
    if at != " " and cut_at < limit * 0.8:
        cut_at = head.rfind(" ")
    if cut_at < limit * 0.8:
        return head.rstrip()
    return head[:cut_at].rstrip()
