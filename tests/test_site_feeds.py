"""The Atom feeds (gijiroku/site/feeds.py): valid per RFC 4287 as feedparser reads them, with
stable ids, links that lead to the pages, and the minutes' text kept as text."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from gijiroku.site.feeds import Entry, Feed, atom_xml, link_maker, meeting_time, stable_id, xml_text
from support.links import target_file
from support.site import built_site, run_build, series_site, series_site_files

ATOM = "{http://www.w3.org/2005/Atom}"
FIXTURE_URL = "https://example.org/fixture/"


def feeds_of(site: Path) -> dict[str, feedparser.FeedParserDict]:
    """Every feed of a built site (both languages) by its path in the site."""
    return {path.relative_to(site).as_posix(): feedparser.parse(path.read_bytes())
            for path in sorted([*site.glob("atom*.xml"), *site.glob("*/atom*.xml")])}


def resolve(site: Path, feed_path: str, href: str, site_url: str) -> Path:
    """The file of the built site that a feed's link leads to (relative links are resolved
    against the feed's own address, as RFC 4287 says when there is no xml:base)."""
    mount = urlsplit(site_url).path if site_url else "/"
    url = urlsplit(urljoin(f"https://host{mount}{feed_path}", href))
    assert url.path.startswith(mount), href
    return target_file(site, url.path[len(mount):])


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_every_feed_is_valid_atom_with_ids_links_and_dates(name):
    site = built_site(name)
    feeds = feeds_of(site)
    themes = list(site.glob("atom-theme-*.xml"))
    assert "atom.xml" in feeds and "en/atom.xml" in feeds and themes
    for path, feed in feeds.items():
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.version == "atom10", path
        assert feed.feed.id.startswith("urn:uuid:") and feed.feed.title and feed.feed.updated
        assert feed.feed.language == ("en" if path.startswith("en/") else "ja")
        for entry in feed.entries:
            assert entry.id.startswith("urn:uuid:") and entry.title and entry.author
            dt.datetime.fromisoformat(entry.updated)  # RFC 3339, with its offset
            if name == "fixture":  # built with a site_url
                assert entry.link.startswith(FIXTURE_URL)
            else:  # built without SITE_URL: relative to the feed, and leading to a page
                assert resolve(site, path, entry.link, "").is_file(), entry.link
        updated = [entry.updated for entry in feed.entries]
        assert updated == sorted(updated, reverse=True), path  # newest first


def test_the_fixture_feeds_have_one_entry_per_meeting_newest_first():
    site = series_site()
    feeds = feeds_of(site)
    assert [e.link for e in feeds["atom.xml"].entries] == [
        f"{FIXTURE_URL}meetings/{m}/" for m in ("fx03", "fx02", "fx01")]
    assert [e.link for e in feeds["atom-series-fx-unsafe.xml"].entries] == [
        f"{FIXTURE_URL}meetings/{m}/" for m in ("fx03", "fx02", "fx01")]
    # regional finance (地域金融機関): fx02's second remark and fx01's item fx01-03-1, not fx03.
    finance = feeds["atom-theme-regional-finance.xml"].entries
    assert [e.link for e in finance] == [f"{FIXTURE_URL}meetings/{m}/" for m in ("fx02", "fx01")]
    assert re.findall(r'href="[^"]*#([^"]+)"', finance[0].content[0].value) == ["fx02-02"]
    assert re.findall(r'href="[^"]*#([^"]+)"', finance[1].content[0].value) == ["fx01-03-1"]
    english = feeds["en/atom.xml"].entries
    assert [e.link for e in english] == [f"{FIXTURE_URL}en/meetings/{m}/" for m in ("fx03", "fx02", "fx01")]
    # The same meeting's entries differ between languages and between feed kinds.
    ids = [e.id for f in feeds.values() for e in f.entries]
    assert feeds["atom.xml"].entries[0].id == feeds["atom-series-fx-unsafe.xml"].entries[0].id
    assert feeds["atom.xml"].entries[0].id != english[0].id
    dx = {e.link: e.id for e in feeds["atom-theme-dx.xml"].entries}
    assert dx[f"{FIXTURE_URL}meetings/fx02/"] not in ids[:3]


def test_minutes_text_comes_out_as_text():
    site = series_site()
    raw = (site / "atom-theme-dx.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "]]>" not in raw  # escaped: no markup, no CDATA section
    entry = next(e for e in feedparser.parse(raw).entries if e.link.endswith("/fx02/"))
    html = entry.content[0].value
    assert entry.content[0].type == "text/html"
    # HTML content whose text is the remark: the markup is escaped once more as HTML.
    assert "&lt;script&gt;alert(2)&lt;/script&gt;と]]&gt;を含む発言" in html
    summary = next(e for e in feedparser.parse(raw).entries if e.link.endswith("/fx01/")).summary
    assert "<" not in summary


def test_ids_and_content_do_not_change_across_rebuilds(tmp_path):
    first = series_site()
    work = series_site_files(FIXTURE_URL)
    assert run_build(work / "mkdocs.yml", tmp_path / "again").returncode == 0
    for path in [*first.glob("atom*.xml"), *first.glob("*/atom*.xml")]:
        again = tmp_path / "again" / path.relative_to(first)
        assert again.read_bytes() == path.read_bytes(), path


