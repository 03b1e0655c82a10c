"""Article extraction as a plain function of (url, body bytes, headers).

The entry point is ``newsarchive.extract.article.extract``; submodules are
kept importable on their own (dates, decode) so they stay cheap to reuse.
"""
