"""The other languages' builds run in a worker process (gijiroku/site/plugin.py): their warnings
and errors must still fail the one top-level `mkdocs build --strict`, with their message."""

from __future__ import annotations

import shutil

import pytest

from support.site import FIXTURE, run_build


def add_missing_nav_entry(text: str) -> str:
    # The nav is the English config's last key: a page that does not exist is a strict warning
    # of the English build only.
    return text.rstrip("\n") + "\n  - Missing: missing.md\n"


def wrong_language(text: str) -> str:
    return text.replace("language: en", "language: fr")


@pytest.mark.parametrize(("edit", "message"), [
    (add_missing_nav_entry, "missing.md"),
    (wrong_language, "theme.language must be 'en'"),
])
def test_a_problem_in_the_english_build_fails_the_whole_build(tmp_path, edit, message):
    shutil.copytree(FIXTURE, tmp_path / "site")
    english = tmp_path / "site" / "mkdocs.en.yml"
    english.write_text(edit(english.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_build(tmp_path / "site" / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_unedited_fixture_builds_both_languages(tmp_path):
    # The control for the test above: the same copy, unedited, builds (and writes en/).
    shutil.copytree(FIXTURE, tmp_path / "site")
    result = run_build(tmp_path / "site" / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "en" / "index.html").is_file()
    assert (tmp_path / "out" / "index.html").is_file()
