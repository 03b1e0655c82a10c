"""Text normalisation for archived Arabic articles.

Archived text must compare equal across crawls and be searchable, so the
same article must come out the same whatever entity encoding, presentation
forms, invisible characters or keyword-filter obfuscation the site used.
Only what is provably noise is changed: when a rule cannot tell noise from
text it leaves the text alone.

Order matters and is shared by ``normalize_text`` and ``clean_body``:
entities first (they can encode any of the rest), then invisible controls
(they would otherwise split words and hide tatweel from the de-obfuscator)
and presentation forms, then de-obfuscation, then NFC, then whitespace.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from newsarchive.text import boilerplate

__all__ = ["normalize_text", "deobfuscate", "clean_body", "ZWNJ_LANGUAGES"]

# Languages in which ZWNJ is part of the spelling (Persian "می‌خواهم").
ZWNJ_LANGUAGES = frozenset({"fa", "ur", "ps", "ckb", "ku"})

TATWEEL = "\u0640"

# Arabic-script letters, without tatweel, digits and punctuation.
_LETTER = (
    "\u0621-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5"
    "\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9"
)
# Harakat and other marks that ride on a letter (or on a tatweel).
_MARK = "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"

# Padding: a run of dots and tatweel holding at least one tatweel, right
# after an Arabic letter (or a haraka on one) and right before one:
# "قصـ.ف", "قص.ـف", "قصـ..ف", "عسـكرياً". Harakat riding on a tatweel
# ("مـُحمد", "مـًـا") may sit inside the run; they are kept.
_PADDING_RE = re.compile(
    f"(?<=[{_LETTER}{_MARK}])[.{_MARK}{TATWEEL}]*{TATWEEL}[.{_MARK}{TATWEEL}]*(?=[{_LETTER}])"
)
_PADDING_JUNK_RE = re.compile(f"[.{TATWEEL}]+")
# A tatweel after a lone "ه" at a word start is the Hijri abbreviation
# ("1441هـ", "هـ.ش"), not padding, when a single letter or a year goes with
# it; see _drop_padding.
_HIJRI_LEFT_RE = re.compile(f"(?:^|[^{_LETTER}{_MARK}])ه[{_MARK}]*$")
_HIJRI_YEAR_RE = re.compile(r"\d ?ه$")
_SINGLE_LETTER_RE = re.compile(f"[{_LETTER}][{_MARK}]*(?![{_LETTER}{_MARK}])")

# --- dots inside words -------------------------------------------------------
#
# A dot with an Arabic letter (or a haraka) on each side: where chains are
# looked for. Few pages have one.
_DOT_IN_WORD_RE = re.compile(f"[{_LETTER}{_MARK}]\\.[{_LETTER}{_MARK}]")
# A chain: Arabic letters cut by single dots ("ا.لقصف", "أ.د", "ج.م.ع",
# "المدينة.وقال"). It must not touch anything that belongs to a URL, an
# e-mail address, a path, a number or a Latin word, so the neighbours on
# both ends are checked: "www.موقع.مصر", "https://…/ا.ب", "محمد.علي@x.org",
# "ق.م3" are no chains. Two dots in a row are an ellipsis and end a chain.
_CHAIN_RE = re.compile(
    f"(?<![\\w{_MARK}.@/\\\\:#%&=?+~-])"
    f"[{_LETTER}][{_LETTER}{_MARK}]*(?:\\.[{_LETTER}{_MARK}]+)+"
    f"(?![\\w{_MARK}@/\\\\-])(?!\\.[\\w@/\\\\])"
)
_CHAIN_CHAR_RE = re.compile(f"[{_LETTER}{_MARK}]")
_CHAIN_LETTER_RE = re.compile(f"[{_LETTER}]")
_MARK_RE = re.compile(f"[{_MARK}]")
# Tanween on the last letter (or on the alef after it: "عسكرياً", "عسكريًا")
# ends a word, whatever order the harakat come in.
_TANWEEN = "\u064b\u064c\u064d"
_TANWEEN_END_RE = re.compile(
    f"[{_TANWEEN}][{_MARK}]*(?:ا[{_MARK}]*)?$|ا[{_MARK}]*[{_TANWEEN}][{_MARK}]*$"
)
# Letters that only end a word: a dot after them ends a word too.
_ONLY_LAST = frozenset("ةى")
# Letters that never start a word: a piece starting with one is the tail of
# the word before it ("الجرح.ى", "الصحرا.ء", "إسرا.ئيل", "المس.ؤول").
_NEVER_FIRST = frozenset("ةىءؤئ")
# Single letters written with a dot before a name: د. (doctor), م.
# (engineer), أ. (ustadh); "د.محمد" is a title, not "دمحمد". ش. (street)
# only counts before a word with the article ("ش.الثورة").
_TITLE_LETTERS = frozenset("دمأ")
_STREET_LETTER = "ش"
# The letters that are written joined to the next word as clitics.
_PREFIX_LETTERS = frozenset("وفبلك")
# The real words of one or two letters a piece may be on its own. Everything
# else that short is a fragment of a longer word ("إد.ارة", "صاروخ.ي").
# Words that are also common word endings are left out on purpose, because
# as pieces they are far more often the end of a word than a word: هم، ها،
# كم، نا ("صواريخ.هم"), ما ("بعد.ما", "في.ما"), يا ("سور.يا"), ذا ("ما.ذا").
_SHORT_WORDS = frozenset(
    "من في عن إن أن لم لن لا قد هل بل أو ثم مع هو هي أي إذ كل كي لو الى الا لله".split()
)
# Words that open a sentence; with the article words and "و"/"ف" + three
# letters they show a dot is a full stop even right after a mended word
# ("ا.لقصف.وقال"). See _starts_sentence.
_OPENERS = frozenset(
    "في من إن أن لا لم لن قد ثم كما لكن بل إلى على عن مع بعد قبل منذ خلال رغم"
    " بينما فيما حيث كذلك لذلك هذا هذه ذلك تلك هناك أما كان كانت قال قالت"
    " أكد أكدت أضاف أضافت أشار أشارت أعلن أعلنت بحسب حسب وفق".split()
)
# Pieces that are only ever word endings, even after the article.
_SUFFIX_STEMS = frozenset("ات ية يات ين ون".split())
# Three- and four-letter endings that are no word of their own ("رسم.يون",
# "مراسل.تنا", "يكف.يني"). Endings that are also words stay out: كما، هما،
# تهم، اتهم، وهم.
_SUFFIX_PIECES = frozenset("يون يين يات تنا تها تكم تهما يني اتها".split())
# The definite article with the clitics that go before it; lam + article is
# written "لل". Matched on letters without harakat.
_ARTICLE_RE = re.compile("^[وف]?(?:[بك]?ال|لل)")
# Stems of one or two letters that make a word with the article ("الآن",
# "الله", "الذي"): "ال" + any other short stem is the start of a longer word.
_ARTICLE_STEMS = frozenset("آن له ذي تي".split())
# Nouns of two letters ("الحق", "الجو", "الحل") are words too, but far more
# often the start of a longer one ("الحر.بية", "المد.فعي", "السن.وات"), so
# before a dot they only count as words when a sentence starts after it
# ("الحل.وقال").
_ARTICLE_NOUN_STEMS = frozenset(
    "أب أخ أم دم يد فم حق حد رد جو شك سد ضد جد حج فن بر مد ظل سن ود خط حل غد"
    " عم سر طب عز شر حر".split()
)
# List labels run through the letters in abjad (أ ب ج د) or alphabetical
# (أ ب ت ث) order: "ب.الحصار" after "أ.العقوبات" is item b, not "بالحصار".
_LABEL_ORDERS = ("أبجدهوزحطيكلمنسعفصقرشتثخذضظغ", "أبتثجحخدذرزسشصضطظعغفقكلمنهوي")


def _label_before_re(letter: str) -> re.Pattern[str]:
    """A label ("أ." or "أ)") of a letter that comes just before ``letter``,
    followed by a space (group 1) or by a word."""
    before = {order[order.find(letter) - 1] for order in _LABEL_ORDERS if order.find(letter) > 0}
    return re.compile(
        f"(?<![{_LETTER}{_MARK}])([{''.join(sorted(before))}])[.)](?:(\\s)|(?=[{_LETTER}]{{3}}))"
    )


_LABEL_BEFORE_RE = {letter: _label_before_re(letter) for letter in _LABEL_ORDERS[1][1:]}
# How far back the label before a label is looked for.
LABEL_WINDOW = 300
# Arabic top-level domains: "دليل.مصر" is a host name, not two words.
_ARABIC_TLDS = frozenset(
    "مصر السعودية امارات الاردن الجزائر المغرب تونس سورية فلسطين قطر عمان"
    " البحرين اليمن السودان عراق موريتانيا شبكة موقع كوم عرب".split()
)
# Arabic letters of a word, for the page vocabulary (harakat removed first),
# and the clitics a vocabulary word may carry before its stem.
_WORD_RE = re.compile(f"[{_LETTER}]{{3,}}")
_VOCABULARY_PREFIXES = ("", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "وبال")

# Decisions for a chain's dot, and what each puts in its place.
_JOIN = 0  # padding: the two pieces are one word
_SPACE = 1  # a full stop with the space after it missing
_KEEP = 2  # an abbreviation or a host name
_GUESS_SPACE = 3  # no evidence either way: two words stay two words
_GUESS_KEEP = 4  # a title letter before what may be a name ("د.محمد")
_SEPARATORS = ("", ". ", ".", ". ", ".")

# --- spaces inside words -----------------------------------------------------
#
# Only the splits that no real text produces are mended: a space before a
# lone ة, ى or ء or the bare suffix "ات" / "ية" ("غار ة", "الجرح ى", "جز ء",
# "الغار ات"), and a space after a bare article or the bare alef of one
# ("ال جيش", "ا لقصف"). Other single letters on their own are real too
# often ("الخطة ب", "فيتامين د", "2019 م", a spaced "و قال") to be glued to
# a neighbour.
#
# The piece after the space must end there: Arabic stored in visual order
# (reversed, as old PDF and presentation-form text often is) has ى and ة at
# the start of its words ("اَم ىَسَع" is "عسى ما") and must stay as it is.
# The regexes start with a space, which keeps the scan cheap; the character
# before a tail's space is checked in _join_split_tail.
# Spaces and no-break spaces count, in runs: removing an invisible character
# between two spaces leaves two, and a second run must not find more to do.
_SPLIT_TAIL_RE = re.compile(
    f"[ \u00a0]+(?=(?:[ةىء]|ات|ية)[{_MARK}]*(?![{_LETTER}{_MARK}]))"
)
# A bare article stands after a space or at a line start (the caller puts
# a space before the text); "قال الرئيس" and "خلـ.ال أسبوع" end words.
_SPLIT_ARTICLE_RE = re.compile(
    f"([ \u00a0\n](?:ال|لل|ا(?=[ \u00a0]+ل)))[ \u00a0]+(?=[{_LETTER}][{_LETTER}{_MARK}])"
)

_INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u200b"  # zero-width space
    "\u200d-\u200f"  # ZWJ, LRM, RLM
    "\u202a-\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2060"  # word joiner
    "\u2066-\u2069"  # LRI, RLI, FSI, PDI
    "\ufeff"  # BOM / ZWNBSP
)
_ZWNJ = "\u200c"
_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefc"
# One scan finds both kinds of rare characters; runs are fixed up in
# _fix_special_run.
_SPECIAL_RE = re.compile(f"[{_INVISIBLE}{_ZWNJ}{_PRESENTATION}]+")
_SPECIAL_KEEP_ZWNJ_RE = re.compile(f"[{_INVISIBLE}{_PRESENTATION}]+")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")
_INVISIBLE_AND_ZWNJ_RE = re.compile(f"[{_INVISIBLE}{_ZWNJ}]+")
_PRESENTATION_RE = re.compile(f"[{_PRESENTATION}]")
# NFKC turns isolated harakat forms (U+FE70 ...) into space + mark.
_SPACE_BEFORE_MARK_RE = re.compile(f" (?=[{_MARK}])")

# Everything str.splitlines() splits on; an entity such as "&#10;" inside a
# paragraph must not create a new one.
_LINE_BREAK_RE = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

# Lines that only carry share counters ("0", "12", "1.2k").
_COUNTER_LINE_RE = re.compile(r"\d+[km]?(?: \d+[km]?)*")
# Lines after a related/sidebar heading are taken for a list of linked
# titles only if there are at most RELATED_MAX_ITEMS of them and none is
# longer than RELATED_TITLE_MAX_WORDS.
RELATED_TITLE_MAX_WORDS = 20
RELATED_MAX_ITEMS = 12


def deobfuscate(s: str, *, context: str | None = None) -> str:
    """Undo the padding sites put inside words to dodge keyword filters.

    Invisible characters (ZWSP, ZWJ, soft hyphen, word joiner, bidi marks,
    and ZWNJ outside the languages that spell with it) are already gone:
    ``_normalize_chars`` drops them first, so "ا\u200b.لقصف" arrives here as
    "ا.لقصف". What is left is tatweel, dots and spaces.

    Tatweel between two Arabic letters is padding and goes, with any dots
    touching it ("قصـ.ف", "عسـكرياً"). A tatweel before a quote, a Latin word
    or a number (بـ"حلوى", لـ COVID, بـ2019) attaches a one-letter prefix to
    foreign material and stays, as does the Hijri "هـ" ("1441هـ.", "هـ.ش").

    A single dot between two Arabic letters, no space on either side, is
    judged from the two pieces it separates (see ``_separator``):

    * It is padding and goes when one piece cannot be a word: a lone letter
      other than a title ("غ.ارة", "ا.لقصف", "القص.ف", "صاروخ.ي"), two letters
      that are no word ("إد.ارة"), the article with less than a stem
      ("ال.جيش", "الم.دينة"), a piece starting with a letter that never
      starts a word ("الجرح.ى", "إسرا.ئيل") or a bare ending ("رسم.يون"); or
      when the joined form is a word found elsewhere in ``context`` (by
      default ``s`` itself, that is the whole body for ``clean_body``), or a
      common Arabic word by wordfreq's frequency list ("العسك.رية",
      "والناز.حين", "د.مشق"; ``_known_word``) — unless both pieces are common
      words that make none together ("الحي.معظمهم").
    * It stays when every piece is a single letter ("ج.م.ع", "أ.ف.ب", "ق.م",
      "ل.س"), after a title letter ("د.محمد", "أ.د.سامر"), after a list
      label ("ب.الحصار" after "أ.العقوبات") and before an Arabic top-level
      domain ("دليل.مصر").
    * Otherwise it is a full stop whose space is missing and gets a space:
      certainly when the left piece has ended (ة, ى and tanween only end a
      word: "المدينة.وقال"), and as the guess when nothing shows either way
      ("الروسي.دعوة"), because two words must never be glued together. On
      the sample sites' sentence boundaries with the space removed, 36 of
      320 have no cue at all (bench/deobfuscation.py), so gluing by default
      would damage real text; the price is that a word cut into two
      word-like halves that is rare in the list too ("الكازا.خية") comes
      out as two.

    URLs, e-mail addresses, paths, numbers in either digit set, Latin text
    and ellipses ("..") are never touched: a chain must not touch them.

    A space is removed only where no real text has one: before a lone ة, ى
    or ء or the bare suffix ات or ية, and after a bare article or its bare
    alef ("غار ة", "الغار ات", "ال جيش", "ا لقصف"). Any other split ("القص ف",
    "م عرة") is left: a single letter on its own is real too often
    ("الخطة ب", "2019 م").

    Text without dots between letters costs three fast scans.
    """
    if TATWEEL in s:
        s = _PADDING_RE.sub(_drop_padding, s)
    # Spaces before dots, so that "ا لقص.ف" reaches the dot rule whole, and
    # again after them if they mended something ("ا ل.ؤتمر"). A join can
    # also bring a tatweel between two letters ("جـ ى").
    joined = _join_split_words(s)
    if joined != s and TATWEEL in joined:
        joined = _PADDING_RE.sub(_drop_padding, joined)
    s = joined
    if "." in s:
        mended = _fix_chains(s, context)
        if mended != s:
            s = _join_split_words(mended)
    return s


def _join_split_words(s: str) -> str:
    """Apply the two space rules until they find nothing more: one join can
    make the next possible ("اعهن ي ة" -> "اعهن ية" -> "اعهنية")."""
    if " " not in s and "\u00a0" not in s:
        return s
    for _ in range(4):
        size = len(s)
        s = _SPLIT_TAIL_RE.sub(_join_split_tail, s)
        s = _SPLIT_ARTICLE_RE.sub(r"\1", " " + s)[1:]
        if len(s) == size:  # the rules only ever remove spaces
            break
    return s


def _join_split_tail(match: re.Match[str]) -> str:
    """Drop the space before "ة", "ى", "ء", "ات", "ية" if a word piece
    precedes it that has not ended already (ة and ى end a word)."""
    before = match.string[match.start() - 1 : match.start()]
    if before and before not in _ONLY_LAST and _CHAIN_CHAR_RE.match(before):
        return ""
    return match.group()


def _fix_chains(s: str, context: str | None) -> str:
    """Run _fix_chain on every chain of ``s``.

    Chains are found from their dots (``_DOT_IN_WORD_RE``, a fast scan)
    and matched in place, which is several times cheaper than running
    ``_CHAIN_RE`` over the whole text: bodies have few such dots.
    """
    out: list[str] = []
    done = 0
    vocabulary = None
    for hit in _DOT_IN_WORD_RE.finditer(s):
        if hit.start() < done:
            continue  # a later dot of a chain already fixed
        start = hit.start()
        while start > done and (s[start - 1] == "." or _CHAIN_CHAR_RE.match(s, start - 1)):
            start -= 1
        while s[start] == ".":
            start += 1
        m = _CHAIN_RE.match(s, start)
        if m is None or m.end() <= hit.start():
            continue
        if vocabulary is None:
            vocabulary = _Vocabulary(s if context is None else f"{context}\n{s}")
        out.append(s[done : m.start()])
        out.append(_fix_chain(m, vocabulary))
        done = m.end()
    if not out:
        return s
    out.append(s[done:])
    return "".join(out)


def _drop_padding(match: re.Match[str]) -> str:
    """Padding goes, except after the Hijri "هـ" when a dot follows it: a
    year before it ("1441هـ.") or a single letter after it ("هـ.ش") shows
    an abbreviation, not a word cut by a filter dodge."""
    padding = match.group()
    if "." in padding:
        text, start, end = match.string, match.start(), match.end()
        before = text[max(0, start - 8) : start]
        if _HIJRI_LEFT_RE.search(before) and (
            _HIJRI_YEAR_RE.search(before) or _SINGLE_LETTER_RE.match(text, end)
        ):
            return padding
    return _PADDING_JUNK_RE.sub("", padding)


class _Vocabulary:
    """The words of a text, built on first use only: most chains are
    decided from their letters and never need it.

    A word is found with or without the article and its clitics, so
    "القصف" matches "والقصف" and "قصف" in the text.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if len(word) < 3:
            return False
        if self._words is None:
            self._words = set(_WORD_RE.findall(_MARK_RE.sub("", self._text)))
        m = _ARTICLE_RE.match(word)
        stem = word[m.end() :] if m and len(word) - m.end() >= 3 else word
        return any(prefix + stem in self._words for prefix in _VOCABULARY_PREFIXES)


