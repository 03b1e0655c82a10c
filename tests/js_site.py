"""A news site whose article bodies and section listings are built by JavaScript, late."""

from __future__ import annotations

import json

from mini_site import MiniSite

ARTICLES = {
    f"/news/{n}.html": {
        "title": title,
        "published": f"2021-04-{10 + n:02d}T08:00:00+03:00",
        "paragraphs": [f"{title}: الفقرة {i} من نص يُبنى في المتصفح بعد تحميل الصفحة، كما تفعل مواقع "
                       f"كثيرة تعتمد على أطر جافاسكربت حديثة لعرض محتواها." for i in range(1, 5)],
    }
    for n, title in enumerate(["افتتاح جسر جديد فوق النهر", "موسم زراعي واعد في السهل",
                               "مهرجان للمسرح في المدينة القديمة", "تحديث شبكة النقل العام"], start=1)
}
DELAY_MS = 1200


def _shell(title: str, script: str) -> str:
    return (f'<!doctype html><html lang="ar"><head><title>{title}</title>'
            f'<script src="/static/app.js"></script></head>'
            f'<body><div id="app">جار التحميل…</div><script>{script}</script></body></html>')


def _article_script(article: dict) -> str:
    paras = "".join(f"<p>{p}</p>" for p in article["paragraphs"])
    html = (f'<article><h1>{article["title"]}</h1><time datetime="{article["published"]}">'
            f'{article["published"][:10]}</time><div class="entry-content">{paras}</div></article>')
    return f"setTimeout(function(){{document.getElementById('app').innerHTML={json.dumps(html)};}}, {DELAY_MS});"


def js_site() -> MiniSite:
    site = MiniSite()
    site.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow:\n")
    site.pages["/static/app.js"] = ("application/javascript", b"window.app = {};")
    site.html("/", '<html lang="ar"><head><title>أخبار المدينة</title></head><body>'
                   '<nav><a href="/section/city/">المدينة</a></nav><p>موقع إخباري محلي.</p></body></html>')
    links = "".join(f'<li><a href="{path}">{a["title"]}</a></li>' for path, a in ARTICLES.items())
    site.html("/section/city/", _shell(
        "المدينة", f"setTimeout(function(){{document.getElementById('app').innerHTML="
                   f"{json.dumps('<ul>' + links + '</ul>')};}}, {DELAY_MS});"))
    for path, article in ARTICLES.items():
        site.html(path, _shell(article["title"], _article_script(article)))
    return site
