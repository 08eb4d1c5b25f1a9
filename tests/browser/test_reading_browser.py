"""Reading a meeting in headless Chromium (issue 17, item 6): the jump-to-remark list, each
remark's previous/next links, the j/k keys, without JavaScript too, and on print."""

from __future__ import annotations

import pytest

from support.browser import assert_highlighted_in_view, run_axe
from support.site import LANGS, meeting_data

pytestmark = pytest.mark.browser

SEED = [r["id"] for r in meeting_data("real", "sr06")["remarks"]]
PAGE = "meetings/sr06/"
NEXT = {"ja": "次の発言", "en": "Next remark"}
PREV = {"ja": "前の発言", "en": "Previous remark"}
JUMP = {"ja": "発言へ移動", "en": "Go to a remark"}


def current_hash(page) -> str:
    return page.evaluate("decodeURIComponent(location.hash.slice(1))")


def jump_to(page, lang: str, number: int) -> None:
    page.get_by_text(JUMP[lang], exact=True).click()
    page.locator(".gj-jump-list").get_by_role("link", name=str(number), exact=True).click()


@pytest.mark.parametrize("lang", list(LANGS))
def test_jump_list_opens_and_its_number_goes_to_the_remark(lang, page, real_site):
    page.goto(real_site.url(LANGS[lang] + PAGE))
    assert not page.locator(".gj-jump-list").is_visible()  # closed: one line on the page
    jump_to(page, lang, 15)
    assert current_hash(page) == SEED[14]
    assert_highlighted_in_view(page, SEED[14])


def test_jump_list_works_without_javascript(no_js_page, real_site):
    page = no_js_page
    page.goto(real_site.url(PAGE))
    jump_to(page, "ja", 20)
    assert_highlighted_in_view(page, SEED[19])
    # the previous/next links are plain anchors too
    page.locator(f"#{SEED[19]} > .gj-step").get_by_role("link", name=NEXT["ja"]).click()
    assert_highlighted_in_view(page, SEED[20])


@pytest.mark.parametrize("lang", list(LANGS))
def test_previous_and_next_links_go_to_the_neighbouring_remarks(lang, page, real_site):
    page.goto(real_site.url(f"{LANGS[lang]}{PAGE}#{SEED[5]}"))
    page.locator(f"#{SEED[5]} > .gj-step").get_by_role("link", name=NEXT[lang]).click()
    assert current_hash(page) == SEED[6]
    assert_highlighted_in_view(page, SEED[6])
    page.locator(f"#{SEED[6]} > .gj-step").get_by_role("link", name=PREV[lang]).click()
    assert current_hash(page) == SEED[5]
    assert_highlighted_in_view(page, SEED[5])
    # the first remark has no previous link, the last no next one
    assert page.locator(f"#{SEED[0]} > .gj-step a").all_inner_texts() == [NEXT[lang]]
    assert page.locator(f"#{SEED[-1]} > .gj-step a").all_inner_texts() == [PREV[lang]]


def test_j_and_k_step_through_the_remarks(page, real_site):
    page.goto(real_site.url(PAGE))
    page.keyboard.press("j")  # from the top of the page: the first remark
    assert current_hash(page) == SEED[0]
    page.keyboard.press("j")
    assert current_hash(page) == SEED[1]
    assert_highlighted_in_view(page, SEED[1])
    page.keyboard.press("k")
    assert current_hash(page) == SEED[0]
    page.keyboard.press("k")  # nothing before the first remark
    assert current_hash(page) == SEED[0]
    # from an item's permalink: the remark after the item's remark
    item = meeting_data("real", "sr06")["remarks"][3]["items"][1]["id"]
    page.goto(real_site.url(f"{PAGE}#{item}"))
    page.keyboard.press("j")
    assert current_hash(page) == SEED[4]
    # from the remark in view after scrolling (the address still names the item's)
    page.locator(f"#{SEED[12]}").scroll_into_view_if_needed()
    page.evaluate(f"document.getElementById('{SEED[12]}').scrollIntoView()")
    page.keyboard.press("j")
    assert current_hash(page) == SEED[13]
    assert_highlighted_in_view(page, SEED[13])


def test_j_and_k_leave_typing_and_modifier_keys_alone(page, real_site):
    page.goto(real_site.url(f"{PAGE}#{SEED[2]}"))
    page.keyboard.press("Control+j")
    page.keyboard.press("Alt+k")
    assert current_hash(page) == SEED[2]
    search = page.locator("input:visible").first
    search.focus()
    page.keyboard.type("jk")
    assert current_hash(page) == SEED[2]
    assert search.input_value().endswith("jk")


def test_j_skips_the_remarks_the_speaker_filter_hides(page, council):
    served, data = council
    page.goto(served.url(f"meetings/{data['meeting']['id']}/"))
    chair = data["remarks"][0]["speaker"]
    name = f"{chair['name']} {chair['role']}"
    page.select_option(".gj-speaker-filter select", name)
    shown = [r["id"] for r in data["remarks"]
             if f"{r['speaker'].get('name')} {r['speaker'].get('role')}" == name]
    assert len(shown) >= 2
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert current_hash(page) == shown[1]
    assert_highlighted_in_view(page, shown[1])


def test_named_minutes_jump_list_shows_the_speakers_and_is_accessible(page, council):
    served, data = council
    page.goto(served.url(f"meetings/{data['meeting']['id']}/"))
    page.get_by_text(JUMP["ja"], exact=True).click()
    first = data["remarks"][0]
    link = page.locator(".gj-jump-list a").first
    assert link.text_content().startswith(f"{first['number']} {first['speaker']['name']}")
    box = link.bounding_box()
    assert box["height"] >= 24
    assert run_axe(page) == []


@pytest.mark.parametrize("lang", list(LANGS))
def test_the_reading_controls_pass_axe_when_open(lang, page, real_site):
    page.goto(real_site.url(LANGS[lang] + PAGE))
    page.get_by_text(JUMP[lang], exact=True).click()
    assert run_axe(page) == []


def test_the_reading_controls_are_not_printed(page, real_site):
    page.goto(real_site.url(PAGE))
    page.emulate_media(media="print")
    shown = page.evaluate("""() => [...document.querySelectorAll('.gj-jump, .gj-step')]
        .filter(e => e.getBoundingClientRect().height > 0).length""")
    assert shown == 0


def test_theme_entry_links_its_neighbours_in_the_meeting(page, real_site):
    page.goto(real_site.url("themes/dx/"))
    entry = page.locator("article.gj-entry").first
    entry_id = entry.get_attribute("id")
    remark = next(r for r in meeting_data("real", "sr06")["remarks"]
                  if r["id"] == entry_id or any(i["id"] == entry_id for i in r.get("items") or []))
    index = SEED.index(remark["id"])
    entry.locator(".gj-context").get_by_role("link", name=f"{NEXT['ja']} {SEED[index + 1]}").click()
    page.wait_for_url(f"**/{PAGE}#{SEED[index + 1]}")
    assert_highlighted_in_view(page, SEED[index + 1])
