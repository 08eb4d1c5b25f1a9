"""The built site in headless Chromium: navigation, permalinks, citations, safety, axe, phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from support.browser import assert_highlighted_in_view, run_axe, target_state
from support.site import LANGS, meeting_data, minutes_of, units

pytestmark = pytest.mark.browser

REAL = meeting_data("real", "sr06")  # the translated seed meeting
FIXTURE = minutes_of("fixture")[0]


def page_types(data: dict, lang: str = "ja") -> dict[str, str]:
    """Path of one page of each type, in language ``lang``'s tree of the site."""
    theme = next((t["theme"] for u in units(data) for t in u.get("themes") or []), "dx")
    paths = {"home": "", "meeting": f"meetings/{data['meeting']['id']}/", "theme": f"themes/{theme}/",
             "report": "report/", "glossary": "glossary/", "data": "data/"}
    return {kind: LANGS[lang] + path for kind, path in paths.items()}


def first_tagged(data: dict):
    return next((u for u in units(data) if u.get("themes")), None)


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_home_to_meeting_to_theme_chip_to_remark_in_context(name, page, request):
    data = REAL if name == "real" else FIXTURE
    unit = first_tagged(data)
    if unit is None:
        pytest.skip("the committed YAML has no themes yet")
    site = request.getfixturevalue(f"{name}_site")
    mid, theme = data["meeting"]["id"], unit["themes"][0]["theme"]
    page.goto(site.url())
    page.locator(f'table a[href="meetings/{mid}/"]').first.click()
    page.wait_for_url(f"**/meetings/{mid}/")
    expect(page.locator("h1")).to_contain_text(data["meeting"]["title"])
    page.locator(f'[id="{unit["id"]}"] > .gj-head .gj-chip').first.click()
    page.wait_for_url(f"**/themes/{theme}/#{unit['id']}")
    assert_highlighted_in_view(page, unit["id"])
    page.locator(f'[id="{unit["id"]}"] .gj-context a:first-child').click()
    page.wait_for_url(f"**/meetings/{mid}/#{unit['id']}")
    assert_highlighted_in_view(page, unit["id"])


@pytest.mark.parametrize("position", [3, -1, "item"])
def test_permalink_scrolls_to_and_highlights_the_remark(position, page, real_site):
    remarks = REAL["remarks"]
    if position == "item":
        element_id = next(r for r in remarks if r["items"])["items"][-1]["id"]
    else:
        element_id = remarks[position]["id"]
    page.goto(real_site.url(f"meetings/{REAL['meeting']['id']}/#{element_id}"))
    assert_highlighted_in_view(page, element_id)
    others = page.locator(".gj-remark:not(:target)").first
    assert others.evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    # the number is a link to the remark's own anchor
    number = page.locator(f'[id="{element_id}"] > .gj-head a.gj-num')
    assert number.get_attribute("href") == f"#{element_id}"


def test_permalink_works_without_javascript(no_js_page, real_site):
    remark = REAL["remarks"][5]
    page = no_js_page
    page.goto(real_site.url(f"meetings/{REAL['meeting']['id']}/#{remark['id']}"))
    state = target_state(page, remark["id"])
    assert state["target"] and state["outline"] == "solid"
    # the copy buttons and citation formats need JavaScript (tests/browser/test_cite_browser.py)
    expect(page.locator(f'[id="{remark["id"]}"] > .gj-tools .gj-permalink a')).to_be_visible()


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("kind", list(page_types(FIXTURE)))
def test_unsafe_fixture_text_is_shown_literally_and_runs_nothing(kind, lang, page, fixture_site):
    page.goto(fixture_site.url(page_types(FIXTURE, lang)[kind]))
    page.wait_for_load_state("load")
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.evaluate("document.querySelectorAll('.gj-text img, .gj-text script, .gj-text strong').length") == 0
    if kind == "meeting" and lang == "en":  # the translation's markup, and the fallback's
        expect(page.locator('[id="fx01-01"] > .gj-text')).to_contain_text("<script>alert(2)</script>")
        expect(page.locator('[id="fx01-02"] > .gj-text')).to_contain_text("[x](javascript:alert(1))")
    elif kind == "meeting":
        expect(page.locator('[id="fx01-01"] > .gj-text')).to_contain_text("<script>alert(1)</script>")
        second = page.locator('[id="fx01-02"] > .gj-text')
        for literal in ("**bold**", "[x](javascript:alert(1))", "| a | b |", "# 行頭の見出し記号", "<!-- コメント"):
            expect(second).to_contain_text(literal)
        expect(page.locator('[id="fx01-03-1"] > .gj-text')).to_contain_text("<img src=x onerror=alert(1)>")
    # the page fixture fails the test if any dialog (alert) fired


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(page_types(REAL)))
def test_axe_finds_no_serious_violation(kind, scheme, lang, page, real_site, shoot):
    page.emulate_media(color_scheme=scheme)
    page.goto(real_site.url(page_types(REAL, lang)[kind]))
    # open a citation formats panel and a Japanese original, so they are checked too
    formats = page.locator(".gj-tools button[aria-expanded]").first
    if formats.count():
        formats.click()
        expect(page.locator(".gj-cite-panel").first).to_be_visible()
    original = page.locator("details.gj-original").first
    if original.count():
        original.locator("summary").click()
    shoot(page, f"desktop-{scheme}-{lang}-{kind}")
    assert run_axe(page) == []


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("kind", list(page_types(REAL)))
def test_phone_viewport_has_no_horizontal_overflow(kind, lang, phone, real_site, shoot):
    phone.goto(real_site.url(page_types(REAL, lang)[kind]))
    shoot(phone, f"phone-{lang}-{kind}")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    expect(phone.locator("article h1, .md-content h1").first).to_be_in_viewport()
    texts = phone.locator(".gj-text")
    if kind == "meeting":
        assert texts.count() == sum(1 for _ in units(REAL))
    if texts.count():
        first = texts.first
        first.scroll_into_view_if_needed()
        expect(first).to_be_visible()
        shoot(phone, f"phone-{lang}-{kind}-text")
        box = first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390


