"""Pagination of the long lists (theme pages, references to the report, key terms): the pure
functions of gijiroku/site/views.py, and a generated 30-meeting site built with 10 entries a page.

Page 1 of a list keeps its address (themes/<id>/, report/, glossary/); page k is <list>/k/. Every
entry is on exactly one page, a group heading keeps its anchor on the page where the group
starts, and every link to an entry (theme chips, the term and reference indexes) goes to the page
that holds it.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import bench
import pytest

from gijiroku.site.i18n import load_strings
from gijiroku.site.views import Listing, Run, paginate, ref_anchor, ref_numbers, runs, term_anchor
from support.corpus import build_corpus
from support.links import Links, broken_links
from support.site import parse, units

# --- the pure functions ---------------------------------------------------------------------


@pytest.mark.parametrize(("count", "size", "expected"), [
    (0, 10, [(0, 0)]),                       # an empty list still has its first page
    (1, 10, [(0, 1)]),
    (10, 10, [(0, 10)]),                     # exactly full: no empty second page
    (11, 10, [(0, 10), (10, 11)]),
    (25, 10, [(0, 10), (10, 20), (20, 25)]),
    (3, 1, [(0, 1), (1, 2), (2, 3)]),
])
def test_paginate(count, size, expected):
    assert [(span.start, span.stop) for span in paginate(count, size)] == expected


@pytest.mark.parametrize(("count", "size"), [(0, 10), (1, 10), (10, 10), (11, 10), (25, 10), (3, 1)])
def test_a_listing_span_is_its_page_of_paginate(count, size):
    listing = Listing.of(((k, k, k) for k in range(count)), size)
    assert [listing.span(number) for number in range(len(listing.spans))] == listing.spans


@pytest.mark.parametrize("size", [0, -1])
def test_paginate_refuses_an_empty_page(size):
    with pytest.raises(ValueError, match="at least 1"):
        paginate(5, size)


@pytest.mark.parametrize(("keys", "span", "expected"), [
    ("", range(0), []),
    ("aab", range(0, 3), [("a", 0, 2, False), ("b", 2, 3, False)]),
    ("aab", range(1, 3), [("a", 1, 2, True), ("b", 2, 3, False)]),   # a continues from before
    ("aabbb", range(3, 5), [("b", 3, 5, True)]),
    ("abab", range(2, 4), [("a", 2, 3, False), ("b", 3, 4, False)]),  # same key, not adjacent
    ("aaaa", range(2, 3), [("a", 2, 3, True)]),
])
def test_runs(keys, span, expected):
    assert runs(list(keys), span) == [Run(k, range(a, b), c) for k, a, b, c in expected]


@pytest.mark.parametrize(("rows", "size", "target", "page"), [
    # (group, target) rows; the target's page is the page of its FIRST entry
    ([("m1", "u1"), ("m1", "u2"), ("m2", "u3")], 2, "u1", 0),
    ([("m1", "u1"), ("m1", "u2"), ("m2", "u3")], 2, "u3", 1),
    ([("t", "t")] * 5 + [("s", "s")], 2, "s", 2),
    ([("t", "t")] * 5 + [("s", "s")], 2, "t", 0),
    ([("m1", "u1")], 2, "not listed", 0),  # unknown targets fall back to the first page
])
def test_listing_locates_the_page_of_a_target(rows, size, target, page):
    listing = Listing.of(((key, t, None) for key, t in rows), size)
    listing.urls = [f"p{k}/" for k in range(len(listing.spans))]
    assert listing.url_of(target) == f"p{page}/"


# --- a paginated site -----------------------------------------------------------------------

SIZE = 10
MEETINGS = 30
LANG_DIRS = {"ja": "", "en": "en/"}


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    work = tmp_path_factory.mktemp("paged")
    config, site, docs = build_corpus(work, MEETINGS, page_size=SIZE)
    return config, site, docs


def listing_pages(site: Path, stem: str) -> list[Path]:
    """The built pages of list ``stem`` (e.g. "themes/dx"), in page order, checking that they
    are numbered 1 (the list's own address), 2, 3, … without gaps."""
    first = site / stem / "index.html"
    assert first.is_file(), first
    numbered = sorted((int(p.parent.name), p) for p in (site / stem).glob("*/index.html")
                      if p.parent.name.isdigit())
    assert [n for n, _ in numbered] == list(range(2, len(numbered) + 2)), stem
    return [first] + [p for _, p in numbered]


def links(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The built file and fragment an href on ``page`` points at."""
    base = "/" + page.relative_to(site).as_posix()
    parts = urlsplit(urljoin(base, href))
    target = site / unquote(parts.path.lstrip("/"))
    return (target / "index.html" if parts.path.endswith("/") else target), unquote(parts.fragment)


def pager_hrefs(path: Path) -> dict[str, list[str]]:
    """The first/prev/next/last links of a page's pagers, by kind."""
    html = path.read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for kind, href in re.findall(r'<a class="gj-pager-(\w+)" href="([^"]*)"', html):
        found.setdefault(kind, []).append(href)
    return found


def tagged(docs: list[dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for data in docs:
        for unit in units(data):
            for tag in unit.get("themes") or []:
                out.setdefault(tag["theme"], []).append(unit["id"])
    return out


def test_the_corpus_needs_several_pages(paged):
    _, _, docs = paged
    assert max(len(ids) for ids in tagged(docs).values()) > 3 * SIZE


@pytest.mark.parametrize("lang", list(LANG_DIRS))
def test_every_tagged_unit_is_on_exactly_one_page_of_its_theme_in_order(paged, lang):
    _, site, docs = paged
    for theme, ids in tagged(docs).items():
        pages = listing_pages(site / LANG_DIRS[lang], f"themes/{theme}")
        orders = [parse(page).order for page in pages]
        assert len(pages) == -(-len(ids) // SIZE), theme
        assert all(len(order) == SIZE for order in orders[:-1]) and 0 < len(orders[-1]) <= SIZE
        assert [uid for order in orders for uid in order] == ids, theme


@pytest.mark.parametrize("lang", list(LANG_DIRS))
def test_pages_are_bounded_and_the_pager_walks_them_in_order(paged, lang):
    _, site, docs = paged
    t = load_strings(lang)
    theme = max(tagged(docs).items(), key=lambda item: len(item[1]))[0]
    pages = listing_pages(site / LANG_DIRS[lang], f"themes/{theme}")
    count = len(pages)
    # Following "next" from page 1 visits every page once, in order; "prev" walks back.
    walked, page = [pages[0]], pages[0]
    while "next" in pager_hrefs(page):
        page = resolve(site, page, pager_hrefs(page)["next"][0])[0]
        walked.append(page)
    assert walked == pages
    while "prev" in pager_hrefs(page):
        page = resolve(site, page, pager_hrefs(page)["prev"][0])[0]
        walked.append(page)
    assert walked == pages + pages[-2::-1]
    for number, page in enumerate(pages, start=1):
        hrefs = pager_hrefs(page)
        # Two pagers (top and bottom), each with at most four links, however many pages.
        assert sum(map(len, hrefs.values())) <= 8
        assert {resolve(site, page, h)[0] for h in hrefs.get("first", [])} <= {pages[0]}
        assert {resolve(site, page, h)[0] for h in hrefs.get("last", [])} <= {pages[-1]}
        assert ("first" in hrefs) == ("prev" in hrefs) == (number > 1)
        assert ("last" in hrefs) == ("next" in hrefs) == (number < count)
        html = page.read_text(encoding="utf-8")
        status = t("pager.status", k=number, n=count, first=(number - 1) * SIZE + 1,
                   last=min(number * SIZE, len(tagged(docs)[theme])), total=len(tagged(docs)[theme]))
        assert html.count(f'<span class="gj-pager-status">{status}</span>') == 2
        title = html[html.index("<title>"):html.index("</title>")]
        assert (t("pager.title", title="", k=number, n=count) in title) == (number > 1)


@pytest.mark.parametrize("lang", list(LANG_DIRS))
def test_a_meeting_continued_on_the_next_page_repeats_its_heading_without_anchor(paged, lang):
    _, site, docs = paged
    continued = load_strings(lang)("pager.continued")
    seen = 0
    for theme in tagged(docs):
        pages = listing_pages(site / LANG_DIRS[lang], f"themes/{theme}")
        for previous, page in zip(pages, pages[1:]):
            last_meeting = parse(previous).order[-1].rsplit("-", 1)[0].split("-")[0]
            first_meeting = parse(page).order[0].split("-")[0]
            html = page.read_text(encoding="utf-8")
            heading = html[html.index('<h2 class="gj-meeting-title">'):]
            heading = heading[:heading.index("</h2>")]
            assert (continued in heading) == (last_meeting == first_meeting), (theme, page)
            seen += continued in heading
    assert seen, "no meeting continued across pages: the corpus does not exercise it"


def test_no_broken_link_and_the_nav_stays_fixed(paged):
    config, site, docs = paged
    site_url = bench.config_data(config)["site_url"]
    assert broken_links(site, urlsplit(site_url or "/").path) == []
    theme = next(iter(tagged(docs)))
    for lang, folder in LANG_DIRS.items():
        pages = listing_pages(site / folder, f"themes/{theme}")
        navs = []
        for page in (pages[0], pages[-1], site / folder / "index.html"):
            html = page.read_text(encoding="utf-8")
            nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
            navs.append(len(re.findall(r"<a ", nav[:nav.index("</nav>")])))
        assert len(set(navs)) == 1, (lang, navs)


@pytest.mark.parametrize("lang", list(LANG_DIRS))
def test_theme_chips_land_on_the_page_holding_the_remark(paged, lang):
    _, site, docs = paged
    root = site / LANG_DIRS[lang]
    beyond_first = 0
    for data in docs[::5]:
        meeting = root / "meetings" / data["meeting"]["id"] / "index.html"
        html = meeting.read_text(encoding="utf-8")
        for unit in units(data):
            for tag in unit.get("themes") or []:
                start = html.index(f'id="{unit["id"]}"')
                block = html[start:html.index("</div>", html.index('class="gj-chips"', start))]
                hrefs = re.findall(r'<a class="gj-chip" href="([^"]*)"', block)
                target = next(h for h in hrefs if f"/themes/{tag['theme']}/" in h)
                file, fragment = resolve(site, meeting, target)
                assert fragment == unit["id"]
                assert unit["id"] in parse(file).order, (unit["id"], file)
                assert file in listing_pages(root, f"themes/{tag['theme']}")
                beyond_first += file != site / LANG_DIRS[lang] / "themes" / tag["theme"] / "index.html"
    assert beyond_first, "no chip points past a theme's first page: the test proves nothing"


def report_groups(docs: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for data in docs:
        for unit in units(data):
            for ref in unit.get("refs") or []:
                anchor = ref_anchor((ref["kind"], ref_numbers(ref)))
                counts[anchor] = counts.get(anchor, 0) + 1
    return counts


@pytest.mark.parametrize("lang", list(LANG_DIRS))
def test_report_pages_hold_every_reference_once_and_index_them(paged, lang):
    _, site, docs = paged
    root = site / LANG_DIRS[lang]
    groups = report_groups(docs)
    pages = listing_pages(root, "report")
    assert len(pages) == -(-sum(groups.values()) // SIZE) > 1
    entries = [len(re.findall(r'class="gj-remark gj-entry"', p.read_text(encoding="utf-8"))) for p in pages]
    assert sum(entries) == sum(groups.values()) and max(entries) <= SIZE
    ids = [links(p).ids for p in pages]
    for anchor in groups:
        holders = [p for p, found in zip(pages, ids) if anchor in found]
        assert len(holders) == 1, anchor  # the heading's anchor only where its group starts
        # the index on page 1 links the group to that page
        hrefs = [h for h in links(pages[0]).links if h.endswith(f"#{anchor}")]
        assert hrefs and all(resolve(site, pages[0], h)[0] == holders[0] for h in hrefs), anchor


@pytest.mark.parametrize("lang", list(LANG_DIRS))
def test_glossary_pages_hold_every_use_once_and_term_links_find_their_page(paged, lang):
    _, site, docs = paged
    root = site / LANG_DIRS[lang]
    uses: dict[str, int] = {}
    for data in docs:
        for unit in units(data):
            for term in unit.get("terms") or []:
                uses[term["term"]] = uses.get(term["term"], 0) + 1
    pages = listing_pages(root, "glossary")
    assert len(pages) == -(-sum(uses.values()) // SIZE) > 1
    counts = [sum(block.count("<li>") for block in re.findall(r'<ul class="gj-uses">(.*?)</ul>',
                                                               p.read_text(encoding="utf-8")))
              for p in pages]
    assert sum(counts) == sum(uses.values()) and max(counts) <= SIZE
    ids = [links(p).ids for p in pages]
    assert "key-terms" in ids[0] and "bilingual" in ids[0]
    for term in uses:
        anchor = term_anchor(term)
        holders = [p for p, found in zip(pages, ids) if anchor in found]
        assert len(holders) == 1, term
        hrefs = [h for h in links(pages[0]).links if h.endswith(f"#{anchor}")]
        assert len(hrefs) == 1 and resolve(site, pages[0], hrefs[0])[0] == holders[0], term


@pytest.mark.parametrize("lang", list(LANG_DIRS))
@pytest.mark.parametrize(("stem", "newest_first"), [("meetings", True), ("data", False)])
def test_meeting_lists_hold_every_meeting_once(paged, lang, stem, newest_first):
    _, site, docs = paged
    root = site / LANG_DIRS[lang]
    by_series: dict[str, list[dict]] = {}
    for data in docs:
        by_series.setdefault(data["meeting"]["series"], []).append(data)
    pages = listing_pages(root, stem)
    assert len(pages) == -(-len(docs) // SIZE) > 1
    listed = []
    for page in pages:
        rows = [resolve(site, page, href)[0].parent.relative_to(root / "meetings").as_posix()
                for href in re.findall(r'<tr><td[^>]*><a href="([^"]*)"', page.read_text(encoding="utf-8"))]
        assert 0 < len(rows) <= SIZE
        listed += rows
    assert sorted(listed) == sorted(d["meeting"]["id"] for d in docs)
    # each series' meetings stay together, in date order (the meetings page: newest first)
    for meetings in by_series.values():
        ids = [d["meeting"]["id"] for d in sorted(meetings, key=lambda d: d["meeting"]["date"])]
        positions = [listed.index(mid) for mid in ids]
        expected = sorted(positions, reverse=newest_first)
        assert positions == expected and max(positions) - min(positions) == len(ids) - 1
    assert ('id="all"' in pages[0].read_text(encoding="utf-8")) == (stem == "data")
