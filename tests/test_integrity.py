"""Integrity and safety: hostile or mistaken input is refused with a file:line error (exit 2,
no traceback), nothing outside the minutes folder is read or published, and the site never
silently publishes stale data.

Each case is a row (setup, command, exit code, message fragment); every one of them crashed,
hung or succeeded wrongly before the checks were added.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from gijiroku.annotate.overrides import load_overrides
from gijiroku.errors import GijirokuError
from gijiroku.limits import MAX_SOURCE_BYTES, MAX_YAML_BYTES
from gijiroku.parse.pipeline import parse_file
from gijiroku.serialize import dump_yaml, load_yaml, minutes_to_dict
from gijiroku.series import load_series
from gijiroku.site.corpus import freshness_warnings, load_corpus
from gijiroku.site.i18n import load_glossary, load_translation
from support.paths import FIXTURES
from support.site import FIXTURE, run_build

SOURCE = (FIXTURES / "parse" / "seed-like.txt").read_bytes()
SERIES_YML = (FIXTURES / "parse" / "series.yml").read_text(encoding="utf-8")


def nested_aliases(levels: int, indent: str = "") -> str:
    """A "billion laughs" document: each level repeats the previous one nine times (9**levels
    strings once expanded). Kept small enough that a loader without the check survives it."""
    lines = [f'{indent}l0: &l0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, levels + 1):
        lines.append(f"{indent}l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


MERGE_KEYS = "base: &b {x: 1}\nother:\n  <<: *b\n"
PYTHON_TAG = "overrides: !!python/object/apply:os.system ['true']\n"
DEEP = "[" * 100_000 + "]" * 100_000 + "\n"  # libyaml's composer: a segmentation fault


# --- the CLI --------------------------------------------------------------------------------

@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A minutes folder with one series (code fx) holding one meeting, 01.txt."""
    series = tmp_path / "minutes" / "fixtures"
    series.mkdir(parents=True)
    (series / "series.yml").write_text(SERIES_YML, encoding="utf-8")
    (series / "01.txt").write_bytes(SOURCE)
    return tmp_path / "minutes"


def beside(name: str, content: str):
    def setup(root: Path) -> None:
        (root / "fixtures" / name).write_text(content, encoding="utf-8")
    return setup


def symlinked_source(root: Path) -> None:
    outside = root.parent / "outside.txt"
    outside.write_bytes(SOURCE)
    (root / "fixtures" / "01.txt").unlink()
    (root / "fixtures" / "01.txt").symlink_to(outside)
    second_series(root, "other", "ot")


def second_series(root: Path, slug: str, code: str) -> None:
    folder = root / slug
    folder.mkdir()
    (folder / "series.yml").write_text(f"slug: {slug}\ncode: {code}\ntitle: 別の研究会\n"
                                       "organiser: テスト省\n", encoding="utf-8")
    (folder / "01.txt").write_bytes(SOURCE)


def large_file(name: str, size: int):
    def setup(root: Path) -> None:
        with (root / "fixtures" / name).open("wb") as handle:
            handle.truncate(size)  # sparse: the size check must refuse it before reading
    return setup


def ascii_source(root: Path) -> None:
    # Under the byte limit, but its 3 million characters are over the character limit.
    (root / "fixtures" / "01.txt").write_bytes(SOURCE + b"a" * 3_000_000)


def existing(name: str, content: bytes):
    def setup(root: Path) -> None:
        (root / "fixtures" / name).write_bytes(content)
    return setup


def nothing(root: Path) -> None:
    pass


CORRUPT = "meeting: [unclosed\nremarks: {\n"
SOURCE_FILE = "fixtures/01.txt"

