"""The test sites: `mkdocs build --strict` of the real project (mkdocs.yml) and of the
unsafe-text fixture (tests/fixtures/site), each built once per test process by :func:`built_site`,
the minutes behind them, and readers of the built pages and search index.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import bench
import yaml

from support.paths import FIXTURES, ROOT

# A real series whose members speak across meetings (../shared/corpus, README there): tests
# that build it skip when it is absent.
SHARED_SERIES = ROOT.parent / "shared" / "corpus" / "moj-shoho-funani"

FIXTURE = FIXTURES / "site"
CONFIGS = {"real": ROOT / "mkdocs.yml", "fixture": FIXTURE / "mkdocs.yml"}
# Each site's languages: the folder of each language's pages inside the built site. One build
# of CONFIGS[name] makes both (the English config is built into en/ by the Japanese build).
LANGS = {"ja": "", "en": "en/"}


def build_env(site_url: str | None = None) -> dict[str, str]:
    """The environment of a test build: SITE_URL is ``site_url`` (unset by default, whatever
    the shell running the tests has), so a test knows the address it builds for."""
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if site_url:
        env["SITE_URL"] = site_url
    return env


def run_build(config: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of ``config`` into ``site_dir``, with SITE_URL ``site_url``."""
    env = build_env(site_url)
    # No -q: it would lower the log level to ERROR, and --strict would never see a warning.
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                           "-f", str(config), "-d", str(site_dir)],
                          capture_output=True, text=True, env=env, cwd=config.parent)


def parse_and_build(work: Path) -> Path:
    """`gijiroku parse --all` of ``work``/minutes, then the strict build of ``work``/mkdocs.yml
    into ``work``/site, which it returns."""
    parsed = subprocess.run([sys.executable, "-m", "gijiroku", "parse", "--all", "--root",
                             str(work / "minutes")], capture_output=True, text=True)
    assert parsed.returncode == 0, parsed.stderr
    result = run_build(work / "mkdocs.yml", work / "site")
    assert result.returncode == 0, result.stderr
    return work / "site"


@functools.cache
def built_site(name: str) -> Path:
    """Build site ``name`` ("real" or "fixture") once per process into a temporary folder."""
    site_dir = Path(tempfile.mkdtemp(prefix=f"gijiroku-site-{name}-"))
    atexit.register(shutil.rmtree, site_dir, ignore_errors=True)
    result = run_build(CONFIGS[name], site_dir)
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed for {name}:\n{result.stderr}")
    return site_dir


def config_of(name: str) -> dict:
    """Site ``name``'s mkdocs.yml as its :func:`built_site` build reads it (SITE_URL unset)."""
    with mock.patch.dict(os.environ, build_env()):
        return bench.config_data(CONFIGS[name])


def mount_of(name: str) -> str:
    """The path site ``name`` is built to be served at: its ``site_url``'s path, or / without
    one."""
    return urlsplit(config_of(name).get("site_url") or "/").path


def minutes_of(name: str) -> list[dict]:
    config = config_of(name)
    options = next(p["gijiroku"] for p in config["plugins"] if isinstance(p, dict) and "gijiroku" in p)
    root = CONFIGS[name].parent / options.get("minutes_dir", "minutes")
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(root.glob("*/*.yaml"))]


def meeting_data(name: str, meeting_id: str) -> dict:
    """One meeting of site ``name`` by its ID: tests about the seed's translated meeting (sr06)
    must not pick whichever meeting minutes/ happens to list first."""
    return next(d for d in minutes_of(name) if d["meeting"]["id"] == meeting_id)


