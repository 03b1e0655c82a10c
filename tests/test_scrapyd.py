"""Scrapyd end to end: a real `scrapyd` on 127.0.0.1 runs the project's egg.

The egg is built with `scrapyd-deploy --build-egg` from a copy of the working
tree (the build writes setup.py leftovers, build/ and *.egg-info where it
runs), uploaded with addversion.json, and two `news` jobs are scheduled with
schedule.json: one against the sample site (verdict ok, every article once)
and one against a sample site with every article hidden, which fails (the
crawl exits 1). Scrapyd's own state knows nothing about exit statuses: the
failed job is listed as "finished" like the good one; only Scrapyd's log
("Process died: exitstatus=1") and the job's log ("verdict: failed") tell.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from conftest import LOOPBACK, REPO, read_archive
from sample_site.expected import expected_articles
from sample_site.server import SampleServer

PROJECT = "newsarchive"
#: Not copied into the build tree: virtualenv, VCS, crawl output and earlier build products.
NOT_SOURCES = shutil.ignore_patterns(".venv", ".git", "output", "build", "dist", "*.egg-info", "*.egg",
                                     "__pycache__", ".pytest_cache", ".scrapy", "out")
#: Environment a scrapyd (and the crawls it starts) must not inherit from the test run:
#: the job has to import the uploaded egg, not the working tree.
LEAKY_ENV = ("PYTHONPATH", "SCRAPY_SETTINGS_MODULE", "SCRAPY_PROJECT", "SCRAPYD_EGG_VERSION")
JOB_TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in LEAKY_ENV}


@pytest.fixture(scope="module")
def egg(tmp_path_factory) -> Path:
    """The project egg, as `scrapyd-deploy --build-egg` makes it from a clean tree."""
    tree = tmp_path_factory.mktemp("build") / "tree"
    shutil.copytree(REPO, tree, ignore=NOT_SOURCES)
    out = tree.parent / f"{PROJECT}.egg"
    proc = subprocess.run([sys.executable, "-m", "scrapyd_client.deploy", "--build-egg", str(out)],
                          cwd=tree, env=clean_env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert out.is_file()
    return out


class Scrapyd:
    def __init__(self, workdir: Path, port: int, proc: subprocess.Popen):
        self.workdir, self.port, self.proc = workdir, port, proc
        self.url = f"http://127.0.0.1:{port}/"
        self.logs_dir = workdir / "logs"
        self.log = workdir / "scrapyd.log"

    def get(self, endpoint: str, **params) -> dict:
        resp = requests.get(self.url + endpoint, params=params, timeout=30)
        resp.raise_for_status()
        return resp.json()

    def post(self, endpoint: str, data, files=None) -> dict:
        resp = requests.post(self.url + endpoint, data=data, files=files, timeout=60)
        resp.raise_for_status()
        body = resp.json()
        assert body["status"] == "ok", body
        return body

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory):
    """A real scrapyd on a free port; its eggs, logs and dbs live in a temporary directory."""
    workdir = tmp_path_factory.mktemp("scrapyd")
    port = free_port()
    (workdir / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        f"eggs_dir = {workdir / 'eggs'}\n"
        f"logs_dir = {workdir / 'logs'}\n"
        f"dbs_dir = {workdir / 'dbs'}\n"
        "items_dir =\n"
        "jobs_dir =\n"
        "max_proc = 2\n"
        "poll_interval = 0.2\n",
        encoding="utf-8")
    # Scrapyd reads ./scrapyd.conf and starts every crawl with its own sys.executable
    # (`python -m scrapyd.runner`), in its own working directory: run it with this
    # interpreter (the venv's), from the temporary directory, in a process group of its own.
    with open(workdir / "scrapyd.log", "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=workdir, env=clean_env(),
                                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    server = Scrapyd(workdir, port, proc)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, f"scrapyd exited {proc.returncode}:\n{server.output()[-3000:]}"
            try:
                if server.get("daemonstatus.json")["status"] == "ok":
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "scrapyd did not answer:\n" + server.output()[-3000:]
            time.sleep(0.1)
        yield server
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)  # scrapyd and any crawl it still runs
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=10)
                break
            except subprocess.TimeoutExpired:
                continue


@pytest.fixture(scope="module")
def jobs(scrapyd, egg, tmp_path_factory):
    """The egg deployed, a good and a failing crawl scheduled and run to the end."""
    deployed = scrapyd.post("addversion.json", {"project": PROJECT, "version": "1"},
                            files={"egg": (egg.name, egg.read_bytes())})
    settings = [f"{name}={value}" for name, value in
                (s.split("=", 1) for s in LOOPBACK[1::2])]
    jobs = {}
    with SampleServer("wasila") as good, SampleServer("wasila", hidden=13) as empty:
        for name, server in (("ok", good), ("failed", empty)):
            archive = tmp_path_factory.mktemp(f"archive-{name}")
            job_id = uuid.uuid4().hex
            # One id everywhere: Scrapyd's job, its log file and the project's job report.
            scheduled = scrapyd.post("schedule.json", {
                "project": PROJECT, "spider": "news", "jobid": job_id,
                "url": f"{server.base_url}/",
                "setting": [f"ARCHIVE_DIR={archive}", f"NEWS_JOB_ID={job_id}", *settings],
            })
            assert scheduled["jobid"] == job_id
            jobs[name] = {"id": job_id, "archive": archive, "base_url": server.base_url}
        wanted = {job["id"] for job in jobs.values()}
        deadline = time.monotonic() + JOB_TIMEOUT
        while True:
            listed = scrapyd.get("listjobs.json", project=PROJECT)
            if wanted <= {job["id"] for job in listed["finished"]}:
                break
            assert time.monotonic() < deadline, f"jobs not finished after {JOB_TIMEOUT}s: {listed}"
            time.sleep(0.3)
    for job in jobs.values():
        job["listed"] = next(j for j in listed["finished"] if j["id"] == job["id"])
        job["status"] = scrapyd.get("status.json", job=job["id"])
        job["log"] = scrapyd.logs_dir / PROJECT / "news" / f"{job['id']}.log"
    return deployed, jobs


def job_log(job) -> str:
    assert job["log"].is_file(), f"no log for job {job['id']}"
    text = job["log"].read_text(encoding="utf-8")
    assert "bad argument" not in text, (
        "the spider refused Scrapyd's command line (Scrapyd adds -a _job=<id> to every job):\n"
        + "\n".join(line for line in text.splitlines() if "bad argument" in line))
    return text


def test_egg_deploys_with_its_settings_entry_point(scrapyd, jobs):
    deployed, _ = jobs
    assert deployed["project"] == PROJECT and deployed["spiders"] == 1
    assert scrapyd.get("listprojects.json")["projects"] == [PROJECT]
    assert scrapyd.get("listspiders.json", project=PROJECT)["spiders"] == ["news"]
    # The crawls import the uploaded egg, not the working tree (the venv holds an editable install).
    probe = subprocess.run(
        [sys.executable, "-c",
         "import os, sys\n"
         "from scrapyd.runner import project_environment\n"
         f"with project_environment({PROJECT!r}):\n"
         "    import crawler.spiders.news\n"
         "    print(crawler.spiders.news.__file__)\n"
         "    print(os.environ['SCRAPY_SETTINGS_MODULE'])\n"],
        cwd=scrapyd.workdir, env={**clean_env(), "SCRAPY_PROJECT": PROJECT},
        capture_output=True, text=True, timeout=60)
    assert probe.returncode == 0, probe.stderr[-2000:]
    module_file, settings_module = probe.stdout.split()
    assert module_file.startswith(str(scrapyd.workdir / "eggs" / PROJECT)), module_file
    assert settings_module == "crawler.settings"


def test_scheduled_crawl_archives_every_article_once(jobs, validate_record):
    _, by_name = jobs
    job = by_name["ok"]
    log = job_log(job)
    assert "verdict: ok" in log
    records = read_archive(job["archive"])
    for _, record in records:
        validate_record(record)
        assert record["url"].startswith(job["base_url"] + "/")
    counts = Counter(urlsplit(r["url"]).path for _, r in records)
    assert set(counts) == {a["path"] for a in expected_articles("wasila")}
    assert all(n == 1 for n in counts.values()), counts
    report_path = job["archive"] / ".jobs" / f"{job['id']}.json"
    assert report_path.is_file(), sorted(p.name for p in (job["archive"] / ".jobs").glob("*"))
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["verdict"] == "ok", report["reasons"]
    assert report["written"] == len(expected_articles("wasila"))


def test_failed_crawl_shows_in_scrapyd_log_not_in_listjobs(scrapyd, jobs):
    _, by_name = jobs
    ok, failed = by_name["ok"], by_name["failed"]
    lines = job_log(failed).splitlines()
    # The verdict is the crawl's last word; Scrapy then dumps its stats and closes the spider.
    verdicts = [line for line in lines if "verdict: " in line]
    assert verdicts and "ERROR: verdict: failed" in verdicts[-1], verdicts
    assert "no articles ever archived" in verdicts[-1]
    assert lines[-1].endswith("Spider closed (finished)")
    # The same log over HTTP, where listjobs points.
    assert failed["listed"]["log_url"] == f"/logs/{PROJECT}/news/{failed['id']}.log"
    served = requests.get(scrapyd.url + failed["listed"]["log_url"].lstrip("/"), timeout=30)
    assert served.status_code == 200 and "verdict: failed" in served.text
    # Scrapyd's API: exactly like the good job, "finished", no exit status anywhere.
    for job in (ok, failed):
        assert job["status"]["currstate"] == "finished"
        assert set(job["listed"]) == {"id", "project", "spider", "start_time", "end_time",
                                      "log_url", "items_url"}
        assert job["listed"]["items_url"] is None  # items_dir is empty: records go to ARCHIVE_DIR
    # Scrapyd's own log is the only place that tells the exit status of the process.
    output = scrapyd.output()
    assert f"Process died: exitstatus=1 project={PROJECT!r} spider='news' job={failed['id']!r}" in output
    assert f"Process finished: project={PROJECT!r} spider='news' job={ok['id']!r}" in output
