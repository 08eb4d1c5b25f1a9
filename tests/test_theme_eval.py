"""Scoring the tagger against labelled turns (gijiroku.annotate.theme_eval), on the seed as a stand-in.

The labels below are written for this test against the seed's text; the predictions are the
tagger's auto tags of the seed (without hand corrections), which the seed's judgement
(tests/fixtures/seed_theme_judgement.yml) lists: sr06-19 regional-finance; sr06-07 none;
sr06-04's items talent, dx + talent, universities, talent.
"""

from __future__ import annotations

from collections import Counter

import pytest

from gijiroku.annotate.theme_eval import NONE, Label, evaluate, load_labels, micro
from gijiroku.errors import GijirokuError
from gijiroku.parse.pipeline import parse_bytes
from gijiroku.series import load_series
from support.paths import MINUTES

SEED = MINUTES / "meti-smart-resilient" / "06.txt"
THEMES = ["dx", "talent", "universities", "regional-finance", "decentralization"]


def label(key: str, *themes: str, file: str = "06.txt") -> Label:
    return Label(file, key, frozenset(themes))


LABELS = [
    label("地域金融機関が更に真剣に", "regional-finance"),  # sr06-19: agreed
    label("「繋がる」ということが 強調される", "dx"),  # sr06-07: missed (whitespace in a key is folded away)
    label("具体的な意見は６点", "talent"),  # sr06-04: the turn is the remark with its items
    label("高度人材を地域外から引き寄せる"),  # sr06-21 twice: merged, not scored
    label("地域内で高度人材を育てる"),
    label("この文はどの発言にもない"),  # no remark holds it
    label("地域金融機関", file="other.txt"),  # the file does not parse
]


@pytest.fixture(scope="module")
def report():
    seed = parse_bytes(SEED.read_bytes(), "06.txt", load_series(SEED.parent))
    return evaluate(LABELS, lambda file: seed if file == "06.txt" else None, THEMES)


@pytest.mark.parametrize(
    ("theme", "tp", "fp", "fn"),
    [("dx", 0, 1, 1), ("talent", 1, 0, 0), ("universities", 0, 1, 0),
     ("regional-finance", 1, 0, 0), ("decentralization", 0, 0, 0)],
)
def test_counts_per_theme(report, theme, tp, fp, fn):
    counts = report.counts[theme]
    assert (counts.tp, counts.fp, counts.fn) == (tp, fp, fn)


def test_precision_recall_and_micro(report):
    total = micro(report)
    assert (total.tp, total.fp, total.fn) == (2, 2, 1)
    assert total.precision == 0.5 and total.recall == 2 / 3
    assert report.counts["decentralization"].precision is None  # no prediction: undefined, not 1


def test_confusion_counts_turns_by_labelled_and_predicted_theme(report):
    assert report.confusion == Counter({
        ("regional-finance", "regional-finance"): 1,
        ("dx", NONE): 1,
        ("talent", "dx"): 1, ("talent", "talent"): 1, ("talent", "universities"): 1,
    })


def test_unmatched_labels_are_reported_per_file_and_reason(report):
    assert report.unmatched() == {"06.txt": Counter({"merged": 2, "no remark": 1}),
                                  "other.txt": Counter({"parse error": 1})}
    assert len(report.matched()) == 3


def test_load_labels(tmp_path):
    path = tmp_path / "tune.yml"
    path.write_text("- {file: a.txt, key: 電子船荷証券の発行について, themes: [dx], why: x}\n"
                    "- {file: a.txt, key: 異議なしと認めますので}\n", encoding="utf-8")
    assert load_labels(path) == [label("電子船荷証券の発行について", "dx", file="a.txt"),
                                 label("異議なしと認めますので", file="a.txt")]


@pytest.mark.parametrize("content", ["{file: a.txt}\n", "- {key: abc}\n"])
def test_malformed_labels_are_an_error(tmp_path, content):
    path = tmp_path / "tune.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GijirokuError, match=str(path)):
        load_labels(path)