def _fix_chain(match: re.Match[str], vocabulary: _Vocabulary) -> str:
    """Decide each dot of a chain from left to right, then revisit guesses.

    The left piece of a dot is everything joined so far, so a word cut
    twice ("ا.لقص.ف") is rebuilt piece by piece. A chain in which one dot
    proved to be padding was cut by a filter dodge, so its guessed dots
    (``_GUESS_SPACE``, ``_GUESS_KEEP``) join too unless a sentence visibly
    starts after them ("اخ.ت.راق", "م.جهول.ين"; but "ا.لقصف.وقال").
    """
    chain = match.group()
    raws: list[str] = []
    for raw in chain.split("."):
        if raws and not _CHAIN_LETTER_RE.match(raw):
            raws[-1] += raw  # harakat after a dot ride on the letter before it
        else:
            raws.append(raw)
    if len(raws) == 1:
        return raws[0]
    words = [_MARK_RE.sub("", raw) for raw in raws]
    singles = next((i for i, w in enumerate(words) if len(w) != 1), len(words))
    if singles == len(words):
        return ".".join(raws)  # "ج.م.ع", "أ.ف.ب", "ق.م", "ل.س": an abbreviation
    decisions = []
    left, left_raw = words[0], raws[0]
    label = singles == 1 and _is_list_label(left, match.string, match.start())
    after_abbreviation = False
    last = len(raws) - 1
    for i in range(1, len(raws)):
        if label and i == 1:
            decision = _KEEP  # "ب.الحصار" after "أ.العقوبات": item b
        elif singles > 1 and i <= singles:
            decision = _after_letters(words[:singles], words[singles], i == singles)
        else:
            decision = _separator(
                left, left_raw, words[i], raws[i], after_abbreviation, i == last, vocabulary
            )
        decisions.append(decision)
        if decision == _JOIN:
            left += words[i]
            left_raw += raws[i]
            after_abbreviation = False
        else:
            after_abbreviation = decision in (_KEEP, _GUESS_KEEP) and len(left) == 1
            left, left_raw = words[i], raws[i]
    if _JOIN in decisions:
        decisions = [
            _JOIN if d in (_GUESS_SPACE, _GUESS_KEEP) and not _starts_sentence(w) else d
            for d, w in zip(decisions, words[1:], strict=True)
        ]
    out = [raws[0]]
    for decision, raw in zip(decisions, raws[1:], strict=True):
        out.append(_SEPARATORS[decision])
        out.append(raw)
    return "".join(out)


