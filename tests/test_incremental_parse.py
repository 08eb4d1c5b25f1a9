"""`gijiroku parse --all` skips a source whose YAML fingerprint matches its inputs
(gijiroku/parse/fingerprint.py): what invalidates it, what does not, and that skipping or
re-parsing never touches hand-made files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from make_corpus import make_corpus

from gijiroku.cli import main
from gijiroku.parse import fingerprint
from gijiroku.parse.fingerprint import parser_digest, without_fingerprint
from support.paths import MINUTES, ROOT

SEED_SERIES = "meti-smart-resilient"
SEED = f"{SEED_SERIES}/06"
GENERATED_SERIES = "gen-regional-economy"
GENERATED = f"{GENERATED_SERIES}/01"
META = "source_url: https://www.meti.go.jp/shingikai/sr/006_gijiyoshi.pdf\n"
# Files no parse writes: they must come out of every run byte for byte as they went in.
HAND_MADE = ("*.en.yml", "*.themes.yml", "*.meta.yml", "series.yml", "*.txt")


def run(root: Path, *options: str):
    result = CliRunner().invoke(main, ["parse", "--all", "--root", str(root), "--jobs", "1",
                                       *options])
    assert result.exit_code == 0, result.output
    return result


def counts(result) -> tuple[int, int]:
    parsed, skipped = re.search(r"parsed (\d+), skipped (\d+) unchanged, 0 errors",
                                result.output).groups()
    return int(parsed), int(skipped)


def snapshot(root: Path, patterns: tuple[str, ...]) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for pattern in patterns for p in sorted(root.glob(f"*/{pattern}"))}


def contents(root: Path) -> dict[str, str]:
    """Each meeting's YAML without its fingerprint."""
    return {p.relative_to(root).as_posix().removesuffix(".yaml"):
            without_fingerprint(p.read_text(encoding="utf-8")) for p in root.glob("*/*.yaml")}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    """Three meetings parsed once: the seed (with its translation, theme corrections and a
    sidecar) and two generated meetings of another series."""
    out = tmp_path_factory.mktemp("incremental")
    make_corpus(2, seed=5, out=out)
    root = out / "minutes"
    shutil.copytree(MINUTES / SEED_SERIES, root / SEED_SERIES,
                    ignore=shutil.ignore_patterns("*.yaml"))
    (root / f"{SEED}.meta.yml").write_text(META, encoding="utf-8")
    assert counts(run(root)) == (3, 0)
    return root


@pytest.fixture
def root(baseline, tmp_path) -> Path:
    copy = tmp_path / "minutes"
    shutil.copytree(baseline, copy)
    return copy


def edit(name: str, change):
    """A step that rewrites ``<root>/<name>`` as ``change(old text)``."""
    def step(root: Path) -> None:
        path = root / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return step


def write(name: str, text: str):
    return lambda root: (root / name).write_text(text, encoding="utf-8")


def delete(name: str):
    return lambda root: (root / name).unlink()


def symlinked(name: str):
    """A step that moves ``<root>/<name>`` aside and puts a symlink to it in its place."""
    def step(root: Path) -> None:
        path = root / name
        aside = path.with_name("kept-" + path.name)
        path.rename(aside)
        path.symlink_to(aside.name)
    return step


def new_parser(monkeypatch) -> None:
    monkeypatch.setattr(fingerprint, "parser_digest", lambda: "another parser")


