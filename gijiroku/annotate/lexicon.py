"""The theme lexicon: ``gijiroku/data/themes.yml`` (hand-edited) -> a validated :class:`Lexicon`.

See :mod:`gijiroku.annotate.themes` for what the strengths, scoring, meeting subjects,
procedural phrases and accounting lines mean when tagging. Every mistake in the file is a :class:`ThemesError` naming
the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gijiroku.errors import GijirokuError
from gijiroku.folding import fold
from gijiroku.yamlio import key_lines, read_yaml_node

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "themes.yml"

THEME_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


class ThemesError(GijirokuError, ValueError):
    """A mistake in a hand-edited lexicon or overrides file (a ValueError, printed by the CLI)."""


@dataclass(frozen=True)
class Theme:
    """A theme of the lexicon. ``id`` is URL-safe ASCII and never renamed; ``terms`` non-empty."""

    id: str
    name_ja: str
    name_en: str
    description_ja: str
    description_en: str
    terms: tuple[str, ...]  # strong terms
    weak: tuple[str, ...] = ()
    other_senses: tuple[str, ...] = ()
    # weak, except in a meeting whose subject is the theme (:class:`Subject`): there they are
    # strong (システム in a meeting on electronic records is the record's system)
    subject_terms: tuple[str, ...] = ()


STRENGTHS = ("strong", "weak", "other_senses")
THEME_KEYS = ("id", "name", "description", "terms", "weak", "subject_terms", "other_senses")


@dataclass(frozen=True)
class Scoring:
    """What a match of each strength weighs, and the score a theme needs to be tagged.

    Invariant: ``0 < weak < threshold <= strong``, ``window > 0`` and ``other_senses == 0`` (a
    strong term tags alone, a weak one never does, a compound in another sense only blocks). A
    weak match counts only when another term of its theme starts within ``window`` characters.
    """

    strong: float = 1.0
    weak: float = 0.5
    threshold: float = 1.0
    window: int = 200
    other_senses: float = 0.0


@dataclass(frozen=True)
class Subject:
    """When a theme is a meeting's subject: its auto tags are on at least ``share`` of the
    meeting's turns and on at least ``lead`` times as many turns as any other theme's (a
    meeting on several themes has no one subject), and the meeting has at least ``min_turns``
    turns (a short one says little about its subject). Invariant: ``0 < share <= 1``,
    ``lead >= 1``, ``min_turns >= 1``. Absent from the lexicon: no meeting has a subject
    (``share`` above 1 can never be reached)."""

    share: float = 2.0
    lead: float = 1.0
    min_turns: int = 1

    def of(self, turns: list[set[str]]) -> frozenset[str]:
        """The subject of a meeting whose turns have the auto themes ``turns`` (empty: none)."""
        counts: dict[str, int] = {}
        for themes in turns:
            for theme in themes:
                counts[theme] = counts.get(theme, 0) + 1
        if len(turns) < self.min_turns or not counts:
            return frozenset()
        first, *others = sorted(counts.items(), key=lambda item: -item[1])
        theme, count = first
        runner_up = max((n for _, n in others), default=0)
        if count >= self.share * len(turns) and count >= self.lead * runner_up:
            return frozenset({theme})
        return frozenset()


@dataclass(frozen=True)
class Procedural:
    """Phrases that make a short text a procedural turn (「…を議題とします」), which has no theme
    whatever words its quoted titles hold. Invariant: ``max_length > 0``; phrases are folded."""

    phrases: tuple[str, ...] = ()
    max_length: int = 300

    def applies(self, folded: str) -> bool:
        """Whether ``folded`` (a folded text) is a procedural turn."""
        return len(folded) <= self.max_length and any(p in folded for p in self.phrases)


# Where a sentence ends, for :class:`AccountingLines` (a line break ends one too: budget
# explanations put one accounting line on a line).
SENTENCE_ENDS = re.compile(r"[。．！？!?\n]")


@dataclass(frozen=True)
class AccountingLines:
    """Phrases that make a text a budget explanation (「既定の歳入歳出予算の総額に…」), which reads
    out accounting lines: a line naming a measure (タブレット端末修繕料, 移住支援金の返還) mentions
    it in passing. In such a text a theme needs evidence of ``min_terms`` different terms in
    ``min_terms`` different sentences: a measure the speaker dwells on, not one line.
    Invariant: ``min_terms >= 2`` (one term is one line); phrases are folded."""

    phrases: tuple[str, ...] = ()
    min_terms: int = 2

    def applies(self, folded: str) -> bool:
        """Whether ``folded`` (a folded text) is a budget explanation."""
        return any(p in folded for p in self.phrases)

    def dwells(self, text: str, evidence: list[dict[str, Any]]) -> bool:
        """Whether ``evidence`` (found in ``text``) spreads over ``min_terms`` different terms
        and ``min_terms`` different sentences of ``text``."""
        sentences = {len(SENTENCE_ENDS.findall(text, 0, hit["start"])) for hit in evidence}
        terms = {hit["term"] for hit in evidence}
        return min(len(sentences), len(terms)) >= self.min_terms


@dataclass(frozen=True)
class Lexicon:
    """Validated lexicon: theme IDs unique, in file order (the order tags are listed in)."""

    path: Path
    themes: tuple[Theme, ...]
    scoring: Scoring = Scoring()
    procedural: Procedural = Procedural()
    accounting_lines: AccountingLines = AccountingLines()
    subject: Subject = Subject()

    def ids(self) -> list[str]:
        return [theme.id for theme in self.themes]


def read_with_lines(path: Path) -> tuple[Any, dict[tuple[str, ...], int]]:
    """The data of a hand-edited YAML file and the line of each key path
    (:func:`gijiroku.yamlio.key_lines`); its YAML errors as :class:`ThemesError`."""
    try:
        data, node = read_yaml_node(path, "fix the YAML syntax (indentation, quotes, colons)")
    except GijirokuError as error:
        raise ThemesError(error.file, error.message, error.hint, error.line) from None
    return data, key_lines(node)


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read and validate a lexicon file (default: the packaged ``gijiroku/data/themes.yml``).

    Raises :class:`ThemesError` (a ValueError) naming the file, line and problem.
    """
    path = LEXICON_PATH if path is None else path
    data, lines = read_with_lines(path)
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list) or not data["themes"]:
        raise ThemesError(str(path), "the lexicon has no `themes:` list",
                          "start the file with `themes:` followed by one `- id: ...` block per theme")
    themes = []
    seen: set[str] = set()
    for index, entry in enumerate(data["themes"]):
        line = lines.get(("themes", str(index)))

        def fail(message: str, hint: str) -> ThemesError:
            return ThemesError(str(path), message, hint, line=line)

        if not isinstance(entry, dict):
            raise fail(f"theme #{index + 1} is not a mapping",
                       "write `- id: ...` with name, description, terms")
        theme_id = entry.get("id")
        if not isinstance(theme_id, str) or not THEME_ID.match(theme_id):
            raise fail(f"theme #{index + 1} has id {theme_id!r}",
                       "use a lower-case ASCII id of letters, digits and hyphens, e.g. regional-finance")
        if theme_id in seen:
            raise fail(f"theme id {theme_id!r} appears twice",
                       "theme ids must be unique; merge the two blocks")
        seen.add(theme_id)
        unknown = set(entry) - set(THEME_KEYS)
        if unknown:
            raise fail(f"theme {theme_id!r} has unknown keys: {', '.join(sorted(map(str, unknown)))}",
                       f"allowed keys are {', '.join(THEME_KEYS)}")
        texts = {}
        for field in ("name", "description"):
            value = entry.get(field)
            if not isinstance(value, dict) or not _text(value.get("ja")) or not _text(value.get("en")):
                raise fail(f"theme {theme_id!r} needs `{field}` with non-empty `ja` and `en`",
                           f"write `{field}: {{ja: ..., en: ...}}`")
            texts[field] = (value["ja"].strip(), value["en"].strip())
        terms = entry.get("terms")
        if not isinstance(terms, list) or not terms or not all(_text(t) for t in terms):
            raise fail(f"theme {theme_id!r} needs a non-empty `terms` list of non-empty strings",
                       "list the words that signal the theme, one `- term` a line")
        lists = [terms]
        for field in ("weak", "other_senses", "subject_terms"):
            value = entry.get(field) or []
            if not isinstance(value, list) or not all(_text(t) for t in value):
                raise fail(f"theme {theme_id!r}: `{field}` must be a list of non-empty strings",
                           "one `- term` a line")
            lists.append(value)
        every = [t for group in lists for t in group]
        duplicates = sorted({t for t in every if every.count(t) > 1})
        if duplicates:
            raise fail(f"theme {theme_id!r} lists {', '.join(duplicates)} more than once", "keep one")
        themes.append(Theme(theme_id, *texts["name"], *texts["description"],
                            *(tuple(t.strip() for t in group) for group in lists)))
    return Lexicon(path, tuple(themes), _scoring(path, data.get("scoring"), lines.get(("scoring",))),
                   _procedural(path, data.get("procedural"), lines.get(("procedural",))),
                   _accounting_lines(path, data.get("accounting_lines"),
                                     lines.get(("accounting_lines",))),
                   _subject(path, data.get("subject"), lines.get(("subject",))))


