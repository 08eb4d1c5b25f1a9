"""The README's recipe "Add a meeting or a new series", followed end to end in a copy of the
project: a new series folder, parse (which registers the IDs), check, `mkdocs build --strict`; the new
meeting has its page with its remarks in both languages, the meeting list links it and the
search index finds its remarks."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gijiroku.parse.fingerprint import split
from gijiroku.parse.registry import load_registry
from gijiroku.search.query import search
from support.paths import FIXTURES, ROOT
from support.site import index_of

SOURCE = FIXTURES / "parse" / "named-council.txt"  # a small council's minutes, our own fixture
SERIES_YML = """\
slug: {slug}
code: {code}
title: テスト市議会定例会
organiser: テスト市議会
title_en: Test City Council
organiser_en: Test City Council
"""


def unused(taken: set[str], stem: str) -> str:
    """``stem``, or ``stem`` with the first number that makes it unused."""
    return next(name for n in range(100) if (name := stem + (str(n) if n else "")) not in taken)


# A series folder and an ID code that minutes/ does not use yet (codes are unique site-wide).
SLUG = unused({p.name for p in (ROOT / "minutes").iterdir()}, "added-series")
CODE = unused({str(yaml.safe_load(p.read_text(encoding="utf-8"))["code"])
               for p in (ROOT / "minutes").glob("*/series.yml")}, "tc")


def run(project, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", *args], cwd=project, capture_output=True,
                          text=True, env=env)


def readme_step(pattern: str) -> str:
    """A command of the recipe, as the README writes it."""
    recipe = (ROOT / "README.md").read_text(encoding="utf-8").split("## Add a meeting", 1)[1]
    return re.search(pattern, recipe.split("\n## ", 1)[0])[0]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project's site and minutes with a new series added as the README says."""
    project = tmp_path_factory.mktemp("project")
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, project / name)
    for name in ("docs", "minutes"):
        shutil.copytree(ROOT / name, project / name)
    series = project / "minutes" / SLUG
    series.mkdir()
    shutil.copy(SOURCE, series / "01.txt")  # 1. the source, as published
    (series / "series.yml").write_text(SERIES_YML.format(slug=SLUG, code=CODE), encoding="utf-8")  # 2.
    return project


@pytest.fixture(scope="module")
def added(project):
    """Steps 4–7; returns the new meeting's YAML document."""
    parsed = run(project, *readme_step(r"gijiroku parse --all").split())  # 4.
    assert parsed.returncode == 0, parsed.stderr
    # the others are skipped, or, after a parser change, get a new fingerprint line only
    lines = parsed.stderr.splitlines()
    assert [line for line in lines if SLUG in line] == [
        f"wrote {Path('minutes') / SLUG / '01.yaml'}",
        f"wrote {Path('minutes') / SLUG / '01.published.yml'}"]
    assert re.fullmatch(r"parsed \d+, skipped \d+ unchanged, 0 errors", lines[-1])
    checked = run(project, "gijiroku", "check")  # 5.
    assert checked.returncode == 0, checked.stdout + checked.stderr
    strict = run(project, "gijiroku", "check", "--strict", f"minutes/{SLUG}/01.txt")
    assert strict.returncode == 0 and "warning" not in strict.stdout, strict.stdout
    built = run(project, *readme_step(r"mkdocs build --strict").split(), "-d", "out")  # 7.
    assert built.returncode == 0, built.stderr
    return yaml.safe_load((project / "minutes" / SLUG / "01.yaml").read_text(encoding="utf-8"))


def visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_the_existing_minutes_are_unchanged(project, added):
    """But for the YAML's fingerprint line, which changes whenever the parser does."""
    for path in (ROOT / "minutes").rglob("*"):
        if path.is_file():
            now = (project / path.relative_to(ROOT)).read_bytes()
            if path.suffix == ".yaml":
                assert split(now)[1] == split(path.read_bytes())[1], path
            else:
                assert now == path.read_bytes(), path


def test_the_new_ids_are_registered(project, added):
    registry = load_registry(project / "minutes" / SLUG / "01.published.yml")
    expected = {u["id"]: u["hash"] for r in added["remarks"] for u in [r, *r["items"]]}
    assert expected and registry.ids == expected and not registry.retired
    assert all(re.fullmatch(rf"{CODE}[0-9a-z-]+", identifier) for identifier in expected)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_meeting_page_has_every_remark(project, added, lang):
    meeting = added["meeting"]["id"]
    page = (project / "out" / lang / "meetings" / meeting / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", "", visible_text(page))
    assert added["remarks"]
    for remark in added["remarks"]:
        assert f'id="{remark["id"]}"' in page
        assert re.sub(r"\s+", "", remark["text"]) in text
    listing = (project / "out" / lang / "meetings" / "index.html").read_text(encoding="utf-8")
    assert f'href="{meeting}/"' in listing or f"/meetings/{meeting}/" in listing


def test_search_finds_the_new_remarks(project, added):
    files = index_of(project / "out")
    for remark in added["remarks"]:
        phrase = re.sub(r"\s+", "", remark["text"])[:12]
        found = [r["id"] for r in search(files, f'"{phrase}"')]
        assert remark["id"] in found, phrase
        record = next(r for r in search(files, f'"{phrase}"') if r["id"] == remark["id"])
        assert record["url"] == f"meetings/{added['meeting']['id']}/#{remark['id']}"
