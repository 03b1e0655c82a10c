"""Signals of the news crawl, beside Scrapy's own (``scrapy.signals``)."""

#: A page was rejected as not an article while it carries article signals
#: (a headline, a date, running text). Sent with ``url``, ``source``,
#: ``reason``, ``score`` and ``kept`` (archived anyway, ``NEWS_KEEP_DOUBTFUL``).
page_doubtful = object()
