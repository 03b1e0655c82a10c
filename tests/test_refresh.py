"""-a refresh=1: a changed article (newer sitemap lastmod) is archived again as version 2."""

from __future__ import annotations

from conftest import read_archive, run_crawl
from mini_site import MiniSite, article_html, sitemap_xml

PARAS = [f"الفقرة رقم {i} من تقرير مفصل عن مشروع توسعة شبكة الكهرباء في الأرياف الشمالية هذا العام." for i in range(1, 6)]


def publish(site: MiniSite, lastmod_a: str, extra: str = "") -> None:
    site.html("/news/a", article_html("مشروع الكهرباء", PARAS + ([extra] if extra else []),
                                      "2020-05-01T09:00:00+03:00", lastmod_a))
    site.html("/news/b", article_html("تقرير المياه", [p.replace("الكهرباء", "المياه") for p in PARAS],
                                      "2020-05-02T09:00:00+03:00", "2020-05-02T09:00:00+03:00"))
    site.xml("/sitemap.xml", sitemap_xml(site.base_url, {"/news/a": lastmod_a, "/news/b": "2020-05-02T09:00:00+03:00"}))
    site.html("/", "<html><body class='home'></body></html>")
    site.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow:\n")


def test_refresh_appends_a_new_version_only_for_changed_articles(tmp_path, validate_record):
    with MiniSite() as site:
        publish(site, "2020-05-01T09:00:00+03:00")
        assert run_crawl([f"url={site.base_url}/"], tmp_path).returncode == 0
        correction = "تصحيح: ذكرت نسخة سابقة من هذا التقرير أن المشروع يشمل ثلاث محافظات، والصحيح أنه يشمل أربعاً."
        publish(site, "2020-05-03T12:00:00+03:00", extra=correction)
        site.hits.clear()
        assert run_crawl([f"url={site.base_url}/", "refresh=1"], tmp_path).returncode == 0
        assert "/news/a" in site.hits and "/news/b" not in site.hits
        site.hits.clear()
        assert run_crawl([f"url={site.base_url}/", "refresh=1"], tmp_path).returncode == 0
        assert "/news/a" not in site.hits  # what we hold is now as new as the sitemap says
    records = [r for _, r in read_archive(tmp_path)]
    for record in records:
        validate_record(record)
    a = sorted((r for r in records if r["url"].endswith("/news/a")), key=lambda r: r["version"])
    assert [r["version"] for r in a] == [1, 2] and a[0]["id"] == a[1]["id"]
    assert a[1]["body"].endswith(correction) and not a[0]["body"].endswith(correction)
    assert a[1]["modified_at"] == "2020-05-03T12:00:00+03:00"
    assert [r["version"] for r in records if r["url"].endswith("/news/b")] == [1]
