"""Theme metadata for the site (names and descriptions in Japanese and English).

The theme lexicon (``gijiroku/data/themes.yml``) belongs to the tagger (:mod:`gijiroku.annotate.themes`);
the site reads only its display fields, through :func:`load_theme_infos`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gijiroku.annotate.lexicon import LEXICON_PATH, load_lexicon

__all__ = ["LEXICON_PATH", "ThemeInfo", "load_theme_infos", "with_themes_in_data"]


@dataclass(frozen=True)
class ThemeInfo:
    """Display metadata of one theme; ``id`` is the fixed, URL-safe theme ID (``dx``, ...)."""

    id: str
    name: str
    name_en: str
    description: str
    description_en: str


def load_theme_infos(path: Path = LEXICON_PATH) -> list[ThemeInfo]:
    """The themes of the lexicon in file order (raises ThemesError, a GijirokuError)."""
    return [ThemeInfo(t.id, t.name_ja, t.name_en, t.description_ja, t.description_en)
            for t in load_lexicon(path).themes]


def with_themes_in_data(infos: list[ThemeInfo], used: list[str]) -> list[ThemeInfo]:
    """Lexicon themes plus any theme ID the data uses that the lexicon lacks (shown by its ID),
    so a chip never links to a page that does not exist."""
    known = {info.id for info in infos}
    extra = [ThemeInfo(tid, tid, tid, "", "") for tid in dict.fromkeys(used) if tid not in known]
    return infos + extra
