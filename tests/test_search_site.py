"""Search in the built site (issue 5): the index the plugin writes under search/, the search
page, the header box that replaces Material's search, and the English site's index (issue 6).
The browser side is tests/browser/test_search_browser.py."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import material
import pytest
import yaml

from gijiroku.search.query import records as search_records
from gijiroku.search.query import search
from gijiroku.site.plugin import THEME
from gijiroku.site.search import STRINGS_PREFIX, search_language
from support.paths import ROOT
from support.site import built_site, index_of, minutes_of, units

MATERIAL = Path(material.__file__).resolve().parent / "templates"


def records(files: dict[str, str]) -> list[dict]:
    return search_records(files)


def test_header_override_is_materials_header_with_only_the_search_block_replaced():
    """Our one copy of a Material template: when Material changes its header, this fails, and
    the override must be re-made from the new header (same one-block change)."""
    original = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (THEME / "partials" / "header.html").read_text(encoding="utf-8")
    start = original.index('    {% if "material/search" in config.plugins %}')
    end = original.index("    {% if config.repo_url %}")
    body = original[original.index("-#}\n") + 4:]
    expected = body.replace(original[start:end], '    {% include "partials/gijiroku-search.html" %}\n')
    assert ours[ours.index("-#}\n") + 4:] == expected


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_index_holds_every_remark_and_item_with_its_permalink(name):
    site = built_site(name)
    files = index_of(site)
    meta = json.loads(files["meta.json"])
    assert meta["language"] == "ja" and meta["format"] == "gijiroku-search/2"
    expected = {u["id"]: (d["meeting"]["id"], u["text"]) for d in minutes_of(name) for u in units(d)}
    got = {r["id"]: r for r in records(files)}
    assert got.keys() == expected.keys() and meta["units"] == len(expected)
    for uid, (mid, text) in expected.items():
        assert got[uid]["url"] == f"meetings/{mid}/#{uid}"
        assert got[uid]["text"] == text
        page = (site / "meetings" / mid / "index.html").read_text(encoding="utf-8")
        assert f'id="{uid}"' in page


def test_theme_labels_come_from_the_lexicon():
    lexicon = yaml.safe_load((ROOT / "gijiroku" / "data" / "themes.yml").read_text(encoding="utf-8"))
    names = {t["id"]: t for t in lexicon["themes"]}
    for folder, lang in (("", "ja"), ("en", "en")):
        themes = json.loads(index_of(built_site("real"), folder)["meta.json"])["themes"]
        assert themes
        for theme in themes:
            assert theme["label"] == names[theme["slug"]]["name"][lang], theme


def test_english_index_uses_the_translations_and_falls_back_to_japanese():
    site = built_site("real")
    files = index_of(site, "en")
    assert json.loads(files["meta.json"])["language"] == "en"
    got = {r["id"]: r for r in records(files)}
    meetings = minutes_of("real")
    assert got.keys() == {u["id"] for data in meetings for u in units(data)}
    for data in meetings:
        path = ROOT / "minutes" / (data["meeting"]["source"]["file"].rsplit(".", 1)[0] + ".en.yml")
        translated = (yaml.safe_load(path.read_text(encoding="utf-8"))["remarks"]
                      if path.is_file() else {})
        for unit in units(data):
            entry = translated.get(unit["id"])
            assert got[unit["id"]]["text"] == (entry["text"] if entry and entry["text"].strip()
                                               else unit["text"])


def test_english_index_shares_the_japanese_units_files_and_links_english_pages():
    """One copy of every unit's source text: en/search/ has no units/ of its own, reads the
    root index's (which a Japanese query verifies against too), and keeps the translations."""
    site = built_site("real")
    ja_meta, en_meta = (json.loads(index_of(site, folder)["meta.json"]) for folder in ("", "en"))
    assert not (site / "en" / "search" / "units").exists()
    assert not list((site / "en" / "search").glob("[ds]*.json"))  # dates.json, speakers.json: the root's
    assert (en_meta["dates"], en_meta["speakers"]) == ("../../search/dates.json", "../../search/speakers.json")
    assert (site / "search" / "units").is_dir() and ja_meta["units_at"] == ""
    assert en_meta["units_at"] == "../../search/"
    assert (site / "en" / "search" / en_meta["units_at"]).resolve() == (site / "search").resolve()
    assert en_meta["rows"] == ja_meta["rows"]
    assert [(t["slug"], t["count"]) for t in en_meta["themes"]] == [(t["slug"], t["count"]) for t in ja_meta["themes"]]
    assert [s["slug"] for s in en_meta["series"]] == [s["slug"] for s in ja_meta["series"]]
    assert en_meta["texts"] and list((site / "en" / "search" / "texts").glob("*.json"))
    ja, en = ({r["id"]: r for r in records(index_of(site, folder))} for folder in ("", "en"))
    for uid, record in en.items():
        assert record.get("original", record["text"]) == ja[uid]["text"]
        # a relative URL: under en/ it opens the English meeting page
        assert record["url"] == ja[uid]["url"] and (site / "en" / record["url"].split("#")[0] / "index.html").is_file()
    [translated] = [r for r in en.values() if r.get("original")][:1]
    word = translated["text"].split()[0]
    assert translated["id"] in {r["id"] for r in search(index_of(site, "en"), word)}


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_header_box_on_every_page_and_no_material_search(name):
    site = built_site(name)
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 5
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert html.count('class="gj-header-search"') == 1, path
        assert 'type="module"' in html and "assets/search/site.js" in html, path
        assert 'data-md-component="search"' not in html and "md-search" not in html, path
    assert not list(site.rglob("search_index.json"))
    page = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert page.count('id="gj-search"') == 1 and "<noscript>" in page


@pytest.mark.parametrize(("language", "expected"), [("ja", "ja"), ("en", "en"), ("en_GB", "en"), ("zh", "ja")])
def test_search_language(language, expected):
    assert search_language(language) == expected


def test_every_search_word_in_strings_yml_is_used_by_search_js():
    table = yaml.safe_load((ROOT / "gijiroku" / "site" / "strings.yml").read_text(encoding="utf-8"))
    js = (ROOT / "gijiroku" / "site" / "assets" / "search" / "search.js").read_text(encoding="utf-8")
    keys = [k.removeprefix(STRINGS_PREFIX) for k in table if k.startswith(STRINGS_PREFIX)]
    assert len(keys) > 20
    assert [k for k in keys if not re.search(rf"(?:t|table)\.{k}\b|\"{k}\"", js)] == []


@pytest.mark.parametrize(("lang", "prompt"), [("", "検索語を入力してください。"), ("en/", "Type a search.")])
def test_the_search_page_carries_its_words_in_its_language(lang, prompt):
    page = (built_site("real") / lang / "search" / "index.html").read_text(encoding="utf-8")
    words = json.loads(html.unescape(re.search(r'<div id="gj-search" class="gj-search" data-strings="([^"]*)"', page).group(1)))
    assert words["prompt"].startswith(prompt)
    assert "{q}" in words["none_query"]  # placeholders are filled in the browser
