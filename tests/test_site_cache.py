"""The parsed-YAML cache (gijiroku/site/cache.py) and the corpus loader's use of it: a cached
corpus is the parsed one, whatever the cache holds and in whichever order it is read."""

from __future__ import annotations

import datetime as dt
import gc
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from gijiroku.errors import GijirokuError
from gijiroku.site import corpus as corpus_module
from gijiroku.site.cache import YamlCache, digest
from gijiroku.site.corpus import load_corpus
from support.paths import MINUTES
from support.site import FIXTURE, run_build


@pytest.fixture()
def minutes(tmp_path: Path) -> Path:
    """A copy of the seed's series with a second meeting, so order matters (only this series:
    the counts below must not depend on what else minutes/ holds)."""
    root = tmp_path / "minutes"
    series = root / "meti-smart-resilient"
    shutil.copytree(MINUTES / "meti-smart-resilient", series)
    data = yaml.safe_load((series / "06.yaml").read_text(encoding="utf-8"))
    data["meeting"].update(id="sr07", number=7, date="2021-07-01", weekday="木")
    (series / "07.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    # Each test reads the files afresh: the in-process cache is keyed by path and mtime.
    corpus_module._YAML_CACHE.clear()
    return root


def snapshot(root: Path, **options) -> list[tuple[str, dict]]:
    corpus_module._YAML_CACHE.clear()
    return [(doc.id, doc.data) for doc in load_corpus(root, **options).meetings]


def test_cached_corpus_is_the_parsed_corpus(minutes: Path, tmp_path: Path) -> None:
    cache = YamlCache(tmp_path / "cache")
    parsed = snapshot(minutes)
    assert [mid for mid, _ in parsed] == ["sr06", "sr07"]
    assert snapshot(minutes, cache=cache) == parsed  # filling the cache
    assert len(list(cache.directory.glob("*.json"))) == 2
    assert snapshot(minutes, cache=cache) == parsed  # reading it
    assert snapshot(minutes, cache=cache, backwards=True) == parsed


def test_entries_are_keyed_by_content_not_by_path(minutes: Path, tmp_path: Path) -> None:
    cache = YamlCache(tmp_path / "cache")
    load_corpus(minutes, cache)
    path = minutes / "meti-smart-resilient" / "07.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["meeting"]["title"] = "編集後の題名"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    corpus_module._YAML_CACHE.clear()
    edited = load_corpus(minutes, cache)
    assert edited.meetings[1].minutes.meeting.title == "編集後の題名"
    assert digest(path.read_bytes()) in edited.cache_keys
    assert len(list(cache.directory.glob("*.json"))) == 3  # the old version is still there
    assert cache.prune(edited.cache_keys) == 1
    assert {p.stem for p in cache.directory.glob("*.json")} == edited.cache_keys


@pytest.mark.parametrize("damage", [b"", b"not json", b'{"meeting": ', b"\xff\xfe", b"[]", b'{"a": 1}',
                                    b'{"meeting": {}}'])
def test_a_damaged_entry_is_a_miss(minutes: Path, tmp_path: Path, damage: bytes) -> None:
    cache = YamlCache(tmp_path / "cache")
    parsed = snapshot(minutes, cache=cache)
    for entry in cache.directory.glob("*.json"):
        entry.write_bytes(damage)
    assert snapshot(minutes, cache=cache) == parsed


def test_data_json_cannot_hold_exactly_is_not_cached(minutes: Path, tmp_path: Path) -> None:
    # Hand-edited YAML may hold an unquoted date (a datetime.date) or a number as a key.
    path = minutes / "meti-smart-resilient" / "07.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "edited: 2021-07-01\nnumbered: {1: one}\n", encoding="utf-8")
    cache = YamlCache(tmp_path / "cache")
    parsed = snapshot(minutes)
    assert snapshot(minutes, cache=cache) == parsed
    assert parsed[1][1]["edited"] == dt.date(2021, 7, 1)
    assert len(list(cache.directory.glob("*.json"))) == 1  # 06.yaml only
    assert snapshot(minutes, cache=cache) == parsed


def test_an_unwritable_cache_is_skipped(minutes: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    assert snapshot(minutes, cache=YamlCache(blocked / "cache")) == snapshot(minutes)


def test_the_key_covers_every_byte() -> None:
    assert digest(b"a: 1\n") != digest(b"a: 1\n ")
    assert digest(b"a: 1\n") == digest(b"a: 1\n")


def test_a_yaml_file_that_is_not_utf8_is_a_clear_error(minutes: Path) -> None:
    path = minutes / "meti-smart-resilient" / "07.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp932"))
    with pytest.raises(GijirokuError) as raised:
        snapshot(minutes)
    assert "07.yaml" in str(raised.value) and "not UTF-8" in str(raised.value)
    assert "gijiroku parse --all" in str(raised.value)


