"""`scrapy verify PATH`: check a pack (.tar.gz, .zip, folder) or a live archive folder.

Prints one ``file:line: what`` per problem (line 0: the whole file), then a
summary line; exits 1 when there is any problem, 0 when everything checks out.
"""

from __future__ import annotations

from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "PATH  (a pack .tar.gz/.zip/folder, or an archive folder)"

    def short_desc(self) -> str:
        return "Check a pack or an archive: checksums, counts, schema, day files, duplicate ids"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--max-problems", type=int, default=1000, metavar="N",
                            help="print at most N problems (all are counted; default 1000)")

    def run(self, args: list[str], opts) -> None:
        from newsarchive.handoff.verify import verify

        if len(args) != 1:
            raise UsageError("give exactly one pack or archive folder")
        if opts.max_problems < 0:
            raise UsageError("--max-problems must be 0 or more")
        try:
            result = verify(Path(args[0]), keep=opts.max_problems)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        for problem in result.problems:
            print(problem)
        hidden = result.problem_count - len(result.problems)
        if hidden:
            print(f"… and {hidden} more problems not shown (--max-problems)")
        print(result.summary())
        self.exitcode = 0 if result.ok else 1
