"""Minutes that name their speakers: the site shows each remark's speaker and stage directions,
and meeting pages offer a speaker filter (issue 7). Built from a parser golden fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from gijiroku.site.corpus import Corpus
from gijiroku.site.i18n import load_strings
from gijiroku.site.views import Paths, Site, speaker_name
from support.site import COUNCIL, built_site, speaker_site


def meeting_html() -> str:
    data = yaml.safe_load(COUNCIL.with_suffix(".yaml").read_text(encoding="utf-8"))
    page = speaker_site() / "meetings" / data["meeting"]["id"] / "index.html"
    return page.read_text(encoding="utf-8")


def test_each_remark_shows_its_speaker_and_filter_lists_them():
    data = yaml.safe_load(COUNCIL.with_suffix(".yaml").read_text(encoding="utf-8"))
    html = meeting_html()
    speakers = {}
    for remark in data["remarks"]:
        speaker = remark["speaker"]
        name = " ".join(p for p in (speaker.get("name"), speaker.get("role")) if p)
        block = re.search(rf'<article class="gj-remark" id="{remark["id"]}"[^>]*>', html)[0]
        assert f'data-speaker="{name}"' in block
        speakers[name] = speakers.get(name, 0) + 1
    options = re.findall(r'<option value="([^"]+)">[^<]*\((\d+)\)</option>', html)
    assert options == [(name, str(n)) for name, n in speakers.items()]


def test_stage_directions_are_notes_not_text():
    data = yaml.safe_load(COUNCIL.with_suffix(".yaml").read_text(encoding="utf-8"))
    notes = [n["text"] for r in data["remarks"] for n in r.get("notes") or []]
    assert notes
    html = meeting_html()
    for note in notes:
        assert f">{note}</p>" in html.replace("&#x27;", "'")


def test_anonymous_minutes_have_no_speaker_filter():
    html = (built_site("real") / "meetings" / "sr06" / "index.html").read_text(encoding="utf-8")
    assert "gj-speaker-filter" not in html and "data-speaker" not in html


@pytest.mark.parametrize(
    ("lang", "speaker", "shown"),
    [
        # an anonymised label alone: the source gives no role, so none is invented
        ("ja", {"name": "", "role": "", "label": "A", "raw": "（Ａ）"}, "発言者 A"),
        ("en", {"name": "", "role": "", "label": "A", "raw": "（Ａ）"}, "Speaker A"),
        # a label with the role the source gives
        ("ja", {"name": "", "role": "委員", "label": "B", "raw": "（Ｂ委員）"}, "委員 B"),
        ("en", {"name": "", "role": "委員", "label": "B", "raw": "（Ｂ委員）"}, "委員 B"),
        ("ja", {"name": "たぞえ麻友", "role": "議員", "seat": "22", "raw": "２２番（たぞえ麻友議員）"},
         "たぞえ麻友 議員"),
        ("en", {"name": "", "role": "デジタル戦略推進部長", "raw": "デジタル戦略推進部長"}, "デジタル戦略推進部長"),
    ],
)
def test_speaker_display_invents_no_role(lang, speaker, shown):
    site = Site(Corpus(Path(".")), [], Paths(), "", load_strings(lang))
    assert speaker_name(site, speaker) == shown
