"""Stage 1 of the site: the minutes directory -> a :class:`Corpus` of series and meetings.

The site reads the committed YAML (the published data contract, ``gijiroku/minutes/1``) as plain
dicts rather than re-parsing sources: what the site shows is exactly what the data download holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from gijiroku.errors import GijirokuError
from gijiroku.site.i18n import Translation, load_translation, translation_paths
from gijiroku.series import SERIES_FILE, Series, load_series

WEEKDAYS_JA = "月火水木金土日"


@dataclass(frozen=True)
class Unit:
    """One addressable piece of a meeting: a remark or one of its items.

    ``label`` is the display number ("4" for a remark, "4-1" for its first item); ``data`` is the
    remark or item dict from the YAML, whose ``text`` offsets (evidence, refs, terms) index into
    ``data["text"]``.
    """

    id: str
    label: str
    parent: str | None  # the remark ID of an item, None for a remark
    data: dict[str, Any]

    @property
    def text(self) -> str:
        return self.data["text"]

    @property
    def page(self) -> int:
        return self.data["page"]


@dataclass
class MeetingDoc:
    """One meeting: its series, the YAML as loaded, and where its YAML and source live.

    Invariant: ``data`` follows the ``gijiroku/minutes/1`` shape; ``source_path`` may be missing
    on disk (then the site says so instead of linking a dead file). ``translations`` holds the
    hand-maintained ``NN.<lang>.yml`` files beside the YAML, by language code.
    """

    series: Series
    data: dict[str, Any]
    yaml_path: Path
    source_path: Path
    translations: dict[str, Translation] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.data["meeting"]["id"]

    @property
    def meeting(self) -> dict[str, Any]:
        return self.data["meeting"]

    @property
    def remarks(self) -> list[dict[str, Any]]:
        return self.data.get("remarks") or []

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.meeting["date"])

    @property
    def weekday(self) -> str:
        # Computed from the date, not copied from the source header: the seed's header says
        # （月） for a Tuesday, and the site must show the real weekday.
        return WEEKDAYS_JA[self.date.weekday()]

    def units(self) -> Iterator[Unit]:
        """Every remark, each followed by its items, in source order."""
        for remark in self.remarks:
            yield Unit(remark["id"], str(remark["number"]), None, remark)
            for index, item in enumerate(remark.get("items") or [], start=1):
                yield Unit(item["id"], f"{remark['number']}-{index}", remark["id"], item)


@dataclass
class Corpus:
    """All series and meetings under one minutes directory, meetings ordered by date then ID."""

    root: Path
    meetings: list[MeetingDoc] = field(default_factory=list)

    def series(self) -> list[Series]:
        seen: dict[str, Series] = {}
        for doc in self.meetings:
            seen.setdefault(doc.series.slug, doc.series)
        return list(seen.values())


# libyaml's parser when PyYAML has it: the pure-Python one was half of a 1,000-meeting build.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Parsed meeting YAML by path, kept while the file's (mtime, size) is unchanged: the second
# language's build and every `mkdocs serve` rebuild (same process) then re-read only the files
# that changed. The dicts are shared, so the site treats them as read-only.
_YAML_CACHE: dict[Path, tuple[tuple[int, int], dict[str, Any]]] = {}


def _load_yaml(path: Path) -> dict[str, Any]:
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _YAML_CACHE.get(path)
    if cached and cached[0] == key:
        return cached[1]
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise GijirokuError(str(path), f"invalid YAML: {getattr(error, 'problem', error)}",
                            "regenerate it with `gijiroku parse --all` or fix the syntax",
                            line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict) or not isinstance(data.get("meeting"), dict):
        raise GijirokuError(str(path), "not a minutes YAML (no `meeting` mapping)",
                            "regenerate it with `gijiroku parse --all`")
    _YAML_CACHE[path] = (key, data)
    return data


def load_corpus(root: Path) -> Corpus:
    """Load every ``<series>/*.yaml`` beside a ``series.yml`` under ``root``."""
    if not root.is_dir():
        raise GijirokuError(str(root), "minutes directory not found",
                            "set the plugin option `minutes_dir` in mkdocs.yml to the folder "
                            "holding <series>/series.yml and the meeting YAML files")
    meetings: list[MeetingDoc] = []
    for series_file in sorted(root.glob(f"*/{SERIES_FILE}")):
        series = load_series(series_file.parent)
        for path in sorted(series_file.parent.glob("*.yaml")):
            data = _load_yaml(path)
            source = data["meeting"].get("source") or {}
            source_path = root / source["file"] if source.get("file") else path.with_suffix(".txt")
            translations = {lang: load_translation(file, lang)
                            for lang, file in translation_paths(path).items()}
            meetings.append(MeetingDoc(series, data, path, source_path, translations))
    meetings.sort(key=lambda doc: (doc.meeting["date"], doc.id))
    return Corpus(root, meetings)
