"""Every real file of ../shared/formats and ../shared/corpus parses into what a reader expects.

The expectations are computed here from the raw file, with simple rules of this test's own
(not the parser's code): the number of turns (lines that open a turn with a speaker, or the
utterance elements/records of a saved page or an API answer), that the speakers are there, that
no remark text holds page furniture, site chrome or header lines, and that the meeting's date
is one the source states. Skipped when ../shared is absent (CI has it).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from gijiroku.errors import GijirokuError
from gijiroku.parse.pipeline import parse_file
from support.paths import ROOT

SHARED = ROOT.parent / "shared"
FILES = sorted(p for folder in ("formats", "corpus") for p in (SHARED / folder).rglob("*")
               if p.is_file() and p.name != "README.md") if SHARED.is_dir() else []

# A turn in a text: a turn marker, the speaker (a name and/or role, maybe a seat number, maybe a
# name in brackets, maybe a role after them: 松井（秀）幹事), then a space or a colon before the speech. ○議事日程 (a heading) has no
# separator; ○○ is a redaction.
TURN = re.compile(r"^[ \u3000]*[○〇◯](?![○〇◯])[^\s\u3000（(]{1,25}?"
                  r"(?:[（(][^）)\n]{1,20}[）)][^\s\u3000（(：:]{0,10})?(?:[ \u3000]+|[ \u3000]*[：:])\S")
# An anonymised speaker label opening a line: （Ａ）, （JJ）, letter-spaced （ Ｅ ）.
LABEL = re.compile(r"^[ \u3000]*[（(][ \u3000]*[Ａ-ＺA-Z]{1,3}[ \u3000]*[）)]")
# What a reader supplies for a source that states no date (README: Metadata a source lacks).
SIDECAR_DATE = "2024-01-01"

JUNK = {
    "page marker": re.compile(r"【page:\d+】|<PAGE", re.I),
    "page number": re.compile(r"(?:^|\n)[ \u3000]*[-－]?[ \u3000]*[0-9０-９]{1,3}[ \u3000]*[-－]?[ \u3000]*(?:\n|$)"),
    "dashed page number": re.compile(r"(?:^|\s)[-－]\s?[0-9０-９]{1,3}\s?[-－](?:\s|$)"),
    "utterance numbering": re.compile(r"(?:^|\n)[0-9０-９]{1,4}[:：]"),
    "search term": re.compile(r"検索語"),
    "header line": re.compile(r"(?:^|\n)[ \u3000]*(?:日[ \u3000]*時|開催日時?|会議名|場[ \u3000]*所|議事次第|出席者|出席委員|出席議員)[ \u3000]*[：:]"),
    "URL alone (site chrome)": re.compile(r"(?:^|\n)[ \u3000]*https?://\S+[ \u3000]*(?:\n|$)"),
    "markup": re.compile(r"</?[a-zA-Z!][^<>\n]{0,200}>"),
}


def raw_text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        pypdf = pytest.importorskip("pypdf")
        return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    for codec in ("utf-8-sig", "cp932", "euc_jp"):
        try:
            return data.decode(codec).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise AssertionError(f"{path}: cannot decode")


def expected_turns(path: Path, text: str) -> int:
    """Turns by this test's own reading of the source."""
    if text.lstrip().startswith("{"):  # a DiscussNet minutes API answer: one record per turn
        return sum(1 for r in json.loads(text)["tenant_minutes"] if r.get("minute_type") != "名簿")
    if re.search(r"<html", text, re.I):
        voices = len(re.findall(r'class="voice__text', text))  # DB-Search: one per utterance
        anchors = len(re.findall(r'<A NAME="HUID', text, re.I))  # gijiroku.com: one per utterance
        assert voices or anchors, f"{path.name}: an HTML page of an unknown minutes system"
        return voices or anchors
    return sum(1 for line in text.split("\n") if TURN.match(line) or LABEL.match(line))


