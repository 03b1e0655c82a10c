"""Tests of the bundled sample news sites (sample_site/), over real HTTP.

They check that the served sites and the ground truth in sample_site.expected
agree, so that crawler tests built on them fail only for crawler bugs.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from lxml import etree, html

from sample_site import expected
from sample_site.common import arabic_date
from sample_site.content import OLDPRESS_ARTICLES, WASILA_POSTS, ReadAlso
from sample_site.server import SampleServer

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("/work/shared/samples/seed-article.txt")
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(scope="module")
def wasila():
    with SampleServer("wasila") as srv:
        yield srv


@pytest.fixture(scope="module")
def oldpress():
    with SampleServer("oldpress") as srv:
        yield srv


def fetch(srv: SampleServer, target: str, method: str = "GET"):
    """One request, redirects NOT followed: (status, headers, body bytes)."""
    conn = http.client.HTTPConnection(srv.host, srv.port, timeout=5)
    try:
        conn.request(method, target)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def page(srv: SampleServer, target: str):
    status, headers, body = fetch(srv, target)
    assert status == 200, target
    return headers, html.fromstring(body.decode(charset_of(body)))


def charset_of(body: bytes) -> str:
    """What a careful client decodes with: the page's meta wins over a lying header."""
    meta = re.search(rb'charset=([\w-]+)"', body[:1024])
    return meta.group(1).decode() if meta else "utf-8"


def path_of(srv: SampleServer, url: str) -> str:
    assert url.startswith(srv.base_url + "/"), url
    return url[len(srv.base_url):]


def deobfuscate(text: str) -> str:
    """Reference cleaner: drop tatweel (and a dot after it) only between Arabic letters."""
    return re.sub(r"(?<=[\u0621-\u064a])\u0640\.?(?=[\u0621-\u064a])", "", text)


# -- content data ------------------------------------------------------------


def test_clean_paragraphs_match_raw_text():
    for post in WASILA_POSTS:
        raw_text = [p for p in post.raw if isinstance(p, str)]
        assert [deobfuscate(p) for p in raw_text] == list(post.clean), post.slug
        assert 3 <= len(post.clean)
        for para in post.clean:
            assert not re.search(r"[\u0621-\u064a]\u0640\.?[\u0621-\u064a]", para)
            assert not re.match(r"[إا]قرأ أيضا", para)
    clean = "\n".join(p for post in WASILA_POSTS for p in post.clean)
    for keep in ('أ.د. سامر', 'د. محمد', 'بـ"حلوى القطن"', 'لـ Bloomberg', 'بـ 5 ملايين', '3.5%',
                 'لـ"الوسيلة"', 'UNHCR'):
        assert keep in clean, keep
    prefixes = {p.prefix for post in WASILA_POSTS for p in post.raw if isinstance(p, ReadAlso)}
    assert prefixes == {"اقرأ أيضاً:", "اقرأ أيضا:", "إقرأ أيضاً:"}


def test_seed_article_is_verbatim():
    seed = next(p for p in WASILA_POSTS if p.slug == "iran-turkey-idlib")
    lines = [
        "أخبار سوريا", seed.title,
        *(f"{p.prefix} {dict((q.slug, q.title) for q in WASILA_POSTS)[p.target]}"
          if isinstance(p, ReadAlso) else p for p in seed.raw),
        "زر الذهاب إلى الأعلى",
    ]
    if SEED.exists():
        assert [l for l in SEED.read_text(encoding="utf-8").split("\n") if l.strip()] == lines
    for word in ("قصف", "الإرهابية", "تصعيداً", "عسكرياً", "جوي ومدفعي", "هجماتهم"):
        assert word in " ".join(seed.clean)


