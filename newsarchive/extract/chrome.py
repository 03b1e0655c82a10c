"""Page chrome: header, menus, tickers, sidebars, banners, comments and footer around a story.

Field finders skip what sits in chrome (the header bar prints today's date,
menus hold headline-like links). Themes name their blocks by class or id
tokens; a token is chrome when it names one of those blocks, alone or with a
short theme prefix ("td-header-wrap", "jeg_navbar", "site-footer"), but not
when it is the story's own part ("article-header", "entry-header",
"post-header": the headline, date and byline live there).
"""

from __future__ import annotations

import re

_CHROME_TAGS = frozenset({"nav", "footer", "aside", "marquee"})
_CHROME_TOKEN = re.compile(
    r"^([a-z]{1,4}[-_])?(site|main|page|top|global|sticky|mobile)?[-_]?"
    r"(header|masthead|top-?bar|top-?nav|navbar|nav|navigation|menu|mainmenu|megamenu|footer|"
    r"breaking|breaking-?news|ticker|news-?ticker|sidebar|side-?bar|widget|widget-?area|"
    r"cookies?|cookie-?notice|consent|gdpr|cmp)"
    r"([-_].*)?$",
    re.I,
)
#: Anywhere in a token: cookie and consent banners ("penci-wrap-gprd-law").
_BANNER_PART = re.compile(r"cookie|consent|gdpr|gprd", re.I)
#: Readers' comments are not the story either.
_COMMENTS_TOKEN = re.compile(r"^(comments?|comment-?list|comments-?area|comment-respond|respond|"
                             r"disqus_thread|comment-?section)$", re.I)
#: Token starts that make a block the story's own, whatever follows.
_STORY_TOKEN = re.compile(r"^(post|entry|article|story|single|content|news)[-_]", re.I)


def is_chrome_block(el) -> bool:
    """This element itself is a header, menu, ticker, sidebar or footer."""
    tag = el.tag
    if tag in _CHROME_TAGS:
        return True
    if tag == "header":
        return next(el.iterancestors("article"), None) is None
    for token in f"{el.get('class') or ''} {el.get('id') or ''}".split():
        if _CHROME_TOKEN.match(token) and not _STORY_TOKEN.match(token):
            return True
        if _BANNER_PART.search(token) or _COMMENTS_TOKEN.match(token):
            return True
    return False


class ChromeCache:
    """Whether an element is inside the site's header, menus, footer or sidebars.

    An ``<article>``'s own ``<header>`` holds its date and byline: that is
    the article, not chrome. ``<body>`` and ``<html>`` classes describe the
    whole page ("has-sidebar", "headerstyle-dark"), so the climb stops there,
    and the marked article body (``itemprop=articleBody``) is never chrome.
    One instance serves one page: field finders and the layout ask about
    thousands of elements whose ancestors they share, each judged once.
    """

    def __init__(self):
        self._known: dict = {}

    def __call__(self, el) -> bool:
        known = self._known
        path = []
        node = el
        answer = False
        while node is not None and node.tag not in ("body", "html"):
            cached = known.get(node)
            if cached is not None:
                answer = cached
                break
            path.append(node)
            if node.get("itemprop") == "articleBody":
                answer = False
                break
            if is_chrome_block(node):
                answer = True
                break
            node = node.getparent()
        # Below an articleBody nothing is chrome; below chrome everything is.
        for seen in path:
            known[seen] = answer
        return answer
