"""Series pages (series/<slug>/): a study group's meetings, members and their roles over time,
themes and official link, on the three-meeting fixture site (support.site.series_site), and the
links to them; the optional `url` of series.yml."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
import yaml

from gijiroku.errors import GijirokuError
from gijiroku.serialize import minutes_from_dict
from gijiroku.series import load_series_file
from gijiroku.site.views import meeting_people, person_key
from support.links import broken_links
from support.site import (COUNCIL, SERIES_URL, SHARED_SERIES, UnitTexts, series_site,
                          shared_series_site, units)

SERIES = "series/fx-unsafe/"


def page(path: str) -> str:
    return (series_site() / path).read_text(encoding="utf-8")


def body(path: str) -> str:
    html = page(path)
    return html[html.index('<div class="gj"'):]


class Cells(HTMLParser):
    """The text of each cell of each row of the first table's body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.state = "before"  # before, in (the first tbody), after

    def handle_starttag(self, tag, attrs):
        if tag == "tbody" and self.state == "before":
            self.state = "in"
        elif self.state == "in" and tag == "tr":
            self.rows.append([])
        elif self.state == "in" and tag == "td":
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag == "tbody" and self.state == "in":
            self.state = "after"

    def handle_data(self, data):
        if self.state == "in" and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def rows(html: str, table: str) -> list[list[str]]:
    """The text of each cell of each body row of the first table after ``table`` (a marker)."""
    parser = Cells()
    parser.feed(html[html.index(table):])
    return [[re.sub(r"\s+", " ", cell).strip() for cell in row] for row in parser.rows]


def minutes() -> list[dict]:
    root = series_site().parent / "minutes" / "fx-unsafe"
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(root.glob("*.yaml"))]


def test_the_series_page_lists_its_meetings_newest_first_over_pages():
    first, second = body(SERIES + "index.html"), body(SERIES + "2/index.html")
    assert [r[:2] + r[3:] for r in rows(first, 'id="meetings"')] == [
        ["3", "安全な出力を確かめる研究会（第３回）", "議事要旨", "1"],
        ["2", "安全な出力を確かめる研究会（第２回）", "議事要旨", "2"],
    ]
    assert [r[0] for r in rows(second, 'id="meetings"')] == ["1"]
    assert "会議（3回）" in first
    # Page 1 holds the members, themes and links; page 2 only the rest of the meetings.
    assert 'id="members"' in first and 'id="members"' not in second
    assert 'class="gj-feed"' in first and 'class="gj-feed"' not in second


def test_members_with_their_roles_over_time():
    members = {r[0]: (r[1], r[2]) for r in rows(body(SERIES + "index.html"), 'id="members"')}
    assert members == {
        "試験": ("座長 2021年6月1日（火） (1回)", "1"),
        "検査": ("委員 2021年6月1日（火） (1回)", "1"),
        "山田": ("座長 2021年7月6日（火） (1回)委員 2021年9月7日（火） (1回)", "2"),
        "佐藤": ("委員 2021年7月6日（火） (1回)座長 2021年9月7日（火） (1回)", "2"),
    }
    english = {r[0]: r[1] for r in rows(body("en/" + SERIES + "index.html"), 'id="members"')}
    assert english["山田"] == "Chair Tuesday, 6 July 2021 (meetings: 1)Member Tuesday, 7 September 2021 (meetings: 1)"


def test_theme_counts_are_those_of_the_series_remarks():
    expected = Counter(tag["theme"] for data in minutes() for unit in units(data)
                       for tag in unit.get("themes") or [])
    html = body(SERIES + "index.html")
    part = html[html.index('id="themes"'):]
    shown = {href.split("/")[-2]: int(n)
             for href, n in re.findall(r'<li><a href="([^"]+)">[^<]+</a> <span class="gj-count">(\d+)件', part)}
    assert shown == dict(expected) and shown["dx"] >= 4


def test_the_official_link_is_the_series_url_escaped():
    html = body(SERIES + "index.html")
    assert f'<a href="{SERIES_URL.replace("&", "&amp;")}" rel="external">' in html