def _is_list_label(letter: str, text: str, start: int) -> bool:
    """True when the letter before it in a list order was used as a label
    shortly before ``start``: "ب.الحصار" after "أ.العقوبات" or "أ) ".

    A label glued to its word ("ب.الحصار") only counts if it is a label
    itself, back to "أ": otherwise a mended "و.يلص" would make "ي.سئ" a
    label in one run and not in the next.
    """
    while True:
        label_before = _LABEL_BEFORE_RE.get(letter)
        if label_before is None:
            return False
        labels = list(label_before.finditer(text, max(0, start - LABEL_WINDOW), start))
        if not labels:
            return False
        found = labels[-1]  # the nearest one
        if found.group(2) or found.group(1) in "أا":
            return True
        letter, start = found.group(1), found.start()


def _after_letters(letters: list[str], rest: str, at_rest: bool) -> int:
    """The dots of a chain that opens with two or more single letters.

    They are an abbreviation when a sentence starts after them
    ("ق.س.د.وقال") or they are titles before a name ("أ.د.سامر"); otherwise
    a word was cut letter by letter ("إ.د.لب", "ب.ر.ودة", "ل.ل.إنتاج",
    "أ.م.ام") and all of it joins.
    """
    if _starts_sentence(rest):
        return _SPACE if at_rest else _KEEP
    if all(x in _TITLE_LETTERS for x in letters) and not _is_fragment(rest, first=True):
        return _GUESS_KEEP if at_rest else _KEEP
    return _JOIN


