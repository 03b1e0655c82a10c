from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from newsarchive.extract import dates
from newsarchive.extract.dates import (
    ParsedDate,
    find_date_in_url,
    has_arabic_month_date,
    is_plausible,
    parse_machine_date,
    parse_visible_date,
)

NOW = datetime(2024, 5, 10, 12, 0, tzinfo=timezone.utc)
PLUS3 = timezone(timedelta(hours=3))
AR_WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]

LEVANTINE = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]
EGYPTIAN = [
    ("يناير", 1),
    ("فبراير", 2),
    ("فبرایر", 2),  # Persian yeh
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
]
MAGHREBI = [
    ("جانفي", 1),
    ("فيفري", 2),
    ("مارس", 3),
    ("أفريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("أوت", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    # Moroccan spellings
    ("يوليوز", 7),
    ("غشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
]


def day_only(y, m, d):
    return ParsedDate(datetime(y, m, d, tzinfo=timezone.utc), date_only=True)


def visible(text, **kwargs):
    parsed = parse_visible_date(text, **kwargs)
    assert parsed is not None, text
    return parsed


# ---------------------------------------------------------------- months


@pytest.mark.parametrize("month", range(1, 13))
def test_every_levantine_month_without_weekday(month):
    name = LEVANTINE[month - 1]
    assert visible(f"15 {name} 2019") == day_only(2019, month, 15)


@pytest.mark.parametrize("month", range(1, 13))
def test_every_levantine_month_with_weekday(month):
    name = LEVANTINE[month - 1]
    weekday = AR_WEEKDAYS[date(2019, month, 15).weekday()]
    assert visible(f"{weekday} 15 {name} 2019") == day_only(2019, month, 15)
    assert visible(f"{weekday}، 15 {name} 2019 - 09:05").value == datetime(
        2019, month, 15, 9, 5, tzinfo=timezone.utc
    )


@pytest.mark.parametrize(
    "text, month",
    [
        ("كانون أول", 12),
        ("كانون ثاني", 1),
        ("تشرين اول", 10),
        ("تشرين ثاني", 11),
        ("ايار", 5),
        ("اب", 8),
        ("اذار", 3),
    ],
)
def test_levantine_spelling_variants(text, month):
    assert visible(f"3 {text} 2020").day() == date(2020, month, 3)


@pytest.mark.parametrize("name, month", EGYPTIAN)
def test_egyptian_gulf_months(name, month):
    assert visible(f"الخميس 7 {name} 2021").day() == date(2021, month, 7)


@pytest.mark.parametrize("name, month", MAGHREBI)
def test_maghrebi_months(name, month):
    assert visible(f"7 {name} 2021").day() == date(2021, month, 7)


def test_maghrebi_juillet_with_final_ha():
    assert visible("7 جويليه 2021").day() == date(2021, 7, 7)


def test_double_month_names():
    assert visible("19 كانون الأول/ديسمبر 2019").day() == date(2019, 12, 19)
    assert visible("19 ديسمبر / كانون الأول 2019").day() == date(2019, 12, 19)


# ---------------------------------------------------------------- digits, times


def test_arabic_indic_digits():
    assert visible("١٩ كانون الأول ٢٠١٩") == day_only(2019, 12, 19)
    assert visible("١٩/١٢/٢٠١٩ ١٤:٣٠").value == datetime(2019, 12, 19, 14, 30, tzinfo=timezone.utc)


def test_persian_digits_and_month_names():
    assert visible("۱۹ دیسمبر ۲۰۱۹") == day_only(2019, 12, 19)
    assert visible("۱۹ دسامبر ۲۰۱۹") == day_only(2019, 12, 19)


@pytest.mark.parametrize(
    "text, hour, minute",
    [
        ("19 ديسمبر 2019 02:30 م", 14, 30),
        ("19 ديسمبر 2019 02:30 ص", 2, 30),
        ("19 ديسمبر 2019 12:10 م", 12, 10),
        ("19 ديسمبر 2019 12:10 ص", 0, 10),
        ("19 ديسمبر 2019 14:30 م", 14, 30),  # redundant marker on a 24-hour clock
        ("19 ديسمبر 2019 الساعة 10:05 مساءً", 22, 5),
        ("19 ديسمبر 2019 - 08:15 صباحاً", 8, 15),
        ("19 December 2019 02:30 م", 14, 30),  # Latin month, Arabic marker
        ("02:30 م، الخميس 19 ديسمبر 2019", 14, 30),  # time printed first
    ],
)
def test_times_with_am_pm_markers(text, hour, minute):
    parsed = visible(text)
    assert not parsed.date_only
    assert parsed.value == datetime(2019, 12, 19, hour, minute, tzinfo=timezone.utc)


def test_gregorian_era_marker_is_not_pm():
    parsed = visible("الخميس 19 ديسمبر 2019م")
    assert parsed == day_only(2019, 12, 19)


def test_surrounding_words_and_separators():
    parsed = visible("نشر في: الخميس 19 كانون الأول 2019 | 14:30")
    assert parsed.value == datetime(2019, 12, 19, 14, 30, tzinfo=timezone.utc)
    assert visible("آخر تحديث 19 ديسمبر 2019 - 14:30").iso() == "2019-12-19T14:30:00+00:00"
    assert visible("14:30 | الخميس 19 كانون الأول 2019").value.hour == 14


def test_default_tz_applies_to_printed_times_only():
    beirut = ZoneInfo("Asia/Beirut")
    parsed = visible("19 ديسمبر 2019 14:30", default_tz=beirut)
    assert parsed.iso() == "2019-12-19T14:30:00+02:00"
    assert parsed.day() == date(2019, 12, 19)
    assert visible("19 ديسمبر 2019", default_tz=beirut).iso() == "2019-12-19T00:00:00+00:00"


def test_printed_offsets_override_default_tz():
    assert visible("19/12/2019 14:30 (مكة المكرمة)").iso() == "2019-12-19T14:30:00+03:00"
    assert visible("19 ديسمبر 2019 14:30 GMT+2").iso() == "2019-12-19T14:30:00+02:00"
    assert visible("19 ديسمبر 2019 14:30 بتوقيت غرينتش", default_tz=PLUS3).iso() == (
        "2019-12-19T14:30:00+00:00"
    )


# ---------------------------------------------------------------- numeric, Latin


@pytest.mark.parametrize(
    "text, expected",
    [
        ("19/12/2019", date(2019, 12, 19)),
        ("19-12-2019", date(2019, 12, 19)),
        ("19.12.2019", date(2019, 12, 19)),
        ("2019/12/19", date(2019, 12, 19)),
        ("2019-12-19", date(2019, 12, 19)),
        ("12/19/2019", date(2019, 12, 19)),  # only month-first is possible
        ("05/06/2019", date(2019, 6, 5)),  # ambiguous: day-first
    ],
)
def test_numeric_dates(text, expected):
    parsed = visible(f"تاريخ النشر: {text}")
    assert parsed.date_only
    assert parsed.day() == expected


def test_numeric_date_with_time():
    parsed = visible("19/12/2019 - 14:30")
    assert parsed.value == datetime(2019, 12, 19, 14, 30, tzinfo=timezone.utc)


def test_impossible_numeric_date():
    assert parse_visible_date("31/02/2019") is None
    assert parse_visible_date("2019/13/40") is None


def test_english():
    parsed = visible("December 19, 2019 2:30 PM")
    assert parsed.value == datetime(2019, 12, 19, 14, 30, tzinfo=timezone.utc)
    assert visible("Published Thursday, Dec. 19th, 2019 at 2:30pm").value.hour == 14
    assert visible("19 Dec 2019") == day_only(2019, 12, 19)


def test_french_spanish_german():
    parsed = visible("Publié le jeudi 19 décembre 2019 à 14h30")
    assert parsed.value == datetime(2019, 12, 19, 14, 30, tzinfo=timezone.utc)
    assert visible("1er janvier 2020") == day_only(2020, 1, 1)
    assert visible("19 de diciembre de 2019") == day_only(2019, 12, 19)
    assert visible("19. Dezember 2019") == day_only(2019, 12, 19)


# ---------------------------------------------------------------- never invent


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "garbage",
        "لا يوجد تاريخ هنا",
        "كانون الأول 2019",
        "ديسمبر 2019",
        "December 2019",
        "19 ديسمبر",
        "2019",
        "قتل 19 شخصا في 2019",
        "31 شباط 2019",
        "22 ربيع الثاني 1441هـ",
        "19/04/1441هـ",
        "19/12/19",  # two-digit year
        "14:30",
    ],
)
def test_no_invented_dates(text):
    assert parse_visible_date(text, now=NOW) is None


