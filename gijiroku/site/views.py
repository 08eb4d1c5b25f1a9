"""Stage 2 of the site: a :class:`Site` -> the data each generated page's template shows, in
the site's language (``Site.t``, the UI strings of one language).

Each page kind has a view function here (``meeting_view``, ``theme_view``, …) that returns the
template's context: plain values (strings, numbers, named tuples, lists and dicts of them). The
HTML is in the page templates, ``gijiroku/site/theme/gijiroku/<kind>.html`` and their partials,
which a site's ``theme.custom_dir`` can override (README, "Custom page templates"); the plugin
renders them with MkDocs' Jinja environment (:mod:`gijiroku.site.plugin`).

Safety: the templates are autoescaped (:func:`gijiroku.site.html.install`), so a value from the
minutes, a translation or the glossary is escaped wherever a template prints it. Values that are
already HTML are :class:`~markupsafe.Markup`: a remark's text with its highlights
(:func:`~gijiroku.site.html.text_html`), UI strings with HTML inside (:meth:`Site.html`) and
escaped labels made once per site (:meth:`Site.label`, :func:`meeting_name`).

Links: every href is relative to the page it appears on (:meth:`Site.href`), because MkDocs does
not rewrite links in the pages' HTML; links into the other language's site go through
:meth:`Site.lang_href`; absolute URLs (citations, CSV) come from ``site_url`` (SITE_URL), and
without one they are relative too (:meth:`Site.permalink`, :func:`site_link`).

Long lists (a theme's remarks, the references to the report, the key terms' uses, the meetings
on the meetings and data pages) grow with the corpus, so they are split over pages
(:class:`Listing`): page 1 keeps the list's address (``themes/dx/``), page k is ``themes/dx/k/``,
and a pager links first/previous/next/last — never a link per page, so a page's size does not
grow with the number of pages. A group (a meeting, a reference, a term, a series) that continues
onto the next page repeats its heading there, marked as continued and without its anchor. Every
link to an entry of a list (a theme chip to its remark, the term index to a term) goes to the
page holding it.

Speed: a 1,000-meeting site has some 1,600 pages with 75,000 remark blocks, so what many pages
share is made once per :class:`Site` (its units and theme tags, escaped UI labels, a meeting's
name, a unit's head and chip targets: :meth:`Site.memo`, :meth:`Site.unit_memo`).

Languages: a Japanese page shows the minutes as published. An English page shows each remark's
translation (``NN.en.yml``) with an "unofficial translation" label and the Japanese original
in a ``<details>`` beside it; a remark without a translation shows the Japanese with a notice,
never an empty block. Highlights (theme evidence, references, key terms) are offsets into the
Japanese text, so English pages show them in the Japanese original.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Hashable, Iterable, NamedTuple, Sequence, TypeVar
from urllib.parse import urlencode, urlsplit

import yaml
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from gijiroku import model
from gijiroku.folding import without_whitespace
from gijiroku.site.cite import KIND_EN, browser_facts, browser_units, cite, meeting_title_en
from gijiroku.site.corpus import Corpus, MeetingDoc, Unit
from gijiroku.site.exports import series_zip_name
from gijiroku.site.html import markup, text_html
from gijiroku.site.i18n import (GlossaryEntry, Strings, UnitTranslation, date_en, glossary_entry,
                                load_strings)
from gijiroku.site.parts import MeetingPart, id_runs
from gijiroku.site.speakers import (Person, is_named, series_people, speaker_key, speaker_stem,
                                    speakers_stem, stem_parts)
from gijiroku.site.theme_info import ThemeInfo

HOME_RECENT = 10  # meetings listed per series on Home; the full list is on the meetings page
T = TypeVar("T")


def valid_spans(text: str, entries: Iterable[dict[str, Any]], key: str) -> list[tuple[int, int]]:
    """Offsets of ``entries`` whose ``text[start:end]`` really is ``entry[key]``; a stale offset
    is dropped rather than highlighting the wrong characters (the data test catches it)."""
    return [(e["start"], e["end"]) for e in entries
            if isinstance(e.get("start"), int) and text[e["start"]:e["end"]] == e.get(key)]


def evidence_spans(text: str, evidence: Iterable[dict[str, Any]]) -> list[tuple[int, int]]:
    """Offsets of theme evidence inside ``text``. Unlike quotations, a theme term's surface may
    differ from the term (an inflected verb 育っ for 育つ, spaced PDF text 人 材 for 人材), so
    only the bounds are checked; stale YAML is caught by ``gijiroku check`` and the tests."""
    return [(e["start"], e["end"]) for e in evidence
            if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
            and 0 <= e["start"] < e["end"] <= len(text)]


# --- pagination ---------------------------------------------------------------------------

def paginate(count: int, size: int) -> list[range]:
    """The pages of a list of ``count`` entries, ``size`` entries a page: consecutive ranges of
    entry indices covering ``range(count)`` in order, all full but the last. Always at least one
    page (an empty list still has its first page, which says so)."""
    if size < 1:
        raise ValueError(f"page size must be at least 1, not {size}")
    return [range(start, min(start + size, count)) for start in range(0, count, size)] or [range(0)]


@dataclass(frozen=True)
class Run:
    """Consecutive entries of one group (a meeting, a reference, a term) on one page.
    ``continued``: the group began on an earlier page, so its heading is repeated without its
    anchor (the anchor stays on the page where the group starts)."""

    key: Hashable
    span: range
    continued: bool


def runs(keys: Sequence[Hashable], span: range) -> list[Run]:
    """The runs of equal consecutive ``keys`` within ``span`` (a page, or a run of an outer
    grouping), in order; ``keys`` is the group key of every entry of the whole list."""
    out = []
    for key, indices in itertools.groupby(span, key=keys.__getitem__):
        indices = list(indices)
        start = indices[0]
        out.append(Run(key, range(start, indices[-1] + 1), start > 0 and keys[start - 1] == key))
    return out


@dataclass
class Listing:
    """One long list of entries, shown ``size`` entries a page.

    Invariants: ``keys[i]`` is the group of ``entries[i]`` and the entries of a group are
    consecutive; ``targets`` maps what links point at (a remark ID, a term, a reference) to the
    index of its first entry; ``urls[k]`` is the site URL of page k (0-based), one URL per page
    of :attr:`spans` (``urls[0]`` is the list's own address): the plugin adds the pages of
    :func:`page_count` entries, and makes the listing with their URLs.
    """

    entries: list[Any]
    keys: list[Hashable]
    size: int
    targets: dict[Hashable, int] = field(default_factory=dict)
    urls: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, rows: Iterable[tuple[Hashable, Hashable, Any]], size: int,
           urls: Sequence[str] = ()) -> "Listing":
        """A listing of ``(group key, link target, entry)`` rows, in order."""
        listing = cls([], [], size, urls=list(urls))
        for index, (key, target, entry) in enumerate(rows):
            listing.entries.append(entry)
            listing.keys.append(key)
            listing.targets.setdefault(target, index)
        return listing

    @property
    def spans(self) -> list[range]:
        return paginate(len(self.entries), self.size)

    def span(self, number: int) -> range:
        """The entries of page ``number`` (0-based): ``spans[number]``, without making every
        page's span (a page is rendered in time independent of the number of pages)."""
        start = number * self.size
        return range(start, min(start + self.size, len(self.entries)))

    def url_of(self, target: Hashable) -> str:
        """The URL of the page holding ``target`` (the first page when it is not listed)."""
        index = self.targets.get(target)
        return self.urls[0] if index is None else self.urls[index // self.size]


def theme_stem(theme_id: str) -> str:
    """The listing key of a theme: its page 1 is ``<stem>.md``, page k ``<stem>/<k>.md``."""
    return f"themes/{theme_id}"


def series_stem(slug: str) -> str:
    """The listing key of a series' page (its meetings): ``series/<slug>.md``, then k."""
    return f"series/{slug}"


@dataclass
class Paths:
    """Site-relative URLs of the generated files, as MkDocs computed them (``File.url``)."""

    home: str = ""
    meetings: str = ""
    themes: str = ""
    report: str = ""
    glossary: str = ""
    data: str = ""
    csv: str = ""  # the zip of the CSV of every remark
    json_zip: str = ""  # the zip of every meeting's JSON (exports.meetings_json_zip)
    series_csv: dict[str, str] = field(default_factory=dict)  # series slug -> the zip of its remarks' CSV
    schema: str | None = None
    theme_rules: str = ""  # the hand-written page on how themes are assigned (docs/), if any
    meeting: dict[str, str] = field(default_factory=dict)
    # The parts of each meeting split into several pages (site/parts.py; a meeting of one page
    # has none), and the URL of the part holding each of their units by unit ID.
    parts: dict[str, list[MeetingPart]] = field(default_factory=dict)
    unit_page: dict[str, str] = field(default_factory=dict)
    theme: dict[str, str] = field(default_factory=dict)
    yaml: dict[str, str] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)  # only sources that exist on disk
    # meeting ID -> language -> URL of its translation file
    translation: dict[str, dict[str, str]] = field(default_factory=dict)
    series: dict[str, str] = field(default_factory=dict)  # series slug -> its page
    # The Atom feeds (gijiroku/site/feeds.py): site-wide, by series slug, by theme ID.
    feed: str = ""
    series_feed: dict[str, str] = field(default_factory=dict)
    theme_feed: dict[str, str] = field(default_factory=dict)
    # Speaker pages (gijiroku/site/speakers.py): page 1 of each by its listing stem
    # (speaker_stem), and each series' speakers index by series slug.
    speaker: dict[str, str] = field(default_factory=dict)
    speakers: dict[str, str] = field(default_factory=dict)
    # The path from this build's root to the root whose build wrote the data files (csv,
    # schema, yaml, json_zip, source, translation): "" when this build wrote them, "../" from a
    # secondary language's build, whose pages link the default build's (one copy of each).
    data_root: str = ""
    search: str = ""  # the search page (gijiroku/site/search.py), "" before it is added


@dataclass
class Site:
    """Everything a page needs. ``roots`` maps each language of the site to the path from this
    build's root to that language's root ("" for this build's own language, "en/" from the
    Japanese site, "../" from the English one); empty when the site has one language."""

    corpus: Corpus
    themes: list[ThemeInfo]
    paths: Paths
    site_url: str  # this language's published address ("" when SITE_URL is unset)
    t: Strings = field(default_factory=lambda: load_strings("ja"))
    glossary: list[GlossaryEntry] = field(default_factory=list)
    roots: dict[str, str] = field(default_factory=dict)
    # The paginated lists by stem ("themes/<id>", "report", "glossary", "meetings", "data"),
    # with their pages' URLs (see listing_rows()): made by the plugin before the Site.
    listings: dict[str, Listing] = field(default_factory=dict)
    # Every meeting's units by meeting ID (corpus_units()); made from the corpus when not given.
    units: dict[str, list[Unit]] = field(default_factory=dict)

    # Relative URLs by (url, here): the same few targets (theme pages, meetings) are linked
    # from every entry of a page, and get_relative_url splits both paths on each call.
    _relative: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False)
    # Pieces of HTML shown many times over (a UI label on every remark, a meeting's name with
    # each of its remarks on the listing pages), by (kind, key): see memo().
    _memo: dict[tuple[str, Hashable], Any] = field(default_factory=dict, init=False, repr=False)
    # Pieces of a unit's HTML, by (kind, unit ID), each with its unit: see unit_memo().
    _unit_memo: dict[tuple[str, str], tuple[Unit, Any]] = field(default_factory=dict, init=False,
                                                                repr=False)

    # The corpus, themes and strings do not change once the site is made (the plugin makes a
    # new Site for every build), so what every page derives from them is computed once.

    @cached_property
    def lang(self) -> str:
        return self.t.language

    def __post_init__(self) -> None:
        if not self.units:
            self.units = corpus_units(self.corpus)

    @cached_property
    def theme_tags(self) -> dict[str, list[tuple[MeetingDoc, Unit, dict[str, Any]]]]:
        return theme_tags(self.corpus, self.units)

    @cached_property
    def themes_by_id(self) -> dict[str, ThemeInfo]:
        out: dict[str, ThemeInfo] = {}
        for info in self.themes:
            out.setdefault(info.id, info)  # the first of a repeated ID, as a search would find
        return out

    def memo(self, kind: str, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, made once per site for ``(kind, key)``."""
        if (kind, key) not in self._memo:
            self._memo[kind, key] = make()
        return self._memo[kind, key]

    def unit_memo(self, kind: str, unit: Unit, make: Callable[[], T]) -> T:
        """``make()`` for ``unit``, made once per site: a unit is shown on its meeting's page
        and again in each listing that holds it. Kept by unit ID with the unit it was made for,
        and remade for any other unit (:attr:`units` makes each unit once)."""
        cached = self._unit_memo.get((kind, unit.id))
        if cached is None or cached[0] is not unit:
            cached = self._unit_memo[kind, unit.id] = (unit, make())
        return cached[1]

    def label(self, key: str) -> Markup:
        """The UI string ``key`` (one without placeholders), escaped."""
        return self.memo("label", key, lambda: markup(self.t(key)))

    def html(self, key: str, **values: str) -> Markup:
        """The UI string ``key`` escaped, its placeholders filled with ``values`` (HTML)."""
        return Markup(self.t.html(key, **values))

    def href(self, url: str, here: str, anchor: str = "") -> str:
        """The link from page ``here`` to ``url`` (#``anchor``), relative (templates escape it)."""
        if anchor and url == here:
            return f"#{anchor}"
        relative = self._relative.get((url, here))
        if relative is None:
            relative = self._relative[url, here] = get_relative_url(url, here)
        return relative + (f"#{anchor}" if anchor else "")

    def data_href(self, url: str, here: str) -> str:
        """The link from page ``here`` to the data file at ``url`` (a URL of :class:`Paths`'
        data fields), which may be under another language's root (``Paths.data_root``)."""
        if not self.paths.data_root:
            return self.href(url, here)
        up = get_relative_url(".", here)  # to this build's root: "." or "..", "../..", …
        return ("" if up == "." else up + "/") + self.paths.data_root + url

    def lang_href(self, lang: str, url: str, here: str, anchor: str = "") -> str:
        """Link from page ``here`` of this build to page ``url`` of language ``lang``'s build.
        The builds share their URL layout, so this is: up to this build's root, across to the
        other root, down to ``url``."""
        return "../" * here.count("/") + self.roots[lang] + url + (f"#{anchor}" if anchor else "")

    def unit_url(self, doc: MeetingDoc, unit_id: str) -> str:
        """The site URL of the page that shows unit ``unit_id`` of ``doc``: its meeting's page,
        or the part of it that holds the unit (lists and search link there; the permalink
        stays the meeting's page, which forwards)."""
        return self.paths.unit_page.get(unit_id) or self.paths.meeting[doc.id]

    def permalink(self, doc: MeetingDoc, unit_id: str, here: str) -> str:
        """The unit's canonical permalink (its meeting's page, also for a unit on a later part)
        as written in page or file ``here``: absolute on a site with a ``site_url``, else
        relative to ``here`` (the browser makes it absolute)."""
        if not self.site_url:
            return self.href(self.paths.meeting[doc.id], here, unit_id)
        return absolute_url(self.site_url, self.paths.meeting[doc.id], unit_id)

    def theme(self, theme_id: str) -> ThemeInfo | None:
        return self.themes_by_id.get(theme_id)

    def theme_units(self, theme_id: str) -> list[tuple[MeetingDoc, Unit, dict[str, Any]]]:
        """The theme's tags with their meetings and units, in corpus order (shared: read only)."""
        return self.theme_tags.get(theme_id, [])

    def translation(self, doc: MeetingDoc, unit: Unit) -> UnitTranslation | None:
        """The unit's translation into this site's language (None on the Japanese site and for
        an untranslated or empty entry)."""
        if self.lang == "ja" or self.lang not in doc.translations:
            return None
        entry = doc.translations[self.lang].units.get(unit.id)
        return entry if entry and entry.text.strip() else None




def absolute_url(site_url: str, url: str, anchor: str = "") -> str:
    """The absolute URL of site URL ``url`` (#``anchor``) on the site at ``site_url``."""
    return site_url.rstrip("/") + "/" + url + (f"#{anchor}" if anchor else "")


def site_link(site_url: str, url: str, here: str, anchor: str = "") -> str:
    """Site URL ``url`` (#``anchor``) as written in the file at site URL ``here``: absolute
    when the site has an address (``site_url``), else relative to ``here``, so that it
    resolves wherever the site is served."""
    if site_url:
        return absolute_url(site_url, url, anchor)
    return get_relative_url(url, here) + (f"#{anchor}" if anchor else "")


def corpus_units(corpus: Corpus) -> dict[str, list[Unit]]:
    """Every meeting's units (:meth:`MeetingDoc.units`), by meeting ID: made once per build."""
    return {doc.id: list(doc.units()) for doc in corpus.meetings}


def theme_tags(corpus: Corpus, units: dict[str, list[Unit]]
               ) -> dict[str, list[tuple[MeetingDoc, Unit, dict[str, Any]]]]:
    """Every theme tag of the corpus with its meeting and unit, by theme ID, in corpus order."""
    out: dict[str, list[tuple[MeetingDoc, Unit, dict[str, Any]]]] = defaultdict(list)
    for doc in corpus.meetings:
        for unit in units[doc.id]:
            for tag in unit.themes:
                out[tag.theme].append((doc, unit, tag))
    return dict(out)


def front_matter(title: str) -> str:
    """The generated Markdown source of a page: its front matter only. The page's HTML is its
    template's, attached by the plugin after Markdown (``on_page_content``)."""
    # Templates print page.title unescaped (Jinja autoescape is off for Material's templates),
    # and MkDocs titles are HTML by convention, so the title is escaped here.
    # The front matter is yaml.safe_dump({"title": ..., "hide": ["toc"]}), keys sorted: only the
    # title varies, so only it goes through PyYAML's (pure-Python) emitter, once per page.
    return ("---\nhide:\n- toc\n" + yaml.safe_dump({"title": html.escape(title)}, allow_unicode=True)
            + "---\n\n")


# --- small pieces --------------------------------------------------------------------------

def lang_of(site: Site, lang: str) -> str:
    """``lang`` for text in ``lang`` when that is not the page's language, else "" (no
    ``lang`` attribute)."""
    return lang if lang != site.lang else ""


def ja_text(site: Site, text: str) -> Markup:
    """Japanese data (a term, a quoted phrase) escaped, marked as Japanese on other-language pages."""
    return Markup(f'<span lang="ja">{markup(text)}</span>') if site.lang != "ja" else markup(text)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class Date(NamedTuple):
    iso: str
    shown: str


def meeting_date(site: Site, doc: MeetingDoc) -> Date:
    d = doc.date
    shown = (date_en(d, weekday=True) if site.lang == "en"
             else f"{d.year}年{d.month}月{d.day}日（{doc.weekday}）")
    return Date(d.isoformat(), shown)


def meeting_kind(site: Site, doc: MeetingDoc) -> str:
    kind = doc.minutes.meeting.kind
    if site.lang != "en":
        return kind
    translation = doc.translations.get("en")
    return (translation.meeting.get("kind") if translation and translation.meeting.get("kind")
            else capitalised(KIND_EN.get(kind, kind)))


def meeting_title(site: Site, doc: MeetingDoc) -> str:
    return meeting_title_en(doc) if site.lang == "en" else doc.minutes.meeting.title


def meeting_name_text(site: Site, doc: MeetingDoc) -> str:
    """The meeting's title and kind."""
    sep = ": " if site.lang == "en" else " "
    kind = meeting_kind(site, doc)
    return f"{meeting_title(site, doc)}{sep}{kind}" if kind else meeting_title(site, doc)


def meeting_name(site: Site, doc: MeetingDoc) -> Markup:
    """The meeting's title and kind, escaped (made once per meeting)."""
    return site.memo("meeting_name", doc.id, lambda: markup(meeting_name_text(site, doc)))


def series_title(site: Site, series) -> str:
    return (series.title_en or series.title) if site.lang == "en" else series.title


def series_organiser(site: Site, series) -> str:
    return (series.organiser_en or series.organiser) if site.lang == "en" else series.organiser


def theme_name(site: Site, info: ThemeInfo) -> str:
    return info.name_en if site.lang == "en" else info.name


def speaker_name(site: Site, speaker: dict[str, Any]) -> str:
    """How a speaker is shown and filtered: "清野一榮 議長", "デジタル戦略推進部長", "委員 B"
    for （Ｂ委員）, and for a bare label （Ａ） "発言者 A" / "Speaker A": no role the source
    does not give."""
    if speaker.get("label") and not speaker.get("role"):
        return site.t("meeting.speaker_label", label=speaker["label"])
    if speaker.get("label"):
        return f'{speaker["role"]} {speaker["label"]}'
    return " ".join(p for p in (speaker.get("name"), speaker.get("role")) if p)


# --- a unit (remark or item): partials/unit.html -------------------------------------------

class Chip(NamedTuple):
    """A link to the unit on the page of one of its themes that holds it."""

    href: str
    name: Markup  # the theme's name (its ID if unknown), escaped
    manual: bool  # tagged by hand


class UnitLabels(NamedTuple):
    """The UI labels of every unit block, escaped, made once per site (:func:`unit_labels`)."""

    manual: Markup
    fallback: Markup
    original: Markup
    original_page: Markup
    stale: Markup
    permalink: Markup


class Head(NamedTuple):
    """What a unit's head shows on every page (made once per unit): its number, the speaker
    (and the speaker's lang), page, ID and translation status badge."""

    label: Markup
    speaker: str
    speaker_lang: str
    page: Markup
    id: str
    badge: str


class Text(NamedTuple):
    """A unit's text block in the site's language. ``kind``: "ja" (the Japanese site),
    "fallback" (no translation: the Japanese text with a notice), "original" (no translation:
    the Japanese text alone, where the page says so once at its top: the page of a meeting with
    no translation at all, a listing) or "translated" (``translation`` shown, ``text`` the
    Japanese original). ``japanese_page``: the link to
    the unit on the Japanese site ("" when there is none); ``stale``: the translation is of an
    older text."""

    kind: str
    text: Markup
    translation: Markup | None = None
    stale: bool = False
    japanese_page: str = ""
    lang: str = ""  # the language of ``translation``


class Citation(NamedTuple):
    # The unit's permalink: absolute when the site's address (site_url) is known, else its
    # anchor "#<id>". The plugin's remark.html shows the anchor either way and copy.js makes it
    # absolute in the browser (from site_url, else from the page's own location): an absolute
    # address per unit would add 2 KB to the seed's page (the budget is 60 KB) for readers
    # without JavaScript, who have the page's address in the print and the canonical link.
    # The citation formats are made in the browser (cite.js).
    url: str


class UnitView(NamedTuple):
    id: Markup  # escaped once: a unit block prints its ID a dozen times
    hash: str
    number_href: str  # where the unit's number links to: its anchor, or its meeting's page
    head: Head
    chips: list[Chip]
    text: Text
    notes: list[str]  # stage directions that followed the remark, e.g. （報道関係者入室）
    notes_lang: str
    citation: Citation | None
    labels: UnitLabels
    speaker_href: str = ""  # the speaker's page ("" for none: anonymous, a label, an office)


class RemarkView(NamedTuple):
    """A remark on its meeting's page (partials/remark.html), with its items."""

    id: str
    hash: str
    speaker: str  # the speaker filter's value ("" when the minutes name no speaker)
    units: list[UnitView]  # the remark's, then its items'
    step: Step | None = None  # the links to the remarks before and after it on the page

    @property
    def unit(self) -> UnitView:
        return self.units[0]

    @property
    def items(self) -> list[UnitView]:
        return self.units[1:]


class EntryView(NamedTuple):
    """A remark shown outside its meeting (partials/entry.html): on a theme or reference list."""

    id: str  # the entry's anchor ("" for none)
    unit: UnitView  # its number links to the remark on its meeting's page
    note: Markup  # why it is listed ("" for nothing)
    context_label: Markup  # the text of the link to its meeting
    step: Step | None = None  # links to its neighbours on its meeting's page


class StepLink(NamedTuple):
    """A link to a neighbouring remark: ``href`` (its anchor, or its meeting's page and anchor)
    and ``id``, the remark's ID."""

    href: str
    id: str


class Step(NamedTuple):
    """The previous and next remark links of a remark block or a theme page's entry (either
    None at an end of the meeting), with their labels (made once per site)."""

    prev: StepLink | None
    next: StepLink | None
    labels: StepLabels


class StepLabels(NamedTuple):
    prev: Markup
    next: Markup


class JumpLink(NamedTuple):
    """A remark in a meeting page's jump-to-remark list: its ID, number and speaker ("" when
    the minutes name none), and its link (``#<id>``, or its part's page and anchor)."""

    id: str
    number: str
    speaker: str
    speaker_lang: str
    href: str


class PartLink(NamedTuple):
    """A part of a split meeting in its parts list (meeting.html): its number, link (to the
    part's top; "" for the page it is on) and the IDs of its first and last remarks."""

    number: int
    href: str
    first: str
    last: str


class Parts(NamedTuple):
    """The parts of the split meeting a page is part of (meeting.html): which one it is
    (``number``), how many, the links to each, to the one before and after ("" at an end),
    and the map the forwarding script reads (``forward``: JSON, :func:`parts_map`)."""

    number: int
    total: int
    links: list[PartLink]
    prev: str
    next: str
    forward: Markup


def unit_labels(site: Site) -> UnitLabels:
    def make() -> UnitLabels:
        return UnitLabels(
            site.label("unit.manual"), site.label("unit.fallback"), site.label("unit.original"),
            site.label("unit.original_page"), site.label("unit.stale"), site.label("cite.permalink"))

    return site.memo("labels", "unit", make)


def chips(site: Site, unit: Unit, here: str) -> list[Chip]:
    """Links to the unit on the page of each of its themes that holds it."""
    targets = site.unit_memo("chips", unit, lambda: chip_targets(site, unit))
    return [Chip(site.href(url, here, unit.id), name, manual) for url, name, manual in targets]


def chip_targets(site: Site, unit: Unit) -> list[tuple[str, Markup, bool]]:
    """The unit's theme chips: the URL of the theme's page holding the unit (the listings' URLs
    are known before any page is rendered), the theme's name, and whether tagged by hand."""
    out = []
    for tag in unit.themes:
        info = site.theme(tag.theme)
        name = site.memo("chip", tag.theme, lambda: markup(theme_name(site, info) if info else tag.theme))
        out.append((site.listings[theme_stem(tag.theme)].url_of(unit.id), name, tag.origin == "manual"))
    return out


def unit_head(site: Site, doc: MeetingDoc, unit: Unit) -> Head:
    def make() -> Head:
        translation = site.translation(doc, unit)
        badge = (site.t("unit.status." + translation.status)
                 if translation and f"unit.status.{translation.status}" in site.t.table else "")
        speaker = unit.speaker
        # Names and roles are kept as written (Japanese) in both languages; a bare label is
        # shown in the page's language.
        speaker_lang = ("" if not speaker or speaker.get("label") and not speaker.get("role")
                        else lang_of(site, "ja"))
        return Head(markup(site.t("unit.label", label=unit.label)),
                    speaker_name(site, speaker) if speaker else "", speaker_lang, markup(unit.page),
                    unit.id, badge)

    return site.unit_memo("head", unit, make)


def unit_text(site: Site, doc: MeetingDoc, unit: Unit, here: str,
              spans: list[tuple[int, int]] = (), openings: bool = False) -> Text:
    """The text block of a unit in the site's language (see the module docstring); with
    ``openings``, each text shown is its :func:`opening` (a listing's entry).

    ``.gj-text`` always holds the text the page shows; the Japanese original of a translated
    unit is in ``.gj-original`` (a different class, so tools reading ``.gj-text`` get one text).
    An untranslated unit gets its own notice and link to the same unit on the Japanese page
    only on the page of a partly translated meeting. The page of a meeting with no translation
    at all says so once (meeting.no_translation), and its language selector leads to the
    Japanese page; a listing says once that untranslated remarks are in Japanese
    (:func:`shows_original`), and an opening leads to its meeting's page, where the same
    Japanese is in full. The notice and the link were about 210 bytes a unit.
    """
    def shown(text: str, lang: str, marks: Iterable[tuple[int, int]] = ()) -> Markup:
        if not openings:
            return text_html(text, marks)
        length = opening_length(text, OPENING_CHARS[lang])
        # the marks inside the opening (an opening's "…" is never marked)
        return text_html(opening(text, OPENING_CHARS[lang]), [(start, min(end, length)) for start, end in marks])

    if site.lang == "ja":
        return Text("ja", shown(unit.text, "ja", spans))
    japanese_page = ""
    if "ja" in site.roots:
        japanese_page = site.lang_href("ja", site.unit_url(doc, unit.id), here, unit.id)
    translation = site.translation(doc, unit)
    if translation is None and (openings or site.lang not in doc.translations):
        return Text("original", shown(unit.text, "ja", spans))
    if translation is None:
        return Text("fallback", shown(unit.text, "ja", spans), japanese_page=japanese_page)
    stale = bool(translation.source_hash) and translation.source_hash != unit.hash
    return Text("translated", shown(unit.text, "ja", spans), shown(translation.text, site.lang), stale,
                japanese_page, site.lang)


# How many characters of a remark a listing (a theme's or the report's page) shows, by the
# text's language: about two lines of a page (English takes about twice the characters).
# The whole text is one click away, on the remark's meeting page.
OPENING_CHARS = {"ja": 120, "en": 240}
OPENING_MARK = "…"
SENTENCE_ENDS = ("。", "！", "？", "\n", ". ", "! ", "? ")


def opening(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters, else its opening: the first
    :func:`opening_length` characters followed by "…"."""
    length = opening_length(text, limit)
    return text if length == len(text) else text[:length] + OPENING_MARK


def opening_length(text: str, limit: int) -> int:
    """How many characters of ``text`` its opening keeps: all when it has at most ``limit``;
    else it ends after the last sentence end in the second half of the first ``limit``
    characters (spaces before it dropped), else at the last space there, else at ``limit`` characters, moved back so
    that a combining mark or variation selector stays with its base character."""
    if len(text) <= limit:
        return len(text)
    head, floor = text[:limit], limit // 2
    for ends in (SENTENCE_ENDS, (" ", "\u3000")):
        cut = len(head[:max(head.rfind(end) + len(end.rstrip() or end) for end in ends)].rstrip())
        if cut >= floor:
            return cut
    cut = limit
    while cut > 1 and joins_previous(text[cut]):
        cut -= 1
    return cut


def joins_previous(char: str) -> bool:
    """Whether ``char`` belongs to the character before it (a combining mark, a variation
    selector), so that a text is never cut between the two."""
    return (unicodedata.combining(char) > 0 or unicodedata.category(char) in ("Mn", "Me")
            or "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef")


def unit_citation(site: Site, doc: MeetingDoc, unit: Unit) -> Citation:
    """The permalink a unit's block shows on its meeting's page (see :class:`Citation`)."""
    return Citation(site.permalink(doc, unit.id, site.paths.meeting[doc.id]) if site.site_url else f"#{unit.id}")


def unit_view(site: Site, doc: MeetingDoc, unit: Unit, here: str, number_href: str, text: Text,
              on_meeting_page: bool = False) -> UnitView:
    """A unit's block; with its notes and permalink on its meeting's page."""
    notes = [n.text for n in unit.notes] if on_meeting_page else []
    return UnitView(markup(unit.id), unit.hash, number_href, unit_head(site, doc, unit),
                    chips(site, unit, here), text, notes, lang_of(site, "ja"),
                    unit_citation(site, doc, unit) if on_meeting_page else None,
                    unit_labels(site))


def remark_view(site: Site, doc: MeetingDoc, remark: Unit, items: list[Unit], here: str) -> RemarkView:
    def view(unit: Unit) -> UnitView:
        return unit_view(site, doc, unit, here, "#" + unit.id, unit_text(site, doc, unit, here),
                         on_meeting_page=True)

    speaker = remark.speaker
    own = view(remark)._replace(speaker_href=speaker_href(site, doc.series.slug, speaker, here))
    return RemarkView(remark.id, remark.hash, speaker_name(site, speaker) if speaker else "",
                      [own, *map(view, items)], step(site, doc, remark.id, here))


def speaker_url(site: Site, slug: str, speaker: dict[str, Any] | None) -> str:
    """The site URL of the page of a remark's speaker in series ``slug`` ("" for none)."""
    if not is_named(speaker):
        return ""
    key = speaker_key(without_whitespace(speaker["name"]), without_whitespace(speaker.get("role") or ""))
    return site.paths.speaker.get(speaker_stem(slug, key), "")


def speaker_href(site: Site, slug: str, speaker: dict[str, Any] | None, here: str) -> str:
    url = speaker_url(site, slug, speaker)
    return site.href(url, here) if url else ""


def entry_view(site: Site, doc: MeetingDoc, unit: Unit, here: str, spans: list[tuple[int, int]],
               note: Markup | str = "", entry_id: str = "", under_meeting: bool = False) -> EntryView:
    """A remark shown outside its meeting: its text's opening (``spans`` marked), a link into
    context, where the whole text is, and links to the remarks before and after it there.
    ``under_meeting``: the entry is listed under its meeting's heading, so the link into
    context need not name the meeting again (about 100 bytes an entry)."""
    context = site.href(site.unit_url(doc, unit.id), here, unit.id)
    label = site.label("unit.context_here") if under_meeting else context_label(site, doc)
    view = unit_view(site, doc, unit, here, context, unit_text(site, doc, unit, here, spans, openings=True))
    # A chip that leads to this very entry (its theme's, on the theme's page) is left out: the
    # page is that theme's (about 60 bytes an entry).
    if entry_id:
        view = view._replace(chips=[chip for chip in view.chips if chip.href != f"#{entry_id}"])
    return EntryView(entry_id, view, note, label, step(site, doc, unit.parent or unit.id, here))


def shows_original(entries: Iterable[EntryView]) -> bool:
    """Whether a listing shows any of ``entries`` untranslated (in Japanese, on another
    language's page): the page then says so once, above them."""
    return any(entry.unit.text.kind == "original" for entry in entries)


def neighbours(site: Site, doc: MeetingDoc) -> dict[str, tuple[str, str]]:
    """Each remark of the meeting (items excluded) -> the IDs of the remarks before and after
    it ("" at either end), in the order of its page."""
    def make() -> dict[str, tuple[str, str]]:
        ids = [u.id for u in site.units[doc.id] if u.parent is None]
        before, after = ["", *ids[:-1]], [*ids[1:], ""]
        return dict(zip(ids, zip(before, after)))

    return site.memo("neighbours", doc.id, make)


def step(site: Site, doc: MeetingDoc, remark_id: str, here: str) -> Step | None:
    """The previous and next links of remark ``remark_id`` (an item's: its remark's) from page
    ``here``, to their anchors on the page (or part) that shows them; None for a meeting of one
    remark."""
    prev_id, next_id = neighbours(site, doc).get(remark_id, ("", ""))
    if not prev_id and not next_id:
        return None
    labels = site.memo("labels", "step", lambda: StepLabels(
        site.label("reading.prev"), site.label("reading.next")))

    def link(remark: str) -> StepLink | None:
        return StepLink(site.href(site.unit_url(doc, remark), here, remark), remark) if remark else None

    return Step(link(prev_id), link(next_id), labels)


def jump_links(site: Site, doc: MeetingDoc, remarks: list[Unit], here: str) -> list[JumpLink]:
    """The meeting page's jump-to-remark list: every remark (items are reached through their
    remark), with its number and speaker as its head shows them, linked on the page (or part)
    that shows it."""
    heads = [unit_head(site, doc, u) for u in remarks]
    return [JumpLink(u.id, u.label, h.speaker, h.speaker_lang,
                     site.href(site.unit_url(doc, u.id), here, u.id)) for u, h in zip(remarks, heads)]


def meeting_parts_view(site: Site, doc: MeetingDoc, part: MeetingPart) -> Parts:
    """The parts list, neighbours and forwarding map of ``part`` of a split meeting."""
    parts = site.paths.parts[doc.id]
    here = part.url

    def href(url: str) -> str:
        return "" if url == here else site.href(url, here)

    links = [PartLink(p.number, href(p.url), p.remarks[0], p.remarks[-1]) for p in parts]
    k = part.number - 1
    return Parts(part.number, len(parts), links, links[k - 1].href if k > 0 else "",
                 links[k + 1].href if k + 1 < len(parts) else "", parts_map(site, parts, here))


def parts_map(site: Site, parts: list[MeetingPart], here: str) -> Markup:
    """The JSON the forwarding script (gijiroku.js) reads on every part: each part's link from
    ``here`` ("" for this one) and its remarks as runs of IDs (:func:`~gijiroku.site.parts.id_runs`).
    An ID the map lacks is an item's (its remark's ID is its own minus ``-<k>``), a retired one
    or an unknown one: those are on part 1."""
    data = [{"href": site.href(p.url, here) if p.url != here else "", "ids": id_runs(p.remarks)}
            for p in parts]
    return Markup(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))


def context_label(site: Site, doc: MeetingDoc) -> Markup:
    """The text of a link from a remark shown outside its meeting to its meeting's page."""
    return site.memo("context", doc.id, lambda: site.html("unit.context", meeting=meeting_name(site, doc)))


# --- pieces of pages: partials/*.html ------------------------------------------------------

class MeetingHeading(NamedTuple):
    """A meeting's name, linked to its page, and date (partials/macros.html meeting_heading)."""

    href: str
    name: Markup
    date: Date
    continued: bool


def meeting_heading(site: Site, doc: MeetingDoc, here: str, continued: bool = False) -> MeetingHeading:
    return MeetingHeading(site.href(site.paths.meeting[doc.id], here), meeting_name(site, doc),
                          meeting_date(site, doc), continued)


class PagerLink(NamedTuple):
    key: str  # first, prev, next, last
    label: str
    href: str  # "" for a page that is this one or does not exist
    rel: str


class Pager(NamedTuple):
    """Links to the first, previous, next and last page of a listing, and which page this is."""

    label: str  # names the two pagers of a page apart for screen readers
    first: PagerLink
    prev: PagerLink
    status: str
    next: PagerLink
    last: PagerLink


def pager(site: Site, listing: Listing, number: int, here: str, where: str) -> Pager | None:
    """The pager of page ``number`` (0-based) of ``listing``; None when the list fits on one
    page. ``where`` is "top" or "bottom"."""
    count = len(listing.urls)
    if count < 2:
        return None

    def link(key: str, target: int, rel: str = "") -> PagerLink:
        href = "" if target == number or not 0 <= target < count else site.href(listing.urls[target], here)
        return PagerLink(key, site.t(f"pager.{key}"), href, rel)

    span = listing.span(number)
    status = site.t("pager.status", k=number + 1, n=count, first=span.start + 1, last=span.stop,
                    total=len(listing.entries))
    return Pager(site.t("pager.label_" + where), link("first", 0), link("prev", number - 1, "prev"),
                 status, link("next", number + 1, "next"), link("last", count - 1))


def pagers(site: Site, listing: Listing, number: int, here: str) -> dict[str, Pager | None]:
    return {"pager_top": pager(site, listing, number, here, "top"),
            "pager_bottom": pager(site, listing, number, here, "bottom")}


def listing_title(site: Site, title: str, listing: Listing, number: int) -> str:
    """A listing page's title: the list's title, with the page number after the first page."""
    return title if number == 0 else site.t("pager.title", title=title, k=number + 1, n=len(listing.urls))


def theme_counts(site: Site) -> dict[str, int]:
    return {theme.id: len(site.theme_units(theme.id)) for theme in site.themes}


class ThemeItem(NamedTuple):
    href: str
    name: str
    other_name: str  # the name in the other language ("" when the same)
    other_lang: str
    count: str
    description: str


def theme_items(site: Site, here: str) -> list[ThemeItem]:
    counts = theme_counts(site)
    other_lang = "ja" if site.lang == "en" else "en"
    out = []
    for t in site.themes:
        other = t.name if site.lang == "en" else t.name_en
        out.append(ThemeItem(site.href(site.paths.theme[t.id], here), theme_name(site, t),
                             other if other != theme_name(site, t) else "", other_lang,
                             site.t("themes.count", n=counts[t.id]),
                             (t.description_en if site.lang == "en" else t.description) or ""))
    return out


class MeetingRow(NamedTuple):
    """A row of a meetings table (partials/meetings-table.html)."""

    href: str
    title: str
    date: Date
    kind: str
    remarks: int
    links: list[tuple[str, str, str]]  # href, text, hreflang ("" for none)
    number: int | None = None  # the meeting's number in its series (第N回), if known


def meeting_rows_view(site: Site, docs: Iterable[MeetingDoc], here: str) -> list[MeetingRow]:
    rows = []
    for doc in docs:
        links = [(site.data_href(site.paths.yaml[doc.id], here), "YAML", "")]
        if doc.id in site.paths.source:
            links.append((site.data_href(site.paths.source[doc.id], here), site.t("meetings.source"), ""))
        for lang, url in site.paths.translation.get(doc.id, {}).items():
            links.append((site.data_href(url, here), f'{site.t("meetings.translation")} ({lang})', lang))
        rows.append(MeetingRow(site.href(site.paths.meeting[doc.id], here), meeting_title(site, doc),
                               meeting_date(site, doc), meeting_kind(site, doc), len(doc.remarks),
                               links, doc.minutes.meeting.number))
    return rows


class SeriesTable(NamedTuple):
    title: str
    continued: bool
    rows: list[MeetingRow]
    href: str = ""  # the series' page ("" for none)


def series_docs(corpus: Corpus) -> list[tuple[Any, list[MeetingDoc]]]:
    return [(series, [d for d in corpus.meetings if d.series.slug == series.slug])
            for series in corpus.series()]


def meeting_tables(site: Site, listing: Listing, number: int, here: str) -> list[SeriesTable]:
    """Page ``number`` of a listing of meetings: a table per series, its title repeated (marked
    as continued) when the series began on an earlier page."""
    titles = {series.slug: series_title(site, series) for series in site.corpus.series()}
    return [SeriesTable(titles[run.key], run.continued,
                        meeting_rows_view(site, (listing.entries[i] for i in run.span), here),
                        series_href(site, run.key, here))
            for run in runs(listing.keys, listing.span(number))]


def series_href(site: Site, slug: str, here: str) -> str:
    url = site.paths.series.get(slug)
    return site.href(url, here) if url else ""


def feed_href(site: Site, url: str, here: str) -> str:
    """The link to a feed ("" when the site has none)."""
    return site.href(url, here) if url else ""


# --- pages: gijiroku/<kind>.html -----------------------------------------------------------
# Each view returns its template's context; every context also has ``t`` (the UI strings:
# ``t(key, **values)``), ``html`` (``html(key, **markup)``: a UI string with HTML in its
# placeholders) and ``lang`` (the page's language), added by :func:`context`.

def context(site: Site, **values: Any) -> dict[str, Any]:
    # html(key, **values): a UI string with HTML (made in the template) in its placeholders.
    return {"t": site.t, "html": site.html, "lang": site.lang, **values}


class SeriesIntro(NamedTuple):
    title: str
    other_title: str
    organiser: str
    other_organiser: str
    rows: list[MeetingRow]
    href: str = ""  # the series' page
    feed: str = ""  # the series' Atom feed


def home_view(site: Site, here: str) -> dict[str, Any]:
    series = []
    for s, docs in series_docs(site.corpus):
        recent = list(reversed(docs))[:HOME_RECENT]
        series.append(SeriesIntro(series_title(site, s), s.title if site.lang == "en" else s.title_en,
                                  series_organiser(site, s),
                                  s.organiser if site.lang == "en" else s.organiser_en,
                                  meeting_rows_view(site, recent, here), series_href(site, s.slug, here),
                                  feed_href(site, site.paths.series_feed.get(s.slug, ""), here)))
    example = next((d for d in site.corpus.meetings if d.remarks), None)
    examples = []
    if example:
        unit = site.units[example.id][0]
        citation = cite(example, unit, site.permalink(example, unit.id, here), site.lang,
                        translated=site.translation(example, unit) is not None)
        examples = [(citation.ja, lang_of(site, "ja")), (citation.en, lang_of(site, "en"))]
        if site.lang == "en":
            examples.reverse()  # the page's language first
    href = {key: site.href(getattr(site.paths, key), here)
            for key in ("meetings", "data", "report", "glossary")}
    href["csv"] = site.data_href(site.paths.csv, here)
    href["schema"] = site.data_href(site.paths.schema, here) if site.paths.schema else ""
    return context(site, translated=len(site.roots) > 1, other_lang="ja" if site.lang == "en" else "en",
                   feed=feed_href(site, site.paths.feed, here), series=series, themes=theme_items(site, here), examples=examples, href=href,
                   cite_text=site.html("home.cite_text", example="<code>sr06-04</code>"))


def themes_view(site: Site, here: str) -> dict[str, Any]:
    return context(site, themes=theme_items(site, here))


class Attendee(NamedTuple):
    name: str  # as written (Japanese)
    romanised: str  # on another-language page, when the translation gives it
    role: str


def attendee(site: Site, doc: MeetingDoc, person: model.Attendee) -> Attendee:
    name, role = person.name, person.role
    translation = doc.translations.get(site.lang) if site.lang != "ja" else None
    if translation is None and site.lang == "ja":
        return Attendee(name, "", role)
    roles = translation.meeting.get("roles") or {} if translation else {}
    role_shown = roles.get(role) or site.t.get(f"role.{role}", role)
    romanised = translation.attendees.get(name) if translation else None
    return Attendee(name, romanised or "", role_shown)


class ParseNote(NamedTuple):
    line: str  # "line N" in the page's language
    kind: str  # what went wrong, in the page's language
    detail: str  # the details: worded from the warning's args, else the parser's message and hint
    detail_lang: str  # the lang attribute of the detail ("" when in the page's language)


def parse_notes(site: Site, warnings: list[model.Warning_]) -> list[ParseNote]:
    """The meeting's parse warnings, each worded in the page's language by its ``kind``
    (strings ``warning.<kind>``), followed by its details (:func:`parse_note_detail`)."""
    t = site.t
    return [ParseNote(t("meeting.parse_note", line=w.line),
                      t.get("warning." + (w.kind or "other"), t("warning.other")),
                      *parse_note_detail(site, w))
            for w in warnings]


def parse_note_detail(site: Site, warning: model.Warning_) -> tuple[str, str]:
    """A warning's details and their lang attribute: in the page's language from the template
    ``warning.<kind>.detail`` and the warning's ``args`` when both exist, else the parser's
    own (English) message and hint."""
    key = f"warning.{warning.kind}.detail"
    if warning.args and key in site.t.table:
        return site.t(key, **warning.args), ""
    return " — ".join(filter(None, [warning.message, warning.hint])), lang_of(site, "en")


def speaker_counts(site: Site, remarks: list[Unit]) -> dict[str, int]:
    """The speaker filter of a meeting whose minutes name speakers (enabled by gijiroku.js):
    speaker name -> number of remarks, in order of first remark; empty for anonymous minutes."""
    counts: dict[str, int] = {}
    for remark in remarks:
        if remark.speaker:
            name = speaker_name(site, remark.speaker)
            counts[name] = counts.get(name, 0) + 1
    return counts


class Retired(NamedTuple):
    """A remark or item a corrected source no longer has: it keeps its anchor, so an old
    permalink lands on a notice and the text as last published (the Japanese original)."""

    id: str
    hash: str
    notice: str
    text: Markup | None


def meeting_view(site: Site, doc: MeetingDoc, here: str, part: MeetingPart | None = None) -> dict[str, Any]:
    """A meeting's page, or ``part`` of it (a split meeting, site/parts.py): the part's
    remarks, the retired ones on part 1 and the closing line on the last."""
    minutes, series, t = doc.minutes, doc.series, site.t
    m = minutes.meeting
    translation = doc.translations.get(site.lang) if site.lang != "ja" else None
    strings = translation.meeting if translation else {}
    if strings.get("venue"):
        venue = (strings["venue"], "")
    else:
        venue = (m.venue, lang_of(site, "ja"))
    units = site.units[doc.id]
    items: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        if unit.parent is not None:
            items[unit.parent].append(unit)
    remarks = [u for u in units if u.parent is None]
    parts = meeting_parts_view(site, doc, part) if part is not None else None
    if part is not None:
        shown = set(part.remarks)
        remarks = [u for u in remarks if u.id in shown]
    closing = None
    if minutes.closing and (parts is None or parts.number == parts.total):
        closing = ((strings["closing"], lang_of(site, site.lang)) if strings.get("closing")
                   else (minutes.closing, lang_of(site, "ja")))
    retired = [Retired(entry.id, entry.hash, t("meeting.retired_notice", id=entry.id),
                       text_html(entry.text) if entry.text else None)
               for entry in minutes.retired] if parts is None or parts.number == 1 else []
    return context(
        site, name=meeting_name(site, doc), title_ja=m.title if site.lang != "ja" else "",
        unknown_anchor=t("meeting.unknown_anchor", id="{id}"),
        series_href=series_href(site, series.slug, here) or site.href(site.paths.home, here),
        series_title=series_title(site, series),
        organiser=series_organiser(site, series), date=meeting_date(site, doc),
        time=(m.start, m.end or "") if m.start else None, venue=venue,
        attendees_heading=strings.get("attendees_heading") or t("meeting.attendees"),
        attendees=[attendee(site, doc, a) for a in m.attendees],
        official=m.source_url, official_host=urlsplit(m.source_url).hostname or "",
        source=m.source, source_href=site.data_href(site.paths.source[doc.id], here)
        if doc.id in site.paths.source else "",
        sha256=m.source.sha256[:12],
        yaml=site.data_href(site.paths.yaml[doc.id], here), json=site.data_href(site.paths.json_zip, here),
        translation=translation is not None,
        parse_notes=parse_notes(site, minutes.warnings),
        intro=strings.get("intro") or "", header=[h.text for h in minutes.header],
        ja=lang_of(site, "ja"), en=lang_of(site, "en"), count=len(doc.remarks),
        speakers=speaker_counts(site, remarks),
        jump=jump_links(site, doc, [u for u in units if u.parent is None], here),
        remarks=[remark_view(site, doc, unit, items[unit.id], here) for unit in remarks],
        parts=parts, closing=closing, retired=retired, cite_data=cite_data(site, doc, here),
        page_url=absolute_url(site.site_url, here) if site.site_url else "")


# The UI strings of the copy buttons and citation panels (copy.js), under "cite." in strings.yml.
CITE_STRINGS = ("copy_link", "copy_quote", "formats", "copy", "copy_format", "copied", "failed")


def cite_data(site: Site, doc: MeetingDoc, here: str) -> Markup:
    """What the meeting page's script (copy.js, cite.js) needs to copy links and render the
    citations, as JSON for a ``<script type="application/json">``: the meeting page's absolute
    address ("" when site_url is unset: the browser takes it from its location), on a part of a
    split meeting the link from it to the meeting's own page (``base``: the permalinks are always
    the meeting page's), the meeting's facts (browser_facts) and units (browser_units), which
    units the page shows in translation, the citation formats in order (key, label, lang) and the
    UI strings. Everything is in the page, so nothing is fetched to cite."""
    keys = ["en", "ja"] if site.lang == "en" else ["ja", "en"]
    formats = [[key, site.t(f"cite.{key}"), lang_of(site, key)] for key in keys]
    data = {
        "page": absolute_url(site.site_url, site.paths.meeting[doc.id]) if site.site_url else "",
        "language": site.lang,
        "facts": browser_facts(doc),
        "units": browser_units(doc),
        "translated": [u.id for u in site.units[doc.id] if site.translation(doc, u) is not None],
        "formats": formats + [["bib", "BibTeX", ""], ["csl", "CSL-JSON", ""]],
        # {format} stays a placeholder, for the script to fill in (copy.js)
        "strings": {key: site.t(f"cite.{key}", format="{format}") for key in CITE_STRINGS},
    }
    if here != site.paths.meeting[doc.id]:  # a part of a split meeting
        data["base"] = site.href(site.paths.meeting[doc.id], here)
    # "<" escaped, so no text in the data can close the script element.
    return Markup(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))


def theme_view(site: Site, theme: ThemeInfo, here: str, number: int = 0) -> dict[str, Any]:
    """Page ``number`` (0-based) of the theme's remarks, grouped by meeting."""
    listing = site.listings[theme_stem(theme.id)]
    other, other_lang = (theme.name, "ja") if site.lang == "en" else (theme.name_en, "en")
    descriptions = ([(theme.description_en, "")] if site.lang == "en"
                    else [(theme.description, ""), (theme.description_en, "en")])
    covered = covering_series(site, theme.id)
    names = ("、" if site.lang == "ja" else "; ").join(series_title(site, s) for s in covered)
    groups = []
    for run in runs(listing.keys, listing.span(number)):
        entries = []
        for doc, unit, tag in (listing.entries[i] for i in run.span):
            evidence = tag.evidence
            terms = "、".join(dict.fromkeys(str(e.get("term", "")) for e in evidence))
            note = theme_note(site, tag.origin == "manual", terms)
            entries.append(entry_view(site, doc, unit, here, evidence_spans(unit.text, evidence),
                                      note, entry_id=unit.id, under_meeting=True))
        groups.append((meeting_heading(site, listing.entries[run.span.start][0], here, run.continued),
                       entries))
    return context(
        site, name=theme_name(site, theme), other_name=other if other != theme_name(site, theme) else "",
        other_lang=other_lang, descriptions=[(text, lang) for text, lang in descriptions if text],
        covers=site.t("theme.covers", series=names) if covered else site.t("theme.covers_none"),
        rules=site.href(site.paths.theme_rules, here) if site.paths.theme_rules else "",
        feed=feed_href(site, site.paths.theme_feed.get(theme.id, ""), here),
        search=theme_search_href(site, theme.id, here),
        count=len(listing.entries), groups=groups,
        untranslated=shows_original(entry for _, entries in groups for entry in entries),
        **pagers(site, listing, number, here))


def theme_search_href(site: Site, theme_id: str, here: str) -> str:
    """The search page filtered to a theme (search.js reads ``theme``), "" without a search page:
    the theme's remarks are judged by the tagger, so a search for its name finds others."""
    if not site.paths.search:
        return ""
    return site.href(site.paths.search, here) + "?" + urlencode({"theme": theme_id})


def covering_series(site: Site, theme_id: str) -> list[Any]:
    """The series of the corpus whose ``themes:`` include ``theme_id`` (no list: every theme)."""
    series = {doc.series.slug: doc.series for doc in site.corpus.meetings}
    return [s for s in series.values() if s.themes is None or theme_id in s.themes]


def theme_note(site: Site, manual: bool, terms: str) -> Markup:
    """How a remark was tagged with a theme: by hand or automatically, on which terms."""
    def make() -> Markup:
        origin = site.t.html("theme.manual" if manual else "theme.auto")
        return Markup(origin + (site.t.html("theme.matched", terms=ja_text(site, terms)) if terms else ""))

    return site.memo("theme_note", (manual, terms), make)


REF_KINDS = ("page", "chapter", "summary", "toc")


def ref_numbers(ref: dict[str, Any]) -> tuple[int, ...]:
    number = ref.get("number")
    if number is None:
        return ()
    return tuple(number) if isinstance(number, list) else (number,)


def ref_kind_label(t: Strings, kind: str) -> str:
    return t.get(f"report.kind.{kind}", kind)


def ref_group_label(t: Strings, kind: str, numbers: tuple[int, ...]) -> str:
    if kind == "page" and numbers:
        return "p." + "–".join(map(str, numbers))
    if kind == "chapter" and numbers:
        return t("report.chapter_sep").join(t("report.chapter", n=n) for n in numbers)
    return ref_kind_label(t, kind)


def report_rows(corpus: Corpus, units: dict[str, list[Unit]]) -> list[tuple[Hashable, Hashable, Any]]:
    """The report's listing rows: grouped (and linked to) by reference kind and number, the
    kinds in :data:`REF_KINDS` order, then any other kind; each group in corpus order."""
    groups: dict[tuple[str, tuple[int, ...]], list] = defaultdict(list)
    for doc in corpus.meetings:
        for unit in units[doc.id]:
            for ref in unit.refs:
                groups[(ref.get("kind", ""), ref_numbers(ref))].append((doc, unit, ref))
    order = list(REF_KINDS) + sorted({k for k, _ in groups} - set(REF_KINDS))
    rank = {kind: i for i, kind in enumerate(order)}
    return [(key, key, entry) for key in sorted(groups, key=lambda k: (rank[k[0]], k[1]))
            for entry in groups[key]]


def ref_anchor(key: tuple[str, tuple[int, ...]]) -> str:
    return "-".join([key[0], *map(str, key[1])])


def group_span(listing: Listing, key: Hashable) -> range:
    """All the entries of group ``key`` (consecutive, from its first)."""
    start = stop = listing.targets[key]
    while stop < len(listing.keys) and listing.keys[stop] == key:
        stop += 1
    return range(start, stop)


class IndexLink(NamedTuple):
    href: str
    label: str
    count: int


def report_index(site: Site, listing: Listing, here: str) -> list[tuple[str, list[IndexLink]]]:
    """Every reference group with its count, linked to the page where it starts, by kind."""
    return [(ref_kind_label(site.t, kind_run.key),
             [IndexLink(site.href(listing.url_of(run.key), here, ref_anchor(run.key)),
                        ref_group_label(site.t, *run.key), len(run.span))
              for run in runs(listing.keys, kind_run.span)])
            for kind_run in runs([key[0] for key in listing.keys], range(len(listing.keys)))]


class RefGroup(NamedTuple):
    anchor: str  # "" on a page the group continues onto
    label: str
    titles: Markup  # the titles the references quote, 「…」 each ("" for none)
    continued: bool
    entries: list[EntryView]


def report_view(site: Site, here: str, number: int = 0) -> dict[str, Any]:
    """Page ``number`` (0-based) of the references, by kind (h2) and reference (h3); the first
    page also lists every reference. A heading's id stays on the page where its group starts."""
    listing = site.listings["report"]
    kinds = []
    for kind_run in runs([key[0] for key in listing.keys], listing.span(number)):
        groups = []
        for run in runs(listing.keys, kind_run.span):
            group = [listing.entries[i] for i in group_span(listing, run.key)]
            titles = "".join(dict.fromkeys(f"「{r['title']}」" for _, _, r in group if r.get("title")))
            entries = [entry_view(site, doc, unit, here, valid_spans(unit.text, [ref], "text"),
                                  note=site.html("report.mention", text=ja_text(site, ref.get("text", ""))))
                       for doc, unit, ref in (listing.entries[i] for i in run.span)]
            groups.append(RefGroup("" if run.continued else ref_anchor(run.key),
                                   ref_group_label(site.t, *run.key),
                                   ja_text(site, titles) if titles else Markup(""), run.continued,
                                   entries))
        kinds.append(("" if kind_run.continued else kind_run.key, ref_kind_label(site.t, kind_run.key),
                      kind_run.continued, groups))
    index = report_index(site, listing, here) if number == 0 and len(listing.urls) > 1 else []
    return context(site, empty=not listing.entries, index=index, kinds=kinds,
                   untranslated=shows_original(entry for *_, groups in kinds for group in groups
                                               for entry in group.entries),
                   **pagers(site, listing, number, here))


def term_anchor(term: str) -> str:
    # Terms are Japanese; a short hash gives an ASCII anchor that stays put across rebuilds.
    return "term-" + hashlib.sha1(term.encode("utf-8")).hexdigest()[:8]


def snippet(text: str, start: int, end: int, width: int = 40) -> tuple[str, list[tuple[int, int]]]:
    left, right = max(0, start - width), min(len(text), end + width)
    prefix = "…" if left else ""
    return (prefix + text[left:right] + ("…" if right < len(text) else ""),
            [(start - left + len(prefix), end - left + len(prefix))])


def glossary_rows(corpus: Corpus, units: dict[str, list[Unit]]) -> list[tuple[Hashable, Hashable, Any]]:
    """The key terms' listing rows: every use of a 「」 term, grouped (and linked to) by term,
    the terms in order of first use."""
    uses: dict[str, list] = defaultdict(list)
    for doc in corpus.meetings:
        for unit in units[doc.id]:
            for term in unit.terms:
                uses[str(term.get("term", ""))].append((doc, unit, term))
    return [(term, term, use) for term, rows in uses.items() for use in rows]


class Term(NamedTuple):
    """A 「」 key term as shown: the term, and its English rendering on the English site."""

    term: str
    english: str  # "" for none


class TermUse(NamedTuple):
    href: str  # the remark on its meeting's page
    label: Markup
    text: Markup  # a snippet around the use, the term marked


class TermSection(NamedTuple):
    anchor: str  # "" on a page the section continues onto
    term: Term
    continued: bool
    uses: list[TermUse]


def glossary_view(site: Site, here: str, number: int = 0) -> dict[str, Any]:
    """The bilingual glossary (what the translations follow), then the 「」 key terms of the
    remarks with the remarks using them (each with its English rendering on the English site).
    Paginated by uses: the first page holds the bilingual glossary and the index of every term,
    each linked to the page where its section starts (which carries the term's anchor)."""
    listing = site.listings["glossary"]

    def term(text: str) -> Term:
        entry = glossary_entry(site.glossary, text) if site.lang == "en" else None
        return Term(text, entry.en if entry else "")

    bilingual = [(term_anchor("glossary:" + e.ja), e) for e in site.glossary] if number == 0 else []
    index = ([(site.href(listing.url_of(t), here, term_anchor(t)), term(t)) for t in listing.targets]
             if number == 0 and listing.entries else [])
    sections = []
    for run in runs(listing.keys, listing.span(number)):
        uses = []
        for doc, unit, use in (listing.entries[i] for i in run.span):
            if valid_spans(unit.text, [use], "term"):
                text, spans = snippet(unit.text, use["start"], use["end"])
            else:
                text, spans = unit.text, []
            label = site.html("glossary.use", meeting=meeting_name(site, doc), label=markup(unit.label))
            uses.append(TermUse(site.href(site.unit_url(doc, unit.id), here, unit.id), label,
                                text_html(text, spans)))
        sections.append(TermSection("" if run.continued else term_anchor(run.key), term(run.key),
                                    run.continued, uses))
    return context(site, number=number, bilingual=bilingual, empty=not listing.entries,
                   index=index, sections=sections, ja=lang_of(site, "ja"),
                   **pagers(site, listing, number, here))


def meeting_rows(corpus: Corpus, newest_first: bool) -> list[tuple[Hashable, Hashable, Any]]:
    """Listing rows of every meeting, grouped by series (in series order), each series' meetings
    in date order or (``newest_first``) the reverse."""
    return [(series.slug, doc.id, doc) for series, docs in series_docs(corpus)
            for doc in (reversed(docs) if newest_first else docs)]


def meetings_view(site: Site, here: str, number: int = 0) -> dict[str, Any]:
    listing = site.listings["meetings"]
    return context(site, tables=meeting_tables(site, listing, number, here),
                   **pagers(site, listing, number, here))


def data_view(site: Site, here: str, number: int = 0) -> dict[str, Any]:
    """The downloads: the whole-corpus files (first page), then each meeting's files."""
    listing = site.listings["data"]
    series_csvs = [(site.data_href(site.paths.series_csv[s.slug], here), series_zip_name(s.slug),
                    series_title(site, s)) for s in site.corpus.series() if s.slug in site.paths.series_csv]
    return context(site, first=number == 0, csv=site.data_href(site.paths.csv, here),
                   json_zip=site.data_href(site.paths.json_zip, here) if site.paths.json_zip else "",
                   series_csvs=series_csvs,
                   schema=site.data_href(site.paths.schema, here) if site.paths.schema else "",
                   translations=bool(site.paths.translation),
                   tables=meeting_tables(site, listing, number, here),
                   **pagers(site, listing, number, here))


# --- a series' page: gijiroku/series.html -------------------------------------------------

def series_rows(corpus: Corpus) -> dict[str, list[tuple[Hashable, Hashable, Any]]]:
    """Each series' page listing by stem: its meetings, newest first (one group: the series)."""
    return {series_stem(series.slug): [(series.slug, doc.id, doc) for doc in reversed(docs)]
            for series, docs in series_docs(corpus)}


class RoleSpan(NamedTuple):
    """A run of consecutive attended meetings of a series in which a member had one role."""

    role: str
    first: Date
    last: Date
    meetings: int
    href: str = ""  # the person's speaker page in this role ("" for none)


class Member(NamedTuple):
    """A person listed among a series' attendees, with their roles over time (oldest first)."""

    name: str  # as written (Japanese)
    romanised: str  # on another language's page, when a translation gives it
    meetings: int
    roles: list[RoleSpan]
    href: str = ""  # their speaker page in their latest role that has one ("" for none)


def person_key(name: str) -> str:
    """The same person across meetings: width and letter-spacing folded (後　藤 = 後藤)."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def meeting_people(doc: MeetingDoc) -> list[model.Attendee]:
    """Who was at a meeting: its attendees; when its minutes list none (a 議事録 that names its
    speakers but whose header lists no attendees), its named speakers with their roles. Not
    both: speakers are often named by surname only (藤田部会長), attendees in full."""
    if doc.minutes.meeting.attendees:
        return doc.minutes.meeting.attendees
    return [model.Attendee(name=r.speaker["name"], role=r.speaker.get("role") or "")
            for r in doc.remarks if r.speaker and r.speaker.get("name")]


def series_members(site: Site, docs: list[MeetingDoc], here: str = "") -> list[Member]:
    """The people at ``docs`` (a series' meetings in date order, :func:`meeting_people`), each
    once, in order of first attendance, with the runs of meetings in which their (shown) role
    stayed the same, each linked to the person's speaker page in that role when they have one
    (links relative to page ``here``)."""
    seen: dict[str, list[tuple[MeetingDoc, Attendee, str]]] = {}
    for doc in docs:
        for person in meeting_people(doc):
            attended = seen.setdefault(person_key(person.name), [])
            if not attended or attended[-1][0] is not doc:  # listed twice in one meeting: once
                page = speaker_url(site, doc.series.slug, {"name": person.name, "role": person.role})
                attended.append((doc, attendee(site, doc, person), page))
    members = []
    for attended in seen.values():
        spans: list[RoleSpan] = []
        for role, run in itertools.groupby(attended, key=lambda entry: entry[1].role):
            run = list(run)
            page = next((url for _, _, url in reversed(run) if url), "")
            spans.append(RoleSpan(role, meeting_date(site, run[0][0]), meeting_date(site, run[-1][0]),
                                  len(run), site.href(page, here) if page else ""))
        name = attended[-1][1]
        romanised = next((a.romanised for _, a, _ in reversed(attended) if a.romanised), "")
        members.append(Member(name.name, romanised, len(attended), spans,
                              next((span.href for span in reversed(spans) if span.href), "")))
    return members


class ThemeCount(NamedTuple):
    href: str
    name: str
    count: int


def series_theme_counts(site: Site, slug: str, here: str) -> list[ThemeCount]:
    """The themes of the series' remarks and items, most tagged first (then lexicon order)."""
    out = []
    for info in site.themes:
        n = sum(1 for doc, _, _ in site.theme_units(info.id) if doc.series.slug == slug)
        if n:
            out.append(ThemeCount(site.href(site.paths.theme[info.id], here), theme_name(site, info), n))
    return sorted(out, key=lambda item: -item.count)


def series_view(site: Site, slug: str, here: str, number: int = 0) -> dict[str, Any]:
    """Page ``number`` (0-based) of a series' page: on the first page its title, organiser,
    official link, feed, members and themes; on every page a page of its meetings, newest first."""
    series, docs = next((s, d) for s, d in series_docs(site.corpus) if s.slug == slug)
    listing = site.listings[series_stem(slug)]
    first = number == 0
    other_lang = "ja" if site.lang == "en" else "en"
    return context(
        site, name=series_title(site, series),
        other_name=series.title if site.lang == "en" else series.title_en, other_lang=other_lang,
        organiser=series_organiser(site, series),
        other_organiser=series.organiser if site.lang == "en" else series.organiser_en,
        url=series.url, feed=feed_href(site, site.paths.series_feed.get(slug, ""), here),
        count=len(docs), first=first, ja=lang_of(site, "ja"),
        members=series_members(site, docs, here) if first else [],
        speakers=speakers_link(site, slug, here) if first else None,
        themes=series_theme_counts(site, slug, here) if first else [],
        rows=meeting_rows_view(site, (listing.entries[i] for i in listing.span(number)), here),
        **pagers(site, listing, number, here))

# --- speaker pages: gijiroku/speaker.html, gijiroku/speakers.html -------------------------



def speaker_rows(corpus: Corpus, units: dict[str, list[Unit]]) -> dict[str, list[tuple[Hashable, Hashable, Any]]]:
    """The speaker listings by stem: each series' speakers index (one group: the series; rows of
    :class:`~gijiroku.site.speakers.Person`, most remarks first) and each person's remarks
    (grouped by meeting, in corpus order; rows of ``(meeting, remark)``)."""
    out: dict[str, list[tuple[Hashable, Hashable, Any]]] = {}
    for slug, people in series_people(corpus, units).items():
        out[speakers_stem(slug)] = [(slug, person.key, person) for person in people]
        for person in people:
            out[speaker_stem(slug, person.key)] = [(doc.id, unit.id, (doc, unit))
                                                  for doc, unit in person.remarks]
    return out


def speakers_link(site: Site, slug: str, here: str) -> tuple[str, int] | None:
    """(link, number of people) of a series' speakers index, or None when it has none."""
    url = site.paths.speakers.get(slug)
    if not url:
        return None
    return site.href(url, here), len(site.listings[speakers_stem(slug)].entries)


def person_of(site: Site, slug: str, key: str) -> Person:
    listing = site.listings[speakers_stem(slug)]
    return listing.entries[listing.targets[key]]


def romanised_name(site: Site, slug: str, name: str) -> str:
    """The person's name in the site's language when a translation of one of the series'
    meetings gives it (its attendees), else ""; on the Japanese site always ""."""
    if site.lang == "ja":
        return ""

    def make() -> str:
        for doc in site.corpus.meetings:
            translation = doc.translations.get(site.lang)
            if doc.series.slug == slug and translation and translation.attendees.get(name):
                return translation.attendees[name]
        return ""

    return site.memo("romanised", (slug, name), make)


def person_title(site: Site, person: Person) -> str:
    """The person as named in titles: "藤田 部会長"; in English "Fujita (藤田 部会長)" when a
    translation romanises the name."""
    written = " ".join(p for p in (person.name, person.role) if p)
    romanised = romanised_name(site, person.slug, person.name)
    return site.t("speaker.title_romanised", romanised=romanised, name=written) if romanised else written


class SpeakerRemark(NamedTuple):
    """A remark on its speaker's page: its number, its ID linked to its permalink, the opening
    of its text and its theme chips."""

    label: str
    id: str
    href: str
    opening: str
    opening_lang: str  # "" when in the page's language
    chips: list[Chip]


def speaker_remark(site: Site, doc: MeetingDoc, unit: Unit, here: str) -> SpeakerRemark:
    translation = site.translation(doc, unit)
    text, lang = (translation.text, "") if translation else (unit.text, lang_of(site, "ja"))
    return SpeakerRemark(unit.label, unit.id, site.href(site.unit_url(doc, unit.id), here, unit.id),
                         opening(" ".join(text.split()), OPENING_CHARS["en" if translation else "ja"]),
                         lang, chips(site, unit, here))


def person_theme_counts(site: Site, person: Person, here: str) -> list[ThemeCount]:
    """The themes of the person's remarks and their items, most tagged first."""
    spoken = {unit.id for _, unit in person.remarks}
    counts: dict[str, int] = defaultdict(int)
    for doc in person.meetings:
        for unit in site.units[doc.id]:
            if unit.id in spoken or unit.parent in spoken:
                for tag in unit.themes:
                    counts[tag.theme] += 1
    out = [ThemeCount(site.href(site.paths.theme[info.id], here), theme_name(site, info), counts[info.id])
           for info in site.themes if counts.get(info.id) and info.id in site.paths.theme]
    return sorted(out, key=lambda item: -item.count)


def speaker_view(site: Site, slug: str, key: str, here: str, number: int = 0) -> dict[str, Any]:
    """Page ``number`` (0-based) of a person's page: who they are, how often they spoke, on
    which themes (first page), and a page of their remarks grouped by meeting."""
    person = person_of(site, slug, key)
    listing = site.listings[speaker_stem(slug, key)]
    series = person.remarks[0][0].series
    meetings = person.meetings
    groups = []
    for run in runs(listing.keys, listing.span(number)):
        doc = listing.entries[run.span.start][0]
        groups.append((meeting_heading(site, doc, here, run.continued),
                       [speaker_remark(site, *listing.entries[i], here) for i in run.span]))
    role = person.role
    role_shown = site.t.get(f"role.{role}", role) if site.lang != "ja" and role else ""
    return context(
        site, name=" ".join(p for p in (person.name, role) if p),
        romanised=romanised_name(site, slug, person.name),
        role_shown=role_shown if role_shown != role else "", ja=lang_of(site, "ja"),
        series_title=series_title(site, series), series_href=series_href(site, slug, here),
        index_href=site.href(site.paths.speakers[slug], here),
        summary=site.t("speaker.summary", n=len(person.remarks), m=len(meetings)),
        first=meeting_date(site, meetings[0]), last=meeting_date(site, meetings[-1]),
        themes=person_theme_counts(site, person, here) if number == 0 else [],
        first_page=number == 0, groups=groups, **pagers(site, listing, number, here))


class SpeakerRow(NamedTuple):
    """A person on their series' speakers index."""

    href: str
    name: str  # as written, with the role
    romanised: str
    remarks: int
    meetings: int
    first: Date
    last: Date


def speakers_view(site: Site, slug: str, here: str, number: int = 0) -> dict[str, Any]:
    """Page ``number`` (0-based) of a series' speakers index, most remarks first."""
    listing = site.listings[speakers_stem(slug)]
    series = next(s for s in site.corpus.series() if s.slug == slug)
    rows = []
    for person in (listing.entries[i] for i in listing.span(number)):
        meetings = person.meetings
        rows.append(SpeakerRow(site.href(site.paths.speaker[speaker_stem(slug, person.key)], here),
                               " ".join(p for p in (person.name, person.role) if p),
                               romanised_name(site, slug, person.name), len(person.remarks),
                               len(meetings), meeting_date(site, meetings[0]),
                               meeting_date(site, meetings[-1])))
    return context(site, series_title=series_title(site, series), series_href=series_href(site, slug, here),
                   count=len(listing.entries), rows=rows, ja=lang_of(site, "ja"),
                   **pagers(site, listing, number, here))


def listing_rows(corpus: Corpus, units: dict[str, list[Unit]], themes: list[ThemeInfo]
                 ) -> dict[str, list[tuple[Hashable, Hashable, Any]]]:
    """Every paginated list of the site by stem, as ``(group, target, entry)`` rows: a theme's
    remarks, the references, the key terms' uses, and the meetings (meetings page, data page).
    The plugin adds their pages (page 1 at ``<stem>.md`` or the top page of that name, page k at
    ``<stem>/<k>.md``, :func:`page_count` of them) and makes each :class:`Listing` with their
    URLs before the :class:`Site` and any page."""
    tags = theme_tags(corpus, units)
    out = {theme_stem(theme.id): [(doc.id, unit.id, (doc, unit, tag))
                                  for doc, unit, tag in tags.get(theme.id, [])]
           for theme in themes}
    out["report"] = report_rows(corpus, units)
    out["glossary"] = glossary_rows(corpus, units)
    # The meetings page lists the newest first; the data page in date order, like the CSV.
    out["meetings"] = meeting_rows(corpus, newest_first=True)
    out["data"] = meeting_rows(corpus, newest_first=False)
    out.update(series_rows(corpus))
    out.update(speaker_rows(corpus, units))
    return out


def page_count(rows: Sequence[Any], size: int) -> int:
    return len(paginate(len(rows), size))


#: The listings that are not a theme's, with their views and templates.
LISTING_VIEWS: dict[str, Callable[..., dict[str, Any]]] = {
    "report": report_view, "glossary": glossary_view, "meetings": meetings_view, "data": data_view}


class PageView(NamedTuple):
    """A generated page: its title, template (``gijiroku/<kind>.html``) and the view that makes
    the template's context (called when the page is rendered, once)."""

    title: str
    template: str
    view: Callable[[], dict[str, Any]]


def listing_page(site: Site, stem: str, number: int, here: str) -> PageView:
    """Page ``number`` (0-based) of the listing ``stem``."""
    listing = site.listings[stem]
    if stem in LISTING_VIEWS:
        title, template = site.t(f"title.{stem}"), f"gijiroku/{stem}.html"
        view = lambda: LISTING_VIEWS[stem](site, here, number)  # noqa: E731
    elif stem_parts(stem):
        title, template, view = speaker_listing_page(site, stem, number, here)
    elif stem.startswith("series/"):
        series = next(s for s in site.corpus.series() if series_stem(s.slug) == stem)
        title, template = series_title(site, series), "gijiroku/series.html"
        view = lambda: series_view(site, series.slug, here, number)  # noqa: E731
    else:
        theme = next(t for t in site.themes if theme_stem(t.id) == stem)
        title, template = site.t("title.theme", name=theme_name(site, theme)), "gijiroku/theme.html"
        view = lambda: theme_view(site, theme, here, number)  # noqa: E731
    return PageView(listing_title(site, title, listing, number), template, view)


def speaker_listing_page(site: Site, stem: str, number: int, here: str
                         ) -> tuple[str, str, Callable[[], dict[str, Any]]]:
    """(title, template, view) of page ``number`` of a speakers index or a speaker's page."""
    slug, key = stem_parts(stem)
    series = next(s for s in site.corpus.series() if s.slug == slug)
    if not key:
        return (site.t("speakers.title", series=series_title(site, series)), "gijiroku/speakers.html",
                lambda: speakers_view(site, slug, here, number))
    person = person_of(site, slug, key)
    return (site.t("speaker.page_title", name=person_title(site, person)), "gijiroku/speaker.html",
            lambda: speaker_view(site, slug, key, here, number))


def home_page(site: Site, here: str) -> PageView:
    return PageView(site.t("title.home"), "gijiroku/home.html", lambda: home_view(site, here))


def themes_page(site: Site, here: str) -> PageView:
    return PageView(site.t("title.themes"), "gijiroku/themes.html", lambda: themes_view(site, here))


def meeting_page(site: Site, doc: MeetingDoc, here: str, part: MeetingPart | None = None) -> PageView:
    """A meeting's page, or one ``part`` of a split meeting (its title says which: "（2/3）")."""
    title = meeting_name_text(site, doc)
    if part is not None:
        title = site.t("parts.title", title=title, k=part.number, n=len(site.paths.parts[doc.id]))
    return PageView(title, "gijiroku/meeting.html", lambda: meeting_view(site, doc, here, part))
