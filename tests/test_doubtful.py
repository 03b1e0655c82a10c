"""Pages rejected as not articles that still look like one are counted, listed and can be kept."""

from __future__ import annotations

import pytest

from conftest import last_job, read_archive, run_crawl
from mini_site import MiniSite, article_html

#: A short story on a page dominated by a "latest news" block and a pager, marked
#: og:type=website: the evidence leans to "listing", yet it has a headline, a date and text.
_MORE = "".join(
    f'<div class="item"><h3><a href="/news/{900 + i}">عنوان خبر آخر رقم {i} عن موضوع مختلف تماماً</a></h3>'
    f"<p>مقتطف قصير من الخبر رقم {i} يشرح ما جرى في سطر واحد للقارئ الكريم.</p></div>" for i in range(12))
DOUBTFUL = f"""<html lang="ar"><head><meta property="og:type" content="website">
<title>انقطاع الكهرباء عن أحياء المدينة - الموقع</title></head><body>
<div class="main"><h1>انقطاع الكهرباء عن أحياء المدينة الشرقية</h1><span class="date">الخميس 12 كانون الأول 2019</span>
<p>أعلنت شركة الكهرباء انقطاع التيار عن الأحياء الشرقية من المدينة صباح اليوم لمدة ست ساعات بسبب أعمال صيانة في المحطة الرئيسية.</p>
<p>ودعت الشركة المواطنين إلى فصل الأجهزة الكهربائية الحساسة خلال فترة الانقطاع تجنباً للأعطال عند عودة التيار.</p></div>
<div class="latest">{_MORE}<div class="pages"><a href="/news?page=2">2</a> <a href="/news?page=3">3</a></div></div>
</body></html>"""
STORIES = {f"/2019/12/1{i}/story-{i}/": f"خبر عادي رقم {i}" for i in range(3)}


def _site() -> MiniSite:
    site = MiniSite()
    site.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow:\n")
    links = "".join(f'<a href="{path}">{title}</a> ' for path, title in STORIES.items())
    site.html("/", f'<html><body class="home">{links}<a href="/news/4471">الكهرباء</a></body></html>')
    site.html("/news/4471", DOUBTFUL)
    for path, title in STORIES.items():
        text = [f"{title}: فقرة طويلة من نص الخبر تشرح ما جرى في الاجتماع الأسبوعي للمجلس البلدي ونتائجه {n}."
                for n in range(4)]
        site.html(path, article_html(title, text, "2019-12-12T10:00:00+02:00", "2019-12-12T10:00:00+02:00"))
    return site


@pytest.mark.parametrize("keep", [False, True], ids=["default", "NEWS_KEEP_DOUBTFUL"])
def test_doubtful_page_is_reported_and_kept_on_request(tmp_path, keep):
    settings = ["NEWS_KEEP_DOUBTFUL=True"] if keep else []
    with _site() as site:
        proc = run_crawl([f"url={site.base_url}/"], tmp_path, settings)
    assert proc.returncode == 0, proc.stderr[-2000:]
    written = sorted(r["url"][len(site.base_url):] for _, r in read_archive(tmp_path))
    assert written == sorted([*STORIES, *(["/news/4471"] if keep else [])])
    report = last_job(tmp_path)
    doubtful = report["doubtful"]
    assert doubtful["count"] == 1 and doubtful["by_reason"] == {"listing_page": 1}
    assert doubtful["archived"] is keep
    [page] = doubtful["pages"]
    assert page["url"] == f"{site.base_url}/news/4471" and page["reason"] == "listing_page"
    source = next(iter(report["sources"]))
    assert report["sources"][source]["doubtful"] == 1
    # One doubtful page of the few the site has is far above the 2% warning rate.
    assert any("doubtful" in w and source in w for w in report["warnings"])
    assert report["verdict"] == "ok"
    # The end-of-crawl summary names the page.
    assert f"{site.base_url}/news/4471 (listing_page)" in proc.stderr
    assert f"doubtful page {site.base_url}/news/4471" in proc.stderr


def test_no_warning_below_the_rate(tmp_path):
    with _site() as site:
        proc = run_crawl([f"url={site.base_url}/"], tmp_path, ["NEWS_DOUBTFUL_WARN_RATE=0.5"])
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = last_job(tmp_path)
    assert report["doubtful"]["count"] == 1 and report["warnings"] == []
