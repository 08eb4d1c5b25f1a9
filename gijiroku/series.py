"""The series file (``series.yml``) beside a series' minutes: study group title, organiser, code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from gijiroku.errors import GijirokuError
from gijiroku.ids import is_valid_id

SERIES_FILE = "series.yml"
REQUIRED = ("slug", "code", "title", "organiser")


@dataclass(frozen=True)
class Series:
    slug: str
    code: str  # prefix of every ID of this series: [a-z0-9]+, unique site-wide
    title: str
    organiser: str
    title_en: str = ""
    organiser_en: str = ""
    # The themes that apply to this series (``themes:`` in series.yml); None: every theme.
    themes: tuple[str, ...] | None = None


def load_series(directory: Path) -> Series:
    path = directory / SERIES_FILE
    if not path.is_file():
        raise GijirokuError(
            str(path), "no series file beside the minutes",
            f"create {path} with slug, code, title and organiser (see minutes/*/series.yml)",
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        raise GijirokuError(
            str(path), f"invalid YAML: {error}", "fix the YAML syntax",
            line=line + 1 if line is not None else None,
        ) from None
    missing = [key for key in REQUIRED if not data.get(key)]
    if missing:
        raise GijirokuError(str(path), f"missing keys: {', '.join(missing)}",
                            "add them; see minutes/meti-smart-resilient/series.yml")
    code = str(data["code"])
    if not is_valid_id(code) or "-" in code:
        raise GijirokuError(str(path), f"code {code!r} is not lowercase ASCII letters and digits",
                            "use a short code such as 'sr'; it prefixes every remark ID")
    themes = data.get("themes")
    if themes is not None and (not isinstance(themes, list)
                               or not all(isinstance(t, str) and t for t in themes)):
        raise GijirokuError(str(path), "`themes` must be a list of theme IDs",
                            "write e.g. `themes: [dx, regional-finance]`, or leave it out for all")
    return Series(
        slug=str(data["slug"]), code=code, title=str(data["title"]),
        organiser=str(data["organiser"]), title_en=str(data.get("title_en", "")),
        organiser_en=str(data.get("organiser_en", "")),
        themes=None if themes is None else tuple(themes),
    )