def _starts_sentence(word: str) -> bool:
    """True for a piece that looks like the first word of a sentence: an
    opener ("كما", "وقال"), a word with the article, or "و"/"ف" with at least
    three letters after it."""
    if not word:
        return False
    if word in _OPENERS or (word[0] in "وف" and (len(word) >= 4 or word[1:] in _OPENERS)):
        return True
    m = _ARTICLE_RE.match(word)
    if m:
        stem = word[m.end() :]
        return len(stem) >= 3 and stem not in _SUFFIX_STEMS
    return False


def _separator(
    left: str,
    left_raw: str,
    right: str,
    right_raw: str,
    after_abbreviation: bool,
    last: bool,
    vocabulary: _Vocabulary,
) -> int:
    """The decision for the dot between ``left`` and ``right`` (letters
    only; the *_raw forms keep their harakat).

    Evidence that the left piece is a whole word comes first, because a
    word that ended cannot be glued to anything; then abbreviations; then
    fragments; then the vocabulary. What is left is a guess, and the guess
    is a space: in doubt two words stay two words.
    """
    if last and right in _ARABIC_TLDS:
        return _KEEP
    if left[-1] in _ONLY_LAST or _TANWEEN_END_RE.search(left_raw):
        # Nothing joins a word that ended. A fragment at the end of the
        # chain is a host name's ending ("الجزيرة.نت"); one that goes on
        # ("حالى.ظش.ط") will be mended into a word of its own.
        return _KEEP if last and _is_fragment(right, first=True) else _SPACE
    if left[-1] == "ا" and right[0] == "ل" and len(left) <= 2:
        return _JOIN  # the article cut in two: "ا.لقصف", "وا.لجيش"
    if len(left) == 1:
        if after_abbreviation:
            return _SPACE if _starts_sentence(right) else _KEEP
        if left in _PREFIX_LETTERS or _is_fragment(right, first=True):
            return _JOIN  # "و.قال", "ب.الجيش", "أ.جل"
        if left in _TITLE_LETTERS or (left == _STREET_LETTER and _ARTICLE_RE.match(right)):
            if left + right in vocabulary or _known_word(left, right):
                return _JOIN  # "م.قاتلين" where the page also says "مقاتلين"; "د.مشق"
            return _GUESS_KEEP  # "د.محمد"
        return _JOIN  # a lone letter is no word: "غ.ارة", "ق.صف"
    if _is_fragment(right, first=True) or _is_fragment(
        left, first=False, nouns=_starts_sentence(right)
    ):
        # "الحي" looks like the article with a stem too short to stand alone, but
        # two common words that make no word together are two words.
        return _GUESS_SPACE if _two_words(left, right) else _JOIN
    if left + right in vocabulary or _known_word(left, right):
        return _JOIN
    return _GUESS_SPACE


