"""Near-duplicate stories: the MinHash fingerprint, its threshold, and the dedupe state that stores it."""

from __future__ import annotations

import json
import logging
import random
import sys
from pathlib import Path

import pytest
from scrapy.settings import Settings

from conftest import REPO, read_archive

from newsarchive.record.urls import record_id, url_key
from newsarchive.text import fingerprint
from crawler.pipelines.archive import append_record
from newsarchive.text.fingerprint import NearPolicy
from newsarchive.record.format import archive_day, day_file, to_line
from newsarchive.store.state import FileDedupeState

sys.path.insert(0, str(REPO / "bench"))
import neardup  # noqa: E402  (the benchmark's corpus: sample-site originals, edits, template pairs)

POLICY = NearPolicy()
ORIGINALS = neardup.originals()


def record_of(story: neardup.Story, source: str, n: int, body: str | None = None) -> dict:
    url = f"https://{source}.example/news/{n}"
    return {
        "id": record_id(url), "source": source, "url": url, "title": story.title or "خبر",
        "body": body if body is not None else story.body, "related": [], "authors": [], "tags": [],
        "published_at": "2019-12-10T10:00:00+03:00", "modified_at": None, "section": None,
        "language": "ar", "crawled_at": "2026-11-29T00:00:00+00:00", "schema_version": 1,
        "duplicate_of": None, "version": 1, "warc": None,
    }


def commit(state: FileDedupeState, archive: Path, record: dict, keys: list[str] | None = None) -> bool:
    path = day_file(archive, record["source"], archive_day(record))
    return state.commit(record, keys or [url_key(record["url"])], state.policy.of_body(record["body"]),
                        lambda rec: append_record(archive, path, rec))


def edited(story: neardup.Story, edit: str) -> neardup.Story:
    return next(copy for name, copy in neardup.copies(story, 1) if name == edit)


# -- the fingerprint -------------------------------------------------------------
@pytest.mark.parametrize("edit", ["1 word", "3%", "5%", "dateline", "first paragraph cut",
                                  "last paragraph cut", "title prefix"])
def test_lightly_edited_copies_are_the_same_story(edit):
    for story in ORIGINALS:
        a, b = POLICY.of_body(story.body), POLICY.of_body(edited(story, edit).body)
        assert POLICY.same_story(a.signature, b.signature), (story.name, edit)
        assert set(a.near_keys) & set(b.near_keys), (story.name, edit)


def test_different_stories_of_one_template_are_not_linked():
    pairs = neardup.template_pairs()
    assert len(pairs) >= 30
    for theme, a, b in pairs:
        fa, fb = POLICY.of_body(a.body), POLICY.of_body(b.body)
        assert fa.signature is not None and fb.signature is not None
        assert not POLICY.same_story(fa.signature, fb.signature), (theme, fingerprint.jaccard(a.body, b.body))
        # The boilerplate really is shared: these are hard negatives, not strangers.
        assert a.paragraphs[0] == b.paragraphs[0] and a.paragraphs[-1] == b.paragraphs[-1]


def test_different_sample_articles_are_not_linked():
    sigs = [POLICY.of_body(s.body).signature for s in ORIGINALS]
    for i, a in enumerate(sigs):
        for b in sigs[i + 1:]:
            assert POLICY.similarity(a, b) < 0.2


def _pair_with_jaccard(rng: random.Random, target: float, size: int = 150) -> tuple[str, str, float]:
    """Two bodies of distinct made-up words whose trigram sets have about ``target`` Jaccard."""
    base = [f"كلمة{rng.randrange(10**9)}" for _ in range(size)]
    other = list(base)
    # Replacing a run of k words changes about k+2 trigrams of ~size: pick k for the target.
    shared = 2 * target / (1 + target) * (size - 2)
    k = max(1, round(size - 2 - shared) - 2)
    start = rng.randrange(0, size - k)
    other[start:start + k] = [f"بديل{rng.randrange(10**9)}" for _ in range(k)]
    a, b = " ".join(base), " ".join(other)
    return a, b, fingerprint.jaccard(a, b)


def test_threshold_is_honoured_and_the_stated_probability_holds():
    rng = random.Random(5)
    for threshold in (0.5, 0.6, 0.75):
        policy = NearPolicy(threshold)
        for target, want in ((threshold + 0.12, True), (threshold - 0.12, False)):
            linked = 0
            for _ in range(40):
                a, b, j = _pair_with_jaccard(rng, target)
                fa, fb = policy.of_body(a), policy.of_body(b)
                found = bool(set(fa.near_keys) & set(fb.near_keys)) and policy.same_story(fa.signature, fb.signature)
                linked += found
                assert policy.detection_probability(j) > 0.99 if want else policy.detection_probability(j) < 0.01
            assert linked == (40 if want else 0), (threshold, target, linked)
    # At the threshold itself about half are linked, as the exact probability says.
    policy = NearPolicy(0.6)
    results = []
    for _ in range(300):
        a, b, j = _pair_with_jaccard(rng, 0.6)
        fa, fb = policy.of_body(a), policy.of_body(b)
        results.append((policy.same_story(fa.signature, fb.signature), policy.detection_probability(j)))
    observed = sum(hit for hit, _ in results) / len(results)
    expected = sum(p for _, p in results) / len(results)
    assert abs(observed - expected) < 0.12, (observed, expected)


