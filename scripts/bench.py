"""Benchmark the whole pipeline at scale: parse + tag, the site build, its size, and search.

    python scripts/bench.py [--sizes 1,100,1000] [--seed 1] [--jobs 2] [--work /tmp/gijiroku-scale]
                            [--no-baseline] [--no-browser] [--serve 1000]

First, parse + tag throughput on real text (files/s, characters/s): the seed and each series of
real minutes in ../shared/corpus/ when it is there (a note when not); then those real minutes
built as a site: its largest meeting page and largest page, and its pages over 300 KB (long
meetings are split into parts, gijiroku/site/parts.py).

For each size N: scripts/make_corpus.py writes N meetings as source text; they are parsed and
tagged in-process exactly as ``gijiroku parse --all --jobs J`` does (wall and CPU time), then
``gijiroku parse --all`` is run again as a command with nothing changed and with one source
changed (incremental parse: wall time); the
site is built by ``mkdocs build`` in a subprocess from a copy of the repository's config whose
``minutes_dir`` is the corpus (time, CPU, peak RSS from GNU time). The baseline is a bare
Material build (its default ``search`` plugin, no gijiroku plugin) of an equivalent set of plain
Markdown pages: one page per meeting with the same remark texts (one heading with an anchor per
remark and item), a page per theme listing the meetings it occurs in, the same top pages and nav,
once per site language. Also printed: the total site size, the largest meeting page and the
number of nav links on it, the largest page of any kind, the search index size, and for ten
queries in headless Chromium the bytes downloaded and the time to the first result (cold cache;
scripts/bench_search.py's page and queries, on the index the build wrote). At the sizes
``--serve`` lists (default 1000; ``--serve ""`` for none) it times a rebuild after editing one
meeting's YAML, in one process as ``mkdocs serve`` does, and checks the edit reached the page.

Targets (issue 8, 2 cores): 1,000 meetings build in < 2 min and <= 1.5x the baseline, peak
memory < 2 GB, every meeting page < 300 KB, nav links independent of N. Issue 18: the site fits
the hosts (per meeting: MB and files, and the N at which GitHub Pages' 1 GB and Cloudflare
Pages' 20,000 files would be reached), every page <= 300 KB (pages over it are counted) and the
most nav links on any page; after the table, the site's bytes and files by folder. Figures are printed,
never asserted; timings live here, not in the test suite (tests/test_bench_smoke.py runs N=5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import html
import http.server
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml
from yaml_env_tag import construct_env_tag  # MkDocs' own !ENV tag (a dependency of mkdocs)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from make_corpus import make_corpus  # noqa: E402

from gijiroku.errors import GijirokuError  # noqa: E402
from gijiroku.files import SOURCE_SUFFIXES, sources_under, yaml_path  # noqa: E402
from gijiroku.parse.batch import parse_all  # noqa: E402
from gijiroku.parse.ingest import ingest  # noqa: E402
from gijiroku.parse.pipeline import parse_file  # noqa: E402
from gijiroku.yamlio import parse_yaml, read_yaml  # noqa: E402

MiB = 1024 * 1024
# Repository entries a build must not see from the mirror: its own minutes and outputs.
NOT_MIRRORED = {"minutes", "site", ".git", ".pytest_cache", "corpus", ".cache"}
SEARCH_FORMAT = "gijiroku-search/2"
MINUTES_SEED = ROOT / "minutes" / "meti-smart-resilient"
# Real minutes beside the repository (../shared/corpus/<series>/), when present.
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
TIME = "/usr/bin/time"  # GNU time (Debian package `time`): peak RSS of the build process


# --- corpus and parse ------------------------------------------------------------------------

@dataclass
class ParseRun:
    meetings: int
    remarks: int
    units: int
    chars: int
    wall: float
    cpu: float
    # ``gijiroku parse --all`` run again as a command (start-up included): nothing changed, then
    # one source changed (incremental parse, gijiroku/parse/fingerprint.py), wall seconds
    again: float = 0.0
    one_changed: float = 0.0


def cpu_time() -> float:
    """CPU seconds of this process and its reaped children (the parse workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def parse_corpus(minutes: Path, jobs: int) -> ParseRun:
    """What ``gijiroku parse --all --root MINUTES --jobs JOBS`` does, timed; then the command
    again with nothing changed, and with one source changed."""
    sources = sources_under(minutes)
    chars = sum(len(s.read_text(encoding="utf-8")) for s in sources)
    wall, cpu = time.perf_counter(), cpu_time()
    tally = parse_all(minutes, None, jobs)
    wall, cpu = time.perf_counter() - wall, cpu_time() - cpu
    if tally.errors:
        sys.exit(f"{minutes}: {tally.summary()}")
    docs = [read_yaml(yaml_path(source)) for source in sources]
    remarks = sum(len(d["remarks"]) for d in docs)
    units = remarks + sum(len(r.get("items") or []) for d in docs for r in d["remarks"])
    again = parse_command(minutes, jobs)
    with sources[-1].open("a", encoding="utf-8") as source:
        source.write("\n")  # new bytes, the same minutes
    return ParseRun(len(sources), remarks, units, chars, wall, cpu, again,
                    parse_command(minutes, jobs))


def parse_command(minutes: Path, jobs: int) -> float:
    """Wall seconds of ``gijiroku parse --all`` in a new process, as a user runs it."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from gijiroku.cli import main; main()", "parse", "--all",
                    "--root", str(minutes), "--jobs", str(jobs)], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - start


@dataclass
class RealText:
    """Parse + tag of one folder of real minutes, one process, the tagger already loaded; each
    file's best of :data:`REPEATS` runs (the machine may be busy with other work)."""

    folder: str
    files: int
    failed: int
    chars: int  # characters of the decoded text (PDF: the extracted text)
    wall: float

    def line(self) -> str:
        failed = f", {self.failed} failed (not timed)" if self.failed else ""
        return (f"parse + tag, real text (best of {REPEATS}): {self.folder}: {self.files} files{failed}, "
                f"{self.chars:,} chars in {self.wall:.2f} s: {self.files / self.wall:,.1f} files/s, "
                f"{self.chars / self.wall / 1000:,.0f}k chars/s")


REPEATS = 3


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def real_text(folder: Path, root: Path) -> RealText:
    """Parse and tag each source in ``folder`` as ``gijiroku parse`` does (a folder without a
    series.yml gets the series its name gives), timed in this process."""
    files = failed = chars = 0
    wall = 0.0
    for source in sorted(p for p in folder.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES):
        try:
            wall += min(timed(functools.partial(parse_file, source, root)) for _ in range(REPEATS))
        except GijirokuError:
            failed += 1
            continue
        files += 1
        chars += len(ingest(source.read_bytes(), source.name, None).text)
    shown = folder.relative_to(ROOT if folder.is_relative_to(ROOT) else ROOT.parent).as_posix()
    return RealText(shown, files, failed, chars, wall)


def real_text_lines() -> list[str]:
    """Throughput on the seed and on each series of the real corpus beside the repository."""
    parse_file(MINUTES_SEED / "06.txt", MINUTES_SEED.parent)  # loads the tagger's dictionary
    lines = [real_text(MINUTES_SEED, MINUTES_SEED.parent).line()]
    if not SHARED_CORPUS.is_dir():
        return [*lines, f"parse + tag, real text: {SHARED_CORPUS} not found, skipped"]
    return lines + [real_text(folder, SHARED_CORPUS).line()
                    for folder in sorted(p for p in SHARED_CORPUS.iterdir() if p.is_dir())]


# --- builds ----------------------------------------------------------------------------------

@dataclass
class BuildRun:
    wall: float
    cpu: float
    peak_rss: int  # bytes, the largest of the build processes
    # bytes, the largest sum over the build's process tree (the build runs its other languages
    # in a worker process; sampled every 0.2 s from /proc, so a short peak may be missed)
    peak_tree: int = 0


def tree_rss(root: int) -> int:
    """Resident memory of process ``root`` and all its descendants, in bytes (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):  # the process ended meanwhile
            continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(rss.get(pid, 0) for pid in tree)


def run_sampled(command: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, int]:
    """Run ``command``; also return the peak of :func:`tree_rss` over its run."""
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    peak = 0
    stderr = threading.Thread(target=lambda: setattr(process, "err", process.stderr.read()))
    stderr.start()
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.2)
    stderr.join()
    return subprocess.CompletedProcess(command, process.returncode, None, process.err), peak


def run_build(config: Path, site: Path) -> BuildRun:
    """``mkdocs build`` of ``config`` into ``site`` in a subprocess, under /usr/bin/time.

    /usr/bin/time, not this process's wait4: Linux carries a process's peak RSS across exec, so
    a child spawned from this (large) process would report at least this process's RSS.
    """
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    site.parent.mkdir(parents=True, exist_ok=True)
    report = site.parent / f".{site.name}.time"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    timed = Path(TIME).is_file()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done, tree = run_sampled([TIME, "-f", "%M %U %S", "-o", str(report), *command] if timed else command, env)
    wall = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"mkdocs build -f {config} failed ({done.returncode}):\n{done.stderr}")
    if not timed:  # without GNU time: CPU from this process's children, no peak memory
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return BuildRun(wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 0, tree)
    peak_kb, user, system = report.read_text().split()[-3:]
    return BuildRun(wall, float(user) + float(system), int(peak_kb) * 1024, tree)


def mirror_project(project: Path, minutes: Path) -> Path:
    """A copy of the repository for building ``minutes``: every entry is a symlink to the
    repository's, except the config files (copied, so paths in them resolve here, as the plugin
    resolves ``minutes_dir`` against the folder of the *resolved* config file) and ``minutes``,
    which points at the corpus. Returns the mirrored mkdocs.yml."""
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name in NOT_MIRRORED:
            continue
        if entry.suffix in (".yml", ".yaml") and entry.is_file():
            shutil.copy(entry, project / entry.name)
        else:
            (project / entry.name).symlink_to(entry)
    (project / "minutes").symlink_to(minutes.resolve())
    return project / "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """YAML's safe loader with MkDocs' ``!ENV`` tag (mkdocs.yml: ``site_url: !ENV SITE_URL``)."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)