#: A joined form at least this common (Zipf scale of wordfreq's Arabic list: 3 is
#: once per million words) is a word; a sentence glued to the next never is one.
_LEXICON_ZIPF = 2.5
#: ... unless both pieces are far more common words on their own.
_LEXICON_MARGIN = 1.0


@lru_cache(maxsize=1 << 16)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "ar")


def _known_word(left: str, right: str) -> bool:
    """The two pieces make a common Arabic word ("العسك" + "رية"), by wordfreq's list.

    Cuts that split a word into two word-like halves cannot be decided from
    the letters; a frequency list of real Arabic text can, and a full stop
    with a missing space ("المدينة" + "وقال") never makes a listed word.
    """
    joined = max(_zipf(form) for form in _stems(left + right))
    return joined >= _LEXICON_ZIPF and joined >= min(_zipf(left), _zipf(right)) - _LEXICON_MARGIN


def _two_words(left: str, right: str) -> bool:
    """Both pieces are common words and together they are none ("الحي" + "معظمهم")."""
    return (min(_zipf(left), _zipf(right)) >= _COMMON_ZIPF
            and max(_zipf(form) for form in _stems(left + right)) < _LEXICON_ZIPF)


#: A piece this common (once in 100,000 words) is a word of its own.
_COMMON_ZIPF = 4.0
#: Clitics a listed word may carry that the list does not hold with it ("والنازحين", "اتفاقهما").
_LEXICON_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "و", "ف", "ب", "ل")
_LEXICON_SUFFIXES = ("هما", "هم", "ها", "كم", "نا", "ه")


