"""`scrapy pack` and `scrapy verify`: real crawls of the sample sites, real subprocesses."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import REPO, read_archive, run_crawl
from newsarchive.record.format import SCHEMA_PATH, archive_day, load_schema
from sample_site.server import SampleServer


def scrapy(*args, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def pack(archive: Path, out: Path, *options) -> subprocess.CompletedProcess:
    proc = scrapy("pack", archive, "--out", out, *options)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def verify(path: Path) -> subprocess.CompletedProcess:
    return scrapy("verify", path)


def members(path: Path) -> dict[str, bytes]:
    """Every member of a pack (tar.gz, zip or folder), in pack order."""
    if path.is_dir():
        return {p.relative_to(path).as_posix(): p.read_bytes()
                for p in sorted(path.rglob("*")) if p.is_file()}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            return {i.filename: zf.read(i) for i in zf.infolist()}
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def data_lines(pack_members: dict[str, bytes]) -> Counter:
    """The packed record lines (decompressed), as a multiset of bytes."""
    out = Counter()
    for name, data in pack_members.items():
        if name.startswith("data/"):
            if name.endswith(".gz"):
                data = gzip.decompress(data)
            out.update(data.splitlines())
    return out


def archive_lines(archive: Path, keep=lambda path, record: True) -> Counter:
    return Counter(json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode()
                   for path, rec in read_archive(archive) if keep(path, rec))


def normalise(lines: Counter) -> Counter:
    return Counter(json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")).encode()
                   for line in lines.elements())


def moment(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Two crawls of wasila (4 articles published in between) and one of oldpress."""
    root = tmp_path_factory.mktemp("archive")
    with SampleServer("wasila", hidden=4) as wasila:
        first = run_crawl([f"url={wasila.base_url}/"], root)
        assert first.returncode == 0, first.stderr[-2000:]
        time.sleep(1.2)  # crawled_at has one-second resolution
        wasila.publish(4)
        second = run_crawl([f"url={wasila.base_url}/"], root)
        assert second.returncode == 0, second.stderr[-2000:]
        wasila_source = f"127.0.0.1_{wasila.port}"
    with SampleServer("oldpress") as oldpress:
        third = run_crawl([f"url={oldpress.base_url}/"], root)
        assert third.returncode == 0, third.stderr[-2000:]
        oldpress_source = f"127.0.0.1_{oldpress.port}"
    jobs = sorted((json.loads(p.read_text(encoding="utf-8")) for p in (root / ".jobs").glob("*.json")),
                  key=lambda j: j["started_at"])
    records = read_archive(root)
    assert Counter(r["source"] for _, r in records) == {wasila_source: 13, oldpress_source: 5}
    return SimpleNamespace(root=root, wasila=wasila_source, oldpress=oldpress_source, jobs=jobs,
                           records=records)


