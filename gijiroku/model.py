"""The data model of one meeting's minutes.

Invariants, relied on by every stage and by the site:

* Line numbers are 1-based numbers of *physical* lines of the decoded source (after CRLF/CR
  are normalised to LF). A :class:`Span` is half-open: ``start <= line < end``.
* ``Remark.text`` and ``Item.text`` hold every non-whitespace character of their source lines,
  in source order, minus the line-leading turn marker (○) or item marker (・). Paragraphs are
  separated by a single ``"\\n"``; no other newline appears in a text.
* IDs (``Meeting.id``, ``Remark.id``, ``Item.id``) are URL-safe ASCII (``[a-z0-9-]``), unique
  site-wide, and never change once published: re-parsing a corrected source keeps the ID of
  every remark it can match to the previously published YAML (see :mod:`gijiroku.parse.ids`).
* ``hash`` is a short content hash of the normalised text; it changes whenever the text does
  and lets a reader detect that a quoted remark was corrected.
* ``page`` is the 1-based page of the source document (PDF) on which a remark or item starts.
* Nothing is lost: besides remark and item texts, the speaker prefix as written
  (``speaker["raw"]``), the ``notes`` (stage directions) and the ``layout`` lines (page
  markers, page numbers, separators) hold the remaining characters of the body, each with its
  line number.
* ``Meeting.source_url`` is "" or an absolute ``http``/``https`` URL: the official document
  (the ministry's page or PDF), from the sidecar or the series' ``source_url`` pattern
  (``Meeting.origin`` says which). ``Meeting.source`` describes the file this text was parsed
  from, which may be a copy or an extraction of that document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """Half-open range of physical source lines: ``start <= line < end`` (1-based)."""

    start: int
    end: int


@dataclass(frozen=True)
class Warning_:
    """Something odd but not fatal in the source, e.g. a weekday that contradicts the date.

    ``line`` is the 1-based physical source line the warning is about; ``hint`` says what the
    user can do about it (empty when there is nothing to do). ``kind`` names the check that
    found it (see :mod:`gijiroku.parse.checks`; empty for other warnings): the site words a warning
    in the reader's language by its kind, since ``message`` is English.

    ``args`` are the values ``message`` was made from, by name, for a kind the site can word in
    full (its strings.yml template ``warning.<kind>.detail``). Invariant: ``args`` is empty or
    ``kind`` is set, and then ``args`` holds every placeholder of that template (checked by
    tests/test_site_i18n.py); ``message`` stays the English text ``gijiroku check`` prints.
    """

    line: int
    message: str
    hint: str = ""
    kind: str = ""
    args: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Attendee:
    """A person listed as present. ``name`` has no spaces (後　藤　さちこ -> 後藤さちこ), no
    seat and no note; ``role`` is what the source gives, or the group when the group is a
    role (委員：山田太郎 -> 委員); ``group`` is the source's own heading (委員, 幹事,
    区議会事務局); ``note`` holds remarks such as 代理出席; ``seat`` is a councillor's seat
    number in ASCII digits (１番 -> "1"), as in a speaker's ``seat``."""

    name: str
    role: str
    group: str = ""
    note: str = ""
    seat: str = ""


@dataclass(frozen=True)
class Source:
    file: str  # path relative to the minutes root, with "/" separators
    sha256: str  # of the raw bytes
    encoding: str  # the codec the bytes were decoded with
    pages: int
    format: str = "text"  # "text", "pdf", "html" or "json": what the text was extracted from


@dataclass(frozen=True)
class LayoutLine:
    """A source line that is page layout or a saved page's furniture, not text."""

    line: int
    text: str
    # "page-marker", "page-number", "running-header", "separator"; in saved pages
    # "utterance-number", "search-terms", "utterance-count" or "navigation"
    # (gijiroku/data/sources.yml); in JSON records "non-speech" (a not-speech record between
    # turns)
    kind: str


@dataclass(frozen=True)
class Note:
    """A stage direction or procedure line (（報道関係者入室）, 午前11時58分　休憩), not speech."""

    line: int
    text: str


@dataclass(frozen=True)
class HeaderLine:
    """One logical line of the header (wrapped physical lines joined), kept verbatim."""

    line: int
    text: str


@dataclass
class Meeting:
    id: str
    series: str
    number: int | None
    title: str
    kind: str  # e.g. 議事要旨 or 議事録
    date: str  # ISO yyyy-mm-dd
    weekday: str  # the real weekday of ``date``, in Japanese (月..日)
    start: str | None  # "HH:MM"
    end: str | None
    venue: str
    attendees: list[Attendee]
    source: Source
    # The official document's address (absolute http/https), "" when unknown; see the invariants.
    source_url: str = ""
    agenda: list[str] = field(default_factory=list)  # agenda entries (議題/議事次第), verbatim
    # Field -> where it came from, for fields not taken from the source's header: "sidecar"
    # (NN.meta.yml, which wins over everything), "page" (a saved page's heading), "file"
    # (the file name) or "series" (series.yml's source_url pattern). Empty when the header
    # gave everything.
    origin: dict[str, str] = field(default_factory=dict)


@dataclass
class ThemeTag:
    """A theme on a remark: ``origin`` is ``auto`` (lexicon) or ``manual`` (overrides file).

    An auto tag's ``score`` is the summed weight of its distinct evidence terms (at least the
    lexicon's threshold); a manual tag has no evidence and no score (None).
    """

    theme: str
    origin: str = "auto"
    evidence: list[dict[str, Any]] = field(default_factory=list)  # {term, start, end, weight}
    score: float | None = None


@dataclass
class Item:
    """A ・ sub-item of a remark."""

    id: str
    text: str
    page: int
    lines: Span
    hash: str
    themes: list[ThemeTag] = field(default_factory=list)
    refs: list[dict[str, Any]] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Remark:
    """A ○ remark: its own text, then its ・ items in source order."""

    id: str
    number: int  # 1-based position in the meeting, for display ("remark 4"); not an identity
    text: str
    page: int
    lines: Span
    hash: str
    items: list[Item] = field(default_factory=list)
    themes: list[ThemeTag] = field(default_factory=list)
    refs: list[dict[str, Any]] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)
    # {name, role, label?, seat?, raw} (gijiroku.parse.speakers.Speaker.to_dict); None when anonymous
    speaker: dict[str, str] | None = None
    notes: list[Note] = field(default_factory=list)  # asides after the remark's start


@dataclass(frozen=True)
class Retired:
    """A published remark or item that a corrected source no longer contains.

    Kept so that its ID is never reused and its permalink still leads to a notice and the
    text as it was published.
    """

    id: str
    hash: str
    text: str


@dataclass
class Minutes:
    """Everything parsed from one source file."""

    meeting: Meeting
    header: list[HeaderLine]
    remarks: list[Remark]
    closing: str  # the closing line (以上), "" when absent
    warnings: list[Warning_] = field(default_factory=list)
    retired: list[Retired] = field(default_factory=list)
    layout: list[LayoutLine] = field(default_factory=list)
    # sha256 written by `parse --all` into the YAML beside the source, "" elsewhere: the YAML is
    # current while it matches its inputs (gijiroku/parse/fingerprint.py)
    fingerprint: str = ""
