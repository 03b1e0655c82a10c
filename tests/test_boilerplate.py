"""Tests for newsarchive.text.boilerplate: each predicate with spelling variants that
must match and real news sentences that must not."""

from __future__ import annotations

import pytest

from newsarchive.text import boilerplate as bp

LONG_QUOTE = (
    "وقال المحامي في تصريح للصحفيين إن الشركة كتبت على غلاف الكتاب عبارة "
    "“جميع الحقوق محفوظة” لكنها لم تسجل العمل رسمياً لدى الجهات المختصة في "
    "البلاد، ما يفتح الباب أمام نزاع قضائي طويل بين الطرفين خلال الأشهر المقبلة."
)


# --- fold -------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("إقرأ أيضاً", "اقرا ايضا"),
        ("آخر الأخبار", "اخر الاخبار"),
        ("ٱلأخبار", "الاخبار"),
        ("مقالات ذات صلة", "مقالات ذات صله"),
        ("على", "علي"),
        ("الأكثر تداولاً", "الاكثر تداولا"),
        ("زر الذهـاب إلى الأعلى", "زر الذهاب الى الاعلى"),
        ("مُحَمَّد", "محمد"),
        ("» Read More: «", "read more"),
        ("Back  to\u00a0top |", "back to top"),
        ("ﻣﺮﺣﺒﺎ", "مرحبا"),
        ("\u200fشارك\u200e", "شارك"),
        ("ئ ؤ", "ي و"),
    ],
)
def test_fold_equates_variants(a, b):
    assert bp.fold(a) == bp.fold(b)


def test_fold_of_nothing():
    assert bp.fold(None) == ""
    assert bp.fold("") == ""
    assert bp.fold(" :: | ") == ""


def test_fold_keeps_distinct_words_apart():
    assert bp.fold("قصف") != bp.fold("قصة")
    assert bp.fold("read also") != bp.fold("readalso")


# --- read also --------------------------------------------------------------


@pytest.mark.parametrize(
    "line, title",
    [
        ("إقرأ أيضاً: النظام يحشد قواته ويتحدث عن معركة إدلب الكبرى.. ماذا عن اتفاق سوتشي؟",
         "النظام يحشد قواته ويتحدث عن معركة إدلب الكبرى.. ماذا عن اتفاق سوتشي؟"),
        ("اقرأ أيضا - روسيا تقصف ريف حلب", "روسيا تقصف ريف حلب"),
        ("اقرا ايضا روسيا تقصف ريف حلب", "روسيا تقصف ريف حلب"),
        ("اقرأ أيضًا:روسيا تقصف", "روسيا تقصف"),
        ("اقـرأ أيضـاً | «روسيا تقصف»", "روسيا تقصف"),
        ("  اقرأ المزيد » روسيا تقصف", "روسيا تقصف"),
        ("اقرأ كذلك: عنوان", "عنوان"),
        ("شاهد أيضاً: فيديو القصف", "فيديو القصف"),
        ("طالع أيضاً – عنوان", "عنوان"),
        ("يهمك أيضاً: عنوان", "عنوان"),
        ("Read also: Syria talks", "Syria talks"),
        ("READ MORE — Syria talks", "Syria talks"),
        ("See also: Syria talks", "Syria talks"),
        ("Also read: “Syria talks”", "Syria talks"),
    ],
)
def test_read_also_lines(line, title):
    assert bp.is_read_also(line)
    assert bp.read_also_title(line) == title
    assert bp.is_boilerplate_line(line)


def test_read_also_without_title():
    assert bp.is_read_also("اقرأ أيضاً:")
    assert bp.read_also_title("اقرأ أيضاً:") is None


@pytest.mark.parametrize(
    "line",
    [
        "وقال إنه اقرأ أيضاً",  # prefix not at the start
        "اقرأوا التقرير كاملاً",
        "Read moreover the report",
        "Readers also asked",
        "اقرأ أيضاًالنظام",  # glued, no separator
        "",
        None,
    ],
)
def test_not_read_also(line):
    assert not bp.is_read_also(line)
    assert bp.read_also_title(line) is None


