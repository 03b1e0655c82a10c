"""Ground truth for crawling the sample sites: what a correct archive contains.

Article text comes verbatim from the hand-written clean paragraphs in
content.py; URL lists come from the same structure functions the renderers
use, so the truth and the served site cannot drift apart.  Paths are
path+query relative to the server's base_url (ports are dynamic).

Staged publishing: every function takes ``hidden=N`` (default 0) and then
describes a ``SampleServer(site, hidden=N)``: the N newest articles are left
out, and so are links to them (related posts, aliases) and listing pages that
only they filled.  After ``server.publish(k)`` the truth is ``hidden=N-k``.
``hidden_paths(site, N)`` lists the held-back paths in publishing order.
"""

from __future__ import annotations

from .content import (
    OLDPRESS_SECTION,
    WASILA_AUTHORS,
    WASILA_BY_SLUG,
    WASILA_DRAFT,
    WASILA_HOME_TRACKING,
    WASILA_NO_SLASH_LINK,
    WASILA_PAGES,
    WASILA_SECTIONS,
    WASILA_TAGS,
    Post,
    ReadAlso,
)
from . import render_oldpress, render_wasila

SITES = ("wasila", "oldpress")


def _check(site: str) -> None:
    if site not in SITES:
        raise ValueError(f"unknown site {site!r}; choose from {SITES}")


def _hidden(site: str, hidden: int) -> set[str]:
    paths = (render_wasila if site == "wasila" else render_oldpress).article_paths()
    if isinstance(hidden, bool) or not isinstance(hidden, int) or not 0 <= hidden <= len(paths):
        raise ValueError(f"hidden must be an int from 0 to {len(paths)}, not {hidden!r}")
    return set(paths[:hidden])


def hidden_paths(site: str, hidden: int) -> list[str]:
    """Paths a ``SampleServer(site, hidden=N)`` holds back, in the order
    ``publish()`` releases them (oldest first); as its ``hidden_paths()``."""
    _check(site)
    _hidden(site, hidden)
    return [a["path"] for a in expected_articles(site)[:hidden]][::-1]


def _wasila_related(post: Post, visible: set[str] | None = None) -> list[dict]:
    """Inline read-also targets first (in text order), then the related-posts block;
    only published targets (``visible`` slugs, default all)."""
    slugs = [p.target for p in post.raw if isinstance(p, ReadAlso)] + list(post.related)
    seen: list[str] = []
    for slug in slugs:
        if slug not in seen and (visible is None or slug in visible):
            seen.append(slug)
    return [{"path": WASILA_BY_SLUG[s].path, "title": WASILA_BY_SLUG[s].title} for s in seen]


def expected_articles(site: str, hidden: int = 0) -> list[dict]:
    """Every article a correct crawler writes exactly once (newest first).

    With ``hidden=N``: what a server started with ``hidden=N`` publishes, i.e.
    the list without its N first entries, and with ``related`` limited to
    published targets (unpublished ones are not linked)."""
    _check(site)
    held = _hidden(site, hidden)
    if site == "wasila":
        visible = {p.slug for p in render_wasila.visible_posts(held)}
        return [
            {
                "path": p.path,
                "title": p.title,
                "section": WASILA_SECTIONS[p.section][0],
                "published": p.published,
                "authors": [WASILA_AUTHORS[p.author].name],
                "tags": [WASILA_TAGS[t] for t in p.tags],
                "paragraphs": list(p.clean),
                "related": _wasila_related(p, visible),
                "duplicate_of_path": None,
            }
            for p in render_wasila.newest_first()
            if p.path not in held
        ]
    return [
        {
            "path": a.path,
            "title": a.title,
            "section": OLDPRESS_SECTION,
            "published": a.day.isoformat(),  # the page prints a date, no time
            "authors": [a.author] if a.author else [],
            "tags": [],
            "paragraphs": list(a.paragraphs),
            "related": [],
            "duplicate_of_path": WASILA_BY_SLUG[a.duplicate_of].path if a.duplicate_of else None,
        }
        for a in render_oldpress.newest_first()
        if a.path not in held
    ]


def non_article_paths(site: str, hidden: int = 0) -> list[str]:
    """HTML pages a crawler reaches that must never be written as articles:
    home and its pagination, sections and their pages, tag and author archives,
    static pages.  (robots.txt, sitemaps and the feed are not listed.)

    With ``hidden=N`` pagination follows the published articles, and tag or
    author archives with no published post are gone (404)."""
    _check(site)
    held = _hidden(site, hidden)
    if site == "wasila":
        return ([l.path for l in render_wasila.listings(render_wasila.visible_posts(held))]
                + [p.path for p in WASILA_PAGES])
    return render_oldpress.listing_paths(render_oldpress.visible_articles(held))


def duplicate_urls(site: str, hidden: int = 0) -> dict[str, str]:
    """Alias path+query -> canonical article path, for every alias the site links.

    wasila: /amp/ variants (200, canonical link), ?print=1 (200, canonical
    link), home links with utm_/fbclid parameters (200, canonical link),
    /?p=ID shortlinks from <link rel="shortlink">, feed guids and one tag
    page (301), and one link without trailing slash (301).

    With ``hidden=N`` the aliases of unpublished posts are left out (they 404)."""
    _check(site)
    held = _hidden(site, hidden)
    if site == "oldpress":
        return {}
    out: dict[str, str] = {}
    for post in render_wasila.visible_posts(held):
        out[render_wasila.shortlink(post)] = post.path
        if post.amp:
            out[render_wasila.amp_path(post)] = post.path
        if post.printable:
            out[render_wasila.print_path(post)] = post.path
        if post.slug in WASILA_HOME_TRACKING:
            out[render_wasila.home_href_path(post)] = post.path
    no_slash = WASILA_BY_SLUG[WASILA_NO_SLASH_LINK].path
    if no_slash not in held:
        out[no_slash.rstrip("/")] = no_slash
    return out


def disallowed_paths(site: str, hidden: int = 0) -> list[str]:
    """Pages linked from the site that robots.txt forbids: never fetch them
    (the draft is not an article: staged publishing never touches it)."""
    _check(site)
    _hidden(site, hidden)
    return [WASILA_DRAFT.path] if site == "wasila" else []
