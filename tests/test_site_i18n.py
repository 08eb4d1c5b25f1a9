"""The bilingual site (issue 6): Japanese at the root, English under en/, from one build.

What the English pages show (translations, the unofficial notice, the Japanese original, the
fallback for an untranslated remark), the language switcher's per-page links, English strings
and citations, the glossary, each language's search index, and the UI strings table.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import bench
import pytest
import yaml

from gijiroku.search.query import records as search_records
from gijiroku.site.cite import meeting_citation
from gijiroku.site.corpus import load_corpus
from gijiroku.site.i18n import (
    LANGUAGES,
    date_en,
    load_glossary,
    load_strings,
    ordinal,
    placeholders,
    translation_paths,
)
from support.paths import ROOT
from support.site import CONFIGS, LANGS, built_site, index_of, meeting_data, minutes_of, parse, units

STRINGS = ROOT / "gijiroku" / "site" / "strings.yml"
SITE_CODE = sorted((ROOT / "gijiroku" / "site").glob("*.py"))


def translation_of(name: str, data: dict) -> dict | None:
    """The English translation file beside a meeting's YAML, as loaded (None if none)."""
    root = CONFIGS[name].parent / "minutes"
    yaml_path = root / data["meeting"]["source"]["file"].rsplit(".", 1)[0]
    path = translation_paths(yaml_path.with_suffix(".yaml")).get("en")
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path else None


def meeting_html(name: str, lang: str, mid: str) -> Path:
    return built_site(name) / LANGS[lang] / "meetings" / mid / "index.html"