# --- languages ------------------------------------------------------------------------------

def switch_language(page, lang: str) -> None:
    """Open Material's language selector in the header and pick ``lang``."""
    page.locator(".md-select").first.hover()
    page.locator(f'a.gj-alternate[hreflang="{lang}"]').click()


@pytest.mark.parametrize("element_id", ["sr06-04-2", "sr06-28"])
def test_switching_language_on_a_permalink_lands_on_the_same_remark(element_id, page, real_site):
    mid = REAL["meeting"]["id"]
    page.goto(real_site.url(f"meetings/{mid}/#{element_id}"))
    assert_highlighted_in_view(page, element_id)
    switch_language(page, "en")
    page.wait_for_url(real_site.url(f"en/meetings/{mid}/#{element_id}"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert_highlighted_in_view(page, element_id)
    expect(page.locator(f'[id="{element_id}"] > .gj-text')).to_have_attribute("lang", "en")
    switch_language(page, "ja")
    page.wait_for_url(real_site.url(f"meetings/{mid}/#{element_id}"))
    assert page.evaluate("document.documentElement.lang") == "ja"
    assert_highlighted_in_view(page, element_id)


def test_without_javascript_the_switcher_still_leads_to_the_same_page(no_js_page, real_site):
    page = no_js_page
    for start, lang, target in (("themes/dx/", "en", "en/themes/dx/"),
                                ("en/report/", "ja", "report/"), ("", "en", "en/")):
        page.goto(real_site.url(start))
        switch_language(page, lang)
        page.wait_for_url(real_site.url(target))


def test_english_remark_says_unofficial_and_shows_the_japanese_in_one_click(page, real_site):
    remark = REAL["remarks"][3]["items"][1]
    page.goto(real_site.url(f"en/meetings/{REAL['meeting']['id']}/#{remark['id']}"))
    block = page.locator(f'[id="{remark["id"]}"]')
    expect(page.locator(".gj-translation-notice")).to_be_visible()
    expect(block.locator(".gj-badge")).to_have_text("Unofficial translation")
    expect(block.locator(".gj-badge")).to_be_in_viewport()
    original = block.locator("details.gj-original .gj-original-text")
    expect(original).to_be_hidden()
    block.locator("details.gj-original > summary").click()
    expect(original).to_be_visible()
    expect(original).to_have_text(remark["text"].replace("\n", ""))
    block.locator(".gj-original-link a").click()  # the same remark on the Japanese page
    page.wait_for_url(real_site.url(f"meetings/{REAL['meeting']['id']}/#{remark['id']}"))
    assert_highlighted_in_view(page, remark["id"])


def test_untranslated_remark_shows_the_japanese_with_a_notice(page, fixture_site):
    page.goto(fixture_site.url("en/meetings/fx01/#fx01-03-2"))
    block = page.locator('[id="fx01-03-2"]')
    expect(block.locator(".gj-fallback")).to_be_visible()
    expect(block.locator(".gj-fallback")).to_contain_text("Not yet translated")
    expect(block.locator(".gj-text")).to_have_text("「分散型」の目標。<b>太字ではない</b>。最後の一枚紙。")
    expect(block.locator(".gj-text")).to_have_attribute("lang", "ja")


@pytest.mark.parametrize(("lang", "kind_text"), [("ja", "HTMLタグ"), ("en", "HTML markup")])
def test_parse_warnings_note_is_collapsed_and_opens_on_click(lang, kind_text, page, fixture_site):
    page.goto(fixture_site.url(f"{LANGS[lang]}meetings/fx01/"))
    note = page.locator("details.gj-parse-notes")
    expect(note).to_have_count(1)
    expect(note.locator("summary")).to_contain_text("(2)")
    item = note.locator("li").nth(1)
    expect(item).to_be_hidden()
    note.locator("summary").click()
    expect(item).to_be_visible()
    expect(item).to_contain_text(kind_text)
    expect(note.locator("li").first).to_contain_text("fixture warning with <i>markup</i>")
    assert note.locator("li i").count() == 0  # the message's markup is text
