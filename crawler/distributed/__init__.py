"""Distributed crawling on Redis (scrapy-redis): one frontier and one dedupe state for many hosts.

``-s REDIS_URL=redis://…`` switches a crawl over (``addon.Distributed``);
without it nothing here is loaded and a crawl needs no Redis.

- ``scheduler.LeasingScheduler``: scrapy-redis's scheduler on a *round*'s
  queue and seen-set (``keys.RoundKeys``), with requests leased, not popped:
  a request stays in its worker's lease until the engine is done with it
  (downloaded, parsed, its items through the pipelines), and a worker whose
  heartbeat stops has its leases put back in the queue by the others.
- ``dupefilter.FingerprintDupeFilter``: scrapy-redis's seen-set keyed on
  our request fingerprinter (the archive's URL identity).
- ``state.RedisDedupeState``: the article-level dedupe state shared by all
  workers (ids, URL keys, fingerprints, versions), each worker keeping its
  own archive folder and local SQLite state; an article is claimed in Redis
  before it is written, so one worker writes it.
"""