def _subject(path: Path, value: Any, line: int | None) -> Subject:
    """The lexicon's ``subject:`` block (absent: no meeting has a subject), validated."""
    if value is None:
        return Subject()
    fields = ("share", "lead", "min_turns")
    share, lead, min_turns = (value.get(f) for f in fields) if isinstance(value, dict) \
        else (None, None, None)

    def number(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    if (not isinstance(value, dict) or set(value) != set(fields)
            or not number(share) or not 0 < share <= 1 or not number(lead) or lead < 1
            or not isinstance(min_turns, int) or isinstance(min_turns, bool) or min_turns < 1):
        raise ThemesError(str(path), "`subject` needs a `share` above 0 and at most 1, a `lead`"
                          " of 1 or more and a `min_turns` of 1 or more",
                          "write `subject: {share: 0.25, lead: 2, min_turns: 10}`", line=line)
    return Subject(float(share), float(lead), min_turns)


def _phrases_and_count(path: Path, value: dict | Any, line: int | None, block: str, count: str,
                       minimum: int, example: str) -> tuple[tuple[str, ...], int]:
    """A ``{phrases: [...], <count>: n}`` block (``procedural``, ``accounting_lines``), validated:
    its folded phrases and its whole number ``n >= minimum``."""
    phrases, number = (value.get("phrases"), value.get(count)) if isinstance(value, dict) else (None, None)
    if (not isinstance(value, dict) or set(value) != {"phrases", count}
            or not isinstance(phrases, list) or not all(_text(p) for p in phrases)
            or not isinstance(number, int) or isinstance(number, bool) or number < minimum):
        raise ThemesError(str(path), f"`{block}` needs `phrases` (a list of strings) and"
                          f" `{count}` ({minimum} or more)", f"write `{block}: {example}`", line=line)
    return tuple(fold(p) for p in phrases), number


def _procedural(path: Path, value: Any, line: int | None) -> Procedural:
    """The lexicon's ``procedural:`` block (absent: none), validated."""
    if value is None:
        return Procedural()
    return Procedural(*_phrases_and_count(path, value, line, "procedural", "max_length", 1,
                                          "{max_length: 300, phrases: [を議題とします]}"))


def _accounting_lines(path: Path, value: Any, line: int | None) -> AccountingLines:
    """The lexicon's ``accounting_lines:`` block (absent: none), validated."""
    if value is None:
        return AccountingLines()
    return AccountingLines(*_phrases_and_count(path, value, line, "accounting_lines", "min_terms", 2,
                                               "{min_terms: 2, phrases: [歳入歳出予算の総額]}"))


def _scoring(path: Path, value: Any, line: int | None) -> Scoring:
    """The lexicon's ``scoring:`` block (absent: the defaults of :class:`Scoring`), validated."""
    if value is None:
        return Scoring()
    fields = {"strong", "weak", "threshold", "window"}
    if (not isinstance(value, dict) or set(value) != fields
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values())):
        raise ThemesError(str(path), "`scoring` needs numbers strong, weak, threshold and window",
                          "write `scoring: {strong: 1.0, weak: 0.5, threshold: 1.0, window: 200}`",
                          line=line)
    scoring = Scoring(float(value["strong"]), float(value["weak"]), float(value["threshold"]),
                      int(value["window"]))
    if not 0 < scoring.weak < scoring.threshold <= scoring.strong or scoring.window <= 0:
        raise ThemesError(str(path), "`scoring` must have 0 < weak < threshold <= strong, window > 0",
                          "a strong term tags alone, a weak one only with support", line=line)
    return scoring


