"""Where a meeting's files live: sources and what is written beside them in ``minutes/<series>/``.

Shared by parsing (which reads a source and writes its YAML) and the site (which lists the
sources to find stale or missing YAML), so that the site need not import the parser.
"""

from __future__ import annotations

from pathlib import Path

# Sources: minutes text, a PDF, a saved HTML page or a JSON API record (the bytes decide how
# each is read).
SOURCE_SUFFIXES = (".txt", ".pdf", ".html", ".htm", ".json")


def sources_under(root: Path) -> list[Path]:
    """Every source of every series under the minutes ``root`` (``<series>/<file>``)."""
    return sorted(p for p in root.glob("*/*") if p.suffix.lower() in SOURCE_SUFFIXES)


def yaml_path(source: Path) -> Path:
    """Where the YAML of a source lives: beside it, same stem."""
    return source.with_suffix(".yaml")


def overrides_path(source: Path) -> Path:
    """The hand-edited theme corrections of a meeting: ``NN.themes.yml`` beside its source."""
    return source.with_suffix(".themes.yml")


def relative_name(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with "/" separators, or as given when outside it."""
    resolved = path.resolve()
    return resolved.relative_to(root.resolve()).as_posix() if resolved.is_relative_to(
        root.resolve()) else str(path)
