"""The README's quick start and .ci/run agree."""

from support.paths import ROOT
from support.readme import quick_start_commands


def test_quick_start_has_exactly_two_commands():
    build, test = quick_start_commands()
    assert build.startswith("pip install") and test.startswith("pip install")
    assert "pytest" in test and "pytest" not in build


def test_ci_runs_the_readme_test_command_verbatim():
    _, test = quick_start_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci_lines


def test_readme_documents_the_cli_commands_that_exist():
    from gijiroku.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in main.commands:
        assert f"gijiroku {command}" in readme
