"""The series file (``series.yml``) beside a series' minutes: study group title, organiser, code.

A loose file (``gijiroku parse ~/Downloads/x.pdf``) has no series file beside it: it gets a
series derived from its file name (slug and code), and a warning saying how to make it
permanent.

``source_url`` (optional) is the address pattern of the series' official documents, a Python
format string over the meeting's ``number`` (an int: ``{number:03d}``) and ``date`` (a date:
``{date}`` is 2021-06-01, ``{date:%Y%m%d}`` 20210601), e.g.
``https://www.meti.go.jp/…/{number:03d}_gijiyoshi.pdf``. It gives ``meeting.source_url`` to
every meeting whose sidecar does not state one; it is checked when the file is read (fields,
format specs, an absolute http(s) URL), with the file and line of a mistake.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass
from pathlib import Path

from gijiroku.errors import GijirokuError
from gijiroku.model import Warning_
from gijiroku.parse.ids import is_valid_id
from gijiroku.parse.sidecar import is_web_url
from gijiroku.yamlio import key_lines, read_yaml_node

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
    # The study group's own page on its organiser's site (``url:``, optional): an absolute
    # http(s) URL, shown on the series page as its official link. "" for none.
    url: str = ""
    # The official documents' address pattern (see the module docstring); "" for none. Checked
    # by check_source_url_pattern when read from a file.
    source_url: str = ""

    def official_url(self, number: int | None, date: str) -> str | None:
        """The meeting's official address from :attr:`source_url`: "" without a pattern, None
        when the pattern needs the number and the meeting has none."""
        if not self.source_url:
            return ""
        if number is None and "number" in pattern_fields(self.source_url):
            return None
        return self.source_url.format(number=number, date=dt.date.fromisoformat(date))


# What a source_url pattern may use, with the values it is tried with when it is read.
PATTERN_SAMPLES = {"number": 7, "date": dt.date(2021, 6, 1)}
PATTERN_HINT = ("write the address of one meeting's document with {number} (e.g. {number:03d} "
                "for 007) or {date} (e.g. {date:%Y%m%d} for 20210601) where it changes, e.g. "
                "`source_url: https://www.example.go.jp/kenkyukai/{number:03d}.pdf`")


def pattern_fields(pattern: str) -> set[str]:
    """The names of the replacement fields of format string ``pattern``."""
    return {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}


def check_source_url_pattern(pattern: object, file: str, line: int | None) -> str:
    """``pattern`` (series.yml's ``source_url``) if it is a usable pattern; else an error at
    ``file``:``line`` saying what is wrong."""
    def error(message: str) -> GijirokuError:
        return GijirokuError(file, message, PATTERN_HINT, line=line)

    if not isinstance(pattern, str) or not pattern.strip():
        raise error("source_url must be one address pattern (a string)")
    try:
        fields = pattern_fields(pattern)
        unknown = sorted(fields - set(PATTERN_SAMPLES))
        if unknown:
            raise error(f"source_url uses {{{unknown[0]}}}; a pattern can use only "
                        + " and ".join(f"{{{name}}}" for name in PATTERN_SAMPLES))
        sample = pattern.format(**PATTERN_SAMPLES)
    except (ValueError, TypeError, IndexError, KeyError) as problem:
        raise error(f"source_url {pattern!r} is not a valid pattern: {problem}") from None
    if not is_web_url(sample):
        raise error(f"source_url {pattern!r} does not make an absolute http(s) URL (e.g. {sample!r})")
    return pattern


def load_series(directory: Path) -> Series:
    return load_series_file(directory / SERIES_FILE)


def find_series(source: Path, series_file: Path | None = None) -> tuple[Series, bool]:
    """The series of ``source`` and whether it was derived (no series file anywhere)."""
    if series_file is not None:
        return load_series_file(series_file), False
    if (source.parent / SERIES_FILE).is_file():
        return load_series(source.parent), False
    return derived_series(source), True


def derived_series(source: Path) -> Series:
    """A series for a loose file: slug and code from its name's ASCII letters and digits."""
    slug = re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-") or "minutes"
    code = re.sub(r"[^a-z]", "", slug)[:8] or "m"
    return Series(slug=slug, code=code, title=source.stem, organiser="")


# A meeting's number in its title (第３回会議, 第 1 回, （第２回）): the series' title is the rest.
_MEETING_NUMBER = re.compile(r"[（(]?第\s*[0-9０-９一二三四五六七八九十]+\s*回(?:会議)?[）)]?")


def series_title(meeting_title: str) -> str:
    """The title of a meeting's series: the meeting's title without the meeting's number."""
    return re.sub(r"\s+", " ", _MEETING_NUMBER.sub(" ", meeting_title)).strip() or meeting_title


def loose_series_warning(source: Path, series: Series, title: str) -> Warning_:
    path = source.parent / SERIES_FILE
    return Warning_(
        1,
        f"no {SERIES_FILE} beside {source.name}: the series {series.slug!r} (ID code "
        f"{series.code!r}) was derived from the file name",
        f"to make it permanent, create {path} with the lines `slug: {series.slug}`, "
        f"`code: {series.code}`, `title: {series_title(title)}`, "
        "`organiser: <who held the meeting>`, or name an existing one with --series",
    )


def load_series_file(path: Path) -> Series:
    if not path.is_file():
        raise GijirokuError(
            str(path), "no series file beside the minutes",
            f"create {path} with slug, code, title and organiser (see minutes/*/series.yml)",
        )
    data, node = read_yaml_node(path)
    data = data or {}
    if not isinstance(data, dict):
        raise GijirokuError(str(path), "not a mapping of slug, code, title and organiser",
                            "see minutes/meti-smart-resilient/series.yml")
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
    url = data.get("url") or ""
    if url and not (isinstance(url, str) and is_web_url(url)):
        raise GijirokuError(str(path), f"`url` {url!r} is not an absolute http(s) URL",
                            "write the study group's official page, e.g. "
                            "`url: https://www.meti.go.jp/shingikai/…`, or leave it out",
                            line=key_lines(node).get(("url",)))
    return Series(
        slug=str(data["slug"]), code=code, title=str(data["title"]),
        organiser=str(data["organiser"]), title_en=str(data.get("title_en", "")),
        organiser_en=str(data.get("organiser_en", "")),
        themes=None if themes is None else tuple(themes), url=url,
        source_url="" if data.get("source_url") is None else check_source_url_pattern(
            data["source_url"], str(path), key_lines(node).get(("source_url",))),
    )



def unique_series(found: dict[Path, Series]) -> None:
    """Raise naming both files when two series (by their ``series.yml`` path) share a code or
    a slug: their meetings would get the same IDs and pages."""
    seen: dict[tuple[str, str], Path] = {}
    for path, series in found.items():
        for key in (("code", series.code), ("slug", series.slug)):
            if key in seen:
                raise GijirokuError(
                    str(path), f"series {key[0]} {key[1]!r} is also the {key[0]} of {seen[key]}",
                    f"give each series its own {key[0]}: the {key[0]} is part of every ID and "
                    "address of its meetings")
            seen[key] = path