CLI_CASES = [
    # (id, setup, command (relative paths under the minutes root), exit code, fragment)
    ("corrupt-yaml-parse-all", beside("01.yaml", CORRUPT), ["parse", "--all"], 2,
     "01.yaml:2: error: invalid YAML"),
    ("corrupt-yaml-parse-file", beside("01.yaml", CORRUPT), ["parse", SOURCE_FILE], 2,
     "01.yaml:2: error: invalid YAML"),
    ("corrupt-yaml-check", beside("01.yaml", CORRUPT), ["check"], 2,
     "01.yaml:2: error: invalid YAML"),
    ("python-tag-yaml-parse-all", beside("01.yaml", PYTHON_TAG), ["parse", "--all"], 2,
     "01.yaml:1: error: invalid YAML: could not determine a constructor"),
    ("python-tag-yaml-check", beside("01.yaml", PYTHON_TAG), ["check"], 2,
     "01.yaml:1: error: invalid YAML: could not determine a constructor"),
    ("not-minutes-yaml", beside("01.yaml", "remarks: 5\n"), ["parse", SOURCE_FILE], 2,
     "01.yaml: error: not a gijiroku minutes YAML"),
    ("alias-bomb-yaml", beside("01.yaml", nested_aliases(6)), ["parse", "--all"], 2,
     "01.yaml:1: error: invalid YAML: an alias (*name)"),
    ("alias-bomb-themes", beside("01.themes.yml", nested_aliases(6)), ["check"], 2,
     "01.themes.yml:1: error: invalid YAML: an alias (*name)"),
    ("merge-keys-themes", beside("01.themes.yml", MERGE_KEYS), ["parse", "--all"], 2,
     "01.themes.yml:3: error: invalid YAML: merge keys"),
    ("python-tag-themes", beside("01.themes.yml", PYTHON_TAG), ["parse", "--all"], 2,
     "01.themes.yml:1: error: invalid YAML: could not determine a constructor"),
    ("deep-nesting-themes", beside("01.themes.yml", DEEP), ["parse", "--all"], 2,
     "01.themes.yml:1: error: YAML nested deeper than 1000 levels"),
    ("alias-bomb-series", beside("series.yml", "slug: &s x\ncode: *s\n"), ["parse", "--all"],
     2, "series.yml:1: error: invalid YAML: an alias"),  # the line of the anchor
    ("symlinked-source", symlinked_source, ["parse", "--all"], 2,
     "01.txt: error: source '"),
    ("check-missing-file", nothing, ["check", "fixtures/02.txt"], 2,
     "fixtures/02.txt: error: no such file"),
    ("output-folder-missing", nothing, ["parse", SOURCE_FILE, "-o", "nowhere/01.yaml"], 2,
     "nowhere/01.yaml: error: the folder"),
    ("output-is-the-source", nothing, ["parse", SOURCE_FILE, "-o", SOURCE_FILE], 2,
     "01.txt: error: refusing to overwrite the source"),
    ("output-is-not-our-yaml", existing("notes.md", b"# my notes\n"),
     ["parse", SOURCE_FILE, "-o", "fixtures/notes.md"], 2,
     "notes.md: error: refusing to overwrite a file that is not a gijiroku minutes YAML"),
    ("series-code-clash-parse-all", lambda root: second_series(root, "other", "fx"),
     ["parse", "--all"], 2, "other/series.yml: error: series code 'fx' is also the code of"),
    ("series-code-clash-check", lambda root: second_series(root, "other", "fx"), ["check"], 2,
     "other/series.yml: error: series code 'fx' is also the code of"),
    ("series-slug-clash", lambda root: second_series(root, "fixtures2", "ot") or
     (root / "fixtures2" / "series.yml").write_text(
         "slug: fixtures\ncode: ot\ntitle: 別\norganiser: 省\n", encoding="utf-8"),
     ["check"], 2, "fixtures2/series.yml: error: series slug 'fixtures' is also the slug of"),
    ("source-too-large", large_file("02.txt", MAX_SOURCE_BYTES + 1), ["parse", "--all"], 2,
     f"02.txt: error: source too large: {MAX_SOURCE_BYTES + 1:,} bytes"),
    ("source-text-too-long", ascii_source, ["parse", SOURCE_FILE], 2,
     "01.txt: error: source text too long: 3,000,"),
    ("yaml-too-large", large_file("01.yaml", MAX_YAML_BYTES + 1), ["parse", "--all"], 2,
     f"01.yaml: error: YAML file too large: {MAX_YAML_BYTES + 1:,} bytes"),
]


def run_cli(root: Path, command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gijiroku", *command, "--root", str(root)],
                          capture_output=True, text=True, cwd=root, timeout=60)


@pytest.mark.parametrize(("setup", "command", "status", "fragment"),
                         [case[1:] for case in CLI_CASES], ids=[case[0] for case in CLI_CASES])
def test_bad_input_is_a_clear_error(root, setup, command, status, fragment):
    setup(root)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.stat().st_size < 1e6}
    started = time.monotonic()
    result = run_cli(root, command)
    assert "Traceback" not in result.stderr
    assert result.returncode == status, result.stderr
    assert fragment in result.stderr, result.stderr
    assert "hint: " in result.stderr
    assert time.monotonic() - started < 30  # refused, not worked through
    for path, content in before.items():  # nothing a refusal concerns is overwritten
        if path.suffix != ".yaml" or "--all" not in command:
            assert path.read_bytes() == content, path


def test_parse_all_goes_on_with_the_other_series(root):
    symlinked_source(root)
    result = run_cli(root, ["parse", "--all"])
    assert result.returncode == 2 and "outside the minutes folder" in result.stderr
    assert (root / "other" / "01.yaml").is_file()  # the good series was parsed all the same
    assert not (root / "fixtures" / "01.yaml").exists()


