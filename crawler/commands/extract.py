"""`scrapy extract PATH_OR_URL`: one page through extraction and cleaning, printed as a record.

What a user runs while tuning a site profile: the same ``extract()`` and
the same clean pipeline as a crawl, on a saved page (plain or .gz) or a URL,
with ``--explain`` saying which source won each field.
"""

from __future__ import annotations

import gzip
import json
import sys
import urllib.request
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler import defaults
from newsarchive.extract.article import ExtractionError, extract
from newsarchive.extract.profiles import ProfileError, SiteProfile
from crawler.args import load_site
from newsarchive.record.urls import source_name
from crawler.pipelines.clean import CleanPipeline
from crawler.warc import read_capture
from newsarchive.text.learned import BoilerplateRule, without
from newsarchive.record.format import public, to_line
from newsarchive.record.item import new_item
from newsarchive.store.notes import LEGACY_INDEX
from newsarchive.store.state import SqliteDedupeState


def _archive_relative(path: Path) -> str:
    """raw/NAME.warc.gz, as records name their capture."""
    return f"raw/{path.name}"


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[options] <saved page (.html or .html.gz) or http(s) URL>"

    def short_desc(self) -> str:
        return "Extract one article and print its record as JSON"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the page's URL, for a saved page (default: file URI)")
        parser.add_argument("--site", help="apply the site profile crawler/sites/NAME.toml")
        parser.add_argument("--jsonl", action="store_true", help="print the record on one line")
        parser.add_argument("--explain", action="store_true",
                            help="also print the page kind and which source won each field (stderr)")
        parser.add_argument("--warc", help="re-extract from a raw capture: a .warc.gz file of the archive")
        parser.add_argument("--offset", type=int, default=None,
                            help="with --warc: the record's byte offset (the record's warc.offset)")
        parser.add_argument("--content-type", default=None,
                            help="Content-Type to assume for a saved page (default: none, sniff)")

    def run(self, args: list[str], opts) -> None:
        if len(args) != (0 if opts.warc else 1):
            raise UsageError("give exactly one saved page or URL, or --warc FILE --offset N")
        try:
            profile = load_site(opts.site) if opts.site else None
        except ProfileError as exc:
            raise UsageError(str(exc)) from None
        target = args[0] if args else ""
        if opts.warc:
            url, body, headers = self._from_warc(opts.warc, opts.offset)
        elif target.startswith(("http://", "https://")):
            url, body, headers = target, *self._fetch(target)
        else:
            path = Path(target)
            if not path.is_file():
                raise UsageError(f"no such file: {target}")
            body = path.read_bytes()
            if path.suffix == ".gz" or body[:2] == b"\x1f\x8b":
                body = gzip.decompress(body)
            url = opts.url or path.resolve().as_uri()
            headers = {"Content-Type": opts.content_type} if opts.content_type else {}
        profile = profile or SiteProfile.generic(url) if url.startswith("http") else profile
        try:
            result = extract(url, body, headers, profile=profile,
                             min_chars=defaults.get(self.settings, "NEWS_MIN_ARTICLE_CHARS"))
        except ExtractionError as exc:
            print(f"error: {exc.reason}: {exc}", file=sys.stderr)
            self.exitcode = 1
            return
        source = profile.name if profile else source_name(url) if url.startswith("http") else "local"
        item = new_item(result.fields, source=source, aliases=result.aliases,
                        boilerplate=profile.boilerplate if profile else ())
        if opts.warc:
            item["warc"] = {"file": _archive_relative(Path(opts.warc)), "offset": opts.offset}
        item = CleanPipeline().process_item(item)
        learned = self._learned_boilerplate(source)
        if learned:
            item["body"], removed = without(item["body"], learned)
            if removed and opts.explain:
                print(f"learned boilerplate of {source}: {removed} paragraph(s) removed", file=sys.stderr)
        if opts.jsonl:  # the line the archive would write, byte for byte
            sys.stdout.write(to_line(item).decode("utf-8"))
        else:
            print(json.dumps(public(item), ensure_ascii=False, indent=2))
        if opts.explain:
            kind = "article" if result.is_article else f"not an article ({result.reason})"
            if result.doubtful:
                kind += ", doubtful: it has a headline, a date and running text"
            print(f"page: {kind}; encoding: {result.encoding}", file=sys.stderr)
            print(f"page kind {result.kind.explain()}", file=sys.stderr)
            print("fields:", file=sys.stderr)
            for name, origin in result.sources.items():
                print(f"  {name:13s} {origin or '-'}", file=sys.stderr)
        if not result.is_article:
            self.exitcode = 3

    def _learned_boilerplate(self, source: str) -> frozenset[str]:
        """The source's boilerplate learned by earlier crawls into ARCHIVE_DIR, if there are any."""
        archive = Path(defaults.get(self.settings, "ARCHIVE_DIR"))
        if not any((archive / ".state" / name).is_file() for name in (SqliteDedupeState.FILE, LEGACY_INDEX)):
            return frozenset()
        state = SqliteDedupeState(archive, boilerplate=BoilerplateRule.from_settings(self.settings))
        try:
            return state.paragraphs.learned(source)
        finally:
            state.close()

    def _from_warc(self, path: str, offset: int | None) -> tuple[str, bytes, dict]:
        if offset is None:
            raise UsageError("--warc needs --offset N (the record's warc.offset)")
        try:
            return read_capture(Path(path), offset)
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot read a response at {path}@{offset}: {exc}") from None

    def _fetch(self, url: str) -> tuple[bytes, dict]:
        request = urllib.request.Request(url, headers={"User-Agent": self.settings.get("USER_AGENT")})
        limit = self.settings.getint("DOWNLOAD_MAXSIZE")
        try:
            with urllib.request.urlopen(request, timeout=self.settings.getfloat("DOWNLOAD_TIMEOUT")) as resp:
                body = resp.read(limit + 1)
                headers = dict(resp.headers.items())
                if resp.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
        except OSError as exc:
            raise UsageError(f"cannot fetch {url}: {exc}") from None
        if len(body) > limit:
            raise UsageError(f"{url} is larger than DOWNLOAD_MAXSIZE ({limit} bytes)")
        return body, headers
