"""Accessibility, phones and languages in headless Chromium (issue 16, items 7-9): axe-core on
the page kinds test_site_browser.py does not cover (together: every kind, both languages), tap
targets on a phone, the skip link and focus rings by keyboard, the language switch keeping the
query and the remark in view, and the 404 page served under any prefix at any depth."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import bench
import pytest
from playwright.sync_api import expect

from support.browser import Served, assert_highlighted_in_view, run_axe
from support.corpus import build_corpus
from support.site import LANGS, built_site, meeting_data

pytestmark = pytest.mark.browser

REAL = meeting_data("real", "sr06")
MID = REAL["meeting"]["id"]
MIN_TARGET = 24  # CSS px, WCAG 2.2 success criterion 2.5.8 (AA)
# What a reader can tap: theme chips, remark numbers, pager links, buttons and disclosure
# toggles in the pages' body.
TARGETS = ".gj a.gj-chip, .gj a.gj-num, .gj nav.gj-pager a, .gj button, .gj summary"


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    """A generated 12-meeting site with 5 entries a page: the meetings list has later pages."""
    config, site, _ = build_corpus(tmp_path_factory.mktemp("paged"), 12, page_size=5)
    mount = urlsplit(bench.config_data(config).get("site_url") or "/").path or "/"
    served = Served("real", site, mount=mount)
    yield served
    served.close()


@pytest.fixture(scope="module")
def prefixed_site():
    """The real site served under a prefix that is not its site_url's, with 404 pages."""
    served = Served("real", built_site("real"), mount="/some/other/prefix/", not_found=True)
    yield served
    served.close()


# Page kinds not in test_site_browser.py's axe test (home, meeting, theme, report, glossary, data).
KINDS = {"meetings": "meetings/", "themes": "themes/", "search": "search/?q=DX", "about": "about/",
         "theme-rules": "theme-rules/"}


def open_page(page, url: str) -> None:
    page.goto(url)
    if "search/?" in url:  # wait for the results of the query
        page.wait_for_function("document.querySelectorAll('.gs-result').length > 0")


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_axe_on_the_other_page_kinds(kind, scheme, lang, page, real_site):
    page.emulate_media(color_scheme=scheme)
    open_page(page, real_site.url(LANGS[lang] + KINDS[kind]))
    assert run_axe(page) == []


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_a_later_page_of_the_meetings_list(scheme, lang, page, paged_site):
    page.emulate_media(color_scheme=scheme)
    page.goto(paged_site.url(LANGS[lang] + "meetings/2/"))
    expect(page.locator("nav.gj-pager").first).to_be_visible()
    assert run_axe(page) == []


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_404_page(scheme, lang, browser, prefixed_site):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    response = page.goto(prefixed_site.url(LANGS[lang] + "no/such/page/"))
    assert response.status == 404
    assert run_axe(page) == []
    context.close()


# --- phones: tap targets, tables -----------------------------------------------------------------

def small_targets(page) -> list[dict]:
    return page.evaluate("""([selector, min]) => [...document.querySelectorAll(selector)]
        .map(e => ({e, r: e.getBoundingClientRect()}))
        .filter(({r}) => r.width > 0 && r.height > 0)  // shown
        .filter(({r}) => r.width < min || r.height < min)
        .map(({e, r}) => ({html: e.outerHTML.slice(0, 80), width: r.width, height: r.height}))""",
                         [TARGETS, MIN_TARGET])


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("path", [f"meetings/{MID}/", "themes/dx/", "report/"])
def test_tap_targets_are_at_least_24_px_on_a_phone(path, lang, phone, real_site):
    phone.goto(real_site.url(LANGS[lang] + path))
    assert phone.locator(TARGETS).count() > 0
    # open the first cite panel, so its buttons are measured too
    details = phone.locator("details.gj-cite").first
    if details.count():
        details.locator("summary").click()
    assert small_targets(phone) == []


def test_pager_links_are_at_least_24_px_on_a_phone(phone, paged_site):
    phone.goto(paged_site.url("meetings/2/"))
    assert phone.locator(".gj nav.gj-pager a").count() >= 2
    assert small_targets(phone) == []


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("path", ["", "meetings/", "data/"])
def test_the_download_links_of_the_meetings_tables_are_in_view_on_a_phone(path, lang, phone, real_site):
    phone.goto(real_site.url(LANGS[lang] + path))
    links = phone.locator("table[data-gj-stack] td:last-child a")
    assert links.count() > 0
    for k in range(links.count()):
        box = links.nth(k).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, links.nth(k).inner_text()
        assert box["height"] >= MIN_TARGET
    # each stacked cell says which column it is
    label = phone.locator("table[data-gj-stack] td:last-child").first.evaluate(
        "e => getComputedStyle(e, '::before').content")
    assert label.strip('"').startswith({"ja": "データ", "en": "Data"}[lang])


# --- keyboard: skip link, focus rings --------------------------------------------------------------

