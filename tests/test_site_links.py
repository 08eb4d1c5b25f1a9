"""Crawl the built sites: every internal link and anchor must resolve."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from test_site_build import CONFIGS, built_site

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}


class Links(HTMLParser):
    """The ids of a page and the URLs it links to (a/link href, script/img src)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        url = attrs.get(LINK_ATTRS.get(tag, ""))
        if url:
            self.links.append(url)


def target_file(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path)
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def broken_links(site: Path, mount: str = "/") -> list[str]:
    """Every internal link of every HTML page under ``site`` whose file or anchor is missing;
    the site is served at path ``mount`` (the path of ``site_url``: 404.html links absolutely)."""
    pages = {path: Links() for path in site.rglob("*.html")}
    for path, parser in pages.items():
        parser.feed(path.read_text(encoding="utf-8"))
    problems = []
    for path, parser in pages.items():
        base = mount + path.relative_to(site).as_posix()
        for link in parser.links:
            parts = urlsplit(urljoin(base, link))
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue  # external
            if not parts.path.startswith(mount):
                problems.append(f"{base}: {link} -> outside the site")
                continue
            target = target_file(site, parts.path[len(mount):])
            if not target.is_file():
                problems.append(f"{base}: {link} -> missing {target.relative_to(site)}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{base}: {link} -> no id {parts.fragment!r}")
    return problems


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_no_broken_internal_link_or_anchor(name):
    site_url = yaml.safe_load(CONFIGS[name].read_text(encoding="utf-8"))["site_url"]
    assert broken_links(built_site(name), urlsplit(site_url).path) == []


def test_the_crawler_reports_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="b/">gone</a>'
        '<a href="a/#nowhere">bad anchor</a><a href="https://example.org/x">external</a>',
        encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p><a href="../#top">bad</a>',
                                               encoding="utf-8")
    assert broken_links(tmp_path) == [
        "/index.html: b/ -> missing b/index.html",
        "/index.html: a/#nowhere -> no id 'nowhere'",
        "/a/index.html: ../#top -> no id 'top'",
    ]
    assert broken_links(tmp_path, "/sub/") == [
        "/sub/index.html: b/ -> missing b/index.html",
        "/sub/index.html: a/#nowhere -> no id 'nowhere'",
        "/sub/a/index.html: ../#top -> no id 'top'",
    ]
