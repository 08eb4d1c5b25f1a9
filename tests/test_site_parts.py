"""Long meetings split into parts (gijiroku/site/parts.py): where the cuts fall, the parts'
pages and their links, the canonical permalinks kept, and the 300 KB page limit on the real MOJ
series. The forwarding of a canonical permalink in a browser: tests/browser/test_parts_browser.py."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from gijiroku.search.query import records
from gijiroku.site.parts import id_runs, part_groups
from support.links import broken_links
from support.site import (LONG_REMARKS, SHARED_SERIES, UnitTexts, built_site, index_of,
                          long_meeting_site, shared_series_site, units)

PAGE_LIMIT = 300 * 1024  # issue 18: every page <= 300 KB


@pytest.mark.parametrize("weights, budget, expected", [
    ([10, 10, 10, 10], 100, [(0, 4)]),  # within the budget: one page
    ([100], 100, [(0, 1)]),  # exactly the budget
    ([500], 100, [(0, 1)]),  # one remark is never cut, however long
    ([], 100, [(0, 0)]),  # no remark (a meeting of a header only)
    # 300 in 3 parts: cuts nearest 100 (before remark 3: 90, not 4: 120) and 200 (7: 210, not 6: 180)
    ([30] * 10, 100, [(0, 3), (3, 7), (7, 10)]),
    # 101 needs 2 parts; the share, 50.5, is nearest before remark 1 (50; before 2: 100)
    ([50, 50, 1], 100, [(0, 1), (1, 3)]),
    # ⌈520 / 100⌉ = 6 parts, but one a remark at most: 3
    ([10, 500, 10], 100, [(0, 1), (1, 2), (2, 3)]),
    # 2 parts; the share, 20, is as far from before remark 1 (10) as from before 2 (30): the first
    ([10, 20, 10], 25, [(0, 1), (1, 3)]),
    ([10, 20, 10], 13, [(0, 1), (1, 2), (2, 3)]),  # ⌈40 / 13⌉ = 4 parts: one remark each
])
def test_part_groups(weights, budget, expected):
    assert [(r.start, r.stop) for r in part_groups(weights, budget)] == expected


@pytest.mark.parametrize("ids, expected", [
    (["a-01", "a-02", "a-03"], [["a-01", "a-03"]]),
    (["a-01", "a-02", "a-10", "a-03"], [["a-01", "a-02"], ["a-10", "a-10"], ["a-03", "a-03"]]),
    # the width changes at 100: a run of its own, for a script comparing numbers of one width
    (["fn03-98", "fn03-99", "fn03-100", "fn03-101"], [["fn03-98", "fn03-99"], ["fn03-100", "fn03-101"]]),
    (["x1-01", "y1-02"], [["x1-01", "x1-01"], ["y1-02", "y1-02"]]),  # another prefix
    (["odd"], [["odd", "odd"]]),  # no number
])
def test_id_runs(ids, expected):
    assert id_runs(ids) == expected


def long_site() -> Path:
    return long_meeting_site()


def page(path: str) -> str:
    return (long_site() / path).read_text(encoding="utf-8")


def long_minutes() -> dict:
    path = long_site().parent / "minutes" / "fx-long" / "01.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


PART_PATHS = ["meetings/fl01/index.html", "meetings/fl01/2/index.html", "meetings/fl01/3/index.html"]
# The remarks weigh alike, and every tenth has two items: the shares of a third fall exactly
# after remarks 20 and 40 (20 remarks and two with items in each part).
PART_REMARKS = [range(1, 21), range(21, 41), range(41, 61)]


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_long_meeting_is_split_at_remark_boundaries_in_page_order(lang):
    assert not (long_site() / lang / "meetings/fl01/4").exists()
    expected = [unit["id"] for unit in units(long_minutes())]
    shown = []
    for path, numbers in zip(PART_PATHS, PART_REMARKS):
        parser = UnitTexts()
        parser.feed(page(lang + path))
        remarks = [i for i in parser.order if i.count("-") == 1]
        assert remarks == [f"fl01-{n:02d}" for n in numbers], path
        shown += parser.order
    assert shown == expected  # every remark and item once, its items with it, in order
    assert len(expected) == LONG_REMARKS + 2 * 6


@pytest.mark.parametrize("path", PART_PATHS)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_each_part_is_under_the_page_limit_even_fully_translated(lang, path):
    # measured: 133 KB in Japanese, 268 KB in English (the text in both languages)
    assert (long_site() / lang / path).stat().st_size < PAGE_LIMIT


def test_small_meetings_are_not_split():
    for site in (built_site("real"), long_site()):
        for lang in ("", "en/"):
            for meeting in (site / lang / "meetings").iterdir():
                if meeting.name == "fl01" or not meeting.is_dir():
                    continue
                assert not [p for p in meeting.iterdir() if p.is_dir()], meeting
                assert 'class="gj-parts' not in (meeting / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("number, title", [
    (1, "長い会議の研究会（第１回） 議事要旨（1/3）"), (2, "長い会議の研究会（第１回） 議事要旨（2/3）")])
def test_each_part_has_its_title_and_head(number, title):
    path = PART_PATHS[number - 1]
    html = page(path)
    url = "https://example.org/fixture/" + path.removesuffix("index.html")
    assert f"<title>{title} - gijiroku fixture</title>" in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    en = page("en/" + path)
    assert "(%d/3) - " % number in en
    # hreflang and the language selector lead to the same part
    en_url = "https://example.org/fixture/en/" + path.removesuffix("index.html")
    assert f'<link rel="alternate" href="{en_url}" hreflang="en">' in html
    up = "../" * path.count("/")
    assert f'<a href="{up}en/{path.removesuffix("index.html")}" hreflang="en"' in html


def test_every_part_lists_the_parts_with_their_remarks_and_links_the_next():
    for k, path in enumerate(PART_PATHS):
        html = page(path)
        nav = re.search(r'<nav class="gj-parts" [^>]*>(.*?)</nav>', html)[1]
        for n, numbers in enumerate(PART_REMARKS, start=1):
            assert f"発言 fl01-{numbers[0]:02d}〜fl01-{numbers[-1]:02d}" in nav
        assert nav.count('aria-current="page"') == 1 and f"{k + 1}/3ページ</strong>" in nav
        step = re.search(r'<nav class="gj-parts gj-parts-step"[^>]*>(.*?)</nav>', html)[1]
        assert ('rel="prev"' in step) == (k > 0) and ('rel="next"' in step) == (k < 2)
    assert re.search(r'<a href="2/">2/3ページ</a>', page(PART_PATHS[0]))
    assert '<a href="../3/" rel="next">' in page(PART_PATHS[1])


def test_links_to_a_remark_on_a_later_part_lead_to_that_part():
    first = page(PART_PATHS[0])
    # the jump list and the last remark's "next remark" link of part 1
    assert '<a href="2/#fl01-21">21' in first
    assert re.search(r'id="fl01-20".*?<p class="gj-step"><a href="#fl01-19">[^<]*</a><a href="2/#fl01-21">',
                     first, re.S)
    assert '<a href="../#fl01-20">' in page(PART_PATHS[1])  # back to part 1 from remark 21
    # a theme's list and the search index link the part; the English "Japanese original" link too
    assert 'href="../../meetings/fl01/2/#fl01-21"' in page("themes/dx/index.html")
    urls = {record["id"]: record["url"] for record in records(index_of(long_site()))}
    assert urls["fl01-50-1"] == "meetings/fl01/3/#fl01-50-1"
    assert urls["fl01-01"] == "meetings/fl01/#fl01-01"
    assert 'href="../../../../meetings/fl01/2/#fl01-30"' in page("en/meetings/fl01/2/index.html")


def test_permalinks_citations_and_the_csv_stay_canonical():
    second = page(PART_PATHS[1])
    # the address copy.js makes the permalinks from (the browser test checks what it shows)
    data = json.loads(re.search(r'<script type="application/json" id="gj-cite-data">(.*?)</script>', second)[1])
    assert data["page"] == "https://example.org/fixture/meetings/fl01/" and data["base"] == "../"
    with zipfile.ZipFile(long_site() / "data" / "remarks.zip") as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("remarks.csv").decode("utf-8-sig"))))
    url = {row["id"]: row["url"] for row in rows}
    assert url["fl01-30"] == "https://example.org/fixture/meetings/fl01/#fl01-30"


def test_the_forwarding_map_covers_every_remark_once():
    maps = [json.loads(re.search(r'<script type="application/json" id="gj-parts">(.*?)</script>',
                                 page(p))[1]) for p in PART_PATHS]
    assert maps[1] == [{"href": "../", "ids": [["fl01-01", "fl01-20"]]},
                       {"href": "", "ids": [["fl01-21", "fl01-40"]]},
                       {"href": "../3/", "ids": [["fl01-41", "fl01-60"]]}]
    assert [part["href"] for part in maps[0]] == ["", "2/", "3/"]


def test_the_closing_line_is_on_the_last_part():
    assert long_minutes()["closing"] == "以上"
    assert [path for path in PART_PATHS if 'class="gj-closing"' in page(path)] == [PART_PATHS[2]]


def test_the_split_site_has_no_broken_link_or_anchor():
    assert broken_links(long_site(), "/fixture/") == []


@pytest.mark.skipif(not SHARED_SERIES.is_dir(), reason="../shared/corpus is absent")
def test_no_page_of_the_real_series_is_over_300_kb():
    site = shared_series_site()
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert {path: size for path, size in sizes.items() if size > PAGE_LIMIT} == {}
    # its long meetings were split (the longest, fn03, is 486 KB in one page)
    assert "meetings/fn03/2/index.html" in sizes and "en/meetings/fn03/2/index.html" in sizes
    assert broken_links(site, "/fixture/") == []  # every list's link reaches its part