def test_without_site_url_links_are_relative_to_the_feed_and_lead_to_the_pages():
    site = series_site(None)
    for path, feed in feeds_of(site).items():
        assert not feed.bozo, path
        root = ET.fromstring((site / path).read_bytes())
        links = [link.get("href") for link in root.iter(f"{ATOM}link")]
        assert links and not any(urlsplit(href).scheme for href in links), path
        for href in links:
            assert resolve(site, path, href, "").is_file(), (path, href)
        for content in root.iter(f"{ATOM}content"):
            for href in re.findall(r'href="([^"]*)"', content.text):
                target = resolve(site, path, href, "")
                anchor = urlsplit(href).fragment
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (path, href)


@pytest.mark.parametrize("page, feeds", [
    ("index.html", ["atom.xml"]),
    ("meetings/fx02/index.html", ["atom.xml", "atom-series-fx-unsafe.xml"]),
    ("series/fx-unsafe/index.html", ["atom.xml", "atom-series-fx-unsafe.xml"]),
    ("themes/dx/index.html", ["atom.xml", "atom-theme-dx.xml"]),
    ("en/themes/dx/index.html", ["en/atom.xml", "en/atom-theme-dx.xml"]),
    ("glossary/index.html", ["atom.xml"]),
])
def test_pages_link_their_feeds_in_the_head(page, feeds):
    site = series_site()
    html = (site / page).read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    hrefs = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"<]+" href="([^"]+)"', head)
    assert [urlsplit(urljoin(f"https://host/{page}", h)).path for h in hrefs] == [f"/{f}" for f in feeds]


def test_series_theme_and_home_pages_show_a_visible_feed_link():
    site = series_site()
    for page, feed in [("index.html", "atom.xml"), ("series/fx-unsafe/index.html", "atom-series-fx-unsafe.xml"),
                       ("themes/dx/index.html", "atom-theme-dx.xml")]:
        html = (site / page).read_text(encoding="utf-8")
        hrefs = re.findall(r'<a class="gj-feed" href="([^"]+)" type="application/atom\+xml">', html)
        assert feed in [urlsplit(urljoin(f"https://host/{page}", h)).path[1:] for h in hrefs], page


# --- the pieces --------------------------------------------------------------------------

@pytest.mark.parametrize("start, expected", [
    ("13:00", "2021-06-01T13:00:00+09:00"),
    ("9:05", "2021-06-01T09:05:00+09:00"),
    (None, "2021-06-01T00:00:00+09:00"),
    ("13時", "2021-06-01T00:00:00+09:00"),  # not a time: the date alone
    ("25:00", "2021-06-01T00:00:00+09:00"),
])
def test_an_entry_is_dated_by_its_meeting_in_japan_time(start, expected):
    class Doc:
        date = dt.date(2021, 6, 1)

        class minutes:
            class meeting:
                pass

    Doc.minutes.meeting.start = start
    assert meeting_time(Doc) == expected


@pytest.mark.parametrize("parts, other", [
    (("ja", "meeting", "sr06"), ("en", "meeting", "sr06")),
    (("ja", "meeting", "sr06"), ("ja", "meeting", "sr07")),
    (("ja", "theme", "dx", "meeting", "sr06"), ("ja", "theme", "talent", "meeting", "sr06")),
])
def test_ids_are_uuid_urns_of_the_stable_ids(parts, other):
    assert stable_id(*parts) == stable_id(*parts)
    assert re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
                        stable_id(*parts))
    assert stable_id(*parts) != stable_id(*other)


@pytest.mark.parametrize("site_url, url, anchor, expected", [
    ("https://example.org/g/", "meetings/sr06/", "sr06-04", "https://example.org/g/meetings/sr06/#sr06-04"),
    ("https://example.org/g/", "./", "", "https://example.org/g/"),
    ("", "meetings/sr06/", "sr06-04", "meetings/sr06/#sr06-04"),
    ("", "atom-theme-dx.xml", "", "atom-theme-dx.xml"),
    ("", "./", "", "./"),
])
def test_links_are_absolute_with_a_site_url_else_relative_to_the_feed(site_url, url, anchor, expected):
    assert link_maker(site_url, "atom-theme-dx.xml")(url, anchor) == expected


def test_text_xml_cannot_hold_is_dropped_and_markup_is_escaped():
    assert xml_text("a\x0cb\x00c\td\n") == "abc\td\n"
    nasty = "a\x0c<script>x</script> ]]> & b"
    entry = Entry("urn:uuid:1", nasty, "2021-06-01T00:00:00+09:00", nasty, "meetings/x/", nasty, None,
                  [("dx", nasty)])
    xml = atom_xml(Feed("urn:uuid:2", nasty, "atom.xml", "./", nasty, "ja", [entry]),
                   "https://example.org/")
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    assert parsed.feed.title == parsed.entries[0].title == parsed.entries[0].summary == "a<script>x</script> ]]> & b"
    assert "]]>" not in xml and "<script>" not in xml
