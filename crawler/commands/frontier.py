"""`scrapy frontier`: the shared frontier of a distributed crawl, or ``--clear ROUND``.

Prints, per round, the queued requests (and per source, over the first
10,000), the seen URLs, the requests leased by workers and the live workers;
then the archived articles per source. The Redis URL is shown redacted.
"""

from __future__ import annotations

import json

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler import defaults


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[--redis-url URL] [--round NAME] [--clear ROUND] [--json]"

    def short_desc(self) -> str:
        return "Show a distributed crawl's frontier on Redis (queue, seen, leases, sources), or clear a round"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--redis-url", metavar="URL", help="Redis to read (default: the REDIS_URL setting)")
        parser.add_argument("--round", metavar="NAME", help="only this round (default: every round found)")
        parser.add_argument("--clear", metavar="ROUND",
                            help="remove this round's queue, seen-set and leases (never the archived ids)")
        parser.add_argument("--json", action="store_true", help="one JSON object, for scripts")

    def run(self, args: list[str], opts) -> None:
        from crawler.distributed import frontier
        from crawler.distributed.connection import RedisUnavailable, connect, redacted

        if args:
            raise UsageError("no positional arguments")
        url = opts.redis_url or self.settings.get("REDIS_URL")
        if not url:
            raise UsageError("give --redis-url URL or set REDIS_URL")
        prefix = defaults.get(self.settings, "NEWS_REDIS_PREFIX")
        try:
            server = connect(url, defaults.get(self.settings, "REDIS_PARAMS"), retry_seconds=2)
        except RedisUnavailable as exc:
            print(f"error: {exc}")
            self.exitcode = 2
            return
        if opts.clear:
            try:
                removed = frontier.clear_round(server, prefix, opts.clear)
            except frontier.RoundBusy as exc:
                print(f"error: {exc}")
                self.exitcode = 1
                return
            print(f"round {opts.clear}: {removed} key(s) removed (archived ids kept)")
            return
        names = [opts.round] if opts.round else frontier.rounds(server, prefix)
        statuses = [frontier.round_status(server, prefix, n) for n in names]
        archived = frontier.archived_by_source(server, prefix)
        if opts.json:
            print(json.dumps({"redis": redacted(url), "rounds": [s.as_dict() for s in statuses],
                              "archived_by_source": archived}, ensure_ascii=False))
            return
        print(f"redis: {redacted(url)} (prefix {prefix})")
        if not statuses:
            print("no rounds")
        for s in statuses:
            print(f"round {s.round}: {s.queued} queued, {s.seen} seen, {s.leased} leased, "
                  f"{len(s.workers_alive)} worker(s) alive")
            for source, count in s.queued_by_source.most_common():
                more = "" if s.sampled == s.queued else f" (of the first {s.sampled})"
                print(f"  queued {source}: {count}{more}")
            for worker in s.workers_alive:
                print(f"  worker {worker}")
        print(f"archived: {sum(archived.values())} article(s)")
        for source, count in archived.items():
            print(f"  {source}: {count}")
