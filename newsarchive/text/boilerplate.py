"""Phrase lists and line predicates for page furniture around article text.

The same predicates serve two callers: the HTML extraction (to recognise
blocks such as "related articles" before they are flattened) and
``newsarchive.text.clean.clean_body`` (as the last line of defence on plain text).
Both compare on ``fold(text)``, a spelling-insensitive key, because Arabic
sites write the same label many ways (أ/ا, ى/ي, ة/ه, with or without harakat
or tatweel, framed by ":" or "»").

Every predicate is conservative: a long paragraph (more than
``LONG_PARAGRAPH_WORDS`` words) is real text, whatever phrases it contains,
unless it opens with a "read also" prefix. Dropping article text is worse
than keeping a stray label.

The lists are plain tuples so that a site profile or a later change can
extend them; they are folded once at import time.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

__all__ = [
    "READ_ALSO",
    "RELATED_HEADINGS",
    "SIDEBAR_HEADINGS",
    "BACK_TO_TOP",
    "SHARE",
    "SHARE_FILLERS",
    "NEWSLETTER",
    "COPYRIGHT",
    "LONG_PARAGRAPH_WORDS",
    "SHORT_LINE_WORDS",
    "fold",
    "line_key",
    "is_read_also",
    "read_also_title",
    "is_related_heading",
    "is_sidebar_heading",
    "is_share_row",
    "is_newsletter_line",
    "is_copyright_line",
    "is_call_to_action",
    "CALLS_TO_ACTION",
    "EXACT_FURNITURE",
    "is_back_to_top",
    "is_boilerplate_line",
]

READ_ALSO = (
    "اقرأ أيضاً",
    "إقرأ أيضاً",
    "اقرأ أيضا",
    "اقرا ايضا",
    "اقرأ المزيد",
    "اقرأ كذلك",
    "شاهد أيضاً",
    "طالع أيضاً",
    "يهمك أيضاً",
    "Read also",
    "Read more",
    "See also",
    "See more",
    "Also read",
    "Also see",
    "Read next",
    "Related",
)

RELATED_HEADINGS = (
    "مقالات ذات صلة",
    "أخبار ذات صلة",
    "مواضيع ذات صلة",
    "مقالات مشابهة",
    "قد يهمك أيضاً",
    "Related",
    "Related articles",
    "Related posts",
    "You may also like",
)

SIDEBAR_HEADINGS = (
    "الأكثر قراءة",
    "الأكثر مشاهدة",
    "الأكثر تداولاً",
    "آخر الأخبار",
    "أحدث الأخبار",
    "أخبار عاجلة",
    "Most read",
    "Most popular",
    "Latest news",
    "Trending",
)

BACK_TO_TOP = (
    "زر الذهاب إلى الأعلى",
    "العودة إلى الأعلى",
    "الرجوع للأعلى",
    "Back to top",
    "Scroll to top",
)

SHARE = (
    "شارك",
    "مشاركة",
    "شارك الخبر",
    "فيسبوك",
    "فيس بوك",
    "تويتر",
    "إكس",
    "واتساب",
    "واتس اب",
    "تيليجرام",
    "تلغرام",
    "لينكدإن",
    "بينتيرست",
    "ريديت",
    "البريد الإلكتروني",
    "طباعة",
    "نسخ الرابط",
    "Facebook",
    "Twitter",
    "X",
    "WhatsApp",
    "Telegram",
    "LinkedIn",
    "Pinterest",
    "Reddit",
    "Email",
    "E-mail",
    "Print",
    "Share",
    "Shares",
    "Tweet",
    "Copy link",
    "Messenger",
    "ماسنجر",
)

# Words that may sit between share buttons ("Share on Facebook", "شارك عبر
# واتساب", "شارك هذا المقال") without making the row a sentence. They only
# count alongside at least one real SHARE word.
SHARE_FILLERS = (
    "على",
    "عبر",
    "في",
    "هذا",
    "هذه",
    "المقال",
    "الموضوع",
    "on",
    "via",
    "to",
    "this",
    "article",
    "post",
    "story",
)

NEWSLETTER = (
    "اشترك في النشرة البريدية",
    "اشترك في نشرتنا",
    "النشرة البريدية",
    "Subscribe to our newsletter",
    "Sign up for our newsletter",
)

# Short lines (up to 12 words) that open with one of these multi-word phrases ask the reader to do something
# (comment, subscribe, install an app) or label the page; never article text.
CALLS_TO_ACTION = (
    "أضف تعليق",
    "اترك تعليقاً",
    "اترك تعليقا",
    "لا توجد تعليقات",
    "تابعونا على",
    "تابعنا على",
    "حمل تطبيق",
    "انضم إلى قناتنا",
    "وقت القراءة",
    "مدة القراءة",
    "Leave a comment",
    "Leave a reply",
    "Tell us what you think",
    "Don't miss",
    "Click here to",
    "Thanks for signing up",
    "There was an error processing your subscription",
    "Keep an eye on your inbox",
    "Filed under",
    "Reading time",
    "Tempo de leitura",
    "Follow us on",
    "Sign up for",
    "Subscribe to",
    "Have a tip",
    "Like this story",
    "Popular on",
    "Also on",
    "Get the latest",
    "Join our",
)
# Lines that are furniture only when they are exactly this (after folding).
EXACT_FURNITURE = (
    "Sorry", "Tags", "Share this", "More", "Also", "See more", "Comments", "Comment", "Advertisement", "Sponsored",
    "الوسوم", "كلمات مفتاحية", "التعليقات", "تعليقات", "إعلان",
)
# Page navigation of a multi-page article or a listing: "الصفحات: 1 2 3 التالي".
_PAGINATION_RE = re.compile(
    r"^((الصفحات|الصفحه|صفحه|pages?|seite|التالي|السابق|next|previous|prev|suivant|precedent)\s*)*"
    r"(\d+\s*)+((التالي|السابق|next|previous|prev|suivant|last|الاخيره)\s*)*$")
# "5 comments", "3 min read", "١٢ تعليق".
_COUNTED_FURNITURE_RE = re.compile(
    r"^\d+ (comments?|min read|minutes? read|تعليق|تعليقات|دقائق للقراءة|دقيقة للقراءة)$")

COPYRIGHT = (
    "جميع الحقوق محفوظة",
    "حقوق النشر محفوظة",
    "All rights reserved",
)

# Above this many words a line is treated as a real paragraph.
LONG_PARAGRAPH_WORDS = 25
# Phrases that may also occur in news prose (copyright, newsletter) only
# mark a line as boilerplate when the line is at most this long.
SHORT_LINE_WORDS = 15

# ---------------------------------------------------------------------------
# Folding

# Spelling variants, each mapped to one letter. Plain str.replace calls are
# several times faster on Arabic text than str.translate with a dict or an
# NFKD pass (which would split the hamza off every أ into its own match).
_LETTER_VARIANTS = (
    ("أ", "ا"),
    ("إ", "ا"),
    ("آ", "ا"),
    ("\u0671", "ا"),  # alef wasla
    ("\u0672", "ا"),
    ("\u0673", "ا"),
    ("ؤ", "و"),
    ("ئ", "ي"),
    ("ى", "ي"),
    ("ی", "ي"),  # Farsi yeh, common in copied text
    ("ة", "ه"),
    ("ک", "ك"),
)
# Deleted before comparing: harakat and other combining marks (including a
# hamza typed as a separate mark), tatweel, and the invisible format
# characters that textclean also removes.
_DELETE_RE = re.compile(
    "[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u08d3-\u08ff"
    "\u0640\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]+"
)
# Punctuation and symbols separate words, like whitespace ("_" is handled
# apart: it counts as a word character for the regex engine).
_PUNCT_RE = re.compile(r"[^\w\s]+")
# line_key folds this much of a line first; see there.
_HEAD_CHARS = 250


def _fold_core(s: str) -> str:
    """Fold letters but leave separators; kept char-local so that a folded
    prefix can be mapped back to a position in the raw text."""
    s = unicodedata.normalize("NFKC", s).casefold()
    for variant, letter in _LETTER_VARIANTS:
        if variant in s:
            s = s.replace(variant, letter)
    return _DELETE_RE.sub("", s)


def _separate(s: str) -> str:
    if "_" in s:
        s = s.replace("_", " ")
    return _PUNCT_RE.sub(" ", s)


def fold(s: str | None) -> str:
    """Comparison key: one spelling per label, words separated by one space.

    Alef forms, ى/ي, ة/ه, harakat, tatweel, presentation forms (NFKC), case
    and invisible characters do not matter, and punctuation or symbols count
    as spaces, so ": - – | » «" around or inside a label do not matter
    either. Digits and Latin accents are kept. The key is for comparing
    only, never for display.
    """
    if not s:
        return ""
    return " ".join(_separate(_fold_core(s)).split())


def line_key(text: str | None) -> str:
    """The key the predicates need, computed cheaply for long lines.

    Predicates only look at the opening words of a line and at whether it
    has more than LONG_PARAGRAPH_WORDS words, so for a long paragraph the
    fold of its first few hundred characters is enough. Pass the result as
    ``key=`` when a caller checks one line against several predicates; do
    not use it as a general comparison key (use fold for that).
    """
    if not text:
        return ""
    if len(text) > _HEAD_CHARS:
        head = fold(text[:_HEAD_CHARS])
        # One more word than the limit: the cut may have split the last one.
        if _word_count(head) > LONG_PARAGRAPH_WORDS + 1:
            return head
    return fold(text)


def _fold_all(phrases: Iterable[str]) -> tuple[str, ...]:
    keys = (fold(p) for p in phrases)
    return tuple(dict.fromkeys(k for k in keys if k))


_READ_ALSO_KEYS = _fold_all(READ_ALSO)
_RELATED_KEYS = frozenset(_fold_all(RELATED_HEADINGS))
_SIDEBAR_KEYS = frozenset(_fold_all(SIDEBAR_HEADINGS))
_BACK_TO_TOP_KEYS = frozenset(_fold_all(BACK_TO_TOP))
_NEWSLETTER_KEYS = _fold_all(NEWSLETTER)
_COPYRIGHT_KEYS = _fold_all(COPYRIGHT)
_CALL_KEYS = _fold_all(CALLS_TO_ACTION)
_EXACT_KEYS = frozenset(_fold_all(EXACT_FURNITURE))
_SHARE_PHRASES = frozenset(tuple(k.split()) for k in _fold_all(SHARE))
_SHARE_MAX_WORDS = max(len(p) for p in _SHARE_PHRASES)
_SHARE_FILLER_KEYS = frozenset(_fold_all(SHARE_FILLERS))
# Share counters such as "12" or "1.2k" (folded to "1 2k").
_COUNTER_RE = re.compile(r"\d+[km]?")


@lru_cache(maxsize=256)
def _fold_extra(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return _fold_all(phrases)


def _key(text: str | None, key: str | None) -> str:
    return line_key(text) if key is None else key


def _starts_with_phrase(key: str, phrase: str) -> bool:
    return key == phrase or key.startswith(phrase + " ")


def _contains_phrase(key: str, phrase: str) -> bool:
    return f" {phrase} " in f" {key} "


def _word_count(key: str) -> int:
    return key.count(" ") + 1 if key else 0


# ---------------------------------------------------------------------------
# "Read also" lines

# What may separate a read-also prefix from the linked title. "«" and "‹"
# also serve as arrows, but they usually open a quoted title, so they are
# only dropped when no matching closing quote ends the line.
_SEPARATORS = ":：-‐‑–—|»›>•·"
_OPENING_ARROWS = "«‹"
_PUNCT_SEPARATORS = frozenset(_SEPARATORS + _OPENING_ARROWS)
_LEADING_SEPARATORS_RE = re.compile(f"[\\s{re.escape(_SEPARATORS)}]*")
_QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"', "‹": "›", "„": "“", "'": "'"}
# Harakat and tatweel that still belong to the prefix's last letter.
_TRAILING_MARKS = "\u0640\u064b-\u065f\u0670"
_PREFIX_TAIL_RE = re.compile(f"^[{_TRAILING_MARKS}]+")


def _raw_prefix_end(raw: str, folded_len: int) -> int:
    """Index in ``raw`` just after the characters that fold to the first
    ``folded_len`` characters of ``fold(raw)``."""
    length = 0
    pending_space = False
    for i, ch in enumerate(raw):
        for fc in _separate(_fold_core(ch)):
            if fc.isspace():
                pending_space = length > 0
                continue
            if pending_space:
                length += 1
                pending_space = False
            length += 1
        if length >= folded_len:
            return i + 1
    return len(raw)


def _split_read_also(text: str | None, key: str) -> tuple[str, str] | None:
    """Return (separator run, rest) when ``text`` opens with a read-also
    prefix, else None."""
    if not text:
        return None
    for prefix in _READ_ALSO_KEYS:
        if _starts_with_phrase(key, prefix):
            break
    else:
        return None
    rest = text[_raw_prefix_end(text, len(prefix)):]
    rest = _PREFIX_TAIL_RE.sub("", rest)
    if rest and not (rest[0].isspace() or rest[0] in _PUNCT_SEPARATORS):
        return None  # "اقرأ أيضاً، ..." reads as a sentence, not a label
    separator = _LEADING_SEPARATORS_RE.match(rest).group()
    return separator, rest[len(separator) :]


def is_read_also(text: str | None, *, key: str | None = None) -> bool:
    """A link line to another article ("إقرأ أيضاً: ...").

    The prefix may be followed by ":", a dash or plain whitespace. Because a
    prose sentence can open with the same words ("شاهد أيضاً عدد من ..."),
    a line longer than LONG_PARAGRAPH_WORDS only counts when a punctuation
    separator follows the prefix.
    """
    key = _key(text, key)
    split = _split_read_also(text, key)
    if split is None:
        return False
    separator, _ = split
    if _word_count(key) > LONG_PARAGRAPH_WORDS:
        return any(c in _PUNCT_SEPARATORS for c in separator)
    return True


def read_also_title(text: str | None, *, key: str | None = None) -> str | None:
    """The linked title of a read-also line, without the prefix, the
    separator or a pair of quotes around it; None if the line is not a
    read-also line or carries no title. Not otherwise normalised."""
    key = _key(text, key)
    if not is_read_also(text, key=key):
        return None
    _, title = _split_read_also(text, key)  # type: ignore[misc]
    title = title.strip()
    if len(title) >= 2 and _QUOTE_PAIRS.get(title[0]) == title[-1]:
        title = title[1:-1].strip()
    else:
        title = title.lstrip(_OPENING_ARROWS).lstrip()
    return title or None


# ---------------------------------------------------------------------------
# Headings and furniture


def is_related_heading(text: str | None, *, key: str | None = None) -> bool:
    """The whole text is a "related articles" heading (not a sentence that
    happens to contain the words)."""
    return _key(text, key) in _RELATED_KEYS


def is_sidebar_heading(text: str | None, *, key: str | None = None) -> bool:
    """The whole text is a sidebar heading such as "الأكثر قراءة"."""
    return _key(text, key) in _SIDEBAR_KEYS


def is_back_to_top(text: str | None, *, key: str | None = None) -> bool:
    """Theme buttons like "زر الذهاب إلى الأعلى" (whole text only)."""
    return _key(text, key) in _BACK_TO_TOP_KEYS


def is_share_row(text: str | None, *, key: str | None = None) -> bool:
    """Every token is share vocabulary, a filler such as "على"/"via", or a
    share counter, and at least one is a real share word. A sentence that
    mentions Facebook has other words and so never matches."""
    words = _key(text, key).split()
    if not words or len(words) > LONG_PARAGRAPH_WORDS:
        return False
    hits = 0
    i = 0
    while i < len(words):
        for n in range(min(_SHARE_MAX_WORDS, len(words) - i), 0, -1):
            if tuple(words[i : i + n]) in _SHARE_PHRASES:
                hits += 1
                i += n
                break
        else:
            word = words[i]
            if word not in _SHARE_FILLER_KEYS and not _COUNTER_RE.fullmatch(word):
                return False
            i += 1
    return hits > 0


def is_newsletter_line(text: str | None, *, key: str | None = None) -> bool:
    """A short line that opens with a newsletter call to action."""
    key = _key(text, key)
    if _word_count(key) > SHORT_LINE_WORDS:
        return False
    return any(_starts_with_phrase(key, p) for p in _NEWSLETTER_KEYS)


def _is_pagination(key: str) -> bool:
    """Page numbers with a navigation word, or two or more page numbers."""
    if not _PAGINATION_RE.match(key):
        return False
    words = key.split()
    return len(words) >= 2


def is_call_to_action(text: str | None, *, key: str | None = None) -> bool:
    """A short line asking the reader to comment, subscribe or follow, or a
    page label ("Tags", "5 comments"); never more than 12 words."""
    key = _key(text, key)
    if _word_count(key) > 12:
        return False
    if key in _EXACT_KEYS or _COUNTED_FURNITURE_RE.match(key) or _is_pagination(key):
        return True
    return any(_starts_with_phrase(key, p) for p in _CALL_KEYS)


def is_copyright_line(text: str | None, *, key: str | None = None) -> bool:
    """A line starting with "©", or a short line containing a copyright
    phrase. Longer lines may quote the phrase and are left alone."""
    key = _key(text, key)
    n = _word_count(key)
    if n > LONG_PARAGRAPH_WORDS:
        return False
    if text and text.lstrip().startswith("©"):
        return True
    return n <= SHORT_LINE_WORDS and any(_contains_phrase(key, p) for p in _COPYRIGHT_KEYS)


def is_boilerplate_line(
    text: str | None,
    extra_phrases: Iterable[str] = (),
    *,
    key: str | None = None,
) -> bool:
    """Whether a single line is furniture rather than article text.

    ``extra_phrases`` come from a site profile; a line matches when it
    equals one or starts with one (whole words, after folding). Related and
    sidebar headings are not included: they announce a block, and what to
    do with the block depends on the caller. ``key`` lets a caller that has
    already folded the line skip folding it again.
    """
    if not text:
        return False
    key = _key(text, key)
    if is_read_also(text, key=key):
        return True
    if is_copyright_line(text, key=key):
        return True
    n = _word_count(key)
    if n == 0 or n > LONG_PARAGRAPH_WORDS:
        return False
    if key in _BACK_TO_TOP_KEYS or is_share_row(text, key=key):
        return True
    if is_newsletter_line(text, key=key) or is_call_to_action(text, key=key):
        return True
    if extra_phrases:
        if isinstance(extra_phrases, str):
            extra_phrases = (extra_phrases,)
        extra = _fold_extra(tuple(extra_phrases))
        if any(_starts_with_phrase(key, p) for p in extra):
            return True
    return False
