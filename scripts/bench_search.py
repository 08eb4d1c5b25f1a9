"""Benchmark the search index at scale: size on disk, and cold queries in headless Chromium.

    python scripts/bench_search.py [--meetings 1000] [--seed 1] [--work /tmp/gijiroku-bench]
                                   [--no-browser] [--query Q ...]

Generates a corpus with scripts/make_corpus.py, parses every meeting with gijiroku.parse.pipeline,
builds the index with gijiroku.search.index (and the English site's, to report the size of
both), and serves a minimal page that loads search.js
(gijiroku/site/assets/search/) from a local http.server. Every query runs in a fresh browser
context (cold cache): it reports the bytes downloaded (page, script and index files) and the
time from navigation start until the first results are on screen. Targets: at 1,000 meetings,
<= 600 KB and <= 1 s per cold query (issue 17), both indexes <= 2,000 files and <= 35 MB
(issue 18's share of the site); at 5,000, <= 1 MB and <= 1 s (issue 18). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from make_corpus import make_corpus  # noqa: E402

from gijiroku.parse.pipeline import parse_file  # noqa: E402
from gijiroku.search.index import build_index, units_from_minutes, write_index  # noqa: E402
from gijiroku.site.i18n import load_strings  # noqa: E402
from gijiroku.site.search import page_words  # noqa: E402

ASSETS = ROOT / "gijiroku" / "site" / "assets" / "search"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERIES = ["地域", "性", "デジタル", "地域金融機関", "ﾘﾓｰﾄﾜｰｸ", "DX", "強靭", "人材 マッチング",
           '"salesforceによる slack"', "量子コンピュータ"]
PAGE = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>検索</title>
<link rel="stylesheet" href="../assets/search/search.css"></head>
<body><main id="search" data-strings="WORDS"></main>
<script type="module">
import { mountSearchPage } from "../assets/search/search.js";
const container = document.getElementById("search");
container.addEventListener("gijiroku-search:results", (event) => {
  if (window.__bench) return;
  const resources = performance.getEntriesByType("resource");
  const nav = performance.getEntriesByType("navigation")[0];
  window.__bench = {
    ms: performance.now(),
    shown: event.detail.count,
    status: document.querySelector(".gs-status").textContent,
    bytes: nav.encodedBodySize + resources.reduce((n, r) => n + r.encodedBodySize, 0),
    indexBytes: resources.filter((r) => !r.name.includes("/assets/")).reduce((n, r) => n + r.encodedBodySize, 0),
    requests: resources.length + 1,
  };
}, { once: false });
mountSearchPage(container, { indexBase: "./", siteRoot: "../" });
</script></body></html>
"""


# The search page's words, as the site's search page carries them.
PAGE = PAGE.replace("WORDS", html.escape(page_words(load_strings("ja"))))


def corpus_units(minutes_root: Path) -> list[dict]:
    units = []
    for source in sorted(minutes_root.glob("*/*.txt")):
        units += units_from_minutes(parse_file(source, minutes_root), f"{source.parent.name}/{source.stem}/")
    return units


def size_report(files: dict[str, str], title: str) -> None:
    def sizes(prefix: str) -> list[int]:
        return sorted(len(v.encode()) for k, v in files.items() if k.startswith(prefix))

    total = sum(len(v.encode()) for v in files.values())
    print(f"{title}: {len(files)} files, {total / 1e6:.1f} MB")
    for prefix in ("grams/", "units/", "texts/"):
        s = sizes(prefix)
        if s:
            print(f"  {prefix:7} {len(s):5} files, {sum(s) / 1e6:6.1f} MB; per file min {s[0] / 1e3:.1f} KB, "
                  f"median {statistics.median(s) / 1e3:.1f} KB, max {s[-1] / 1e3:.1f} KB")
    for name in ("meta.json", "meetings.json", "dates.json", "speakers.json"):
        if name in files:
            print(f"  {name:13} {len(files[name].encode()) / 1e3:.1f} KB")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def filtered_searches(units: list[dict]) -> list[str]:
    """URL query strings of the filters and sorts (search.js reads them from the page URL),
    with values taken from the corpus: its middle year, its first series, an ID, a speaker."""
    dates = sorted(u["date"] for u in units)
    year = dates[len(dates) // 2][:4]
    searches = [f"q={quote('地域')}&sort=newest", f"q={quote('地域')}&sort=oldest",
                f"q={quote('デジタル')}&from={year}-01-01&to={year}-12-31",
                f"from={year}-01-01&to={year}-03-31&sort=newest",
                f"q={quote('地域')}&series={quote(units[0]['series'])}", f"q={quote(units[len(units) // 2]['id'].upper())}"]
    speaker = next((u["speaker"] for u in units if u.get("speaker")), "")
    return searches + ([f"q={quote('地域')}&speaker={quote(speaker)}"] if speaker else [])


def browser_report(site: Path, searches: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/search/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            print(f"\n{'query':28} {'shown':>5} {'requests':>8} {'index KB':>9} {'total KB':>9} {'first result ms':>16}  status")
            for search in searches:
                q = unquote(search.removeprefix("q="))
                context = browser.new_context()  # fresh context: cold HTTP cache
                page = context.new_page()
                page.goto(f"{base}?{search}")
                page.wait_for_function("window.__bench !== undefined", timeout=60_000)
                b = page.evaluate("window.__bench")
                print(f"{q:28} {b['shown']:5} {b['requests']:8} {b['indexBytes'] / 1e3:9.1f} "
                      f"{b['bytes'] / 1e3:9.1f} {b['ms']:16.0f}  {b['status'][:40]}")
                context.close()
            browser.close()
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gijiroku-bench"))
    parser.add_argument("--no-browser", action="store_true", help="only build and report sizes")
    parser.add_argument("--query", action="append", default=[], metavar="Q",
                        help="run only this query (repeatable), e.g. the worst ones at a large N")
    args = parser.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    t = time.perf_counter()
    make_corpus(args.meetings, args.seed, args.work / "corpus")
    print(f"corpus: {args.meetings} meetings in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    units = corpus_units(args.work / "corpus" / "minutes")
    print(f"parsed: {len(units)} units in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    files = build_index(units)
    print(f"built index in {time.perf_counter() - t:.1f} s")
    size_report(files, "index (ja, search/)")
    # The English site's index, as the site builds it (no translations in a generated corpus):
    # its own postings, the units files of the index above.
    english = build_index(units, language="en", units_at="../../search/")
    size_report(english, "index (en, en/search/)")
    both = [len(v.encode()) for index in (files, english) for v in index.values()]
    print(f"both languages: {len(both)} files, {sum(both) / 1e6:.1f} MB")

    site = args.work / "site"
    write_index(files, site / "search")
    (site / "search" / "index.html").write_text(PAGE, encoding="utf-8")
    shutil.copytree(ASSETS, site / "assets" / "search")
    if not args.no_browser:
        searches = [f"q={quote(q)}" for q in args.query] or [f"q={quote(q)}" for q in QUERIES] + filtered_searches(units)
        browser_report(site, searches)


if __name__ == "__main__":
    main()