def config_data(config: Path) -> dict:
    """mkdocs.yml as plain data (``!!python/...`` tags, e.g. Material's emoji, dropped; ``!ENV``
    read from the environment, as MkDocs does)."""
    return yaml.load(re.sub(r"!!python/\S+", "", config.read_text(encoding="utf-8")), _ConfigLoader)


def site_languages(config: Path) -> list[str]:
    """The site's languages in build order (the gijiroku plugin's ``languages``), default first."""
    data = config_data(config)
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "gijiroku" in plugin:
            return list((plugin["gijiroku"] or {}).get("languages") or {}) or [data["theme"]["language"]]
    return [data["theme"]["language"]]


def baseline_docs(docs_dir: Path, meetings: list[dict], themes: list[str]) -> None:
    """Plain Markdown pages equivalent to the generated site (see the module docstring)."""
    shutil.rmtree(docs_dir, ignore_errors=True)
    (docs_dir / "meetings").mkdir(parents=True)
    (docs_dir / "themes").mkdir()
    (docs_dir / "data").mkdir()
    by_theme: dict[str, dict[str, int]] = {t: {} for t in themes}
    rows = []
    for doc in meetings:
        m = doc["meeting"]
        lines = [f"# {html.escape(m['title'])} {m.get('kind') or ''}", "",
                 f"{m['date']} {m.get('start') or ''}〜{m.get('end') or ''} · {html.escape(m.get('venue') or '')}", ""]
        for remark in doc["remarks"]:
            for unit in [remark, *(remark.get("items") or [])]:
                lines += [f"### {unit['id']} {{#{unit['id']}}}", ""]
                lines += [html.escape(paragraph) + "\n" for paragraph in unit["text"].split("\n")]
                for tag in unit.get("themes") or []:
                    counts = by_theme.setdefault(tag["theme"], {})
                    counts[m["id"]] = counts.get(m["id"], 0) + 1
        (docs_dir / "meetings" / f"{m['id']}.md").write_text("\n".join(lines), encoding="utf-8")
        rows.append(f"| [{html.escape(m['title'])}]({m['id']}.md) | {m['date']} | {len(doc['remarks'])} |")
    titles = {doc["meeting"]["id"]: f"{doc['meeting']['title']} {doc['meeting']['date']}" for doc in meetings}
    (docs_dir / "meetings" / "index.md").write_text(
        "# 会議一覧\n\n| 会議 | 日付 | 発言数 |\n|---|---|---|\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for theme, counts in by_theme.items():
        (docs_dir / "themes" / f"{theme}.md").write_text(f"# {theme}\n\n" + "".join(
            f"- [{html.escape(titles[mid])}](../meetings/{mid}.md) {n}件\n" for mid, n in counts.items()),
            encoding="utf-8")
    (docs_dir / "themes" / "index.md").write_text(
        "# テーマ\n\n" + "".join(f"- [{t}]({t}.md)\n" for t in by_theme), encoding="utf-8")
    for page in ("index.md", "report.md", "glossary.md", "data/index.md", "about.md"):
        (docs_dir / page).write_text(f"# {page}\n\n[会議一覧](meetings/index.md)\n".replace(
            "](", "](../" if "/" in page else "](", 1), encoding="utf-8")


def baseline_config(project: Path, language: str) -> Path:
    config = project / f"mkdocs.{language}.yml"
    config.write_text(yaml.safe_dump({
        "site_name": "baseline", "site_url": "https://example.github.io/baseline/",
        "docs_dir": "docs", "strict": True,
        "theme": {"name": "material", "language": language, "font": False,
                  "features": ["navigation.top", "content.code.copy"]},
        "markdown_extensions": ["attr_list", "tables"],
        "not_in_nav": "/meetings/*.md\n/themes/*.md\n",
        "nav": [{"ホーム": "index.md"}, {"会議一覧": "meetings/index.md"}, {"テーマ": "themes/index.md"},
                {"取りまとめへの言及": "report.md"}, {"用語集": "glossary.md"},
                {"データ": "data/index.md"}, {"このサイトについて": "about.md"}],
    }, allow_unicode=True), encoding="utf-8")
    return config


def baseline_build(work: Path, minutes: Path, languages: list[str]) -> BuildRun:
    meetings = [read_yaml(p) for p in sorted(minutes.glob("*/*.yaml"))]
    themes = sorted({t["theme"] for d in meetings for r in d["remarks"]
                     for u in [r, *(r.get("items") or [])] for t in u.get("themes") or []})
    project = work / "baseline"
    baseline_docs(project / "docs", meetings, themes)
    runs = [run_build(baseline_config(project, lang), work / "baseline-site" / lang) for lang in languages]
    return BuildRun(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.peak_rss for r in runs),
                    max(r.peak_tree for r in runs))