def test_long_line_needs_a_punctuation_separator_to_be_read_also():
    sentence = "شاهد أيضاً " + " ".join(["المواطنون"] * 30)
    assert not bp.is_read_also(sentence)
    assert not bp.is_boilerplate_line(sentence)
    link = "شاهد أيضاً: " + " ".join(["المواطنون"] * 30)
    assert bp.is_read_also(link)
    assert bp.is_boilerplate_line(link)


# --- headings ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["مقالات ذات صلة", "أخبار ذات صلة:", "مواضيع ذات صله", "« مقالات مشابهة »",
     "قد يهمك ايضا", "Related", "RELATED ARTICLES", "Related posts", "You may also like"],
)
def test_related_headings(text):
    assert bp.is_related_heading(text)
    assert not bp.is_sidebar_heading(text)


@pytest.mark.parametrize(
    "text",
    ["الأكثر قراءة", "الاكثر مشاهدة", "الأكثر تداولاً", "آخر الأخبار", "أحدث الأخبار",
     "أخبار عاجلة |", "Most read", "Most Popular", "Latest news", "Trending"],
)
def test_sidebar_headings(text):
    assert bp.is_sidebar_heading(text)
    assert not bp.is_related_heading(text)


@pytest.mark.parametrize(
    "text",
    [
        "نشرت الوزارة مقالات ذات صلة بالموضوع على موقعها",
        "وأكد أن آخر الأخبار من إدلب تشير إلى تصعيد",
        "Related stories on page 5",
        "The trending topic today",
        "",
        None,
    ],
)
def test_sentences_are_not_headings(text):
    assert not bp.is_related_heading(text)
    assert not bp.is_sidebar_heading(text)


def test_headings_are_not_line_boilerplate_by_themselves():
    # They announce a block; the caller decides what to do with it.
    assert not bp.is_boilerplate_line("مقالات ذات صلة")
    assert not bp.is_boilerplate_line("الأكثر قراءة")


# --- share rows -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "شارك",
        "شارك الخبر",
        "فيسبوك تويتر واتساب تيليجرام",
        "فيس بوك | تويتر | واتس اب",
        "Facebook Twitter WhatsApp Telegram LinkedIn Pinterest Reddit Email Print",
        "Share on Facebook",
        "شارك عبر واتساب",
        "مشاركة: فيسبوك إكس لينكدإن البريد الإلكتروني طباعة نسخ الرابط",
        "Facebook 120 Twitter 45",
        "فيسبوك ١٢٠ تويتر ٤٥",
        "X Copy link Messenger",
        "تلغرام ريديت بينتيرست",
    ],
)
def test_share_rows(text):
    assert bp.is_share_row(text)
    assert bp.is_boilerplate_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "نشر الرئيس على فيسبوك صورة من اللقاء",
        "قال عبر حسابه على تويتر إن الاتفاق انتهى",
        "The minister posted on Facebook that talks failed",
        "Twitter was renamed X",
        "12",
        "على",
        "",
        None,
    ],
)
def test_not_share_rows(text):
    assert not bp.is_share_row(text)
    assert not bp.is_boilerplate_line(text)


# --- other furniture --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["زر الذهاب إلى الأعلى", "العودة الى الاعلى ↑", "الرجوع للأعلى", "Back to top", "SCROLL TO TOP"],
)
def test_back_to_top(text):
    assert bp.is_back_to_top(text)
    assert bp.is_boilerplate_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "اشترك في النشرة البريدية",
        "اشترك في نشرتنا البريدية ليصلك كل جديد",
        "النشرة البريدية",
        "Subscribe to our newsletter",
        "Sign up for our newsletter!",
    ],
)
def test_newsletter(text):
    assert bp.is_newsletter_line(text)
    assert bp.is_boilerplate_line(text)


