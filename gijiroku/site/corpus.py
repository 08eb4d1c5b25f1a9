"""Stage 1 of the site: the minutes directory -> a :class:`Corpus` of series and meetings.

The site reads the committed YAML (the published data contract, ``gijiroku/minutes/1``) as plain
dicts rather than re-parsing sources: what the site shows is exactly what the data download holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from gijiroku.errors import GijirokuError
from gijiroku.limits import MAX_YAML_BYTES, read_bytes
from gijiroku.paths import inside, key_line
from gijiroku.parse.dates import weekday_ja
from gijiroku.parse.pipeline import sources_under
from gijiroku.site.cache import YamlCache, digest
from gijiroku.site.i18n import Translation, load_translation, translation_paths
from gijiroku.series import SERIES_FILE, Series, load_series, unique_series
from gijiroku.yamlio import parse_yaml_bytes


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
        return weekday_ja(self.date)

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
    #: The :class:`~gijiroku.site.cache.YamlCache` keys of the meeting YAML files read.
    cache_keys: set[str] = field(default_factory=set)

    def series(self) -> list[Series]:
        seen: dict[str, Series] = {}
        for doc in self.meetings:
            seen.setdefault(doc.series.slug, doc.series)
        return list(seen.values())


# Parsed meeting YAML by path, kept while the file's (mtime, size) is unchanged, with its cache
# key: the second language's build and every `mkdocs serve` rebuild (same process) then re-read
# only the files that changed. The dicts are shared, so the site treats them as read-only.
_YAML_CACHE: dict[Path, tuple[tuple[int, int], str, dict[str, Any]]] = {}


def _is_minutes(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("meeting"), dict)


def _parse_yaml(path: Path, content: bytes) -> dict[str, Any]:
    data = parse_yaml_bytes(content, str(path), "regenerate it with `gijiroku parse --all` (which "
                            "writes UTF-8) or fix the syntax")
    if not _is_minutes(data):
        raise GijirokuError(str(path), "not a minutes YAML (no `meeting` mapping)",
                            "regenerate it with `gijiroku parse --all`")
    problem = _shape_problem(data)
    if problem:
        raise GijirokuError(str(path), f"not a minutes YAML: {problem}",
                            "regenerate it with `gijiroku parse --all`, or restore it from git")
    return data


# The fields the pages read without a default, by kind of record, with their types.
_MEETING_FIELDS = {"id": str, "title": str, "date": str}
_UNIT_FIELDS = {"id": str, "text": str, "page": int}


def _missing(record: Any, fields: dict[str, type]) -> str | None:
    """The first of ``fields`` that ``record`` lacks (or holds with another type)."""
    if not isinstance(record, dict):
        return "(the whole entry: not a mapping)"
    return next((f"`{name}`" for name, kind in fields.items()
                 if not isinstance(record.get(name), kind)), None)


def _shape_problem(data: dict[str, Any]) -> str | None:
    """What a hand-edited meeting YAML lacks that the pages need (else the build would stop
    with a traceback), as "remarks #3: `page`"; None when the shape is right. Checked once per
    file content: the cache keeps only YAML that passed."""
    missing = _missing(data["meeting"], _MEETING_FIELDS)
    if missing:
        return f"meeting: {missing} is missing or not a string"
    try:
        dt.date.fromisoformat(data["meeting"]["date"])
    except ValueError:
        return f"meeting: `date` {data['meeting']['date']!r} is not a YYYY-MM-DD date"
    remarks = data.get("remarks") or []
    if not isinstance(remarks, list):
        return "`remarks` is not a list"
    for number, remark in enumerate(remarks, start=1):
        items = remark.get("items") or [] if isinstance(remark, dict) else []
        units = [(f"remarks #{number}", remark, {**_UNIT_FIELDS, "number": int})]
        units += [(f"remarks #{number} item #{k}", item, _UNIT_FIELDS)
                  for k, item in enumerate(items if isinstance(items, list) else [None], start=1)]
        for where, unit, fields in units:
            missing = _missing(unit, fields)
            if missing:
                return f"{where}: {missing} is missing or of the wrong type"
            themes = unit.get("themes") or []
            if not isinstance(themes, list) or not all(
                    isinstance(tag, dict) and isinstance(tag.get("theme"), str) for tag in themes):
                return f"{where}: `themes` is not a list of {{theme: …}} mappings"
    return None


def _load_yaml(path: Path, cache: YamlCache | None) -> tuple[str, dict[str, Any]]:
    """``(cache key, data)`` of one meeting YAML: from memory, from ``cache``, or parsed."""
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _YAML_CACHE.get(path)
    if cached and cached[0] == stamp:
        return cached[1], cached[2]
    content = read_bytes(path, MAX_YAML_BYTES, "YAML file", "regenerate it with `gijiroku parse --all`")
    key = digest(content)
    data = cache.get(key) if cache else None
    if not _is_minutes(data):  # a miss (or an entry that is not the YAML's data)
        data = _parse_yaml(path, content)
        if cache:
            cache.put(key, data)
    _YAML_CACHE[path] = (stamp, key, data)
    return key, data


def load_corpus(root: Path, cache: YamlCache | None = None, backwards: bool = False) -> Corpus:
    """Load every ``<series>/*.yaml`` beside a ``series.yml`` under ``root``.

    With a ``cache``, parsed YAML is taken from and stored into it (``Corpus.cache_keys`` lists
    the entries used). ``backwards`` reads the files in reverse order, for the same result:
    two builds started together (one per language) then parse from opposite ends, each
    finding in the cache what the other has parsed, and meet in the middle.
    """
    if not root.is_dir():
        raise GijirokuError(str(root), "minutes directory not found",
                            "set the plugin option `minutes_dir` in mkdocs.yml to the folder "
                            "holding <series>/series.yml and the meeting YAML files")
    paths = [(series_file.parent, path) for series_file in sorted(root.glob(f"*/{SERIES_FILE}"))
             for path in sorted(series_file.parent.glob("*.yaml"))]
    for series_file in root.glob(f"*/{SERIES_FILE}"):
        inside(series_file, root, "series file")
    for _, path in paths:
        inside(path, root, "meeting YAML")
    loaded = {path: _load_yaml(path, cache) for _, path in (reversed(paths) if backwards else paths)}
    series_by_folder = {folder: load_series(folder) for folder in dict.fromkeys(f for f, _ in paths)}
    unique_series({folder / SERIES_FILE: series for folder, series in series_by_folder.items()})
    meetings: list[MeetingDoc] = []
    for folder, path in paths:
        data = loaded[path][1]
        translations = {lang: load_translation(inside(file, root, "translation"), lang)
                        for lang, file in translation_paths(path).items()}
        meetings.append(MeetingDoc(series_by_folder[folder], data, path, source_path(root, path, data),
                                   translations))
    _unique_meetings(meetings)
    meetings.sort(key=lambda doc: (doc.meeting["date"], doc.id))
    return Corpus(root, meetings, {key for key, _ in loaded.values()})


