"""`gijiroku parse --all --jobs N`: parallel parsing writes exactly what one process writes."""

import shutil

import pytest
from click.testing import CliRunner
from make_corpus import make_corpus

from gijiroku.cli import main
from support.paths import MINUTES


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Six generated meetings (one series) and the real seed (a second series)."""
    root = tmp_path_factory.mktemp("jobs") / "corpus"
    make_corpus(6, seed=3, out=root)
    shutil.copytree(MINUTES / "meti-smart-resilient", root / "minutes" / "meti-smart-resilient",
                    ignore=shutil.ignore_patterns("*.yaml"))
    return root / "minutes"


def parse_all(minutes, target, jobs):
    shutil.copytree(minutes, target)
    result = CliRunner().invoke(main, ["parse", "--all", "--root", str(target), "--jobs", str(jobs)])
    assert result.exit_code == 0, result.output
    return {p.relative_to(target).as_posix(): p.read_bytes() for p in sorted(target.rglob("*.yaml"))}


def test_two_jobs_write_the_same_files_as_one(corpus, tmp_path):
    one = parse_all(corpus, tmp_path / "one", 1)
    two = parse_all(corpus, tmp_path / "two", 2)
    assert len(one) == len(list(corpus.glob("*/*.txt"))) == 7
    assert one == two


def test_a_bad_file_is_the_same_clear_error_with_two_jobs(corpus, tmp_path):
    outputs = []
    for jobs in (1, 2):
        target = tmp_path / f"bad{jobs}"
        shutil.copytree(corpus, target)
        bad = sorted(target.glob("*/*.txt"))[2]
        bad.write_bytes("会議（第１回）\n日時：未定\n○発言。\n以上\n".encode())
        result = CliRunner().invoke(main, ["parse", "--all", "--root", str(target), "--jobs", str(jobs)])
        assert result.exit_code == 2
        assert "no meeting date" in result.output and "Traceback" not in result.output
        written = sorted(target.rglob("*.yaml"))
        assert bad.with_suffix(".yaml") not in written, "the bad file gets no YAML"
        assert len(written) == len(list(target.glob("*/*.txt"))) - 1, "the others are written"
        outputs.append(result.output.replace(str(target), "ROOT"))
    assert outputs[0] == outputs[1]


def test_jobs_must_be_positive(corpus):
    result = CliRunner().invoke(main, ["parse", "--all", "--root", str(corpus), "--jobs", "0"])
    assert result.exit_code == 2
    assert "--jobs" in result.output
