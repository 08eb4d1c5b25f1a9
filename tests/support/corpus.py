"""The scale benchmark's generated corpus (scripts/make_corpus.py), parsed and built as
scripts/bench.py does it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import bench
import yaml
from click.testing import CliRunner
from make_corpus import make_corpus

from gijiroku.cli import main
from support.site import build_env


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
                          env=build_env())
    assert done.returncode == 0, done.stderr
    docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(minutes.glob("*/*.yaml"))]
    return config, site, docs
