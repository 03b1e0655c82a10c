"""The archive's library, in the order of the flow (see ARCHITECTURE.md).

``record`` → ``text`` → ``extract`` → ``discover`` → ``store`` → ``handoff``:
each package imports only the ones before it. The Scrapy project that runs
them (spider, middlewares, pipelines, extensions, commands) is ``crawler``.
"""
