"""Data other programs read: the CSV in a spreadsheet, BibTeX in a real BibTeX parser (pybtex),
CSL-JSON against the official CSL-JSON schema (tests/fixtures/csl/)."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from pybtex.database import parse_string

from gijiroku.serialize import load_yaml
from gijiroku.series import Series
from gijiroku.site.cite import bibtex_escape, meeting_citation
from gijiroku.site.corpus import Corpus, MeetingDoc
from gijiroku.site.exports import remarks_csv
from support.paths import FIXTURES, MINUTES

SEED_YAML = MINUTES / "meti-smart-resilient" / "06.yaml"
CSL_SCHEMA = json.loads((FIXTURES / "csl" / "csl-data.json").read_text(encoding="utf-8"))
URL = "https://example.org/meetings/sr06/"

# Texts a spreadsheet would run as a formula, and texts that merely start with the same signs.
FORMULAS = ['=HYPERLINK("http://evil.example/","詳細")', "+81-3-1234", "-1+2", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1", "'=1+1", "'quoted"]
HARMLESS = ["普通の発言。", "＝全角は数式にならない", " =space first", "a=b"]


def seed_doc(texts: list[str], title: str | None = None, series: Series | None = None) -> MeetingDoc:
    """The seed meeting with its first remarks' texts replaced (and its title, its series)."""
    data = copy.deepcopy(load_yaml(SEED_YAML))
    for remark, text in zip(data["remarks"], texts):
        remark["text"] = text
    if title is not None:
        data["meeting"]["title"] = title
    series = series or Series(slug="s", code="sr", title="研究会", organiser="経済産業省")
    return MeetingDoc(series=series, data=data, yaml_path=SEED_YAML, source_path=Path("06.txt"))


def csv_rows(doc: MeetingDoc) -> list[dict[str, str]]:
    data = remarks_csv([doc], lambda d, unit_id: URL + "#" + unit_id)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def exact_text(cell: str) -> str:
    """The rule the Data page gives CSV readers: a cell starting with ' had that ' added."""
    return cell[1:] if cell.startswith("'") else cell


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_cells_that_a_spreadsheet_would_run_start_with_a_quote(text):
    row = csv_rows(seed_doc([text]))[0]
    assert row["text"] == "'" + text
    assert exact_text(row["text"]) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_other_csv_cells_are_exact(text):
    assert csv_rows(seed_doc([text]))[0]["text"] == text


def test_every_csv_cell_reads_back_exactly():
    doc = seed_doc(FORMULAS + HARMLESS)
    expected = [unit.text for unit in doc.units()]
    assert [exact_text(row["text"]) for row in csv_rows(doc)] == expected
    assert not any(row[column].startswith(tuple("=+-@\t\r")) for row in csv_rows(doc) for column in row)


# Titles and names that break a BibTeX entry if escaped carelessly: lone and reversed braces
# (BibTeX counts \{ as a brace), TeX specials, and an entry start inside a field.
ADVERSARIAL_TITLES = ["研究会{第１回", "研究会}第１回", "}{", "{{{", "\\", "50% & $1_a#^~",
                      "@misc{evil, title={x}}", 'say "hi", {ok}}', "\\{"]


@pytest.mark.parametrize("title", ADVERSARIAL_TITLES)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_bibtex_parses_with_a_real_bibtex_parser(title, language):
    series = Series(slug="s", code="sr", title=title, organiser=title, title_en=title,
                    organiser_en=title)
    doc = seed_doc([], title=title, series=series)
    citation = meeting_citation(doc, language)
    units = list(doc.units())[:3]
    bib = "\n\n".join(citation.cite(unit, URL + "#" + unit.id).bibtex for unit in units)
    entries = parse_string(bib, "bibtex").entries
    assert list(entries) == [unit.id for unit in units]  # no entry swallowed by another
    assert entries[units[0].id].fields["howpublished"] == bibtex_escape(title)


@pytest.mark.parametrize("text", ADVERSARIAL_TITLES)
def test_bibtex_escape_balances_braces(text):
    escaped = bibtex_escape(text)
    depth = 0
    for char in escaped:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0


@pytest.mark.parametrize("title", ["研究会", *ADVERSARIAL_TITLES])
@pytest.mark.parametrize(("language", "translated"), [("ja", False), ("en", False), ("en", True)])
def test_csl_json_follows_the_official_schema(title, language, translated):
    series = Series(slug="s", code="sr", title=title, organiser=title, title_en=title)
    doc = seed_doc([], title=title, series=series)
    citation = meeting_citation(doc, language)
    items = [json.loads(citation.cite(unit, URL + "#" + unit.id, translated).csl_json)
             for unit in doc.units()]
    jsonschema.validate(items, CSL_SCHEMA)
