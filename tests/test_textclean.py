"""Tests for crawler.textclean: the seed article end to end, then one rule
at a time, each with the look-alikes that must survive it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from crawler.textclean import clean_body, deobfuscate, normalize_text

DATA = Path(__file__).resolve().parent / "data" / "textclean"
# The repository sits next to a shared/ folder that holds the samples.
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "seed-article.txt"


def _read_seed() -> tuple[str, str, str]:
    if not SEED.is_file():
        pytest.fail(f"seed article missing: expected it at {SEED}")
    # Section, title and paragraphs are separated by blank lines, so the
    # "second line" is the second non-blank one.
    lines = SEED.read_text(encoding="utf-8").split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    section, title = lines[filled[0]], lines[filled[1]]
    return section, title, "\n".join(lines[filled[1] + 1 :])


# --- seed article -----------------------------------------------------------


def test_seed_body_matches_hand_written_expectation():
    _, _, body = _read_seed()
    # The data file ends with a newline like any text file; clean_body does not.
    expected = (DATA / "seed-article.clean.txt").read_text(encoding="utf-8").removesuffix("\n")
    assert clean_body(body) == expected


def test_seed_body_has_no_obfuscation_or_furniture_left():
    _, _, body = _read_seed()
    cleaned = clean_body(body)
    assert "\u0640" not in cleaned
    assert "ـ." not in cleaned
    assert "إقرأ أيضاً" not in cleaned
    assert "زر الذهاب إلى الأعلى" not in cleaned
    assert "\n\n\n" not in cleaned


def test_seed_section_and_title_are_already_clean():
    section, title, _ = _read_seed()
    assert section == "أخبار سوريا"
    assert normalize_text(section) == section
    assert normalize_text(title) == title


# --- de-obfuscation ---------------------------------------------------------


@pytest.mark.parametrize(
    "obfuscated, plain",
    [
        ("قصـ.ف", "قصف"),
        ("الإرهـ.ابية", "الإرهابية"),
        ("تصعـ.يداً", "تصعيداً"),
        ("عسـكرياً", "عسكرياً"),
        ("جـوي", "جوي"),
        ("مدفـ.عي", "مدفعي"),
        ("هجـ.ماتهم", "هجماتهم"),
        ("قص.ـف", "قصف"),  # dot before the tatweel
        ("قصـ..ف", "قصف"),  # several dots
        ("قـصـ.ـف", "قصف"),  # several tatweel runs in one word
        ("الـعـربـيـة", "العربية"),  # kashida used for justification
        ("بـالعربية", "بالعربية"),  # prefix on an Arabic word
        ("مـُحمد", "مُحمد"),  # a haraka on the tatweel is kept
    ],
)
def test_deobfuscate_restores_words(obfuscated, plain):
    assert deobfuscate(obfuscated) == plain
    assert normalize_text(f"تشهد {obfuscated} اليوم") == f"تشهد {plain} اليوم"


@pytest.mark.parametrize(
    "text",
    [
        "إدلب. وشهدت",
        "بالسلام والأمن”، وفق تعبيره.",
        "الكبرى.. ماذا عن اتفاق سوتشي؟",
        "أ.د. سامر",
        "د. محمد",
        "ج.م.ع",
        "إدلب.وشهدت",  # missing space after a full stop: left alone on purpose
        'بـ"حلوى القطن"',
        "لـ COVID",
        "بـ 5 ملايين",
        "بـ2019",
        "بـ٢٠١٩",
        "كـ«رمز»",
        "الـ BBC",
        "جميلـ",  # trailing tatweel: not between two letters
        "ـقصف",
        "قصـ. ف",  # tatweel + full stop + space
        "Read the report at example.com now.",
        "https://example.com/a.b/ـ.x",
        "name.surname@example.org",
        "نسبة 3.5% من 1.200 شخص",
        "",
    ],
)
def test_deobfuscate_leaves_lookalikes_alone(text):
    assert deobfuscate(text) == text


# --- normalize_text ---------------------------------------------------------


def test_none_passes_through():
    assert normalize_text(None) is None
    assert clean_body(None) is None


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("ﻣﺮﺣﺒﺎ", "مرحبا"),
        ("ﷲ", "الله"),
        ("ﻻ", "لا"),
        ("ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ", "السلام عليكم"),
        ("ﻋﺴـﻜﺮﻳﺎ", "عسكريا"),  # presentation forms hiding an obfuscated word
        ("كتابﹰ", "كتابً"),  # isolated haraka form: no stray space before the mark
        ("ﷺ", "صلى الله عليه وسلم"),
    ],
)
def test_presentation_forms_become_letters(raw, expected):
    assert normalize_text(raw) == expected


def test_nfkc_is_limited_to_presentation_forms():
    # Fullwidth letters, superscripts and ligatures outside the Arabic
    # blocks are not ours to rewrite.
    assert normalize_text("ＡＢＣ x² ﬁ") == "ＡＢＣ x² ﬁ"


def test_nfc_composition():
    assert normalize_text("e\u0301") == "\u00e9"
    assert normalize_text("ا\u0654") == "أ"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("&quot;سوريا&quot;", '"سوريا"'),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("أخبار&nbsp;سوريا", "أخبار سوريا"),
        ("&#1602;&#1589;&#1601;", "قصف"),
        ("&amp;quot;", "&quot;"),  # decoded once only
        ("قصـ&#x640;.ف", "قصف"),  # entity-encoded tatweel
        ("سو&zwnj;ريا&rlm;", "سوريا"),  # entity-encoded invisibles
    ],
)
def test_entities(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "char",
    [
        "\u200b",  # ZWSP
        "\u200c",  # ZWNJ
        "\u200d",  # ZWJ
        "\u200e",  # LRM
        "\u200f",  # RLM
        "\u061c",  # ALM
        "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
        "\u2066", "\u2067", "\u2068", "\u2069",
        "\u2060",  # word joiner
        "\ufeff",  # BOM
        "\u00ad",  # soft hyphen
    ],
)
def test_invisible_characters_are_removed(char):
    assert normalize_text(f"{char}سو{char}ريا{char}") == "سوريا"


def test_invisible_characters_do_not_hide_obfuscation():
    assert normalize_text("قصـ\u200b.\u200fف") == "قصف"


@pytest.mark.parametrize("language", ["fa", "FA", "fa-IR", "fa_IR", "ur", "ps", "ckb", "ku"])
def test_zwnj_is_kept_where_it_is_spelling(language):
    word = "می\u200cخواهم"
    assert normalize_text(word, language=language) == word
    # Other invisibles still go.
    assert normalize_text("\u200fمی\u200cخواهم\u200e", language=language) == word


@pytest.mark.parametrize("language", [None, "ar", "ar-SY", "en", ""])
def test_zwnj_is_removed_elsewhere(language):
    assert normalize_text("می\u200cخواهم", language=language) == "میخواهم"


@pytest.mark.parametrize(
    "raw",
    [
        "  أخبار   سوريا  ",
        "أخبار\tسوريا",
        "أخبار\u00a0سوريا",
        "أخبار\r\nسوريا",
        "أخبار\n\nسوريا\n",
        "أخبار\u2003\u2009سوريا",
        "أخبار\u3000سوريا",
        "أخبار\u2028سوريا",
    ],
)
def test_whitespace_collapses_to_one_space(raw):
    assert normalize_text(raw) == "أخبار سوريا"


def test_harakat_brought_together_end_up_in_canonical_order():
    # Damma on one tatweel, fathatan on the next: once the padding goes the
    # two marks touch and NFC must order them, or a second pass would differ.
    once = normalize_text("اللهُـﹰ.رساع")
    assert once == "الله\u064b\u064fرساع"
    assert normalize_text(once) == once


def test_normalize_is_idempotent():
    raw = "&quot;ﻣﺮﺣﺒﺎ&quot;\u200f  بـ2019 قصـ.ف\u00a0"
    once = normalize_text(raw)
    assert normalize_text(once) == once


# --- clean_body -------------------------------------------------------------


def test_every_line_is_a_paragraph():
    assert clean_body("الأولى\nالثانية\n\n\n\nالثالثة") == "الأولى\n\nالثانية\n\nالثالثة"


def test_crlf_and_other_line_breaks():
    assert clean_body("أ\r\nب\r\n\r\nج\rد\u2029هـ") == "أ\n\nب\n\nج\n\nد\n\nهـ"


def test_paragraph_whitespace_is_collapsed_and_blank_lines_dropped():
    raw = "\n \u00a0\n\tقال\t\tالرئيس\u00a0 إن \n   \n\u200b\nوأضاف  \n\n"
    assert clean_body(raw) == "قال الرئيس إن\n\nوأضاف"


def test_entity_line_break_stays_inside_its_paragraph():
    assert clean_body("سطر&#10;واحد\nثان") == "سطر واحد\n\nثان"


def test_paragraphs_are_normalised_like_fields():
    raw = "تشهد تصعـ.يداً\u200f &amp; ﷲ\nبـ2019 و3.5%"
    assert clean_body(raw) == "تشهد تصعيداً & الله\n\nبـ2019 و3.5%"


def test_empty_body():
    assert clean_body("") == ""
    assert clean_body("\n\n \n") == ""


def test_boilerplate_lines_are_dropped_anywhere():
    raw = "\n".join(
        [
            "شارك فيسبوك تويتر واتساب",
            "الفقرة الأولى.",
            "اقرأ أيضاً: عنوان مقال آخر",
            "الفقرة الثانية.",
            "اشترك في النشرة البريدية",
            "© 2024 الوسيلة. جميع الحقوق محفوظة",
            "زر الذهاب إلى الأعلى",
        ]
    )
    assert clean_body(raw) == "الفقرة الأولى.\n\nالفقرة الثانية."


def test_leading_share_row_and_counters():
    raw = "Share\n0\nFacebook Twitter WhatsApp\n12\nأول فقرة في الخبر."
    assert clean_body(raw) == "أول فقرة في الخبر."


def test_numbers_inside_the_text_are_kept():
    raw = "أول فقرة.\n2019\nآخر فقرة."
    assert clean_body(raw) == "أول فقرة.\n\n2019\n\nآخر فقرة."


def test_trailing_related_block_is_dropped():
    raw = "\n".join(
        [
            "فقرة الخبر الوحيدة.",
            "مقالات ذات صلة",
            "النظام يحشد قواته في إدلب",
            "روسيا تقصف ريف حلب",
            "زر الذهاب إلى الأعلى",
        ]
    )
    assert clean_body(raw) == "فقرة الخبر الوحيدة."


def test_trailing_sidebar_heading_alone_is_dropped():
    assert clean_body("فقرة الخبر.\n\nالأكثر قراءة") == "فقرة الخبر."


def test_heading_followed_by_a_long_paragraph_is_not_a_cut_point():
    long_paragraph = " ".join(["كلمة"] * 30) + "."
    raw = f"مقدمة.\nآخر الأخبار\n{long_paragraph}"
    assert clean_body(raw) == f"مقدمة.\n\nآخر الأخبار\n\n{long_paragraph}"


def test_extra_phrases_from_site_profile():
    raw = "شاركونا رأيكم عبر تلغرام: @example\nفقرة حقيقية.\nنزّل برنامج الوسيلة الآن"
    extra = ["شاركونا رأيكم عبر", "نزل برنامج الوسيلة"]
    assert clean_body(raw, extra_phrases=extra) == "فقرة حقيقية."
    assert clean_body(raw) == raw.replace("\n", "\n\n")


def test_zwnj_language_reaches_paragraphs():
    assert clean_body("می\u200cخواهم", language="fa") == "می\u200cخواهم"
    assert clean_body("می\u200cخواهم") == "میخواهم"


# --- speed ------------------------------------------------------------------


def test_fifty_kilobytes_clean_fast():
    _, _, body = _read_seed()
    big = body
    while len(big.encode("utf-8")) < 50_000:
        big += "\n\n" + body
    clean_body(big)  # warm caches
    best = min(_timed(clean_body, big) for _ in range(5))
    # Target is well under 10 ms; the bound leaves room for slow CI machines.
    assert best < 0.05, f"clean_body took {best * 1000:.1f} ms for 50 KB"


def _timed(func, arg) -> float:
    start = time.perf_counter()
    func(arg)
    return time.perf_counter() - start
