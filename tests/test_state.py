"""The SQLite dedupe state: rebuilt from the day files with the same answers, opened without reading them."""

from __future__ import annotations

import logging
import multiprocessing
import sys
import tracemalloc
from pathlib import Path

from conftest import REPO

from crawler.pipelines.archive import append_record
from newsarchive.record.format import archive_day, day_file, to_line
from newsarchive.record.urls import record_id, url_key
from newsarchive.store import rebuild
from newsarchive.store.state import SqliteDedupeState, url_keys
from newsarchive.text.fingerprint import NearPolicy
from newsarchive.text.learned import BoilerplateRule, paragraph_key, paragraph_keys, without

sys.path.insert(0, str(REPO / "bench"))
import neardup  # noqa: E402  (sample-site stories and their edited copies)

POLICY = NearPolicy()
RULE = BoilerplateRule(min_articles=2, min_share=0.3)
DISCLAIMER = ("ترحب الشبكة بالنقاش الحيوي والمفيد، وننصحك بمراجعة إرشادات الاستخدام قبل كتابة أي تعليق، "
              "علماً أن التعليقات تعبر عن آراء أصحابها ولا تمثل رأي الشبكة.")


class Stats(dict):
    """The part of Scrapy's stats collector the state uses."""

    def inc_value(self, key, count=1, start=0):
        self[key] = self.get(key, start) + count


def record(source: str, n: int, body: str, version: int = 1, published: str = "2019-12-10T10:00:00+03:00",
           crawled: str = "2026-11-29T00:00:00+00:00") -> dict:
    url = f"https://{source}.example/news/{n}"
    return {"id": record_id(url), "source": source, "url": url, "title": "خبر", "body": body, "related": [],
            "authors": [], "tags": [], "published_at": published, "modified_at": None, "section": None,
            "language": "ar", "crawled_at": crawled, "schema_version": 1,
            "duplicate_of": None, "version": version, "warc": None}


_clock = iter(range(10**6))


def publish(state: SqliteDedupeState, archive: Path, rec: dict, aliases=(), counted=None) -> bool:
    """Commit as the pipelines do: learned boilerplate out of the body, keys of the body
    before; each crawled a second after the one before."""
    body = rec["body"]
    second = next(_clock)
    rec = {**rec, "body": without(body, state.paragraphs.learned(rec["source"]))[0],
           "crawled_at": f"2026-11-29T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}+00:00"}
    keys = url_keys(rec["url"], aliases)
    paras = [k for k in paragraph_keys(body) if k] if counted is None else counted
    path = day_file(archive, rec["source"], archive_day(rec))
    return state.commit(rec, keys, POLICY.of_body(rec["body"]), lambda r: append_record(archive, path, r), paras)


def build_archive(archive: Path) -> tuple[list[dict], list[str], list]:
    """An archive with what a state must remember: aliases, a second version, learned
    boilerplate (bodies written without it), near copies from another source."""
    state = SqliteDedupeState(archive, boilerplate=RULE)
    stories = neardup.originals()[:8]
    written, keys = [], []
    for n, story in enumerate(stories):
        rec = record("agency", n, f"{story.body}\n\n{DISCLAIMER}", published=f"2019-12-{10 + n % 3}T10:00:00+03:00")
        aliases = [f"https://agency.example/?p={n}"] if n % 3 == 0 else []
        assert publish(state, archive, rec, aliases)
        written.append(rec)
        keys += url_keys(rec["url"], aliases)
    changed = record("agency", 1, stories[1].body + "\n\nتصحيح: ورد في نسخة سابقة خطأ في اسم المدينة.", version=2)
    assert publish(state, archive, changed)
    for n, story in enumerate(stories[:4]):
        copy = next(c for name, c in neardup.copies(story, 1) if name == "dateline")
        rec = record("reprint", n, copy.body)
        assert publish(state, archive, rec)
        written.append(rec)
        keys += url_keys(rec["url"])
    assert publish(state, archive, record("quiet", 0, stories[0].body), counted=[])  # counts nothing
    assert state.paragraphs.learned("agency") == {paragraph_key(DISCLAIMER)}
    state.close()
    probes = [(POLICY.of_body(c.body), source) for story in stories
              for name, c in neardup.copies(story, 1) if name in ("5%", "first paragraph cut")
              for source in ("agency", "reprint", "third")]
    return written, keys, probes


def answers(state: SqliteDedupeState, records: list[dict], keys: list[str], probes) -> dict:
    return {
        "knows": [state.knows(r["id"], []) for r in records] + [state.knows("x", [k]) for k in keys],
        "unknown": state.knows_url("agency.example/news/99"),
        "held": [state.held(k) for k in keys],
        "latest": [state.latest_version(r["id"]) for r in records],
        "archived": [state.archived_record(r["id"]) for r in records],
        "stories": [state.find_story(fp, source) for fp, source in probes],
        "counts": dict(state.records_by_source),
        "learned": {s: state.paragraphs.learned(s) for s in ("agency", "reprint", "quiet")},
    }


def lose_state(archive: Path) -> None:
    for path in (archive / ".state").glob(f"{SqliteDedupeState.FILE}*"):
        path.unlink()