def test_parse_output_may_replace_its_own_yaml(root):
    target = root / "fixtures" / "01.yaml"
    assert run_cli(root, ["parse", SOURCE_FILE, "-o", str(target)]).returncode == 0
    first = target.read_text(encoding="utf-8")
    (root / "fixtures" / "01.txt").write_bytes(SOURCE.replace("重要".encode(), "大切".encode()))
    assert run_cli(root, ["parse", SOURCE_FILE, "-o", str(target)]).returncode == 0
    assert target.read_text(encoding="utf-8") != first and "大切" in target.read_text(encoding="utf-8")


# --- every YAML reader goes through the one loader --------------------------------------------

READERS = [
    # (reader, file name, what the file is when it is valid)
    (load_yaml, "01.yaml", "meeting YAML (parse, check)"),
    (lambda path: load_series(path.parent), "series.yml", "series file"),
    (load_overrides, "01.themes.yml", "theme corrections"),
    (lambda path: load_translation(path, "en"), "01.en.yml", "translation"),
    (load_glossary, "glossary.yml", "glossary"),
]
HOSTILE = [
    ("aliases", nested_aliases(8), "an alias (*name)"),  # 43 million strings once expanded
    ("merge", MERGE_KEYS, "merge keys (<<) are not allowed"),
    ("python tag", PYTHON_TAG, "could not determine a constructor for the tag"),
    ("deep", DEEP, "nested deeper than 1000 levels"),
    ("deep block", "- " * 50_000 + "x\n", "nested deeper than 1000 levels"),
    ("deep explicit keys", "? " * 50_000 + "x\n", "nested deeper than 1000 levels"),
    ("two documents", "a: 1\n---\nb: 2\n", "expected a single document"),
]


@pytest.mark.parametrize(("reader", "name", "what"), READERS, ids=[r[2] for r in READERS])
@pytest.mark.parametrize(("content", "fragment"), [h[1:] for h in HOSTILE],
                         ids=[h[0] for h in HOSTILE])
def test_every_yaml_reader_refuses_hostile_yaml(tmp_path, reader, name, what, content, fragment):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(GijirokuError) as caught:
        reader(path)
    assert time.monotonic() - started < 5
    assert str(path) in str(caught.value) and fragment in str(caught.value)


def test_the_site_reader_refuses_hostile_meeting_yaml(tmp_path):
    shutil.copytree(FIXTURE / "minutes", tmp_path / "minutes")
    meeting = tmp_path / "minutes" / "fx-unsafe" / "01.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + nested_aliases(8), encoding="utf-8")
    with pytest.raises(GijirokuError, match=r"01\.yaml:\d+: error: invalid YAML: an alias"):
        load_corpus(tmp_path / "minutes")


def without(*keys):
    """A mutation deleting data[k1][k2]… from a meeting document."""
    def mutate(data: dict) -> None:
        *parents, last = keys
        for key in parents:
            data = data[key]
        del data[last]
    return mutate


def replace(value, *keys):
    def mutate(data: dict) -> None:
        *parents, last = keys
        for key in parents:
            data = data[key]
        data[last] = value
    return mutate


SHAPES = [
    # (mutation of the fixture's meeting YAML, fragment of the error)
    (without("meeting", "date"), "meeting: `date` is missing or not a string"),
    (replace("2021-13-45", "meeting", "date"), "meeting: `date` '2021-13-45' is not a YYYY-MM-DD"),
    (replace(5, "remarks"), "`remarks` is not a list"),
    (without("remarks", 1, "page"), "remarks #2: `page` is missing or not an integer"),
    (replace("3", "remarks", 0, "number"), "remarks #1: `number` is missing"),
    (without("remarks", 2, "items", 0, "text"), "remarks #3 item #1: `text` is missing"),
    (replace(["dx"], "remarks", 0, "themes"), "remarks #1: `themes` is not a list of"),
    (replace("月", "meeting", "weekday"), "meeting: `weekday` 月 is not the weekday of 2021-06-01 (火)"),
    (without("meeting", "source"), "meeting: `source` is missing or not a mapping"),
]


@pytest.mark.parametrize(("mutate", "fragment"), SHAPES)
def test_a_meeting_yaml_the_pages_cannot_read_is_named(tmp_path, mutate, fragment):
    shutil.copytree(FIXTURE / "minutes", tmp_path / "minutes")
    meeting = tmp_path / "minutes" / "fx-unsafe" / "01.yaml"
    data = yaml.safe_load(meeting.read_text(encoding="utf-8"))
    mutate(data)
    meeting.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(GijirokuError) as caught:
        load_corpus(tmp_path / "minutes")
    assert f"01.yaml: error: not a minutes YAML: {fragment}" in str(caught.value)