def test_sentence_about_a_newsletter_is_kept():
    text = "أطلقت الوزارة النشرة البريدية الجديدة أمس"
    assert not bp.is_newsletter_line(text)
    assert not bp.is_boilerplate_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "جميع الحقوق محفوظة",
        "© 2024 الوسيلة",
        "©",
        "جميع الحقوق محفوظة لموقع الوسيلة 2019 - 2024",
        "حقوق النشر محفوظة © الوسيلة",
        "Copyright 2024 Example Media. All rights reserved.",
    ],
)
def test_copyright(text):
    assert bp.is_copyright_line(text)
    assert bp.is_boilerplate_line(text)


def test_long_paragraph_quoting_copyright_is_kept():
    assert len(LONG_QUOTE.split()) > bp.LONG_PARAGRAPH_WORDS
    assert not bp.is_copyright_line(LONG_QUOTE)
    assert not bp.is_boilerplate_line(LONG_QUOTE)


def test_long_paragraph_is_never_boilerplate_whatever_it_contains():
    words = ["فيسبوك", "تويتر", "واتساب"] * 10
    assert not bp.is_share_row(" ".join(words))
    assert not bp.is_boilerplate_line(" ".join(words))
    assert not bp.is_boilerplate_line("شاركونا رأيكم عبر " + LONG_QUOTE, ["شاركونا رأيكم عبر"])


@pytest.mark.parametrize(
    "text",
    [
        "الفقرة الأولى من الخبر.",
        "دعا الرئيس الإيراني حسن روحاني، تركيا إلى التعاون مع نظام بشار الأسد.",
        "***",
        "",
        None,
    ],
)
def test_ordinary_lines_are_not_boilerplate(text):
    assert not bp.is_boilerplate_line(text)


# --- extra phrases ----------------------------------------------------------


def test_extra_phrases_match_whole_line_or_start_after_folding():
    extra = ("شاركونا رأيكم عبر", "نزّل برنامج الوسيلة")
    assert bp.is_boilerplate_line("شاركونا رأيكم عبر تلغرام", extra)
    assert bp.is_boilerplate_line("شاركونا رأيكم عبر:", extra)
    assert bp.is_boilerplate_line("نزل برنامج الوسيله", extra)
    assert not bp.is_boilerplate_line("شاركونا", extra)
    assert not bp.is_boilerplate_line("وقال شاركونا رأيكم عبر تلغرام", extra)
    assert not bp.is_boilerplate_line("شاركونا رأيكم عبر تلغرام")


def test_extra_phrases_accept_a_list_or_a_single_string():
    assert bp.is_boilerplate_line("شاركونا رأيكم عبر تلغرام", ["شاركونا رأيكم عبر"])
    assert bp.is_boilerplate_line("شاركونا رأيكم عبر تلغرام", "شاركونا رأيكم عبر")


def test_precomputed_key_gives_the_same_answer():
    line = "إقرأ أيضاً: عنوان"
    assert bp.is_boilerplate_line(line, key=bp.fold(line)) == bp.is_boilerplate_line(line)


def test_lists_are_tuples_of_strings():
    for name in ("READ_ALSO", "RELATED_HEADINGS", "SIDEBAR_HEADINGS", "BACK_TO_TOP",
                 "SHARE", "NEWSLETTER", "COPYRIGHT"):
        value = getattr(bp, name)
        assert isinstance(value, tuple) and value
        assert all(isinstance(item, str) and item for item in value)


@pytest.mark.parametrize("line", [
    "تابعونا على تلغرام", "أضف تعليق", "5 comments", "Comments", "Thanks for signing up!",
    "Click here to subscribe to The Paradigm Newsletter", "Tags", "3 min read", "Filed under: Politics |",
    "الصفحات: 1 2 3", "1 2 3 التالي", "Page 2 3 Next",
])
def test_calls_to_action_and_page_labels_are_furniture(line):
    assert bp.is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "Comments by the minister were criticised by the opposition on Tuesday evening.",
    "وقال إن التعليقات التي نشرها الوزير أثارت جدلاً واسعاً بين المواطنين في المحافظة.",
    "Sorry seems to be the hardest word, the senator said.",
    "3",
])
def test_sentences_that_start_like_calls_to_action_stay(line):
    assert not bp.is_boilerplate_line(line)
