"""The site's languages: UI strings, translations of meetings, the bilingual glossary.

* UI strings live in one table, ``strings.yml`` beside this module (key -> text per language);
  :class:`Strings` looks them up for one language.
* A meeting ``<series>/NN.yaml`` may have hand-maintained translations ``NN.<lang>.yml`` keyed
  by remark/item ID (:class:`Translation`; parsing never writes them).
* The bilingual glossary ``gijiroku/data/glossary.yml`` (:class:`GlossaryEntry`) is what the
  translations follow; the glossary page shows it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gijiroku.errors import GijirokuError
from gijiroku.folding import fold as fold_key
from gijiroku.parse.dates import weekday_en
from gijiroku.yamlio import read_yaml

LANGUAGES = ("ja", "en")
STRINGS_PATH = Path(__file__).resolve().parent / "strings.yml"
GLOSSARY_PATH = Path(__file__).resolve().parent.parent / "data" / "glossary.yml"
MONTHS_EN = ("January February March April May June July August September October November "
             "December").split()
# A translation file is <meeting stem>.<language>.yml; NN.themes.yml is not one.
TRANSLATION_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.yml$")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@dataclass(frozen=True)
class Strings:
    """The UI strings of one language. Invariant: every entry of ``table`` has a text for every
    language in :data:`LANGUAGES`, with the same placeholders (checked by :func:`load_strings`)."""

    language: str
    table: dict[str, dict[str, str]]
    # Escaped texts by key, made on first use by html(): pages use some on every remark.
    _escaped: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __call__(self, key: str, **values: Any) -> str:
        """The plain text of ``key`` (the caller escapes it)."""
        return self.table[key][self.language].format(**values)

    def get(self, key: str, default: str) -> str:
        """The text of ``key`` if the table has it (for keys made from data, such as roles)."""
        return self.table[key][self.language] if key in self.table else default

    def html(self, key: str, **markup: str) -> str:
        """``key`` escaped as HTML, its placeholders filled with ``markup`` (already HTML)."""
        escaped = self._escaped.get(key)
        if escaped is None:
            escaped = self._escaped[key] = html.escape(self.table[key][self.language])
        return escaped.format(**markup)


def load_strings(language: str, path: Path = STRINGS_PATH) -> Strings:
    if language not in LANGUAGES:
        raise GijirokuError(str(path), f"no UI strings for language {language!r}",
                            f"set theme.language to one of {', '.join(LANGUAGES)}")
    table = read_yaml(path, "fix the YAML syntax of the UI strings table")
    problems = []
    for key, texts in (table or {}).items():
        if not isinstance(texts, dict) or not all(isinstance(texts.get(lang), str)
                                                  for lang in LANGUAGES):
            problems.append(f"{key}: needs a string for each of {', '.join(LANGUAGES)}")
        elif len({frozenset(placeholders(texts[lang])) for lang in LANGUAGES}) > 1:
            problems.append(f"{key}: the languages use different {{placeholders}}")
    if problems:
        raise GijirokuError(str(path), "; ".join(problems), "complete the entries")
    return Strings(language, table)


# --- dates and numbers ------------------------------------------------------------------------

def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def date_en(date: dt.date, weekday: bool = False) -> str:
    text = f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"
    return f"{weekday_en(date)}, {text}" if weekday else text


# --- translations of meetings -----------------------------------------------------------------

@dataclass(frozen=True)
class UnitTranslation:
    """The translation of one remark or item: ``source_hash`` is the ``hash`` of the Japanese it
    was made from (a different current hash means the Japanese was corrected since)."""

    text: str
    status: str  # unofficial | official
    source_hash: str


@dataclass
class Translation:
    """A meeting's hand-maintained translation (``NN.<lang>.yml``).

    ``meeting`` holds the meeting-level strings (title, kind, venue, intro, attendees_heading,
    roles, closing), any of which may be missing; ``attendees`` maps a Japanese name to its
    romanisation; ``units`` maps a remark/item ID to its translation. IDs the meeting lacks are
    kept (tests/test_translations.py reports them); the site ignores them.
    """

    language: str
    path: Path
    meeting: dict[str, Any] = field(default_factory=dict)
    attendees: dict[str, str] = field(default_factory=dict)
    units: dict[str, UnitTranslation] = field(default_factory=dict)


def translation_paths(meeting_yaml: Path) -> dict[str, Path]:
    """The translation files beside ``<dir>/NN.yaml``, by language code."""
    found = {}
    for path in sorted(meeting_yaml.parent.glob(f"{meeting_yaml.stem}.*.yml")):
        match = TRANSLATION_NAME.match(path.name)
        if match and match["stem"] == meeting_yaml.stem and match["lang"] in LANGUAGES:
            found[match["lang"]] = path
    return found


def load_translation(path: Path, language: str) -> Translation:
    hint = "fix the translation file; its shape is described at the top of minutes/*/*.en.yml"
    data = read_yaml(path, hint)
    if not isinstance(data, dict) or not isinstance(data.get("remarks") or {}, dict):
        raise GijirokuError(str(path), "not a translation file (expected a mapping with "
                            "`remarks:` keyed by remark ID)", hint)
    units = {}
    for unit_id, entry in (data.get("remarks") or {}).items():
        if not (isinstance(entry, dict) and isinstance(entry.get("text"), str)):
            raise GijirokuError(str(path), f"{unit_id}: expected `text`, `status` and "
                                "`source_hash`", hint)
        units[str(unit_id)] = UnitTranslation(entry["text"], str(entry.get("status", "unofficial")),
                                              str(entry.get("source_hash", "")))
    return Translation(language, path, dict(data.get("meeting") or {}),
                       {str(k): str(v) for k, v in (data.get("attendees") or {}).items()}, units)


# --- the bilingual glossary -------------------------------------------------------------------

@dataclass(frozen=True)
class GlossaryEntry:
    """One glossary entry (see the comment at the top of glossary.yml)."""

    ja: str
    en: str
    ja_variants: tuple[str, ...] = ()
    note: str = ""
    official: bool = False
    note_ja: str = ""  # `note` in Japanese, for the Japanese site

    def note_in(self, language: str) -> str:
        """The note in ``language``: Japanese on the Japanese site, else the English note."""
        return self.note_ja if language == "ja" else self.note


def load_glossary(path: Path = GLOSSARY_PATH) -> list[GlossaryEntry]:
    data = read_yaml(path, "fix the YAML syntax of the glossary")
    return [GlossaryEntry(e["ja"], e["en"], tuple(e.get("ja_variants") or ()), e.get("note") or "",
                          bool(e.get("official")), e.get("note_ja") or "")
            for e in (data or {}).get("entries") or []]


def glossary_entry(entries: list[GlossaryEntry], term: str) -> GlossaryEntry | None:
    key = fold_key(term)
    return next((e for e in entries
                 if any(fold_key(form) == key for form in (e.ja, *e.ja_variants))), None)
