"""Shared test fixtures: real servers on 127.0.0.1 and real `scrapy crawl` processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from newsarchive.store.inventory import day_files
from newsarchive.record.format import load_schema

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
#: Loopback sites need no politeness; extraction runs in-process except in the
#: tests of the worker pool (tests/test_workers.py), which set NEWS_EXTRACT_WORKERS.
LOOPBACK = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "NEWS_EXTRACT_WORKERS=0"]


def crawl_command(args: list[str], archive: Path, settings: list[str] = (),
                  options: list[str] = ()) -> list[str]:
    """``options`` are other `scrapy crawl` options, e.g. ``["-O", "feed.jsonl"]``."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", *LOOPBACK, *options,
           "-s", f"ARCHIVE_DIR={archive}", "-s", "LOG_LEVEL=INFO"]
    for a in args:
        cmd += ["-a", a]
    for s in settings:
        cmd += ["-s", s]
    return cmd


def run_crawl(args: list[str], archive: Path, settings: list[str] = (), timeout: int = 180,
              options: list[str] = ()):
    """Run `scrapy crawl news` as a subprocess from the repo root."""
    return subprocess.run(crawl_command(args, archive, settings, options), cwd=REPO, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "PYTHONPATH": str(REPO)})


_VALIDATOR = jsonschema.Draft202012Validator(
    load_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def schema_errors(record: dict) -> list[str]:
    """What is wrong with a record by the archive's JSON Schema (empty when valid)."""
    return sorted(e.message for e in _VALIDATOR.iter_errors(record))


def read_archive(archive: Path) -> list[tuple[Path, dict]]:
    """Every record of an archive, with its file; fails on a partial line, bad JSON or a schema error."""
    out = []
    for path in day_files(archive):
        data = path.read_bytes()
        assert data == b"" or data.endswith(b"\n"), f"{path} ends with a partial line"
        for number, line in enumerate(data.decode("utf-8").splitlines(), 1):
            record = json.loads(line)
            errors = schema_errors(record)
            assert not errors, f"{path}:{number}: " + "; ".join(errors)
            out.append((path, record))
    return out


def last_job(archive: Path) -> dict:
    reports = sorted((archive / ".jobs").glob("*.json"), key=lambda p: p.stat().st_mtime)
    assert reports, "no job report written"
    return json.loads(reports[-1].read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validate_record():
    def check(record: dict) -> None:
        errors = schema_errors(record)
        assert not errors, "; ".join(errors)

    return check
