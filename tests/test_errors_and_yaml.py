"""Errors cross process boundaries intact, and every YAML reader refuses a broken file with
the one wording of gijiroku/yamlio.py: ``file:line: error: invalid YAML: …`` and a hint."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from gijiroku.annotate.lexicon import ThemesError, load_lexicon
from gijiroku.annotate.overrides import load_overrides
from gijiroku.errors import GijirokuError
from gijiroku.parse.batch import parse_each, parse_many
from gijiroku.parse.registry import load_registry
from gijiroku.parse.sidecar import load_sidecar
from gijiroku.serialize import load_published
from gijiroku.series import load_series_file
from gijiroku.site.i18n import load_glossary, load_strings, load_translation

SEED_SERIES = Path(__file__).resolve().parent.parent / "minutes" / "meti-smart-resilient"
# A minutes text whose header has no date: parsing it fails on line 2 (checked by hand: the
# CLI's BAD_INPUTS give ":2: ... no meeting date" for the same text).
UNDATED = "会議（第１回）\n日時：未定\n○発言。\n以上\n"


@pytest.mark.parametrize("error", [
    GijirokuError("minutes/x/01.txt", "no remarks found", "check the file", line=3),
    GijirokuError("minutes/x/series.yml", "missing keys: code", "add them"),
    ThemesError("gijiroku/data/themes.yml", "theme id 'dx' appears twice", "merge them", line=12),
], ids=["with-line", "without-line", "subclass"])
def test_an_error_survives_pickling_with_its_fields_and_text(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (copy.file, copy.line, copy.message, copy.hint) == (
        error.file, error.line, error.message, error.hint)
    assert str(copy) == str(error) == error.render()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A minutes root with one series: the seed meeting (parses) and an undated one (fails)."""
    series = tmp_path / "minutes" / "meti-smart-resilient"
    series.mkdir(parents=True)
    for name in ("series.yml", "06.txt"):
        (series / name).write_bytes((SEED_SERIES / name).read_bytes())
    (series / "07.txt").write_text(UNDATED, encoding="utf-8")
    return tmp_path / "minutes"


@pytest.mark.parametrize("jobs", [1, 2], ids=["in-process", "worker-processes"])
def test_a_failing_source_comes_back_as_its_error_beside_the_others_yaml(root, jobs):
    sources = sorted(root.glob("*/*.txt"))
    good, bad = parse_each(sources, root, None, jobs)
    assert isinstance(good, str) and "sr06-01" in good
    assert isinstance(bad, GijirokuError)
    assert (bad.file, bad.line) == ("meti-smart-resilient/07.txt", 2)
    assert "no meeting date" in bad.message
    with pytest.raises(GijirokuError) as raised:
        parse_many(sources, root, None, jobs)
    assert raised.value.render() == bad.render()


# (reader, file name): each reads one kind of hand-edited or generated YAML file.
READERS = [
    (lambda path: load_series_file(path), "series.yml"),
    (lambda path: load_lexicon(path), "themes.yml"),
    (lambda path: load_overrides(path), "06.themes.yml"),
    (lambda path: load_sidecar(path, str(path)), "06.meta.yml"),
    (lambda path: load_registry(path), "06.published.yml"),
    (lambda path: load_published(path), "06.yaml"),
    (lambda path: load_strings("ja", path), "strings.yml"),
    (lambda path: load_translation(path, "en"), "06.en.yml"),
    (lambda path: load_glossary(path), "glossary.yml"),
]
READER_IDS = [name for _, name in READERS]
# Broken YAML, the line libyaml finds the problem on, and the start of the problem.
BROKEN = [
    ("a: [1, 2\nb: 3\n", 2, "invalid YAML: while parsing a flow sequence"),
    ("a: &x [1]\nb: *x\n", 1, "invalid YAML: an alias (*name)"),
    ("a: !!python/object:os.system {}\n", 1, "invalid YAML: could not determine a constructor"),
    ("a: 1\n---\nb: 2\n", 2, "invalid YAML: expected a single document"),
]


@pytest.mark.parametrize(("text", "line", "problem"), BROKEN,
                         ids=["syntax", "alias", "tag", "two-documents"])
@pytest.mark.parametrize(("read", "name"), READERS, ids=READER_IDS)
def test_every_reader_words_a_yaml_error_the_same(tmp_path, read, name, text, line, problem):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GijirokuError) as raised:
        read(path)
    first, hint = str(raised.value).split("\n")
    assert first.startswith(f"{path}:{line}: error: {problem}")
    assert hint.startswith("  hint: ") and len(hint) > len("  hint: ")


@pytest.mark.parametrize(("read", "name"), READERS, ids=READER_IDS)
def test_every_reader_refuses_a_file_that_is_not_utf8(tmp_path, read, name):
    path = tmp_path / name
    path.write_bytes("title: 会議\n".encode("cp932"))  # 会 is 0x89 0xEF: byte 7 is invalid
    with pytest.raises(GijirokuError) as raised:
        read(path)
    assert str(raised.value).startswith(f"{path}: error: YAML file is not UTF-8 (byte 7)")


def test_a_sidecar_with_a_byte_order_mark_reads_as_without(tmp_path):
    path = tmp_path / "06.meta.yml"
    path.write_bytes("\ufeffvenue: 第１委員会室\n".encode("utf-8"))
    assert load_sidecar(path, "06.meta.yml").venue == "第１委員会室"