def units(data: dict):
    for remark in data["remarks"]:
        yield remark
        yield from remark.get("items") or []


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class UnitTexts(HTMLParser):
    """Per remark/item block (``.gj-remark``/``.gj-item`` with an id): the text of its own
    ``.gj-text`` with paragraphs joined by newline; also the block ids in document order and
    every start tag of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.order: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.tags: list[tuple[str, dict]] = []
        self.foreign: list[str] = []  # tags other than p and mark inside a .gj-text
        self._stack: list[tuple[str, str | None, bool]] = []  # (tag, owner id, inside .gj-text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        owner, in_text = self._stack[-1][1:] if self._stack else (None, False)
        if in_text and tag not in ("p", "mark"):
            self.foreign.append(tag)
        if tag in VOID:
            return
        classes = (attrs.get("class") or "").split()
        if {"gj-remark", "gj-item"} & set(classes) and attrs.get("id"):
            owner, in_text = attrs["id"], False
            self.order.append(owner)
            self.texts[owner] = []
        if "gj-text" in classes and owner:
            in_text = True
        if tag == "p" and in_text:
            self.texts[owner].append("")
        self._stack.append((tag, owner, in_text))

    def handle_endtag(self, tag):
        if any(open_tag == tag for open_tag, _, _ in self._stack):
            while self._stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if self._stack and self._stack[-1][2]:
            self.texts[self._stack[-1][1]][-1] += data

    def text_of(self, element_id: str) -> str:
        return "\n".join(self.texts[element_id])


def parse(path: Path) -> UnitTexts:
    parser = UnitTexts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def index_of(site: Path, lang: str = "") -> dict[str, str]:
    """The search index a build wrote for language folder ``lang``: file path -> text."""
    root = site / lang / "search"
    files = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*.json")}
    # A secondary language's index reads the default one's units, dates and speakers files
    # (meta.json units_at).
    units_at = json.loads(files["meta.json"])["units_at"]
    if units_at:
        shared = [*(root / units_at / "units").glob("*.json"), *(root / units_at).glob("[ds]*.json")]
        files |= {units_at + p.relative_to(root / units_at).as_posix(): p.read_text(encoding="utf-8")
                  for p in shared}
    return files


# A site whose minutes name their speakers (issue 7), from a parser golden fixture.
COUNCIL = FIXTURES / "parse" / "named-council"


@functools.cache
def speaker_site() -> Path:
    """The fixture site's config and docs with one named-speaker meeting as its minutes."""
    work = Path(tempfile.mkdtemp(prefix="gijiroku-speakers-"))
    for name in ("mkdocs.yml", "mkdocs.en.yml", "docs"):
        source = FIXTURE / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
    series = work / "minutes" / "fixtures"
    series.mkdir(parents=True)
    shutil.copy(FIXTURES / "parse" / "series.yml", series)
    shutil.copy(COUNCIL.with_suffix(".txt"), series / "01.txt")
    return parse_and_build(work)


# Two more meetings for the fixture series (a series page with members whose roles change,
# feeds with several entries), laid out as pdftotext writes them. The texts hold what a feed
# must keep as text: markup and a CDATA end.
MORE_MEETINGS = {
    "02": ("２", "2021年７月６日（火）", "山田座長、佐藤委員",
           ["<script>alert(2)</script>と]]>を含む発言。ＤＸの推進と人材の育成。",
            "地域金融機関とＤＸについて。"]),
    "03": ("３", "2021年９月７日（火）", "佐藤座長、山田委員", ["大学の役割とＤＸ。"]),
}


def meeting_text(number: str, date: str, attendees: str, remarks: list[str]) -> str:
    lines = [f" 安全な出力を確かめる研究会（第{number}回）", "議事要旨", f"日時：{date}10時00分～12時00分",
             "場所：web会議", "参加委員", attendees, "議事要旨", *("○" + r for r in remarks), "以上"]
    return "".join(line + " \n\n" for line in lines)


SERIES_URL = "https://example.org/council/?a=1&b=2"  # its & must be escaped in the page


