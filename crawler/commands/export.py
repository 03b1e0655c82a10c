"""`scrapy export ARCHIVE_DIR --out DIR --format parquet`: the archive in an analyst's format.

One file per source (``DIR/<source>.parquet``), written by
``newsarchive.handoff.parquet.export_parquet`` in bounded memory. Exit status: 0
written, 1 an archive line that cannot be exported faithfully, 2 usage
(missing archive, unknown source, bad option), each with one line on stderr.
"""

from __future__ import annotations

import sys

from scrapy.commands import ScrapyCommand

FORMATS = ("parquet",)


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "ARCHIVE_DIR --out DIR --format parquet [--source S ...] [--latest-only]"

    def short_desc(self) -> str:
        return "Export an archive to Parquet, one file per source"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--out", metavar="DIR", help="output folder (created if missing)")
        parser.add_argument("--format", dest="export_format", metavar="FORMAT",
                            help=f"output format: {', '.join(FORMATS)}")
        parser.add_argument("--source", action="append", default=[], metavar="S",
                            help="export only this source (repeatable, or comma-separated)")
        parser.add_argument("--latest-only", action="store_true",
                            help="keep only the highest version of each id")

    def _fail(self, message: str, status: int) -> None:
        print(f"error: export: {message}", file=sys.stderr)
        self.exitcode = status

    def run(self, args: list[str], opts) -> None:
        if len(args) != 1:
            return self._fail("give exactly one ARCHIVE_DIR", 2)
        if not opts.out:
            return self._fail("--out DIR is required", 2)
        if opts.export_format not in FORMATS:
            return self._fail(f"--format must be one of: {', '.join(FORMATS)} (got {opts.export_format!r})", 2)
        try:
            from newsarchive.handoff.parquet import ExportError, ExportRequestError, export_parquet

        except ImportError as exc:
            return self._fail(f"{exc.name or exc} is not installed (pip install -e .)", 1)

        sources = [s.strip() for value in opts.source for s in value.split(",") if s.strip()]
        try:
            counts = export_parquet(args[0], opts.out, sources=sources or None,
                                    latest_only=opts.latest_only,
                                    report=lambda note: print(f"warning: {note}", file=sys.stderr))
        except ExportError as exc:
            return self._fail(str(exc), 2 if isinstance(exc, ExportRequestError) else 1)
        if not counts:
            print(f"{args[0]}: no sources, nothing written", file=sys.stderr)
        for source, rows in counts.items():
            print(f"{source}: {rows} rows -> {opts.out.rstrip('/')}/{source}.parquet")