def test_hijri_date_is_skipped_for_the_gregorian_one():
    parsed = visible("22 ربيع الثاني 1441هـ الموافق 19 ديسمبر 2019م")
    assert parsed == day_only(2019, 12, 19)


def test_text_without_digits_never_reaches_dateparser(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("dateparser called")

    monkeypatch.setattr(dates, "_parser", boom)
    assert parse_visible_date("الخميس كانون الأول", now=NOW) is None
    assert parse_visible_date("منذ ساعتين", now=NOW) is not None


def test_long_input_is_capped():
    text = "19 ديسمبر 2019 " + "كلام " * 50_000
    assert visible(text) == day_only(2019, 12, 19)
    assert parse_visible_date("كلام " * 200 + "19 ديسمبر 2019") is None


# ---------------------------------------------------------------- relative


@pytest.mark.parametrize(
    "text, delta",
    [
        ("منذ 3 ساعات", timedelta(hours=3)),
        ("منذ ساعتين", timedelta(hours=2)),
        ("منذ ساعة", timedelta(hours=1)),
        ("منذ 11 ساعة", timedelta(hours=11)),
        ("منذ دقيقة", timedelta(minutes=1)),
        ("قبل 5 دقائق", timedelta(minutes=5)),
        ("نشر منذ ٤٠ ثانية", timedelta(seconds=40)),
        ("3 hours ago", timedelta(hours=3)),
        ("an hour ago", timedelta(hours=1)),
        ("il y a 20 minutes", timedelta(minutes=20)),
    ],
)
def test_relative_with_time_of_day(text, delta):
    parsed = visible(text, now=NOW)
    assert not parsed.date_only
    assert parsed.value == NOW - delta


@pytest.mark.parametrize(
    "text, expected",
    [
        ("منذ يوم", date(2024, 5, 9)),
        ("منذ يومين", date(2024, 5, 8)),
        ("منذ 3 أيام", date(2024, 5, 7)),
        ("منذ أسبوع", date(2024, 5, 3)),
        ("2 days ago", date(2024, 5, 8)),
        ("il y a 2 jours", date(2024, 5, 8)),
        ("أمس", date(2024, 5, 9)),
    ],
)
def test_relative_days_are_date_only(text, expected):
    parsed = visible(text, now=NOW)
    assert parsed.date_only
    assert parsed.day() == expected


def test_relative_day_uses_site_clock():
    late = datetime(2024, 5, 10, 22, 30, tzinfo=timezone.utc)  # already May 11 in Beirut
    parsed = visible("منذ يوم", now=late, default_tz=ZoneInfo("Asia/Beirut"))
    assert parsed.day() == date(2024, 5, 10)


def test_yesterday_and_today_with_time():
    assert visible("أمس 14:30", now=NOW).value == datetime(2024, 5, 9, 14, 30, tzinfo=timezone.utc)
    assert visible("اليوم 09:15 ص", now=NOW, default_tz=PLUS3).iso() == "2024-05-10T09:15:00+03:00"


def test_naive_now_is_utc():
    assert visible("منذ 3 ساعات", now=NOW.replace(tzinfo=None)).value == NOW - timedelta(hours=3)


@pytest.mark.parametrize(
    "text",
    [
        "منذ ساعات",  # no count
        "منذ شهر",  # too coarse for a day
        "منذ 2 سنوات",
        "3 months ago",
        "قال أمس الوزير",  # "yesterday" inside a story
    ],
)
def test_vague_relative_phrases(text):
    assert parse_visible_date(text, now=NOW) is None


def test_relative_needs_now():
    assert parse_visible_date("منذ 3 ساعات") is None
    assert parse_visible_date("3 hours ago") is None


def test_absolute_date_wins_over_relative():
    parsed = visible("منذ 3 ساعات - 19 ديسمبر 2019", now=NOW)
    assert parsed == day_only(2019, 12, 19)


# ---------------------------------------------------------------- ParsedDate


def test_date_only_iso_and_day():
    parsed = visible("19 ديسمبر 2019")
    assert parsed.iso() == "2019-12-19T00:00:00+00:00"
    assert parsed.day() == date(2019, 12, 19)


def test_date_only_is_normalised_to_midnight_utc_of_the_printed_day():
    parsed = ParsedDate(datetime(2019, 12, 19, 0, 0, tzinfo=ZoneInfo("Pacific/Kiritimati")), True)
    assert parsed.iso() == "2019-12-19T00:00:00+00:00"
    assert parsed.day() == date(2019, 12, 19)


def test_timed_value_day_is_utc_day():
    parsed = ParsedDate(datetime(2019, 12, 20, 1, 30, tzinfo=PLUS3), date_only=False)
    assert parsed.iso() == "2019-12-20T01:30:00+03:00"
    assert parsed.day() == date(2019, 12, 19)


def test_naive_value_is_rejected():
    with pytest.raises(ValueError):
        ParsedDate(datetime(2019, 12, 19), date_only=False)


# ---------------------------------------------------------------- machine


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2019-12-19T14:30:00Z", "2019-12-19T14:30:00+00:00"),
        ("2019-12-19T14:30:00+03:00", "2019-12-19T14:30:00+03:00"),
        ("2019-12-19T14:30:00+0300", "2019-12-19T14:30:00+03:00"),
        ("2019-12-19T14:30:00.123456-05:00", "2019-12-19T14:30:00-05:00"),
        ("2019-12-19 14:30:00", "2019-12-19T14:30:00+00:00"),
        ("2019-12-19T14:30", "2019-12-19T14:30:00+00:00"),
        ("20191219T143000Z", "2019-12-19T14:30:00+00:00"),
        ("2019-12-19T14:30:00+03:00Z", "2019-12-19T14:30:00+03:00"),
        ("  2019-12-19T14:30:00Z\n", "2019-12-19T14:30:00+00:00"),
        ("Thu, 19 Dec 2019 14:30:00 +0300", "2019-12-19T14:30:00+03:00"),
        ("Thu, 19 Dec 2019 14:30:00 GMT", "2019-12-19T14:30:00+00:00"),
        ("Thu, 19 Dec 19 11:30:00 -0000", "2019-12-19T11:30:00+00:00"),
        ("19 Dec 2019 14:30 EST", "2019-12-19T14:30:00-05:00"),
    ],
)
def test_machine_timed(value, iso):
    parsed = parse_machine_date(value)
    assert parsed is not None and not parsed.date_only
    assert parsed.iso() == iso


