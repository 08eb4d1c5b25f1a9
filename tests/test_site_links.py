"""Crawl the built sites: every internal link and anchor must resolve (the crawler is
:func:`support.links.broken_links`)."""

from __future__ import annotations

import pytest

from support.links import broken_links
from support.site import built_site, mount_of


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_no_broken_internal_link_or_anchor(name):
    assert broken_links(built_site(name), mount_of(name)) == []


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
