"""Site profiles: optional per-site knowledge in ``crawler/sites/NAME.toml``.

The generic path works without one; a profile names the source, pins start
points and hosts, and overrides extraction where a theme defeats it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

from newsarchive.record.urls import host_of, safe_source

SELECTOR_FIELDS = ("title", "body", "date", "section", "authors", "related")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and key."""


@dataclass(frozen=True)
class SiteProfile:
    name: str
    start_urls: tuple[str, ...]
    allowed_hosts: frozenset[str]
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    #: field → CSS selector, or XPath with an ``xpath:`` prefix.
    selectors: dict[str, str] = field(default_factory=dict)
    boilerplate: tuple[str, ...] = ()
    #: IANA zone for dates printed without an offset.
    timezone: str | None = None
    #: JavaScript rendering: "never", "always" or "auto" (see crawler/render.py).
    render: str = "never"
    #: CSS selector the browser waits for before taking the page (optional).
    render_wait: str | None = None

    @classmethod
    def generic(cls, url: str, name: str | None = None) -> "SiteProfile":
        """The profile of a site nobody described: its host is its name."""
        from newsarchive.record.urls import source_name

        return cls(
            name=name or source_name(url),
            start_urls=(url,),
            allowed_hosts=frozenset({host_of(url)}),
        )


def load_profile(name: str, directory) -> SiteProfile:
    """The profile ``NAME.toml`` of a folder of profiles (a path or an importlib resource).

    The folder belongs to the project that runs the crawl (``crawler/sites``),
    so it is passed in rather than known here.
    """
    if not _NAME.match(name or ""):
        raise ProfileError(f"site: {name!r} is not a profile name (letters, digits, . _ -)")
    label = f"{directory.parent.name}/{directory.name}" if hasattr(directory, "parent") else str(directory)
    entry = directory / f"{name}.toml"
    if not entry.is_file():
        known = ", ".join(sorted(p.name[:-5] for p in directory.iterdir() if p.name.endswith(".toml")))
        raise ProfileError(f"site: no profile {name!r} in {label}/ (known: {known or 'none'})")
    try:
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"site: {label}/{name}.toml: {exc}") from None
    return profile_from_dict(data, default_name=name, origin=f"{label}/{name}.toml")


def profile_from_dict(data: dict, *, default_name: str, origin: str) -> SiteProfile:
    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ProfileError(f"{origin}: {key} must be a list of strings")
        return tuple(v.strip() for v in value if v.strip())

    start_urls = strings("start_urls")
    if not start_urls:
        raise ProfileError(f"{origin}: start_urls is required")
    for url in start_urls + strings("sitemaps") + strings("feeds"):
        if not url.startswith(("http://", "https://")):
            raise ProfileError(f"{origin}: {url!r} is not an http(s) URL")
    hosts = strings("allowed_hosts") or tuple(host_of(u) for u in start_urls)
    selectors = data.get("selectors", {})
    if not isinstance(selectors, dict):
        raise ProfileError(f"{origin}: [selectors] must be a table")
    unknown = set(selectors) - set(SELECTOR_FIELDS)
    if unknown:
        raise ProfileError(f"{origin}: unknown selector(s) {sorted(unknown)}; known: {SELECTOR_FIELDS}")
    timezone = data.get("timezone")
    if timezone is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise ProfileError(f"{origin}: timezone {timezone!r} is not an IANA zone") from None
    render = str(data.get("render", "never"))
    if render not in ("never", "always", "auto"):
        raise ProfileError(f"{origin}: render must be never, always or auto, not {render!r}")
    return SiteProfile(
        name=safe_source(str(data.get("name") or default_name)),
        render=render,
        render_wait=data.get("render_wait"),
        start_urls=start_urls,
        allowed_hosts=frozenset(h.lower().removeprefix("www.") for h in hosts),
        sitemaps=strings("sitemaps"),
        feeds=strings("feeds"),
        selectors={k: str(v) for k, v in selectors.items()},
        boilerplate=strings("boilerplate"),
        timezone=timezone,
    )