def test_machine_naive_gets_default_tz():
    assert parse_machine_date("2019-12-19T14:30:00", default_tz=PLUS3).iso() == "2019-12-19T14:30:00+03:00"
    rss = parse_machine_date("Thu, 19 Dec 2019 14:30:00", default_tz=PLUS3)
    assert rss.iso() == "2019-12-19T14:30:00+03:00"


def test_machine_ambiguous_ast_uses_default_tz():
    parsed = parse_machine_date("Thu, 19 Dec 2019 14:30:00 AST", default_tz=PLUS3)
    assert parsed.iso() == "2019-12-19T14:30:00+03:00"


def test_machine_date_only():
    parsed = parse_machine_date("2019-12-19", default_tz=PLUS3)
    assert parsed == day_only(2019, 12, 19)
    assert parsed.iso() == "2019-12-19T00:00:00+00:00"


def test_machine_falls_back_to_printed_forms():
    assert parse_machine_date("December 19, 2019") == day_only(2019, 12, 19)
    assert parse_machine_date("منذ 3 ساعات") is None


@pytest.mark.parametrize(
    "value",
    ["", "garbage", "2019", "2019-12", "2019-13-45", "2019-12-19T25:00:00", "Thu, 32 Dec 2019 14:30:00 GMT", "null"],
)
def test_machine_garbage(value):
    assert parse_machine_date(value) is None