class Blocks(HTMLParser):
    """Per remark/item id: the classes of every element inside it (own block only), the text of
    its ``.gj-notice`` paragraphs, and the switcher links of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.classes: dict[str, set[str]] = {}
        self.notices: dict[str, list[str]] = {}
        self.alternates: dict[str, str] = {}
        self._owners: list[tuple[str, str | None]] = []
        self._notice: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        owner = self._owners[-1][1] if self._owners else None
        if {"gj-remark", "gj-item"} & classes and attrs.get("id"):
            owner = attrs["id"]
            self.classes[owner], self.notices[owner] = set(), []
        elif owner:
            self.classes[owner] |= classes
        if "gj-notice" in classes and owner:
            self._notice = owner
            self.notices[owner].append("")
        if tag == "a" and "gj-alternate" in classes:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self._owners.append((tag, owner))

    def handle_endtag(self, tag):
        while self._owners:
            if self._owners.pop()[0] == tag:
                break
        if tag == "p":
            self._notice = None

    def handle_data(self, data):
        if self._notice:
            self.notices[self._notice][-1] += data


def blocks(path: Path) -> Blocks:
    parser = Blocks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --- English meeting pages ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["real", "fixture"])
def test_english_meeting_page_shows_each_translation_or_the_japanese_with_a_notice(name):
    en = load_strings("en")
    for data in minutes_of(name):
        mid = data["meeting"]["id"]
        translated = (translation_of(name, data) or {}).get("remarks") or {}
        path = meeting_html(name, "en", mid)
        page, extra = parse(path), blocks(path)
        # same blocks, same IDs (anchors), same order as the Japanese page
        assert page.order == parse(meeting_html(name, "ja", mid)).order == [u["id"] for u in units(data)]
        for unit in units(data):
            uid = unit["id"]
            if uid in translated:
                assert page.text_of(uid) == translated[uid]["text"], uid
                assert "gj-original" in extra.classes[uid], f"{uid}: no Japanese original"
                assert "gj-badge" in extra.classes[uid], f"{uid}: no unofficial label"
            else:
                assert page.text_of(uid) == unit["text"], f"{uid}: fallback is not the Japanese"
                assert en("unit.fallback") in extra.notices[uid], uid
            assert page.text_of(uid).strip(), f"{uid}: empty block"


def test_real_minutes_are_fully_translated_and_say_unofficial():
    html = meeting_html("real", "en", "sr06").read_text(encoding="utf-8")
    extra = blocks(meeting_html("real", "en", "sr06"))
    assert not any(extra.notices.values())  # no fallback, no stale translation
    assert html.count('<span class="gj-badge">Unofficial translation</span>') == sum(
        1 for _ in units(meeting_data("real", "sr06")))
    assert 'class="admonition warning gj-translation-notice"' in html


def test_fixture_partial_translation_notices():
    """fx01-02 and fx01-03-2 are untranslated (fallback), fx01-03-1's source_hash is stale,
    fx01-99 is an ID the meeting lacks (ignored); markup in the translation stays text."""
    en = load_strings("en")
    path = meeting_html("fixture", "en", "fx01")
    notices, html = blocks(path).notices, path.read_text(encoding="utf-8")
    assert notices == {"fx01-01": [], "fx01-02": [en("unit.fallback")], "fx01-03": [],
                       "fx01-03-1": [en("unit.stale")], "fx01-03-2": [en("unit.fallback")]}
    assert "fx01-99" not in html
    assert "A remark that says &lt;script&gt;alert(2)&lt;/script&gt;." in html
    assert "**not bold** [y](javascript:alert(4))" in html
    assert "<h1>Study Group for Checking Safe Output (1st meeting) &lt;b&gt;&amp;&lt;/b&gt;: " in html
    # attendees: romanised where the translation has a name; roles from the file or strings.yml
    assert '<li>Shiken <span lang="ja">試験</span><span class="gj-role">Chair</span></li>' in html
    assert '<li><span lang="ja">検査</span><span class="gj-role">Member</span></li>' in html
    assert "The secretariat explained &lt;script&gt;alert(3)&lt;/script&gt;." in html


def test_english_pages_link_each_remark_to_the_same_anchor_on_the_japanese_page():
    html = meeting_html("real", "en", "sr06").read_text(encoding="utf-8")
    for unit in units(meeting_data("real", "sr06")):
        assert f'<a href="../../../meetings/sr06/#{unit["id"]}" hreflang="ja">' in html, unit["id"]


# --- the language switcher ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["real", "fixture"])
def test_every_page_has_a_switcher_to_the_same_page_in_each_language(name):
    site = built_site(name)
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert any(p.is_relative_to(site / "en") for p in pages)
    for path in pages:
        rel = path.relative_to(site).as_posix()
        lang = "en" if rel.startswith("en/") else "ja"
        page_path = rel[len(LANGS[lang]):]
        alternates = blocks(path).alternates
        assert set(alternates) == set(LANGUAGES), rel
        for other, href in alternates.items():
            target = urljoin("/" + rel, href).lstrip("/").removesuffix("index.html")
            assert href and target == LANGS[other] + page_path.removesuffix("index.html"), (rel, other, href)


# --- strings, citations, themes, glossary ---------------------------------------------------

def test_english_citations_carry_the_japanese_title():
    doc = next(d for d in load_corpus(ROOT / "minutes").meetings if d.id == "sr06")
    title_ja = doc.minutes.meeting.title + doc.minutes.meeting.kind
    url = "https://example.org/en/meetings/sr06/#"
    for lang in LANGS:
        citation = meeting_citation(doc, lang)
        assert all(f"「{title_ja}」, in Japanese" in citation.cite(u, url + u.id).en for u in doc.units())
    unit = next(u for u in doc.units() if u.id == "sr06-04")
    record = json.loads(meeting_citation(doc, "en").cite(unit, url + unit.id, translated=True).csl_json)
    assert record["original-title"] == f"{title_ja} 発言4"
    assert record["title"].startswith("Study Group on Realising")
    assert record["note"] == "Unofficial English translation" and record["language"] == "en"
    # the English page tells the browser which remarks it shows in translation
    html = meeting_html("real", "en", "sr06").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="gj-cite-data">(.*?)</script>', html)[1]
    translated = json.loads(data)["translated"]
    assert "sr06-04" in translated and set(translated) <= {u.id for u in doc.units()}


def test_english_pages_use_english_names_for_themes_roles_and_dates():
    site = built_site("real") / "en"
    lexicon = yaml.safe_load((ROOT / "gijiroku" / "data" / "themes.yml").read_text(encoding="utf-8"))
    index = (site / "themes" / "index.html").read_text(encoding="utf-8")
    for theme in lexicon["themes"]:
        assert f"<strong>{theme['name']['en']}</strong>" in index
        page = (site / "themes" / theme["id"] / "index.html").read_text(encoding="utf-8")
        assert theme["description"]["en"] in page
    meeting = meeting_html("real", "en", "sr06").read_text(encoding="utf-8")
    assert "Tuesday, 1 June 2021" in meeting
    assert meeting.count('<span class="gj-role">Chair</span>') == 1
    assert meeting.count('<span class="gj-role">Member</span>') == 11
    assert '<html lang="en"' in meeting


def test_no_japanese_ui_string_on_english_pages():
    """Every Japanese UI string of strings.yml that differs from its English is absent from the
    English pages (they hold Japanese only as data: in lang="ja" elements and in citations)."""
    table = yaml.safe_load(STRINGS.read_text(encoding="utf-8"))
    japanese = {v["ja"] for v in table.values() if v["ja"] != v["en"] and not placeholders(v["ja"])
                and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", v["ja"]) and len(v["ja"]) > 1}
    for path in (built_site("real") / "en").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        body = text[text.index('<div class="gj"'):] if '<div class="gj"' in text else ""
        # not shown: Japanese data, citations, and the data of the page's script (its UI strings
        # are English: tests/browser/test_cite_browser.py)
        body = re.sub(r'<(\w+)[^>]*\slang="ja"[^>]*>.*?</\1>|<pre[^>]*>.*?</pre>'
                      r'|<script type="application/json"[^>]*>.*?</script>', "", body, flags=re.S)
        found = sorted(s for s in japanese if s in body)
        assert not found, (path, found)


def test_glossary_page_shows_the_bilingual_glossary_in_both_languages():
    entries = load_glossary()
    assert len(entries) > 50
    for lang in LANGS:
        html = (built_site("real") / LANGS[lang] / "glossary" / "index.html").read_text(encoding="utf-8")
        table = html[html.index('id="bilingual"'):html.index('id="key-terms"')]
        assert table.count("<tr id=") == len(entries)
        for entry in entries:
            assert f'<td lang="en">{entry.en.replace("&", "&amp;")}' in table, entry.ja
    en = (built_site("real") / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="ja">「寛容性」</span> <span lang="en">“tolerance”</span>' in en


def test_each_language_searches_its_own_text():
    data = meeting_data("real", "sr06")
    translated = translation_of("real", data)["remarks"]
    for lang in LANGS:
        files = index_of(built_site("real"), LANGS[lang])
        assert json.loads(files["meta.json"])["language"] == lang
        shown = {u["id"]: u for u in search_records(files)}
        for unit in units(data):
            expected = translated[unit["id"]]["text"] if lang == "en" else unit["text"]
            assert shown[unit["id"]]["text"] == expected
            assert shown[unit["id"]]["url"] == f"meetings/sr06/#{unit['id']}"  # remark-level


# --- configuration and the strings table ----------------------------------------------------

def test_english_config_restates_only_words():
    """mkdocs.en.yml restates the lists INHERIT would replace (palette, nav): they must match
    mkdocs.yml apart from their words, so a change to one is not silently lost in the other."""
    for config in (CONFIGS["real"], CONFIGS["fixture"]):
        ja = bench.config_data(config)
        en = bench.config_data(config.with_name("mkdocs.en.yml"))
        assert en["INHERIT"] == config.name and en["theme"]["language"] == "en"
        assert [list(item.values()) for item in en["nav"]] == [list(item.values()) for item in ja["nav"]]
        if "palette" in en["theme"]:
            strip = [{**p, "toggle": {**p["toggle"], "name": None}} for p in ja["theme"]["palette"]]
            assert [{**p, "toggle": {**p["toggle"], "name": None}} for p in en["theme"]["palette"]] == strip
        assert "plugins" not in en  # inherited as a whole: the plugin reads theme.language


def test_strings_table_is_complete_and_every_key_used_exists():
    table = yaml.safe_load(STRINGS.read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        load_strings(lang)  # raises on a missing language or mismatched placeholders
    used = set()
    for path in SITE_CODE:
        used |= set(re.findall(r"""\bt(?:\.html)?\(\s*["']([a-z_.]+[a-z])["']""", path.read_text(encoding="utf-8")))
    assert used and not used - set(table), sorted(used - set(table))


@pytest.mark.parametrize(("table", "problem"), [
    ({"a": {"ja": "x"}}, "needs a string for each of ja, en"),
    ({"a": {"ja": "{n}件", "en": "{count} remarks"}}, "different {placeholders}"),
])
def test_strings_table_problems_are_reported(tmp_path, table, problem):
    from gijiroku.errors import GijirokuError
    path = tmp_path / "strings.yml"
    path.write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")
    with pytest.raises(GijirokuError, match=re.escape(problem)):
        load_strings("en", path)


@pytest.mark.parametrize(("number", "expected"), [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
    (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th"),
])
def test_ordinal(number, expected):
    assert ordinal(number) == expected


@pytest.mark.parametrize(("iso", "weekday", "expected"), [
    ("2021-06-01", False, "1 June 2021"),
    ("2021-06-01", True, "Tuesday, 1 June 2021"),
    ("2024-12-29", True, "Sunday, 29 December 2024"),
])
def test_date_en(iso, weekday, expected):
    import datetime as dt
    assert date_en(dt.date.fromisoformat(iso), weekday) == expected


# --- parse warnings worded in the page's language -------------------------------------------

SCHEMA = json.loads((ROOT / "gijiroku" / "schema" / "minutes.schema.json").read_text(encoding="utf-8"))
WARNING_KINDS = SCHEMA["properties"]["warnings"]["items"]["properties"]["kind"]["enum"]
DETAILS = {key.split(".")[1]: texts for key, texts in yaml.safe_load(STRINGS.read_text(encoding="utf-8")).items()
           if key.startswith("warning.") and key.endswith(".detail")}


@pytest.mark.parametrize("kind", sorted(DETAILS))
def test_a_warning_detail_template_is_for_a_kind_the_parser_gives(kind):
    assert kind in WARNING_KINDS


HEAD = "テスト研究会（第１回）\n議事要旨\n日時：令和３年６月１日（月）13時00分～15時00分\n場所：オンライン\n"
SEED_TEXT = (ROOT / "minutes" / "meti-smart-resilient" / "06.txt").read_text(encoding="utf-8")
# Sources that give warnings of every kind with args (model.Warning_).
WARNING_SOURCES = {
    "weekday and a turn inside a remark": HEAD + "○課題。（Ａ）一。\n二。（Ｂ）三。\n○次。（Ｄ）六。\n以上\n",
    "two meetings in one file": SEED_TEXT + SEED_TEXT,
    "page furniture": HEAD + "○課題について。\n- 3 -\n続きの話。\n○次。\n以上\n",
    "one remark for everything": HEAD + "○" + "（Ａ）長い発言です。" * 3000 + "\n以上\n",
    "labels the parser did not read": HEAD.replace("\n", " \n") + "○議事 \n"
    + "".join(f"（{c}）発言{c}です。\n" for c in "ＡＢＣＤＥ") + "以上 \n",
}


def parsed_warnings() -> list[tuple[str, dict]]:
    from gijiroku.parse.pipeline import parse_bytes
    from gijiroku.series import Series

    series = Series(slug="fixtures", code="fx", title="t", organiser="o")
    return [(name, w) for name, text in WARNING_SOURCES.items()
            for w in parse_bytes(text.encode(), "fx/01.txt", series).warnings if w.args]


def test_every_warning_detail_template_is_exercised():
    assert {w.kind for _, w in parsed_warnings()} == set(DETAILS)


@pytest.mark.parametrize(("source", "warning"), parsed_warnings(), ids=lambda x: x if isinstance(x, str) else x.kind)
def test_a_warning_with_args_fills_its_template_in_both_languages(source, warning):
    """Model invariant (model.Warning_): args hold exactly the template's placeholders, so the
    Japanese page can word the whole warning without the parser's English message."""
    texts = DETAILS[warning.kind]
    for lang in LANGUAGES:
        assert placeholders(texts[lang]) == set(warning.args), lang
    ja = texts["ja"].format(**warning.args)
    assert latin_words(ja) == [], ja


# --- the Japanese site shows no English UI ----------------------------------------------------

# Words in Latin letters a Japanese page may show: names of formats, software and standards,
# acronyms and names used in the minutes, the project's name, and the English site's name on
# the link to it. Anything else (e.g. "copied", "Made with", "the header says") is English UI.
ALLOWED_WORDS = {
    "BibTeX", "CSL-JSON", "JSON", "YAML", "CSV", "PDF", "HTML", "Markdown", "JavaScript", "MkDocs",
    "Material", "Schema", "Atom", "URL", "ID", "UTF", "BOM", "CR", "ZIP",
    "DX", "RX", "SDGs", "Cisco", "Webex", "web", "slack", "salesforce", "Slack", "Teams", "MB", "KB",
    "gijiroku", "English", "en",
}
# Identifiers of the data formats that a page describes (the CSV's columns, data fields).
PAGE_WORDS = {"index.html": {"hash"},
              "data/index.html": {"id", "meeting", "date", "page", "themes", "text", "url", "parent"}}
# benchmarks.md is one English page for both sites (docs/en/benchmarks.md links to it), for
# maintainers; About says so where it links it.
NOT_JAPANESE = {"benchmarks/index.html"}
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-label", "data-template")


class ShownWords(HTMLParser):
    """Words in Latin letters of a page's text and of the attributes a reader sees or hears,
    outside elements marked as another language (lang="en"), scripts, styles and code."""

    SKIP = {"script", "style", "svg", "code", "pre", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = bool(self._stack and self._stack[-1][1]) or tag in self.SKIP or not (
            attrs.get("lang") or "ja").startswith("ja")
        if not skip:
            for name in SHOWN_ATTRIBUTES:
                self._add(attrs.get(name) or "")
        if tag not in VOID_TAGS:
            self._stack.append((tag, skip))

    def handle_endtag(self, tag):
        if any(open_tag == tag for open_tag, _ in self._stack):
            while self._stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not (self._stack and self._stack[-1][1]):
            self._add(data)

    def _add(self, text: str) -> None:
        self.words += latin_words(text)


def latin_words(text: str) -> list[str]:
    """Words in Latin letters. Tokens with digits, dots or slashes are IDs, file names, URLs and
    dates, not words; {name} is a placeholder a script fills; a single letter is a glyph or a
    label (文A)."""
    text = re.sub(r"\{\w+\}", " ", text)
    return [token for token in re.findall(r"[A-Za-z0-9][\w.:/@#%+'’-]*", text)
            if re.fullmatch(r"[A-Za-z]{2,}(?:-[A-Za-z]+)*", token)]


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
             "track", "wbr"}


def english_words(path: Path, allowed: set[str]) -> set[str]:
    parser = ShownWords()
    parser.feed(path.read_text(encoding="utf-8"))
    return set(parser.words) - allowed


@pytest.mark.parametrize(("html", "expected"), [
    ('<p>コピーしました (copied)</p>', {"copied"}),
    ('<p title="Copy link">リンク</p>', {"Copy", "link"}),
    ('<p>ID sr06-01 と <span lang="en">the original</span></p>', set()),
    ('<p>https://example.org/a.json, 2021-06-01</p><pre>@misc{x, title = {t}}</pre>', set()),
    ('<html lang="ja"><body><p lang="en">Made <b>with</b></p><p>Made with</p></body></html>', {"Made", "with"}),
])
def test_the_english_word_finder(html, expected, tmp_path):
    page = tmp_path / "p.html"
    page.write_text(html, encoding="utf-8")
    assert english_words(page, ALLOWED_WORDS) == expected


def test_japanese_pages_show_no_english_ui():
    site = built_site("real")
    found = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(LANGS["en"]) or rel in NOT_JAPANESE:
            continue
        words = english_words(path, ALLOWED_WORDS | PAGE_WORDS.get(rel, set()))
        if words:
            found[rel] = sorted(words)
    assert found == {}
