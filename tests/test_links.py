"""Links that never die: a removed remark keeps its anchor on its meeting page, with a notice
and its last text (escaped); every meeting page carries the notice for an unknown #ID."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from support.site import LANGS, built_site, minutes_of

FIXTURE = minutes_of("fixture")[0]
NOTICE = {"ja": " は、議事要旨の訂正版で削除されました。", "en": " was removed in a corrected version of the minutes."}


def meeting_html(lang: str) -> str:
    path = built_site("fixture") / LANGS[lang] / "meetings" / FIXTURE["meeting"]["id"] / "index.html"
    return path.read_text(encoding="utf-8")


def block(page: str, element_id: str) -> str:
    match = re.search(rf'<section class="gj-retired" id="{element_id}"[^>]*>(.*?)</section>', page)
    assert match, f"no retired block #{element_id}"
    return match[1]


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("entry", FIXTURE["retired"], ids=lambda e: e["id"])
def test_a_retired_id_keeps_its_anchor_with_a_notice_and_its_last_text(lang, entry):
    page = meeting_html(lang)
    assert page.count(f'id="{entry["id"]}"') == 1
    inner = block(page, entry["id"])
    assert f'{entry["id"]}{NOTICE[lang]}' in html_lib.unescape(inner)
    if entry["text"]:
        shown = re.search(r'<div class="gj-retired-text" lang="ja"><p>(.*?)</p></div>', inner)[1]
        assert shown == html_lib.escape(entry["text"], quote=False)  # escaped, never markup
        assert "<script>" not in inner


@pytest.mark.parametrize("lang", list(LANGS))
def test_every_meeting_page_has_the_unknown_anchor_notice(lang):
    page = meeting_html(lang)
    match = re.search(r'<p class="gj-notice gj-unknown-anchor" role="status" hidden '
                      r'data-template="([^"]*)"></p>', page)
    assert match and "#{id}" in html_lib.unescape(match[1])