def test_expected_ground_truth_shape():
    for site in ("wasila", "oldpress"):
        arts = expected.expected_articles(site)
        paths = [a["path"] for a in arts]
        assert len(paths) == len(set(paths))
        for a in arts:
            assert set(a) == {"path", "title", "section", "published", "authors", "tags",
                              "paragraphs", "related", "duplicate_of_path"}
            assert a["title"] and a["paragraphs"] and a["section"]
            rel = [r["path"] for r in a["related"]]
            assert len(rel) == len(set(rel)) and a["path"] not in rel
        assert not set(paths) & set(expected.non_article_paths(site))
        assert not set(paths) & set(expected.duplicate_urls(site))
    wasila = expected.expected_articles("wasila")
    assert len(wasila) >= 12
    assert len({a["published"][:10] for a in wasila}) >= 4
    assert all(re.fullmatch(r"2019-12-\d\dT\d\d:\d\d:00\+03:00", a["published"]) for a in wasila)
    trap = [a for a in wasila if a["published"] == "2019-12-20T01:30:00+03:00"]
    assert trap and datetime.fromisoformat(trap[0]["published"]).astimezone(timezone.utc).day == 19
    by_path = {a["path"]: a for a in wasila}
    assert by_path["/2019/12/19/iran-turkey-idlib/"]["related"][0] == {
        "path": "/2019/12/18/regime-idlib-offensive/",
        "title": "النظام يحشد قواته ويتحدث عن معركة إدلب الكبرى.. ماذا عن اتفاق سوتشي؟"}
    old = expected.expected_articles("oldpress")
    assert all(re.fullmatch(r"2019-12-\d\d", a["published"]) for a in old)
    dup = [a for a in old if a["duplicate_of_path"]]
    assert len(dup) == 1 and dup[0]["paragraphs"] == by_path[dup[0]["duplicate_of_path"]]["paragraphs"]
    for art in OLDPRESS_ARTICLES:
        digits = art.date_text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
        assert digits == arabic_date(art.day)


# -- wasila over HTTP --------------------------------------------------------------


def test_wasila_articles_render(wasila):
    today = arabic_date(datetime.now(timezone(timedelta(hours=3))).date())
    for art in expected.expected_articles("wasila"):
        headers, doc = page(wasila, art["path"])
        assert headers["content-type"] == "text/html; charset=UTF-8"
        assert doc.findtext(".//title") == f"{art['title']} - الوسيلة"
        assert doc.xpath("string(//h1[contains(@class,'post-title')])") == art["title"]
        assert doc.xpath("//link[@rel='canonical']/@href") == [wasila.base_url + art["path"]]
        assert "single-post" in doc.body.get("class")
        meta = lambda prop: doc.xpath(f"//meta[@property='{prop}']/@content")  # noqa: E731
        assert meta("article:published_time") == [art["published"]]
        assert meta("article:tag") == art["tags"]
        assert meta("article:section") == [art["section"]]
        assert doc.xpath("//meta[@name='author']/@content") == art["authors"]
        graph = json.loads(doc.xpath("string(//script[@type='application/ld+json'])"))["@graph"]
        news = next(n for n in graph if n["@type"] == "NewsArticle")
        assert news["headline"] == art["title"] and news["datePublished"] == art["published"]
        assert "articleBody" not in news
        body = doc.xpath("//div[contains(@class,'entry-content')]/p")
        texts = [p.text_content() for p in body if not p.xpath("./strong")]
        assert [deobfuscate(t) for t in texts] == art["paragraphs"]
        inline = [p.xpath("./a/@href")[0] for p in body if p.xpath("./strong")]
        block = doc.xpath("//div[contains(@class,'related-posts')]//a/@href")
        assert len(block) == 3
        assert [path_of(wasila, u) for u in inline + block] == [r["path"] for r in art["related"]]
        assert len(doc.xpath("//div[contains(@class,'share-buttons')]")) == 2
        assert doc.xpath("string(//div[contains(@class,'topbar-today-date')])") == today
        assert len(doc.xpath("//div[@id='posts-list-widget-2']//a")) == 5
    seed = html.tostring(page(wasila, "/2019/12/19/iran-turkey-idlib/")[1], encoding="unicode")
    assert "قصـ.ف" in seed and "هجـ.ماتهم" in seed and "زر الذهاب إلى الأعلى" in seed
    assert "<strong>إقرأ أيضاً:</strong>" in seed


