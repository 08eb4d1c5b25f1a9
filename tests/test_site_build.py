"""The site: `mkdocs build --strict` of the real minutes and of the unsafe-text fixture, and what
the built pages and downloads contain.

Each site is built once per test process by :func:`support.site.built_site` (shared with the
other site tests and tests/browser/).
"""

from __future__ import annotations

import csv
import datetime as dt
import html as html_lib
import io
import json
import random
import re
import shutil
import zipfile

import jsonschema
import pytest
import yaml

from gijiroku.site.cite import bibtex_escape, meeting_citation
from gijiroku.site.corpus import load_corpus
from gijiroku.site.html import text_html
from gijiroku.site.i18n import load_strings
from gijiroku.site.views import OPENING_CHARS, front_matter, opening, opening_length, ref_group_label, snippet
from support.paths import ROOT
from support.site import CONFIGS, FIXTURE, LANGS, built_site, config_of, minutes_of, parse, run_build, units

# --- builds ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("name", ["real", "fixture"])
def test_strict_build_generates_every_page(name, lang):
    root = built_site(name)
    site = root / LANGS[lang]
    for page in ("index.html", "meetings/index.html", "themes/index.html", "report/index.html",
                 "glossary/index.html", "data/index.html", "search/index.html", "search/meta.json"):
        assert (site / page).is_file(), page
    # One copy of every data file, under the default language's root, for every language.
    for page in ("data/remarks.zip", "data/meetings-json.zip", "data/minutes.schema.json"):
        assert (root / page).is_file(), page
    for data in minutes_of(name):
        mid = data["meeting"]["id"]
        assert (site / f"meetings/{mid}/index.html").is_file(), mid
        for page in (f"data/meetings/{mid}.yaml", f"data/sources/{mid}.txt"):
            assert (root / page).is_file(), page
    # every meeting's JSON is in the one zip, not a file of its own
    assert [p.name for p in (root / "data").rglob("*.json")] == ["minutes.schema.json"]


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_secondary_languages_write_no_data_file(name):
    """The English site links the root's data files: its data/ holds only the Data page(s)."""
    site = built_site(name)
    for lang, prefix in LANGS.items():
        if prefix:
            written = [p.relative_to(site / prefix).as_posix() for p in (site / prefix / "data").rglob("*")
                       if p.is_file()]
            assert written and all(p.endswith("index.html") for p in written), written
            # … and its pages link the root's: the meeting page's downloads, the Data page's
            # zips.
            for data in minutes_of(name):
                mid = data["meeting"]["id"]
                up = "../" * (1 + prefix.count("/") + 1)  # meetings/<id>/ in en/
                page = (site / prefix / "meetings" / mid / "index.html").read_text(encoding="utf-8")
                for file in (f"data/meetings/{mid}.yaml", "data/meetings-json.zip", f"data/sources/{mid}.txt"):
                    assert f'href="{up}{file}"' in page, (lang, file)
            data_page = (site / prefix / "data" / "index.html").read_text(encoding="utf-8")
            assert 'href="../../data/remarks.zip"' in data_page
            assert 'href="../../data/meetings-json.zip"' in data_page


def test_no_generated_page_is_written_into_docs():
    built_site("real")
    docs = ROOT / "docs"
    for generated in ("index.md", "report.md", "glossary.md", "meetings", "themes", "data"):
        assert not (docs / generated).exists(), generated


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_every_remark_and_item_is_a_block_with_its_id_and_full_text(name):
    site = built_site(name)
    for data in minutes_of(name):
        page = parse(site / "meetings" / data["meeting"]["id"] / "index.html")
        expected = [unit["id"] for unit in units(data)]
        assert page.order == expected
        for unit in units(data):
            assert page.text_of(unit["id"]) == unit["text"], unit["id"]


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_meeting_page_shows_the_real_weekday_and_the_attendees(name):
    site = built_site(name)
    for data in minutes_of(name):
        meeting = data["meeting"]
        date = dt.date.fromisoformat(meeting["date"])
        html = (site / "meetings" / meeting["id"] / "index.html").read_text(encoding="utf-8")
        weekday = "月火水木金土日"[date.weekday()]
        assert f"{date.year}年{date.month}月{date.day}日（{weekday}）</time>" in html
        for person in meeting["attendees"]:
            assert f"<li>{person['name']}<span class=\"gj-role\">{person['role']}</span></li>" in html


