"""Copying and citing on the meeting page in headless Chromium: "copy link" and "copy quote +
citation" on each remark and item, feedback next to the button, the copied address opening the
remark highlighted, the citation formats made on demand (equal to cite.py's), the clipboard
fallback, the page without JavaScript, and the printed page."""

from __future__ import annotations

import functools
import io
import json
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from gijiroku.site.cite import meeting_citation
from gijiroku.site.corpus import load_corpus
from support.browser import assert_highlighted_in_view
from support.paths import MINUTES
from support.site import LANGS, built_site, meeting_data

pytestmark = pytest.mark.browser

REAL = meeting_data("real", "sr06")
MEETING = f"meetings/{REAL['meeting']['id']}/"
DOC = next(d for d in load_corpus(MINUTES).meetings if d.id == REAL["meeting"]["id"])
UNITS = {unit.id: unit for unit in DOC.units()}
REMARK = REAL["remarks"][3]["id"]  # a remark with items
ITEM = REAL["remarks"][3]["items"][1]["id"]
COPIED = {"ja": "コピーしました", "en": "Copied"}
BUTTONS = {"ja": ("リンクをコピー", "引用文をコピー", "引用の形式"),
           "en": ("Copy link", "Copy quote + citation", "Citation formats")}


@functools.cache
def site_url() -> str:
    """The address the real site was built for ("" when built without site_url), as its
    meeting page tells the browser."""
    html = (built_site("real") / MEETING / "index.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="gj-cite-data">(.*?)</script>', html)[1]
    page = json.loads(data)["page"]
    return page.removesuffix(MEETING)


def expected_citations(lang: str, unit_id: str, url: str) -> dict[str, str]:
    """cite.py's citations of the unit, as the page in ``lang`` should make them."""
    translation = DOC.translations.get(lang) if lang != "ja" else None
    entry = translation.units.get(unit_id) if translation else None
    cited = meeting_citation(DOC, lang).cite(UNITS[unit_id], url, bool(entry and entry.text.strip()))
    return {"ja": cited.ja, "en": cited.en, "bib": cited.bibtex, "csl": cited.csl_json}


def without_site_url(page, served) -> None:
    """Serve the meeting pages as a build without site_url makes them: no page address in the
    page's data, every permalink its bare anchor (the served site was built with one)."""
    if not site_url():
        return

    def handle(route):
        response = route.fetch()
        body = response.text()
        for prefix in LANGS.values():
            body = body.replace(site_url() + prefix + MEETING, "")
        body = re.sub(r'"page": "[^"]*"', '"page": ""', body)
        route.fulfill(response=response, body=body)

    page.route(re.compile(r".*/meetings/[^/]+/(index\.html)?$"), handle)


def address(served, lang: str, addressed: bool) -> str:
    """The meeting page's absolute address as its permalinks should show it."""
    if addressed and site_url():
        return site_url() + LANGS[lang] + MEETING
    return served.url(LANGS[lang] + MEETING)


def local(served, url: str) -> str:
    """``url`` on the served copy of the site (the same path, under the test server)."""
    base = site_url()
    return served.url(url[len(base):]) if base and url.startswith(base) else url


@pytest.mark.parametrize("addressed", [True, False], ids=["site_url", "no-site_url"])
@pytest.mark.parametrize("unit_id", [REMARK, ITEM])
def test_copy_link_opens_the_unit_highlighted(unit_id, addressed, page, real_site):
    if not addressed:
        without_site_url(page, real_site)
    page.goto(real_site.url(MEETING))
    tools = page.locator(f'[id="{unit_id}"] > .gj-tools')
    url = address(real_site, "ja", addressed) + f"#{unit_id}"
    link = tools.locator(".gj-permalink a")
    expect(link).to_have_text(url)
    assert link.get_attribute("href") == url  # the text and the link agree
    tools.get_by_role("button", name=BUTTONS["ja"][0]).click()
    expect(tools.locator(".gj-buttons > [role=status]")).to_have_text(COPIED["ja"])
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == url == page.evaluate("window.gijirokuLastCopied")
    other = page.context.new_page()
    other.goto(local(real_site, copied))
    assert_highlighted_in_view(other, unit_id)


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("unit_id", [REMARK, ITEM])
def test_copy_quote_copies_the_text_then_the_citation(unit_id, lang, page, real_site):
    page.goto(real_site.url(LANGS[lang] + MEETING))
    tools = page.locator(f'[id="{unit_id}"] > .gj-tools')
    # keyboard: focus the button and press Enter
    tools.get_by_role("button", name=BUTTONS[lang][1]).focus()
    page.keyboard.press("Enter")
    expect(tools.locator(".gj-buttons > [role=status]")).to_have_text(COPIED[lang])
    copied = page.evaluate("navigator.clipboard.readText()")
    # the unit's text as the page shows it, a line per paragraph; a remark's items follow it
    shown = page.locator(f'[id="{unit_id}"] > .gj-text, [id="{unit_id}"] > .gj-items > li > .gj-text')
    text = "\n".join(shown.evaluate_all(
        "blocks => blocks.map(e => Array.from(e.querySelectorAll(':scope > p'), p => p.textContent).join('\\n'))"))
    url = address(real_site, lang, True) + f"#{unit_id}"
    assert copied == text + "\n" + expected_citations(lang, unit_id, url)[lang]
    if lang == "ja":  # the texts as published
        assert text == "\n".join(u.text for u in UNITS.values() if unit_id in (u.id, u.parent))


@pytest.mark.parametrize("lang", list(LANGS))
def test_citation_formats_are_made_on_demand_and_equal_cite_py(lang, page, real_site):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(real_site.url(LANGS[lang] + MEETING))
    unit = page.locator(f'[id="{ITEM}"]')
    assert page.locator(".gj-cite-panel").count() == 0
    toggle = unit.locator(".gj-tools").get_by_role("button", name=BUTTONS[lang][2])
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    panel = page.locator(f'[id="cite-{ITEM}"]')
    expect(panel).to_be_visible()
    expected = expected_citations(lang, ITEM, address(real_site, lang, True) + f"#{ITEM}")
    for key, text in expected.items():
        assert panel.locator(f'[id="cite-{key}-{ITEM}"]').text_content() == text, key
    json.loads(expected["csl"])
    keys = panel.locator("pre").evaluate_all("pres => pres.map(p => p.id.split('-')[1])")
    assert keys == (["ja", "en"] if lang == "ja" else ["en", "ja"]) + ["bib", "csl"]
    row = panel.locator(".gj-cite-format").nth(2)  # BibTeX
    row.get_by_role("button").click()
    expect(row.locator("[role=status]")).to_have_text(COPIED[lang])
    assert page.evaluate("navigator.clipboard.readText()") == expected["bib"]
    toggle.click()
    expect(panel).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    # made from the page's own data: nothing was fetched for them (no meeting's JSON)
    assert not [r for r in requests if r.endswith(".json") or r.endswith(".zip")], requests


def test_a_refused_clipboard_shows_the_text_to_copy_by_hand(page, real_site):
    page.add_init_script("""
        navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
        document.execCommand = () => false;""")
    page.goto(real_site.url(MEETING))
    tools = page.locator(f'[id="{REMARK}"] > .gj-tools')
    tools.get_by_role("button", name=BUTTONS["ja"][0]).click()
    expect(tools.locator("[role=status]")).to_contain_text("コピーできませんでした")
    box = tools.locator("textarea.gj-manual-copy")
    expect(box).to_be_focused()
    assert box.input_value() == address(real_site, "ja", True) + f"#{REMARK}"
    assert box.evaluate("b => b.selectionEnd - b.selectionStart") == len(box.input_value())


@pytest.mark.parametrize("lang", list(LANGS))
def test_no_english_on_the_japanese_page_and_no_japanese_ui_on_the_english_one(lang, page, real_site):
    page.goto(real_site.url(LANGS[lang] + MEETING))
    labels = page.locator(f'[id="{REMARK}"] > .gj-tools button').all_text_contents()
    assert labels == list(BUTTONS[lang])


def test_without_javascript_a_unit_shows_its_text_and_a_plain_permalink(no_js_page, real_site):
    page = no_js_page
    page.goto(real_site.url(MEETING + f"#{REMARK}"))
    unit = page.locator(f'[id="{REMARK}"]')
    expect(unit.locator(":scope > .gj-text")).to_contain_text(UNITS[REMARK].text.split("\n")[0])
    link = unit.locator(":scope > .gj-tools .gj-permalink a")
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert link.text_content() == href and href.endswith(f"#{REMARK}")
    assert unit.locator("button").count() == 0


@pytest.mark.parametrize("lang", list(LANGS))
def test_the_meeting_prints_on_few_pages_with_numbers_ids_and_its_address(lang, page, real_site):
    page.goto(real_site.url(LANGS[lang] + MEETING))
    page.emulate_media(media="print")
    expect(page.locator(".gj-print-url")).to_have_text(address(real_site, lang, True))
    for hidden in (".md-header", ".md-sidebar", ".gj-tools", ".gj-buttons", ".md-footer"):
        assert page.locator(hidden).first.is_hidden(), hidden
    expect(page.locator(f'[id="{REMARK}"] > .gj-head .gj-id')).to_be_visible()
    expect(page.locator(f'[id="{REMARK}"] > .gj-head .gj-num')).to_be_visible()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert len(pdf.pages) <= 12, len(pdf.pages)
    assert ITEM in text
    assert BUTTONS[lang][0] not in text
