"""Speaker pages (series/<slug>/speakers/<key>/, gijiroku/site/speakers.py): who gets one, how
the same person is matched across meetings, which remarks each page lists (checked against the
YAML), pagination, both languages, and the links to them from remarks and series pages. On the
hand-written named series (support.site.named_series_site) and the real MOJ series."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from gijiroku.site.speakers import is_named, speaker_key, stem_parts
from gijiroku.site.views import OPENING_CHARS
from support.links import broken_links
from support.site import SHARED_SERIES, named_series_site, shared_series_site

NAMED = "series/fx-named/"


@pytest.mark.parametrize("speaker, named", [
    ({"name": "藤田", "role": "部会長", "raw": "藤田部会長"}, True),
    ({"name": "櫻田宏", "role": "市長", "raw": "市長（櫻田　宏）"}, True),
    ({"name": "後藤さちこ", "role": "", "raw": "後藤さちこ君"}, True),  # a name without a role
    (None, False),  # an anonymous 議事要旨 remark
    ({"name": "", "role": "委員", "label": "A", "raw": "（Ａ委員）"}, False),  # an anonymised label
    ({"name": "", "role": "", "label": "B", "raw": "（Ｂ）"}, False),
    ({"name": "", "role": "事務局", "raw": "事務局"}, False),  # an office, no person
    ({"name": "", "role": "デジタル戦略推進部長", "raw": "デジタル戦略推進部長"}, False),
    ({"name": "", "role": "○○委員", "raw": "○○委員"}, False),
    ({"name": "某", "role": "委員", "raw": "某委員"}, False),  # placeholders for a name
    ({"name": "●●", "role": "委員", "raw": "●●委員"}, False),
    ({"name": "× ×", "role": "委員", "raw": "× ×委員"}, False),
])
def test_only_named_speakers_get_a_page(speaker, named):
    assert is_named(speaker) is named


@pytest.mark.parametrize("a, b", [
    (("藤田", "部会長"), ("藤　田", "部会長")),  # letter-spacing (ideographic space)
    (("藤田", "部会長"), ("藤 田", "部 会 長")),
    (("ＡＢ太郎", "委員"), ("AB太郎", "委員")),  # width
    (("ab太郎", "委員"), ("AB太郎", "委員")),  # case
    (("髙橋", "委員"), ("高橋", "委員")),  # variant kanji (gijiroku/data/fold.json itaiji)
])
def test_the_same_person_is_matched_with_spacing_width_and_variants_folded(a, b):
    assert speaker_key(*a) == speaker_key(*b)


@pytest.mark.parametrize("a, b", [
    (("中村", "委員"), ("中村", "関係官")),  # same surname, another role: another person
    (("中村", "関係官"), ("中村（謙）", "関係官")),  # an initial tells namesakes apart
    (("松井", "幹事"), ("松本", "幹事")),
])
def test_different_people_get_different_pages(a, b):
    assert speaker_key(*a) != speaker_key(*b)


@pytest.mark.parametrize("name, role", [("藤田", "部会長"), ("後藤さちこ", "議員"), ("1", "")])
def test_a_key_is_url_safe_and_never_a_page_number(name, role):
    assert re.fullmatch(r"p[0-9a-f]{12}", speaker_key(name, role))


@pytest.mark.parametrize("stem, parts", [
    ("series/fx/speakers", ("fx", "")),
    ("series/fx/speakers/p0123456789ab", ("fx", "p0123456789ab")),
    ("series/speakers", None),  # the page of a series whose slug is "speakers"
    ("series/fx", None),
    ("themes/dx", None),
])
def test_speaker_listing_stems(stem, parts):
    assert stem_parts(stem) == parts


def site_page(path: str) -> str:
    return (named_series_site() / path).read_text(encoding="utf-8")


def listed_ids(html: str) -> list[str]:
    """The remark IDs a speaker page lists, in order (each linked to its permalink)."""
    return re.findall(r'<a class="gj-id" href="[^"]*#([^"]+)">\1</a>', html)


def speaker_pages(site: Path, slug: str, key: str) -> list[str]:
    """Every page of a speaker's listing, following the pager's "next" links."""
    folder = site / "series" / slug / "speakers" / key
    pages = [(folder / "index.html").read_text(encoding="utf-8")]
    while (found := re.search(r'<a class="gj-pager-next" href="([^"]+)"', pages[-1])):
        folder = (folder / found[1]).resolve()
        pages.append((folder / "index.html").read_text(encoding="utf-8"))
    return pages


def test_each_named_person_of_the_hand_written_series_has_one_page_with_their_remarks():
    site = named_series_site()
    folder = site / "series" / "fx-named" / "speakers"
    keys = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.isdigit())
    assert keys == sorted([speaker_key("藤田", "部会長"), speaker_key("後藤さちこ", "議員"),
                           speaker_key("藤田", "委員")])
    assert [p.name for p in folder.iterdir() if p.name.isdigit()] == ["2"]  # the index's page 2
    # Checked by hand against NAMED_MEETINGS: 藤田 opens both meetings and speaks again in the
    # first; 後藤 (letter-spaced in the first meeting) speaks once in each.
    chair = speaker_pages(site, "fx-named", speaker_key("藤田", "部会長"))
    assert [listed_ids(p) for p in chair] == [["fn01-01", "fn01-05"], ["fn02-01"]]  # page size 2
    goto = speaker_pages(site, "fx-named", speaker_key("後藤さちこ", "議員"))
    assert [listed_ids(p) for p in goto] == [["fn01-02", "fn02-02"], ["fn03-01"]]
    member = speaker_pages(site, "fx-named", speaker_key("藤田", "委員"))
    assert [listed_ids(p) for p in member] == [["fn03-02"]]
    assert "発言 3件（会議 2回）" in chair[0] and "発言 3件（会議 3回）" in goto[0]


def test_a_speaker_page_groups_remarks_by_meeting_with_openings_and_themes():
    html = site_page(NAMED + f"speakers/{speaker_key('後藤さちこ', '議員')}/index.html")
    body = html[html.index('<div class="gj"'):]
    headings = re.findall(r'<h2 class="gj-meeting-title"><a href="([^"]+)">', body)
    assert headings == ["../../../../meetings/fn01/", "../../../../meetings/fn02/"]
    assert "ＤＸの推進について意見を述べます。" in body  # the opening (short remarks: whole)
    themes = body[body.index('id="themes"'):body.index('id="remarks"')]
    assert re.search(r'href="[^"]*themes/dx/"', themes)


def test_a_long_remark_shows_only_its_opening():
    site = shared_series_site() if SHARED_SERIES.is_dir() else None
    if site is None:
        pytest.skip(f"{SHARED_SERIES} not found")
    key = speaker_key("藤田", "部会長")
    html = (site / "series" / SHARED_SERIES.name / "speakers" / key / "index.html").read_text(encoding="utf-8")
    openings = re.findall(r'<span class="gj-opening">([^<]*)</span>', html)
    limit = OPENING_CHARS["ja"] + 1  # and its "…"
    assert openings and all(len(o) <= limit for o in openings)
    cut = [o for o in openings if o.endswith("…")]
    assert cut and all(len(o) > OPENING_CHARS["ja"] // 2 for o in cut)  # views.opening_length


def test_no_page_for_labels_placeholders_offices_or_anonymous_minutes():
    html = site_page("meetings/fn01/index.html")
    for remark_id in ("fn01-03", "fn01-04"):  # （Ａ委員）, 事務局
        block = re.search(rf'<article class="gj-remark" id="{remark_id}".*?</article>', html, re.S)[0]
        assert "/speakers/" not in block
    html = site_page("meetings/fn02/index.html")
    for remark_id in ("fn02-03", "fn02-04"):  # ○○委員, 某委員
        block = re.search(rf'<article class="gj-remark" id="{remark_id}".*?</article>', html, re.S)[0]
        assert "/speakers/" not in block
    # The anonymous series (議事要旨) has neither an index nor pages.
    assert not (named_series_site() / "series" / "fx-unsafe" / "speakers").exists()
    assert "speakers/" not in site_page("series/fx-unsafe/index.html")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_every_named_remark_links_its_speakers_page(lang):
    for meeting in ("fn01", "fn02", "fn03"):
        html = site_page(f"{lang}meetings/{meeting}/index.html")
        blocks = re.findall(r'<article class="gj-remark" id="([^"]+)"(.*?)</article>', html, re.S)
        links = {rid: found[1] for rid, block in blocks
                 if (found := re.search(r'<span class="gj-speaker"[^>]*><a href="([^"]+)">', block))}
        expected = {"fn01": {"fn01-01": "藤田", "fn01-02": "後藤", "fn01-05": "藤田"},
                    "fn02": {"fn02-01": "藤田", "fn02-02": "後藤"},
                    "fn03": {"fn03-01": "後藤", "fn03-02": "藤田委員"}}[meeting]
        keys = {"藤田": speaker_key("藤田", "部会長"), "後藤": speaker_key("後藤さちこ", "議員"),
                "藤田委員": speaker_key("藤田", "委員")}
        assert links == {rid: f"../../series/fx-named/speakers/{keys[who]}/" for rid, who in expected.items()}


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_series_page_links_its_speakers_index_and_members(lang):
    html = site_page(f"{lang}{NAMED}index.html")
    assert '<p class="gj-series-speakers"><a href="speakers/">' in html
    members = html[html.index('id="members"'):html.index('id="themes"')]
    chair, member = speaker_key("藤田", "部会長"), speaker_key("藤田", "委員")
    fujita = next(row for row in members.split("<tr>") if "藤田" in row)
    # The name links the latest role's page; an earlier role links its own.
    assert re.search(rf'<td><a href="speakers/{member}/">.*藤田.*</a></td>', fujita)
    assert f'<li><a href="speakers/{chair}/">' in fujita and f'<li><a href="speakers/{member}/">' not in fujita
    index = site_page(f"{lang}{NAMED}speakers/index.html") + site_page(f"{lang}{NAMED}speakers/2/index.html")
    rows = re.findall(r'<tr><td[^>]*><a href="([^"]+)">.*?</a></td><td[^>]*>(\d+)</td><td[^>]*>(\d+)</td>', index)
    key = speaker_key("藤田", "委員")
    assert rows == [(speaker_key("藤田", "部会長") + "/", "3", "2"),
                    (speaker_key("後藤さちこ", "議員") + "/", "3", "3"),
                    (f"../{key}/", "1", "1")]  # most remarks first; two a page


def test_the_english_speaker_page():
    html = site_page(f"en/{NAMED}speakers/{speaker_key('藤田', '部会長')}/index.html")
    assert "<title>Speaker: 藤田 部会長" in html
    body = html[html.index('<div class="gj"'):]
    assert '<h1><span lang="ja">藤田 部会長</span></h1>' in body
    assert "Remarks: 3 (meetings: 2)" in body and "Page 1 of 2" in body
    assert 'href="../../../../../meetings/fn01/#fn01-01"' not in body  # links stay in en/
    assert 'href="../../../../meetings/fn01/#fn01-01"' in body


def test_the_named_site_has_no_broken_link():
    assert broken_links(named_series_site(), "/") == []


def test_the_real_series_speaker_pages_list_each_speakers_remarks():
    if not SHARED_SERIES.is_dir():
        pytest.skip(f"{SHARED_SERIES} not found")
    site = shared_series_site()
    expected: dict[str, list[str]] = {}
    minutes = site.parent / "minutes" / SHARED_SERIES.name
    for path in sorted(minutes.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for remark in data["remarks"]:
            if is_named(remark["speaker"]):
                key = speaker_key(remark["speaker"]["name"], remark["speaker"]["role"])
                expected.setdefault(key, []).append(remark["id"])
    folder = site / "series" / SHARED_SERIES.name / "speakers"
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == sorted(expected)
    for key, ids in expected.items():
        pages = speaker_pages(site, SHARED_SERIES.name, key)
        assert [i for page in pages for i in listed_ids(page)] == ids
        assert all(len(page.encode("utf-8")) <= 300 * 1024 for page in pages)
    assert len(expected[speaker_key("藤田", "部会長")]) > 500  # six pages of 100
