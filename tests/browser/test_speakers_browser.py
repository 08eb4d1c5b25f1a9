"""The speaker filter of a meeting whose minutes name speakers, in headless Chromium."""

from __future__ import annotations

import pytest
import yaml

from support.browser import Served
from support.site import COUNCIL, speaker_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def council():
    served = Served("fixture", speaker_site())
    data = yaml.safe_load(COUNCIL.with_suffix(".yaml").read_text(encoding="utf-8"))
    yield served, data
    served.close()


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
