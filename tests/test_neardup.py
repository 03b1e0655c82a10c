"""Near-duplicate stories: the MinHash fingerprint, its threshold, and the dedupe state that stores it."""

from __future__ import annotations

import json
import logging
import random
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from scrapy.settings import Settings

from conftest import REPO, read_archive

from newsarchive.record.urls import record_id, url_key
from newsarchive.text import fingerprint
from crawler.pipelines.archive import append_record
from newsarchive.text.fingerprint import NearPolicy
from newsarchive.record.format import archive_day, day_file, to_line
from newsarchive.store.state import SqliteDedupeState

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


def commit(state: SqliteDedupeState, archive: Path, record: dict, keys: list[str] | None = None) -> bool:
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


def test_the_stored_tables_are_datasketchs_and_a_crawl_does_not_import_it():
    import subprocess
    import sys
    import zlib

    import numpy as np
    from datasketch import MinHash

    mh = MinHash(num_perm=fingerprint.NUM_PERM, seed=fingerprint.SEED, scheme="affine32", hashfunc=zlib.crc32)
    a, b = fingerprint._permutations()
    assert np.array_equal(a, mh.permutations[0]) and np.array_equal(b, mh.permutations[1])
    # datasketch brings SciPy (~55 MB per process): the crawl's modules leave it out.
    probe = ("import sys, crawler.spiders.news, crawler.pipelines.dedupe, crawler.pipelines.archive; "
             "from newsarchive.text.fingerprint import NearPolicy; "
             "assert NearPolicy(0.6).of_body(' '.join(f'w{i}' for i in range(400))).signature; "
             "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True).stdout.strip() == "[]"


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


def _varied_bodies() -> list[str]:
    """Sample articles and copies, random mixed-script bodies, a word past the CRC tables."""
    rng = random.Random(11)
    bodies = [s.body for s in ORIGINALS] + [c.body for s in ORIGINALS[:6] for _, c in neardup.copies(s, 1)]
    bodies += [" ".join(rng.choice(["كلمة", "a1", "é", "ـبـ", "日本", "_x", "٣٤"]) + str(rng.randrange(99))
                        for _ in range(rng.randrange(40, 300))) for _ in range(200)]
    bodies.append(" ".join(["ب" * 300] + [f"كلمة{i}" for i in range(80)]))
    return bodies


def test_a_rebuilds_batch_fingerprints_are_the_crawls_value_for_value():
    """``of_bodies`` (a rebuild, many bodies at once) and ``of_body`` (the crawl, one at a
    time) are two computations of one fingerprint: a state rebuilt from the day files must
    find what the crawl stored."""
    bodies = _varied_bodies() + ["خبر قصير.", "", "الرياضة في البلد " * 100, "كلمة " * 70 + "ب" * 700]
    for batch in (bodies, bodies[:3], bodies[-4:]):  # the vectorised word hashing, and one by one
        batch_fps = POLICY.of_bodies(batch, [fingerprint.words(b) for b in batch])
        assert batch_fps == [POLICY.of_body(b) for b in batch]
        if batch is bodies:
            assert sum(fp.signature is not None for fp in batch_fps) > 200


def test_signatures_are_datasketchs_minhash_of_the_trigrams():
    """The signature is computed from per-word CRCs (see fingerprint.shingle_hashes), not
    with datasketch's objects: the values must be what datasketch computes."""
    import zlib

    import numpy as np
    from datasketch import MinHash

    for body in _varied_bodies():
        grams = fingerprint.shingles(fingerprint.words(body))
        if len(grams) < fingerprint.MIN_SHINGLES_FOR_NEAR or len(body) < POLICY.min_chars:
            continue
        mh = MinHash(num_perm=fingerprint.NUM_PERM, seed=fingerprint.SEED, scheme="affine32", hashfunc=zlib.crc32)
        mh.update_batch([g.encode("utf-8") for g in grams])
        expected = (mh.hashvalues & 255).astype(np.uint8).tobytes()
        assert POLICY.of_body(body).signature == expected
        tokens = fingerprint.words(body)
        hashes = fingerprint.shingle_hashes(tokens)
        if hashes is not None:
            assert hashes.tolist() == [zlib.crc32(" ".join(tokens[i:i + 3]).encode()) for i in range(len(tokens) - 2)]
    # Repetitive text: many trigrams, few distinct ones: still exact-only.
    assert POLICY.of_body("الرياضة في البلد " * 100).signature is None


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
def rows(archive: Path, sql: str, *args) -> list[tuple]:
    """Rows of the state's database, read as any SQLite client would."""
    with closing(sqlite3.connect(archive / ".state" / SqliteDedupeState.FILE)) as db:
        return db.execute(sql, args).fetchall()


def lose_state(archive: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{archive / '.state' / SqliteDedupeState.FILE}{suffix}").unlink(missing_ok=True)


def test_copy_found_across_restart_and_full_rebuild_from_day_files(tmp_path):
    story = ORIGINALS[1]
    state = SqliteDedupeState(tmp_path)
    original = record_of(story, "agency", 1)
    assert commit(state, tmp_path, original)
    state.close()
    copy = POLICY.of_body(edited(story, "last paragraph cut").body)
    reopened = SqliteDedupeState(tmp_path)
    assert reopened.find_story(copy, "reprint").id == original["id"]
    reopened.close()
    lose_state(tmp_path)  # lost: rebuilt from the day files
    rebuilt = SqliteDedupeState(tmp_path)
    assert rebuilt.find_story(copy, "reprint").id == original["id"]
    rebuilt.close()
    fp = POLICY.of_body(story.body)
    [(record_id, sig)] = rows(tmp_path, "SELECT id, sig FROM records")
    assert record_id == original["id"] and sig == fp.signature
    bands = {b for (b,) in rows(tmp_path, "SELECT band FROM bands")}
    assert bands == {int(k, 16) - (1 << 47) for k in fp.near_keys}
    assert rows(tmp_path, "SELECT value FROM meta WHERE name = 'scheme'") == [(fingerprint.SCHEME,)]


def test_crash_gap_record_is_indexed_with_near_keys_and_url_aliases(tmp_path):
    story = ORIGINALS[2]
    state = SqliteDedupeState(tmp_path)
    record = record_of(story, "agency", 2)
    alias = url_key("https://agency.example/?p=2")
    keys = sorted({url_key(record["url"]), alias})
    path = day_file(tmp_path, "agency", archive_day(record))

    def crash_after_write(rec):
        append_record(tmp_path, path, rec)
        raise KeyboardInterrupt  # killed between the record write and its state rows

    with pytest.raises(KeyboardInterrupt):
        state.commit(record, keys, POLICY.of_body(record["body"]), crash_after_write)
    state.close()
    assert rows(tmp_path, "SELECT count(*) FROM records") == [(0,)]  # the transaction never committed
    reopened = SqliteDedupeState(tmp_path)
    assert reopened.knows("nope", [alias])  # the alias survived the crash
    assert reopened.find_story(POLICY.of_body(edited(story, "dateline").body), "x").id == record["id"]
    reopened.close()
    again = SqliteDedupeState(tmp_path)
    assert again.records_by_source["agency"] == 1 and again.knows("nope", [alias])
    again.close()
    assert rows(tmp_path, "SELECT count(*) FROM records") == [(1,)]


def _legacy_index(archive: Path, records: list[dict]) -> None:
    """Index lines as the file-backed state of the simhash version wrote them."""
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


def test_an_archive_of_the_file_backed_state_is_migrated_from_its_day_files(tmp_path):
    records = [record_of(s, "agency", n) for n, s in enumerate(ORIGINALS[:4])]
    _legacy_index(tmp_path, records)
    state = SqliteDedupeState(tmp_path)
    assert all(state.knows(r["id"], []) for r in records) and state.knows_url("legacy.example/alias")
    assert state.records_by_source["agency"] == 4
    assert state.latest_version(records[0]["id"]) == (1, POLICY.of_body(records[0]["body"]).exact)
    copy = POLICY.of_body(edited(ORIGINALS[3], "first paragraph cut").body)
    assert state.find_story(copy, "reprint").id == records[3]["id"]
    state.close()
    assert not (tmp_path / ".state" / "index.jsonl").exists()
    assert (tmp_path / ".state" / "index.jsonl.migrated").is_file()
    again = SqliteDedupeState(tmp_path)
    assert again.records_by_source["agency"] == 4
    assert again.find_story(copy, "reprint").id == records[3]["id"]
    again.close()
    lose_state(tmp_path)  # the aliases the day files do not hold are in notes.jsonl now
    rebuilt = SqliteDedupeState(tmp_path)
    assert rebuilt.knows_url("legacy.example/alias") and rebuilt.records_by_source["agency"] == 4
    rebuilt.close()
    assert len(read_archive(tmp_path)) == 4  # the day files are untouched


def test_another_threshold_rebands_stored_signatures(tmp_path):
    story = ORIGINALS[4]
    state = SqliteDedupeState(tmp_path, policy=NearPolicy(0.6))
    original = record_of(story, "agency", 4)
    assert commit(state, tmp_path, original)
    state.close()
    strict = NearPolicy(0.75)
    assert strict.lsh != POLICY.lsh
    other = SqliteDedupeState(tmp_path, policy=strict)
    assert other.find_story(strict.of_body(edited(story, "dateline").body), "x").id == original["id"]
    assert other.find_story(strict.of_body(edited(story, "10%").body), "x") is None
    # Both splits are kept from now on: a story the strict crawl archives is found by the default one.
    later = record_of(ORIGINALS[6], "agency", 7)
    assert commit(other, tmp_path, later)
    other.close()
    default = SqliteDedupeState(tmp_path, policy=NearPolicy(0.6))
    assert default.find_story(POLICY.of_body(edited(ORIGINALS[6], "dateline").body), "x").id == later["id"]
    default.close()
    assert rows(tmp_path, "SELECT value FROM meta WHERE name = 'splits'") == [(f"{POLICY.lsh},{strict.lsh}",)]


def test_same_source_match_wins_over_the_cross_source_original(tmp_path):
    story = ORIGINALS[5]
    state = SqliteDedupeState(tmp_path)
    agency = record_of(story, "agency", 5)
    reprint = record_of(story, "reprint", 6, body=edited(story, "dateline").body)
    assert commit(state, tmp_path, agency) and commit(state, tmp_path, reprint)
    again = POLICY.of_body(edited(story, "dateline").body + "\n\nتابعونا على مواقع التواصل الاجتماعي.")
    assert state.find_story(again, "reprint").id == reprint["id"]  # the caller drops it
    assert state.find_story(again, "third").id == agency["id"]  # exact-free: the most similar wins
    assert state.find_story(POLICY.of_body(story.body), "third").id == agency["id"]  # exact match
