"""The speaker filter of a meeting whose minutes name speakers, and the speaker pages, in
headless Chromium."""

from __future__ import annotations

import pytest

from gijiroku.site.speakers import speaker_key
from support.browser import Served, assert_highlighted_in_view, run_axe
from support.site import named_series_site

pytestmark = pytest.mark.browser


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("article.gj-remark", "els => els.filter(e => !e.hidden).map(e => e.id)")


def test_filter_shows_one_speakers_remarks_and_a_permalink_resets_it(page, council):
    served, data = council
    page.goto(served.url(f"meetings/{data['meeting']['id']}/"))
    every = [r["id"] for r in data["remarks"]]
    assert visible_ids(page) == every
    chair = data["remarks"][0]["speaker"]
    name = f"{chair['name']} {chair['role']}"
    page.select_option(".gj-speaker-filter select", name)
    expected = [r["id"] for r in data["remarks"]
                if f"{r['speaker'].get('name')} {r['speaker'].get('role')}" == name]
    assert visible_ids(page) == expected and len(expected) < len(every)
    other = next(r["id"] for r in data["remarks"] if r["id"] not in expected)
    page.evaluate(f"location.hash = '#{other}'")
    page.wait_for_function(f"!document.getElementById('{other}').hidden")
    assert visible_ids(page) == every


@pytest.fixture(scope="module")
def named():
    served = Served("fixture", named_series_site(), mount="/")
    yield served
    served.close()


def test_a_speaker_link_leads_to_their_page_and_back_to_a_highlighted_remark(page, named):
    page.goto(named.url("meetings/fn01/"))
    assert run_axe(page) == []  # the speaker links in the remarks' heads
    page.click("#fn01-05 .gj-speaker a")
    page.wait_for_url("**/series/fx-named/speakers/p*/")
    assert page.locator("h1").inner_text() == "藤田 部会長"
    assert run_axe(page) == []
    page.click("a.gj-id:text-is('fn01-05')")
    page.wait_for_url("**/meetings/fn01/#fn01-05")
    assert_highlighted_in_view(page, "fn01-05")


def test_the_speakers_index_is_reached_from_the_series_page(page, named):
    page.goto(named.url("en/series/fx-named/"))
    page.click(".gj-series-speakers a")
    page.wait_for_url("**/en/series/fx-named/speakers/")
    names = page.locator("tbody tr td:first-child a").all_inner_texts()
    assert names == ["藤田 部会長", "後藤さちこ 議員"]
    assert run_axe(page) == []


CHAIR = "series/fx-named/speakers/" + speaker_key("藤田", "部会長") + "/"


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_a_later_page_of_a_speakers_remarks(scheme, lang, page, named):
    page.emulate_media(color_scheme=scheme)
    page.goto(named.url(lang + CHAIR + "2/"))
    assert page.locator("nav.gj-pager").first.is_visible()
    assert run_axe(page) == []


def test_a_speaker_pages_links_are_at_least_24_px_on_a_phone(phone, named):
    phone.goto(named.url(CHAIR))
    small = phone.evaluate("""() => [...document.querySelectorAll(
            '.gj-speaker-remarks a, .gj nav.gj-pager a')]
        .map(e => e.getBoundingClientRect()).filter(r => r.width < 24 || r.height < 24).length""")
    assert phone.locator(".gj-speaker-remarks a.gj-id").count() == 2 and small == 0