def stated_dates(text: str) -> set[str]:
    """Every date the text states (Western or era years; full-width digits folded), ISO."""
    folded = re.sub(r"[\s\u3000]+", "", unicodedata.normalize("NFKC", text))
    eras = {"令和": 2018, "平成": 1988}
    found = set()
    for era, year, month, day in re.findall(r"(令和|平成)?(\d{1,4}|元)年(\d{1,2})月(\d{1,2})日", folded):
        number = 1 if year == "元" else int(year)
        try:
            found.add(dt.date((number + eras[era]) if era else number, int(month), int(day)).isoformat())
        except ValueError:
            pass
    return found | set(re.findall(r"\d{4}-\d{2}-\d{2}", folded))


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    root = tmp_path_factory.mktemp("real")
    cache = {}

    def parse(path: Path):
        """The file's Minutes, parsed once; a GijirokuError is raised again on every call."""
        if path not in cache:
            series = root / f"{path.parent.name}-{path.stem}"
            series.mkdir()
            (series / "series.yml").write_text("slug: real\ncode: real\ntitle: t\norganiser: o\n",
                                               encoding="utf-8")
            shutil.copy(path, series / path.name)
            if not stated_dates(raw_text(path)):  # a fragment: its date lives elsewhere
                (series / f"{path.stem}.meta.yml").write_text(f"date: {SIDECAR_DATE}\n",
                                                                encoding="utf-8")
            try:
                cache[path] = parse_file(series / path.name, root)
            except GijirokuError as error:
                cache[path] = error
        if isinstance(cache[path], GijirokuError):
            raise cache[path]
        return cache[path]

    return parse


pytestmark = pytest.mark.skipif(not FILES, reason="../shared (real minutes) is absent")
IDS = [p.relative_to(SHARED).as_posix() for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_turns_as_counted_in_the_source(parsed, path):
    text = raw_text(path)
    assert len(parsed(path).remarks) == expected_turns(path, text)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_remark_has_its_speaker(parsed, path):
    # Every family here names (or labels) its speakers.
    unnamed = [r.id for r in parsed(path).remarks if not r.speaker]
    assert not unnamed


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_no_junk_in_remark_texts(parsed, path):
    found = []
    for remark in parsed(path).remarks:
        for unit in [remark, *remark.items]:
            found += [(unit.id, name, m.group(0).strip()) for name, pattern in JUNK.items()
                      for m in [pattern.search(unit.text)] if m]
    assert not found


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_the_date_is_one_the_source_states(parsed, path):
    text = raw_text(path)
    if text.lstrip().startswith("{"):  # an API answer: the records' texts, not JSON escapes
        text = "\n".join(r.get("body", "") for r in json.loads(text)["tenant_minutes"])
    date = parsed(path).meeting.date
    assert dt.date.fromisoformat(date).isoformat() == date
    stated = stated_dates(text)
    # A fragment that states no date (a gijiroku.com page) gets it from the sidecar.
    assert date in stated if stated else date == SIDECAR_DATE


@pytest.mark.parametrize("path", [p for p in FILES if not stated_dates(raw_text(p))],
                         ids=lambda p: p.relative_to(SHARED).as_posix())
def test_a_source_without_a_date_asks_for_the_sidecar(tmp_path, path):
    series = tmp_path / "fragment"
    series.mkdir()
    (series / "series.yml").write_text("slug: real\ncode: real\ntitle: t\norganiser: o\n",
                                       encoding="utf-8")
    shutil.copy(path, series / path.name)
    with pytest.raises(GijirokuError) as refused:
        parse_file(series / path.name, tmp_path)
    assert "date" in refused.value.message and f"{path.stem}.meta.yml" in refused.value.hint


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_a_wrong_parse_is_never_silent(parsed, path):
    """Turns miscounted or speakers missing: the parse fails with an error, or warns."""
    try:
        minutes = parsed(path)
    except GijirokuError:
        return  # an error names the file and line: loud
    wrong = (len(minutes.remarks) != expected_turns(path, raw_text(path))
             or any(not r.speaker for r in minutes.remarks))
    assert minutes.warnings or not wrong


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_the_title_is_a_title(parsed, path):
    """A heading, not the header run together: short, no time stamp, no attendance list."""
    title = parsed(path).meeting.title
    assert title and len(title) <= 60, title
    assert not re.search(r"開会|開議|散会|出席|説明員|[0-9０-９]+時[0-9０-９]+分", title), title