def _stems(word: str):
    """The word, then it without one leading clitic and/or one trailing pronoun."""
    yield word
    heads = [word] + [word[len(p):] for p in _LEXICON_PREFIXES if word.startswith(p) and len(word) - len(p) >= 3]
    for head in heads:
        if head is not word:
            yield head
            if not head.startswith("ال"):
                yield "ال" + head  # "والنازحين" → "النازحين"
        for suffix in _LEXICON_SUFFIXES:
            if head.endswith(suffix) and len(head) - len(suffix) >= 3:
                yield head[: -len(suffix)]


def _is_fragment(word: str, *, first: bool, nouns: bool = True) -> bool:
    """True when ``word`` (letters only) cannot be a whole word: one or two
    letters that are not a short word, the article with less than a stem
    (two-letter nouns count as stems if ``nouns``), or (for the piece after
    a dot, ``first``) a start with a letter that never starts a word or a
    bare ending such as "يون"."""
    if word in _SHORT_WORDS:
        return False
    if len(word) <= 2:
        return True
    if first and (word[0] in _NEVER_FIRST or word in _SUFFIX_PIECES):
        return True
    m = _ARTICLE_RE.match(word)
    if m:
        stem = word[m.end() :]
        if stem in _ARTICLE_STEMS or (nouns and stem in _ARTICLE_NOUN_STEMS):
            return False
        return len(stem) <= 2
    return False