def test_bands_are_datasketch_optimal_for_the_threshold_and_probability_is_monotone():
    from datasketch import MinHashLSH

    for threshold in (0.5, 0.6, 0.7):
        policy = NearPolicy(threshold)
        lsh = MinHashLSH(threshold=threshold, num_perm=fingerprint.LSH_PERM, weights=fingerprint.LSH_WEIGHTS)
        assert (policy.bands, policy.rows) == (lsh.b, lsh.r)
        assert policy.bands * policy.rows <= fingerprint.LSH_PERM
        curve = [policy.detection_probability(j / 20) for j in range(21)]
        assert curve == sorted(curve) and curve[-1] == pytest.approx(1.0)
    assert POLICY.detection_probability(0.7) > 0.999 and POLICY.detection_probability(0.5) < 0.001


def test_short_or_repetitive_bodies_are_exact_only():
    assert POLICY.of_body("خبر قصير جداً عن الطقس اليوم.").signature is None
    repeated = "\n\n".join(f"الفقرة رقم {i} من تقرير مفصل عن مشروع توسعة شبكة الكهرباء في الأرياف." for i in range(6))
    fp = POLICY.of_body(repeated)
    assert len(fp.exact) == 32 and fp.signature is None and fp.near_keys == ()


def test_signature_scheme_is_pinned():
    """Stored signatures must stay comparable: a change here needs a new fingerprint.SCHEME."""
    fp = POLICY.of_body(ORIGINALS[0].body)
    assert len(fp.signature) == fingerprint.SIGNATURE_BYTES == 256
    assert len(fp.near_keys) == POLICY.bands and all(len(k) == 12 for k in fp.near_keys)
    assert fp.signature[:8].hex() == "8847221b4220299c"
    assert fp.near_keys[0] == "6721ab464d25"


def test_simhash_distance_setting_logs_a_deprecation_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="newsarchive.text.fingerprint"):
        policy = NearPolicy.from_settings(Settings({"DEDUPE_SIMHASH_DISTANCE": 5, "DEDUPE_NEAR_THRESHOLD": 0.7}))
    assert policy.threshold == 0.7
    assert any("DEDUPE_SIMHASH_DISTANCE" in r.message and "DEDUPE_NEAR_THRESHOLD" in r.message
               for r in caplog.records)
    caplog.clear()
    from crawler import settings as project

    defaults = Settings({k: getattr(project, k) for k in dir(project) if k.isupper()})
    with caplog.at_level(logging.WARNING, logger="newsarchive.text.fingerprint"):
        policy = NearPolicy.from_settings(defaults)
    assert not caplog.records and policy.threshold == fingerprint.DEFAULT_THRESHOLD
    assert policy.min_chars == fingerprint.DEFAULT_MIN_CHARS


# -- the state ---------------------------------------------------------------------
def test_copy_found_across_restart_and_full_rebuild_from_day_files(tmp_path):
    story = ORIGINALS[1]
    state = FileDedupeState(tmp_path)
    original = record_of(story, "agency", 1)
    assert commit(state, tmp_path, original)
    state.close()
    copy = POLICY.of_body(edited(story, "last paragraph cut").body)
    reopened = FileDedupeState(tmp_path)
    assert reopened.find_story(copy, "reprint").id == original["id"]
    reopened.close()
    (tmp_path / ".state" / "index.jsonl").unlink()  # lost: rebuilt from the day files
    rebuilt = FileDedupeState(tmp_path)
    assert rebuilt.find_story(copy, "reprint").id == original["id"]
    [line] = [json.loads(x) for x in (tmp_path / ".state" / "index.jsonl").read_text().splitlines()]
    assert line["fp"] == fingerprint.SCHEME and line["near"] == list(POLICY.of_body(story.body).near_keys)
    assert fingerprint.decode_signature(line["sig"]) == POLICY.of_body(story.body).signature