SYMLINK = "sidecar made a symlink"
# (case, change to the parsed tree, meetings parsed again of 3, the YAMLs whose text changes)
CASES = [
    ("nothing changed", lambda root: None, 0, set()),
    ("source bytes", edit(f"{SEED}.txt", lambda t: t.replace("松原座長", "松原座長 ", 1)), 1, {SEED}),
    ("source of another series", edit(f"{GENERATED}.txt", lambda t: t + "\n"), 1, {GENERATED}),
    ("sidecar added", write(f"{GENERATED}.meta.yml", "venue: 第１会議室\n"), 1, {GENERATED}),
    ("sidecar changed", write(f"{SEED}.meta.yml", META.replace("006", "007")), 1, {SEED}),
    ("sidecar removed", delete(f"{SEED}.meta.yml"), 1, {SEED}),
    ("theme corrections added", write(f"{GENERATED}.themes.yml", "overrides: {}\n"), 1, set()),
    ("theme corrections changed", edit(f"{SEED}.themes.yml", lambda t: t + "# reviewed\n"), 1,
     set()),
    ("theme corrections removed", delete(f"{SEED}.themes.yml"), 1, {SEED}),
    ("series.yml", edit(f"{GENERATED_SERIES}/series.yml", lambda t: t + "title_en: Regional\n"),
     2, set()),
    ("registry hand-edited", edit(f"{SEED}.published.yml",
                                  lambda t: t.replace("retired: {}", "retired: {sr06-99: {hash: "
                                                      "'00000000', text: 古い発言}}")), 1, {SEED}),
    # written again as it was, so the YAML keeps its fingerprint
    ("registry deleted", delete(f"{SEED}.published.yml"), 1, set()),
    ("YAML hand-edited", edit(f"{SEED}.yaml", lambda t: t.replace("title: ", "title: 旧", 1)), 1,
     {SEED}),
    ("YAML deleted", delete(f"{SEED}.yaml"), 1, {SEED}),
    ("YAML without its fingerprint", edit(f"{SEED}.yaml", without_fingerprint), 1, set()),
    # the parse checks where a symlink leads (inside the minutes folder), so it is never skipped
    (SYMLINK, symlinked(f"{SEED}.meta.yml"), 1, set()),
    ("translation changed (parse does not read it)",
     edit(f"{SEED}.en.yml", lambda t: t + "# reviewed\n"), 0, set()),
]


@pytest.mark.parametrize("case, change, parsed, rewritten", CASES, ids=[c[0] for c in CASES])
def test_what_makes_a_meeting_parse_again(root, case, change, parsed, rewritten):
    change(root)
    hand_made, before = snapshot(root, HAND_MADE), contents(root)
    result = run(root)
    assert counts(result) == (parsed, 3 - parsed)
    after = contents(root)
    assert {name for name in after if after[name] != before.get(name)} == rewritten
    assert snapshot(root, HAND_MADE) == hand_made, "a parse never writes hand-made files"
    if case == SYMLINK:
        assert counts(run(root)) == (1, 2), "a meeting with a symlink is parsed every time"
    else:
        assert counts(run(root)) == (0, 3), "once parsed again, the meeting is current"


@pytest.mark.parametrize("name", [f"{SEED}.yaml", f"{SEED}.published.yml"])
def test_a_lost_or_edited_file_comes_back_as_it_was(baseline, root, name):
    """The YAML and registry a re-parse writes are those of the first parse: IDs stay put."""
    (root / name).unlink()
    run(root)
    for kept in (f"{SEED}.yaml", f"{SEED}.published.yml"):
        assert (root / kept).read_bytes() == (baseline / kept).read_bytes()


def test_a_new_parser_parses_everything_again(root, monkeypatch):
    new_parser(monkeypatch)
    assert counts(run(root)) == (3, 0)
    assert counts(run(root)) == (0, 3)


def test_force_parses_everything_and_writes_the_same(baseline, root):
    assert counts(run(root, "--force")) == (3, 0)
    assert snapshot(root, ("*",)) == snapshot(baseline, ("*",))


def test_force_needs_all(root):
    result = CliRunner().invoke(main, ["parse", str(root / f"{SEED}.txt"), "--force"])
    assert result.exit_code == 2 and "--force goes with --all" in result.output


@pytest.mark.parametrize("edited, parser_changes", [
    ("data/themes.yml", True),       # the lexicon
    ("data/roles.yml", True),        # speaker roles
    ("parse/structure.py", True),
    ("annotate/themes.py", True),    # the tagger
    ("site/views.py", False),        # the site never changes a YAML
    ("search/index.py", False),
])
def test_the_parser_digest_covers_code_and_data_the_parse_reads(tmp_path, edited, parser_changes):
    package = tmp_path / "gijiroku"
    shutil.copytree(ROOT / "gijiroku", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = parser_digest(package)
    with (package / edited).open("a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    parser_digest.cache_clear()
    assert (parser_digest(package) != before) == parser_changes


def test_a_source_that_fails_is_reported_on_every_run(root):
    """Its old YAML stays, with the fingerprint of the old bytes: never skipped, never silent."""
    (root / f"{GENERATED}.txt").write_text("会議（第１回）\n日時：未定\n○発言。\n以上\n",
                                           encoding="utf-8")
    for _ in range(2):
        result = CliRunner().invoke(main, ["parse", "--all", "--root", str(root), "--jobs", "1"])
        assert result.exit_code == 2 and "no meeting date" in result.output
        assert "parsed 0, skipped 2 unchanged, 1 error\n" in result.output