# --- the built site --------------------------------------------------------------------------

# What the hosts people publish such a site on accept (their documented limits).
HOST_LIMITS = (("GitHub Pages, 1 GB", "total", 1_000_000_000),
               ("Cloudflare Pages, 20,000 files", "files", 20_000))
PAGE_LIMIT = 300 * 1024  # bytes: the most any page of the site should weigh (issue 18)


@dataclass
class SiteFigures:
    total: int = 0
    files: int = 0
    largest_meeting: tuple[int, str] = (0, "")
    largest_page: tuple[int, str] = (0, "")
    nav_links: int = 0
    # the most nav links on any page of the site, and that page
    most_nav_links: tuple[int, str] = (0, "")
    pages_over_limit: int = 0  # pages heavier than PAGE_LIMIT
    # bytes and files by folder: the first folder of the path, and the second under a
    # language's folder (en/data, en/meetings …); "(top)" for files at a root
    folders: dict[str, list[int]] = field(default_factory=dict)
    search_dir: Path | None = None
    search_bytes: int = 0
    search_files: int = 0
    speaker_pages: int = 0  # pages of speakers (series/<slug>/speakers/<key>/…), all languages
    largest_speaker_page: tuple[int, str] = (0, "")


SPEAKER_PAGE = re.compile(r"(^|/)series/[^/]+/speakers/p[0-9a-f]+/(\d+/)?index\.html$")