def focused(page) -> dict:
    return page.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
        return {html: e.outerHTML.slice(0, 90), cls: e.className, text: e.textContent.trim(),
                outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
                         && s.opacity !== '0'};
    }""")


@pytest.mark.parametrize(("lang", "text"), [("ja", "本文へ移動"), ("en", "Skip to content")])
@pytest.mark.parametrize("path", ["", f"meetings/{MID}/", "about/"])
def test_the_skip_link_comes_first_and_moves_to_the_content(path, lang, text, page, real_site):
    page.goto(real_site.url(LANGS[lang] + path))
    page.keyboard.press("Tab")
    first = focused(page)
    assert "gj-skip" in first["cls"] and first["text"] == text, first
    page.wait_for_timeout(300)  # Material fades the skip link in
    assert focused(page)["visible"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("#gj-content$"))
    assert page.evaluate("document.activeElement.id") == "gj-content"
    # the next Tab goes into the page's content, past the header and the nav
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content')")


@pytest.mark.parametrize("path", ["", f"meetings/{MID}/", "themes/dx/", "search/?q=DX"])
def test_every_element_reached_by_tab_shows_a_focus_ring(path, page, real_site):
    page.goto(real_site.url(path))
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["html"].startswith("<body"):
            break
        seen.append(state)
        assert state["outline"] != "none" and state["width"] >= 1, state
    # the header search box is among them
    assert any('gj-header-search__input' in s["cls"] for s in seen), [s["html"] for s in seen]


# --- the language switch keeps the reader's state ----------------------------------------------------

def switch_language(page, lang: str) -> None:
    page.locator(".md-select").first.hover()
    page.locator(f'a.gj-alternate[hreflang="{lang}"]').click()


@pytest.mark.parametrize(("start", "lang", "target"), [
    ("search/?q=DX", "en", "en/search/?q=DX"),
    ("search/?q=%E5%9C%B0%E5%9F%9F&theme=dx", "en", "en/search/?q=%E5%9C%B0%E5%9F%9F&theme=dx"),
    ("en/search/?q=DX", "ja", "search/?q=DX"),
])
def test_switching_language_keeps_the_query_and_the_filters(start, lang, target, page, real_site):
    open_page(page, real_site.url(start))
    switch_language(page, lang)
    page.wait_for_url(real_site.url(target))
    query = dict(p.split("=") for p in urlsplit(target).query.split("&"))
    expect(page.locator(".gs-input")).to_have_value(re.compile("."))
    assert page.evaluate("new URLSearchParams(location.search).get('q')") == \
        page.locator(".gs-input").input_value()
    if "theme" in query:
        expect(page.locator("select.gs-filter").first).to_have_value(query["theme"])


def scroll_to_reading_line(page, element_id: str) -> str:
    """Scroll so that the reading line (a quarter down the window below the header) crosses
    the top of block ``element_id``; return the block hit-testing finds there."""
    return page.evaluate("""id => {
        const top = document.querySelector('.md-header').getBoundingClientRect().bottom;
        const line = top + (innerHeight - top) / 4;
        const block = document.getElementById(id);
        window.scrollBy(0, block.getBoundingClientRect().top - (line - 8));
        const x = block.getBoundingClientRect().left + 20;
        return document.elementFromPoint(x, line).closest('.gj-item[id], .gj-remark[id]').id;
    }""", element_id)


@pytest.mark.parametrize("remark", [10, len(REAL["remarks"]) // 2])
def test_switching_language_after_scrolling_lands_on_the_remark_in_view(remark, page, real_site):
    page.goto(real_site.url(f"meetings/{MID}/#{REAL['remarks'][2]['id']}"))  # a permalink, then scroll on
    element_id = REAL["remarks"][remark]["id"]
    assert scroll_to_reading_line(page, element_id) == element_id
    switch_language(page, "en")
    page.wait_for_url(real_site.url(f"en/meetings/{MID}/#{element_id}"))
    assert_highlighted_in_view(page, element_id)


def test_switching_language_at_the_top_keeps_the_permalink(page, real_site):
    target = REAL["remarks"][5]["id"]
    page.goto(real_site.url(f"meetings/{MID}/#{target}"))
    assert_highlighted_in_view(page, target)
    switch_language(page, "en")
    page.wait_for_url(real_site.url(f"en/meetings/{MID}/#{target}"))


# --- the 404 page ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "heading", "home"), [
    ("ja", "ページが見つかりません", "ホームへ"), ("en", "Page not found", "Go to the home page")])
@pytest.mark.parametrize("missing", ["nothing-here", "meetings/xx99/deeper/still/"])
def test_the_404_page_works_under_any_prefix_at_any_depth(missing, lang, heading, home, browser,
                                                          prefixed_site):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(prefixed_site.url(LANGS[lang] + missing))
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == lang
    expect(page.locator("h1")).to_contain_text(heading)
    # styled without any file of the site: the header bar has its colour
    assert page.locator("header").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    link = page.get_by_role("link", name=home)
    expect(link).to_have_attribute("href", prefixed_site.mount + LANGS[lang])
    link.click()
    page.wait_for_url(prefixed_site.url(LANGS[lang]))
    assert page.evaluate("document.documentElement.lang") == lang
    expect(page.locator(".md-header")).to_be_visible()
    context.close()


def test_the_404_page_without_javascript_links_the_site_url(browser, real_site):
    """Without JavaScript the links go to site_url's path, where the site is published."""
    served = Served("real", real_site.site, not_found=True)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        response = page.goto(served.url("meetings/nothing/here/"))
        assert response.status == 404
        page.get_by_role("link", name="ホームへ").click()
        page.wait_for_url(served.url(""))
        expect(page.locator("h1").first).to_be_visible()
    finally:
        context.close()
        served.close()
