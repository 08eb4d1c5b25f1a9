"""Hand corrections of theme tags: ``minutes/<series>/<NN>.themes.yml``, read, never written.

:func:`apply_overrides` marks added tags ``origin: manual``; a tag found automatically and
also added keeps its evidence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gijiroku.annotate.lexicon import Lexicon, ThemesError, load_lexicon, read_with_lines
from gijiroku.model import ThemeTag


def apply_overrides(tags: list[ThemeTag], add: list[str], remove: list[str]) -> list[ThemeTag]:
    """Drop the themes in ``remove``; append the themes in ``add`` as ``origin: manual``.

    A theme both found automatically and listed in ``add`` keeps its auto tag and evidence
    (the evidence says why); the manual add takes over if the lexicon stops matching.
    """
    kept = [tag for tag in tags if tag.theme not in remove]
    present = {tag.theme for tag in kept}
    return kept + [ThemeTag(theme, "manual", []) for theme in add if theme not in present]


def load_overrides(path: Path, lexicon: Lexicon | None = None) -> dict[str, dict[str, Any]]:
    """Read a hand-edited ``<NN>.themes.yml``: ``{overrides: {sr06-04: {add, remove, note}}}``.

    Returns ``{remark_id: {"add": [...], "remove": [...], "note": str}}``; an absent file
    means no overrides. Theme IDs are checked against ``lexicon`` (default: the packaged
    one); remark IDs are the caller's to check.
    """
    if not path.is_file():
        return {}
    lexicon = lexicon or load_lexicon()
    known = lexicon.ids()
    data, lines = read_with_lines(path)
    if data is None:
        return {}
    if not isinstance(data, dict) or set(data) != {"overrides"} or not isinstance(
        data["overrides"], dict
    ):
        raise ThemesError(
            str(path), "expected a single `overrides:` mapping",
            "write `overrides:` then `  sr06-04: {add: [talent], remove: [dx], note: why}`",
        )
    result: dict[str, dict[str, Any]] = {}
    for remark_id, entry in data["overrides"].items():
        line = lines.get(("overrides", str(remark_id)))
        if not isinstance(entry, dict) or not set(entry) <= {"add", "remove", "note"}:
            raise ThemesError(str(path), f"{remark_id}: expected a mapping with add, remove, note",
                              "write e.g. `{add: [talent], remove: [dx], note: why}`", line=line)
        lists = {}
        for field in ("add", "remove"):
            value = entry.get(field) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ThemesError(str(path), f"{remark_id}: `{field}` must be a list of theme IDs",
                                  f"write `{field}: [dx, talent]`", line=line)
            for theme_id in value:
                if theme_id not in known:
                    raise ThemesError(
                        str(path), f"{remark_id}: unknown theme {theme_id!r} in `{field}`",
                        f"use one of {', '.join(known)}, or add the theme to {lexicon.path}",
                        line=line)
            lists[field] = list(value)
        both = sorted(set(lists["add"]) & set(lists["remove"]))
        if both:
            raise ThemesError(str(path), f"{remark_id}: {', '.join(both)} is both added and removed",
                              "keep it in one of the two lists", line=line)
        note = entry.get("note")
        result[str(remark_id)] = {**lists, "note": "" if note is None else str(note)}
    return result