# ---------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/news/2019/12/19/some-slug",
        "https://example.com/news/2019/12/19",
        "https://example.com/2019-12-19-some-slug",
        "https://example.com/a/20191219/123.html",
        "https://example.com/a/slug-20191219",
        "https://example.com/a/2019_12_19/slug",
        "https://example.com/article?date=2019-12-19",
    ],
)
def test_url_dates(url):
    assert find_date_in_url(url) == day_only(2019, 12, 19)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/news/2019/12/some-slug",  # no day
        "https://example.com/article/123456789",
        "https://example.com/article/1201912190",
        "https://example.com/2019/13/45/slug",
        "https://blog.example.com/2023/10/3-fragen-an-tina/",  # a slug starting with a number
        "https://example.com/",
        "",
    ],
)
def test_url_without_date(url):
    assert find_date_in_url(url) is None


# ---------------------------------------------------------------- plausibility


def test_plausibility():
    assert is_plausible(day_only(2019, 12, 19), now=NOW)
    assert is_plausible(day_only(1990, 1, 1), now=NOW)
    assert not is_plausible(day_only(1989, 12, 31), now=NOW)
    assert is_plausible(ParsedDate(NOW + timedelta(hours=23), False), now=NOW)
    assert not is_plausible(ParsedDate(NOW + timedelta(days=1, minutes=1), False), now=NOW)
    assert is_plausible(day_only(2024, 5, 11), now=NOW)
    assert not is_plausible(day_only(2024, 5, 12), now=NOW)
    assert is_plausible(day_only(2024, 5, 10), now=NOW.replace(tzinfo=None))