def folder_of(relative: str, languages: set[str]) -> str:
    parts = relative.split("/")
    if parts[0] in languages and len(parts) > 1:
        return parts[0] + "/" + (parts[1] if len(parts) > 2 else "(top)")
    return parts[0] if len(parts) > 1 else "(top)"


def site_figures(site: Path, languages: list[str] = ()) -> SiteFigures:
    figures = SiteFigures()
    indexes = []
    secondary = set(languages[1:])
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        figures.total += size
        figures.files += 1
        relative = path.relative_to(site).as_posix()
        folder = figures.folders.setdefault(folder_of(relative, secondary), [0, 0])
        folder[0] += size
        folder[1] += 1
        if path.suffix == ".html":
            figures.largest_page = max(figures.largest_page, (size, relative))
            figures.pages_over_limit += size > PAGE_LIMIT
            nav = path.read_text(encoding="utf-8").count('class="md-nav__link')
            figures.most_nav_links = max(figures.most_nav_links, (nav, relative))
            # a meeting's page, or a part of a long one (meetings/<id>/<k>/, site/parts.py)
            if re.search(r"(^|/)meetings/[^/]+/(\d+/)?index\.html$", relative) or re.search(
                    r"(^|/)meetings/[^/]+\.html$", relative) and not relative.endswith("meetings/index.html"):
                figures.largest_meeting = max(figures.largest_meeting, (size, relative))
            if SPEAKER_PAGE.search(relative):
                figures.speaker_pages += 1
                figures.largest_speaker_page = max(figures.largest_speaker_page, (size, relative))
        if path.name == "meta.json" and SEARCH_FORMAT in path.read_text(encoding="utf-8")[:2000]:
            indexes.append(path.parent)
    if figures.largest_meeting[1]:
        page = (site / figures.largest_meeting[1]).read_text(encoding="utf-8")
        figures.nav_links = page.count('class="md-nav__link')
    if indexes:
        # The default language's index: the one nearest the site root.
        figures.search_dir = min(indexes, key=lambda p: (len(p.parts), str(p)))
        # Its size: every language's index (the others read the default one's units files).
        files = [p for index in indexes for p in index.rglob("*") if p.is_file()]
        figures.search_bytes, figures.search_files = sum(p.stat().st_size for p in files), len(files)
    return figures


