"""A human judgement of every remark and item of the seed, against the auto tagger.

The judgement (tests/fixtures/seed_theme_judgement.yml) is what a careful reader says each text
is *about* (not merely mentions), made before tuning the lexicon and kept when the tagger
disagrees. The tagger is made to agree through the lexicon (gijiroku/data/themes.yml) only.
Where a term-based tagger cannot agree — a theme word used in passing — the case is listed in
DISAGREEMENTS with the reason and runs as a strict xfail, so a lexicon change that fixes or
breaks it is noticed.

Container remark sr06-04 (具体的な意見は６点。) is judged on its own text, like the tagger
(see gijiroku/annotate/themes.py): its six items are judged separately.

scripts/bench_tagging.py prints precision and recall over this table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gijiroku.annotate.themes import default_tagger
from gijiroku.parse.pipeline import parse_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "minutes" / "meti-smart-resilient" / "06.txt"
JUDGEMENT_FILE = ROOT / "tests" / "fixtures" / "seed_theme_judgement.yml"

JUDGEMENT: dict[str, set[str]] = {
    unit_id: set(themes)
    for unit_id, themes in yaml.safe_load(JUDGEMENT_FILE.read_text(encoding="utf-8")).items()
}

# Known disagreements of the term-based tagger: remark id -> why.
DISAGREEMENTS = {
    "sr06-24": "ＤＸ・イノベーション・人材 are named as the report's pillars in a remark about its "
               "chapter order: the tagger adds dx and talent",
}


def seed_turns() -> list[list[tuple[str, str]]]:
    """(id, text) of each remark and its items, turn by turn."""
    minutes = parse_file(SEED, ROOT / "minutes")
    return [[(unit.id, unit.text) for unit in [remark, *remark.items]] for remark in minutes.remarks]


def test_every_remark_and_item_is_judged():
    assert [unit_id for turn in seed_turns() for unit_id, _ in turn] == list(JUDGEMENT)


@pytest.fixture(scope="module")
def auto_themes() -> dict[str, set[str]]:
    """The auto themes of every unit, the meeting tagged as a whole (as parsing does)."""
    turns = seed_turns()
    tags = default_tagger().tag_meeting([[text for _, text in turn] for turn in turns])
    return {unit_id: {tag.theme for tag in unit_tags}
            for turn, turn_tags in zip(turns, tags)
            for (unit_id, _), unit_tags in zip(turn, turn_tags)}


@pytest.mark.parametrize(
    ("unit_id", "expected"),
    [
        pytest.param(unit_id, expected,
                     marks=[pytest.mark.xfail(strict=True, reason=DISAGREEMENTS[unit_id])]
                     if unit_id in DISAGREEMENTS else [])
        for unit_id, expected in JUDGEMENT.items()
    ],
)
def test_tagger_agrees_with_the_judgement(auto_themes, unit_id, expected):
    assert auto_themes[unit_id] == expected
