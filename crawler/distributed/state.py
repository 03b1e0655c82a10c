"""The article-level dedupe state of a distributed crawl: what every worker archived, in Redis.

Each worker writes its own ``ARCHIVE_DIR`` (its own disk) and keeps its own
SQLite state there (``SqliteDedupeState``: its lines, learned boilerplate,
crash recovery). Redis holds what all of them archived, under
``ArchiveKeys`` — hashes, so a million articles are a few keys, not millions:

- ``ids``: id → "version exact" of its latest line;
- ``urls``: URL key → "id<TAB>version<TAB>lastmod";
- ``exact``: exact fingerprint → ids (space-separated, in archive order);
- ``bands``: LSH band key → ids; ``sigs``: id → MinHash signature;
  ``stories``: id → "source<TAB>crawled_at"; ``sources``: source → ids;
- ``synced``: per local state (its ``uid``), the last of its lines registered.

Every question (``knows``, ``find_story``, ``latest_version``…) is asked of
Redis, so a worker knows what the others wrote. A commit first *claims* the
article — its id, URL keys, exact fingerprint and band keys, ``SET NX``
with a TTL of ``NEWS_REDIS_CLAIM_TTL`` seconds, all or none in one Lua step —
then checks again (archived meanwhile? the same story from the same source,
or from another, which it then names in ``duplicate_of``), writes the line locally, registers it (one idempotent Lua step) and
releases the claim. A claim held by another worker makes the commit raise
``ClaimHeld``; the archive pipeline waits and tries again, so an article
claimed by a worker that died before writing it is written by another once
the claim expires. A worker killed between its line and the registration
registers the line when it starts again (its local state catches up on the
line, and every line past ``synced`` is registered at open).

Limits: learned boilerplate is learned per worker, from its own articles;
``archived_record`` (the refresh check of a line that differs only by learned
boilerplate) sees only the worker's own lines.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Mapping

import numpy as np

from crawler import defaults
from crawler.distributed import connection
from crawler.distributed.keys import ArchiveKeys
from newsarchive.store import statedb
from newsarchive.store.state import ClaimHeld, SqliteDedupeState, Story
from newsarchive.text import fingerprint

logger = logging.getLogger(__name__)

_CLAIM = """
for _, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if owner and owner ~= ARGV[1] then return {key, redis.call('PTTL', key)} end
end
for _, key in ipairs(KEYS) do redis.call('SET', key, ARGV[1], 'PX', ARGV[2]) end
return false
"""

_RELEASE = """
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return true
"""

#: Register one archived line; idempotent (a line registered twice changes nothing).
#: KEYS: ids urls exact bands sigs stories sources synced, then claim keys to release.
#: ARGV: worker id version exact source crawled lastmod sig uid n nbands bands... nurls urls...
_REGISTER = """
local worker, id, version, exact = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local source, crawled, lastmod, sig, uid, n = ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], tonumber(ARGV[10])
local function append(hash, field)
  local ids = redis.call('HGET', hash, field)
  if not ids then redis.call('HSET', hash, field, id)
  elseif not string.find(' ' .. ids .. ' ', ' ' .. id .. ' ', 1, true) then
    redis.call('HSET', hash, field, ids .. ' ' .. id)
  end
end
local held = redis.call('HGET', KEYS[1], id)
if not held then
  redis.call('HINCRBY', KEYS[7], source, 1)
  redis.call('HSET', KEYS[6], id, source .. '\\t' .. crawled)
end
if not held or tonumber(string.match(held, '^(%d+)')) < version then
  redis.call('HSET', KEYS[1], id, version .. ' ' .. exact)
  if sig ~= '' then redis.call('HSET', KEYS[5], id, sig) end
end
append(KEYS[3], exact)
local i = 11
local nbands = tonumber(ARGV[i]); i = i + 1
for _ = 1, nbands do append(KEYS[4], ARGV[i]); i = i + 1 end
local nurls = tonumber(ARGV[i]); i = i + 1
for _ = 1, nurls do
  local key = ARGV[i]; i = i + 1
  local at = redis.call('HGET', KEYS[2], key)
  if not at or tonumber(string.match(at, '\\t(%d+)\\t')) <= version then
    redis.call('HSET', KEYS[2], key, id .. '\\t' .. version .. '\\t' .. lastmod)
  end
end
if n > 0 then
  local synced = tonumber(redis.call('HGET', KEYS[8], uid) or '0')
  if synced == n - 1 then redis.call('HSET', KEYS[8], uid, n) end
end
for k = 9, #KEYS do
  if redis.call('GET', KEYS[k]) == worker then redis.call('DEL', KEYS[k]) end