def test_crash_gap_record_is_indexed_with_near_keys_and_url_aliases(tmp_path):
    story = ORIGINALS[2]
    state = FileDedupeState(tmp_path)
    record = record_of(story, "agency", 2)
    alias = url_key("https://agency.example/?p=2")
    keys = sorted({url_key(record["url"]), alias})
    path = day_file(tmp_path, "agency", archive_day(record))

    def crash_after_write(rec):
        append_record(tmp_path, path, rec)
        raise KeyboardInterrupt  # killed between the record write and its index line

    with pytest.raises(KeyboardInterrupt):
        state.commit(record, keys, POLICY.of_body(record["body"]), crash_after_write)
    state.close()
    assert not (tmp_path / ".state" / "index.jsonl").exists()
    reopened = FileDedupeState(tmp_path)
    assert reopened.knows("nope", [alias])  # the alias survived the crash
    assert reopened.find_story(POLICY.of_body(edited(story, "dateline").body), "x").id == record["id"]
    assert (tmp_path / ".state" / "pending.jsonl").read_bytes() == b""


def _legacy_index(archive: Path, records: list[dict]) -> None:
    """Index lines as the simhash version wrote them."""
    lines = []
    for rec in records:
        rel, end = append_record(archive, day_file(archive, rec["source"], archive_day(rec)), rec)
        lines.append(json.dumps({
            "id": rec["id"], "source": rec["source"], "keys": [url_key(rec["url"]), "legacy.example/alias"],
            "exact": fingerprint.exact_of(fingerprint.words(rec["body"])), "simhash": 1234567890123,
            "file": rel, "end": end, "lastmod": rec["published_at"], "version": 1,
        }, ensure_ascii=False))
    (archive / ".state").mkdir(exist_ok=True)
    (archive / ".state" / "index.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_old_simhash_index_lines_load_and_get_near_keys_from_the_day_files(tmp_path):
    records = [record_of(s, "agency", n) for n, s in enumerate(ORIGINALS[:4])]
    _legacy_index(tmp_path, records)
    state = FileDedupeState(tmp_path)
    assert all(state.knows(r["id"], []) for r in records) and state.knows_url("legacy.example/alias")
    assert state.records_by_source["agency"] == 4
    assert state.latest_version(records[0]["id"]) == (1, POLICY.of_body(records[0]["body"]).exact)
    copy = POLICY.of_body(edited(ORIGINALS[3], "first paragraph cut").body)
    assert state.find_story(copy, "reprint").id == records[3]["id"]
    state.close()
    index = (tmp_path / ".state" / "index.jsonl").read_text().splitlines()
    assert len(index) == 8  # 4 old lines, 4 complete ones appended once
    upgraded = [json.loads(line) for line in index[4:]]
    assert all(u["fp"] == fingerprint.SCHEME and "legacy.example/alias" in u["keys"] for u in upgraded)
    again = FileDedupeState(tmp_path)
    assert len((tmp_path / ".state" / "index.jsonl").read_text().splitlines()) == 8
    assert again.records_by_source["agency"] == 4
    assert again.find_story(copy, "reprint").id == records[3]["id"]
    assert len(read_archive(tmp_path)) == 4  # the day files are untouched


def test_another_threshold_rebands_stored_signatures(tmp_path):
    story = ORIGINALS[4]
    state = FileDedupeState(tmp_path, policy=NearPolicy(0.6))
    original = record_of(story, "agency", 4)
    assert commit(state, tmp_path, original)
    state.close()
    strict = NearPolicy(0.75)
    assert strict.lsh != POLICY.lsh
    other = FileDedupeState(tmp_path, policy=strict)
    assert other.find_story(strict.of_body(edited(story, "dateline").body), "x").id == original["id"]
    assert other.find_story(strict.of_body(edited(story, "10%").body), "x") is None


def test_same_source_match_wins_over_the_cross_source_original(tmp_path):
    story = ORIGINALS[5]
    state = FileDedupeState(tmp_path)
    agency = record_of(story, "agency", 5)
    reprint = record_of(story, "reprint", 6, body=edited(story, "dateline").body)
    assert commit(state, tmp_path, agency) and commit(state, tmp_path, reprint)
    again = POLICY.of_body(edited(story, "dateline").body + "\n\nتابعونا على مواقع التواصل الاجتماعي.")
    assert state.find_story(again, "reprint").id == reprint["id"]  # the caller drops it
    assert state.find_story(again, "third").id == agency["id"]  # exact-free: the most similar wins
    assert state.find_story(POLICY.of_body(story.body), "third").id == agency["id"]  # exact match


def test_band_table_merges_keep_every_entry(tmp_path):
    from newsarchive.store.state import _BandTable

    table = _BandTable()
    table.start_bulk()
    for n in range(3000):
        table.add([n, 10**12 + n % 7], n)
    table.finish_bulk()
    for n in range(3000, 12000):  # recent dict, merged at 4096 and after
        table.add([n, 10**12 + n % 7], n)
    assert len(table) == 24000
    assert table.get([5]) == {5} and table.get([11999, 4]) == {11999, 4}
    assert table.get([10**12 + 3]) == {n for n in range(12000) if n % 7 == 3}
    assert table.get([10**13]) == set()
