"""Packing memory: `scrapy pack` on a synthetic ~1 GB archive, peak RSS sampled.

Generates an archive of realistic records (Arabic bodies of a few kB written
with newsarchive.record.format.to_line, several sources, a year of days, one
oversized day file, a job report per source) in a temporary folder (or
--dir, kept), packs it with `scrapy pack` in a subprocess while sampling the
subprocess's resident memory (/proc/PID/status VmHWM, and the kernel's
ru_maxrss for it once it has exited), and prints the figures. With --verify
it also times `scrapy verify` on the pack.

Usage: .venv/bin/python bench/pack_memory.py [--mb 1024] [--dir DIR] [--format tar.gz] [--verify]
Ends with: pack_memory: archive_mb=… peak_rss_mb=… seconds=…
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsarchive.record.format import to_line  # noqa: E402

WORDS = ("الحكومة الرئيس المدينة مجلس الأمن القصف المدنيين النزوح الحدود التركية الروسية "
         "الاتفاق المفاوضات الجولة الدولية المنظمة الإنسانية المساعدات الغذائية الأطفال "
         "النساء المستشفى الطبية الفرق الدفاع المدني الضحايا الأنقاض الاقتصاد الليرة "
         "الأسعار الأسواق الكهرباء الوقود الشتاء المخيمات اللاجئين العودة الانتخابات "
         "البرلمان الوزير المتحدث الرسمي المصادر المحلية الناشطون التقرير الأسبوع الماضي "
         "اليوم أمس غدا خلال بعد قبل حيث كما أن إلى على من في عن مع هذه هذا التي الذي").split()
SECTIONS = ("أخبار سوريا", "سياسة", "اقتصاد", "تقارير", "منوعات", "رياضة")
TAGS = ("إدلب", "حلب", "دمشق", "درعا", "تركيا", "روسيا", "إيران", "الأمم المتحدة", "النزوح")


def make_record(rng: random.Random, source: str, day: date, n: int) -> dict:
    url = f"https://{source}.example/{day:%Y/%m/%d}/article-{n}/"
    paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(25, 90)))
                  for _ in range(rng.randint(4, 12))]
    published = datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59),
                         tzinfo=timezone.utc)
    crawled = published + timedelta(hours=rng.randint(1, 30))
    return {
        "id": hashlib.sha256(url.encode()).hexdigest()[:24],
        "source": source,
        "url": url,
        "title": " ".join(rng.choices(WORDS, k=rng.randint(6, 14))),
        "body": "\n\n".join(paragraphs),
        "related": [{"url": f"https://{source}.example/related/{rng.randint(1, 10**6)}/",
                     "title": " ".join(rng.choices(WORDS, k=8))} for _ in range(rng.randint(0, 4))],
        "published_at": published.isoformat(timespec="seconds"),
        "modified_at": (published + timedelta(minutes=rng.randint(5, 300))).isoformat(timespec="seconds")
        if rng.random() < 0.6 else None,
        "authors": rng.sample(["أحمد العلي", "سارة حسن", "محمد الخطيب", "ليلى يوسف"], rng.randint(0, 2)),
        "section": rng.choice(SECTIONS),
        "tags": rng.sample(TAGS, rng.randint(0, 4)),
        "language": "ar",
        "crawled_at": crawled.isoformat(timespec="seconds"),
        "duplicate_of": None,
        "version": 1,
        "warc": None,
    }


def generate(root: Path, target_bytes: int, sources: int, days: int, seed: int = 7) -> tuple[int, int, int]:
    """Day files until ``target_bytes``; one day of the first source is ~12% of the archive."""
    rng = random.Random(seed)
    names = [f"source{i}" for i in range(sources)]
    first = date(2025, 1, 1)
    per_file = max(1, target_bytes // (sources * days))
    written = records = files = 0
    big_day = first + timedelta(days=days // 2)
    started = datetime.now(timezone.utc)
    while written < target_bytes:
        for offset in range(days):
            day = first + timedelta(days=offset)
            for name in names:
                budget = per_file
                if name == names[0] and day == big_day:
                    budget = target_bytes // 8
                path = root / name / f"{day.isoformat()}.jsonl"
                path.parent.mkdir(parents=True, exist_ok=True)
                new = not path.exists()
                size = 0
                with open(path, "ab", buffering=1 << 20) as fh:  # streamed: the bench stays small
                    while size < budget:
                        line = to_line(make_record(rng, name, day, records))
                        fh.write(line)
                        size += len(line)
                        records += 1
                files += new
                written += size
                if written >= target_bytes:
                    break
            if written >= target_bytes:
                break
    jobs = root / ".jobs"
    jobs.mkdir(exist_ok=True)
    for name in names:
        report = {"job_id": f"bench-{name}", "spider": "news", "started_at": started.isoformat(timespec="seconds"),
                  "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                  "finish_reason": "finished", "arguments": {"url": f"https://{name}.example/"},
                  "settings": {"ARCHIVE_DIR": str(root)}, "verdict": "ok", "reasons": [], "warnings": [],
                  "sources": {name: {"written": 0, "written_by_day": {
                      (first + timedelta(days=d)).isoformat(): 1 for d in range(days)}}}}
        (jobs / f"bench-{name}.json").write_text(json.dumps(report), encoding="utf-8")
    return written, records, files


def run_measured(cmd: list[str]) -> tuple[int, float, float, str]:
    """(exit status, seconds, peak RSS in MB, stdout+stderr) of one subprocess.

    The peak is the larger of the sampled VmHWM (the process's own high-water
    mark, read every 20 ms) and the ru_maxrss that wait4() reports for it.
    The latter also counts this (small) bench process's image the child was
    forked from, so it can only overstate.
    """
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.monotonic()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        peak_kb = 0
        status = Path(f"/proc/{proc.pid}/status")
        while True:
            try:
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak_kb = max(peak_kb, int(line.split()[1]))
            except (OSError, ValueError):
                pass
            pid, wait_status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.02)
        seconds = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
        peak_kb = max(peak_kb, usage.ru_maxrss)  # kB on Linux
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    return proc.returncode, seconds, peak_kb / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=1024, help="archive size to generate (default 1024)")
    parser.add_argument("--dir", type=Path, help="generate here and keep it (reused when it has day files)")
    parser.add_argument("--sources", type=int, default=5)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--format", default="tar.gz", choices=("tar.gz", "zip", "dir"))
    parser.add_argument("--verify", action="store_true", help="also time `scrapy verify` on the pack")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pack-bench-"))
    archive = args.dir or work / "archive"
    try:
        if archive.is_dir() and any(archive.glob("*/*.jsonl")):
            print(f"reusing the archive in {archive}")
        else:
            t0 = time.monotonic()
            archive.mkdir(parents=True, exist_ok=True)
            size, records, files = generate(archive, args.mb * 1024 * 1024, args.sources, args.days)
            print(f"generated {size / 2**20:.0f} MB, {records} records, {files} day files "
                  f"in {time.monotonic() - t0:.0f} s: {archive}")
        archive_bytes = sum(p.stat().st_size for p in archive.glob("*/*.jsonl"))
        biggest = max(p.stat().st_size for p in archive.glob("*/*.jsonl"))
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"(this bench process: peak RSS {own:.0f} MB)")
        out = work / {"tar.gz": "pack.tar.gz", "zip": "pack.zip", "dir": "pack"}[args.format]
        cmd = [sys.executable, "-m", "scrapy", "pack", str(archive), "--out", str(out), "--format", args.format]
        code, seconds, peak, output = run_measured(cmd)
        print(output.strip())
        if code != 0:
            raise SystemExit(f"scrapy pack exited {code}")
        pack_bytes = (sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
                      if out.is_dir() else out.stat().st_size)
        print(f"pack: {archive_bytes / 2**20:.0f} MB archive (largest day file {biggest / 2**20:.0f} MB) "
              f"-> {pack_bytes / 2**20:.0f} MB {args.format} in {seconds:.1f} s, "
              f"{archive_bytes / 2**20 / seconds:.0f} MB/s; peak RSS {peak:.0f} MB")
        if args.verify:
            code, vseconds, vpeak, voutput = run_measured(
                [sys.executable, "-m", "scrapy", "verify", str(out)])
            summary = voutput.strip().splitlines()[-1]
            print(summary)
            found = re.search(r"(\d+) records", summary)
            lines = int(found.group(1)) if found else 0
            print(f"verify: exit {code} in {vseconds:.1f} s ({lines / vseconds:.0f} lines/s), "
                  f"peak RSS at most {vpeak:.0f} MB")
        print(f"pack_memory: archive_mb={archive_bytes / 2**20:.0f} peak_rss_mb={peak:.0f} seconds={seconds:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
