"""Static, contact and error pages outside WordPress: one ``<h1>``, long running text, a date line.

The hardest pages of the corpus are here: an "about us" at
``/page.php?id=7`` (windows-1256, no metadata), editorial standards at
``/p/editorial-standards`` and ``/ar/info/editorial`` (no static slug; the
latter with ``og:type=article`` and ``article:modified_time``), each with
"آخر تحديث: 12 مارس 2023" / "Last updated: March 12, 2023" above the text;
and a soft 404 at an article address that answers 200 with a list of the
latest news.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from . import Page
from . import collection, legacy, misc
from .common import ar_date, en_date, esc, ld, stories
from .corpus_text import (AR_ABOUT, AR_EDITORIAL, AR_PRIVACY, AR_TERMS, EN_PRIVACY, EN_STANDARDS, EN_TERMS)
from .wp_themes import AR_BASE, AR_SITE, jannah_document, jannah_teasers, og

UPDATED = datetime(2023, 3, 12, 9, 0, tzinfo=timezone(timedelta(hours=3)))
AR_LINE = f"آخر تحديث: {ar_date(UPDATED, weekday=False)}"
AR_LINE_LEVANT = f"آخر تحديث: {ar_date(UPDATED, levant=True, weekday=False)}"
EN_LINE = f"Last updated: {en_date(UPDATED)}"


def _legacy(site, name, path, kind, heading, blocks_html, note, *, status=200):
    main = (f'<table width="100%" cellpadding="4" cellspacing="0"><tr><td><font size="2"><a href="{site.base}/">الرئيسية</a> &raquo; '
            f'{esc(heading)}</font></td></tr><tr><td><font size="5" color="{site.color}"><b>{esc(heading)}</b></font></td></tr>'
            f'{blocks_html}</table>')
    body = legacy.document(site, f"{site.name} - {heading}", main).encode("cp1256", "xmlcharrefreplace")
    return Page(f"static/{name}", site.base + path, kind, "legacy", "text/html; charset=windows-1256", body, note, status)


def _legacy_text(paragraphs, line):
    text = "<br><br>".join(esc(p) for p in paragraphs)
    return (f'<tr><td><font size="2" color="#808080">{line}</font></td></tr>'
            f'<tr><td class="txt"><font size="3">{text}</font></td></tr>')


def _custom(name, path, kind, heading, paragraphs, line, note, *, lang="en", head="", status=200, after=""):
    body = (f'<div class="gw-static"><p class="gw-updated">{esc(line)}</p>' if line else '<div class="gw-static">') + \
        "".join(f"<p>{esc(p)}</p>" for p in paragraphs) + "</div>" + after
    page = misc.custom(path, kind, name, heading, body, lang=lang, note=note, more=False, head=head, status=status)
    return replace(page, name=f"static/{name}", markup="custom")


def _modern(name, path, heading, paragraphs, note):
    site = collection.AR
    url = site[0] + path
    head = (f'<link rel="canonical" href="{url}"><meta property="og:type" content="article"><meta property="og:title" content="{esc(heading)}">'
            f'<meta property="article:modified_time" content="{UPDATED.isoformat()}"><meta name="description" content="{esc(paragraphs[0][:140])}">'
            + ld({"@context": "https://schema.org", "@type": "WebPage", "name": heading, "url": url,
                  "dateModified": UPDATED.isoformat(), "inLanguage": "ar"}))
    main = (f'<article class="static-page"><header class="static-page__header"><h1>{esc(heading)}</h1>'
            f'<p class="static-page__updated">{AR_LINE}</p></header><div class="static-page__body">'
            + "".join(f"<p>{esc(p)}</p>" for p in paragraphs) + "</div></article>")
    html = collection.document(site, f"{heading} | {site[1]}", head, main, lang="ar")
    return Page(f"static/{name}", url, "static", "collection", "text/html; charset=utf-8", html.encode("utf-8"), note)


def _latest(lang, n, base):
    items = stories(lang, n, start=8, base=base, step_hours=4)
    return "".join(f'<div class="gw-card"><a class="gw-card__title" href="{s.url}">{esc(s.title)}</a><p class="gw-card__text">'
                   f'{esc(s.excerpt)}</p><div class="gw-card__meta">{en_date(s.when) if lang == "en" else ar_date(s.when)}</div></div>'
                   for s in items)


def _wp_error():
    items = stories("ar", 6, start=20, base=AR_BASE, path=lambda i, t, w: f"/archives/{184000 + i * 37}")
    main = ('<div class="container-wrapper" id="content-404"><h2>404 :(</h2><h3>عذراً، الصفحة التي تبحث عنها غير موجودة.</h3>'
            '<p>يبدو أنه لا يوجد شيء في هذا الرابط. ربما يمكنك تجربة البحث؟</p><form role="search" method="get" class="search-form" '
            f'action="{AR_BASE}/"><input type="search" class="search-field" name="s"><input type="submit" value="بحث"></form></div>'
            f'<div class="mag-box"><div class="mag-box-title"><h3>آخر الأخبار</h3></div>{jannah_teasers(items)}</div>')
    path = "/archives/170233"
    html = jannah_document(f"الصفحة غير موجودة - {AR_SITE}", og(AR_BASE + path, "الصفحة غير موجودة", AR_SITE, "website", "ar"),
                           "error404", main)
    return Page("static/wp-ar-404", AR_BASE + path, "error", "wordpress", "text/html; charset=UTF-8", html.encode("utf-8"),
                "WordPress 404 at an article id, with 6 latest-news teasers", 404)


def _wp_contact():
    form = ('<div class="wpcf7 no-js" id="wpcf7-f120-p14-o1" lang="ar" dir="rtl"><form action="/contact-us/#wpcf7-f120-p14-o1" '
            'method="post" class="wpcf7-form init" novalidate="novalidate"><p><label> الاسم<br><span class="wpcf7-form-control-wrap" '
            'data-name="your-name"><input size="40" class="wpcf7-form-control wpcf7-text" name="your-name" type="text"></span></label></p>'
            '<p><label> البريد الإلكتروني<br><input size="40" class="wpcf7-form-control wpcf7-email" name="your-email" type="email"></label></p>'
            '<p><label> رسالتك<br><textarea cols="40" rows="10" class="wpcf7-form-control wpcf7-textarea" name="your-message"></textarea></label></p>'
            '<p><input class="wpcf7-form-control wpcf7-submit has-spinner" type="submit" value="إرسال"></p></form></div>')
    main = (f'<article id="the-post" class="container-wrapper post-content"><header class="entry-header-outer"><div class="entry-header">'
            f'<h1 class="post-title entry-title">اتصل بنا</h1></div></header><div class="entry-content entry clearfix">'
            f'<p>{esc(AR_ABOUT[5])}</p><p>العنوان: شارع الحمراء، بناء النجمة، الطابق الرابع. هاتف: 01-345678</p>{form}</div></article>')
    html = jannah_document(f"اتصل بنا - {AR_SITE}", og(AR_BASE + "/contact-us/", "اتصل بنا", AR_SITE, "article", "ar"),
                           "page-template-default page page-id-14", main, ticker=False)
    return Page("static/wp-ar-contact", AR_BASE + "/contact-us/", "contact", "wordpress", "text/html; charset=UTF-8",
                html.encode("utf-8"), "WordPress contact page with Contact Form 7")


def pages() -> list[Page]:
    fajr, watan, sahel = legacy.FAJR, legacy.WATAN, legacy.SAHEL
    soft404 = legacy.teaser_rows(fajr, stories("ar", 6, start=2, base=fajr.base, newest=legacy.LEGACY_NOW,
                                                path=lambda i, t, w: f"/details.php?id={48000 + i * 29}"))
    return [
        _legacy(fajr, "legacy-ar-about", "/page.php?id=7", "static", "من نحن", _legacy_text(AR_ABOUT, AR_LINE_LEVANT),
                "about us at /page.php?id=7: cp1256, no metadata, 1000 chars, a date line, one heading"),
        _legacy(watan, "legacy-ar-terms", "/static.asp?id=3", "static", "شروط الاستخدام", _legacy_text(AR_TERMS, AR_LINE),
                "terms at /static.asp?id=3, charset only in the header, a date line"),
        _legacy(sahel, "legacy-ar-privacy", "/privacy.html", "static", "سياسة الخصوصية", _legacy_text(AR_PRIVACY, AR_LINE_LEVANT),
                "privacy policy, 2000 chars of running text in one cell"),
        _legacy(fajr, "legacy-ar-contact", "/contact.php", "contact", "اتصل بنا",
                '<tr><td><font size="2">للتواصل مع هيئة التحرير يرجى ملء النموذج التالي، وسنرد على رسالتكم في أقرب وقت ممكن.<br>'
                'الهاتف: 011-2233445 &nbsp; الفاكس: 011-2233446<br>البريد الإلكتروني: editor@alfajr-news.example</font><form action="/contact.php" '
                'method="post"><font size="2">الاسم: <input name="name"><br>البريد: <input name="mail"><br>الرسالة:<br><textarea name="msg" '
                'rows="7" cols="45"></textarea><br><input type="submit" value="إرسال"></font></form></td></tr>',
                "legacy contact page"),
        _legacy(fajr, "legacy-ar-soft404", "/details.php?id=99999", "error", "عذراً، الخبر المطلوب غير موجود",
                '<tr><td><font size="3">ربما تم حذف الخبر أو أن الرابط غير صحيح. يمكنكم تصفح آخر الأخبار أدناه.</font></td></tr>'
                f'<tr><td bgcolor="#EEEEEE"><font size="3"><b>آخر الأخبار</b></font></td></tr>{soft404}',
                "soft 404: status 200 at an article URL (/details.php?id=99999), then 6 teaser rows"),
        _custom("custom-en-editorial", "/p/editorial-standards", "static", "Editorial standards", EN_STANDARDS, EN_LINE,
                "editorial standards at /p/editorial-standards: no static slug, 1400 chars, a date line"),
        _custom("custom-en-privacy", "/privacy-policy/", "static", "Privacy policy", EN_PRIVACY, EN_LINE,
                "2300-char privacy policy with a date line"),
        _custom("custom-en-terms", "/legal/terms-and-conditions", "static", "Terms and conditions", EN_TERMS, EN_LINE,
                "terms under /legal/"),
        _custom("custom-ar-about", "/ar/about-us/", "static", "من نحن", AR_ABOUT, AR_LINE, "Arabic about page", lang="ar"),
        _custom("custom-en-contact", "/contact", "contact", "Contact us",
                ["Newsroom: news@gulfwire.example, +971 4 555 0100. Corrections: corrections@gulfwire.example.",
                 "Advertising and partnerships: sales@gulfwire.example. Press office: press@gulfwire.example."], "",
                "contact page, short text"),
        _custom("custom-en-404", "/news/2024/03/markets-rally-as-central-bank-signals-cut", "error", "Page not found",
                ["Sorry, we couldn't find the page you were looking for. It may have been moved or deleted."], "",
                "404 at an article-shaped URL with 8 latest-news teasers", status=404,
                after=f'<h2>Latest news</h2><div class="gw-grid">{_latest("en", 8, misc.CUSTOM[0])}</div>'),
        _modern("modern-ar-editorial", "/ar/info/editorial", "سياسة التحرير", AR_EDITORIAL,
                "editorial policy at /ar/info/editorial: og:type=article, article:modified_time, date line"),
        _wp_contact(),
        _wp_error(),
    ]
