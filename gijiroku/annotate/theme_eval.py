"""Measure theme tagging against a labelled set of real turns (``tests/fixtures/theme_eval/``).

A label file is a YAML list of ``{file, key, themes, why}``: ``file`` is a path relative to the
shared folder of real minutes, ``key`` 12–24 whitespace-free characters of one turn's speech,
``themes`` what a reader says the turn is about. The labelled turn is the parsed remark whose
folded text (remark and its ・ items together; :func:`gijiroku.folding.fold`: NFKC, no
whitespace) contains the folded key; the prediction is the union of the remark's and its items'
auto tags. Labels are matched independently of how a parser version segments or numbers turns,
so a label can fail to match: its file does not parse, no remark holds the key, or the key's
remark also holds another label's key (two turns merged into one remark). Such labels are
counted per file and reason, never silently dropped, and are left out of the scores.

Scores are over (turn, theme) pairs: per theme true positives, false positives and false
negatives, precision and recall; and a confusion table of labelled theme × predicted theme.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from gijiroku.errors import GijirokuError
from gijiroku.folding import fold
from gijiroku.model import Minutes, Remark
from gijiroku.yamlio import read_yaml

NONE = "(none)"  # the confusion table's row/column for "no theme"


@dataclass(frozen=True)
class Label:
    """One labelled turn. ``themes`` may be empty (the turn is about none of the themes)."""

    file: str
    key: str
    themes: frozenset[str]


@dataclass(frozen=True)
class Outcome:
    """A label and what the tagger said about its turn (``predicted`` is None when unmatched)."""

    label: Label
    predicted: frozenset[str] | None
    reason: str = ""  # why unmatched: "parse error", "no remark", "merged"


@dataclass
class ThemeCounts:
    """(turn, theme) pair counts of one theme. Invariant: all counts >= 0."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Report:
    """The outcome of every label, with its scores (see the module docstring)."""

    outcomes: list[Outcome]
    themes: list[str]
    counts: dict[str, ThemeCounts] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def unmatched(self) -> dict[str, Counter[str]]:
        """Unmatched labels by file, counted by reason."""
        out: dict[str, Counter[str]] = defaultdict(Counter)
        for outcome in self.outcomes:
            if outcome.predicted is None:
                out[outcome.label.file][outcome.reason] += 1
        return dict(out)

    def matched(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.predicted is not None]


def load_labels(path: Path) -> list[Label]:
    """The labels of one file (a YAML list of ``{file, key, themes, why}``)."""
    entries = read_yaml(path) or []
    if not isinstance(entries, list):
        raise GijirokuError(str(path), "expected a list of labels",
                            "write `- {file: ..., key: ..., themes: [...]}` entries")
    labels = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not {"file", "key"} <= set(entry):
            raise GijirokuError(str(path), f"label #{number} needs `file` and `key`",
                                "see tests/fixtures/theme_eval/RULES.md")
        labels.append(Label(str(entry["file"]), str(entry["key"]),
                            frozenset(entry.get("themes") or ())))
    return labels


def turn_themes(remark: Remark) -> frozenset[str]:
    """The auto themes of a turn: its remark's and its items' (manual tags are not the tagger's)."""
    return frozenset(tag.theme for unit in [remark, *remark.items] for tag in unit.themes
                     if tag.origin == "auto")


def match_file(labels: list[Label], minutes: Minutes | None) -> list[Outcome]:
    """Each label of one file with the themes of its turn, or why it has none."""
    if minutes is None:
        return [Outcome(label, None, "parse error") for label in labels]
    turns = [(fold("".join(u.text for u in [r, *r.items])), r) for r in minutes.remarks]
    found: dict[Label, Remark | None] = {}
    for label in labels:
        key = fold(label.key)
        found[label] = next((remark for text, remark in turns if key in text), None)
    holders = Counter(id(remark) for remark in found.values() if remark is not None)
    outcomes = []
    for label, remark in found.items():
        if remark is None:
            outcomes.append(Outcome(label, None, "no remark"))
        elif holders[id(remark)] > 1:
            outcomes.append(Outcome(label, None, "merged"))
        else:
            outcomes.append(Outcome(label, turn_themes(remark)))
    return outcomes


def evaluate(labels: list[Label], parse: Callable[[str], Minutes | None],
             themes: list[str]) -> Report:
    """Score ``labels``; ``parse(file)`` gives a file's tagged minutes (None if it fails)."""
    by_file: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        by_file[label.file].append(label)
    outcomes = [o for file, group in by_file.items() for o in match_file(group, parse(file))]
    report = Report(outcomes, themes, {theme: ThemeCounts() for theme in themes})
    for outcome in report.matched():
        gold, predicted = outcome.label.themes, outcome.predicted or frozenset()
        for theme in themes:
            counts = report.counts[theme]
            counts.tp += theme in gold and theme in predicted
            counts.fp += theme not in gold and theme in predicted
            counts.fn += theme in gold and theme not in predicted
        for row in sorted(gold) or [NONE]:
            for column in sorted(predicted) or [NONE]:
                report.confusion[row, column] += 1
    return report


def micro(report: Report) -> ThemeCounts:
    """All themes' counts summed."""
    total = ThemeCounts()
    for counts in report.counts.values():
        total.tp += counts.tp
        total.fp += counts.fp
        total.fn += counts.fn
    return total