def test_wasila_non_article_pages(wasila):
    for path in expected.non_article_paths("wasila"):
        _, doc = page(wasila, path)
        assert "single-post" not in doc.body.get("class")
        assert not doc.xpath("//meta[@property='article:published_time']")
    _, about = page(wasila, "/about-us/")
    assert about.body.get("class").startswith("page-template-default page page-id-")
    assert about.xpath("//meta[@property='og:type']/@content") == ["article"]
    assert about.xpath("//meta[@property='article:modified_time']")
    graph = json.loads(about.xpath("string(//script[@type='application/ld+json'])"))["@graph"]
    assert not [n for n in graph if "Article" in n["@type"]]
    _, home = page(wasila, "/")
    assert home.body.get("class").startswith("home blog")
    assert len(home.xpath("//ul[@id='posts-container']/li")) == 10
    assert home.xpath("//link[@type='application/rss+xml']/@href") == [wasila.base_url + "/feed/"]
    hrefs = home.xpath("//a/@href")
    for path in expected.disallowed_paths("wasila"):
        assert wasila.base_url + path in hrefs
    _, sec = page(wasila, "/category/syria/page/2/")
    assert sec.body.get("class").startswith("archive category")
    assert len(sec.xpath("//ul[@id='posts-container']/li")) == 4
    assert sec.xpath("//link[@rel='next']/@href") == [wasila.base_url + "/category/syria/page/3/"]
    assert sec.xpath("//link[@rel='prev']/@href") == [wasila.base_url + "/category/syria/"]
    assert page(wasila, "/tag/idlib/")[1].body.get("class").startswith("archive tag")
    assert page(wasila, "/author/ahmad-alali/")[1].body.get("class").startswith("archive author")


def test_wasila_aliases(wasila):
    dups = expected.duplicate_urls("wasila")
    kinds = {"amp": 0, "print": 0, "utm": 0, "fbclid": 0, "shortlink": 0, "slash": 0}
    for alias, canonical in dups.items():
        status, headers, body = fetch(wasila, alias)
        if status == 301:
            assert headers["location"] == wasila.base_url + canonical
            kinds["shortlink" if alias.startswith("/?p=") else "slash"] += 1
            continue
        assert status == 200, alias
        doc = html.fromstring(body.decode("utf-8"))
        assert doc.xpath("//link[@rel='canonical']/@href") == [wasila.base_url + canonical]
        key = "amp" if alias.endswith("/amp/") else "print" if "print=1" in alias else \
            "utm" if "utm_source" in alias else "fbclid"
        kinds[key] += 1
        if key == "amp":
            assert doc.getroottree().getroot().get("amp") is not None
    assert kinds == {"amp": 2, "print": 1, "utm": 1, "fbclid": 1,
                     "shortlink": len(WASILA_POSTS), "slash": 1}
    # the links exist where the brief says
    _, home = page(wasila, "/")
    hrefs = {path_of(wasila, u) for u in home.xpath("//a/@href") if u.startswith(wasila.base_url)}
    no_slash = [a for a in dups if not a.endswith("/") and "?" not in a]
    assert {a for a in dups if "utm_" in a or "fbclid" in a} | set(no_slash) <= hrefs
    for alias, canonical in dups.items():
        if alias.endswith("/amp/") or alias.endswith("?print=1"):
            _, art = page(wasila, canonical)
            assert wasila.base_url + alias in art.xpath("//link[@rel='amphtml']/@href | //a/@href")
    _, tag = page(wasila, "/tag/astana/")
    assert wasila.base_url + "/?p=123" in tag.xpath("//a/@href")
    # unknown query parameters still serve the article, like WordPress
    status, _, body = fetch(wasila, "/2019/12/17/daraa-assassinations/?ref=xyz&x=1")
    assert status == 200 and b"single-post" in body
    assert fetch(wasila, "/?p=999999")[0] == 404


