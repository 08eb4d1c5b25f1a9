"""Series pages and Atom feeds as a reader meets them, in headless Chromium: from Home to a
series page to a meeting and back, and a page's feed link that a browser or feed reader finds."""

from __future__ import annotations

import feedparser
import pytest
import yaml

from support.browser import run_axe
from support.paths import ROOT

pytestmark = pytest.mark.browser

SERIES = yaml.safe_load((ROOT / "minutes" / "meti-smart-resilient" / "series.yml").read_text(encoding="utf-8"))


def test_home_leads_to_the_series_page_and_a_meeting_back_to_it(page, real_site):
    page.goto(real_site.url())
    page.click(f"h3.gj-series-title a:text-is('{SERIES['title']}')")
    assert page.url == real_site.url(f"series/{SERIES['slug']}/")
    assert page.locator("h1").inner_text().startswith(SERIES["title"])
    assert run_axe(page) == []
    page.locator(".gj table a[href*='meetings/']").first.click()
    assert page.url == real_site.url("meetings/sr06/")
    page.click(".gj-series a")
    assert page.url == real_site.url(f"series/{SERIES['slug']}/")


@pytest.mark.parametrize("path, feed", [
    ("themes/dx/", "atom-theme-dx.xml"),
    (f"series/{SERIES['slug']}/", f"atom-series-{SERIES['slug']}.xml"),
    ("en/themes/dx/", "en/atom-theme-dx.xml"),
])
def test_a_pages_feed_link_leads_to_a_valid_feed_of_that_title(page, real_site, path, feed):
    page.goto(real_site.url(path))
    links = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    hrefs = links.evaluate_all("els => els.map(e => [e.href, e.title])")
    href, title = hrefs[-1]  # the site's feed first, then this page's own
    assert href == real_site.url(feed)
    # The visible link on the page is the same feed.
    assert page.locator("a.gj-feed").evaluate("a => a.href") == href
    response = page.request.get(href)
    assert response.status == 200
    parsed = feedparser.parse(response.body())
    assert not parsed.bozo and parsed.feed.title == title and parsed.entries