def _keeps_zwnj(language: str | None) -> bool:
    if not language:
        return False
    primary = language.strip().lower().replace("_", "-").split("-", 1)[0]
    return primary in ZWNJ_LANGUAGES


def _fix_special_run(match: re.Match[str], invisible: re.Pattern[str]) -> str:
    run = invisible.sub("", match.group())
    if run and _PRESENTATION_RE.search(run):
        run = _SPACE_BEFORE_MARK_RE.sub("", unicodedata.normalize("NFKC", run))
    return run


def _drop_invisible_and_zwnj(match: re.Match[str]) -> str:
    return _fix_special_run(match, _INVISIBLE_AND_ZWNJ_RE)


def _drop_invisible(match: re.Match[str]) -> str:
    return _fix_special_run(match, _INVISIBLE_RE)


def _normalize_chars(s: str, keep_zwnj: bool, context: str | None = None) -> str:
    """All per-character steps; never adds or removes a line break, so
    ``clean_body`` can run it once over the whole body."""
    if s.isascii():
        return s
    if keep_zwnj:
        s = _SPECIAL_KEEP_ZWNJ_RE.sub(_drop_invisible, s)
    else:
        s = _SPECIAL_RE.sub(_drop_invisible_and_zwnj, s)
    # NFC last: removing padding can bring two harakat together, and they
    # must end up in canonical order.
    s = deobfuscate(s, context=context)
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    return s


