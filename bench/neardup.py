"""Near-duplicate benchmark: lightly edited syndicated copies found, different stories of one template not linked.

Originals: the sample sites' articles (sample_site/content.py, clean
paragraphs; oldpress's syndicated copy of a wasila story is left out).  For
each original, copies with: 1 word changed, 1%, 3%, 5%, 10% of the words
changed (several random draws each), a dateline added, the first paragraph
removed, the last paragraph removed, the title prefixed ("متابعات: "; the
title is not fingerprinted, so the body is the original's), and a
combination (dateline + last paragraph cut + 2 words changed).

Negatives: pairs of DIFFERENT stories of one topic and agency template
(``TEMPLATES``: weather bulletins, football rounds, exchange rates, fuel
distribution, road accidents, civil-defence tallies, exam calendars,
security incidents): both stories carry the template's boilerplate opener and
closer verbatim, their facts are drawn independently.  Also: no original
may be linked to another original.

The real code runs: a ``SqliteDedupeState`` in a temporary directory with the
crawl's ``NearPolicy``; originals and the first story of each pair are
committed (source "agency"; each pair in a state of its own), then every
copy and every second story is looked up as from source "reprint".  A copy counts as found when the state
returns its original; any other answer for a copy, and any answer for a
second story, is a false link.

Prints one line per edit (recall, false links, exact Jaccard range of the
copies), the pairs, the policy's detection probability curve, the per-article
cost and the bytes per record the state keeps in memory, and ends with:

    neardup: recall_at_5pct=… false_links=… pairs=…

(recall_at_5pct: copies with 5% of their words changed.)

Usage: .venv/bin/python bench/neardup.py [--threshold T] [--draws N] [--records N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsarchive.record.urls import record_id, url_key  # noqa: E402
from newsarchive.text import fingerprint  # noqa: E402
from crawler.pipelines.archive import append_record  # noqa: E402
from newsarchive.text.fingerprint import NearPolicy  # noqa: E402
from newsarchive.record.format import archive_day, day_file  # noqa: E402
from newsarchive.store.state import SqliteDedupeState  # noqa: E402
from sample_site.content import OLDPRESS_ARTICLES, WASILA_POSTS  # noqa: E402

WORD_EDITS = {"1 word": None, "1%": 0.01, "3%": 0.03, "5%": 0.05, "10%": 0.10}
DATELINES = ("بيروت - ", "دمشق (وكالات) - ", "عمّان - الأناضول: ", "القاهرة - ")
TITLE_PREFIX = "متابعات: "
#: Words a changed word becomes (a word of another story, as a light rewrite would).
REPLACEMENTS = (
    "الحكومة", "المنطقة", "الأسبوع", "المسؤول", "الجديد", "الأخير", "كبير", "الرسمية", "المحلية",
    "مصادر", "أكد", "أشار", "أوضح", "يوم", "خلال", "بسبب", "حسب", "نحو", "أكثر", "بعض", "كذلك",
    "السوري", "الدولي", "الماضي", "المقبل", "إضافة", "بينما", "حيث", "وفق", "لدى",
)


@dataclass(frozen=True)
class Story:
    name: str
    title: str
    paragraphs: tuple[str, ...]

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def originals() -> list[Story]:
    out = [Story(f"wasila/{p.slug}", p.title, tuple(p.clean)) for p in WASILA_POSTS]
    out += [Story(f"oldpress/{a.id}", a.title, tuple(a.paragraphs))
            for a in OLDPRESS_ARTICLES if a.duplicate_of is None]
    return out


# -- edits ---------------------------------------------------------------------
def change_words(paragraphs: tuple[str, ...], count: int, rng: random.Random) -> tuple[str, ...]:
    """``count`` distinct word positions replaced by another word."""
    split = [p.split(" ") for p in paragraphs]
    positions = [(i, j) for i, words in enumerate(split) for j in range(len(words))]
    for i, j in rng.sample(positions, min(count, len(positions))):
        old = split[i][j]
        split[i][j] = rng.choice([w for w in REPLACEMENTS if w != old])
    return tuple(" ".join(words) for words in split)


def n_words(story: Story) -> int:
    return sum(len(p.split(" ")) for p in story.paragraphs)


def copies(story: Story, draws: int, seed: int = 0) -> list[tuple[str, Story]]:
    """(edit name, edited copy) for every edit; word edits ``draws`` times each."""
    rng = random.Random(f"{seed}:{story.name}")
    out = []
    for edit, share in WORD_EDITS.items():
        count = 1 if share is None else max(1, round(share * n_words(story)))
        for _ in range(draws):
            out.append((edit, Story(story.name, story.title, change_words(story.paragraphs, count, rng))))
    first = rng.choice(DATELINES) + story.paragraphs[0]
    out.append(("dateline", Story(story.name, story.title, (first, *story.paragraphs[1:]))))
    out.append(("first paragraph cut", Story(story.name, story.title, story.paragraphs[1:])))
    out.append(("last paragraph cut", Story(story.name, story.title, story.paragraphs[:-1])))
    out.append(("title prefix", Story(story.name, TITLE_PREFIX + story.title, story.paragraphs)))
    combo = change_words((rng.choice(DATELINES) + story.paragraphs[0], *story.paragraphs[1:-1]), 2, rng)
    out.append(("dateline+cut+2 words", Story(story.name, story.title, combo)))
    return out


# -- different stories of one template ---------------------------------------------
#: theme → (opener, closer, fact sentences with {slots}, slot values). The opener and
#: closer are the agency's boilerplate, verbatim in every story of the theme.
TEMPLATES: dict[str, dict] = {
    "weather": dict(
        opener="توقعت المديرية العامة للأرصاد الجوية في نشرتها اليومية الصادرة صباح اليوم استمرار تأثر البلاد بالحالة الجوية السائدة خلال الساعات الأربع والعشرين المقبلة.",
        closer="ودعت المديرية المواطنين إلى توخي الحذر أثناء القيادة على الطرقات الجبلية والساحلية، ومتابعة النشرات الجوية التي تصدر عنها تباعاً عبر موقعها الرسمي وصفحاتها على مواقع التواصل الاجتماعي.",
        facts=(
            "ويكون الجو {sky} في {region}، مع {rain} على {region2} {when}.",
            "وتكون درجات الحرارة {rel} من معدلاتها السنوية بنحو {n} درجات، لتتراوح العظمى في {city} بين {a} و{b} درجة مئوية.",
            "والرياح {wind} السرعة، تنشط أحياناً على {region2} وتثير الغبار في {desert}.",
            "والبحر {sea}، ويتراوح ارتفاع الموج بين {w1} و{w2} سنتيمتر قبالة {coast}.",
            "ويتشكل الضباب {when} على {region}، ما يؤدي إلى تدني مدى الرؤية الأفقية إلى أقل من {vis} متر.",
            "ويتوقع تساقط الثلوج على المرتفعات التي يزيد ارتفاعها على {alt} متر في {mountain}، مع تشكل الصقيع ليلاً في {region2}.",
            "وفي العاصمة تبلغ الحرارة العظمى {a} درجة والصغرى {c} درجات، والجو {sky}.",
        ),
        values=dict(
            sky=["صحو إلى غائم جزئياً", "غائم جزئياً إلى غائم", "غائم بشكل عام", "ماطر بغزارة", "بارد وجاف", "مغبر"],
            region=["المناطق الساحلية", "المنطقة الوسطى", "المنطقة الشمالية", "المنطقة الجنوبية", "البادية", "المنطقة الشرقية"],
            region2=["المرتفعات الغربية", "سهل الغاب", "ريف حلب", "حوران", "الجزيرة السورية", "القلمون"],
            rain=["هطولات مطرية متفرقة", "زخات رعدية غزيرة", "رذاذ خفيف", "أمطار متوسطة الشدة"],
            when=["خلال ساعات الليل", "بعد الظهر", "في الصباح الباكر", "على فترات متقطعة"],
            rel=["أدنى", "أعلى"], n=["2", "3", "4", "5", "6"],
            city=["حلب", "حمص", "حماة", "اللاذقية", "دير الزور", "درعا", "السويداء", "إدلب"],
            a=["9", "11", "13", "15", "17", "19"], b=["14", "16", "18", "21", "23"], c=["1", "2", "4", "5", "7"],
            wind=["شمالية غربية خفيفة إلى معتدلة", "جنوبية غربية معتدلة إلى نشطة", "شرقية خفيفة", "متغيرة الاتجاه نشطة"],
            desert=["البادية الشرقية", "ريف دير الزور", "المناطق الصحراوية"],
            sea=["هادئ إلى خفيف الموج", "متوسط الموج", "عالي الموج"],
            w1=["30", "50", "80", "100"], w2=["120", "150", "200", "250"],
            coast=["السواحل السورية", "اللاذقية", "طرطوس", "بانياس"],
            vis=["200", "500", "800", "1000"], alt=["1200", "1500", "1800"],
            mountain=["جبل الشيخ", "القلمون", "جبال الساحل", "جبل العرب"],
        ),
    ),
    "football": dict(
        opener="أسدل الستار مساء أمس على مباريات مرحلة جديدة من منافسات الدوري السوري الممتاز لكرة القدم، التي أقيمت على عدة ملاعب وسط حضور جماهيري متفاوت.",
        closer="ويشارك في الدوري الممتاز هذا الموسم أربعة عشر فريقاً، يهبط منها فريقان إلى دوري الدرجة الأولى في نهاية الموسم، فيما يتأهل البطل ووصيفه إلى كأس الاتحاد الآسيوي.",
        facts=(
            "وحقق فريق {t1} فوزاً {adj} على ضيفه {t2} بنتيجة {s1}-{s2}، في المباراة التي جمعتهما على ملعب {stadium}.",
            "وسجل هدف الفوز {player} في الدقيقة {minute} من {half}، بعد {assist}.",
            "وفي مباراة أخرى تعادل {t3} مع {t4} {draw}، في لقاء {draw_note}.",
            "وبهذه النتيجة رفع {t1} رصيده إلى {pts} نقطة في المركز {rank}، بينما تجمد رصيد {t2} عند {pts2} نقطة.",
            "وأشهر الحكم {ref} البطاقة الحمراء في وجه لاعب {t2} {player2} في الدقيقة {minute2} إثر {foul}.",
            "وتعرض مهاجم {t3} {player3} لإصابة {injury} أجبرته على مغادرة الملعب، ومن المنتظر أن يغيب عن {miss}.",
        ),
        values=dict(
            t1=["الجيش", "تشرين", "الوحدة", "الاتحاد", "الكرامة", "حطين", "الوثبة"],
            t2=["جبلة", "الطليعة", "الشرطة", "الجزيرة", "الفتوة", "النواعير", "المجد"],
            t3=["الحرية", "الساحل", "عفرين", "الجهاد", "حرجلة"], t4=["الوثبة", "الكرامة", "الاتحاد", "تشرين"],
            adj=["ثميناً", "مستحقاً", "صعباً", "كبيراً", "مثيراً"],
            s1=["1", "2", "3", "4"], s2=["0", "1", "2"],
            stadium=["الفيحاء في دمشق", "الباسل في اللاذقية", "حماة البلدي", "خالد بن الوليد في حمص", "الحمدانية في حلب"],
            player=["محمود البحر", "علاء الدالي", "محمد الواكد", "عمر خريبين", "مارديك مارديكيان", "فهد يوسف"],
            player2=["أحمد الصالح", "حسين جويد", "يوسف قلفا", "خالد المبيض"],
            player3=["ورد السلامة", "فراس الخطيب", "محمد عثمان", "زكريا العمري"],
            minute=["12", "27", "38", "55", "67", "81", "90"], minute2=["33", "49", "71", "88"],
            half=["الشوط الأول", "الشوط الثاني", "الوقت بدل الضائع"],
            assist=["تمريرة عرضية متقنة", "ركلة جزاء احتسبها الحكم", "خطأ دفاعي فادح", "هجمة مرتدة سريعة"],
            draw=["سلبياً دون أهداف", "بهدف لمثله", "بهدفين لمثلهما"],
            draw_note=["غابت عنه الفرص الحقيقية للتسجيل", "شهد سيطرة ميدانية لأصحاب الأرض", "تأجل انطلاقه ساعة بسبب الأمطار"],
            pts=["18", "21", "24", "27", "30"], pts2=["9", "11", "14", "16"],
            rank=["الأول", "الثاني", "الثالث", "الخامس"],
            ref=["حسن يوسف", "مسعود طفيلية", "عبد الرحمن السعيد", "محمد قزيز"],
            foul=["تدخل عنيف من الخلف", "اعتراضه على قرار الحكم", "إنذار ثان", "إعاقة متعمدة لانفراد صريح"],
            injury=["قوية في الكاحل", "عضلية", "في الركبة", "في الرأس"],
            miss=["المباراة المقبلة", "مباريات الأسبوعين المقبلين", "ما تبقى من مرحلة الذهاب"],
        ),
    ),
    "currency": dict(
        opener="واصلت الليرة السورية تذبذبها أمام العملات الأجنبية في تعاملات اليوم، بحسب ما رصدته مواقع متخصصة بمتابعة أسعار الصرف في السوق الموازية.",
        closer="ويأتي ذلك في ظل غياب أي إجراءات فعلية من المصرف المركزي لضبط سعر الصرف، وسط تحذيرات من انعكاس التراجع على أسعار المواد الأساسية والقدرة الشرائية للمواطنين.",
        facts=(
            "وسجل سعر صرف الدولار الأمريكي في دمشق {buy} ليرة للشراء و{sell} ليرة للمبيع، {dir} بنحو {delta} ليرة عن إغلاق {prev}.",
            "أما في حلب فبلغ سعر الدولار {buy2} ليرة، في حين سجل في إدلب {buy3} ليرة وفي الحسكة {buy4} ليرة.",
            "وسجل سعر غرام الذهب عيار 21 قيراطاً {gold} ليرة، بحسب نشرة جمعية الصاغة، {gdir} {gdelta} ليرة.",
            "وبلغ سعر صرف اليورو {eur} ليرة، والليرة التركية {tl} ليرة، والريال السعودي {sar} ليرة.",
            "ويعزو متعاملون {move} إلى {reason}.",
            "وأصدر المصرف المركزي نشرة أسعار رسمية جديدة حدد فيها سعر الدولار بـ{official} ليرة لتمويل {use}.",
        ),
        values=dict(
            buy=["885", "910", "935", "960", "1005"], sell=["895", "920", "945", "975", "1015"],
            dir=["مرتفعاً", "منخفضاً"], delta=["10", "15", "20", "35", "40"],
            prev=["يوم أمس", "الأسبوع الماضي", "تعاملات الصباح"],
            buy2=["890", "915", "940", "970"], buy3=["900", "925", "950", "990"], buy4=["880", "905", "930"],
            gold=["41000", "42500", "44000", "45500"], gdir=["بارتفاع قدره", "بانخفاض قدره"], gdelta=["500", "1000", "1500"],
            eur=["985", "1010", "1040", "1075"], tl=["150", "155", "160", "165"], sar=["235", "242", "250", "258"],
            move=["الارتفاع الأخير", "التراجع الحالي", "هذا التذبذب"],
            reason=["زيادة الطلب على القطع الأجنبي لتمويل المستوردات", "المضاربات في السوق السوداء",
                    "الأنباء عن عقوبات اقتصادية جديدة", "تراجع الحوالات الخارجية مع نهاية الموسم",
                    "أزمة المصارف في لبنان وتجميد ودائع السوريين فيها"],
            official=["434", "436", "438"], use=["المستوردات الأساسية", "الحوالات الخارجية", "مستلزمات الإنتاج"],
        ),
    ),
    "fuel": dict(
        opener="أعلنت الشركة السورية لتخزين وتوزيع المواد البترولية عن آلية جديدة لتوزيع المشتقات النفطية عبر البطاقة الذكية، في إطار ما وصفته بتنظيم عملية التوزيع وضمان وصول المخصصات إلى مستحقيها.",
        closer="وكانت المحافظات السورية شهدت خلال الأسابيع الماضية ازدحاماً كبيراً أمام محطات الوقود، وسط شكاوى من تأخر وصول الرسائل النصية وقلة الكميات المطروحة.",
        facts=(
            "وبموجب الآلية يحصل صاحب السيارة الخاصة على {liters} لتراً من البنزين كل {days} أيام، بسعر {price} ليرة لليتر المدعوم.",
            "وتوزع مادة المازوت المنزلي على دفعتين، بواقع {mazout} لتر لكل عائلة في {gov}، ابتداءً من {month}.",
            "وقال مدير فرع المحروقات في {gov} إن عدد الطلبات المسجلة تجاوز {requests} ألف طلب، وإن التوزيع يتم {order}.",
            "وتصل الرسائل النصية إلى المواطنين قبل {hours} ساعة من موعد التعبئة، ويتوجب عليهم مراجعة المحطة المحددة خلال {window}.",
            "وخصصت الشركة {stations} محطة في {city} لتعبئة {vehicles} بشكل حصري.",
            "وتم تحديد سعر أسطوانة الغاز المنزلي بـ{gas} ليرة، على أن تستلم كل أسرة أسطوانة واحدة كل {gas_days} يوماً.",
        ),
        values=dict(
            liters=["20", "25", "30", "40"], days=["4", "5", "7", "10"], price=["225", "250", "450"],
            mazout=["100", "200"], gov=["دمشق", "ريف دمشق", "حمص", "حماة", "طرطوس", "اللاذقية", "حلب"],
            month=["مطلع الشهر المقبل", "منتصف تشرين الثاني", "بداية كانون الأول"],
            requests=["120", "180", "250", "310"],
            order=["وفق أسبقية التسجيل", "حسب المناطق والأحياء", "بالتناوب بين المعتمدين"],
            hours=["12", "24", "48"], window=["يومين", "ثلاثة أيام", "24 ساعة"],
            stations=["4", "6", "9", "12"], city=["دمشق", "حمص", "حلب", "اللاذقية", "حماة"],
            vehicles=["الآليات العامة وسيارات الأجرة", "باصات النقل الداخلي", "سيارات الخدمة العامة"],
            gas=["2700", "3000", "3500"], gas_days=["23", "30", "45"],
        ),
    ),
    "traffic": dict(
        opener="أعلنت إدارة المرور في وزارة الداخلية حصيلة حوادث السير التي وقعت على الطرقات خلال الأسبوع الماضي، داعية السائقين إلى الالتزام بقواعد السير والسرعات المحددة.",
        closer="وتتكرر الحوادث على الطرق الدولية بسبب السرعة الزائدة وسوء حالة الطرقات وضعف الإنارة، فيما تطالب جمعيات أهلية بتشديد الرقابة وتركيب كاميرات لمراقبة السرعة.",
        facts=(
            "وبلغ عدد الحوادث {acc} حادثاً، أسفرت عن وفاة {dead} أشخاص وإصابة {inj} آخرين بجروح متفاوتة.",
            "وسجلت محافظة {gov} العدد الأكبر من الحوادث بواقع {gacc} حادثاً، تلتها {gov2} بـ{gacc2} حوادث.",
            "وكان أخطر الحوادث على طريق {road} حيث اصطدمت {veh1} بـ{veh2}، ما أدى إلى {outcome}.",
            "وأوضحت الإدارة أن {pct} بالمئة من الحوادث سببها {cause}.",
            "ونظمت دوريات المرور {fines} ضبطاً بحق مخالفين، وحجزت {seized} مركبة {why}.",
        ),
        values=dict(
            acc=["87", "104", "126", "143"], dead=["9", "12", "16", "21"], inj=["64", "78", "95", "112"],
            gov=["ريف دمشق", "حلب", "حمص", "اللاذقية"], gacc=["22", "27", "31"],
            gov2=["حماة", "طرطوس", "درعا", "السويداء"], gacc2=["9", "11", "14"],
            road=["حمص - طرطوس", "دمشق - درعا", "حلب - حماة", "اللاذقية - جبلة", "المطار"],
            veh1=["شاحنة محملة بالإسمنت", "حافلة نقل ركاب", "سيارة سياحية مسرعة", "صهريج وقود"],
            veh2=["سيارة أجرة", "دراجة نارية", "حافلة صغيرة", "جرار زراعي"],
            outcome=["وفاة أربعة أشخاص من عائلة واحدة", "إصابة 11 راكباً نقلوا إلى المشفى الوطني",
                     "احتراق المركبتين وقطع الطريق لساعات", "انقلاب الحافلة في منحدر جانبي"],
            pct=["40", "45", "52", "60"],
            cause=["السرعة الزائدة", "عدم الانتباه واستخدام الهاتف أثناء القيادة", "التجاوز الخاطئ", "الحمولات الزائدة"],
            fines=["1800", "2300", "2750"], seized=["45", "63", "80"],
            why=["لعدم حيازة سائقيها إجازات سوق", "لانتهاء ترخيصها", "لمخالفتها شروط السلامة"],
        ),
    ),
    "civil-defence": dict(
        opener="نشر الدفاع المدني السوري حصيلة عمل فرقه في مناطق شمال غرب سوريا خلال اليوم الماضي، مؤكداً استمرار عمليات الاستجابة على مدار الساعة رغم الظروف الصعبة.",
        closer="ويعمل في صفوف الدفاع المدني أكثر من ثلاثة آلاف متطوع ومتطوعة، يقدمون خدمات البحث والإنقاذ والإسعاف وإطفاء الحرائق وإزالة مخلفات الحرب، وفق ما جاء في البيان.",
        facts=(
            "واستجابت الفرق لـ{attacks} هجمات {kind} استهدفت {places}، وأسفرت عن مقتل {dead} مدنيين بينهم {kids} أطفال.",
            "وأخمدت الفرق {fires} حرائق اندلعت في {fire_place} بسبب {fire_cause}.",
            "ونقلت سيارات الإسعاف {patients} مريضاً ومصاباً إلى المشافي والمراكز الطبية في {city}.",
            "وعملت الفرق على فتح {roads} طرق أغلقتها {blocker} في ريف {area}، وإزالة الأنقاض من الشوارع الرئيسية.",
            "وأزالت فرق إزالة الذخائر {bombs} قنبلة عنقودية غير منفجرة من أراض زراعية في محيط {village}.",
        ),
        values=dict(
            attacks=["7", "11", "14", "19"], kind=["جوية وصاروخية", "مدفعية", "بالطائرات المسيرة"],
            places=["أحياء سكنية في معرة النعمان", "سوقاً شعبياً في سراقب", "قرى جبل الزاوية", "مدرسة في أريحا"],
            dead=["3", "5", "8", "12"], kids=["1", "2", "3"],
            fires=["4", "6", "9"], fire_place=["مخيمات النازحين", "أراض زراعية", "منازل مدنيين", "محال تجارية"],
            fire_cause=["مدافئ بدائية", "ماس كهربائي", "قصف بالقنابل الحارقة", "تسرب غاز"],
            patients=["37", "52", "68", "81"], city=["إدلب", "الدانا", "أطمة", "سرمدا"],
            roads=["3", "5", "7"], blocker=["السيول", "الثلوج", "الأنقاض بعد القصف"],
            area=["إدلب الشمالي", "حلب الغربي", "جسر الشغور"],
            bombs=["6", "13", "20", "27"], village=["كفرنبل", "تفتناز", "بنش", "الأتارب"],
        ),
    ),
    "exams": dict(
        opener="أصدرت وزارة التربية قراراً حددت فيه مواعيد امتحانات الفصل الدراسي الأول لطلاب مرحلتي التعليم الأساسي والثانوي في جميع المحافظات.",
        closer="وأكدت الوزارة ضرورة التزام مديريات التربية بالمواعيد المحددة، وتأمين مستلزمات العملية الامتحانية، ومعالجة أي طارئ بالتنسيق مع الوزارة مباشرة.",
        facts=(
            "وتبدأ امتحانات طلاب الشهادة {cert} يوم {weekday} {date} وتستمر حتى {date2}، بمعدل مادة واحدة يومياً.",
            "وتجرى امتحانات الصفوف الانتقالية من الصف {grade1} حتى الصف {grade2} اعتباراً من {date3}، على أن تعلن النتائج خلال {weeks} أسابيع.",
            "وتبدأ العطلة الانتصافية بعد انتهاء الامتحانات مباشرة، ومدتها {hol} يوماً، ويعود الطلاب إلى مدارسهم في {ret}.",
            "وخصصت مديرية التربية في {gov} {centers} مركزاً امتحانياً، وكلفت {teachers} مدرساً بأعمال المراقبة والتصحيح.",
            "ويسمح للطلاب المتأخرين بالدخول إلى القاعة خلال {late} دقيقة من بدء الامتحان فقط، ويمنع إدخال {banned}.",
        ),
        values=dict(
            cert=["الثانوية العامة بفرعيها العلمي والأدبي", "التعليم الأساسي", "الثانوية المهنية", "الثانوية الشرعية"],
            weekday=["الأحد", "الاثنين", "السبت", "الثلاثاء"],
            date=["5 كانون الثاني", "12 كانون الثاني", "19 كانون الثاني"],
            date2=["16 كانون الثاني", "23 كانون الثاني", "30 كانون الثاني"],
            grade1=["الأول", "الثالث", "الخامس"], grade2=["الثامن", "الحادي عشر", "السابع"],
            date3=["الأحد المقبل", "منتصف الشهر", "بداية الأسبوع الثاني من كانون الثاني"],
            weeks=["أسبوعين", "ثلاثة"], hol=["12", "14", "15"],
            ret=["الأول من شباط", "التاسع من شباط", "منتصف شباط"],
            gov=["دمشق", "حلب", "حمص", "اللاذقية", "طرطوس", "دير الزور"],
            centers=["86", "112", "145", "170"], teachers=["1200", "1850", "2400", "3100"],
            late=["10", "15", "20"], banned=["الهواتف المحمولة", "الآلات الحاسبة المبرمجة", "الكتب والملخصات"],
        ),
    ),
    "security": dict(
        opener="تتواصل حالة الفلتان الأمني في محافظة درعا جنوب سوريا، في ظل عجز الأجهزة الأمنية عن ضبط عمليات الاغتيال والخطف التي تشهدها مدن وبلدات المحافظة بشكل شبه يومي.",
        closer="وكان مكتب توثيق محلي قد وثق منذ مطلع العام مئات العمليات ومحاولات الاغتيال في المحافظة، طالت عناصر سابقين في فصائل المعارضة وآخرين يعملون لصالح الأجهزة الأمنية.",
        facts=(
            "وقتل {victim} {desc} برصاص مسلحين مجهولين في بلدة {town} بريف درعا {side}، {when}.",
            "ونجا {victim2} من محاولة اغتيال بعبوة ناسفة زرعت في سيارته قرب {place}، وأصيب بجروح {severity}.",
            "وفي حادثة منفصلة، اختطف مسلحون {kidnapped} من أبناء {town2} أثناء توجهه إلى عمله، وطالبوا ذويه بفدية مالية قدرها {ransom} مليون ليرة.",
            "وعثر الأهالي على جثة {body} مقتولاً بطلقات نارية على الطريق الواصل بين {town} و{town2}.",
            "واستهدف مجهولون حاجزاً لـ{unit} عند مدخل {town2}، ما أدى إلى {outcome}.",
        ),
        values=dict(
            victim=["الشاب محمد الحريري", "أحمد المسالمة", "القيادي السابق أبو علي", "المختار خالد الزعبي", "الشاب عمر الحلقي"],
            desc=["وهو عنصر سابق في فصائل المعارضة", "الذي يعمل في مجال التجارة", "وهو عضو في لجنة المصالحة", "الموظف في مديرية الزراعة"],
            town=["طفس", "داعل", "جاسم", "نوى", "الصنمين", "إنخل", "المزيريب"],
            side=["الغربي", "الشمالي", "الشرقي", "الأوسط"],
            when=["مساء الأربعاء", "فجر اليوم", "ظهر الخميس", "ليل السبت"],
            victim2=["ضابط في الأمن العسكري", "رئيس بلدية سابق", "عضو في مجلس المحافظة", "قيادي في اللواء الثامن"],
            place=["دوار البلدة", "منزله", "مبنى البلدية", "الأوتوستراد الدولي"],
            severity=["طفيفة", "خطيرة نقل على إثرها إلى مشفى درعا الوطني", "متوسطة"],
            kidnapped=["طبيباً", "تاجر مواش", "طالباً جامعياً", "سائق سيارة أجرة"],
            town2=["الحراك", "بصرى الشام", "الشيخ مسكين", "إزرع", "تسيل", "اليادودة"],
            ransom=["10", "25", "50", "100"],
            body=["شاب في العشرينيات من عمره", "رجل مسن", "عنصر في الشرطة", "مزارع من البلدة"],
            unit=["الأمن العسكري", "الفرقة الرابعة", "المخابرات الجوية", "الشرطة المدنية"],
            outcome=["مقتل عنصرين وإصابة ثالث", "أضرار مادية دون إصابات", "اشتباكات استمرت ساعة", "إصابة أربعة عناصر"],
        ),
    ),
}


def template_story(theme: str, rng: random.Random, name: str,
                   unlike: dict[str, str] | None = None) -> tuple[Story, dict[str, str]]:
    """A story of the theme: 3 or 4 of its fact sentences, each slot filled at
    random (with a value other than ``unlike``'s: different facts)."""
    t = TEMPLATES[theme]
    picked = sorted(rng.sample(range(len(t["facts"])), rng.choice((3, 4))))
    values = {slot: rng.choice([v for v in options if v != (unlike or {}).get(slot)] or options)
              for slot, options in t["values"].items()}
    facts = [t["facts"][i].format(**values) for i in picked]
    half = (len(facts) + 1) // 2
    paragraphs = (t["opener"], " ".join(facts[:half]), " ".join(facts[half:]), t["closer"])
    return Story(name, "", paragraphs), values


def template_pairs(per_theme: int = 5, seed: int = 0) -> list[tuple[str, Story, Story]]:
    """(theme, story, other story): two stories of one template, the boilerplate
    opener and closer verbatim in both, every fact (slot value) different."""
    out = []
    for theme in TEMPLATES:
        rng = random.Random(f"{seed}:{theme}")
        for n in range(per_theme):
            a, values = template_story(theme, rng, f"{theme}/{n}a")
            b, _ = template_story(theme, rng, f"{theme}/{n}b", unlike=values)
            out.append((theme, a, b))
    return out


# -- running the real state ------------------------------------------------------
def _record(story: Story, source: str, n: int) -> dict:
    url = f"https://{source}.example/news/{n}"
    return {
        "id": record_id(url), "source": source, "url": url, "title": story.title or "خبر",
        "body": story.body, "related": [], "authors": [], "tags": [],
        "published_at": "2019-12-10T10:00:00+03:00", "modified_at": None, "section": None,
        "language": "ar", "crawled_at": "2026-11-29T00:00:00+00:00", "schema_version": 1,
        "duplicate_of": None, "version": 1, "warc": None,
    }


def commit(state: SqliteDedupeState, archive: Path, record: dict) -> bool:
    fp = state.policy.of_body(record["body"])
    path = day_file(archive, record["source"], archive_day(record))
    return state.commit(record, [url_key(record["url"])], fp, lambda rec: append_record(archive, path, rec))


def run(policy: NearPolicy, draws: int) -> dict:
    origs = originals()
    pairs = template_pairs()
    out: dict = {"edits": {}, "pairs": [], "originals_linked": 0}
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp)
        state = SqliteDedupeState(archive, policy=policy)
        ids: dict[str, str] = {}
        n = 0
        for story in origs:
            record = _record(story, "agency", n)
            n += 1
            if state.find_story(policy.of_body(record["body"]), "other") is not None:
                out["originals_linked"] += 1
            assert commit(state, archive, record)
            ids[story.name] = record["id"]
        for story in origs:
            for edit, copy in copies(story, draws):
                found = state.find_story(policy.of_body(copy.body), "reprint")
                row = out["edits"].setdefault(edit, {"n": 0, "found": 0, "false": 0, "j": []})
                row["n"] += 1
                row["found"] += found is not None and found.id == ids[story.name]
                row["false"] += found is not None and found.id != ids[story.name]
                row["j"].append(fingerprint.jaccard(story.body, copy.body))
        state.close()
        for n, (theme, a, b) in enumerate(pairs):
            # One state a pair: stories of different pairs may share a fact by chance.
            pair_dir = archive / f"pair{n}"
            pair_state = SqliteDedupeState(pair_dir, policy=policy)
            assert commit(pair_state, pair_dir, _record(a, "agency", 0))
            found = pair_state.find_story(policy.of_body(b.body), "reprint")
            pair_state.close()
            out["pairs"].append((theme, fingerprint.jaccard(a.body, b.body), found is not None))
    return out


