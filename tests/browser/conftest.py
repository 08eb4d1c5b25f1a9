"""Browser fixtures: the built sites served on 127.0.0.1, and headless Debian Chromium driven
by Playwright. Without Chromium or axe-core the browser tests skip, unless CI is set: then they
fail, so CI cannot pass without having run them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from support.browser import AXE, Served
from support.site import COUNCIL, built_site, speaker_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = os.environ.get("GIJIROKU_SHOTS")  # a folder: save a screenshot of each page type


def require(ok: bool, what: str) -> None:
    if ok:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} (CI is set, so browser tests may not skip)")
    pytest.skip(what)


# Module scope, not session: only one sync Playwright may run per thread, and other test
# modules (the search page's) start their own; this one must be stopped before they start.
@pytest.fixture(scope="module")
def browser():
    require(CHROMIUM.is_file(), f"{CHROMIUM} not found")
    require(AXE.is_file(), f"{AXE} not found: run `npm ci`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def real_site():
    served = Served("real", built_site("real"))
    yield served
    served.close()


@pytest.fixture(scope="session")
def fixture_site():
    served = Served("fixture", built_site("fixture"))
    yield served
    served.close()


class Problems:
    """Console errors, uncaught page errors, failed requests, error responses and dialogs."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def watch(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.items.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.items.append(f"pageerror: {e}"))
        # ERR_ABORTED is a request cut short by leaving the page (e.g. the search worker still
        # loading its language files), not a fault of the site; a 4xx/5xx answer is.
        page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
                and self.items.append(f"requestfailed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.items.append(f"HTTP {r.status}: {r.url}"))

        def dialog(d):
            self.items.append(f"dialog: {d.type} {d.message}")
            d.dismiss()

        page.on("dialog", dialog)


def _page(browser, request, **options):
    """A fresh context and page; after the test, fail on any console error, page error, failed
    request or dialog it saw (a dialog would mean minutes text ran as script)."""
    problems = Problems()
    context = browser.new_context(locale="ja-JP", **options)
    page = context.new_page()
    problems.watch(page)
    yield page
    context.close()
    assert problems.items == [], request.node.nodeid


@pytest.fixture
def page(browser, request):
    yield from _page(browser, request, viewport={"width": 1280, "height": 900},
                     permissions=["clipboard-read", "clipboard-write"])


@pytest.fixture
def phone(browser, request):
    yield from _page(browser, request, viewport={"width": 390, "height": 844},
                     device_scale_factor=2, is_mobile=True, has_touch=True)


@pytest.fixture(scope="module")
def shared_page(browser):
    """One desktop page for a module's table of quick navigations (e.g. the search query table):
    yields ``(page, problems)``; each test checks ``problems.items`` itself, as a module fixture
    has no single test to fail."""
    problems = Problems()
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems.watch(page)
    yield page, problems
    context.close()


@pytest.fixture
def no_js_page(browser, request):
    yield from _page(browser, request, viewport={"width": 1280, "height": 900},
                     java_script_enabled=False)


@pytest.fixture(scope="session")
def shoot():
    """``shoot(page, name)`` saves a screenshot when GIJIROKU_SHOTS names a folder."""

    def save(page, name: str) -> None:
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))

    return save


@pytest.fixture(scope="module")
def council():
    """The fixture council (named speakers, tests/fixtures) served: (Served, its YAML's data)."""
    served = Served("fixture", speaker_site())
    data = yaml.safe_load(COUNCIL.with_suffix(".yaml").read_text(encoding="utf-8"))
    yield served, data
    served.close()
