"""`scrapy crawlall`: one crawl process per source, per-source locks, one exit status."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys

from conftest import LOOPBACK, REPO, read_archive
from sample_site.server import SampleServer


def crawlall(sources_file, archive, *extra):
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "crawlall", "--sources", str(sources_file), *extra,
         *LOOPBACK, "-s", f"ARCHIVE_DIR={archive}"],
        cwd=REPO, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)})


def test_sources_run_in_parallel_and_a_failure_sets_the_exit_status(tmp_path):
    archive = tmp_path / "archive"
    with SampleServer("wasila") as wasila, SampleServer("oldpress") as oldpress, \
            SampleServer("wasila", hidden=13) as empty:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nurl = "{wasila.base_url}/"\nname = "wasila"\n\n'
            f'[[source]]\nurl = "{oldpress.base_url}/"\nname = "oldpress"\nargs = {{ max_articles = 3 }}\n\n'
            f'[[source]]\nurl = "{empty.base_url}/"\nname = "empty"\n', encoding="utf-8")
        proc = crawlall(sources, archive, "--parallel", "2")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    rows = {line.split()[0]: line.split()[1:3] for line in proc.stdout.splitlines()[2:-1]}
    assert rows == {"wasila": ["13", "ok"], "oldpress": ["3", "ok"], "empty": ["0", "failed"]}
    assert "3 sources, 1 failed" in proc.stdout
    for name in ("wasila", "oldpress", "empty"):
        assert list((archive / ".logs" / name).glob("*.log")), name
    by_source = {}
    for path, record in read_archive(archive):
        by_source.setdefault(path.parent.name, 0)
        by_source[path.parent.name] += 1
    assert by_source == {"wasila": 13, "oldpress": 3}


def test_a_source_still_running_is_skipped(tmp_path):
    archive = tmp_path / "archive"
    with SampleServer("oldpress") as oldpress:
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[[source]]\nurl = "{oldpress.base_url}/"\nname = "oldpress"\n')
        locks = archive / ".state" / "locks"
        locks.mkdir(parents=True)
        with open(locks / "oldpress.lock", "w") as held:
            fcntl.flock(held, fcntl.LOCK_EX)  # an overlapping cron run holds it
            proc = crawlall(sources, archive)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "skipped" in proc.stdout and "still running" in proc.stdout
        assert not read_archive(archive) and not oldpress.requests
