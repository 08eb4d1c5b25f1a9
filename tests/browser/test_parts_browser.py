"""A long meeting split into parts (gijiroku/site/parts.py) in headless Chromium: every remark's
canonical permalink (meetings/<id>/#<remark ID>) lands on its remark, on whichever part holds it,
with the search highlight's query kept; copied links stay canonical; without JavaScript the
parts list and the jump list reach a remark in one click."""

from __future__ import annotations

import pytest
import yaml

from support.browser import Served, assert_highlighted_in_view, run_axe
from support.site import LANGS, long_meeting_site, units

pytestmark = pytest.mark.browser

MEETING = "meetings/fl01/"
PARTS = ["", "2/", "3/"]


def part_of(remark_number: int) -> str:
    """The part that shows remark ``remark_number``: 20 remarks each (test_site_parts.py)."""
    return PARTS[(remark_number - 1) // 20]


@pytest.fixture(scope="module")
def long_site():
    served = Served("fixture", long_meeting_site())
    minutes = long_meeting_site().parent / "minutes" / "fx-long" / "01.yaml"
    yield served, yaml.safe_load(minutes.read_text(encoding="utf-8"))
    served.close()


def test_every_canonical_permalink_reaches_its_remark_or_item(page, long_site):
    served, data = long_site
    for unit in units(data):
        number = int(unit["id"].split("-")[1])
        page.goto(served.url(f"{MEETING}#{unit['id']}"))
        page.wait_for_url(served.url(f"{MEETING}{part_of(number)}#{unit['id']}"))
        assert_highlighted_in_view(page, unit["id"])


@pytest.mark.parametrize("lang", list(LANGS))
def test_forwarding_keeps_the_search_query_and_replaces_the_address(lang, page, long_site):
    served, _ = long_site
    page.goto(served.url(LANGS[lang] + "themes/"))
    page.goto(served.url(f"{LANGS[lang]}{MEETING}?h=%E5%9C%B0%E5%9F%9F#fl01-45"))
    page.wait_for_url(served.url(f"{LANGS[lang]}{MEETING}3/?h=%E5%9C%B0%E5%9F%9F#fl01-45"))
    assert_highlighted_in_view(page, "fl01-45")
    page.go_back()  # the detour through part 1 is not in the history
    page.wait_for_url(served.url(LANGS[lang] + "themes/"))


def test_a_part_forwards_an_id_of_another_part_and_keeps_an_unknown_one_on_part_1(page, long_site):
    served, _ = long_site
    page.goto(served.url(f"{MEETING}3/#fl01-05"))
    page.wait_for_url(served.url(f"{MEETING}#fl01-05"))
    assert_highlighted_in_view(page, "fl01-05")
    page.goto(served.url(f"{MEETING}2/#fl01-99"))  # no such remark: part 1 says so
    page.wait_for_url(served.url(f"{MEETING}#fl01-99"))
    assert page.locator(".gj-unknown-anchor").is_visible()


@pytest.mark.parametrize("site_url", [True, False])
def test_copied_links_on_a_later_part_are_canonical(site_url, page, long_site):
    # without site_url, copy.js makes the address from the page's own (cite_data's "base")
    served = long_site[0] if site_url else Served("fixture", long_meeting_site(site_url=False))
    canonical = ("https://example.org/fixture/" if site_url else served.url()) + f"{MEETING}#fl01-30"
    page.goto(served.url(f"{MEETING}2/#fl01-30"))
    link = page.locator("#fl01-30 > .gj-tools .gj-permalink a")
    assert link.get_attribute("href") == canonical
    page.locator("#fl01-30 > .gj-tools").get_by_role("button", name="リンクをコピー").click()
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    if not site_url:
        served.close()


def test_without_javascript_one_click_reaches_a_remark_on_a_later_part(no_js_page, long_site):
    served, _ = long_site
    page = no_js_page
    page.goto(served.url(f"{MEETING}#fl01-50"))  # a canonical permalink: part 1 stays
    page.locator(".gj-parts").get_by_role("link", name="3/3ページ").click()
    page.wait_for_url(served.url(f"{MEETING}3/"))
    page.goto(served.url(MEETING))
    page.get_by_text("発言へ移動", exact=True).click()
    page.locator(".gj-jump-list").get_by_role("link", name="50", exact=True).click()
    page.wait_for_url(served.url(f"{MEETING}3/#fl01-50"))
    assert_highlighted_in_view(page, "fl01-50")
    # the last remark of part 2 leads on to the first of part 3
    page.goto(served.url(f"{MEETING}2/#fl01-40"))
    page.locator("#fl01-40 > .gj-step").get_by_role("link", name="次の発言").click()
    page.wait_for_url(served.url(f"{MEETING}3/#fl01-41"))
    assert_highlighted_in_view(page, "fl01-41")


@pytest.mark.parametrize("lang", list(LANGS))
def test_a_part_passes_axe(lang, page, long_site):
    served, _ = long_site
    page.goto(served.url(f"{LANGS[lang]}{MEETING}2/"))
    assert run_axe(page) == []
