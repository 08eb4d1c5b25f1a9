"""The head of every page (gijiroku/site/head.py, theme/main.html, partials/head.html and
preview.html): descriptions, Open Graph and Twitter card tags, hreflang alternates, the
meetings' JSON-LD, and the optional share pages r/<id>/."""

from __future__ import annotations

import copy
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from support.site import (
    FIXTURE,
    HOSTILE_TITLE,
    LANGS,
    SHARE_IMAGE,
    built_site,
    minutes_of,
    share_site,
    unaddressed_site,
)

from gijiroku.site import head, views
from gijiroku.site.corpus import load_corpus
from gijiroku.site.i18n import load_strings
from gijiroku.site.theme_info import load_theme_infos

OTHER = {"ja": "en", "en": "ja"}
LOCALE = {"ja": "ja_JP", "en": "en_US"}


# --- reading a built page's head ---------------------------------------------------------------

class HeadTags(HTMLParser):
    """The ``<meta>``, ``<link>`` and JSON-LD scripts of a page's ``<head>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.json_ld: list[str] = []
        self.ids: set[str] = set()
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name") or attrs.get("http-equiv")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data

    def one(self, key: str) -> str | None:
        values = self.meta.get(key, [])
        assert len(values) <= 1, (key, values)
        return values[0] if values else None

    def link(self, rel: str) -> list[dict[str, str]]:
        return [link for link in self.links if link.get("rel") == rel and "type" not in link]


def read_head(path: Path) -> HeadTags:
    tags = HeadTags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def page_file(site: Path, url: str) -> Path:
    """The file of site-relative URL ``url`` (``meetings/sr06/`` -> ``meetings/sr06/index.html``)."""
    path = urlsplit(url).path
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def resolve(site: Path, page_url: str, href: str) -> str:
    """``href`` (relative to the page at ``page_url`` or absolute) as a site-relative URL."""
    base = "https://site.invalid/"
    resolved = urljoin(base + page_url, href)
    assert resolved.startswith(base), (page_url, href)
    return resolved[len(base):]


def page_kinds(name: str) -> dict[str, str]:
    """One page of each kind of site ``name`` (its URL below the language's root)."""
    first = minutes_of(name)[0]
    theme = next(tag["theme"] for remark in first["remarks"] for tag in remark.get("themes") or [])
    kinds = {"home": "", "meetings": "meetings/", "themes": "themes/", "theme": f"themes/{theme}/",
             "meeting": f"meetings/{first['meeting']['id']}/", "report": "report/",
             "glossary": "glossary/", "data": "data/", "search": "search/"}
    if name == "real":
        kinds["hand-written"] = "about/"
    return kinds


# --- pure functions -------------------------------------------------------------------------

@pytest.mark.parametrize("text, limit, expected", [
    ("短い文。", 10, "短い文。"),
    ("  a\n\n b\tc  ", 10, "a b c"),
    ("0123456789", 10, "0123456789"),
    ("0123456789A", 10, "012345678…"),
    ("ab    cdefgh", 4, "ab…"),  # no space before the ellipsis
])
def test_shorten(text, limit, expected):
    assert head.shorten(text, limit) == expected


@pytest.mark.parametrize("page, expected", [
    ("<h1>About</h1><p>First &amp; <em>only</em>\nline.</p><p>Second.</p>", "First & only line."),
    ('<p class="x"> </p><p>Next</p>', "Next"),
    ("<h1>No paragraph</h1>", ""),
    ("<pre>code</pre><p>a<br>b</p>", "ab"),
])
def test_first_paragraph(page, expected):
    assert head.first_paragraph(page) == expected


@pytest.mark.parametrize("value", [
    "</script><script>alert(1)</script>",
    "<!-- <script>",
    "a & b > c",
    "改行\u2028と\u2029段落",
    '"quoted" \\ back',
])
def test_json_ld_script_cannot_end_its_script_and_means_the_same(value):
    data = {"@context": "https://schema.org", "name": value, "nested": [{"text": value}]}
    script = head.json_ld_script(data)
    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(str(script)) == data


ROOTS_JA = {"ja": "", "en": "en/"}
ROOTS_EN = {"ja": "../", "en": ""}


@pytest.mark.parametrize("roots, lang, url, absolute, expected", [
    (ROOTS_JA, "ja", "", "", [("ja", "./"), ("en", "en/"), ("x-default", "./")]),
    (ROOTS_JA, "ja", "meetings/sr06/", "",
     [("ja", "../../meetings/sr06/"), ("en", "../../en/meetings/sr06/"),
      ("x-default", "../../meetings/sr06/")]),
    (ROOTS_EN, "en", "themes/dx/", "",
     [("ja", "../../../themes/dx/"), ("en", "../../themes/dx/"), ("x-default", "../../../themes/dx/")]),
    (ROOTS_EN, "en", "themes/dx/", "https://h.example/site/en/themes/dx/",
     [("ja", "https://h.example/site/themes/dx/"), ("en", "https://h.example/site/en/themes/dx/"),
      ("x-default", "https://h.example/site/themes/dx/")]),
    (ROOTS_JA, "ja", "", "https://h.example/",
     [("ja", "https://h.example/"), ("en", "https://h.example/en/"), ("x-default", "https://h.example/")]),
    ({}, "ja", "about/", "https://h.example/about/", []),  # one language: no alternates
])
def test_hreflang_links_point_to_the_same_page(roots, lang, url, absolute, expected):
    alternates = head.page_alternates(roots, lang, url)
    assert [a["current"] for a in alternates] == [code == lang for code in roots]
    assert [tuple(link) for link in head.hreflang_links(alternates, absolute)] == expected


@pytest.mark.parametrize("url, image, card", [
    ("https://h.example/x/", "", "summary"),
    ("", "", "summary"),
    ("https://h.example/x/", "https://h.example/share.png", "summary_large_image"),
])
def test_page_head(url, image, card):
    meta = head.PageMeta("説明" * 100, "article", {"@type": "Thing", "name": "</script>"})
    result = head.page_head(load_strings("ja"), meta, title="題", site_name="サイト", url=url,
                            image=image, alternates=(), locale_of={"ja": "ja_JP", "en": "en_US"})
    assert (result.url, result.image, result.twitter_card) == (url, image, card)
    assert (result.locale, result.locale_alternates) == ("ja_JP", ("en_US",))
    assert len(result.description) == head.DESCRIPTION_LIMIT and result.description.endswith("…")
    assert json.loads(str(result.json_ld)) == {"@type": "Thing", "name": "</script>"}


@pytest.mark.parametrize("time, expected", [
    (None, "2021-06-01"), ("13:00", "2021-06-01T13:00:00+09:00"), ("09:05", "2021-06-01T09:05:00+09:00")])
def test_meeting_start(time, expected):
    doc = fixture_site_model("ja").corpus.meetings[0]
    assert doc.minutes.meeting.date == "2021-06-01"
    assert head.meeting_start(doc, time) == expected


def fixture_site_model(lang: str) -> views.Site:
    corpus = load_corpus(FIXTURE / "minutes")
    return views.Site(corpus, load_theme_infos(), views.Paths(), "https://h.example/",
                      load_strings(lang))


@pytest.mark.parametrize("lang", list(LANGS))
def test_meeting_json_ld(lang):
    site = fixture_site_model(lang)
    doc = site.corpus.meetings[0]
    data = head.meeting_meta(site, doc, "https://h.example/meetings/fx01/").json_ld
    event, report = data["@graph"]
    organiser = {"ja": "テスト省", "en": "Ministry of Tests"}[lang]
    series = {"ja": "安全な出力を確かめる研究会 <b>&</b>", "en": "Study Group for Checking Safe Output"}[lang]
    assert data["@context"] == "https://schema.org"
    assert event["@type"] == "Event" and event["organizer"] == {"@type": "Organization", "name": organiser}
    assert event["superEvent"] == {"@type": "EventSeries", "name": series}
    assert event["startDate"] == "2021-06-01T13:00:00+09:00"
    assert report["@type"] == "Report" and report["about"] == {"@id": event["@id"]}
    assert report["isPartOf"] == {"@type": "CreativeWorkSeries", "name": series}
    assert report["url"] == "https://h.example/meetings/fx01/" and report["inLanguage"] == lang
    assert "url" not in head.meeting_meta(site, doc, "").json_ld["@graph"][1]


def test_meeting_description_prefers_the_agenda_over_the_first_remarks():
    site = fixture_site_model("ja")
    doc = copy.deepcopy(site.corpus.meetings[0])
    site.units[doc.id] = site.units[site.corpus.meetings[0].id]
    first = site.units[doc.id][0].text
    assert first[:10] in head.meeting_description(site, doc)
    doc.minutes.meeting.agenda = ["開会", "地域のデジタル化について"]
    described = head.meeting_description(site, doc)
    assert described.startswith("2021年6月1日（火）、テスト省の議事要旨。")
    assert "議題: 開会、地域のデジタル化について" in described and first[:10] not in described


# --- built sites ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("name", ["real", "fixture"])
def test_every_page_kind_has_its_preview_tags(name, lang):
    site = built_site(name)
    descriptions = {}
    for kind, url in page_kinds(name).items():
        tags = read_head(page_file(site / LANGS[lang], url))
        where = f"{lang}/{kind}"
        description = tags.one("description")
        assert description and tags.one("og:description") == description, where
        assert tags.one("og:title"), where
        assert tags.one("og:type") == ("article" if kind == "meeting" else "website"), where
        assert tags.one("og:site_name") and tags.one("twitter:card") == "summary", where
        assert tags.one("og:locale") == LOCALE[lang], where
        assert tags.meta["og:locale:alternate"] == [LOCALE[OTHER[lang]]], where
        canonical = [link["href"] for link in tags.link("canonical")]
        # og:url is the page's absolute address, given only when site_url makes one.
        assert tags.meta.get("og:url", []) == canonical, where
        assert len(tags.json_ld) == (1 if kind == "meeting" else 0), where
        descriptions[kind] = description
    # A real description per page, not one for the whole site.
    assert len(set(descriptions.values())) == len(descriptions), descriptions


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("name", ["real", "fixture"])
def test_hreflang_alternates_are_this_page_in_each_language(name, lang):
    site = built_site(name)
    for kind, url in page_kinds(name).items():
        tags = read_head(page_file(site / LANGS[lang], url))
        links = {link["hreflang"]: link["href"] for link in tags.link("alternate")}
        assert set(links) == {"ja", "en", "x-default"}, (lang, kind, links)
        assert links["x-default"] == links["ja"]
        for code in LANGS:
            target = resolve(site, LANGS[lang] + url, links[code]) if not links[code].startswith(
                "http") else links[code]
            if target.startswith("http"):  # absolute: the page's own URL with the language's root
                own = tags.link("canonical")[0]["href"]
                assert own.endswith(LANGS[lang] + url)
                base = own[:len(own) - len(LANGS[lang] + url)]
                assert target == base + LANGS[code] + url, (lang, kind, code)
            else:
                assert target == LANGS[code] + url, (lang, kind, code)
            assert page_file(site, LANGS[code] + url).is_file()


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_every_meeting_page_has_json_ld(name):
    site = built_site(name)
    for data in minutes_of(name):
        for lang in LANGS:
            tags = read_head(page_file(site / LANGS[lang], f"meetings/{data['meeting']['id']}/"))
            event, report = json.loads(tags.json_ld[0])["@graph"]
            assert event["startDate"].startswith(data["meeting"]["date"])
            assert event["organizer"]["@type"] == "Organization" and event["organizer"]["name"]
            assert report["identifier"] == data["meeting"]["id"]


@pytest.mark.parametrize("lang", list(LANGS))
def test_a_title_with_script_end_tag_stays_inside_the_json_ld(lang):
    site = share_site()
    meeting = minutes_of("fixture")[0]["meeting"]["id"]
    path = page_file(site / LANGS[lang], f"meetings/{meeting}/")
    tags = read_head(path)
    event = json.loads(tags.json_ld[0])["@graph"][0]
    if lang == "ja":
        assert event["name"] == HOSTILE_TITLE
    # Anywhere on the page (head, heading, citations), the title is text: never a script.
    assert "<script>window.gjLdRan" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", list(LANGS))
def test_without_site_url_no_absolute_address_is_invented(lang):
    site = unaddressed_site()
    for kind, url in page_kinds("fixture").items():
        tags = read_head(page_file(site / LANGS[lang], url))
        # share_image is set, but an image needs an absolute address.
        assert "og:url" not in tags.meta and "og:image" not in tags.meta, kind
        assert tags.one("twitter:card") == "summary", kind
        assert tags.link("canonical") == [], kind
        links = {link["hreflang"]: link["href"] for link in tags.link("alternate")}
        for code in LANGS:
            assert not links[code].startswith(("http:", "https:", "/")), (kind, links)
            assert resolve(site, LANGS[lang] + url, links[code]) == LANGS[code] + url


@pytest.mark.parametrize("lang", list(LANGS))
def test_the_share_image_is_absolute_on_every_page(lang):
    site = share_site()
    image = "https://example.org/fixture/" + SHARE_IMAGE  # the default language's, for both
    assert (site / SHARE_IMAGE).is_file()
    remark = minutes_of("fixture")[0]["remarks"][0]["id"]
    for url in [*page_kinds("fixture").values(), f"r/{remark}/"]:
        tags = read_head(page_file(site / LANGS[lang], url))
        assert tags.one("og:image") == image, url
        assert tags.one("twitter:card") == "summary_large_image", url


# --- share pages ----------------------------------------------------------------------------

def test_share_pages_are_off_by_default():
    site = built_site("fixture")
    assert not (site / "r").exists() and not (site / "en" / "r").exists()


@pytest.mark.parametrize("lang", list(LANGS))
def test_share_pages_redirect_to_an_existing_remark_anchor(lang):
    site = share_site()
    root = site / LANGS[lang]
    # Every remark, and every retired one: its anchor still leads to a notice.
    remarks = [(data["meeting"]["id"], entry["id"]) for data in minutes_of("fixture")
               for entry in data["remarks"] + (data.get("retired") or [])]
    assert any(data.get("retired") for data in minutes_of("fixture"))
    assert sorted(p.name for p in (root / "r").iterdir()) == sorted(rid for _, rid in remarks)
    for meeting, remark in remarks:
        url = f"r/{remark}/"
        path = page_file(root, url)
        tags = read_head(path)
        refresh = tags.one("refresh")
        assert refresh and refresh.startswith("0; url="), refresh
        target = refresh[len("0; url="):]
        assert resolve(root, url, target) == f"meetings/{meeting}/#{remark}"
        assert remark in read_head(page_file(root, f"meetings/{meeting}/")).ids
        # A visible link for a browser that does not follow the refresh, and the canonical
        # (absolute: the fixture has site_url) address of the remark.
        assert f'<a href="{target}">' in path.read_text(encoding="utf-8")
        assert tags.link("canonical")[0]["href"] == (
            f"https://example.org/fixture/{LANGS[lang]}meetings/{meeting}/#{remark}")
        assert tags.one("og:url") == f"https://example.org/fixture/{LANGS[lang]}{url}"
        assert tags.one("og:type") == "article" and tags.one("og:locale") == LOCALE[lang]
        assert tags.one("og:description") and tags.one("og:title")


def test_share_page_preview_shows_the_remark():
    site = share_site()
    data = minutes_of("fixture")[0]
    remark = data["remarks"][0]
    tags = read_head(page_file(site, f"r/{remark['id']}/"))
    assert tags.one("og:description") == head.shorten(remark["text"])
    assert HOSTILE_TITLE in tags.one("og:title")  # the meeting's name, as text