def source_path(root: Path, yaml_file: Path, data: dict[str, Any]) -> Path:
    """The source a meeting YAML names (``meeting.source.file``, relative to ``root``; else the
    ``.txt`` beside it), checked to resolve inside ``root``: the site publishes it."""
    named = (data["meeting"].get("source") or {}).get("file")
    if named is not None and not isinstance(named, str):
        raise GijirokuError(str(yaml_file), "meeting.source.file is not a path",
                            "regenerate it with `gijiroku parse --all`")
    path = root / named if named else yaml_file.with_suffix(".txt")
    if not path.resolve().is_relative_to(root.resolve()):  # an error: find its line
        line = key_line(yaml_file.read_text(encoding="utf-8"), "source", "file") if named else None
        inside(path, root, "meeting.source.file" if named else "source", str(yaml_file), line)
    return path


# SHA-256 of each source by path, kept while its (mtime, size) is unchanged (as _YAML_CACHE).
_SOURCE_DIGESTS: dict[Path, tuple[tuple[int, int], str]] = {}


def source_digest(path: Path) -> str:
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _SOURCE_DIGESTS.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    with path.open("rb") as handle:
        digest_ = hashlib.file_digest(handle, "sha256").hexdigest()
    _SOURCE_DIGESTS[path] = (stamp, digest_)
    return digest_


FIX = "run `gijiroku parse --all`, then build again"


def freshness_warnings(corpus: Corpus) -> list[str]:
    """What the site would publish out of date: a meeting YAML whose source changed since it
    was parsed (its ``meeting.source.sha256`` differs: the pages would show the old remarks
    beside the new source), and a source that has no YAML (missing from the site)."""
    warnings = []
    published: set[Path] = set()
    for doc in corpus.meetings:
        if not doc.source_path.is_file():
            continue  # the plugin says so: the page will not link it
        published.add(doc.source_path.resolve())
        if source_digest(doc.source_path) != (doc.meeting.get("source") or {}).get("sha256"):
            warnings.append(f"{doc.yaml_path}: stale: {doc.source_path} changed after this YAML "
                            f"was made from it (meeting.source.sha256 differs); {FIX}")
    for source in sources_under(corpus.root):
        if source.resolve() not in published:
            warnings.append(f"{source}: this source has no YAML, so it is not on the site; {FIX}")
    return warnings


def _unique_meetings(meetings: list[MeetingDoc]) -> None:
    """Two YAML files with the same meeting ID would publish the same page: name both."""
    seen: dict[str, Path] = {}
    for doc in meetings:
        if doc.id in seen:
            raise GijirokuError(str(doc.yaml_path), f"meeting ID {doc.id!r} is also the ID of "
                                f"{seen[doc.id]}", "keep one YAML per meeting (one source per "
                                "meeting number), or give the series different codes")
        seen[doc.id] = doc.yaml_path
