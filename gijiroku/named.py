"""Which speakers name a person: the one rule for the speaker pages (gijiroku/site/speakers.py)
and the search's speaker filter (gijiroku/search/index.py).

A speaker is named when it has a name, no anonymised label (（Ａ委員）) and a name that is not a
placeholder for one (○○委員, 某委員; the placeholder marks are data:
``gijiroku/data/speaker_pages.yml``). Offices named by their role alone (事務局) have no name.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from gijiroku.folding import without_whitespace


@lru_cache(maxsize=1)
def placeholder_marks() -> frozenset[str]:
    """The characters a placeholder name is made of (data/speaker_pages.yml)."""
    text = resources.files("gijiroku").joinpath("data/speaker_pages.yml").read_text(encoding="utf-8")
    return frozenset(yaml.safe_load(text)["placeholder_marks"])


def is_named(speaker: dict[str, Any] | None) -> bool:
    """Whether a remark's speaker is a named person (see the module docstring)."""
    if not speaker or speaker.get("label"):
        return False
    name = without_whitespace(speaker.get("name") or "")
    return bool(name) and not set(name) <= placeholder_marks()
