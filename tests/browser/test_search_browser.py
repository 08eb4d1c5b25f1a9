"""Search in the built seed site (issue 5), in headless Chromium: the search page at search/,
results linking to highlighted remarks, the header box on every page, the English site's search.

Expected IDs come from tests/fixtures/search_queries.yaml (also checked by brute force against
the texts in tests/test_search_index.py); the English expectations come from the Python
reference query (gijiroku.search.index.search) over the index the build wrote.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import expect

from gijiroku.folding import fold
from gijiroku.search.query import Filters, highlight_ranges, parse_query, search
from support.browser import assert_highlighted_in_view, run_axe
from support.search import QUERIES
from support.site import built_site, index_of, meeting_data, units

pytestmark = pytest.mark.browser

REAL = meeting_data("real", "sr06")  # the translated seed meeting
MID = REAL["meeting"]["id"]
UNITS = {u["id"]: u for u in units(REAL)}
INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\u00ad]")
RESULT_IDS = "[...document.querySelectorAll('.gs-link')].map(a => new URL(a.href).hash.slice(1))"


def open_search(page, site, query: str = "", lang: str = "") -> None:
    page.goto(site.url(f"{lang}search/?q={quote(query)}"))
    page.wait_for_function("document.querySelector('.gs-status')?.textContent.length > 0")


def result_ids(page) -> list[str]:
    return page.evaluate(RESULT_IDS)


def wait_for_ids(page, ids: list[str]) -> None:
    """Wait until the results are exactly ``ids`` in this order (typing and filters debounce)."""
    page.wait_for_function(f"ids => JSON.stringify({RESULT_IDS}) === ids",
                           arg=json.dumps(ids, separators=(",", ":")))


def containing(query: str, theme: str = "") -> set[str]:
    """Brute force over the seed YAML: units whose folded text has every term (and the theme)."""
    terms = parse_query(query)
    return {uid for uid, u in UNITS.items() if all(t in fold(u["text"]) for t in terms)
            and (not theme or theme in [t["theme"] for t in u.get("themes") or []])}


@pytest.mark.parametrize("case", QUERIES, ids=lambda c: c["q"])
def test_query_table_on_the_built_search_page(case, shared_page, real_site):
    page, problems = shared_page
    open_search(page, real_site, case["q"])  # a shareable URL, loaded directly
    assert set(result_ids(page)) == set(case["ids"])
    assert page.input_value(".gs-input") == case["q"]
    if case["ids"]:
        href = urlsplit(page.locator(".gs-link").first.get_attribute("href"))
        assert href.path.endswith(f"/meetings/{MID}/") and parse_qs(href.query)["h"] == [case["q"].strip()]
    else:
        assert "見つかりませんでした" in page.inner_text(".gs-status")
    assert problems.items == []


def test_results_show_meeting_date_number_snippet_and_theme_chips(page, real_site):
    open_search(page, real_site, "地域金融機関")
    results = page.locator(".gs-result")
    expect(results).to_have_count(len(containing("地域金融機関")))
    first = results.first
    uid = result_ids(page)[0]
    code = MID.rstrip("0123456789")  # a meeting ID is its series code and number: sr06
    assert first.locator(".gs-meeting").inner_text() == f"{code} 第{REAL['meeting']['number']}回"
    assert first.locator(".gs-date").inner_text() == REAL["meeting"]["date"]
    assert first.locator(".gs-number").inner_text() == f"発言 {uid.split('-', 1)[1]}"
    assert first.locator(".gs-id").inner_text() == uid
    assert first.locator("mark.gs-hit").first.inner_text() == "地域金融機関"
    themes = [t["theme"] for t in UNITS[uid].get("themes") or []]
    assert first.locator(".gs-chip").count() == len(themes)
    # each chip links to its theme's page, which exists in the built site
    for chip, theme in zip(first.locator(".gs-chip a").all(), themes):
        href = chip.get_attribute("href")
        assert urlsplit(href).path.endswith(f"/themes/{theme}/")
        assert page.request.get(href).status == 200
    assert not INVISIBLE.search(page.inner_text(".gs-results"))


def test_typing_updates_the_url_and_the_results(page, real_site):
    open_search(page, real_site)
    assert "検索語を入力してください" in page.inner_text(".gs-status")
    page.locator(".gs-input").press_sequentially("強靱", delay=30)
    wait_for_ids(page, ["sr06-05", "sr06-02", "sr06-12"])  # four occurrences first, then shorter
    assert parse_qs(page.evaluate("location.search")[1:])["q"] == ["強靱"]
    page.locator(".gs-input").press_sequentially(" 地域", delay=30)
    page.wait_for_function("new URLSearchParams(location.search).get('q') === '強靱 地域'")
    page.wait_for_function(f"new Set({RESULT_IDS}).size === {len(containing('強靱 地域'))}")
    assert set(result_ids(page)) == containing("強靱 地域")


def test_theme_and_meeting_filters(page, real_site):
    themed = next(t["theme"] for u in UNITS.values() for t in u.get("themes") or [])
    expected = containing("地域", themed)
    assert 0 < len(expected) < len(containing("地域"))  # the filter really narrows
    open_search(page, real_site, "地域")
    page.select_option("select[name=theme]", themed)
    page.wait_for_function(f"location.search.includes('theme={themed}')")
    page.wait_for_function(f"new Set({RESULT_IDS}).size === {len(expected)}")
    assert set(result_ids(page)) == expected
    # the meeting list loads after the first results; the only meeting keeps every result
    page.wait_for_function(f"[...document.querySelectorAll('select[name=meeting] option')].some(o => o.value === '{MID}')")
    page.select_option("select[name=meeting]", MID)
    page.wait_for_function(f"location.search.includes('meeting={MID}')")
    assert set(result_ids(page)) == expected
    # a filtered URL is shareable too, and a filter alone lists every unit of the theme
    page.goto(real_site.url(f"search/?theme={themed}"))
    page.wait_for_function(f"new Set({RESULT_IDS}).size === {min(20, len(containing('', themed)))}")
    assert page.locator("select[name=theme]").input_value() == themed


def test_result_leads_to_the_remark_with_the_matched_words_marked(page, real_site):
    query = "ﾘﾓｰﾄﾜｰｸ"  # half-width; the text has リモートワーク
    open_search(page, real_site, query)
    uid = result_ids(page)[0]
    page.locator(".gs-link").first.click()
    page.wait_for_url(f"**/meetings/{MID}/?h=*#{uid}")
    assert_highlighted_in_view(page, uid)
    text = page.locator(f'[id="{uid}"] > .gj-text')
    expect(page.locator(f'[id="{uid}"]')).to_have_attribute("data-search-marks", re.compile(r"[1-9]"))
    assert "".join(text.locator("mark.gs-hit").all_inner_texts()) == "リモートワーク"
    # only the target remark is marked, and marking changed no character of the text
    assert page.locator("mark.gs-hit").count() == text.locator("mark.gs-hit").count()
    marked = text.inner_text()
    assert marked.replace("\n", "") == UNITS[uid]["text"].replace("\n", "")
    assert not INVISIBLE.search(marked)


@pytest.mark.parametrize(("uid", "query"), [("sr06-04-1", "新陳代謝 寛容性"), ("sr06-16", "ＳＬＡＣＫ 2013年")])
def test_arrival_marks_every_match_in_the_target_text(uid, query, page, real_site):
    # 新陳代謝 was wrapped as 新|陳代謝 in the source; width and case variants mark the original
    page.goto(real_site.url(f"meetings/{MID}/?h={quote(query)}#{uid}"))
    expect(page.locator(f'[id="{uid}"]')).to_have_attribute("data-search-marks", re.compile(r"[1-9]"))
    marks = page.locator(f'[id="{uid}"] > .gj-text mark.gs-hit').all_inner_texts()
    text = UNITS[uid]["text"]
    expected = [text[s:e] for s, e in highlight_ranges(text, parse_query(query))]
    assert len(expected) >= 2 and "".join(marks) == "".join(expected).replace("\n", "")


@pytest.mark.parametrize(("query", "spellings"), [("取り組み", {"取組", "取り組"}), ("でじたる", {"デジタル"})])
def test_forgiving_search_marks_the_original_spelling(query, spellings, page, real_site):
    # okurigana variants and hiragana → katakana (gijiroku.search.variants), as in Python
    index = built_site("real") / "search"
    files = {p.relative_to(index).as_posix(): p.read_text(encoding="utf-8") for p in index.rglob("*.json")}
    expected = [r["id"] for r in search(files, query)]
    open_search(page, real_site, query)
    assert len(expected) >= 8 and result_ids(page) == expected
    assert set(page.locator(".gs-snippet mark.gs-hit").all_inner_texts()) == spellings


def test_arrival_marks_an_okurigana_variant(page, real_site):
    page.goto(real_site.url(f"meetings/{MID}/?h={quote('取り組み')}#sr06-23"))
    expect(page.locator('[id="sr06-23"]')).to_have_attribute("data-search-marks", "2")
    assert page.locator('[id="sr06-23"] > .gj-text mark.gs-hit').all_inner_texts() == ["取組", "取組"]


def test_header_search_box_from_a_meeting_page(page, real_site):
    page.goto(real_site.url(f"meetings/{MID}/"))
    box = page.locator("form.gj-header-search input[name=q]")
    expect(box).to_be_visible()
    box.fill("ＤＸ　生産性")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_function(f"{RESULT_IDS}.length > 0")
    assert set(result_ids(page)) == containing("ＤＸ　生産性") == {"sr06-20"}
    assert page.locator(".gs-input").input_value() == "ＤＸ　生産性"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_search_page_with_results(scheme, page, real_site):
    page.emulate_media(color_scheme=scheme)
    open_search(page, real_site, "デジタル")
    assert run_axe(page) == []


def test_search_on_a_phone(phone, real_site, shoot):
    phone.goto(real_site.url(f"meetings/{MID}/"))
    button = phone.locator("form.gj-header-search button[type=submit]")
    expect(button).to_be_visible()
    expect(phone.locator("form.gj-header-search input[name=q]")).to_be_hidden()
    button.click()
    phone.wait_for_url("**/search/?q=")
    phone.locator(".gs-input").press_sequentially("デジタル", delay=30)
    phone.wait_for_function(f"{RESULT_IDS}.length === {len(containing('デジタル'))}")
    shoot(phone, "phone-search")
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    box = phone.locator(".gs-result").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390


EN_QUERIES = ["resilient", "digital divide", '"regional finance"', "Policies", "DX", "zzzz",
              "resilience", "digitalization", "themes", "regional finance", "地域金融"]


@pytest.mark.parametrize("query", EN_QUERIES)
def test_english_site_search(query, shared_page, real_site):
    page, problems = shared_page
    files = index_of(built_site("real"), "en")  # with the root index's units files it reads
    assert json.loads(files["meta.json"])["language"] == "en"
    expected = [r["id"] for r in search(files, query)][:20]
    open_search(page, real_site, query, lang="en/")
    assert result_ids(page) == expected
    if expected:
        assert page.locator(".gs-number").first.inner_text().startswith("Remark ")
    else:
        assert "No remark contains" in page.inner_text(".gs-status")
    assert problems.items == []


def test_english_site_sorts_and_filters_by_date_with_the_roots_dates(page, real_site):
    """en/search/ reads the root index's dates.json (its meta.json names it): the date range
    and the date sorts work there as the Python reference says."""
    files = index_of(built_site("real"), "en")
    dates = sorted({r["date"] for r in search(files, "digital")})
    assert json.loads(files["meta.json"])["dates"] == "../../search/dates.json" and dates
    expected = [r["id"] for r in search(files, "digital", filters=Filters(date_from=dates[-1], sort="oldest"))][:20]
    assert expected
    page.goto(real_site.url(f"en/search/?q=digital&from={dates[-1]}&sort=oldest"))
    wait_for_ids(page, expected)


def test_english_result_marks_the_translated_words(page, real_site):
    open_search(page, real_site, "regional economy", lang="en/")
    uid = result_ids(page)[0]
    page.locator(".gs-link").first.click()
    page.wait_for_url(f"**/en/meetings/{MID}/?h=*#{uid}")
    text = page.locator(f'[id="{uid}"] > .gj-text')
    expect(page.locator(f'[id="{uid}"]')).to_have_attribute("data-search-marks", re.compile(r"[1-9]"))
    words = {w.lower() for w in text.locator("mark.gs-hit").all_inner_texts()}
    assert words and all(re.fullmatch(r"regional|regions?|economy|economies", w) for w in words), words


def test_english_site_finds_the_japanese_original(page, real_site):
    open_search(page, real_site, "地域金融", lang="en/")
    page.wait_for_function(f"{RESULT_IDS}.length > 0")
    assert set(result_ids(page)) == containing("地域金融")
    assert set(page.locator(".gs-snippet mark.gs-hit").all_inner_texts()) == {"地域金融"}


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_theme_page_links_its_filtered_search_with_the_same_remarks(page, real_site, lang):
    """The theme page's count and its filtered search agree (a search for the theme's name need not)."""
    tagged = {uid for uid, u in UNITS.items() if "dx" in [t["theme"] for t in u.get("themes") or []]}
    page.goto(real_site.url(f"{lang}themes/dx/"))
    page.locator(".gj-theme-judged a").click()
    page.wait_for_url("**/search/?theme=dx")
    page.wait_for_function(f"new Set({RESULT_IDS}).size > 0")
    more = page.locator(".gs-more")
    while more.is_visible():
        more.click()
        page.wait_for_timeout(100)
    assert set(result_ids(page)) == tagged
    assert page.locator("select[name=theme]").input_value() == "dx"
