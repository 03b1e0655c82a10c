"""JavaScript rendering through scrapy-playwright, only where a site needs it.

Plain HTTP stays the default (``render = "never"``): a browser costs far more
per page. ``always`` renders every page of a source; ``auto`` fetches plainly
and renders again only pages that look like an unrendered JavaScript shell
(``looks_unrendered``; measured by bench/render_rule.py). The system's
Chromium is used: Playwright's own browser download does not work offline.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil

from lxml import html as lxml_html

from crawler import defaults

logger = logging.getLogger(__name__)

MODES = ("never", "always", "auto")
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Flags a root process in a sandbox needs, and no calls home from a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-extensions",
]
#: How long the text may stay as first seen before we accept it as the content.
_GROWTH_GRACE_S = 1.5
_HEAVY = frozenset({"image", "font", "media"})
INSTALL_HINT = ("install Chromium (Debian: apt-get install chromium; `make browser` does it) "
                "or set NEWS_CHROMIUM_PATH")


def find_chromium(settings) -> str | None:
    """The Chromium executable to use, or None when the machine has none."""
    configured = defaults.get(settings, "NEWS_CHROMIUM_PATH") or (
        settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS") or {}).get("executable_path")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def plan(settings, profiles, override: str | None) -> tuple[dict[str, str], list[str]]:
    """Each source's render mode, and the sources that need a browser we do not have.

    Turns scrapy-playwright on only when some source may render, so plain
    crawls never start Playwright. Without a browser, one ERROR line says how
    to get one and those sources are crawled plainly (and judged failed).
    """
    modes = {p.name: override or p.render for p in profiles}
    needing = sorted(name for name, mode in modes.items() if mode != "never")
    if not needing:
        return modes, []
    chromium = find_chromium(settings)
    if chromium:
        enable(settings, chromium)
        return modes, []
    logger.error("news: %s need%s JavaScript rendering but no Chromium was found: %s; "
                 "crawling without rendering", ", ".join(needing),
                 "s" if len(needing) == 1 else "", INSTALL_HINT)
    return {name: "never" for name in modes}, needing


def enable(settings, chromium: str) -> None:
    """Route requests marked ``playwright`` through the browser (others stay plain HTTP)."""
    handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
    settings.set("DOWNLOAD_HANDLERS", {"http": handler, "https": handler}, priority="spider")
    options = dict(settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS") or {})
    options.setdefault("headless", True)
    options["executable_path"] = chromium
    options["args"] = list(dict.fromkeys([*options.get("args", []), *CHROMIUM_ARGS]))
    settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", options, priority="spider")


def rendered(request, wait_selector: str | None, wait_ms: int):
    """The request marked to go through the browser, waiting for content within a bound."""
    from scrapy_playwright.page import PageMethod

    request.meta.update(news_rendered=True, playwright=True,
                        playwright_page_methods=[PageMethod(wait_for_content, wait_selector, wait_ms)])
    return request


def abort_heavy(request) -> bool:
    """PLAYWRIGHT_ABORT_REQUEST: images, fonts and media are never needed for text."""
    return request.resource_type in _HEAVY


async def wait_for_content(page, selector: str | None = None, timeout_ms: int = 8000) -> None:
    """Wait for the article to appear, within a bound; never fails the request.

    With a profile selector, wait for it. Otherwise wait for the network to
    go quiet, then until the page's text has not changed for 600 ms, allowing
    1.5 s for a placeholder to be replaced (scripts that insert content after
    a timer, without network traffic, defeat "network idle" alone).
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_ms / 1000
    if selector:
        try:
            await page.wait_for_selector(selector, timeout=timeout_ms)
        except Exception as exc:  # noqa: BLE001 - a timeout just means: take what is there
            logger.debug("render wait for %r ended: %s", selector, exc)
        return
    try:
        await page.wait_for_load_state("networkidle", timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - busy pages never idle; the text check below still bounds it
        pass
    started, first, previous, stable = loop.time(), None, -1, 0
    while loop.time() < deadline:
        await asyncio.sleep(0.2)
        try:
            size = await page.evaluate("() => document.body ? document.body.innerText.length : 0")
        except Exception:  # noqa: BLE001 - navigation in progress
            size = -1
        first = size if first is None else first
        stable = stable + 1 if size == previous and size > 0 else 0
        previous = size
        # A placeholder ("loading…") is stable too: give scripts a grace period to replace it.
        grown = size != first or loop.time() - started >= _GROWTH_GRACE_S
        if stable >= 3 and grown:
            return


_JSON_LD = re.compile(r"ld\+json", re.I)


def looks_unrendered(html_text: str, extracted_chars: int, min_chars: int,
                     max_visible: int = 1000) -> bool:
    """A page whose content is meant to be built by scripts.

    The plain fetch gave (almost) no article text, the page shows little text
    to a reader without JavaScript, and it carries scripts that could build
    it: inline code longer than the visible text, or external scripts.
    """
    if extracted_chars >= min_chars:
        return False
    try:
        tree = lxml_html.document_fromstring(html_text)
    except (ValueError, lxml_html.etree.ParserError):
        return False
    scripts = [s for s in tree.iter("script") if not _JSON_LD.search(s.get("type") or "")]
    if not scripts:
        return False
    inline = sum(len(s.text or "") for s in scripts)
    external = sum(1 for s in scripts if s.get("src"))
    for el in tree.iter("script", "style", "noscript", "template"):
        el.drop_tree()
    body = tree.find(".//body")
    visible = len(" ".join((body.text_content() if body is not None else "").split()))
    return visible < max_visible and (inline > visible or external > 0)
