"""Reading a meeting (issue 17, item 6): the jump-to-remark list of a meeting page, the previous
and next links at the end of each remark block, and the neighbours of a theme page's entries.
The expected targets come from the minutes' YAML (remarks in order); tests/test_site_links.py
checks that every link of the built sites lands on an existing anchor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from support.site import COUNCIL, LANGS, built_site, meeting_data, speaker_site

# The labels of strings.yml (reading.*), per language.
PREV = {"ja": "前の発言", "en": "Previous remark"}
NEXT = {"ja": "次の発言", "en": "Next remark"}
JUMP = {"ja": "発言へ移動", "en": "Go to a remark"}

REMARK = re.compile(r'<article class="gj-remark" id="([^"]+)"[^>]*>(.*?)</article>', re.S)
LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)


def page_of(site: Path, lang: str, path: str) -> str:
    return (site / LANGS[lang] / path / "index.html").read_text(encoding="utf-8")


def neighbours(ids: list[str]) -> dict[str, tuple[str, str]]:
    """Each ID -> (the one before, the one after), "" at the ends."""
    return {i: (ids[n - 1] if n else "", ids[n + 1] if n + 1 < len(ids) else "")
            for n, i in enumerate(ids)}


def step_links(block: str) -> list[tuple[str, str]]:
    """The (href, text) of the previous/next links at the end of a remark block."""
    step = re.search(r'<p class="gj-step">(.*?)</p>$', block, re.S)
    return LINK.findall(step[1]) if step else []


def expected_steps(ids: list[str], lang: str, page: str = "") -> dict[str, list[tuple[str, str]]]:
    out = {}
    for remark, (before, after) in neighbours(ids).items():
        out[remark] = ([(f"{page}#{before}", PREV[lang])] if before else []) + \
                      ([(f"{page}#{after}", NEXT[lang])] if after else [])
    return out


SITES = [("real", "sr06"), ("speakers", None)]


def site_and_data(name: str, meeting_id: str | None) -> tuple[Path, dict]:
    if name == "speakers":
        return speaker_site(), yaml.safe_load(COUNCIL.with_suffix(".yaml").read_text(encoding="utf-8"))
    return built_site(name), meeting_data(name, meeting_id)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(("name", "meeting_id"), SITES)
def test_each_remark_ends_with_links_to_the_remarks_before_and_after_it(name, meeting_id, lang):
    site, data = site_and_data(name, meeting_id)
    html = page_of(site, lang, f"meetings/{data['meeting']['id']}")
    ids = [r["id"] for r in data["remarks"]]
    blocks = dict(REMARK.findall(html))
    assert list(blocks) == ids
    assert {i: step_links(b) for i, b in blocks.items()} == expected_steps(ids, lang)
    # at the end of the block: after the last item and the permalink, never in the head
    for block in blocks.values():
        assert block.rindex('class="gj-step"') > block.rindex('class="gj-tools"')


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(("name", "meeting_id"), SITES)
def test_jump_list_links_every_remark_by_number_with_its_speaker(name, meeting_id, lang):
    site, data = site_and_data(name, meeting_id)
    html = page_of(site, lang, f"meetings/{data['meeting']['id']}")
    jump = re.search(r'<details class="gj-jump"><summary>(.*?)</summary>'
                     r'<ol class="([^"]*)" aria-label="[^"]+">(.*?)</ol>', html, re.S)
    assert jump and jump[1] == JUMP[lang]
    named = any(r.get("speaker") for r in data["remarks"])
    assert ("gj-jump-named" in jump[2].split()) == named
    links = LINK.findall(jump[3])
    assert [href for href, _ in links] == [f"#{r['id']}" for r in data["remarks"]]
    numbers = [re.match(r"\d+", text)[0] for _, text in links]
    assert numbers == [str(r["number"]) for r in data["remarks"]]
    # before the first remark: the reader opens it at the top of the page
    assert html.index('class="gj-jump"') < html.index('<article class="gj-remark"')


@pytest.mark.parametrize(("lang", "attribute"), [("ja", ""), ("en", ' lang="ja"')])
def test_jump_list_of_named_minutes_shows_the_speakers(lang, attribute):
    """Names and roles as written, marked Japanese on the English page (as in the remark's head)."""
    data = yaml.safe_load(COUNCIL.with_suffix(".yaml").read_text(encoding="utf-8"))
    html = page_of(speaker_site(), lang, f"meetings/{data['meeting']['id']}")
    for remark in data["remarks"]:
        speaker = remark["speaker"]
        name = " ".join(p for p in (speaker.get("name"), speaker.get("role")) if p)
        assert (f'<li><a href="#{remark["id"]}">{remark["number"]} <span{attribute}>{name}</span></a></li>'
                in html), remark["id"]


def theme_entries(html: str) -> dict[str, list[tuple[str, str]]]:
    """A theme page's entries: ID -> the (href, text) links of its context line."""
    out = {}
    for entry_id, block in re.findall(r'<article class="gj-remark gj-entry" id="([^"]+)">(.*?)</article>',
                                      html, re.S):
        context = re.search(r'<p class="gj-context">(.*)</p>$', block, re.S)
        out[entry_id] = LINK.findall(context[1])
    return out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_theme_entries_link_the_remarks_around_them_in_their_meeting(lang):
    site = built_site("real")
    data = meeting_data("real", "sr06")
    ids = [r["id"] for r in data["remarks"]]
    around = neighbours(ids)
    parent = {i["id"]: r["id"] for r in data["remarks"] for i in r.get("items") or []}
    page = "../../meetings/sr06/"
    checked = 0
    for theme in sorted((site / LANGS[lang] / "themes").glob("*/index.html")):
        for entry_id, links in theme_entries(theme.read_text(encoding="utf-8")).items():
            # an item's neighbours are those of its remark
            before, after = around[parent.get(entry_id, entry_id)]
            context, *steps = links
            assert context[0] == f"{page}#{entry_id}"
            expected = ([(f"{page}#{before}", f"{PREV[lang]} {before}")] if before else []) + \
                       ([(f"{page}#{after}", f"{NEXT[lang]} {after}")] if after else [])
            assert steps == expected, (theme, entry_id)
            checked += 1
    assert checked > 20


def test_seed_meeting_page_stays_light():
    """The reading controls cost about 3.7 KB on the seed's page (28 remarks); it stays
    within 60 KB (issue 17's budget for the seed's Japanese meeting page)."""
    size = len(page_of(built_site("real"), "ja", "meetings/sr06").encode("utf-8"))
    assert size <= 60_000, size
