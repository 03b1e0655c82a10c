"""Archive writer and dedupe state: crash recovery, concurrency, path safety."""

from __future__ import annotations

import json
import multiprocessing
from datetime import date
from pathlib import Path

import pytest

from conftest import SHARED, read_archive

from newsarchive.record.urls import record_id, url_key
from newsarchive.text import fingerprint
from crawler.pipelines.archive import append_record
from newsarchive.record.format import UnsafePathError, archive_day, day_file, to_line
from newsarchive.store.state import SqliteDedupeState
from sample_site.content import WASILA_BY_SLUG


def make_record(n: int, source: str = "site", day: int = 1) -> dict:
    url = f"https://{source}.example/news/{n}"
    return {
        "id": record_id(url), "source": source, "url": url, "title": f"عنوان {n}",
        "body": f"نص الخبر رقم {n} " * 30, "related": [], "authors": [], "tags": [],
        "published_at": f"2019-12-{day:02d}T10:00:00+03:00", "modified_at": None,
        "section": None, "language": "ar", "crawled_at": "2026-11-29T00:00:00+00:00",
        "schema_version": 1, "duplicate_of": None, "version": 1, "warc": None,
    }


def commit(state: SqliteDedupeState, archive: Path, record: dict) -> bool:
    fp = state.policy.of_body(record["body"])
    path = day_file(archive, record["source"], archive_day(record))
    return state.commit(record, [url_key(record["url"])], fp,
                        lambda rec: append_record(archive, path, rec))


def lines_of(archive: Path) -> list[dict]:
    return [record for _, record in read_archive(archive)]


def test_line_is_utf8_not_escaped_and_in_schema_order():
    line = to_line(make_record(1))
    assert "عنوان".encode() in line and b"\\u" not in line
    assert list(json.loads(line))[:3] == ["id", "source", "url"]


def test_second_state_sees_first_commits(tmp_path):
    first = SqliteDedupeState(tmp_path)
    assert commit(first, tmp_path, make_record(1))
    assert not commit(first, tmp_path, make_record(1))
    second = SqliteDedupeState(tmp_path)
    assert second.knows(make_record(1)["id"], [])
    assert not commit(second, tmp_path, make_record(1))
    assert len(lines_of(tmp_path)) == 1


def test_unindexed_line_and_torn_line_are_recovered(tmp_path):
    state = SqliteDedupeState(tmp_path)
    assert commit(state, tmp_path, make_record(1))
    state.close()
    # A crash between the record write and its index line, then a torn write.
    rec2 = make_record(2)
    path = day_file(tmp_path, "site", archive_day(rec2))
    with open(path, "ab") as fh:
        fh.write(to_line(rec2))
        fh.write(to_line(make_record(3))[:40])
    reopened = SqliteDedupeState(tmp_path)
    assert reopened.knows(rec2["id"], [])
    assert not reopened.knows(make_record(3)["id"], [])
    assert [r["id"] for r in lines_of(tmp_path)] == [make_record(1)["id"], rec2["id"]]
    quarantined = list((tmp_path / ".state" / "quarantine").iterdir())
    assert len(quarantined) == 1 and quarantined[0].read_bytes() == to_line(make_record(3))[:40]
    assert commit(reopened, tmp_path, make_record(3))
    assert len(lines_of(tmp_path)) == 3


def _writer(archive: str, numbers: list[int]) -> int:
    state = SqliteDedupeState(Path(archive))
    return sum(commit(state, Path(archive), make_record(n, day=1 + n % 3)) for n in numbers)


def test_two_processes_write_each_record_once(tmp_path):
    numbers = list(range(200))
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        written = pool.starmap(_writer, [(str(tmp_path), numbers), (str(tmp_path), numbers[::-1])])
    records = lines_of(tmp_path)
    assert sum(written) == 200
    assert sorted(r["id"] for r in records) == sorted(make_record(n)["id"] for n in numbers)


def test_same_story_from_other_source_is_found(tmp_path):
    state = SqliteDedupeState(tmp_path)
    original = make_record(7, source="agency")
    assert commit(state, tmp_path, original)
    copy = make_record(7, source="reprint")
    story = state.find_story(state.policy.of_body(copy["body"]), "reprint")
    assert story is not None and story.id == original["id"] and story.source == "agency"


def test_near_duplicate_with_a_dateline_is_found(tmp_path):
    base = (SHARED / "samples" / "seed-article.txt").read_text(encoding="utf-8")
    policy = fingerprint.NearPolicy()
    a, b = policy.of_body(base), policy.of_body("دمشق (وكالات) - " + base)
    other = policy.of_body("\n\n".join(WASILA_BY_SLUG["caesar-act-signed"].clean))
    assert a.exact != b.exact and policy.same_story(a.signature, b.signature)
    assert not policy.same_story(a.signature, other.signature)
    # Repetitive filler has too few distinct trigrams for near matching: exact only.
    assert policy.of_body("الرياضة " * 80 + "مباراة كرة القدم انتهت بالتعادل " * 10).signature is None
    state = SqliteDedupeState(tmp_path)
    record = {**make_record(1, source="agency"), "body": base}
    assert commit(state, tmp_path, record)
    assert state.find_story(b, "reprint").id == record["id"]
    assert state.find_story(other, "reprint") is None


@pytest.mark.parametrize("source", ["../etc", "a/b", ".state", "", "..", "x/../../y"])
def test_hostile_source_names_cannot_leave_the_archive(tmp_path, source):
    with pytest.raises(UnsafePathError):
        day_file(tmp_path, source, date(2019, 12, 19))


def test_day_is_utc_day_of_publication_and_date_only_stays():
    assert archive_day({"published_at": "2019-12-20T01:30:00+03:00"}) == date(2019, 12, 19)
    assert archive_day({"published_at": "2019-12-19T00:00:00+00:00"}) == date(2019, 12, 19)
    assert archive_day({"published_at": None, "crawled_at": "2026-11-29T08:00:00+00:00"}) == date(2026, 11, 29)