def cached_keys(site: Path) -> set[str]:
    return {path.stem for path in (site / ".cache" / "gijiroku").glob("*.json")}


def yaml_keys(site: Path) -> set[str]:
    return {digest(path.read_bytes()) for path in (site / "minutes").glob("*/*.yaml")}


def test_a_site_build_keeps_one_entry_per_yaml_file_and_shows_edits(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site, ignore=shutil.ignore_patterns(".cache"))
    assert run_build(site / "mkdocs.yml", tmp_path / "out").returncode == 0
    assert cached_keys(site) == yaml_keys(site) != set()

    path = next((site / "minutes").glob("*/*.yaml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["meeting"]["title"] = "キャッシュ試験の題名"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_build(site / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    # The entry of the old version is pruned; both languages show the edit.
    assert cached_keys(site) == yaml_keys(site)
    meeting = data["meeting"]["id"]
    for page in (f"meetings/{meeting}/index.html", f"en/meetings/{meeting}/index.html"):
        assert "キャッシュ試験の題名" in (tmp_path / "out" / page).read_text(encoding="utf-8")


def test_cache_false_writes_no_cache(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site, ignore=shutil.ignore_patterns(".cache"))
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      minutes_dir: minutes\n", "      minutes_dir: minutes\n      cache: false\n"), encoding="utf-8")
    result = run_build(config, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert not (site / ".cache").exists()


@pytest.mark.parametrize("breaks", [False, True])
def test_a_build_leaves_the_garbage_collector_unfrozen(tmp_path: Path, breaks: bool) -> None:
    # The plugin freezes the corpus for the collector during a build (plugin.on_files); an
    # in-process build (as under `mkdocs serve`) must unfreeze it, also when it fails.
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site, ignore=shutil.ignore_patterns(".cache"))
    if breaks:  # a strict warning after on_files: a nav entry to a missing page
        config = site / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "  - 欠落: missing.md\n", encoding="utf-8")
    assert gc.get_freeze_count() == 0
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    try:
        build(config)
    except Abort:
        assert breaks
    else:
        assert not breaks
    finally:
        config.plugins.on_shutdown()  # stops the other languages' worker process
    assert gc.get_freeze_count() == 0


HOOK = '''
import sys
import weakref
from pathlib import Path

def on_env(env, config, files):
    # Mid-build, once the gijiroku plugin has frozen the corpus (on_files): is a page of the
    # previous build (garbage by now) still alive? The list outlives this module, which MkDocs
    # imports again for every build.
    previous = sys.__dict__.setdefault("gijiroku_test_previous_page", [])
    alive = any(ref() is not None for ref in previous)
    with Path(__file__).with_name("alive.txt").open("a") as out:
        out.write(f"{config.theme['language']} {alive}\\n")
    previous[:] = [weakref.ref(next(iter(files.documentation_pages())).page)]
    return env
'''


def test_serve_rebuilds_do_not_keep_the_previous_builds_alive(tmp_path: Path) -> None:
    # As `mkdocs serve` does: the config reloaded and the site rebuilt in one process. What the
    # plugin freezes for the collector must be this build's corpus, not also the garbage of the
    # build before, which would then outlive every rebuild (400 MB each at 1,000 meetings).
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site, ignore=shutil.ignore_patterns(".cache"))
    (site / "hooks.py").write_text(HOOK, encoding="utf-8")
    config_file = site / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n",
                           encoding="utf-8")
    try:
        for _ in range(3):
            config = load_config(str(config_file), site_dir=str(tmp_path / "out"))
            build(config)
    finally:
        config.plugins.on_shutdown()
        sys.__dict__.pop("gijiroku_test_previous_page", None)
    lines = (site / "alive.txt").read_text(encoding="utf-8").splitlines()
    assert sorted(lines) == ["en False"] * 3 + ["ja False"] * 3
