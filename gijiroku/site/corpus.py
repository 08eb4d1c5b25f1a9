"""Stage 1 of the site: the minutes directory -> a :class:`Corpus` of series and meetings.

The site reads the committed YAML (the published data contract, ``gijiroku/minutes/1``) rather
than re-parsing sources, into the typed model of :mod:`gijiroku.model`
(:func:`gijiroku.serialize.minutes_from_dict`): what the site shows is exactly what the data
download holds, and no page reads the document by string keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import InitVar, dataclass, field
from pathlib import Path
from typing import Any, Iterator

from gijiroku.errors import GijirokuError
from gijiroku.limits import MAX_YAML_BYTES, read_bytes
from gijiroku.model import Item, Minutes, Note, Remark, ThemeTag
from gijiroku.paths import inside, key_line
from gijiroku.files import sources_under
from gijiroku.serialize import ContractError, minutes_from_dict
from gijiroku.site.cache import YamlCache, digest
from gijiroku.site.i18n import Translation, load_translation, translation_paths
from gijiroku.series import SERIES_FILE, Series, load_series, unique_series
from gijiroku.yamlio import parse_yaml_bytes


@dataclass(frozen=True)
class Unit:
    """One addressable piece of a meeting: a remark or one of its items.

    ``label`` is the display number ("4" for a remark, "4-1" for its first item); ``node`` is the
    :class:`~gijiroku.model.Remark` or :class:`~gijiroku.model.Item`, whose ``text`` offsets
    (evidence, refs, terms) index into ``node.text``.
    """

    id: str
    label: str
    parent: str | None  # the remark ID of an item, None for a remark
    node: Remark | Item

    @property
    def text(self) -> str:
        return self.node.text

    @property
    def page(self) -> int:
        return self.node.page

    @property
    def hash(self) -> str:
        return self.node.hash

    @property
    def themes(self) -> list[ThemeTag]:
        return self.node.themes

    @property
    def refs(self) -> list[dict[str, Any]]:
        return self.node.refs

    @property
    def terms(self) -> list[dict[str, Any]]:
        return self.node.terms

    @property
    def speaker(self) -> dict[str, str] | None:
        """A remark's speaker (None when anonymous); None for an item."""
        return self.node.speaker if isinstance(self.node, Remark) else None

    @property
    def notes(self) -> list[Note]:
        """A remark's stage directions; none for an item."""
        return self.node.notes if isinstance(self.node, Remark) else []


@dataclass
class MeetingDoc:
    """One meeting: its series, its minutes, and where its YAML and source live.

    Invariants: ``minutes`` is the typed model of ``data``, the YAML document as loaded (which the
    JSON download writes as it is; read fields from ``minutes``, never from ``data``). Built from
    ``data`` unless ``loaded`` gives it (the corpus loader's cache); a ``data`` the model cannot
    hold raises :class:`~gijiroku.serialize.ContractError`. ``source_path`` may be missing on disk
    (then the site says so instead of linking a dead file). ``translations`` holds the
    hand-maintained ``NN.<lang>.yml`` files beside the YAML, by language code.
    """

    series: Series
    data: dict[str, Any]
    yaml_path: Path
    source_path: Path
    translations: dict[str, Translation] = field(default_factory=dict)
    minutes: Minutes = field(init=False, repr=False, compare=False)
    loaded: InitVar[Minutes | None] = None

    def __post_init__(self, loaded: Minutes | None) -> None:
        self.minutes = loaded if loaded is not None else minutes_from_dict(self.data)

    @property
    def id(self) -> str:
        return self.minutes.meeting.id

    @property
    def remarks(self) -> list[Remark]:
        return self.minutes.remarks

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.minutes.meeting.date)

    @property
    def weekday(self) -> str:
        # The YAML's weekday, not the source's: the parser computes it from the date (the seed's
        # header says （月） for a Tuesday; that stays in the header text and in a warning) and
        # the loader checks it against the date, so the site shows the real weekday.
        return self.minutes.meeting.weekday

    def units(self) -> Iterator[Unit]:
        """Every remark, each followed by its items, in source order."""
        for remark in self.minutes.remarks:
            yield Unit(remark.id, str(remark.number), None, remark)
            for index, item in enumerate(remark.items, start=1):
                yield Unit(item.id, f"{remark.number}-{index}", remark.id, item)


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


@dataclass(frozen=True)
class Loaded:
    """One meeting YAML as read: its cache key, the document and its typed model."""

    key: str
    data: dict[str, Any]
    minutes: Minutes


# Meeting YAML read by path, kept while the file's (mtime, size) is unchanged: the second
# language's build and every `mkdocs serve` rebuild (same process) then re-read only the files
# that changed. The documents and models are shared, so the site treats them as read-only.
_YAML_CACHE: dict[Path, tuple[tuple[int, int], Loaded]] = {}

_REGENERATE = "regenerate it with `gijiroku parse --all`, or restore it from git"


def _is_minutes(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("meeting"), dict)


def _parse_yaml(path: Path, content: bytes) -> dict[str, Any]:
    data = parse_yaml_bytes(content, str(path), "regenerate it with `gijiroku parse --all` (which "
                            "writes UTF-8) or fix the syntax")
    if not _is_minutes(data):
        raise GijirokuError(str(path), "not a minutes YAML (no `meeting` mapping)",
                            "regenerate it with `gijiroku parse --all`")
    return data


def _typed(path: Path, data: dict[str, Any]) -> Minutes:
    """The model of a meeting YAML; what a hand-edited one lacks is named (not a traceback)."""
    try:
        return minutes_from_dict(data)
    except ContractError as error:
        raise GijirokuError(str(path), f"not a minutes YAML: {error}", _REGENERATE) from None


def _from_cache(cache: YamlCache | None, key: str) -> tuple[dict[str, Any], Minutes] | None:
    """A cached document and its model; None on a miss, or for an entry that is not a meeting
    the model can hold (the cache only stores ones that were)."""
    data = cache.get(key) if cache else None
    if not _is_minutes(data):
        return None
    try:
        return data, minutes_from_dict(data)
    except ContractError:
        return None


def _load_yaml(path: Path, cache: YamlCache | None) -> Loaded:
    """One meeting YAML: from memory, from ``cache``, or parsed (then stored in ``cache``)."""
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _YAML_CACHE.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    content = read_bytes(path, MAX_YAML_BYTES, "YAML file", "regenerate it with `gijiroku parse --all`")
    key = digest(content)
    hit = _from_cache(cache, key)
    if hit is None:
        data = _parse_yaml(path, content)
        hit = data, _typed(path, data)
        if cache:
            cache.put(key, data)
    loaded = Loaded(key, *hit)
    _YAML_CACHE[path] = (stamp, loaded)
    return loaded


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
        doc = loaded[path]
        translations = {lang: load_translation(inside(file, root, "translation"), lang)
                        for lang, file in translation_paths(path).items()}
        meetings.append(MeetingDoc(series_by_folder[folder], doc.data, path,
                                   source_path(root, path, doc.minutes), translations, doc.minutes))
    _unique_meetings(meetings)
    meetings.sort(key=lambda doc: (doc.minutes.meeting.date, doc.id))
    return Corpus(root, meetings, {doc.key for doc in loaded.values()})


def source_path(root: Path, yaml_file: Path, minutes: Minutes) -> Path:
    """The source a meeting YAML names (``meeting.source.file``, relative to ``root``; else the
    ``.txt`` beside it), checked to resolve inside ``root``: the site publishes it."""
    named = minutes.meeting.source.file
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
        if source_digest(doc.source_path) != doc.minutes.meeting.source.sha256:
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