def test_a_lost_state_is_rebuilt_from_the_day_files_with_the_same_answers(tmp_path):
    records, keys, probes = build_archive(tmp_path)
    stats = Stats()
    state = SqliteDedupeState(tmp_path, boilerplate=RULE, stats=stats)
    before = answers(state, records, keys, probes)
    state.close()
    assert "news/state/rebuilt_records" not in stats  # the commits kept it current
    assert before["counts"] == {"agency": 8, "reprint": 4, "quiet": 1}
    assert any(s is not None and s.source == "reprint" for s in before["stories"])
    lose_state(tmp_path)
    rebuilt = SqliteDedupeState(tmp_path, boilerplate=RULE, stats=stats)
    assert answers(rebuilt, records, keys, probes) == before
    rebuilt.close()
    assert stats["news/state/rebuilt_records"] == 14  # every line: 13 records, one a second version


def test_worker_processes_rebuild_it_the_same(tmp_path, monkeypatch):
    records, keys, probes = build_archive(tmp_path)
    state = SqliteDedupeState(tmp_path, boilerplate=RULE)
    before = answers(state, records, keys, probes)
    state.close()
    lose_state(tmp_path)
    # Workers however small the archive, and tasks cut inside day files.
    monkeypatch.setattr(rebuild, "POOL_BYTES", 0)
    monkeypatch.setattr(rebuild, "TASK_BYTES", 5000)
    stats = Stats()
    rebuilt = SqliteDedupeState(tmp_path, boilerplate=RULE, stats=stats)
    assert answers(rebuilt, records, keys, probes) == before
    rebuilt.close()
    assert stats["news/state/rebuilt_records"] == 14


def _archive_of(archive: Path, count: int) -> list[str]:
    """``count`` records in 12 day files, written as the archive writer writes them."""
    rng = neardup.random.Random(count)
    words = [w for story in neardup.originals() for w in story.body.split()]
    files: dict[Path, list[bytes]] = {}
    ids = []
    for n in range(count):
        source, day = f"s{n % 4}", 10 + n % 3
        body = "\n\n".join(" ".join(rng.choice(words) for _ in range(40)) for _ in range(4))
        rec = record(source, n, body, published=f"2019-12-{day}T10:00:00+03:00")
        files.setdefault(day_file(archive, source, archive_day(rec)), []).append(to_line(rec))
        ids.append(rec["id"])
    for path, lines in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"".join(lines))
    return ids


def _open_allocates(archive: Path) -> int:
    """Peak bytes of Python memory an open of the (current) state allocates."""
    tracemalloc.start()
    state = SqliteDedupeState(archive)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    state.close()
    return peak


def test_opening_a_current_state_reads_no_day_file_and_holds_nothing_per_record(tmp_path, caplog):
    peaks = {}
    for count in (200, 2000):
        archive = tmp_path / str(count)
        ids = _archive_of(archive, count)
        SqliteDedupeState(archive).close()  # built once
        # Every day file now holds nothing readable, at the size the state knows: an open
        # that read one would find no record in it (and say so).
        for path in archive.glob("s*/*.jsonl"):
            path.write_bytes(b"\0" * path.stat().st_size)
        stats = Stats()
        with caplog.at_level(logging.WARNING, logger="newsarchive"):
            state = SqliteDedupeState(archive, stats=stats)
        assert all(state.knows(i, []) for i in ids) and sum(state.records_by_source.values()) == count
        state.close()
        assert not stats and not caplog.records
        peaks[count] = _open_allocates(archive)
    # Ten times the records in the same 12 day files: not a byte more for the open (SQLite's
    # own page cache, outside Python's heap, is bounded by its cache_size).
    assert peaks[2000] < peaks[200] + 10_000 and peaks[2000] < 100_000, peaks


def _open_and_count(archive: str) -> tuple[int, int]:
    stats = Stats()
    state = SqliteDedupeState(Path(archive), stats=stats)
    held = sum(state.records_by_source.values())
    state.close()
    return stats.get("news/state/rebuilt_records", 0), held


def test_processes_opening_a_missing_state_together_build_it_once(tmp_path):
    _archive_of(tmp_path, 1500)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(_open_and_count, [str(tmp_path)] * 2)
    assert sorted(results) == [(0, 1500), (1500, 1500)]


def test_a_day_file_shorter_than_the_state_knows_is_reported(tmp_path, caplog):
    ids = _archive_of(tmp_path, 30)
    SqliteDedupeState(tmp_path).close()
    path = sorted(tmp_path.glob("s0/*.jsonl"))[0]
    path.write_bytes(path.read_bytes()[:10])
    with caplog.at_level(logging.WARNING, logger="newsarchive"):
        state = SqliteDedupeState(tmp_path)
    assert all(state.knows(i, []) for i in ids)  # what it indexed stays known
    state.close()
    assert any("shorter than the dedupe state says" in r.message for r in caplog.records)


def test_a_commit_after_a_gap_leaves_the_gap_to_the_next_open(tmp_path):
    story = neardup.originals()[0]
    state = SqliteDedupeState(tmp_path)
    first = record("agency", 1, story.body)
    assert publish(state, tmp_path, first)
    # A line another process wrote and never committed (killed): same day file.
    lost = record("agency", 2, neardup.originals()[1].body)
    path = day_file(tmp_path, "agency", archive_day(lost))
    with open(path, "ab") as fh:
        fh.write(to_line(lost))
    later = record("agency", 3, neardup.originals()[2].body)
    assert publish(state, tmp_path, later)  # this process does not know the gap
    assert not state.knows(lost["id"], [])
    state.close()
    stats = Stats()
    reopened = SqliteDedupeState(tmp_path, stats=stats)
    assert reopened.knows(lost["id"], []) and reopened.knows_url(url_key(later["url"]))
    assert reopened.records_by_source["agency"] == 3
    reopened.close()
    assert stats["news/state/rebuilt_records"] == 1  # the lost line; the later one was indexed