@pytest.fixture(scope="module")
def dir_pack(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("packs") / "pack"
    pack(archive.root, out, "--format", "dir")
    return out


def busiest_file(pack_dir: Path) -> str:
    """A packed data file with at least two lines."""
    manifest = json.loads((pack_dir / "manifest.json").read_text(encoding="utf-8"))
    entry = max(manifest["files"], key=lambda e: (e["records"], e["path"]))
    assert entry["records"] >= 2
    return entry["path"]


# -- round trips -------------------------------------------------------------------


@pytest.mark.parametrize("fmt, name", [("tar.gz", "pack.tar.gz"), ("zip", "pack.zip"), ("dir", "pack")])
def test_pack_then_verify_round_trip(archive, tmp_path, fmt, name):
    out = tmp_path / name
    proc = pack(archive.root, out, "--format", fmt)
    assert "18 records" in proc.stdout
    checked = verify(out)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip().splitlines()[-1].startswith("verify OK")
    got = members(out)
    assert data_lines(got) == archive_lines(archive.root)
    assert got["schema.json"] == SCHEMA_PATH.read_bytes()
    assert {"manifest.json", "schema.json", "DATASHEET.md"} <= set(got)
    if fmt != "dir":
        names = list(got)
        assert names[0] == "schema.json" and names[-1] == "manifest.json"


def test_compressed_files_in_a_zip(archive, tmp_path):
    out = tmp_path / "pack.zip"
    pack(archive.root, out, "--compress-files")
    got = members(out)
    data = [n for n in got if n.startswith("data/")]
    assert data and all(n.endswith(".jsonl.gz") for n in data)
    for name in data:
        source, day = name[len("data/"):-len(".jsonl.gz")].split("/")
        assert gzip.decompress(got[name]) == (archive.root / source / f"{day}.jsonl").read_bytes()
    manifest = json.loads(got["manifest.json"])
    for entry in manifest["files"]:
        assert entry["compression"] == "gzip"
        assert entry["sha256"] == hashlib.sha256(got[entry["path"]]).hexdigest()
    checked = verify(out)
    assert checked.returncode == 0, checked.stdout


# -- damage is found, at the right line --------------------------------------------


def _flip_title_byte(line: bytes) -> bytes:
    """A one-byte change that stays valid UTF-8, JSON and schema: the lead byte
    of the title's first Arabic letter (0xD8 <-> 0xD9)."""
    at = line.index(b'"title":"') + len(b'"title":"')
    assert line[at] in (0xD8, 0xD9)
    return line[:at] + bytes([line[at] ^ 0x01]) + line[at + 1:]


def damage(path: Path, kind: str) -> int:
    """Damage a data file; return the line number verify must name."""
    lines = path.read_bytes().splitlines(keepends=True)
    if kind == "changed byte":
        lines[1] = _flip_title_byte(lines[1])
        path.write_bytes(b"".join(lines))
        return 2
    if kind == "removed line":
        path.write_bytes(b"".join(lines[1:]))
        return 1
    if kind == "duplicated line":
        path.write_bytes(b"".join(lines[:1] + lines[:1] + lines[1:]))
        return 2
    if kind == "truncated":
        path.write_bytes(b"".join(lines[:1]) + lines[1][: len(lines[1]) // 2])
        return 2
    raise AssertionError(kind)


WHAT = {"changed byte": "changed", "removed line": "missing", "duplicated line": "duplicate",
        "truncated": "partial last line"}


@pytest.mark.parametrize("kind", list(WHAT))
def test_verify_names_the_damaged_line(dir_pack, tmp_path, kind):
    copy = tmp_path / "pack"
    shutil.copytree(dir_pack, copy)
    rel = busiest_file(copy)
    line = damage(copy / rel, kind)
    proc = verify(copy)
    assert proc.returncode == 1, proc.stdout
    problems = [p for p in proc.stdout.splitlines() if p.startswith(f"{rel}:{line}:")]
    assert any(WHAT[kind] in p for p in problems), proc.stdout
    assert f"{rel}:0:" in proc.stdout  # and the file no longer matches the manifest
    assert proc.stdout.splitlines()[-1].startswith("verify FAILED")


@pytest.mark.parametrize("fmt", ["tar.gz", "zip"])
def test_verify_finds_a_changed_byte_inside_an_archive_file(dir_pack, tmp_path, fmt):
    rel = busiest_file(dir_pack)
    original = members(dir_pack)
    lines = original[rel].splitlines(keepends=True)
    lines[1] = _flip_title_byte(lines[1])
    changed = {**original, rel: b"".join(lines)}
    names = ["schema.json"] + sorted(n for n in changed if n not in ("schema.json", "manifest.json")) + ["manifest.json"]
    out = tmp_path / f"pack.{fmt}"
    if fmt == "zip":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in names:
                zf.writestr(name, changed[name])
    else:
        with tarfile.open(out, "w:gz") as tar:
            for name in names:
                info = tarfile.TarInfo(name)
                info.size = len(changed[name])
                tar.addfile(info, io.BytesIO(changed[name]))
    proc = verify(out)
    assert proc.returncode == 1
    assert f"{rel}:2: line changed since packing" in proc.stdout, proc.stdout


def test_verify_reports_missing_and_extra_files(dir_pack, tmp_path):
    copy = tmp_path / "pack"
    shutil.copytree(dir_pack, copy)
    rel = busiest_file(copy)
    (copy / rel).unlink()
    (copy / "data" / "notes.txt").write_text("hello\n")
    proc = verify(copy)
    assert proc.returncode == 1
    assert f"{rel}:0: listed in manifest.json but missing from the pack" in proc.stdout
    assert "data/notes.txt:0: in the pack but not listed in manifest.json" in proc.stdout


# -- filters -------------------------------------------------------------------------


def test_source_filter(archive, tmp_path):
    out = tmp_path / "oldpress.tar.gz"
    pack(archive.root, out, "--source", archive.oldpress)
    got = members(out)
    assert data_lines(got) == archive_lines(archive.root, lambda p, r: r["source"] == archive.oldpress)
    manifest = json.loads(got["manifest.json"])
    assert list(manifest["totals"]["by_source"]) == [archive.oldpress]
    assert manifest["filters"]["sources"] == [archive.oldpress]
    assert [j["arguments"]["url"] for j in manifest["jobs"]] == [a["arguments"]["url"] for a in archive.jobs
                                                                 if archive.oldpress in a["sources"]]
    assert verify(out).returncode == 0


def test_publication_day_filter(archive, tmp_path):
    out = tmp_path / "days.zip"
    pack(archive.root, out, "--since", "2019-12-12", "--until", "2019-12-17")
    want = archive_lines(archive.root, lambda p, r: "2019-12-12" <= p.stem <= "2019-12-17")
    got = members(out)
    assert want and data_lines(got) == want
    assert data_lines(got) != archive_lines(archive.root)
    days = {e["day"] for e in json.loads(got["manifest.json"])["files"]}
    assert min(days) >= "2019-12-12" and max(days) <= "2019-12-17"
    assert verify(out).returncode == 0


def test_crawled_since_keeps_only_newer_lines(archive, tmp_path):
    second_wasila = [j for j in archive.jobs if archive.wasila in j["sources"]][1]
    since = second_wasila["started_at"]
    want = archive_lines(archive.root, lambda p, r: moment(r["crawled_at"]) >= moment(since))
    assert 0 < sum(want.values()) < len(archive.records)
    out = tmp_path / "incremental"
    pack(archive.root, out, "--format", "dir", "--crawled-since", since)
    got = members(out)
    assert normalise(data_lines(got)) == want
    manifest = json.loads(got["manifest.json"])
    assert manifest["filters"]["crawled_since"] == moment(since).isoformat()
    assert {j["job_id"] for j in manifest["jobs"]} == {
        j["job_id"] for j in archive.jobs if moment(j["finished_at"]) >= moment(since)}
    for entry in manifest["files"]:  # files were rewritten: figures describe what was packed
        data = got[entry["path"]]
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["records"] == data.count(b"\n")
    assert verify(out).returncode == 0


# -- manifest and datasheet ----------------------------------------------------------


def test_manifest_describes_the_pack(archive, dir_pack):
    manifest = json.loads((dir_pack / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema"] == {**manifest["schema"], "version": 1, "path": "schema.json",
                                  "id": load_schema()["$id"]}
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert manifest["crawler"]["version"] == project["version"]
    assert set(manifest["crawler"]) == {"name", "version", "git_commit"}
    datetime.fromisoformat(manifest["created_at"])
    by_file = {}
    for path, record in archive.records:
        by_file.setdefault(f"data/{path.parent.name}/{path.name}", []).append(record)
    assert {e["path"] for e in manifest["files"]} == set(by_file)
    for entry in manifest["files"]:
        data = (dir_pack / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
        assert entry["records"] == len(by_file[entry["path"]]) == data.count(b"\n")
        published = sorted((r["published_at"] for r in by_file[entry["path"]]), key=moment)
        assert (entry["first_published_at"], entry["last_published_at"]) == (published[0], published[-1])
        index = (dir_pack / entry["lines"]["path"]).read_bytes()
        assert entry["lines"]["sha256"] == hashlib.sha256(index).hexdigest()
        assert index.count(b"\n") == entry["records"]
    totals = manifest["totals"]
    assert totals["records"] == 18 and totals["files"] == len(by_file)
    assert {s: v["records"] for s, v in totals["by_source"].items()} == {archive.wasila: 13, archive.oldpress: 5}
    assert sum(totals["by_day"].values()) == 18
    assert totals["by_day"] == dict(sorted(Counter(archive_day(r).isoformat() for _, r in archive.records).items()))
    assert [j["job_id"] for j in manifest["jobs"]] == [j["job_id"] for j in archive.jobs]
    for job, report in zip(manifest["jobs"], archive.jobs):
        assert job["arguments"] == report["arguments"]
        assert job["settings"]["ARCHIVE_DIR"] == str(archive.root)
        assert job["verdict"] == "ok" and job["started_at"] and job["finished_at"]
    assert manifest["documents"][0]["path"] == "DATASHEET.md"
    assert manifest["raw"] == [] and manifest["raw_missing"] == []


def test_datasheet_mentions_sources_counts_cleaning_and_fields(archive, dir_pack):
    sheet = (dir_pack / "DATASHEET.md").read_text(encoding="utf-8")
    assert f"| {archive.wasila} | 13 | 11 |" in sheet
    assert f"| {archive.oldpress} | 5 | 5 |" in sheet
    # Source columns are in source-name order (the ports decide which comes first).
    counts = {archive.wasila: 13, archive.oldpress: 5}
    columns = " | ".join(str(counts[name]) for name in sorted(counts))
    assert f"| month | {' | '.join(sorted(counts))} | all |" in sheet
    assert f"| 2019-12 | {columns} | 18 |" in sheet
    assert "**18 records**" in sheet
    for phrase in ("NFC", "presentation forms", "zero-width", "tatweel", "duplicate_of", "version",
                   "## Field coverage", "## Known limitations", "## Field dictionary"):
        assert phrase in sheet, phrase
    for name in load_schema()["properties"]:
        assert f"| `{name}` |" in sheet, name
    for job in archive.jobs:
        assert job["job_id"] in sheet


# -- live archives, partial lines, raw captures ----------------------------------------


def test_verify_live_archive_and_a_record_in_the_wrong_day_file(archive, tmp_path):
    assert verify(archive.root).returncode == 0
    copy = tmp_path / "archive"
    shutil.copytree(archive.root, copy)
    files = sorted((copy / archive.wasila).glob("*.jsonl"))
    source, target = files[0], files[-1]
    moved = source.read_bytes().splitlines(keepends=True)
    source.write_bytes(b"".join(moved[1:]))
    target_lines = target.read_bytes().count(b"\n")
    with open(target, "ab") as fh:
        fh.write(moved[0])
    proc = verify(copy)
    assert proc.returncode == 1
    rel = f"{archive.wasila}/{target.name}:{target_lines + 1}:"
    assert any(p.startswith(rel) and f"belongs in the file of {source.stem}" in p
               for p in proc.stdout.splitlines()), proc.stdout


def test_pack_takes_only_complete_lines_of_a_file_being_written(archive, tmp_path):
    copy = tmp_path / "archive"
    shutil.copytree(archive.root, copy)
    day_file = sorted((copy / archive.wasila).glob("*.jsonl"))[0]
    complete = day_file.read_bytes()
    with open(day_file, "ab") as fh:  # a crawl half-way through writing a line
        fh.write(complete[: len(complete) // 2])
    out = tmp_path / "pack.tar.gz"
    proc = pack(copy, out)
    assert "left out" in proc.stderr
    got = members(out)
    rel = f"data/{archive.wasila}/{day_file.name}"
    assert got[rel] == complete
    entry = next(e for e in json.loads(got["manifest.json"])["files"] if e["path"] == rel)
    assert entry["bytes"] == len(complete) and entry["sha256"] == hashlib.sha256(complete).hexdigest()
    assert verify(out).returncode == 0
    live = verify(copy)  # the live archive itself has a partial line
    assert live.returncode == 1 and f"{archive.wasila}/{day_file.name}:2: partial last line" in live.stdout


def test_raw_captures_referenced_by_packed_records_are_included(archive, tmp_path):
    copy = tmp_path / "archive"
    shutil.copytree(archive.root, copy)
    (copy / "raw").mkdir()
    capture = gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n\r\n")
    (copy / "raw" / "cap1.warc.gz").write_bytes(capture)
    (copy / "raw" / "unused.warc.gz").write_bytes(gzip.compress(b"WARC/1.1\r\n"))
    day_file = sorted((copy / archive.oldpress).glob("*.jsonl"))[0]
    lines = day_file.read_bytes().splitlines()
    record = json.loads(lines[0])
    record["warc"] = {"file": "raw/cap1.warc.gz", "offset": 0}
    lines[0] = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
    day_file.write_bytes(b"\n".join(lines) + b"\n")
    assert verify(copy).returncode == 0
    out = tmp_path / "pack"
    pack(copy, out, "--format", "dir", "--source", archive.oldpress)
    assert (out / "raw" / "cap1.warc.gz").read_bytes() == capture
    assert not (out / "raw" / "unused.warc.gz").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["raw"] == [{"path": "raw/cap1.warc.gz", "sha256": hashlib.sha256(capture).hexdigest(),
                                "bytes": len(capture), "records": 1}]
    assert verify(out).returncode == 0
    (out / "raw" / "cap1.warc.gz").unlink()
    proc = verify(out)
    assert proc.returncode == 1 and "raw/cap1.warc.gz:0: listed in manifest.json but missing" in proc.stdout


def test_bad_usage_exits_2(archive, tmp_path):
    assert scrapy("pack", archive.root, "--out", tmp_path / "p.tar.gz", "--source", "nosuch").returncode == 2
    assert scrapy("pack", archive.root, "--out", tmp_path / "p.tar.gz", "--since", "2019-13-01").returncode == 2
    assert scrapy("verify", tmp_path / "nothing-here").returncode == 2
    assert not (tmp_path / "p.tar.gz").exists()


def test_fast_schema_check_agrees_with_jsonschema(archive):
    """The compiled check verify uses first must never accept what jsonschema rejects."""
    from newsarchive.record.schemacheck import RecordValidator

    validator = RecordValidator(load_schema())
    assert validator.fast is not None
    base = archive.records[0][1]
    variants = [base]
    for name in list(base) + ["extra"]:
        for value in (None, "", "x", 0, 1, 1.0, 2.5, True, [], [""], ["a"], {}, {"file": "raw/a.warc.gz"},
                      {"file": "raw/a.warc.gz", "offset": -1}, {"file": "raw/a.warc.gz", "offset": 3},
                      [{"url": "http://a/", "title": "t"}], [{"url": "ftp://a/"}], "2019-12-19T14:30:00Z",
                      "2019-12-19 14:30", "ABCDEF0123456789abcdef01", "0123456789abcdef01234567"):
            variants.append({**base, name: value})
        variants.append({k: v for k, v in base.items() if k != name})
    variants += [[], "record", 1, None]
    for record in variants:
        assert validator.fast(record) == validator.full.is_valid(record), record
        assert (validator.problems(record) == []) == validator.full.is_valid(record)