def test_two_yaml_files_of_one_meeting_are_named(tmp_path):
    shutil.copytree(FIXTURE / "minutes", tmp_path / "minutes")
    folder = tmp_path / "minutes" / "fx-unsafe"
    shutil.copy(folder / "01.yaml", folder / "01b.yaml")
    with pytest.raises(GijirokuError, match=r"01b\.yaml: error: meeting ID 'fx01' is also the ID "
                                            r"of .*01\.yaml"):
        load_corpus(tmp_path / "minutes")


# --- the site build -------------------------------------------------------------------------

def site(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "site")
    return tmp_path / "site" / "minutes"


def source_file(value: str):
    def setup(minutes: Path) -> None:
        meeting = minutes / "fx-unsafe" / "01.yaml"
        text = meeting.read_text(encoding="utf-8")
        assert "file: fx-unsafe/01.txt" in text
        meeting.write_text(text.replace("file: fx-unsafe/01.txt", f"file: {value}"),
                           encoding="utf-8")
    return setup


def symlink_outside(name: str):
    def setup(minutes: Path) -> None:
        link = minutes / "fx-unsafe" / name
        outside = minutes.parent.parent / f"outside-{name}"
        shutil.copy(link, outside)
        link.unlink()
        link.symlink_to(outside)
    return setup


def edited_source(minutes: Path) -> None:
    source = minutes / "fx-unsafe" / "01.txt"
    source.write_bytes(source.read_bytes().replace("以上".encode(), "以上。".encode()))


def clashing_series(minutes: Path) -> None:
    shutil.copytree(minutes / "fx-unsafe", minutes / "fx-copy")


def yaml_bomb(minutes: Path) -> None:
    meeting = minutes / "fx-unsafe" / "01.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + nested_aliases(5), encoding="utf-8")


BUILD_CASES = [
    # (id, setup, fragment of the build's error or strict warning)
    ("source-file-absolute", source_file("/etc/passwd"),
     "01.yaml:18: error: meeting.source.file '/etc/passwd' resolves to"),
    ("source-file-dotdot", source_file("../../../../etc/passwd"),
     "error: meeting.source.file '"),
    ("source-file-series-dotdot", source_file("fx-unsafe/../../../../etc/hostname"),
     "outside the minutes folder"),
    ("source-symlinked-outside", symlink_outside("01.txt"), "outside the minutes folder"),
    ("translation-symlinked-outside", symlink_outside("01.en.yml"),
     "error: translation '"),
    ("yaml-alias-bomb", yaml_bomb, "invalid YAML: an alias (*name)"),
    ("stale-yaml", edited_source, "01.yaml: stale: "),
    ("source-without-yaml", lambda minutes: shutil.copy(minutes / "fx-unsafe" / "01.txt",
                                                         minutes / "fx-unsafe" / "02.txt"),
     "02.txt: this source has no YAML"),
    ("series-code-clash", clashing_series, "is also the code of"),
]


@pytest.mark.parametrize(("setup", "fragment"), [case[1:] for case in BUILD_CASES],
                         ids=[case[0] for case in BUILD_CASES])
def test_build_refuses(tmp_path, setup, fragment):
    minutes = site(tmp_path)
    setup(minutes)
    result = run_build(minutes.parent / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert fragment in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    if "stale" in fragment or "no YAML" in fragment:
        assert "gijiroku parse --all" in result.stderr
    else:  # an error: refused before anything was published
        assert not (tmp_path / "out" / "data" / "sources").exists()
    passwd = Path("/etc/passwd").read_bytes()
    assert not any(path.read_bytes() == passwd
                   for path in (tmp_path / "out").rglob("*") if path.is_file())


def test_a_rebuild_in_the_same_process_sees_the_edit_and_the_fix(tmp_path):
    """`mkdocs serve` rebuilds in one process, with the parsed YAML and source digests kept
    in memory: an edited source must still be reported, and the regenerated YAML accepted."""
    minutes = site(tmp_path)
    assert freshness_warnings(load_corpus(minutes)) == []
    edited_source(minutes)
    warnings = freshness_warnings(load_corpus(minutes))
    assert len(warnings) == 1 and "01.yaml: stale: " in warnings[0]
    source = minutes / "fx-unsafe" / "01.txt"
    (minutes / "fx-unsafe" / "01.yaml").write_text(
        dump_yaml(minutes_to_dict(parse_file(source, minutes))), encoding="utf-8")
    assert freshness_warnings(load_corpus(minutes)) == []


def test_serve_watches_the_sources():
    config = load_config(str(FIXTURE / "mkdocs.yml"))
    plugin = config.plugins["gijiroku"]
    plugin.on_config(config)
    watched: list[str] = []
    server = type("Server", (), {"watch": lambda self, path: watched.append(path)})()
    plugin.on_serve(server, config=config, builder=None)
    assert str(FIXTURE / "minutes") in watched  # the folder of every source, YAML and series
