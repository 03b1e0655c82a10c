"""Learned per-source boilerplate: what it removes, and that it never removes real text.

Sources, each crawled as two daily runs (the dedupe state closed and opened
again in between, as a scheduled crawl does):

- the bundled sample sites' articles as a correct archive holds them (all
  paragraphs real: nothing may go);
- two sources written here from real article paragraphs (the legacy site's,
  the sample sites', the page-kind corpus's excerpts), each article a set of
  its own paragraphs plus what such sites repeat: a comment-policy paragraph
  (the Arabic CNN one), a newsletter pitch, a copyright line; and real text
  that recurs: a quote in 3 stories, background paragraphs in 12% and 25% of
  a source's stories, an agency credit on half of them.

Every article goes through the real code: ``LearnedBoilerplatePipeline``'s
removal with what the source's earlier articles taught the state, then a
commit to a ``SqliteDedupeState`` in a temporary archive. Ends with one line:

    boilerplate: removed=… real_lost=… paragraphs=…

Usage: .venv/bin/python bench/boilerplate.py [--list]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import legacy_site  # noqa: E402
from data.pagekind.corpus_text import AR_STORIES, EN_STORIES  # noqa: E402
from crawler.pipelines.archive import append_record  # noqa: E402
from newsarchive.text.learned import paragraph_keys, without  # noqa: E402
from newsarchive.record.format import archive_day, day_file, public  # noqa: E402
from newsarchive.record.item import new_item  # noqa: E402
from newsarchive.store.state import SqliteDedupeState, url_keys  # noqa: E402
from sample_site.expected import expected_articles  # noqa: E402

REAL, BOILERPLATE = "real", "boilerplate"

COMMENT_POLICY = (
    "ترحب شبكة الساحل بالنقاش الحيوي والمفيد، وكي لا نضطر في موقع الشبكة لمراجعة التعليقات قبل "
    "نشرها، ننصحك بمراجعة إرشادات الاستخدام للتعرف إلى الشروط التي يجب أن تلتزم بها عند كتابة "
    "التعليقات، علماً أن جميع التعليقات المنشورة تعبر عن آراء أصحابها ولا تمثل بالضرورة رأي الشبكة "
    "أو سياستها التحريرية، ونحتفظ بحق حذف أي تعليق يخالف هذه الشروط.")
NEWSLETTER = "اشترك في النشرة البريدية اليومية لتصلك أهم الأخبار والتحليلات صباح كل يوم إلى بريدك."
COPYRIGHT = "جميع الحقوق محفوظة لشبكة الساحل الإخبارية ولا يجوز النقل دون ذكر المصدر."
QUOTE = "وقال الوزير في تصريح مقتضب: «لن نسمح بأن يدفع المواطن ثمن أخطاء لم يرتكبها، والحكومة ماضية في خطتها»."
BACKGROUND_12 = ("وتعاني المنطقة منذ سنوات من أزمة مياه حادة بسبب تراجع معدلات الأمطار وتضرر شبكات "
                 "الري القديمة، وسط تحذيرات من خروج آلاف الهكتارات من الزراعة.")
BACKGROUND_25 = ("ويشهد البلد منذ ربيع العام الماضي تصعيداً عسكرياً أدى إلى نزوح مئات الآلاف من سكان "
                 "المناطق الحدودية، في حين تتعثر جهود الوساطة الإقليمية والدولية.")
CREDIT = "(رويترز)"
EN_DISCLAIMER = ("The views expressed in this article are the author's own and do not necessarily reflect "
                 "the editorial stance of Gulf Wire or its owners.")
EN_NEWSLETTER = "Sign up for our morning briefing to get the region's top stories delivered to your inbox."


def _real_pool(rng: random.Random) -> list[str]:
    pool = [p for a in legacy_site.ARTICLES for p in a.paragraphs]
    pool += [excerpt for _, excerpt in AR_STORIES]
    pool += [p for a in expected_articles("oldpress") for p in a["paragraphs"]]
    rng.shuffle(pool)
    return pool


def _arabic_source(rng: random.Random) -> list[list[tuple[str, str]]]:
    pool = iter(_real_pool(rng))
    n = 40
    articles = []
    for i in range(n):
        paras = [(next(pool), REAL) for _ in range(4)]
        if i in (5, 17, 33):
            paras.insert(2, (QUOTE, REAL))
        if i % 8 == 3:  # 5 of 40: 12%
            paras.append((BACKGROUND_12, REAL))
        if i % 4 == 1:  # 10 of 40: 25%
            paras.append((BACKGROUND_25, REAL))
        if i % 2 == 0:
            paras[0] = (f"{CREDIT} {paras[0][0]}", REAL)
            paras.append((CREDIT, REAL))
        if i % 10 != 9:  # 36 of 40
            paras.append((COMMENT_POLICY, BOILERPLATE))
        if i % 5 < 3:  # 24 of 40
            paras.append((NEWSLETTER, BOILERPLATE))
        paras.append((COPYRIGHT, BOILERPLATE))
        articles.append(paras)
    return articles


def _english_source(rng: random.Random) -> list[list[tuple[str, str]]]:
    excerpts = [excerpt for _, excerpt in EN_STORIES]
    rng.shuffle(excerpts)
    articles = []
    for i in range(20):
        paras = [(excerpts[2 * i], REAL), (excerpts[2 * i + 1], REAL)]
        if i % 4 != 0:
            paras.append((EN_DISCLAIMER, BOILERPLATE))
        paras.append((EN_NEWSLETTER, BOILERPLATE))
        articles.append(paras)
    return articles


def _sample_source(site: str) -> list[list[tuple[str, str]]]:
    return [[(p, REAL) for p in a["paragraphs"]] for a in reversed(expected_articles(site))]


def run_source(archive: Path, source: str, articles, tally: Counter, listing: list[str]) -> None:
    """Two daily runs over the source's articles, oldest first, through the real state."""
    first_day = len(articles) * 3 // 5
    for run, batch in ((1, articles[:first_day]), (2, articles[first_day:])):
        state = SqliteDedupeState(archive)
        try:
            for number, paras in enumerate(batch, 1 if run == 1 else first_day + 1):
                body = "\n\n".join(text for text, _ in paras)
                learned = state.paragraphs.learned(source)
                stripped, _ = without(body, learned)
                kept = stripped.split("\n\n")
                for text, label in paras:
                    gone = text not in kept
                    tally[(source, label, gone)] += 1
                    if gone and label == REAL:
                        listing.append(f"  REAL LOST {source} #{number}: {text[:80]}")
                fields = {"url": f"https://{source}.example/news/{number}", "title": f"خبر {number}",
                          "body": stripped, "related": [], "published_at": f"2020-01-{1 + number % 28:02d}T10:00:00+00:00",
                          "modified_at": None, "authors": [], "section": None, "tags": [], "language": "ar"}
                record = public(new_item(fields, source=source))
                path = day_file(archive, source, archive_day(record))
                state.commit(record, url_keys(record["url"]), state.policy.of_body(stripped),
                             lambda rec, path=path: append_record(archive, path, rec),
                             [k for k in paragraph_keys(body) if k])
        finally:
            state.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list every real paragraph removed")
    args = parser.parse_args(argv)
    rng = random.Random(7)
    sources = {"wasila": _sample_source("wasila"), "oldpress": _sample_source("oldpress"),
               "sahel": _arabic_source(rng), "gulfwire": _english_source(rng)}
    tally: Counter = Counter()
    listing: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for source, articles in sources.items():
            run_source(Path(tmp), source, articles, tally, listing)
    for source in sources:
        real = tally[(source, REAL, False)] + tally[(source, REAL, True)]
        boiler = tally[(source, BOILERPLATE, False)] + tally[(source, BOILERPLATE, True)]
        print(f"{source:10s} articles={len(sources[source]):3d} real paragraphs={real:4d} lost={tally[(source, REAL, True)]:3d}  "
              f"boilerplate={boiler:3d} removed={tally[(source, BOILERPLATE, True)]:3d} "
              f"kept={tally[(source, BOILERPLATE, False)]:3d}")
    if args.list or listing:
        print("\n".join(listing) or "  no real paragraph removed")
    removed = sum(n for (_, label, gone), n in tally.items() if label == BOILERPLATE and gone)
    real_lost = sum(n for (_, label, gone), n in tally.items() if label == REAL and gone)
    print(f"boilerplate: removed={removed} real_lost={real_lost} paragraphs={sum(tally.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
