"""The search module's UI (search.js mountSearchPage) in headless Chromium, on a standalone page.

Serves the seed index built by gijiroku.search.index plus a minimal page from a local
http.server, with small shards so queries cross files, and a tiny index of hostile texts. The
search inside the built site (search/ page, the query table, header box, highlight on arrival)
is tested in test_search_browser.py; this covers the module on its own. Uses the shared
browser fixture (conftest.py).
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from gijiroku.search.index import build_index, write_index
from gijiroku.site.i18n import load_strings
from gijiroku.site.search import page_words
from support.browser import run_axe
from support.search import FILTER_SERIES, FILTER_UNITS, seed_units, unit

ROOT = Path(__file__).resolve().parent.parent.parent
INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\u00ad]")
PAGE = """<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>検索</title>
<link rel="icon" href="data:,"></head>
<body><main id="search" data-strings="WORDS"></main><div id="target">リモート<b>ワ</b>ーク と ﾘﾓｰﾄﾜｰｸ と ＤＸ</div>
<script type="module">
import { mountSearchPage, highlightInElement } from "/assets/search/search.js";
window.highlightInElement = highlightInElement;
const c = document.getElementById("search");
c.addEventListener("gijiroku-search:results", (e) => { window.rendered = (window.rendered || 0) + 1; });
mountSearchPage(c, { indexBase: "./", siteRoot: "../../" });
</script></body></html>
"""

PAGE = PAGE.replace("WORDS", html.escape(page_words(load_strings("ja"))))  # as the site's search page

pytestmark = pytest.mark.browser


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "gijiroku" / "site" / "assets" / "search", root / "assets" / "search")
    seed_series = {"meti-smart-resilient": {"code": "sr", "title": "スマートかつ強靱な地域経済社会の実現に向けた研究会"}}
    write_index(build_index(seed_units(), shard_bytes=4_000, chunk_bytes=4_000, series_labels=seed_series),
                root / "seed" / "search")
    write_index(build_index(FILTER_UNITS, series_labels=FILTER_SERIES), root / "filtered" / "search")
    hostile = [unit("x1", '<script>window.pwned=1</script>と<img src=x onerror="window.pwned=2">の地域', themes=("dx",)),
               unit("x2", "**地域**と[リンク](http://example.com)", meeting="m2")]
    write_index(build_index(hostile, theme_labels={"dx": "DX・デジタル"}), root / "tiny" / "search")
    # where the seed's results link (siteRoot ../../ from /seed/search/): a stand-in meeting page
    meeting = root / "meti-smart-resilient" / "06"
    meeting.mkdir(parents=True)
    (meeting / "index.html").write_text('<!doctype html><html lang="ja"><title>06</title><link rel="icon" href="data:,">'
                                        '<p id="sr06-19">19</p></html>', encoding="utf-8")
    for name in ("seed", "tiny", "filtered"):
        (root / name / "search" / "index.html").write_text(PAGE, encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def open_search(page, site: str, query: str, index: str = "seed") -> None:
    page.goto(f"{site}/{index}/search/?q={quote(query)}")
    page.wait_for_function("window.rendered >= 1")


def result_ids(page) -> list[str]:
    return [urlsplit(h).fragment for h in page.eval_on_selector_all(".gs-link", "els => els.map(e => e.href)")]


def wait_for_ids(page, ids: list[str]) -> None:
    """Wait until the results are exactly ``ids`` in this order (filters re-run after a debounce)."""
    page.wait_for_function(
        "ids => JSON.stringify([...document.querySelectorAll('.gs-link')].map(a => a.hash.slice(1))) === ids",
        arg=json.dumps(ids, separators=(",", ":")))


def test_result_shows_meeting_date_number_snippet_and_link(page, site) -> None:
    open_search(page, site, "ﾘﾓｰﾄﾜｰｸ")
    first = page.locator(".gs-result").first
    # the series code and the meeting's number, not the meeting's long title
    assert first.locator(".gs-meeting").inner_text() == "sr 第6回"
    assert first.locator(".gs-date").inner_text() == "2021-06-01"
    assert first.locator(".gs-number").inner_text() == "発言 3"
    assert first.locator(".gs-id").inner_text() == "sr06-03"
    assert first.locator(".gs-speaker-name").count() == 0  # an anonymous 議事要旨 remark
    assert first.locator("mark").all_inner_texts() == ["リモートワーク"]
    href = urlsplit(first.locator(".gs-link").get_attribute("href"))
    assert href.path.endswith("/meti-smart-resilient/06/")
    assert href.fragment == "sr06-03"
    assert parse_qs(href.query)["h"] == ["ﾘﾓｰﾄﾜｰｸ"]
    assert not INVISIBLE.search(page.inner_text("#search"))


def test_typing_updates_url_and_results(page, site) -> None:
    open_search(page, site, "")
    assert "検索語を入力してください" in page.inner_text(".gs-status")
    page.locator(".gs-input").press_sequentially("強靱", delay=20)
    # sr06-05 has four occurrences; then the shorter sr06-02 before sr06-12
    wait_for_ids(page, ["sr06-05", "sr06-02", "sr06-12"])
    assert parse_qs(urlsplit(page.url).query)["q"] == ["強靱"]
    page.locator(".gs-input").fill("")
    page.wait_for_function("!location.search.includes('q=')")


def test_ranking_whole_query_first(page, site) -> None:
    open_search(page, site, "人材 マッチング")
    assert result_ids(page) == ["sr06-13"]
    open_search(page, site, "デジタル")
    ids = result_ids(page)
    # sr06-01 and sr06-17 contain デジタル three times; all others fewer
    assert set(ids[:2]) == {"sr06-01", "sr06-17"}


def test_source_text_renders_literally_and_filters_work(page, site) -> None:
    open_search(page, site, "地域", index="tiny")
    assert page.evaluate("window.pwned") is None
    assert page.locator(".gs-snippet img, .gs-snippet script, .gs-snippet strong").count() == 0
    assert "<script>window.pwned=1</script>" in page.inner_text(".gs-results")
    assert "**地域**" in page.inner_text(".gs-results")
    assert page.locator(".gs-chip").all_inner_texts() == ["DX・デジタル"]
    chip = urlsplit(page.locator(".gs-chip a").get_attribute("href"))
    assert chip.path == "/themes/dx/"  # siteRoot ../../ from /tiny/search/
    page.select_option("select[name=theme]", "dx")
    page.wait_for_function("location.search.includes('theme=dx')")
    wait_for_ids(page, ["x1"])
    page.select_option("select[name=theme]", "")
    wait_for_ids(page, ["x2", "x1"])  # equal counts: the shorter text first
    page.wait_for_function("document.querySelectorAll('select[name=meeting] option').length === 3")
    page.select_option("select[name=meeting]", "m2")
    wait_for_ids(page, ["x2"])
    assert parse_qs(urlsplit(page.url).query)["meeting"] == ["m2"]


def test_highlight_in_element_marks_across_nodes_without_changing_text(page, site) -> None:
    open_search(page, site, "")
    before = page.inner_text("#target")
    count = page.evaluate(
        "async () => { const m = await import('/assets/search/search.js');"
        " const meta = await (await fetch('meta.json')).json();"
        " return m.highlightInElement(document.getElementById('target'), 'リモートワーク dx', meta.fold); }")
    assert page.inner_text("#target") == before
    assert page.locator("#target mark").all_inner_texts() == ["リモート", "ワ", "ーク", "ﾘﾓｰﾄﾜｰｸ", "ＤＸ"]
    assert count == 5


def test_date_range_filter_and_url(page, site) -> None:
    open_search(page, site, "地域", index="filtered")
    wait_for_ids(page, ["be02-1", "be01-1", "al02-1", "al02-2", "al01-1"])
    page.fill("input[name=from]", "2021-01-01")
    page.fill("input[name=to]", "2022-12-31")
    wait_for_ids(page, ["be01-1", "al02-1", "al02-2"])
    query = parse_qs(urlsplit(page.url).query)
    assert (query["from"], query["to"]) == (["2021-01-01"], ["2022-12-31"])


def test_sort_and_back_forward_restore_the_state(page, site) -> None:
    open_search(page, site, "地域", index="filtered")
    page.select_option("select[name=sort]", "oldest")
    wait_for_ids(page, ["al01-1", "al02-1", "al02-2", "be01-1", "be02-1"])
    page.select_option("select[name=sort]", "newest")
    wait_for_ids(page, ["be02-1", "be01-1", "al02-1", "al02-2", "al01-1"])
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["newest"]
    page.go_back()
    wait_for_ids(page, ["al01-1", "al02-1", "al02-2", "be01-1", "be02-1"])
    assert page.locator("select[name=sort]").input_value() == "oldest"
    page.go_back()
    wait_for_ids(page, ["be02-1", "be01-1", "al02-1", "al02-2", "al01-1"])  # relevance: shorter first
    assert page.locator("select[name=sort]").input_value() == "relevance"
    assert "sort=" not in page.url
    page.go_forward()
    wait_for_ids(page, ["al01-1", "al02-1", "al02-2", "be01-1", "be02-1"])


def test_series_and_speaker_filters(page, site) -> None:
    open_search(page, site, "地域", index="filtered")
    page.select_option("select[name=series]", "alpha")
    wait_for_ids(page, ["al02-1", "al02-2", "al01-1"])
    assert page.locator(".gs-meeting").all_inner_texts() == ["al 第2回", "al 第2回", "al 第1回"]
    # the speaker's name typed with a space: the name is folded, as 藤　田部会長 in the minutes
    page.fill("input[name=speaker]", "藤田 部会長")
    page.press("input[name=speaker]", "Enter")
    wait_for_ids(page, ["al02-1", "al01-1"])
    assert page.locator(".gs-speaker-name").all_inner_texts() == ["藤　田部会長", "藤田部会長"]
    query = parse_qs(urlsplit(page.url).query)
    assert (query["series"], query["speaker"]) == (["alpha"], ["藤田 部会長"])
    # the speakers offered are the folded names with their counts
    page.wait_for_function("document.querySelectorAll('#gs-speakers option').length === 2")


def test_the_whole_state_loads_from_the_url_and_survives_a_reload(page, site) -> None:
    url = f"{site}/filtered/search/?q={quote('地域')}&series=alpha&from=2021-01-01&sort=oldest&speaker={quote('藤田部会長')}"
    page.goto(url)
    page.wait_for_function("window.rendered >= 1")
    wait_for_ids(page, ["al02-1"])
    page.reload()
    page.wait_for_function("window.rendered >= 1")
    wait_for_ids(page, ["al02-1"])
    values = {n: page.locator(f"[name={n}]").input_value() for n in ("q", "series", "from", "to", "sort", "speaker")}
    assert values == {"q": "地域", "series": "alpha", "from": "2021-01-01", "to": "", "sort": "oldest",
                      "speaker": "藤田部会長"}


def test_an_id_query_offers_a_link_to_the_remark(page, site) -> None:
    open_search(page, site, "ＳＲ０６－１９")
    link = page.locator(".gs-jump-link")
    assert link.inner_text() == "sr06-19 へ移動"
    assert urlsplit(link.get_attribute("href")).fragment == "sr06-19"
    assert "見つかりませんでした" not in page.inner_text(".gs-status")  # the link is the answer
    link.click()
    page.wait_for_url("**/meti-smart-resilient/06/#sr06-19")
    page.go_back()
    page.wait_for_function("window.rendered >= 1")
    assert page.locator(".gs-input").input_value() == "ＳＲ０６－１９"
    open_search(page, site, "sr06-99")
    assert page.locator(".gs-jump").is_hidden()


def test_the_filter_controls_are_labelled_and_axe_clean(page, site) -> None:
    open_search(page, site, "地域", index="filtered")
    page.wait_for_function("document.querySelectorAll('#gs-speakers option').length === 2")
    for name in ("speaker", "from", "to", "sort"):
        assert page.locator(f"label:has([name={name}])").count() == 1
    for name in ("q", "theme", "meeting", "series"):
        assert page.locator(f"[name={name}]").get_attribute("aria-label")
    # keyboard: Tab from the search box reaches every filter in order (a date field takes a Tab
    # per part: year, month, day)
    page.focus(".gs-input")
    reached: list[str] = []
    for _ in range(16):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.name")
        if name and name not in reached:
            reached.append(name)
    assert reached == ["theme", "meeting", "series", "speaker", "from", "to", "sort"]
    assert run_axe(page) == []
