"""`scrapy pack [ARCHIVE_DIR] --out PATH`: one deliverable for researchers.

Selected day files (by source, publication day, crawl time) go under
``data/``, with ``manifest.json`` (checksums, counts, the crawls behind the
records), ``schema.json``, a generated ``DATASHEET.md`` and the referenced raw
captures. See newsarchive/handoff/ and the README section "Handing an archive
to researchers".
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timezone
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler import defaults


def _day(text: str, option: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option}: expected YYYY-MM-DD, got {text!r}") from None


def _moment(text: str) -> datetime:
    """ISO 8601 date or date-time; without an offset it is UTC."""
    try:
        moment = (datetime.combine(date.fromisoformat(text), datetime.min.time())
                  if len(text) == 10 else datetime.fromisoformat(text))
    except ValueError:
        raise UsageError(f"--crawled-since: expected an ISO 8601 timestamp such as "
                         f"2026-11-01T00:00:00+00:00, got {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[ARCHIVE_DIR] --out PATH [options]"

    def short_desc(self) -> str:
        return "Pack an archive (or part of it) with manifest, schema and datasheet for researchers"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--out", metavar="PATH", help="the pack to write (.tar.gz, .zip, or a folder with --format dir)")
        parser.add_argument("--source", action="append", default=[], metavar="SOURCE",
                            help="only this source (repeatable; default: all)")
        parser.add_argument("--since", metavar="YYYY-MM-DD", help="only day files from this publication day on")
        parser.add_argument("--until", metavar="YYYY-MM-DD", help="only day files up to this publication day")
        parser.add_argument("--crawled-since", metavar="TIMESTAMP",
                            help="only records with crawled_at at or after this ISO 8601 time (incremental delivery)")
        parser.add_argument("--format", choices=("tar.gz", "zip", "dir"), default=None,
                            help="default: from the --out name")
        parser.add_argument("--compress-files", action="store_true",
                            help="gzip each day file inside the pack (data/<source>/<day>.jsonl.gz)")
        parser.add_argument("--force", action="store_true", help="replace an existing pack at --out")

    def run(self, args: list[str], opts) -> None:
        from newsarchive.handoff.pack import PackError, Selection, pack

        if len(args) > 1:
            raise UsageError("give at most one archive folder")
        if not opts.out:
            raise UsageError("--out PATH is required")
        archive = Path(args[0] if args else defaults.get(self.settings, "ARCHIVE_DIR"))
        selection = Selection(
            sources=tuple(dict.fromkeys(opts.source)),
            since=_day(opts.since, "--since") if opts.since else None,
            until=_day(opts.until, "--until") if opts.until else None,
            crawled_since=_moment(opts.crawled_since) if opts.crawled_since else None,
        )
        if selection.since and selection.until and selection.since > selection.until:
            raise UsageError("--since is after --until")
        try:
            result = pack(archive, Path(opts.out), fmt=opts.format, selection=selection,
                          compress_files=opts.compress_files, force=opts.force)
        except PackError as exc:
            raise UsageError(str(exc)) from None
        except OSError as exc:  # a file vanished or shrank, a full disk…: nothing was left behind
            print(f"error: {exc}", file=sys.stderr)
            self.exitcode = 1
            return
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        totals = result.manifest["totals"]
        size = _size(result.path)
        print(f"packed {_n(totals['records'], 'record')} from {_n(len(totals['by_source']), 'source')} "
              f"({_n(totals['files'], 'day file')}, {_n(len(result.manifest['raw']), 'raw file')}, "
              f"{_n(len(result.manifest['jobs']), 'crawl job')}) into {result.path} "
              f"({result.manifest['filters']['format']}, {_human(size)})")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _human(size: int) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return str(size)


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size