def cost(policy: NearPolicy, rounds: int = 20) -> tuple[float, float]:
    """µs per fingerprint (of_body) and per lookup (find_story) over the originals."""
    bodies = [s.body for s in originals()]
    best_fp = best_find = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        state = SqliteDedupeState(Path(tmp), policy=policy)
        for i, story in enumerate(originals()):
            commit(state, Path(tmp), _record(story, "agency", i))
        fps = [policy.of_body(b) for b in bodies]
        for _ in range(rounds):
            t = time.perf_counter()
            for b in bodies:
                policy.of_body(b)
            best_fp = min(best_fp, (time.perf_counter() - t) / len(bodies))
            t = time.perf_counter()
            for fp in fps:
                state.find_story(fp, "reprint")
            best_find = min(best_find, (time.perf_counter() - t) / len(fps))
        state.close()
    return best_fp * 1e6, best_find * 1e6


def memory_per_record(policy: NearPolicy, records: int) -> tuple[float, float, float, float]:
    """Per record of a SqliteDedupeState over an archive of ``records`` lines (150-word
    bodies, one URL key each, 20 sources): bytes of memory its open allocates
    (nothing in proportion to the archive is loaded), bytes of ``state.sqlite``,
    bytes of day-file line; µs to rebuild the state from the day files."""
    rng = random.Random(7)
    vocab = [f"كلمة{i}" for i in range(20000)]
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp)
        for n in range(records):
            source = f"site{n % 20}"
            url = f"https://{source}.example/news/2019/12/01/some-article-slug-{n}"
            record = _record(Story(f"s{n}", "خبر", (" ".join(rng.choice(vocab) for _ in range(150)),)), source, n)
            record.update(url=url, id=record_id(url))
            append_record(archive, day_file(archive, source, archive_day(record)), record)
        started = time.perf_counter()
        SqliteDedupeState(archive, policy=policy).close()
        rebuild = time.perf_counter() - started
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        state = SqliteDedupeState(archive, policy=policy)
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
        total = sum(s.size_diff for s in after.compare_to(before, "filename"))
        state.close()
        disk = sum(p.stat().st_size for p in (archive / ".state").glob(f"{SqliteDedupeState.FILE}*"))
        line_bytes = sum(p.stat().st_size for p in archive.glob("*/*.jsonl")) / records
    return total / records, disk / records, line_bytes, rebuild / records * 1e6


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=fingerprint.DEFAULT_THRESHOLD)
    parser.add_argument("--draws", type=int, default=10, help="random copies per article and word edit")
    parser.add_argument("--records", type=int, default=20000, help="records for the state figures (0: skip)")
    parser.add_argument("--sweep", action="store_true", help="also recall and false links at other thresholds")
    args = parser.parse_args(argv)
    policy = NearPolicy(args.threshold)
    started = time.perf_counter()
    result = run(policy, args.draws)
    print(f"policy: {policy}, {fingerprint.NUM_PERM} permutations, {fingerprint.SHINGLE}-word shingles, "
          f"link when >= {policy.min_agree}/{fingerprint.NUM_PERM} positions agree")
    print(f"{'edit':22s} {'copies':>6s} {'recall':>7s} {'false':>5s}   Jaccard min / mean")
    false_links = result["originals_linked"]
    for edit, row in result["edits"].items():
        false_links += row["false"]
        j = row["j"]
        print(f"{edit:22s} {row['n']:6d} {row['found'] / row['n']:7.3f} {row['false']:5d}   "
              f"{min(j):.3f} / {sum(j) / len(j):.3f}")
    pairs = result["pairs"]
    linked = sum(hit for _, _, hit in pairs)
    false_links += linked
    js = sorted(j for _, j, _ in pairs)
    print(f"{'template pairs':22s} {len(pairs):6d} {'':7s} {linked:5d}   "
          f"Jaccard max {js[-1]:.3f}, median {js[len(js) // 2]:.3f}")
    for theme in TEMPLATES:
        tj = [j for t, j, _ in pairs if t == theme]
        print(f"  {theme:20s} {len(tj):6d} {'':7s} {sum(h for t, _, h in pairs if t == theme):5d}   "
              f"Jaccard max {max(tj):.3f}")
    print(f"originals linked to another original: {result['originals_linked']}")
    print("P(linked | Jaccard J): " + "  ".join(
        f"{j:.1f}:{policy.detection_probability(j):.4g}" for j in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)))
    if args.sweep:
        print("threshold sweep (recall per edit; false links):")
        for t in (0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75):
            r = run(NearPolicy(t), args.draws)
            false = (r["originals_linked"] + sum(row["false"] for row in r["edits"].values())
                     + sum(hit for _, _, hit in r["pairs"]))
            print(f"  {t:.2f} {NearPolicy(t).lsh:7s} " + " ".join(
                f"{edit}={row['found'] / row['n']:.3f}" for edit, row in r["edits"].items()) + f"  false={false}")
    fp_us, find_us = cost(policy)
    print(f"cost: {fp_us:.0f} µs per fingerprint, {find_us:.0f} µs per lookup")
    if args.records:
        memory, disk, line, load = memory_per_record(policy, args.records)
        print(f"state: {memory:.1f} bytes of memory per record at open, {disk:.0f} bytes per record on "
              f"disk, over {args.records} day-file lines of {line:.0f} bytes; {load:.0f} µs per line to rebuild")
    print(f"({time.perf_counter() - started:.1f}s)", file=sys.stderr)
    five = result["edits"]["5%"]
    print(f"neardup: recall_at_5pct={five['found'] / five['n']:.4f} false_links={false_links} pairs={len(pairs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
