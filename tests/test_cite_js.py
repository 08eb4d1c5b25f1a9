"""Runs tests/js/cite.test.mjs (node --test): the browser's citations (assets/cite.js) must be
exactly what gijiroku/site/cite.py writes, the reference, for the same unit.

The vectors are made here: every unit of the bundled and the fixture minutes, and meetings whose
titles and names carry what BibTeX and JSON must escape, in both page languages, translated or
not, with and without an official source. Each vector holds what the browser gets (the page's
data: browser_facts() and browser_units()) and what cite.py writes.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gijiroku.series import Series
from gijiroku.site.cite import browser_facts, browser_units, meeting_citation
from gijiroku.site.corpus import MeetingDoc, load_corpus
from support.paths import FIXTURES, MINUTES, ROOT

NODE = shutil.which("node")
URL = "https://example.org/gijiroku/meetings/x/"
SOURCE = "https://www.meti.go.jp/shingikai/x/pdf/006_g%C3%BCi_a&b~c#p=2"
# Titles and names that break BibTeX or JSON if escaped carelessly (as tests/test_data_readers.py's).
ODD_TITLES = ["研究会{第１回", "}{", "\\", "50% & $1_a#^~", "@misc{evil, title={x}}", 'say "hi", {ok}}',
              "tab\there\nline", "\u2028\u00e9\U0001f600"]


def odd_doc(doc: MeetingDoc, title: str) -> MeetingDoc:
    data = copy.deepcopy(doc.data)
    data["meeting"]["title"] = title
    series = Series(slug="s", code="sr", title=title, organiser=title, title_en=title, organiser_en=title)
    return MeetingDoc(series=series, data=data, yaml_path=doc.yaml_path, source_path=doc.source_path)


def with_source(doc: MeetingDoc) -> MeetingDoc:
    """``doc`` with an official source URL, in its data and in its model (set after the model
    is made, so this works whether or not the model reads the field yet)."""
    sourced = MeetingDoc(series=doc.series, data=copy.deepcopy(doc.data), yaml_path=doc.yaml_path,
                         source_path=doc.source_path, translations=doc.translations)
    sourced.data["meeting"]["source_url"] = SOURCE
    sourced.minutes.meeting.source_url = SOURCE
    return sourced


def vectors() -> list[dict]:
    seed = load_corpus(MINUTES).meetings
    fixture = load_corpus(FIXTURES / "site" / "minutes").meetings
    docs = [*seed, *fixture, with_source(seed[0]), *(odd_doc(seed[0], title) for title in ODD_TITLES)]
    out = []
    for doc in docs:
        facts, rows = browser_facts(doc), browser_units(doc)
        for language, translated in (("ja", False), ("en", False), ("en", True)):
            reference = meeting_citation(doc, language)
            for unit in doc.units():
                url = f"{URL}#{unit.id}"
                cited = reference.cite(unit, url, translated)
                out.append({"units": rows, "facts": facts, "language": language, "translated": translated,
                            "unit": {"id": unit.id, "label": unit.label, "page": unit.page}, "url": url,
                            "expected": {"ja": cited.ja, "en": cited.en, "bib": cited.bibtex,
                                         "csl": cited.csl_json}})
    return out


@pytest.mark.parametrize("meeting, expected", [
    # the seed (read by hand in minutes/meti-smart-resilient/06.yaml): remark 4 has six items,
    # the second of them on page 2
    ("sr06", [["sr06-03", "3", 1], ["sr06-04", "4", 1], ["sr06-04-1", "4-1", 1], ["sr06-04-2", "4-2", 2],
              ["sr06-04-3", "4-3", 2], ["sr06-04-4", "4-4", 2], ["sr06-04-5", "4-5", 2],
              ["sr06-04-6", "4-6", 2], ["sr06-05", "5", 2]]),
])
def test_browser_units_label_items_after_their_remark(meeting, expected):
    doc = next(d for d in load_corpus(MINUTES).meetings if d.id == meeting)
    rows = browser_units(doc)
    start = rows.index(expected[0])
    assert rows[start:start + len(expected)] == expected
    assert [row[0] for row in rows] == [unit.id for unit in doc.units()]


def test_vectors_cover_what_must_be_escaped():
    expected = [v["expected"] for v in vectors()]
    assert any("\\textbraceleft{}" in e["bib"] for e in expected)
    assert any('\\"hi\\"' in e["csl"] for e in expected)
    assert any("tab\\there\\nline" in e["csl"] for e in expected)
    assert any(SOURCE in e["ja"] and "official source" in e["en"] for e in expected)
    assert any('"note": "Unofficial English translation; Official source: ' in e["csl"] for e in expected)


@pytest.mark.skipif(NODE is None and not os.environ.get("CI"), reason="node is not installed")
def test_cite_js(tmp_path: Path) -> None:
    assert NODE, "node is required when CI is set"
    (tmp_path / "vectors.json").write_text(json.dumps(vectors(), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([NODE, "--test", str(ROOT / "tests" / "js" / "cite.test.mjs")],
                            env={**os.environ, "GIJIROKU_CITE_VECTORS": str(tmp_path / "vectors.json")},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
