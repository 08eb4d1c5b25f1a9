"""The scale benchmark's pipeline at N = 5: generate, parse, build strict, check the site.

scripts/bench.py times this at N = 1, 100 and 1,000; here nothing is timed, only checked: the
generated corpus goes through the whole pipeline, the built site has every page and no broken
link, and the benchmark's own baseline and measurements run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from click.testing import CliRunner

from gijiroku.cli import main

from paths import ROOT
from test_site_links import broken_links

sys.path.insert(0, str(ROOT / "scripts"))
import bench  # noqa: E402
from make_corpus import make_corpus  # noqa: E402

N = 5


def build_corpus(work: Path, meetings: int, **plugin_options) -> tuple[Path, Path, list[dict]]:
    """Generate ``meetings`` meetings under ``work``, parse them as ``gijiroku parse --all``
    does and build their site strictly, as scripts/bench.py does, with the gijiroku plugin's
    ``plugin_options`` (e.g. ``page_size=10``) added to the mirrored mkdocs.yml (the English
    config inherits them). Returns the config, the built site and the meetings' YAML data."""
    make_corpus(meetings, seed=1, out=work / "corpus")
    minutes = work / "corpus" / "minutes"
    result = CliRunner().invoke(main, ["parse", "--all", "--root", str(minutes), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    config = bench.mirror_project(work / "project", minutes)
    if plugin_options:
        data = config.read_text(encoding="utf-8")
        anchor = "      minutes_dir: minutes\n"
        assert anchor in data, "the plugin options of mkdocs.yml changed: update build_corpus"
        options = "".join(f"      {key}: {value}\n" for key, value in plugin_options.items())
        config.write_text(data.replace(anchor, anchor + options), encoding="utf-8")
    site = work / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                           "-d", str(site)], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(minutes.glob("*/*.yaml"))]
    return config, site, docs


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench")
    return (work, *build_corpus(work, N))


def test_the_corpus_is_parsed_and_deterministic(built, tmp_path):
    work, _, _, docs = built
    assert len(docs) == N
    assert len({d["meeting"]["id"] for d in docs}) == N
    assert all(len(d["remarks"]) >= 20 for d in docs)
    make_corpus(N, seed=1, out=tmp_path)
    for source in sorted((work / "corpus" / "minutes").glob("*/*.txt")):
        again = tmp_path / source.relative_to(work / "corpus")
        assert again.read_bytes() == source.read_bytes()


def test_every_meeting_page_has_every_remark(built):
    _, config, site, docs = built
    for lang in bench.site_languages(config)[1:]:
        assert (site / lang / "index.html").is_file()
    for doc in docs:
        page = (site / "meetings" / doc["meeting"]["id"] / "index.html").read_text(encoding="utf-8")
        for remark in doc["remarks"]:
            assert f'id="{remark["id"]}"' in page
            for item in remark.get("items") or []:
                assert f'id="{item["id"]}"' in page
    for page in ("index.html", "meetings/index.html", "themes/index.html"):
        assert (site / page).is_file()


def test_no_broken_links(built):
    _, config, site, _ = built
    site_url = bench.config_data(config)["site_url"]
    assert broken_links(site, urlsplit(site_url).path or "/") == []


def test_the_benchmark_measures_the_site_and_builds_the_baseline(built):
    work, config, site, docs = built
    figures = bench.site_figures(site)
    assert figures.largest_meeting[1].endswith("index.html") and "meetings/" in figures.largest_meeting[1]
    assert figures.search_dir is not None and figures.search_bytes > 0
    assert figures.nav_links > 0
    languages = bench.site_languages(config)
    baseline = bench.baseline_build(work, work / "corpus" / "minutes", languages)
    assert baseline.wall > 0
    for lang in languages:
        for doc in docs:
            assert (work / "baseline-site" / lang / "meetings" / doc["meeting"]["id"] / "index.html").is_file()