# --- safety ---------------------------------------------------------------------------------

UNSAFE = [  # (text in the fixture's minutes, how the built HTML must carry it)
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("**bold**", "**bold**"),
    ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    ("| a | b |", "| a | b |"),
    ("# 行頭の見出し記号", "<p># 行頭の見出し記号</p>"),
    ("<!-- コメント開始", "&lt;!-- コメント開始"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("&amp; &lt;b&gt;", "&amp;amp; &amp;lt;b&amp;gt;"),
    ("<b>太字ではない</b>", "&lt;b&gt;太字ではない&lt;/b&gt;"),
]


@pytest.mark.parametrize(("raw", "escaped"), UNSAFE)
def test_fixture_text_renders_literally(raw, escaped):
    source = "".join(u["text"] for d in minutes_of("fixture") for u in units(d))
    assert raw in source  # the fixture really contains it
    html = (built_site("fixture") / "meetings" / "fx01" / "index.html").read_text(encoding="utf-8")
    assert escaped in html


def test_fixture_html_has_no_markup_from_the_minutes():
    site = built_site("fixture")
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html, path
        # the fixture's minutes (x) and translation (y) hold these literally, as text
        assert "onerror=alert" not in re.sub(r"&lt;img src=[xy] onerror=alert", "", html), path
        assert "javascript:" not in re.sub(r"\[[xy]\]\(javascript:alert\(\d\)\)", "", html), path
        page = parse(path)
        assert not [t for t, a in page.tags if t == "img" and a.get("src") == "x"], path
        assert page.foreign == [], path


@pytest.mark.parametrize(("lang", "summary", "kind_text"), [
    ("ja", "この会議録の解析に関する注意 (2)", "発言の中に、ページ番号やページ区切り、HTMLタグなど"),
    ("en", "Notes on how these minutes were read (2)", "Page numbers, page markers or HTML markup"),
])
def test_meeting_page_shows_its_warnings_in_a_collapsed_note(lang, summary, kind_text):
    warnings = minutes_of("fixture")[0]["warnings"]
    assert [w.get("kind") for w in warnings] == [None, "page-furniture"]  # the fixture's two
    html = (built_site("fixture") / LANGS[lang] / "meetings" / "fx01" / "index.html").read_text(
        encoding="utf-8")
    note = re.search(r'<details class="gj-parse-notes">(.*?)</details>', html, re.S)
    assert note and "<details class=\"gj-parse-notes\" open" not in html  # collapsed
    summary_html, body = note.group(1).split("</summary>")
    assert html_lib.unescape(re.sub(r"<[^>]+>", "", summary_html)) == summary
    assert kind_text in body
    # The English messages are escaped, marked as English on the Japanese page, and line-numbered.
    assert "fixture warning with &lt;i&gt;markup&lt;/i&gt;" in body and "<i>" not in body
    assert ('lang="en"' in body) == (lang == "ja")
    assert ("3行目" if lang == "ja" else "Line 3") in body


def test_a_meeting_without_warnings_has_no_note(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    data = site / "minutes" / "fx-unsafe" / "01.yaml"
    data.write_text(re.sub(r"(?ms)^warnings:\n(?:- .*?\n(?=\S))+", "warnings: []\n",
                           data.read_text(encoding="utf-8")), encoding="utf-8")
    assert "warnings: []" in data.read_text(encoding="utf-8")
    result = run_build(site / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "gj-parse-notes" not in (tmp_path / "out" / "meetings" / "fx01" / "index.html").read_text(
        encoding="utf-8")


# --- theme, report, glossary pages ----------------------------------------------------------

def marks_in(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def test_theme_pages_list_every_tagged_unit_with_its_evidence_marked():
    for name in ("real", "fixture"):
        site = built_site(name)
        tagged: dict[str, list[dict]] = {}
        for data in minutes_of(name):
            for unit in units(data):
                for tag in unit.get("themes") or []:
                    tagged.setdefault(tag["theme"], []).append((unit, tag))
        for theme, entries in tagged.items():
            page = site / "themes" / theme / "index.html"
            html = page.read_text(encoding="utf-8")
            assert parse(page).order == [unit["id"] for unit, _ in entries]
            for unit, tag in entries:
                # a listing shows the text's opening: the evidence in it is marked
                shown = opening_length(unit["text"], OPENING_CHARS["ja"])
                for evidence in tag.get("evidence") or []:
                    if evidence["start"] >= shown:
                        continue
                    # the surface as written is marked (育っ for the term 育つ)
                    surface = html_lib.escape(unit["text"][evidence["start"]:min(evidence["end"], shown)],
                                              quote=False)
                    assert surface in marks_in(html) or any(
                        surface in m for m in marks_in(html)), (theme, evidence)


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_theme_pages_show_each_remarks_opening_and_link_its_whole_text(name):
    site = built_site(name)
    checked = 0
    for data in minutes_of(name):
        mid = data["meeting"]["id"]
        for unit in units(data):
            for tag in unit.get("themes") or []:
                html = "".join(p.read_text(encoding="utf-8") for p in sorted(
                    (site / "themes" / tag["theme"]).rglob("index.html")))
                entry = re.search(rf'<article class="gj-remark gj-entry" id="{unit["id"]}">(.*?)</article>', html, re.S)
                shown = re.search(r'<div class="gj-text">(.*?)</div>', entry.group(1), re.S).group(1)
                assert re.sub(r"</?mark>", "", shown) == text_html(opening(unit["text"], OPENING_CHARS["ja"]))
                assert f'href="../../meetings/{mid}/#{unit["id"]}"' in entry.group(1)
                checked += 1
    assert checked


@pytest.mark.parametrize(("lang", "series_title", "how"), [
    ("ja", "スマートかつ強靱な地域経済社会の実現に向けた研究会", "テーマの判定方法"),
    ("en", "Study Group on Realising a Smart and Resilient Regional Economy and Society",
     "How themes are assigned"),
])
def test_theme_pages_state_their_series_and_link_how_themes_are_assigned(lang, series_title, how):
    for theme in ("dx", "decentralization"):
        page = built_site("real") / LANGS[lang] / "themes" / theme / "index.html"
        html = page.read_text(encoding="utf-8")
        scope = re.search(r'<p class="gj-theme-scope">(.*?)</p>', html).group(1)
        assert series_title in scope
        assert f'<a href="../../theme-rules/">{how}</a>' in scope
        assert (page.parent.parent.parent / "theme-rules" / "index.html").is_file()


@pytest.mark.parametrize(("lang", "judged", "search"), [
    ("ja", "テーマは語の一致ではなく、発言の内容から判定しています。", "このテーマの発言を検索"),
    ("en", "Themes are judged from what a remark is about, not matched on words", "Search the remarks of this theme"),
])
def test_theme_pages_explain_judged_themes_and_link_the_filtered_search(lang, judged, search):
    for theme in ("dx", "decentralization"):
        page = built_site("real") / LANGS[lang] / "themes" / theme / "index.html"
        note = re.search(r'<p class="gj-theme-judged">(.*?)</p>', page.read_text(encoding="utf-8")).group(1)
        assert judged in note
        assert f'<a href="../../search/?theme={theme}">{search}</a>' in note
        assert (page.parent.parent.parent / "search" / "index.html").is_file()


def test_fixture_report_groups_refs_by_page_and_chapter():
    html = (built_site("fixture") / "report" / "index.html").read_text(encoding="utf-8")
    assert '<h3 id="page-5">p.5</h3>' in html
    assert '<h3 id="chapter-4">第4章「地域の持続的な発展」</h3>' in html
    assert '<h3 id="summary">概要（一枚紙）</h3>' in html
    assert html.count('href="../meetings/fx01/#fx01-03"') >= 2
    assert "<mark>５ページ</mark>" in html and "<mark>最後の一枚紙</mark>" in html


def test_fixture_glossary_lists_terms_with_their_remarks():
    html = (built_site("fixture") / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "<h3>「寛容性」</h3>" in html and "<h3>「分散型」</h3>" in html
    assert 'href="../meetings/fx01/#fx01-03-2"' in html
    assert "<mark>寛容性</mark>" in html


# --- data -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["real", "fixture"])
def test_downloads_match_the_committed_data(name):
    site = built_site(name)
    site_url = config_of(name).get("site_url")
    schema = json.loads((site / "data" / "minutes.schema.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(site / "data" / "remarks.zip") as archive:
        assert archive.namelist() == ["remarks.csv"]
        rows = list(csv.DictReader(io.StringIO(archive.read("remarks.csv").decode("utf-8-sig"))))
    with zipfile.ZipFile(site / "data" / "meetings-json.zip") as archive:
        meetings_json = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    # one JSON per meeting, in the site's order (by date, then ID)
    assert list(meetings_json) == [f"meetings/{d['meeting']['id']}.json" for d in sorted(
        minutes_of(name), key=lambda d: (d["meeting"]["date"], d["meeting"]["id"]))]
    expected_rows = []
    root = CONFIGS[name].parent / "minutes"
    # in the site's order: by date, then ID (not by folder)
    for data in sorted(minutes_of(name), key=lambda d: (d["meeting"]["date"], d["meeting"]["id"])):
        meeting = data["meeting"]
        mid = meeting["id"]
        yaml_path = root / f"{meeting['source']['file'].rsplit('.', 1)[0]}.yaml"
        assert (site / "data" / "meetings" / f"{mid}.yaml").read_bytes() == yaml_path.read_bytes()
        as_json = json.loads(meetings_json[f"meetings/{mid}.json"])
        assert as_json == data
        if name == "real":  # the fixture is hand-made and need not follow every schema rule
            jsonschema.validate(as_json, schema)
        source = root / meeting["source"]["file"]
        assert (site / "data" / "sources" / f"{mid}.txt").read_bytes() == source.read_bytes()
        for unit in units(data):
            expected_rows.append({
                "id": unit["id"], "meeting": mid, "date": meeting["date"], "page": str(unit["page"]),
                "themes": ";".join(t["theme"] for t in unit.get("themes") or []),
                "text": unit["text"], "url": f"{site_url or '../'}meetings/{mid}/#{unit['id']}",
            })
    assert [{k: row[k] for k in expected_rows[0]} for row in rows] == expected_rows


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_series_csvs_together_are_the_whole_csv(name):
    """The CSV is split by series, each in a zip of its own; the whole zip holds all of it: the
    same header, the same rows."""
    data = built_site(name) / "data"
    with zipfile.ZipFile(data / "remarks.zip") as archive:
        whole = csv_rows(archive.read("remarks.csv").decode("utf-8-sig"))
    folders = {p.parent.name for p in (CONFIGS[name].parent / "minutes").glob("*/*.yaml")}
    assert not list(data.glob("*.csv"))
    files = sorted(data.glob("remarks-*.zip"))
    assert [p.name for p in files] == sorted(f"remarks-{folder}.zip" for folder in folders)
    parts = []
    for file in files:
        with zipfile.ZipFile(file) as archive:
            assert archive.namelist() == [file.stem + ".csv"]
            parts.append(csv_rows(archive.read(file.stem + ".csv").decode("utf-8-sig")))
    assert all(part[0] == whole[0] for part in parts) and len(whole) > 1
    assert sorted(row for part in parts for row in part[1:]) == sorted(whole[1:])
    data_page = (data / "index.html").read_text(encoding="utf-8")
    for part in files:
        assert f'href="{part.name}"' in data_page


def test_home_links_the_data_schema_and_every_theme():
    site = built_site("real")
    html = (site / "index.html").read_text(encoding="utf-8")
    for href in ('href="data/remarks.zip"', 'href="data/minutes.schema.json"', 'href="data/"',
                 'href="report/"', 'href="glossary/"'):
        assert href in html
    lexicon = yaml.safe_load((ROOT / "gijiroku" / "data" / "themes.yml").read_text(encoding="utf-8"))
    for theme in lexicon["themes"]:
        assert f'href="themes/{theme["id"]}/"' in html


def test_navigation_does_not_list_meetings():
    site = built_site("real")
    html = (site / "meetings" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):html.index("</nav>", html.index('md-nav--primary'))]
    for data in minutes_of("real"):
        assert f"{data['meeting']['id']}/" not in nav


def test_a_broken_yaml_fails_the_build_with_a_clear_message(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "site")
    broken = tmp_path / "site" / "minutes" / "fx-unsafe" / "01.yaml"
    broken.write_text("meeting: [unclosed\n", encoding="utf-8")
    result = run_build(tmp_path / "site" / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert "01.yaml" in result.stderr and "invalid YAML" in result.stderr
    assert "Traceback" not in result.stderr


# --- pure rendering functions ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "spans", "expected"), [
    ("abc", [], "<p>abc</p>"),
    ("a<b>&c", [], "<p>a&lt;b&gt;&amp;c</p>"),
    ("one\ntwo", [], "<p>one</p><p>two</p>"),
    ("地域金融機関", [(2, 6)], "<p>地域<mark>金融機関</mark></p>"),
    ("abcdef", [(1, 3), (2, 5)], "<p>a<mark>bcde</mark>f</p>"),
    ("ab\ncd", [(1, 4)], "<p>a<mark>b</mark></p><p><mark>c</mark>d</p>"),
    ("abc", [(2, 99)], "<p>ab<mark>c</mark></p>"),
    ("abcdef", [(1, 3), (3, 5)], "<p>a<mark>bcde</mark>f</p>"),       # touching spans: one mark
    ("abcd", [(3, 4), (0, 1)], "<p><mark>a</mark>bc<mark>d</mark></p>"),  # in any order
    ("abc", [(2, 2), (5, 9), (-3, 1), (2, 1)], "<p><mark>a</mark>bc</p>"),  # empty, outside
    ("a\n\nb", [(0, 4)], "<p><mark>a</mark></p><p></p><p><mark>b</mark></p>"),  # no empty mark
    ("a\nb", [(1, 2)], "<p>a</p><p>b</p>"),                          # only the break marked
    ("", [(0, 1)], "<p></p>"),
    ("<&>\"'", [(1, 2)], "<p>&lt;<mark>&amp;</mark>&gt;&quot;&#x27;</p>"),
])
def test_text_html(text, spans, expected):
    assert text_html(text, spans) == expected


def text_html_by_character(text: str, spans: list[tuple[int, int]]) -> str:
    """What text_html means, character by character: a character is marked when a span covers
    it; marks close at paragraph breaks."""
    out, open_mark = ["<p>"], False
    for index, char in enumerate(text):
        marked = char != "\n" and any(start <= index < end for start, end in spans)
        if open_mark and not marked:
            out.append("</mark>")
        if marked and not open_mark:
            out.append("<mark>")
        open_mark = marked
        out.append("</p><p>" if char == "\n" else html_lib.escape(char))
    return "".join(out) + ("</mark>" if open_mark else "") + "</p>"


@pytest.mark.parametrize("seed", range(20))
def test_text_html_marks_exactly_the_characters_the_spans_cover(seed):
    rng = random.Random(seed)
    for _ in range(50):
        text = "".join(rng.choice("ab日\n<&\"'") for _ in range(rng.randrange(12)))
        spans = [(rng.randrange(-2, len(text) + 3), rng.randrange(-2, len(text) + 3))
                 for _ in range(rng.randrange(4))]
        assert text_html(text, spans) == text_html_by_character(text, spans), (text, spans)


@pytest.mark.parametrize("title", ["議事要旨", "a: b", "#1 x", "'quoted' \"too\"", "null", "123",
                                   "<b>&</b>", " lead", "- item", "x" * 70 + " y" * 30, "改\n行"])
def test_front_matter_is_the_yaml_of_title_and_hide(title):
    front = yaml.safe_dump({"title": html_lib.escape(title), "hide": ["toc"]}, allow_unicode=True)
    assert front_matter(title) == f"---\n{front}---\n\n"


@pytest.mark.parametrize(("lang", "kind", "numbers", "expected"), [
    ("ja", "page", (5,), "p.5"),
    ("ja", "page", (5, 6), "p.5–6"),
    ("ja", "chapter", (4,), "第4章"),
    ("ja", "chapter", (5, 6), "第5章・第6章"),
    ("ja", "summary", (), "概要（一枚紙）"),
    ("ja", "toc", (), "目次"),
    ("en", "page", (5, 6), "p.5–6"),
    ("en", "chapter", (5, 6), "Chapter 5, Chapter 6"),
    ("en", "summary", (), "Summary (one-page overview)"),
    ("en", "other", (), "other"),
])
def test_ref_group_label(lang, kind, numbers, expected):
    assert ref_group_label(load_strings(lang), kind, numbers) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("研究会", "研究会"),
    ("50% & $1_a#", r"50\% \& \$1\_a\#"),
    ("{x}\\", r"\textbraceleft{}x\textbraceright{}\textbackslash{}"),
    ("^~\\{}", r"\^{}\~{}\textbackslash{}\textbraceleft{}\textbraceright{}"),
])
def test_bibtex_escape(text, expected):
    assert bibtex_escape(text) == expected


@pytest.mark.parametrize(("text", "start", "end", "width", "expected"), [
    ("abcdefghij", 4, 6, 2, ("…cdefgh…", [(3, 5)])),
    ("abcdefghij", 0, 2, 2, ("abcd…", [(0, 2)])),
    ("abc", 1, 2, 5, ("abc", [(1, 2)])),
])
def test_snippet(text, start, end, width, expected):
    assert snippet(text, start, end, width) == expected


def test_fixture_citations():
    """cite.py, the reference of the browser's citations (tests/test_cite_js.py), on the fixture's
    unsafe title; the page itself carries only the permalink and the facts the browser needs."""
    doc = load_corpus(FIXTURE / "minutes").meetings[0]
    unit = next(u for u in doc.units() if u.id == "fx01-03-2")
    url = "https://example.org/fixture/meetings/fx01/#fx01-03-2"
    cited = meeting_citation(doc, "ja").cite(unit, url)
    assert cited.ja == ("テスト省「安全な出力を確かめる研究会（第１回）議事要旨」"
                        f"2021年6月1日、p.1、発言3-2（fx01-03-2）、{url}")
    assert cited.en == ('Ministry of Tests, "Study Group for Checking Safe Output (1st meeting) <b>&</b>, '
                        'summary of proceedings" (「安全な出力を確かめる研究会（第１回）議事要旨」, in Japanese), '
                        f"1 June 2021, p. 1, remark 3, item 2 (fx01-03-2). {url}")
    assert cited.bibtex.startswith("@misc{fx01-03-2,\n  author = {{テスト省}},")
    assert cited.bibtex.endswith(f"  url = {{{url}}}\n}}")
    csl = json.loads(cited.csl_json)
    assert csl["URL"] == url and csl["issued"] == {"date-parts": [[2021, 6, 1]]}
    assert csl["author"] == [{"literal": "テスト省"}] and csl["page"] == "1"
    html = (built_site("fixture") / "meetings" / "fx01" / "index.html").read_text(encoding="utf-8")
    # the permalink's text is its link, the anchor (copy.js makes it the absolute address)
    assert '<a href="#fx01-03-2">#fx01-03-2</a>' in html
    data = html[html.index('<script type="application/json" id="gj-cite-data">'):]
    data = data[data.index(">") + 1:data.index("</script>")]
    assert "<" not in data  # the unsafe title cannot close the script
    assert json.loads(data)["facts"]["title_en"] == "Study Group for Checking Safe Output (1st meeting) <b>&</b>"