def test_wasila_robots_sitemaps_feed(wasila):
    status, headers, body = fetch(wasila, "/robots.txt")
    assert status == 200 and headers["content-type"].startswith("text/plain")
    lines = body.decode().splitlines()
    for line in ("User-agent: *", "Disallow: /wp-admin/", "Disallow: /private/",
                 "Allow: /wp-admin/admin-ajax.php",
                 f"Sitemap: {wasila.base_url}/sitemap_index.xml",
                 f"Sitemap: {wasila.base_url}/news-sitemap.xml"):
        assert line in lines
    article_paths = {a["path"] for a in expected.expected_articles("wasila")}

    def xml(target):
        status, headers, body = fetch(wasila, target)
        assert status == 200 and headers["content-type"] == "application/xml; charset=UTF-8"
        return etree.fromstring(body)

    index = xml("/sitemap_index.xml")
    children = [path_of(wasila, loc) for loc in index.xpath("//s:loc/text()", namespaces={"s": SM[1:-1]})]
    assert children == ["/post-sitemap.xml", "/page-sitemap.xml", "/category-sitemap.xml"]
    listed = {}
    for child in children:
        root = xml(child)
        listed[child] = [path_of(wasila, u.findtext(f"{SM}loc")) for u in root.iter(f"{SM}url")]
        assert all(u.findtext(f"{SM}lastmod") for u in root.iter(f"{SM}url"))
    assert set(listed["/post-sitemap.xml"]) == article_paths
    assert set(listed["/page-sitemap.xml"]) == {"/", "/about-us/", "/contact-us/", "/privacy-policy/"}
    news = xml("/news-sitemap.xml")
    newest = expected.expected_articles("wasila")[:5]
    assert [path_of(wasila, u.findtext(f"{SM}loc")) for u in news.iter(f"{SM}url")] == \
        [a["path"] for a in newest]
    assert [e.text for e in news.iter(f"{NEWS}name")] == ["الوسيلة"] * 5
    assert [e.text for e in news.iter(f"{NEWS}title")] == [a["title"] for a in newest]

    status, headers, body = fetch(wasila, "/feed/")
    assert headers["content-type"] == "application/rss+xml; charset=UTF-8"
    items = etree.fromstring(body).findall("channel/item")
    newest = expected.expected_articles("wasila")[:10]
    assert [path_of(wasila, i.findtext("link")) for i in items] == [a["path"] for a in newest]
    for item, art in zip(items, newest):
        assert parsedate_to_datetime(item.findtext("pubDate")) == datetime.fromisoformat(art["published"])
        assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == art["authors"][0]
        assert path_of(wasila, item.findtext("guid")) in expected.duplicate_urls("wasila")


