"""Old links in the browser: a permalink to a removed remark lands on its notice, and a link to
an ID that is not on the page says so instead of silently showing the top of the page."""

from __future__ import annotations

import pytest

from support.browser import run_axe
from support.site import LANGS, minutes_of

pytestmark = pytest.mark.browser

FIXTURE = minutes_of("fixture")[0]
MEETING = f"meetings/{FIXTURE['meeting']['id']}/"
RETIRED = FIXTURE["retired"][0]["id"]


def notice(page) -> dict:
    return page.evaluate("""() => {
        const n = document.querySelector('.gj-unknown-anchor'), r = n.getBoundingClientRect();
        return {hidden: n.hidden, visible: r.height > 0 && r.top >= 0 && r.top < innerHeight,
                text: n.textContent};
    }""")


@pytest.mark.parametrize("lang", list(LANGS))
def test_an_old_link_to_a_retired_remark_lands_on_its_notice(lang, page, fixture_site):
    page.goto(fixture_site.url(f"{LANGS[lang]}{MEETING}#{RETIRED}"))
    page.wait_for_function("""id => {
        const r = document.getElementById(id).getBoundingClientRect();
        return r.top >= 0 && r.top < innerHeight;
    }""", arg=RETIRED)
    state = page.evaluate("""id => {
        const e = document.getElementById(id);
        return {target: e.matches(':target'), cls: e.className, text: e.textContent,
                outline: getComputedStyle(e).outlineStyle, ran: window.gjRetiredRan};
    }""", RETIRED)
    assert state["target"] and state["cls"] == "gj-retired" and state["outline"] == "solid", state
    assert RETIRED in state["text"] and "<script>" in state["text"]  # shown as text ...
    assert state["ran"] is None  # ... never run
    assert notice(page)["hidden"]


@pytest.mark.parametrize("lang", list(LANGS))
def test_an_unknown_id_shows_a_notice(lang, page, fixture_site):
    page.goto(fixture_site.url(f"{LANGS[lang]}{MEETING}#fx01-99"))
    page.wait_for_function("() => !document.querySelector('.gj-unknown-anchor').hidden")
    shown = notice(page)
    assert shown["visible"] and "#fx01-99" in shown["text"], shown
    # Following a link to a remark that exists hides it again.
    page.evaluate("() => { location.hash = 'fx01-01'; }")
    page.wait_for_function("() => document.querySelector('.gj-unknown-anchor').hidden")


def test_a_hostile_fragment_is_shown_as_text(page, fixture_site):
    fragment = "%3Cimg%20src%3Dx%20onerror%3D%22window.gjRan%3D1%22%3E%24%26"
    page.goto(fixture_site.url(f"{MEETING}#{fragment}"))
    page.wait_for_function("() => !document.querySelector('.gj-unknown-anchor').hidden")
    shown = notice(page)
    assert '#<img src=x onerror="window.gjRan=1">$&' in shown["text"], shown
    assert page.evaluate("() => window.gjRan") is None
    assert page.evaluate("() => document.querySelector('.gj-unknown-anchor').children.length") == 0


def test_a_page_opened_without_an_anchor_shows_no_notice(page, fixture_site):
    page.goto(fixture_site.url(MEETING))
    page.wait_for_load_state("load")
    assert notice(page)["hidden"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_in_the_notices(scheme, page, fixture_site):
    page.emulate_media(color_scheme=scheme)
    page.goto(fixture_site.url(f"{MEETING}#fx01-99"))
    page.wait_for_function("() => !document.querySelector('.gj-unknown-anchor').hidden")
    assert run_axe(page) == []