def series_site_files(site_url: str | None) -> Path:
    """A copy of the fixture site with two more meetings of its series (fx02, fx03) parsed
    into its minutes, the series' official ``url`` set, two entries a listing page, and
    ``site_url`` as given (None: no site_url)."""
    work = Path(tempfile.mkdtemp(prefix="gijiroku-series-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    for name in ("mkdocs.yml", "mkdocs.en.yml", "docs", "minutes"):
        source = FIXTURE / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
    config = (work / "mkdocs.yml").read_text(encoding="utf-8")
    # Two entries a page: the series page (three meetings) has a second page.
    config = config.replace("      minutes_dir: minutes\n", "      minutes_dir: minutes\n      page_size: 2\n")
    if site_url != "https://example.org/fixture/":
        line = f"site_url: {site_url}\n" if site_url else ""
        config = config.replace("site_url: https://example.org/fixture/\n", line)
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    series = work / "minutes" / "fx-unsafe"
    with (series / "series.yml").open("a", encoding="utf-8") as out:
        out.write(f'url: "{SERIES_URL}"\n')
    for name, meeting in MORE_MEETINGS.items():
        (series / f"{name}.txt").write_text(meeting_text(*meeting), encoding="utf-8")
        parsed = subprocess.run([sys.executable, "-m", "gijiroku", "parse", str(series / f"{name}.txt"),
                                 "-o", str(series / f"{name}.yaml")], capture_output=True, text=True)
        assert parsed.returncode == 0, parsed.stderr
    return work


@functools.cache
def series_site(site_url: str | None = "https://example.org/fixture/") -> Path:
    """The built three-meeting fixture site (:func:`series_site_files`), once per process."""
    work = series_site_files(site_url)
    result = run_build(work / "mkdocs.yml", work / "site")
    assert result.returncode == 0, result.stderr
    return work / "site"


@functools.cache
def shared_series_site() -> Path:
    """The fixture site's config with the real series :data:`SHARED_SERIES` (copied into a
    temporary folder, parsed, built): named speakers across seven meetings."""
    work = Path(tempfile.mkdtemp(prefix="gijiroku-shared-series-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    for name in ("mkdocs.yml", "mkdocs.en.yml", "docs"):
        source = FIXTURE / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
    series = work / "minutes" / SHARED_SERIES.name
    shutil.copytree(SHARED_SERIES, series)
    (series / "series.yml").write_text(
        f"slug: {SHARED_SERIES.name}\ncode: fn\ntitle: 法制審議会商法（船荷証券等関係）部会\norganiser: 法務省\n",
        encoding="utf-8")
    return parse_and_build(work)


# A meeting title that tries to end the JSON-LD <script> of the head and run its own.
HOSTILE_TITLE = '会議</script><script>window.gjLdRan = 1</script><!--'


# An image every page's link preview shows (plugin option share_image): Material's icon.
SHARE_IMAGE = "assets/images/favicon.png"


def fixture_variant(prefix: str, *, site_url: bool = True, share_pages: bool = False,
                    title: str | None = None) -> Path:
    """A copy of the fixture site built with other options: without ``site_url``, with the
    plugin's ``share_pages`` on, with its meeting's ``title`` replaced; always with
    ``share_image`` :data:`SHARE_IMAGE`. Returns its work folder (the built site is ``site/``
    in it)."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    for name in ("mkdocs.yml", "mkdocs.en.yml", "docs", "minutes"):
        source = FIXTURE / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
    config = (work / "mkdocs.yml").read_text(encoding="utf-8")
    if not site_url:
        config = "\n".join(line for line in config.splitlines() if not line.startswith("site_url:"))
    options = f"      share_image: {SHARE_IMAGE}\n" + ("      share_pages: true\n" if share_pages else "")
    config = config.replace("      minutes_dir: minutes\n", "      minutes_dir: minutes\n" + options)
    assert "share_image" in config
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    if title is not None:
        for path in (work / "minutes").glob("*/*.yaml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["meeting"]["title"] = title
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_build(work / "mkdocs.yml", work / "site")
    assert result.returncode == 0, result.stderr
    return work


@functools.cache
def share_site() -> Path:
    """The fixture site with share pages on and a meeting title that tries to break out of
    the head's JSON-LD script (:data:`HOSTILE_TITLE`)."""
    return fixture_variant("gijiroku-share-", share_pages=True, title=HOSTILE_TITLE) / "site"


@functools.cache
def unaddressed_site() -> Path:
    """The fixture site built without ``site_url``."""
    return fixture_variant("gijiroku-no-url-", site_url=False) / "site"


# A named-speaker series of two meetings (議事録), written for the speaker pages' tests: who
# speaks where is known by hand. 藤田部会長 speaks three times (two pages at page size 2), then
# once as 藤田委員 (another role: another page),
# 後藤さちこ議員 once letter-spaced and once not (one page), （Ａ委員） is an anonymised label,
# ○○委員 and 某委員 placeholders for a name and 事務局 an office (no page for any of them).
NAMED_MEETINGS = {
    "01": ("１", "2022年４月27日（水）", ["藤田部会長　開会いたします。", "後　藤　さちこ議員　　ＤＸの推進について意見を述べます。",
                                    "（Ａ委員）地域金融について一言。", "事務局　資料を説明します。",
                                    "藤田部会長　ほかに御意見はありますか。"]),
    "02": ("２", "2022年６月15日（水）", ["藤田部会長　第２回を始めます。", "後藤さちこ議員　人材の育成が重要です。",
                                    "○○委員　伏せられた名前の発言です。", "某委員　これも名前のない発言です。"]),
    "03": ("３", "2022年７月20日（水）", ["後藤さちこ議員　第３回の議事を進めます。", "藤田委員　委員として発言します。"]),
}


def named_meeting_text(number: str, date: str, turns: list[str]) -> str:
    lines = [f" 名前のある発言者の部会（第{number}回）", "議事録", f"日時：{date}10時00分～12時00分",
             "場所：web会議", "議事", *("○" + turn for turn in turns), "以上"]
    return "".join(line + " \n\n" for line in lines)


@functools.cache
def named_series_site() -> Path:
    """The fixture site with a second series, fx-named (:data:`NAMED_MEETINGS`, parsed), two
    entries a listing page; built once per process."""
    work = series_site_files(None)
    series = work / "minutes" / "fx-named"
    series.mkdir()
    (series / "series.yml").write_text("slug: fx-named\ncode: fn\ntitle: 名前のある発言者の部会\n"
                                       "title_en: Named Speakers Committee\norganiser: テスト省\n",
                                       encoding="utf-8")
    for name, meeting in NAMED_MEETINGS.items():
        (series / f"{name}.txt").write_text(named_meeting_text(*meeting), encoding="utf-8")
    return parse_and_build(work)


# A meeting long enough to be split into parts at the default part_kb (120; site/parts.py):
# 60 remarks of about 1,650 characters (≈ 5 KB each in UTF-8, with markup ≈ 360 KB estimated:
# three parts), every tenth with two items, translated into English in full
# (write_long_translation). Each remark says its number, so no two texts are alike.
LONG_REMARKS = 60
LONG_SENTENCE = "地域経済のＤＸと人材の育成について、現場の声を踏まえて意見を述べる。"


def long_meeting_text() -> str:
    lines = [" 長い会議の研究会（第１回）", "議事要旨", "日時：2022年５月10日（火）10時00分～12時00分",
             "場所：web会議", "議事要旨"]
    for k in range(1, LONG_REMARKS + 1):
        lines.append(f"○第{k}の発言。" + LONG_SENTENCE * 50)
        if k % 10 == 0:
            lines += [f"・第{k}の発言の一点目の補足。", f"・第{k}の発言の二点目の補足。"]
    lines.append("以上")
    return "".join(line + " \n\n" for line in lines)


@functools.cache
def long_meeting_site(site_url: bool = True) -> Path:
    """The fixture site (with its site_url, or ``site_url`` False: without one) with a second
    series, fx-long, whose one meeting (fl01, :func:`long_meeting_text`) is split into parts;
    built once per process."""
    work = Path(tempfile.mkdtemp(prefix="gijiroku-long-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    for name in ("mkdocs.yml", "mkdocs.en.yml", "docs", "minutes"):
        source = FIXTURE / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
    if not site_url:
        config = (work / "mkdocs.yml").read_text(encoding="utf-8")
        (work / "mkdocs.yml").write_text("\n".join(line for line in config.splitlines()
                                                   if not line.startswith("site_url:")), encoding="utf-8")
    series = work / "minutes" / "fx-long"
    series.mkdir()
    (series / "series.yml").write_text("slug: fx-long\ncode: fl\ntitle: 長い会議の研究会\n"
                                       "title_en: Long Meetings Study Group\norganiser: テスト省\n",
                                       encoding="utf-8")
    (series / "01.txt").write_text(long_meeting_text(), encoding="utf-8")
    parsed = subprocess.run([sys.executable, "-m", "gijiroku", "parse", "--all", "--root",
                             str(work / "minutes")], capture_output=True, text=True)
    assert parsed.returncode == 0, parsed.stderr
    write_long_translation(series)
    result = run_build(work / "mkdocs.yml", work / "site")
    assert result.returncode == 0, result.stderr
    return work / "site"


# The English of LONG_SENTENCE: four bytes of English for each character of Japanese, more
# than most translations take, so the English parts are as heavy as they can reasonably get.
LONG_SENTENCE_EN = ("I will give my views on the DX of the regional economy and the development "
                    "of human resources, based on the voices from the field. ")


def write_long_translation(series: Path) -> None:
    """A full English translation (01.en.yml) of the parsed long meeting in ``series``: the
    split must not change (it is decided from the Japanese text only)."""
    data = yaml.safe_load((series / "01.yaml").read_text(encoding="utf-8"))
    remarks = {}
    for unit in units(data):
        text = f"Remark {unit['id']}. " + (LONG_SENTENCE_EN * 50 if unit["id"].count("-") == 1 else "")
        remarks[unit["id"]] = {"status": "unofficial", "source_hash": unit["hash"], "text": text}
    translation = {"language": "en", "meeting": {"title": "Long Meetings Study Group (1st meeting)"},
                   "remarks": remarks}
    (series / "01.en.yml").write_text(yaml.safe_dump(translation, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
