"""Stage 5 wired into the pipeline: themes with evidence, hand corrections, refs, key terms."""

import shutil
import unicodedata

import pytest
from click.testing import CliRunner

from gijiroku.annotate.tokenizer import lemma_key
from gijiroku.cli import main
from gijiroku.serialize import load_yaml
from support.paths import FIXTURES, MINUTES, SEED

SEED_YAML = load_yaml(MINUTES / "meti-smart-resilient" / "06.yaml")
UNITS = [u for r in SEED_YAML["remarks"] for u in [r, *r["items"]]]


@pytest.fixture
def meeting_dir(tmp_path):
    directory = tmp_path / "minutes" / "fixtures"
    directory.mkdir(parents=True)
    shutil.copy(FIXTURES / "parse" / "series.yml", directory)
    shutil.copy(SEED, directory / "06.txt")
    return directory


def parse_all(directory):
    return CliRunner().invoke(main, ["parse", "--all", "--root", str(directory.parent)])


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u["id"])
def test_evidence_offsets_point_at_the_matched_term(unit):
    for tag in unit["themes"]:
        for evidence in tag["evidence"]:
            surface = unit["text"][evidence["start"]:evidence["end"]]
            # The surface may be a variant of the lexicon term (強靱/強靭, ＤＸ/DX, inflections),
            # but it always starts with the same normalised character and is never empty.
            assert surface and lemma_key(surface)[0] == lemma_key(evidence["term"])[0]


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u["id"])
def test_refs_and_terms_quote_their_text(unit):
    for ref in unit["refs"]:
        assert unit["text"][ref["start"]:ref["end"]] == ref["text"]
    for term in unit["terms"]:
        assert unit["text"][term["start"]:term["end"]] == term["term"]


def test_hand_corrections_apply_and_are_never_overwritten(meeting_dir):
    corrections = meeting_dir / "06.themes.yml"
    corrections.write_text(
        "overrides:\n  fx06-01: {add: [universities], remove: [dx], note: test}\n",
        encoding="utf-8",
    )
    before = corrections.read_bytes()
    assert parse_all(meeting_dir).exit_code == 0
    assert parse_all(meeting_dir).exit_code == 0  # re-parsing twice changes nothing
    first = load_yaml(meeting_dir / "06.yaml")["remarks"][0]
    assert [(t["theme"], t["origin"]) for t in first["themes"]] == [("universities", "manual")]
    assert corrections.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("overrides:\n  fx06-99: {add: [dx]}\n", "fx06-99"),
        ("overrides:\n  fx06-01: {add: [robots]}\n", "robots"),
    ],
)
def test_bad_corrections_are_clear_errors(meeting_dir, content, message):
    (meeting_dir / "06.themes.yml").write_text(content, encoding="utf-8")
    result = parse_all(meeting_dir)
    assert result.exit_code == 2
    assert "06.themes.yml" in result.output and message in result.output
    assert "Traceback" not in result.output
    assert not (meeting_dir / "06.yaml").exists()


def test_themes_command_prints_evidence():
    result = CliRunner().invoke(main, ["themes", str(SEED), "--root", str(MINUTES)])
    assert result.exit_code == 0
    lines = dict(line.split("\t") for line in result.output.splitlines())
    assert len(lines) == len(UNITS)
    assert lines["sr06-04-4"].startswith("universities (auto: 大学@0-2")
    assert lines["sr06-07"] == "-"  # removed by minutes/meti-smart-resilient/06.themes.yml


def test_seed_refs_and_container_decision():
    by_id = {u["id"]: u for u in UNITS}
    assert by_id["sr06-04"]["themes"] == []  # container: its own text only
    chapters = [r for r in by_id["sr06-24"]["refs"] if r["kind"] == "chapter"]
    assert [r["number"] for r in chapters] == [4, 1, [5, 6]]
    assert chapters[0]["title"] == "地域の持続的な発展に向けた取組の推進"
    assert unicodedata.normalize("NFKC", by_id["sr06-06"]["terms"][0]["term"]) == "RX"


def series_themes(meeting_dir, line: str) -> None:
    path = meeting_dir / "series.yml"
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")


def test_a_series_scope_keeps_only_its_themes(meeting_dir):
    series_themes(meeting_dir, "themes: [talent, regional-finance]\n")
    assert parse_all(meeting_dir).exit_code == 0
    data = load_yaml(meeting_dir / "06.yaml")
    found = {t["theme"] for r in data["remarks"] for u in [r, *r["items"]] for t in u["themes"]}
    # the seed without a scope has all five themes (06.yaml); with it, only the two listed
    assert found == {"talent", "regional-finance"}


@pytest.mark.parametrize(
    ("scope", "corrections", "message"),
    [
        ("themes: [robots]\n", None, "unknown themes: robots"),
        ("themes: dx\n", None, "`themes` must be a list of theme IDs"),
        ("themes: [dx]\n", "overrides:\n  fx06-01: {add: [talent]}\n",
         "adds talent, outside the series' themes"),
    ],
)
def test_bad_series_scopes_are_clear_errors(meeting_dir, scope, corrections, message):
    series_themes(meeting_dir, scope)
    if corrections:
        (meeting_dir / "06.themes.yml").write_text(corrections, encoding="utf-8")
    result = parse_all(meeting_dir)
    assert result.exit_code == 2
    assert message in result.output and "hint:" in result.output
    assert "Traceback" not in result.output
