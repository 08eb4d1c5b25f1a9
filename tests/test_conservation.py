"""Nothing lost: every non-whitespace character of the source reaches the YAML, in order.

For a PDF, an HTML page or a JSON record the source is its *body*, the text
:func:`gijiroku.parse.ingest.ingest` returns (see its module docstring for what that is: the page's
main content without chrome, the records' texts); furniture inside the body (utterance
numbers, search-term lines, navigation) is kept as layout lines, so it is checked here too.

The YAML keeps the source in five places: header lines, remark texts (with the speaker
prefix as written in ``speaker.raw``), item texts, the closing, and - each with its line
number - the notes (stage directions) and layout lines (page markers, page numbers,
separators). The test takes the source, checks that each note and layout entry really is
the text of the lines it names and blanks those lines, drops the turn marker where a remark
starts and the ・ where an item starts (the YAML line spans say where), and then requires the
rest of the source to equal header + (speaker.raw + text + items) of every remark + closing.
That check is :func:`support.conservation.assert_conserved`; the tests below show it can fail.
"""

import datetime as dt
import re
import shutil
import subprocess

import jsonschema
import pytest

from gijiroku.parse.pipeline import parse_bytes
from gijiroku.parse.sidecar import Sidecar
from gijiroku.serialize import load_yaml, minutes_to_dict
from gijiroku.series import Series
from support.conservation import assert_conserved
from support.paths import FIXTURES, MINUTES, SHARED_FORMATS

FORMATS = (".txt", ".html", ".json")
SOURCES = sorted(MINUTES.glob("*/*.txt")) + sorted(
    p for p in (FIXTURES / "parse").iterdir() if p.suffix in FORMATS)
SAMPLES = sorted(SHARED_FORMATS.glob("*.txt")) if SHARED_FORMATS.is_dir() else []
PAGES_AND_RECORDS = sorted(
    p for p in SHARED_FORMATS.iterdir() if p.suffix in (".html", ".json")
) if SHARED_FORMATS.is_dir() else []
SAMPLE_SERIES = Series(slug="samples", code="sm", title="samples", organiser="-")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_committed_and_golden_yaml_conserve_the_source(source):
    assert_conserved(source.read_bytes(), load_yaml(source.with_suffix(".yaml")))


@pytest.mark.skipif(not SAMPLES, reason="../shared/formats is not beside the repository")
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_shared_samples_are_conserved(sample, schema):
    data = sample.read_bytes()
    document = minutes_to_dict(parse_bytes(data, sample.name, SAMPLE_SERIES))
    jsonschema.validate(document, schema)
    assert_conserved(data, document)
    assert all(r["speaker"] for r in document["remarks"]), "these samples name every speaker"


@pytest.mark.skipif(not PAGES_AND_RECORDS, reason="../shared/formats is not beside the repository")
@pytest.mark.parametrize("sample", PAGES_AND_RECORDS, ids=lambda p: p.name)
def test_shared_pages_and_records_are_conserved(sample, schema):
    # A page without a header needs its date from a sidecar; supplying one for every sample
    # changes no text.
    data = sample.read_bytes()
    document = minutes_to_dict(parse_bytes(data, sample.name, SAMPLE_SERIES,
                                           sidecar=Sidecar(date=dt.date(2024, 12, 5))))
    jsonschema.validate(document, schema)
    assert_conserved(data, document)
    texts = "".join(r["text"] for r in document["remarks"])
    # No furniture inside a remark: utterance numbers, search terms, navigation arrows.
    assert not re.search(r"(?m)^\d+[:：]$|検索語|↑|↓", texts)


def test_a_lost_character_is_detected():
    # The check itself must fail when the YAML drops something: remove one character.
    source = FIXTURES / "parse" / "named-council.txt"
    document = load_yaml(source.with_suffix(".yaml"))
    document["remarks"][0]["text"] = document["remarks"][0]["text"][1:]
    with pytest.raises(AssertionError):
        assert_conserved(source.read_bytes(), document)


def test_a_misplaced_note_is_detected():
    source = FIXTURES / "parse" / "named-pagemarkers.txt"
    document = load_yaml(source.with_suffix(".yaml"))
    note = next(n for r in document["remarks"] for n in r.get("notes", []))
    note["line"] += 1
    with pytest.raises(AssertionError):
        assert_conserved(source.read_bytes(), document)


def test_item_markers_inside_lines_are_kept():
    # 中堅・中小企業 keeps its ・; only line-leading markers are structure.
    document = load_yaml(MINUTES / "meti-smart-resilient" / "06.yaml")
    assert any("中堅・中小企業" in r["text"] for r in document["remarks"])


def test_notes_and_layout_are_not_remark_text():
    document = load_yaml(FIXTURES / "parse" / "named-council.yaml")
    texts = "".join(r["text"] for r in document["remarks"])
    assert "〔" not in texts and "―――" not in texts and "<PAGE" not in texts
    assert not re.search(r"議長（", texts)  # the speaker prefix is not text either



SHARED_CORPUS = FIXTURES.parent.parent.parent / "shared" / "corpus"
SHARED_PDFS = sorted(SHARED_CORPUS.glob("*/*.pdf")) if SHARED_CORPUS.is_dir() else []


@pytest.mark.skipif(not SHARED_PDFS, reason="../shared/corpus is not beside the repository")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("pdf", SHARED_PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shared_pdfs_read_directly_and_through_pdftotext_are_conserved(pdf, schema):
    """Both extractions conserve the text and give the same turns (the same speaker labels)."""
    extracted = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True).stdout
    speakers = []
    for data in (pdf.read_bytes(), extracted):
        document = minutes_to_dict(parse_bytes(data, pdf.name, SAMPLE_SERIES))
        jsonschema.validate(document, schema)
        assert_conserved(data, document)
        speakers.append([(r["speaker"] or {}).get("label") for r in document["remarks"]])
    assert speakers[0] == speakers[1]
    assert len(speakers[0]) > 40, "each of these meetings has 90 or more turns"