@pytest.mark.parametrize("path", [
    "meetings/fx02/index.html", "index.html", "meetings/index.html", "en/meetings/fx01/index.html",
])
def test_meeting_home_and_meetings_pages_link_the_series_page(path):
    links = re.findall(r'href="((?:\.\./)*series/fx-unsafe/)"', page(path))
    assert links, path


def test_the_meeting_pages_series_link_goes_to_the_series_page():
    html = page("meetings/fx02/index.html")
    assert '<p class="gj-series"><a href="../../series/fx-unsafe/">' in html


def test_the_english_series_page_has_the_english_title_and_the_japanese_beside_it():
    html = body("en/" + SERIES + "index.html")
    assert "<h1>Study Group for Checking Safe Output <small lang=\"ja\">" in html
    assert "Meetings (3)" in html


def test_the_series_site_has_no_broken_link():
    assert broken_links(series_site(), "/fixture/") == []


def test_series_pages_hold_no_remark_blocks():
    # The page is a table of contents of the series: the remarks stay on their meetings' pages.
    parser = UnitTexts()
    parser.feed(page(SERIES + "index.html"))
    assert parser.order == []


@pytest.mark.parametrize("url, ok", [
    ("https://www.meti.go.jp/shingikai/mono_info_service/smart_resilient/index.html", True),
    ("http://example.org/x?a=1&b=2", True),
    ("", True),
    ("www.meti.go.jp/x", False),
    ("javascript:alert(1)", False),
    ("https://", False),
    ("https://example.org/a b", False),
    ('https://example.org/"onmouseover=x', False),
    (12, False),
])
def test_a_series_url_must_be_an_absolute_web_address(tmp_path, url, ok):
    path = tmp_path / "series.yml"
    path.write_text(yaml.safe_dump({"slug": "x", "code": "x", "title": "研究会", "organiser": "省",
                                    "url": url}, allow_unicode=True), encoding="utf-8")
    if ok:
        assert load_series_file(path).url == url
    else:
        with pytest.raises(GijirokuError, match="`url`"):
            load_series_file(path)


class Doc:
    """What meeting_people reads of a meeting: its minutes and remarks."""

    def __init__(self, data: dict) -> None:
        self.minutes = minutes_from_dict(data)
        self.remarks = self.minutes.remarks


def test_people_are_the_attendees_or_without_them_the_named_speakers():
    data = yaml.safe_load(COUNCIL.with_suffix(".yaml").read_text(encoding="utf-8"))
    listed = [(a["name"], a["role"]) for a in data["meeting"]["attendees"]]
    assert [(p.name, p.role) for p in meeting_people(Doc(data))] == listed
    data["meeting"]["attendees"] = []
    speakers = [(r["speaker"]["name"], r["speaker"]["role"]) for r in data["remarks"]
                if r["speaker"] and r["speaker"].get("name")]
    assert [(p.name, p.role) for p in meeting_people(Doc(data))] == speakers
    assert ("櫻田宏", "市長") in speakers


@pytest.mark.parametrize("a, b", [("後藤さちこ", "後　藤　さちこ"), ("山田", "山田"), ("ＡＢ太郎", "AB太郎")])
def test_a_person_is_matched_with_width_and_spacing_folded(a, b):
    assert person_key(a) == person_key(b)


def test_a_real_series_lists_its_speakers_across_meetings_with_the_meetings_they_spoke_at():
    if not SHARED_SERIES.is_dir():
        pytest.skip(f"{SHARED_SERIES} not found")
    site = shared_series_site()
    minutes_dir = site.parent / "minutes" / SHARED_SERIES.name
    spoke: dict[str, set[str]] = {}
    for path in minutes_dir.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert not data["meeting"]["attendees"]  # these minutes list none the parser reads
        for remark in data["remarks"]:
            if remark["speaker"] and remark["speaker"].get("name"):
                spoke.setdefault(remark["speaker"]["name"], set()).add(data["meeting"]["id"])
    html = (site / "series" / SHARED_SERIES.name / "index.html").read_text(encoding="utf-8")
    members = {r[0]: int(r[2]) for r in rows(html[html.index('<div class="gj"'):], 'id="members"')}
    assert members == {name: len(ids) for name, ids in spoke.items()}
    assert members["藤田"] == 7  # the chair (部会長) at every meeting
    assert broken_links(site, "/fixture/") == []
