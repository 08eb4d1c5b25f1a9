"""What the pages no longer repeat (issue 18, page weight), and that what they still say is said
once: an untranslated meeting's remarks carry no notice and link each (its page says it once
at its top), nor do a list's untranslated entries (the list says it once), a theme's entries name their meeting in the heading above them rather than in
each link into context, link there once (their number is no link), leave out the chip of the
theme whose page they are on, and no unit carries its content hash in the HTML."""

from __future__ import annotations

import re

import pytest
import yaml

from support.site import LANGS, built_site, series_site, units

ENTRY = re.compile(r'<article class="gj-remark gj-entry"(?: id="([^"]+)")?>(.*?)</article>', re.S)
CONTEXT = {"ja": "文脈で読む", "en": "Read in context"}


def translated_meetings(site_root) -> set[str]:
    """The IDs of the meetings with an English translation file (data/meetings/<id>.en.yml)."""
    return {p.name.split(".")[0] for p in (site_root / "data" / "meetings").glob("*.en.yml")}


def test_an_untranslated_meetings_english_page_says_so_once():
    site = series_site()
    translated = translated_meetings(site)
    meetings = {p.stem for p in (site / "data" / "meetings").glob("*.yaml")}
    pages = [site / "en" / "meetings" / mid / "index.html" for mid in sorted(meetings)]
    assert {p.parent.name for p in pages} - translated, "no untranslated meeting: the test proves nothing"
    assert translated, "no translated meeting: the test proves nothing"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        texts = re.findall(r'<div class="gj-text"([^>]*)>', html)
        assert texts, page
        if page.parent.name in translated:
            continue  # a unit it lacks still gets its notice and its link (test_site_i18n.py)
        assert html.count("gj-translation-notice") == 1, page
        assert "gj-fallback" not in html and "gj-original-link" not in html, page
        assert set(texts) == {' lang="ja"'}, page


@pytest.mark.parametrize("lang", list(LANGS))
def test_theme_entries_link_into_context_without_repeating_their_meeting(lang):
    site = series_site()
    pages = sorted((site / LANGS[lang] / "themes").glob("*/index.html")) + sorted(
        (site / LANGS[lang] / "themes").glob("*/*/index.html"))
    entries = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for unit_id, body in ENTRY.findall(html):
            entries += 1
            link = re.search(r'<p class="gj-context"><a href="([^"]*)">([^<]*)</a>', body)
            assert link[2] == CONTEXT[lang], (page, unit_id)
            # the number is not a second link to the same place
            assert body.startswith('<div class="gj-head"><span class="gj-num">')
            assert body.count(f'href="{link[1]}"') == 1
            meeting = re.fullmatch(rf"(?:\.\./)+meetings/([^/]+)/#{unit_id}", link[1])[1]
            # under the heading of its meeting, which names it
            heading = html.rindex('<h2 class="gj-meeting-title">', 0, html.index(f'id="{unit_id}"'))
            assert f"/meetings/{meeting}/" in html[heading:html.index("</h2>", heading)]
    assert entries


@pytest.mark.parametrize("lang", list(LANGS))
def test_report_entries_still_name_their_meeting(lang):
    """The report's lists are grouped by reference, not by meeting: the link names it."""
    html = (built_site("real") / LANGS[lang] / "report" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<p class="gj-context"><a href="[^"]*">([^<]*)</a>', html)
    assert links and all(label != CONTEXT[lang] and label.startswith(CONTEXT[lang]) for label in links)


def theme_of(href: str) -> str:
    """The theme of a chip's link from a theme's page: ../dx/#id, ../dx/2/#id (another theme's
    page) or ../../themes/dx/#id."""
    return next(part for part in href.split("#")[0].split("/")
                if part not in ("", "..", "themes") and not part.isdigit())


@pytest.mark.parametrize("lang", list(LANGS))
def test_a_theme_entrys_chips_are_its_other_themes(lang):
    site = built_site("real")
    data = {u["id"]: u for path in sorted((site / "data" / "meetings").glob("*.yaml"))
            if not path.name.endswith(".en.yml")
            for u in units(yaml.safe_load(path.read_text(encoding="utf-8")))}
    others = 0
    for page in sorted((site / LANGS[lang] / "themes").glob("*/index.html")):
        theme = page.parent.name
        for unit_id, body in ENTRY.findall(page.read_text(encoding="utf-8")):
            chips = {theme_of(href) for href in re.findall(r'<a class="gj-chip" href="([^"]*)"', body)}
            assert f'href="#{unit_id}"' not in body  # no link to itself
            expected = {t["theme"] for t in data[unit_id].get("themes") or []} - {theme}
            assert chips == expected, (page, unit_id)
            others += bool(chips)
    assert others, "no entry with another theme: the test proves nothing"


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("name", ["real", "fixture"])
def test_no_unit_carries_its_hash_in_the_html(name, lang):
    site = built_site(name)
    for meeting in (site / "data" / "meetings").glob("*.yaml"):
        html = (site / LANGS[lang] / "meetings" / meeting.stem / "index.html").read_text(encoding="utf-8")
        assert 'class="gj-remark"' in html and "data-hash=" not in html.split('class="gj-retired"')[0]


@pytest.mark.parametrize("kind", ["themes", "report"])
def test_an_english_list_says_once_that_untranslated_entries_are_in_japanese(kind):
    site = series_site()
    pages = sorted((site / "en" / kind).rglob("index.html"))
    japanese = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        entries = ENTRY.findall(html)
        shown = [re.search(r'<div class="gj-text"([^>]*)>', body)[1] for _, body in entries]
        untranslated = shown.count(' lang="ja"')
        japanese += untranslated
        assert html.count("gj-fallback") == (1 if untranslated else 0), page
        assert all("gj-original-link" not in body or 'class="gj-original"' in body for _, body in entries)
        if untranslated:  # above the first entry
            assert html.index("gj-fallback") < html.index('class="gj-remark gj-entry"')
    assert japanese, "no untranslated entry: the test proves nothing"
    # never on the Japanese site
    assert not any("gj-fallback" in p.read_text(encoding="utf-8") for p in (site / kind).rglob("index.html"))