def test_plausibility_of_parsed_values():
    assert not is_plausible(visible("19 ديسمبر 1985"), now=NOW)
    assert not is_plausible(visible("19 ديسمبر 2030"), now=NOW)


def test_impossible_clock_drops_the_value():
    assert parse_visible_date("19/12/2019 25:00") is None
    assert parse_visible_date("19 ديسمبر 2019 14:30 +99:00") is None


def test_pytz_default_tz_is_localized():
    pytz = pytest.importorskip("pytz")
    parsed = visible("19 ديسمبر 2019 14:30", default_tz=pytz.timezone("Asia/Beirut"))
    assert parsed.iso() == "2019-12-19T14:30:00+02:00"


def test_offset_is_not_read_as_a_clock():
    assert parse_machine_date("2019-12-19+03:00") == day_only(2019, 12, 19)


def test_absurd_relative_count():
    assert parse_visible_date("منذ 99999999999999 يوم", now=NOW) is None


@pytest.mark.parametrize(
    "text",
    [
        "نشر في 19 كانون الأول 2019",
        "تشرين أول 2019",  # the Levantine spelling without the article
        "١٩ آب",
        "الخميس 7 جانفي 2021",
        "مايو 2021",
    ],
)
def test_arabic_month_dates_are_noticed(text):
    assert has_arabic_month_date(text)


@pytest.mark.parametrize("text", ["قتل 19 شخصا في 2019", "19 December 2019", "", "كانون"])
def test_text_without_an_arabic_month_date(text):
    assert not has_arabic_month_date(text)
