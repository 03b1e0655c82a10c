"""DATASHEET.md: a generated description of a pack for the researchers who get it.

Figures (counts, date ranges, coverage) are computed from the packed records
themselves; the cleaning and deduplication rules are described from the code
in newsarchive/text/clean.py, newsarchive/text/boilerplate.py and crawler/pipelines/dedupe.py; the
field dictionary is generated from the schema's descriptions.
"""

from __future__ import annotations

from newsarchive.text import boilerplate, clean, fields, learned
from newsarchive.handoff.tally import SourceTally
from newsarchive.record.format import FIELDS


def _cell(value) -> str:
    text = "—" if value is None or value == "" else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(_cell(h) for h in header) + " |",
           "|" + "|".join("---" if i == 0 else "---:" if _numeric(rows, i) else "---"
                          for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return out


def _numeric(rows, i) -> bool:
    return bool(rows) and all(isinstance(r[i], (int, float)) or str(r[i]).rstrip("%").replace(".", "").isdigit()
                              for r in rows)


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "—"


def _day(ts: str | None) -> str | None:
    return ts[:10] if ts else None


def render(manifest: dict, sources: dict[str, SourceTally], schema: dict) -> str:
    totals = manifest["totals"]
    names = sorted(sources)
    crawler = manifest["crawler"]
    filters = manifest["filters"]
    lines = [
        "# Datasheet",
        "",
        f"A pack of the regional news archive made on {manifest['created_at']} by "
        f"{crawler['name']} {crawler.get('version') or '(unknown version)'}"
        + (f" (commit `{crawler['git_commit']}`)" if crawler.get("git_commit") else "") + ". "
        f"It holds **{totals['records']} records** from **{len(names)} source"
        f"{'' if len(names) == 1 else 's'}** in {totals['files']} day files. "
        "`manifest.json` lists every file with its SHA-256, size and record count; "
        "`schema.json` is the JSON Schema of a line; check the pack with `scrapy verify` "
        "(see the end of this sheet).",
        "",
        "Selection: " + _filters_text(filters) + ".",
        "",
        "## What was crawled",
        "",
    ]
    rows = []
    for name in names:
        t = sources[name]
        by_source = totals["by_source"].get(name, {})
        rows.append([name, t.records, t.files, by_source.get("first_day"), by_source.get("last_day"),
                     _day(t.crawled.first), _day(t.crawled.last)])
    if len(names) > 1:
        all_crawled = [sources[n].crawled for n in names]
        rows.append(["**all**", totals["records"], totals["files"],
                     min((r[3] for r in rows if r[3]), default=None),
                     max((r[4] for r in rows if r[4]), default=None),
                     min((_day(c.first) for c in all_crawled if c.first), default=None),
                     max((_day(c.last) for c in all_crawled if c.last), default=None)])
    lines += _table(["source", "records", "day files", "first day", "last day", "crawled from", "crawled until"], rows)
    lines += [
        "",
        "A record's day is the UTC day of its publication time (`published_at`), or of its "
        "crawl time (`crawled_at`) when the page gave no date; each day file holds one source's "
        "records of one day.",
        "",
        "### Records per source and month",
        "",
    ]
    months = sorted({m for n in names for m in sources[n].months})
    month_rows = [[m] + [sources[n].months.get(m, 0) for n in names]
                  + ([sum(sources[n].months.get(m, 0) for n in names)] if len(names) > 1 else [])
                  for m in months]
    lines += _table(["month"] + names + (["all"] if len(names) > 1 else []), month_rows)
    lines += ["", "### Crawls", ""]
    lines += _jobs_text(manifest["jobs"])

    lines += ["", "## How records were cleaned", ""] + _cleaning_text()
    lines += ["", "## Duplicates and versions", ""] + _duplicates_text(names, sources)
    lines += ["", "## Field coverage", "",
              "Share of the packed records in which a field is present and not empty "
              "(not null, not an empty string or list).", ""]
    cov_rows = []
    for field_name in FIELDS:
        row = [f"`{field_name}`"] + [_pct(sources[n].filled[field_name], sources[n].records) for n in names]
        if len(names) > 1:
            row.append(_pct(sum(sources[n].filled[field_name] for n in names), totals["records"]))
        cov_rows.append(row)
    lines += _table(["field"] + names + (["all"] if len(names) > 1 else []), cov_rows)
    lines += ["", "## Known limitations", ""] + _limitations(manifest, names, sources)
    lines += ["", "## Field dictionary", "",
              f"From `schema.json` ({schema.get('$id', 'record schema')}, JSON Schema 2020-12).", ""]
    lines += _dictionary(schema)
    lines += ["", "## Checking this pack", "",
              "```sh",
              "scrapy verify PACK                # from a checkout of the crawler: checksums, counts, schema, placement",
              "```",
              "",
              "Without the crawler: every `files[].path`, `raw[].path` and `documents[].path` in "
              "`manifest.json` has a `sha256` to compare with `sha256sum`, and `records` is the "
              "file's line count (of the decompressed file for `.jsonl.gz`).", ""]
    return "\n".join(lines)


def _filters_text(filters: dict) -> str:
    parts = [f"sources {', '.join(filters['sources'])}" if filters.get("sources") else "all sources"]
    if filters.get("since") or filters.get("until"):
        parts.append(f"publication days {filters.get('since') or 'start'} to {filters.get('until') or 'end'}")
    else:
        parts.append("all days")
    if filters.get("crawled_since"):
        parts.append(f"only records crawled at or after {filters['crawled_since']} "
                     "(an incremental delivery: merge it with earlier ones by `id` and `version`)")
    return "; ".join(parts)


def _jobs_text(jobs: list[dict]) -> list[str]:
    if not jobs:
        return ["No job reports were found for these records (they were crawled before job "
                "reports existed, or the reports were removed)."]
    failed = [j for j in jobs if j.get("verdict") == "failed"]
    out = [f"{len(jobs)} crawl job{'s' if len(jobs) != 1 else ''} wrote records into these day files, "
           f"the first started {jobs[0].get('started_at')}, the last finished {jobs[-1].get('finished_at')}"
           + (f"; {len(failed)} ended with the verdict `failed`" if failed else "") + ". "
           "Each job's arguments and settings are in `manifest.json` (`jobs`).", ""]
    shown = jobs if len(jobs) <= 40 else jobs[:20] + jobs[-20:]
    rows = []
    for job in shown:
        args = ", ".join(f"{k}={v}" for k, v in (job.get("arguments") or {}).items())
        written = sum(sum(days.values()) for days in job.get("written", {}).values())
        rows.append([job.get("job_id"), job.get("started_at"), job.get("finished_at"), args,
                     job.get("verdict"), written])
    out += _table(["job", "started", "finished", "arguments", "verdict", "lines written here"], rows)
    if len(shown) < len(jobs):
        out += ["", f"({len(jobs) - len(shown)} jobs in between are listed in manifest.json only.)"]
    return out


def _cleaning_text() -> list[str]:
    zwnj = ", ".join(sorted(clean.ZWNJ_LANGUAGES))
    return [
        "Every text field (title, body, section, authors, tags, related titles) went through the "
        "same normalisation before it was archived, so the same article comes out the same "
        "whatever the site's encoding tricks. Only what is provably noise is changed:",
        "",
        "1. **HTML entities** are decoded exactly once (a literal `&amp;quot;` stays `&quot;`).",
        "2. **Invisible characters are removed**: soft hyphen, Arabic letter mark, zero-width "
        "space, zero-width joiner, LRM/RLM, the bidi embeddings and overrides (U+202A–U+202E), "
        "word joiner, the bidi isolates (U+2066–U+2069) and BOM. The zero-width non-joiner is "
        f"removed too, except in languages that spell with it ({zwnj}).",
        "3. **Arabic presentation forms** (U+FB50–U+FDFF, U+FE70–U+FEFC, the glyph-shaped "
        "letters some sites and PDFs emit) are turned into plain letters (NFKC on those "
        "characters only).",
        "4. **Keyword-filter obfuscation is undone**: tatweel (ـ) padding between two Arabic "
        "letters is removed, together with dots touching it (\"قصـ.ف\" → \"قصف\"), and so is a "
        "dot alone inside a word when a piece beside it cannot be a word of its own (a lone "
        "letter, the bare article, a piece starting with ة/ى/ء, a bare ending), the joined word "
        "appears elsewhere in the article or is a common Arabic word by a frequency list "
        "(\"ا.لقصف\" → \"القصف\", \"غ.ارة\" → \"غارة\", \"العسك.رية\" → \"العسكرية\"). "
        "Abbreviations of single letters (\"ج.م.ع\", \"أ.ف.ب\", \"د.محمد\"), numbers in "
        "either digit set, URLs, e-mail addresses and Latin text stay; a dot after a finished "
        "word is a full stop with a missing space and gets the space (\"المدينة.وقال\" → "
        "\"المدينة. وقال\"). A tatweel before a quote, a Latin word or a number (بـ\"…\", "
        "لـ COVID) is how Arabic attaches a prefix and stays. Some word cuts cannot be decided "
        "(a rare name cut in two, a word cut into single letters like an abbreviation) and get a "
        "space or stay rather than a guess.",
        "5. **Unicode NFC** normalisation, then whitespace collapsed to single spaces; one-line "
        "fields lose line breaks; bodies keep paragraphs separated by exactly one blank line.",
        "6. **Boilerplate lines are dropped from bodies**: \"read also\" lines, share rows, "
        "newsletter and copyright lines, calls to action, \"back to top\", share counters before "
        "the first paragraph, and a trailing related/\"most read\" heading with the short linked "
        "titles under it. "
        "Phrases are compared spelling-insensitively (أ/ا, ى/ي, ة/ه, harakat and tatweel "
        "ignored). The rules are conservative: a paragraph of more than "
        f"{boilerplate.LONG_PARAGRAPH_WORDS} words is always kept unless it opens with a "
        "\"read also\" prefix, and copyright/newsletter phrases only drop lines of at most "
        f"{boilerplate.SHORT_LINE_WORDS} words. Site profiles may add phrases of their own.",
        "7. **Boilerplate learned per source is dropped from bodies**: a paragraph of "
        f"{learned.MIN_WORDS} to {learned.MAX_WORDS} words that appeared word for word in at least "
        f"{learned.NEWS_BOILERPLATE_MIN_ARTICLES} earlier articles of the same source and in at least "
        f"{learned.NEWS_BOILERPLATE_MIN_SHARE:.0%} of them (comment policies, newsletter pitches, "
        "disclaimers no phrase list knows). A source's first articles, written before enough of "
        "them were seen, may still carry it.",
        "8. **Control characters** (C0/C1, except the line breaks between paragraphs) and the "
        "replacement character U+FFFD (bytes invalid in the page's charset) are removed from every "
        f"field; by default, titles, sections, authors and tags longer than {fields.NEWS_MAX_TITLE_CHARS} "
        f"characters and bodies longer than {fields.NEWS_MAX_BODY_CHARS:,} are cut at a word or paragraph.",
        "",
        "Text is therefore not byte-identical to the page: quote from the raw captures "
        "(`raw/`, when present) where exact page text matters.",
    ]


def _duplicates_text(names: list[str], sources: dict[str, SourceTally]) -> list[str]:
    out = [
        "- **One record per article.** `id` is derived from the canonical URL (host without "
        "www, path without trailing slash or /amp, tracking parameters removed), so AMP, print "
        "and tracking-parameter variants and redirects of a page are archived once, across "
        "crawls.",
        "- **Same text under another URL of the same source**: dropped (exact body fingerprint, "
        "or a near-duplicate: an estimated Jaccard similarity of the bodies' word trigrams of "
        "at least 0.6, by MinHash with LSH bands, so a dateline, a cut paragraph or a few changed "
        "words do not make a new story).",
        "- **Same story in another source** (syndication): kept, with `duplicate_of` set to the "
        "`id` of the earlier record. Filter on `duplicate_of is null` for one copy per story.",
        "- **Corrections**: a re-crawl with `refresh` appends a new line with the same `id`, "
        "`version` + 1 and `modified_at`; earlier versions stay. **Keep the highest `version` "
        "per `id`** for the current text.",
        "",
    ]
    rows = [[n, sources[n].records, sources[n].duplicates, sources[n].versions_above_1] for n in names]
    out += _table(["source", "records", "with duplicate_of", "lines with version > 1"], rows)
    return out


def _limitations(manifest: dict, names: list[str], sources: dict[str, SourceTally]) -> list[str]:
    out = [
        "- Extraction is automatic (site profiles where a site needed one): a few records may "
        "carry page furniture in the body, miss an author or tag, or have a wrong section.",
        "- Dates: a date printed without a time is stored at 00:00 UTC of that day; dates in "
        "the future (beyond a day) or before 1990 are rejected. A record without a publication "
        "date is filed under its crawl day.",
        "- Coverage is what the sites link to (sitemaps, feeds, sections) and allow "
        "(robots.txt is obeyed); paywalled, deleted, or never-linked articles are missing, and "
        "incremental crawls look back only a couple of days, so backdated articles may be "
        "missing unless a crawl asked for them.",
        "- Near-duplicate detection is tuned to miss rather than merge: heavily edited "
        "syndicated copies may appear without `duplicate_of`.",
        "- Records are as of their `crawled_at`; later edits on the site are only captured by "
        "refresh crawls (`version` > 1).",
    ]
    for name in names:
        t = sources[name]
        if t.no_published:
            out.append(f"- `{name}`: {t.no_published} of {t.records} records "
                       f"({_pct(t.no_published, t.records)}) have no `published_at` and are filed by crawl day.")
        if t.invalid:
            out.append(f"- `{name}`: {t.invalid} lines are not valid JSON records (packed as found; "
                       "`scrapy verify` lists them).")
    failed = [j["job_id"] for j in manifest["jobs"] if j.get("verdict") == "failed"]
    if failed:
        out.append(f"- {len(failed)} of the crawls behind these records ended `failed` "
                   f"(see `jobs[].reasons` in manifest.json): {', '.join(failed[:10])}"
                   + (" …" if len(failed) > 10 else "") + ".")
    with_reports = {s for j in manifest["jobs"] for s in j.get("written", {})}
    without = [n for n in names if n not in with_reports]
    if without:
        out.append(f"- No job report covers {', '.join(f'`{n}`' for n in without)}: when and how "
                   "those records were crawled is only known from `crawled_at`.")
    if manifest.get("raw_missing"):
        out.append(f"- {len(manifest['raw_missing'])} raw capture file(s) referenced by records are "
                   "not in the archive (`raw_missing` in manifest.json).")
    if manifest["filters"].get("crawled_since"):
        out.append("- This is an incremental delivery: it holds only lines crawled at or after "
                   f"{manifest['filters']['crawled_since']}, which can include new versions of "
                   "articles delivered before.")
    return out


def _type_text(spec: dict) -> str:
    kind = spec.get("type")
    if kind is None and "const" in spec:
        return f"const {spec['const']}"
    kinds = [kind] if isinstance(kind, str) else list(kind or [])
    text = " or ".join(kinds) or "any"
    if spec.get("format"):
        text += f" ({spec['format']})"
    if "array" in kinds and isinstance(spec.get("items"), dict) and spec["items"].get("type"):
        text += f" of {_type_text(spec['items'])}"
    return text


#: Used where the schema has no description of its own (marked with *).
_FALLBACK = {
    "modified_at": "When the site says the article was last changed; ISO 8601 with offset, or null.",
    "authors": "Author names as the site gives them; may be empty.",
    "tags": "The site's tags or keywords for the article; may be empty.",
    "crawled_at": "When the page was fetched, UTC.",
    "schema_version": "Version of the record schema these lines follow.",
    "related.url": "Canonical URL of the related article.",
    "related.title": "Its link text, cleaned like the title.",
    "warc.file": "The WARC file, relative to the pack or archive root (raw/….warc.gz).",
    "warc.offset": "Byte offset of the gzip member holding the response.",
}


def _describe(name: str, spec: dict) -> str:
    if spec.get("description"):
        return spec["description"]
    return _FALLBACK[name] + " *" if name in _FALLBACK else ""


def _dictionary(schema: dict) -> list[str]:
    required = set(schema.get("required", ()))
    rows = []
    for name, spec in schema.get("properties", {}).items():
        rows.append([f"`{name}`", _type_text(spec), "yes" if name in required else "no",
                     _describe(name, spec)])
        nested = spec.get("items", {}) if isinstance(spec.get("items"), dict) else spec
        for sub, sub_spec in (nested.get("properties") or {}).items():
            rows.append([f"`{name}.{sub}`", _type_text(sub_spec),
                         "yes" if sub in set(nested.get("required", ())) else "no",
                         _describe(f"{name}.{sub}", sub_spec)])
    out = _table(["field", "type", "required", "description"], rows)
    if any(str(r[3]).endswith(" *") for r in rows):
        out += ["", "\\* not in the schema's own descriptions; written for this sheet."]
    return out
