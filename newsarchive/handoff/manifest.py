"""manifest.json: what a pack holds and where its records came from.

Shape (``manifest_version`` 1)::

    {
      "manifest_version": 1,
      "created_at": "…",                       # when the pack was made (UTC)
      "crawler": {"name", "version", "git_commit"},
      "schema": {"path": "schema.json", "version": 1, "id": "urn:…", "sha256", "bytes"},
      "archive": {"path": "/data/archive"},
      "filters": {"sources", "since", "until", "crawled_since", "format", "compress_files"},
      "files": [{"path": "data/<source>/<day>.jsonl", "source", "day", "compression",
                 "sha256", "bytes", "records", "first_published_at", "last_published_at",
                 "lines": {"path": "index/<source>/<day>.lines", "sha256", "bytes"}}],
      "raw": [{"path": "raw/….warc.gz", "sha256", "bytes", "records"}],
      "raw_missing": [{"path": "raw/….warc.gz", "records"}],
      "documents": [{"path": "DATASHEET.md", "sha256", "bytes"}],
      "totals": {"files", "records", "bytes",
                 "by_source": {"<source>": {"files", "records", "bytes", "first_day", "last_day",
                                            "first_published_at", "last_published_at"}},
                 "by_day": {"<day>": records}},
      "jobs": [{"job_id", "spider", "started_at", "finished_at", "finish_reason", "arguments",
                "settings", "verdict", "reasons", "warnings", "written": {"<source>": {"<day>": n}}}]
    }

``sha256``/``bytes`` describe a member exactly as stored (the .gz for a
compressed file); ``records`` counts its lines.
"""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from datetime import datetime
from pathlib import Path

from newsarchive.handoff.layout import MANIFEST_VERSION
from newsarchive.handoff.tally import instant

REPO = Path(__file__).resolve().parents[2]
PROJECT_NAME = "regional-news-archive"
#: Setting names whose values are not handed out (proxy passwords, API keys…).
_SECRET_RE = re.compile(r"PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|CREDENTIAL|AUTH", re.I)
_URL_PASSWORD_RE = re.compile(r"(?<=://)([^/@:\s]+):([^/@\s]+)@")


def crawler_info() -> dict:
    """Name, version (pyproject.toml) and git commit (when the code is a checkout)."""
    version = None
    try:
        project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        version = project.get("version")
    except (OSError, ValueError, KeyError):
        pass
    if version is None:
        try:
            from importlib.metadata import version as dist_version

            version = dist_version(PROJECT_NAME)
        except Exception:  # noqa: BLE001 - not installed: no version to give
            version = None
    commit = None
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True,
                              text=True, timeout=10)
        if done.returncode == 0 and re.fullmatch(r"[0-9a-f]{40,64}", done.stdout.strip()):
            commit = done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return {"name": PROJECT_NAME, "version": version, "git_commit": commit}


def redact(settings: dict) -> dict:
    out = {}
    for name, value in (settings or {}).items():
        if _SECRET_RE.search(str(name)):
            out[name] = "<redacted>"
        elif isinstance(value, str):
            out[name] = _URL_PASSWORD_RE.sub(r"\1:<redacted>@", value)
        else:
            out[name] = value
    return out


def read_jobs(archive_dir: Path) -> list[dict]:
    """Every readable job report of the archive (``.jobs/*.json``)."""
    jobs = []
    for path in sorted((Path(archive_dir) / ".jobs").glob("*.json")):
        if path.name.startswith("."):
            continue
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(report, dict):
            jobs.append(report)
    return jobs


def select_jobs(reports: list[dict], packed: dict[str, set[str]],
                crawled_since: datetime | None) -> list[dict]:
    """The crawls that wrote records into the packed (source, day) files.

    ``packed`` maps each source to its packed days. With ``crawled_since``, a
    crawl that finished before that moment cannot have written a packed line.
    """
    out = []
    for report in reports:
        written = {}
        for source, info in (report.get("sources") or {}).items():
            if source not in packed or not isinstance(info, dict):
                continue
            days = {day: n for day, n in (info.get("written_by_day") or {}).items()
                    if day in packed[source] and isinstance(n, int) and n > 0}
            if days:
                written[source] = dict(sorted(days.items()))
        if not written:
            continue
        if crawled_since is not None:
            finished = instant(report.get("finished_at"))
            if finished is not None and finished < crawled_since:
                continue
        out.append({
            "job_id": report.get("job_id"),
            "spider": report.get("spider"),
            "started_at": report.get("started_at"),
            "finished_at": report.get("finished_at"),
            "finish_reason": report.get("finish_reason"),
            "arguments": report.get("arguments") or {},
            "settings": redact(report.get("settings") or {}),
            "verdict": report.get("verdict"),
            "reasons": report.get("reasons") or [],
            "warnings": report.get("warnings") or [],
            "written": written,
        })
    out.sort(key=lambda j: (j.get("started_at") or "", j.get("job_id") or ""))
    return out


def totals(files: list[dict]) -> dict:
    by_source: dict[str, dict] = {}
    by_day: dict[str, int] = {}
    for entry in files:
        src = by_source.setdefault(entry["source"], {
            "files": 0, "records": 0, "bytes": 0, "first_day": None, "last_day": None,
            "first_published_at": None, "last_published_at": None})
        src["files"] += 1
        src["records"] += entry["records"]
        src["bytes"] += entry["bytes"]
        day = entry["day"]
        src["first_day"] = min(filter(None, [src["first_day"], day]))
        src["last_day"] = max(filter(None, [src["last_day"], day]))
        for key, pick in (("first_published_at", min), ("last_published_at", max)):
            candidates = [v for v in (src[key], entry[key]) if instant(v) is not None]
            src[key] = pick(candidates, key=instant) if candidates else None
        by_day[day] = by_day.get(day, 0) + entry["records"]
    return {
        "files": len(files),
        "records": sum(e["records"] for e in files),
        "bytes": sum(e["bytes"] for e in files),
        "by_source": dict(sorted(by_source.items())),
        "by_day": dict(sorted(by_day.items())),
    }


def build(*, created_at: str, crawler: dict, schema: dict, schema_member: dict, archive_dir: Path,
          filters: dict, files: list[dict], raw: list[dict], raw_missing: list[dict],
          documents: list[dict], jobs: list[dict]) -> dict:
    return {
        "manifest_version": MANIFEST_VERSION,
        "created_at": created_at,
        "crawler": crawler,
        "schema": {"path": schema_member["path"], "version": schema.get("properties", {})
                   .get("schema_version", {}).get("const"), "id": schema.get("$id"),
                   "sha256": schema_member["sha256"], "bytes": schema_member["bytes"]},
        "archive": {"path": str(archive_dir)},
        "filters": filters,
        "files": files,
        "raw": raw,
        "raw_missing": raw_missing,
        "documents": documents,
        "totals": totals(files),
        "jobs": jobs,
    }