def test_wasila_404_head_and_request_log(wasila):
    status, headers, body = fetch(wasila, "/no/such/page/")
    assert status == 404 and headers["content-type"].startswith("text/html") and b"404" in body
    wasila.clear_requests()
    status, headers, body = fetch(wasila, "/2019/12/19/iran-turkey-idlib/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 10000
    fetch(wasila, "/feed/")
    urllib.request.urlopen(wasila.base_url + "/2019/12/17/daraa-assassinations").read()  # follows 301
    assert wasila.requests == ["/2019/12/19/iran-turkey-idlib/", "/feed/",
                               "/2019/12/17/daraa-assassinations",
                               "/2019/12/17/daraa-assassinations/"]
    wasila.clear_requests()
    assert wasila.requests == []


# -- oldpress over HTTP ---------------------------------------------------------------


def test_oldpress_articles_and_encodings(oldpress):
    for art, content in zip(expected.expected_articles("oldpress"),
                            sorted(OLDPRESS_ARTICLES, key=lambda a: (a.day, a.id), reverse=True)):
        status, headers, body = fetch(oldpress, art["path"])
        assert status == 200
        if content.encoding == "cp1256":
            with pytest.raises(UnicodeDecodeError):
                body.decode("utf-8")
            assert b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">' in body
        expected_header = "text/html" + (f"; charset={content.header_charset}" if content.header_charset else "")
        assert headers["content-type"] == expected_header
        doc = html.fromstring(body.decode(content.encoding))
        assert art["title"] in doc.findtext(".//title")
        assert doc.xpath("string(//td[@class='title'])") == art["title"]
        assert not doc.xpath("//link[@rel='canonical'] | //meta[@property] | //script")
        text = doc.xpath("//td[@class='text']")[0]
        raw = etree.tostring(text, encoding="unicode", with_tail=False)
        inner = re.sub(r"^<td[^>]*><font[^>]*>|</font></td>$", "", raw)
        paras = [html.fromstring(f"<div>{chunk}</div>").text_content().strip()
                 for chunk in re.split(r"<br\s*/?>\s*<br\s*/?>", inner)]
        assert paras == art["paragraphs"]
        assert art["section"] in doc.xpath("string(//td[@class='path'])")
    headers = {a.id: a.header_charset for a in OLDPRESS_ARTICLES}
    assert sorted(map(str, headers.values())) == ["ISO-8859-1", "None", "utf-8", "utf-8", "utf-8"]
    status, _, body = fetch(oldpress, "/article.php?id=104")
    assert "١٧ كانون الأول ٢٠١٩".encode() in body


def test_oldpress_listing_robots_and_404(oldpress):
    for path in expected.non_article_paths("oldpress"):
        status, headers, body = fetch(oldpress, path)
        assert status == 200 and headers["content-type"].startswith("text/html")
        assert "آخر الأخبار" in body.decode("utf-8")
    assert fetch(oldpress, "/")[2] == fetch(oldpress, "/index.php")[2]
    _, doc = page(oldpress, "/section.php?id=2")
    assert "section.php?id=2&page=2" in doc.xpath("//a/@href")
    _, doc = page(oldpress, "/index.php")
    hrefs = set(doc.xpath("//a/@href"))
    assert {a["path"].lstrip("/") for a in expected.expected_articles("oldpress")} <= hrefs
    status, headers, body = fetch(oldpress, "/robots.txt")
    assert status == 200 and body.decode().splitlines() == ["User-agent: *", "Disallow:"]
    for missing in ("/sitemap.xml", "/feed/", "/article.php?id=999", "/section.php?id=7"):
        assert fetch(oldpress, missing)[0] == 404
    assert expected.duplicate_urls("oldpress") == {}


# -- CLI ----------------------------------------------------------------------


def test_serve_cli_exits_cleanly_on_sigterm():
    proc = subprocess.Popen([sys.executable, "-m", "sample_site.serve", "wasila=0", "oldpress=0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        lines = [proc.stdout.readline().strip() for _ in range(2)]
        sites = {}
        for line in lines:
            m = re.fullmatch(r"serving (\w+) at (http://127\.0\.0\.1:\d+)/", line)
            assert m, lines
            sites[m.group(1)] = m.group(2)
        assert set(sites) == {"wasila", "oldpress"}
        with urllib.request.urlopen(sites["oldpress"] + "/index.php", timeout=5) as resp:
            assert resp.status == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=5) == 0
        assert proc.stderr.read() == ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# -- staged publishing (hidden=N, publish) ---------------------------------------------

XML_TARGETS = {"wasila": ["/sitemap_index.xml", "/post-sitemap.xml", "/page-sitemap.xml",
                          "/category-sitemap.xml", "/news-sitemap.xml", "/feed/"],
               "oldpress": []}
SERVICE_PATHS = {"/robots.txt", "/feed/", "/sitemap_index.xml", "/post-sitemap.xml",
                 "/page-sitemap.xml", "/category-sitemap.xml", "/news-sitemap.xml"}


def get(srv: SampleServer, target: str) -> tuple[str, str]:
    """GET with urllib (200 expected): (content type, decoded body)."""
    with urllib.request.urlopen(srv.base_url + target, timeout=5) as resp:
        assert resp.status == 200 and resp.url == srv.base_url + target, target
        body = resp.read()
        return resp.headers["Content-Type"], body.decode(charset_of(body))


def internal_links(srv: SampleServer, target: str, ctype: str, text: str) -> set[str]:
    """path+query of every same-site link of a page: HTML hrefs, or sitemap/feed URLs."""
    if "html" in ctype:
        hrefs = html.fromstring(text).xpath("//@href")
    else:
        root = etree.fromstring(text.encode("utf-8"))
        hrefs = [e.text for e in root.iter() if isinstance(e.tag, str) and e.text
                 and e.tag.rsplit("}", 1)[-1] in ("loc", "link", "guid", "comments")]
        hrefs += root.xpath("//@href")
    out = set()
    for href in hrefs:
        url = urllib.parse.urljoin(srv.base_url + target, href.strip()).split("#")[0]
        if url.startswith(srv.base_url + "/"):
            out.add(url[len(srv.base_url):])
    return out


def hidden_markers(site: str, paths: list[str]) -> list[re.Pattern]:
    """Regexes that find any trace of the given unpublished articles in a page:
    their paths (with or without slash, AMP, print, tracking, url-encoded),
    /?p= shortlinks, and titles."""
    by_path = {p.path: p for p in (WASILA_POSTS if site == "wasila" else OLDPRESS_ARTICLES)}
    pats = []
    for path in paths:
        art = by_path[path]
        pats.append(re.escape(art.title))
        if site == "wasila":
            stem = path.rstrip("/")
            pats += [re.escape(stem), re.escape(urllib.parse.quote(stem, safe="")),
                     rf"\?p={art.postid}(?!\d)"]
        else:
            pats.append(rf"article\.php\?id={art.id}(?!\d)")
    return [re.compile(p) for p in pats]


def check_served_state(srv: SampleServer, site: str, hidden: int) -> None:
    """The running site is exactly `expected.*(site, hidden=hidden)`: published
    pages answer, hidden articles and their aliases answer 404, and no page,
    sitemap or feed links (or even names) a hidden article."""
    held = expected.hidden_paths(site, hidden)
    assert srv.hidden_paths() == held
    arts = expected.expected_articles(site, hidden)
    assert {a["path"] for a in arts}.isdisjoint(held)
    assert len(arts) + len(held) == len(expected.expected_articles(site))
    listings = expected.non_article_paths(site, hidden)
    dups = expected.duplicate_urls(site, hidden)
    known = (set(listings) | {a["path"] for a in arts} | set(dups) | SERVICE_PATHS
             | set(expected.disallowed_paths(site, hidden)) | {"/index.php"})
    markers = hidden_markers(site, held)
    linked: set[str] = set()
    for target in listings + [a["path"] for a in arts] + XML_TARGETS[site]:
        ctype, text = get(srv, target)
        for pat in markers:
            assert not pat.search(text), (target, pat.pattern)
        links = internal_links(srv, target, ctype, text)
        assert links <= known, (target, links - known)  # no link to a 404 either
        linked |= links
    # every published article is reachable, and related links are as expected
    assert {a["path"] for a in arts} <= linked
    if site == "wasila":
        for art in arts:
            _, doc = page(srv, art["path"])
            inline = doc.xpath("//div[contains(@class,'entry-content')]/p[strong]/a/@href")
            block = doc.xpath("//div[contains(@class,'related-posts')]//a/@href")
            assert [path_of(srv, u) for u in inline + block] == [r["path"] for r in art["related"]]
            texts = [p.text_content() for p in doc.xpath("//div[contains(@class,'entry-content')]/p")
                     if not p.xpath("./strong")]
            assert [deobfuscate(t) for t in texts] == art["paragraphs"]
    # hidden articles and every alias of them are not found
    by_path = {p.path: p for p in WASILA_POSTS}
    for path in held:
        aliases = [path]
        if site == "wasila":
            from sample_site import render_wasila as rw
            post = by_path[path]
            aliases += [path.rstrip("/"), rw.amp_path(post), rw.print_path(post),
                        rw.shortlink(post), rw.home_href_path(post)]
        for alias in aliases:
            assert fetch(srv, alias)[0] == 404, alias


@pytest.mark.parametrize("site,hidden", [("wasila", 4), ("oldpress", 2), ("wasila", 0),
                                         ("wasila", len(WASILA_POSTS)),
                                         ("oldpress", len(OLDPRESS_ARTICLES))])
def test_hidden_articles_are_unreachable(site, hidden):
    with SampleServer(site, hidden=hidden) as srv:
        check_served_state(srv, site, hidden)


def test_hidden_wasila_details():
    with SampleServer("wasila", hidden=4) as srv:
        assert srv.hidden_paths() == [a["path"] for a in expected.expected_articles("wasila")[:4]][::-1]
        _, home = page(srv, "/")
        teasers = [path_of(srv, u) for u in home.xpath("//ul[@id='posts-container']//h2/a/@href")]
        assert teasers == [a["path"] for a in expected.expected_articles("wasila", 4)]  # 9 < 10
        assert not home.xpath("//div[@class='pages-nav']") and fetch(srv, "/page/2/")[0] == 404
        assert len(home.xpath("//div[@id='posts-list-widget-2']//a")) == 3  # 2 of 5 hidden
        _, sec = page(srv, "/category/syria/")  # 7 published syria posts: 2 pages, not 3
        assert "الصفحة" not in sec.findtext(".//title")
        assert sec.xpath("//link[@rel='next']/@href") == [srv.base_url + "/category/syria/page/2/"]
        assert fetch(srv, "/category/syria/page/3/")[0] == 404
        assert fetch(srv, "/tag/caesar-act/")[0] == 404  # its only post is hidden
        _, regime = page(srv, "/2019/12/18/regime-idlib-offensive/")
        assert len(regime.xpath("//div[contains(@class,'related-posts')]//a")) == 1


def test_unpublished_read_also_target_is_dropped():
    from sample_site.render_wasila import WasilaSite

    maarat = next(p for p in WASILA_POSTS if p.slug == "maarat-numan-displacement")
    target = next(p for p in WASILA_POSTS if p.slug == "iran-turkey-idlib")
    site = WasilaSite("http://h", hidden={target.path})
    body = site.handle(maarat.path).body.decode()
    assert target.path not in body and target.title not in body
    assert "<strong>اقرأ أيضاً:</strong>" not in body
    doc = html.fromstring(body)
    texts = [p.text_content() for p in doc.xpath("//div[contains(@class,'entry-content')]/p")]
    assert [deobfuscate(t) for t in texts] == list(maarat.clean)
    assert site.handle(target.path).status == 404


def test_publish_reveals_oldest_hidden_first():
    from sample_site.render_wasila import WasilaSite

    with SampleServer("wasila", hidden=4) as srv:
        held = srv.hidden_paths()

        def home_posts():
            _, doc = page(srv, "/")
            return [urllib.parse.urlsplit(u).path
                    for u in doc.xpath("//ul[@id='posts-container']//h2/a/@href")]

        def sitemap():
            root = etree.fromstring(fetch(srv, "/post-sitemap.xml")[2])
            return {path_of(srv, u.findtext(f"{SM}loc")): u.findtext(f"{SM}lastmod")
                    for u in root.iter(f"{SM}url")}

        home_before, map_before = home_posts(), sitemap()
        released = srv.publish(2)
        assert released == held[:2] and srv.hidden_paths() == held[2:]
        home_after, map_after = home_posts(), sitemap()
        assert set(home_after) - set(home_before) == set(released)
        assert set(map_after) - set(map_before) == set(released)
        assert home_after == [a["path"] for a in expected.expected_articles("wasila", 2)][:10]
        by_path = {p.path: p for p in WASILA_POSTS}
        for path in released:  # real dates, not the publishing time
            assert map_after[path] == WasilaSite._utc(by_path[path].modified_dt)
            assert fetch(srv, path)[0] == 200
        for path in srv.hidden_paths():
            assert fetch(srv, path)[0] == 404
        check_served_state(srv, "wasila", 2)

        assert srv.publish(0) == [] and srv.hidden_paths() == held[2:]
        assert srv.publish() == held[2:] and srv.hidden_paths() == [] and srv.publish() == []
        assert set(sitemap()) == {a["path"] for a in expected.expected_articles("wasila")}
        assert home_posts() == [a["path"] for a in expected.expected_articles("wasila")][:10]
        check_served_state(srv, "wasila", 0)


def test_publish_oldpress_and_before_start():
    srv = SampleServer("oldpress", hidden=3)
    assert srv.publish(1) == ["/article.php?id=104"]  # oldest of the three newest
    with srv:
        check_served_state(srv, "oldpress", 2)
        assert srv.publish(5) == ["/article.php?id=102", "/article.php?id=101"]
        check_served_state(srv, "oldpress", 0)


def test_publish_is_thread_safe():
    import threading

    with SampleServer("wasila", hidden=len(WASILA_POSTS)) as srv:
        counts, errors = [], []

        def reader():
            try:
                for _ in range(15):
                    _, doc = page(srv, "/")
                    counts.append(len(doc.xpath("//ul[@id='posts-container']/li")))
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=reader) for _ in range(4)]
        for t in threads:
            t.start()
        for _ in range(len(WASILA_POSTS)):
            srv.publish(1)
        for t in threads:
            t.join()
        assert not errors and len(counts) == 60 and all(0 <= c <= 10 for c in counts)
        assert len(page(srv, "/")[1].xpath("//ul[@id='posts-container']/li")) == 10


def test_hidden_argument_validation():
    for bad in (-1, len(WASILA_POSTS) + 1, 1.5, True):
        with pytest.raises(ValueError):
            SampleServer("wasila", hidden=bad)
        with pytest.raises(ValueError):
            expected.expected_articles("wasila", hidden=bad)
    with pytest.raises(ValueError):
        SampleServer("oldpress").publish(-1)
