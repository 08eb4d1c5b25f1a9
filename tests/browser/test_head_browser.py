"""The head in the browser: a remark's share page r/<id>/ (plugin option share_pages) lands the
reader on the remark, highlighted, with or without JavaScript, and its meeting's title never runs
as script; the per-page hreflang links do not mislead Material's language script."""

from __future__ import annotations

import pytest
from support.browser import Served, assert_highlighted_in_view
from support.site import LANGS, minutes_of, share_site

pytestmark = pytest.mark.browser

FIXTURE = minutes_of("fixture")[0]
MEETING = f"meetings/{FIXTURE['meeting']['id']}/"
# The last remark: landing on it needs a scroll, unlike the top of the page.
REMARK = FIXTURE["remarks"][-1]["id"]


@pytest.fixture(scope="module")
def served_share_site():
    # A copy of the fixture site (same site_url, so served at the same path) with share pages.
    served = Served("fixture", share_site())
    yield served
    served.close()


@pytest.mark.parametrize("lang", list(LANGS))
def test_a_share_page_lands_on_its_remark(lang, page, served_share_site):
    page.goto(served_share_site.url(f"{LANGS[lang]}r/{REMARK}/"))
    page.wait_for_url(served_share_site.url(f"{LANGS[lang]}{MEETING}#{REMARK}"))
    assert_highlighted_in_view(page, REMARK)
    assert page.evaluate("() => window.gjLdRan") is None


def test_a_share_page_lands_on_its_remark_without_javascript(no_js_page, served_share_site):
    no_js_page.goto(served_share_site.url(f"r/{REMARK}/"))
    no_js_page.wait_for_url(served_share_site.url(f"{MEETING}#{REMARK}"))
    assert no_js_page.evaluate("id => document.getElementById(id).matches(':target')", REMARK)


def test_hreflang_links_do_not_send_material_to_a_sitemap_beside_the_page(page, real_site):
    """The head's alternates are this page in each language; Material's JavaScript would take
    them for language roots, fetch a sitemap.xml beside them (404) and reroute a click on the
    English page's link to the Japanese original, dropping its #anchor."""
    meeting = minutes_of("real")[0]
    remark = meeting["remarks"][-1]["id"]
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(real_site.url(f"en/meetings/{meeting['meeting']['id']}/"))
    assert page.locator('link[rel="alternate"][hreflang]').count() == 3  # still in the document
    # The link is inside the collapsed original: a click event, as a reader's would be.
    page.locator(f"#{remark} .gj-original-link a").first.evaluate("a => a.click()")
    page.wait_for_url(real_site.url(f"meetings/{meeting['meeting']['id']}/#{remark}"))
    assert [url for url in requested if url.endswith("sitemap.xml")] == []