end
return held and 0 or 1
"""


class RedisDedupeState:
    """``DedupeState`` shared by the workers of a distributed crawl (see the module's docstring)."""

    def __init__(self, local: SqliteDedupeState, server, *, prefix: str = "news",
                 claim_ttl: float = 30.0, stats=None):
        self.local = local
        self.policy = local.policy
        self.paragraphs = local.paragraphs
        self.server = server
        self.keys = ArchiveKeys(prefix)
        self.claim_ttl = claim_ttl
        self.stats = stats
        self.worker = connection.worker_id()
        self._claim = server.register_script(_CLAIM)
        self._release = server.register_script(_RELEASE)
        self._register = server.register_script(_REGISTER)
        self._split = fingerprint.split_of(self.policy.lsh)
        self._closed_counts: dict[str, int] | None = None
        self.uid = _local_uid(local.db)
        self.sync()
        (self._opened_at,) = local.db.execute("SELECT coalesce(max(n), 0) FROM records").fetchone()

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(SqliteDedupeState.from_crawler(crawler), connection.client_for(crawler),
                   prefix=defaults.get(settings, "NEWS_REDIS_PREFIX"),
                   claim_ttl=defaults.get(settings, "NEWS_REDIS_CLAIM_TTL"),
                   stats=crawler.stats)

    # -- questions -------------------------------------------------------------------
    def knows(self, record_id: str, url_keys: list[str]) -> bool:
        with self.server.pipeline(transaction=False) as pipe:
            pipe.hexists(self.keys.ids, record_id)
            if url_keys:
                pipe.hmget(self.keys.urls, list(url_keys))
            found = pipe.execute()
        return bool(found[0]) or (len(found) > 1 and any(v is not None for v in found[1]))

    def knows_url(self, url_key: str) -> bool:
        return bool(self.server.hexists(self.keys.urls, url_key))

    def held(self, url_key: str) -> tuple[str, str | None, int] | None:
        value = self.server.hget(self.keys.urls, url_key)
        if value is None:
            return None
        record_id, version, lastmod = value.decode().split("\t")
        return record_id, lastmod or None, int(version)

    outdated = SqliteDedupeState.outdated

    def latest_version(self, record_id: str) -> tuple[int, str] | None:
        value = self.server.hget(self.keys.ids, record_id)
        if value is None:
            return None
        version, exact = value.decode().split(" ")
        return int(version), exact

    def archived_record(self, record_id: str) -> dict | None:
        return self.local.archived_record(record_id)

    def find_story(self, fp, source: str | None = None) -> Story | None:
        with self.server.pipeline(transaction=False) as pipe:
            pipe.hget(self.keys.exact, fp.exact)
            near_keys = list(fp.near_keys) if fp.signature is not None else []
            if near_keys:
                pipe.hmget(self.keys.bands, near_keys)
            found = pipe.execute()
        exact_ids = found[0].decode().split() if found[0] else []
        near_ids = list(dict.fromkeys(i for v in (found[1] if near_keys else []) if v
                                      for i in v.decode().split()))
        stories = self._stories([*exact_ids, *near_ids])
        # Among equals, the earliest archived: by crawled_at, then by archive order.
        exact = [stories[i] for _, _, i in sorted((stories[i][1], n, i) for n, i in enumerate(exact_ids)
                                                  if i in stories)]
        for story, _ in exact:
            if story.source == source:
                return story
        near = []
        if near_ids:
            sigs = self.server.hmget(self.keys.sigs, near_ids)
            have = [(i, s) for i, s in zip(near_ids, sigs) if s is not None and i in stories]
            if have:
                matrix = np.frombuffer(b"".join(s for _, s in have), np.uint8).reshape(len(have), -1)
                agree = np.count_nonzero(matrix == np.frombuffer(fp.signature, np.uint8), axis=1).tolist()
                near = sorted((-a, stories[i][1], n, stories[i][0])
                              for n, (a, (i, _)) in enumerate(zip(agree, have)) if a >= self.policy.min_agree)
            for *_, story in near:
                if story.source == source:
                    return story
        if exact:
            return exact[0][0]
        return near[0][-1] if near else None

    def _stories(self, ids: list[str]) -> dict[str, tuple[Story, str]]:
        if not ids:
            return {}
        out = {}
        for record_id, value in zip(ids, self.server.hmget(self.keys.stories, ids)):
            if value is not None:
                source, crawled = value.decode().split("\t")
                out[record_id] = (Story(record_id, source), crawled)
        return out

    @property
    def records_by_source(self) -> Mapping[str, int]:
        """Archived records (distinct ids) per source, by all workers."""
        if self._closed_counts is not None:
            return self._closed_counts
        return {k.decode(): int(v) for k, v in self.server.hgetall(self.keys.sources).items() if int(v) > 0}

    # -- writing ---------------------------------------------------------------------
    def commit(self, record, url_keys, fp, write, paragraphs=(), body_paragraphs=None) -> bool:
        """Claim, check again, write locally, register, release (see the module's docstring).

        Raises ``ClaimHeld`` while another worker holds a claim on the article."""
        claims = self._claim_keys(record, url_keys, fp)
        held = self._claim(keys=claims, args=[self.worker, int(self.claim_ttl * 1000)])
        if held:
            key, ttl = held[0].decode(), int(held[1])
            raise ClaimHeld(f"claimed by another worker ({key})", max(ttl, 0) / 1000)
        try:
            version = int(record.get("version") or 1)
            if version == 1:
                # Checked again under the claim: another worker may have written this article, or
                # the same text under another URL, since the dedupe pipeline asked.
                if self.knows(record["id"], url_keys):
                    return False
                story = self.find_story(fp, record["source"])
                if story is not None and story.source == record["source"]:
                    self._count("news/redis/late_duplicates")
                    return False
                if story is not None and not record.get("duplicate_of"):
                    record["duplicate_of"] = story.id
                    self._count("news/redis/late_cross_source")
            else:
                latest = self.latest_version(record["id"])
                if latest is not None and latest[0] >= version:
                    return False
            if not self.local.commit(record, url_keys, fp, write, paragraphs, body_paragraphs):
                return False
            (n,) = self.local.db.execute("SELECT n FROM records WHERE id = ? AND version = ?",
                                         (record["id"], version)).fetchone()
            self._register_line(record["id"], version, fp.exact, record["source"], record.get("crawled_at"),
                                record.get("modified_at") or record.get("published_at"), fp.signature,
                                fp.near_keys if fp.signature is not None else (), url_keys, n, claims)
            claims = []  # the registration released them
            return True
        finally:
            if claims:
                self._release(keys=claims, args=[self.worker])

    def _claim_keys(self, record, url_keys, fp) -> list[str]:
        """Its id, URL keys, exact fingerprint and band keys: two workers holding the same
        article, or two near-duplicates of one story, commit one after the other."""
        bands = fp.near_keys if fp.signature is not None else ()
        return [self.keys.claim(f"id:{record['id']}"), self.keys.claim(f"exact:{fp.exact}"),
                *(self.keys.claim(f"url:{k}") for k in url_keys), *(self.keys.claim(f"band:{b}") for b in bands)]

    def _count(self, name: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(name)

    def _register_line(self, record_id, version, exact, source, crawled, lastmod, signature, bands,
                       url_keys, n, claims=(), client=None) -> None:
        self._register(
            keys=[self.keys.ids, self.keys.urls, self.keys.exact, self.keys.bands, self.keys.sigs,
                  self.keys.stories, self.keys.sources, self.keys.synced, *claims],
            args=[self.worker, record_id, version, exact, source, crawled or "", lastmod or "",
                  signature or b"", self.uid, n, len(bands), *bands, len(url_keys), *url_keys],
            client=client)

    def sync(self, batch: int = 1000, since_start: bool = False) -> int:
        """Register every local line past ``synced`` (a crash gap, an archive crawled before Redis);
        ``since_start``: also the lines of this crawl (Redis restarted and may have lost them)."""
        raw = self.server.hget(self.keys.synced, self.uid)
        start = int(raw) if raw else 0
        if since_start:
            start = min(start, self._opened_at)
        (last,) = self.local.db.execute("SELECT coalesce(max(n), 0) FROM records").fetchone()
        if last <= start:
            return 0
        began = time.monotonic()
        keys: dict[str, list[str]] = {}
        ids = {i for (i,) in self.local.db.execute("SELECT id FROM records WHERE n > ?", (start,))}
        for key, record_id in self.local.db.execute("SELECT key, id FROM keys"):
            if record_id in ids:
                keys.setdefault(record_id, []).append(key)
        rows = self.local.db.execute(
            "SELECT n, id, version, source, crawled, lastmod, exact, sig FROM records WHERE n > ? ORDER BY n",
            (start,))
        done = 0
        while chunk := rows.fetchmany(batch):
            with self.server.pipeline(transaction=False) as pipe:
                for n, record_id, version, source, crawled, lastmod, exact, sig in chunk:
                    bands = fingerprint.band_keys(sig, *self._split) if sig is not None else ()
                    self._register_line(record_id, version, exact, source, crawled, lastmod, sig, bands,
                                        keys.get(record_id, []), 0, client=pipe)
                pipe.execute()
            done += len(chunk)
        self.server.hset(self.keys.synced, self.uid, last)
        logger.info("dedupe state: %d line(s) of %s registered in Redis in %.1f s",
                    done, self.local.archive_dir, time.monotonic() - began)
        if self.stats is not None:
            self.stats.inc_value("news/redis/registered_at_open", done)
        return done

    def close(self) -> None:
        if self._closed_counts is None:
            try:
                self._closed_counts = dict(self.records_by_source)
            except Exception as exc:  # Redis gone at the end: the local counts still say something
                logger.warning("dedupe state: Redis: %s", exc)
                self._closed_counts = dict(self.local.records_by_source)
        self.local.close()


def _local_uid(db) -> str:
    """The local state's own name (``meta.uid``): a rebuilt state is a new one, registered afresh."""
    uid = statedb.get_meta(db, "uid")
    if uid is None:
        with statedb.immediate(db):
            uid = statedb.get_meta(db, "uid")
            if uid is None:
                uid = uuid.uuid4().hex
                statedb.set_meta(db, "uid", uid)
    return uid
