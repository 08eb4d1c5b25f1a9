"""The README's commands, as tests that compare them with CI and the deploy workflow read them."""

from __future__ import annotations

import re

from support.paths import ROOT

README = ROOT / "README.md"


def quick_start_commands() -> list[str]:
    """The quick start's two commands: the build's, then the tests'."""
    section = README.read_text(encoding="utf-8").split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)[1]
    return [line for line in block.splitlines() if line.strip()]


def section(title: str) -> str:
    """The README's ``## title`` section, up to the next ``## `` heading."""
    text = README.read_text(encoding="utf-8")
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]