# --- search in the browser -------------------------------------------------------------------

@dataclass
class QueryRun:
    query: str
    shown: int
    bytes: int
    ms: float


def browser_queries(index_dir: Path, scratch: Path) -> list[QueryRun]:
    """Cold queries against the index the build wrote, with scripts/bench_search.py's page."""
    import bench_search
    from playwright.sync_api import sync_playwright

    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(index_dir, scratch / "search")
    (scratch / "search" / "index.html").write_text(bench_search.PAGE, encoding="utf-8")
    shutil.copytree(bench_search.ASSETS, scratch / "assets" / "search")
    handler = functools.partial(bench_search.QuietHandler, directory=str(scratch))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/search/"
    runs = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=bench_search.CHROMIUM_ARGS)
            for query in bench_search.QUERIES:
                context = browser.new_context()  # fresh context: cold HTTP cache
                page = context.new_page()
                page.goto(f"{base}?q={quote(query)}")
                page.wait_for_function("window.__bench !== undefined", timeout=60_000)
                b = page.evaluate("window.__bench")
                runs.append(QueryRun(query, b["shown"], b["bytes"], b["ms"]))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return runs


# --- mkdocs serve: one edit ------------------------------------------------------------------

SERVE_CHILD = r"""
import json, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config_file, site, target, marker = sys.argv[1:5]

def one_build():
    # What `mkdocs serve` does on every change: reload the config (plugin instances persist),
    # then a full (not dirty) build.
    start = time.perf_counter()
    build(load_config(config_file=config_file, site_dir=site))
    return time.perf_counter() - start

first = one_build()
path = Path(target)
text = path.read_text(encoding="utf-8")
# Edit the first remark's text: the first 。 after `remarks:` gets a visible marker.
at = text.index("。", text.index("remarks:"))
path.write_text(text[:at] + marker + text[at:], encoding="utf-8")
second = one_build()
print(json.dumps({"first": first, "rebuild": second}))
"""