def normalize_text(
    s: str | None, *, language: str | None = None, context: str | None = None
) -> str | None:
    """Normalise a one-line field (title, section, author, tag, link title).

    Entities are decoded exactly once, so a literal "&amp;quot;" in the
    source stays "&quot;". Line breaks become spaces. ``language`` (a BCP 47
    tag such as "fa" or "fa-IR") only decides whether ZWNJ is kept.
    ``context`` (say the article body for its title) lends its words to the
    de-obfuscator, which otherwise only knows the words of ``s``.
    """
    if s is None:
        return None
    if "&" in s:
        s = html.unescape(s)
    # str.split() knows every Unicode space and is faster than a regex. The
    # first pass makes line breaks spaces before the de-obfuscator sees
    # them (a second run must not find a split word the first one missed);
    # the second tidies what removing invisible characters left.
    s = _normalize_chars(" ".join(s.split()), _keeps_zwnj(language), context)
    return " ".join(s.split())


def clean_body(
    s: str | None,
    *,
    language: str | None = None,
    extra_phrases: Iterable[str] = (),
) -> str | None:
    """Article body as paragraphs separated by exactly one blank line.

    Extractors emit one paragraph per line, so every line break ends a
    paragraph, blank lines or not. Each paragraph gets the normalize_text
    treatment; empty ones and boilerplate lines are dropped (see
    ``newsarchive.text.boilerplate.is_boilerplate_line``; ``extra_phrases`` come from
    the site profile). At the edges, where page furniture collects, two more
    things go: lone share counters before the first paragraph, and a
    trailing related/sidebar heading together with the short lines
    (linked titles) after it.
    """
    if s is None:
        return None
    keep_zwnj = _keeps_zwnj(language)
    lines = s.splitlines()
    if "&" in s:
        lines = [_LINE_BREAK_RE.sub(" ", html.unescape(x)) if "&" in x else x for x in lines]
    text = _normalize_chars("\n".join(lines), keep_zwnj)

    if isinstance(extra_phrases, str):
        extra_phrases = (extra_phrases,)
    extra = tuple(extra_phrases)
    paragraphs: list[tuple[str, str]] = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        key = boilerplate.line_key(line)
        if not boilerplate.is_boilerplate_line(line, extra, key=key):
            paragraphs.append((line, key))

    paragraphs = _drop_leading_counters(paragraphs)
    paragraphs = _drop_trailing_related(paragraphs)
    return "\n\n".join(line for line, _ in paragraphs)


def _drop_leading_counters(paragraphs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Share rows are already gone; their counters ("0", "12") may be left
    as lines of their own before the text starts."""
    start = 0
    while start < len(paragraphs) and _COUNTER_LINE_RE.fullmatch(paragraphs[start][1]):
        start += 1
    return paragraphs[start:]


def _drop_trailing_related(paragraphs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Cut at a related/sidebar heading near the end if only linked titles
    (short lines) follow it.

    The search walks back from the end and stops at the first long line:
    that line proves we are back in the article, so a heading-like line
    inside the text is never a reason to cut text.
    """
    end = len(paragraphs)
    first = max(0, len(paragraphs) - RELATED_MAX_ITEMS - 1)
    for i in range(len(paragraphs) - 1, first - 1, -1):
        line, key = paragraphs[i]
        if boilerplate.is_related_heading(line, key=key) or boilerplate.is_sidebar_heading(
            line, key=key
        ):
            end = i
        elif key.count(" ") >= RELATED_TITLE_MAX_WORDS:
            break
    return paragraphs[:end]
