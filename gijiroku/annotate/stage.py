"""Stage 5, annotate: remarks -> remarks with themes, references to the report and key terms.

Themes come from the lexicon (:mod:`gijiroku.annotate.themes`; the meeting is tagged as a whole,
since a theme that is the meeting's subject weighs some words more), limited to the series' themes when its
``series.yml`` lists them (``scope``), then the meeting's hand corrections (``<NN>.themes.yml``)
are applied; references and 「」 key terms from :mod:`gijiroku.annotate.references`.
Every remark and every item is annotated on its own text (offsets index that text).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from gijiroku.annotate.overrides import apply_overrides
from gijiroku.annotate.references import find_refs, find_terms
from gijiroku.annotate.themes import Tagger
from gijiroku.errors import GijirokuError
from gijiroku.model import Item, Remark, ThemeTag
from gijiroku.series import Series

Overrides = dict[str, dict[str, Any]]


def annotate_unit(unit: Remark | Item, tags: list[ThemeTag], overrides: Overrides,
                  scope: tuple[str, ...] | None = None, **fields: Any) -> Any:
    """A copy of ``unit`` with its annotations (``tags``: its auto themes) and the other
    ``fields`` replaced."""
    correction = overrides.get(unit.id, {})
    auto = [tag for tag in tags if scope is None or tag.theme in scope]
    themes = apply_overrides(auto, correction.get("add", []), correction.get("remove", []))
    refs = find_refs(unit.text)
    return dataclasses.replace(
        unit, themes=themes, refs=refs, terms=find_terms(unit.text, refs), **fields
    )


def check_scope(series: Series, tagger: Tagger, file: str) -> None:
    """A series' ``themes:`` must name themes of the lexicon."""
    unknown = sorted(set(series.themes or ()) - set(tagger.lexicon.ids()))
    if unknown:
        where = str(Path(file).parent / "series.yml")
        raise GijirokuError(where, f"`themes` lists unknown themes: {', '.join(unknown)}",
                            f"use theme IDs of the lexicon: {', '.join(tagger.lexicon.ids())}")


def annotate(
    remarks: list[Remark], tagger: Tagger, overrides: Overrides, overrides_file: str,
    scope: tuple[str, ...] | None = None,
) -> list[Remark]:
    """Annotated copies of ``remarks``, with auto themes in ``scope`` only (None: all).

    An override for an unknown ID, or one adding a theme outside ``scope``, is an error.
    """
    known = {r.id for r in remarks} | {i.id for r in remarks for i in r.items}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise GijirokuError(
            overrides_file,
            f"theme corrections for IDs this meeting does not have: {', '.join(unknown)}",
            "fix or delete those entries; the IDs are in the meeting's YAML",
        )
    outside = sorted({theme for entry in overrides.values() for theme in entry.get("add", [])
                      if scope is not None and theme not in scope})
    if outside:
        raise GijirokuError(
            overrides_file, f"adds {', '.join(outside)}, outside the series' themes",
            "add the theme to `themes:` in the series.yml, or remove the correction",
        )
    tags = tagger.tag_meeting([[unit.text for unit in [remark, *remark.items]] for remark in remarks])
    return [
        annotate_unit(remark, own, overrides, scope,
                      items=[annotate_unit(item, item_tags, overrides, scope)
                             for item, item_tags in zip(remark.items, of_items)])
        for remark, (own, *of_items) in zip(remarks, tags)
    ]