def serve_rebuild(config: Path, site: Path, minutes: Path) -> tuple[float, float, bool]:
    """(first build s, rebuild after editing one YAML s, edit visible on its page)."""
    target = sorted(minutes.glob("*/*.yaml"))[0]
    original = target.read_text(encoding="utf-8")
    meeting_id = parse_yaml(original, str(target))["meeting"]["id"]
    marker = "【ベンチ編集】"
    shutil.rmtree(site, ignore_errors=True)
    try:
        out = subprocess.run([sys.executable, "-c", SERVE_CHILD, str(config), str(site), str(target), marker],
                             capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    finally:
        target.write_text(original, encoding="utf-8")
    if out.returncode:
        raise SystemExit(f"serve rebuild failed:\n{out.stderr}")
    times = json.loads(out.stdout.strip().splitlines()[-1])
    pages = list(site.glob(f"meetings/{meeting_id}/index.html")) + list(site.glob(f"meetings/{meeting_id}.html"))
    visible = bool(pages) and marker in pages[0].read_text(encoding="utf-8")
    return times["first"], times["rebuild"], visible


# --- the table -------------------------------------------------------------------------------

@dataclass
class Row:
    n: int
    parse: ParseRun
    build: BuildRun
    figures: SiteFigures
    warm: BuildRun
    baseline: BuildRun | None = None
    queries: list[QueryRun] = field(default_factory=list)
    serve: tuple[float, float, bool] | None = None


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def mb(n: float) -> str:
    return f"{n / MiB:,.1f} MB"


def table(rows: list[Row], languages: list[str]) -> str:
    def line(label: str, values: list[str]) -> str:
        return f"| {label} | " + " | ".join(values) + " |"

    out = [line("meetings (N)", [f"{r.n:,}" for r in rows]),
           "|---|" + "---:|" * len(rows)]

    def add(label: str, fn) -> None:
        out.append(line(label, [fn(r) for r in rows]))

    add("remarks / remarks+items", lambda r: f"{r.parse.remarks:,} / {r.parse.units:,}")
    add("parse + tag, wall (CPU)", lambda r: f"{r.parse.wall:.1f} s ({r.parse.cpu:.1f} s)")
    add("parse + tag throughput", lambda r: f"{r.parse.meetings / r.parse.wall:,.1f} mtg/s, "
        f"{r.parse.chars / r.parse.wall / 1000:,.0f}k chars/s")
    add("`gijiroku parse --all` again: nothing changed; one source changed",
        lambda r: f"{r.parse.again:.1f} s; {r.parse.one_changed:.1f} s")
    add(f"`mkdocs build` ({'+'.join(languages)}), cold, wall (CPU)", lambda r: f"{r.build.wall:.1f} s ({r.build.cpu:.1f} s)")
    add("build peak RSS", lambda r: mb(r.build.peak_rss))
    add("build peak RSS, all its processes together", lambda r: mb(r.build.peak_tree))
    add("the same build again (parsed-YAML cache warm), wall (CPU)",
        lambda r: f"{r.warm.wall:.1f} s ({r.warm.cpu:.1f} s), peak {mb(r.warm.peak_tree)}")
    if any(r.baseline for r in rows):
        add("bare Material baseline, wall (CPU)",
            lambda r: f"{r.baseline.wall:.1f} s ({r.baseline.cpu:.1f} s)" if r.baseline else "–")
        add("baseline peak RSS", lambda r: mb(r.baseline.peak_rss) if r.baseline else "–")
        add("ratio build / baseline, wall (CPU): cold; warm",
            lambda r: f"{r.build.wall / r.baseline.wall:.2f} ({r.build.cpu / r.baseline.cpu:.2f}); "
            f"{r.warm.wall / r.baseline.wall:.2f} ({r.warm.cpu / r.baseline.cpu:.2f})" if r.baseline else "–")
    add("site size (files)", lambda r: f"{mb(r.figures.total)} ({r.figures.files:,})")
    add("site size per meeting", lambda r: f"{mb(r.figures.total / r.n)}, {r.figures.files / r.n:,.1f} files")
    for host, key, limit in HOST_LIMITS:
        add(f"meetings at which {host} is reached",
            functools.partial(lambda r, key, limit: f"~{host_limit_n(rows, r, key, limit):,}", key=key, limit=limit))
    add("largest meeting page", lambda r: kb(r.figures.largest_meeting[0]))
    add("nav links on it", lambda r: str(r.figures.nav_links))
    add("speaker pages (all languages), largest", lambda r: f"{r.figures.speaker_pages:,}, "
        f"{kb(r.figures.largest_speaker_page[0])}")
    add("largest page of any kind", lambda r: f"{kb(r.figures.largest_page[0])} `{r.figures.largest_page[1]}`")
    add(f"pages over {kb(PAGE_LIMIT)}", lambda r: f"{r.figures.pages_over_limit:,}")
    add("most nav links on any page", lambda r: f"{r.figures.most_nav_links[0]} `{r.figures.most_nav_links[1]}`")
    add("search index, every language (files)", lambda r: f"{mb(r.figures.search_bytes)} ({r.figures.search_files:,})"
        if r.figures.search_dir else "not found")
    if any(r.queries for r in rows):
        add("cold query: KB before 1st result, median / max",
            lambda r: f"{statistics.median(q.bytes for q in r.queries) / 1024:,.0f} / "
            f"{max(q.bytes for q in r.queries) / 1024:,.0f}" if r.queries else "–")
        add("cold query: ms to 1st result, median / max",
            lambda r: f"{statistics.median(q.ms for q in r.queries):,.0f} / {max(q.ms for q in r.queries):,.0f}"
            if r.queries else "–")
    if any(r.serve for r in rows):
        add("serve: rebuild after editing one YAML",
            lambda r: f"{r.serve[1]:.1f} s{'' if r.serve[2] else ' (edit NOT visible)'}" if r.serve else "–")
    return "\n".join(out)


def host_limit_n(rows: list[Row], row: Row, key: str, limit: int) -> int:
    """The number of meetings at which the site's size (``key``: "total" bytes or "files")
    reaches ``limit``: along the line through ``row`` and the previous size measured (what a
    meeting adds, and what the site has whatever its size), or, for the first size, at the
    per-meeting rate of ``row`` (all of its size counted as growing with N: a lower bound)."""
    earlier = [r for r in rows if r.n < row.n]
    value = getattr(row.figures, key)
    if earlier:
        before = earlier[-1]
        slope = (value - getattr(before.figures, key)) / (row.n - before.n)
        if slope > 0:
            return int(row.n + (limit - value) / slope)
    return int(limit / (value / row.n))


def folders_table(figures: SiteFigures) -> str:
    """Where the site's bytes and files are, by folder, largest first."""
    out = ["| folder | size | files |", "|---|---:|---:|"]
    for folder, (size, files) in sorted(figures.folders.items(), key=lambda item: -item[1][0]):
        out.append(f"| {folder} | {mb(size)} | {files:,} |")
    return "\n".join(out)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{dt.date.today().isoformat()}, {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs "
            f"({cpu}), {memory:.0f} GB RAM, Python {platform.python_version()}, load average at start {load}")


def real_site_line(work: Path, jobs: int) -> str:
    """The real minutes beside the repository (../shared/corpus/) parsed and built as a site of
    their own: its largest meeting page (a long meeting is split into parts, site/parts.py) and
    largest page, and how many pages weigh over PAGE_LIMIT."""
    if not SHARED_CORPUS.is_dir():
        return f"site of the real text: {SHARED_CORPUS} not found, skipped"
    minutes = work / "real" / "minutes"
    shutil.rmtree(work / "real", ignore_errors=True)
    for k, folder in enumerate(sorted(p for p in SHARED_CORPUS.iterdir() if p.is_dir())):
        shutil.copytree(folder, minutes / folder.name)
        series = minutes / folder.name / "series.yml"
        if not series.exists():  # a series of its own (the name-derived ones may share a code)
            series.write_text(f"slug: {folder.name}\ncode: r{chr(ord('a') + k)}\ntitle: {folder.name}\n"
                              f"organiser: {folder.name}\n", encoding="utf-8")
    parsed = parse_all(minutes, None, jobs)
    config = mirror_project(work / "real" / "project", minutes)
    built = run_build(config, work / "real" / "site")
    figures = site_figures(work / "real" / "site", site_languages(config))
    return (f"site of the real text: {SHARED_CORPUS.relative_to(ROOT.parent).as_posix()} "
            f"({parsed.summary()}): built in "
            f"{built.wall:.1f} s; largest meeting page {kb(figures.largest_meeting[0])} "
            f"({figures.largest_meeting[1]}), largest page {kb(figures.largest_page[0])} "
            f"({figures.largest_page[1]}), {figures.pages_over_limit} pages over {kb(PAGE_LIMIT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,100,1000", help="comma-separated meeting counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parse workers")
    parser.add_argument("--work", type=Path, default=Path("/tmp/gijiroku-scale"))
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--serve", default="1000",
                        help="sizes at which to time a serve rebuild (comma-separated; '' for none)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    serve_sizes = {int(s) for s in args.serve.split(",") if s}
    print(machine(), flush=True)
    for line in real_text_lines():
        print(line, flush=True)
    print(real_site_line(args.work, args.jobs), flush=True)
    rows = []
    for n in sizes:
        work = args.work / f"n{n}"
        shutil.rmtree(work, ignore_errors=True)
        make_corpus(n, args.seed, work / "corpus")
        minutes = work / "corpus" / "minutes"
        parsed = parse_corpus(minutes, args.jobs)
        print(f"N={n}: parsed {parsed.meetings} meetings in {parsed.wall:.1f} s", flush=True)
        config = mirror_project(work / "project", minutes)
        languages = site_languages(config)
        # The mirror is new, so its parsed-YAML cache (.cache/gijiroku) is empty: a cold build,
        # as from a fresh clone; the second build finds the cache the first one filled.
        built = run_build(config, work / "site")
        print(f"N={n}: built in {built.wall:.1f} s, peak {mb(built.peak_rss)} ({mb(built.peak_tree)} all processes)", flush=True)
        warm = run_build(config, work / "site-warm")
        print(f"N={n}: built again (YAML cache warm) in {warm.wall:.1f} s", flush=True)
        row = Row(n, parsed, built, site_figures(work / "site", languages), warm)
        if not args.no_baseline:
            row.baseline = baseline_build(work, minutes, languages)
            print(f"N={n}: baseline built in {row.baseline.wall:.1f} s", flush=True)
        if not args.no_browser and row.figures.search_dir:
            row.queries = browser_queries(row.figures.search_dir, work / "browser")
        if n in serve_sizes:
            row.serve = serve_rebuild(config, work / "serve-site", minutes)
            print(f"N={n}: serve rebuild {row.serve[1]:.1f} s (first build {row.serve[0]:.1f} s)", flush=True)
        rows.append(row)
        print(flush=True)
        print(table(rows, languages), flush=True)
        print(flush=True)
        print(f"N={n}: where the site's bytes and files are", flush=True)
        print(folders_table(row.figures), flush=True)
        for q in row.queries:
            print(f"  {q.query:26} {q.shown:4} shown {q.bytes / 1024:8.0f} KB {q.ms:7.0f} ms")
        print(flush=True)


if __name__ == "__main__":
    main()
