"""Stage 2 of the site: a :class:`Site` -> the HTML body of every generated page, in the
site's language (``Site.t``, the UI strings of one language).

Safety: every string that comes from the minutes, a translation or the glossary passes through
:func:`esc` (or :func:`text_html`) and nowhere else; UI strings are escaped too
(:meth:`Strings.html`). The bodies are wrapped by :func:`page_markdown` into one raw-HTML block,
which Python-Markdown stores untouched, so nothing in a remark can become Markdown or HTML.
Bodies contain no blank line (a blank line would end the raw block) and no literal newline
inside text (newlines in ``<pre>`` are written as ``&#10;``).

Links: every href is made relative to the page it appears on (:meth:`Site.href`), because
MkDocs does not rewrite links inside raw HTML; links into the other language's site go through
:meth:`Site.lang_href`; absolute URLs (citations, CSV) come from ``site_url``.

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
name, a unit's head and chip targets: :meth:`Site.memo`, :meth:`Site.unit_memo`), and strings
are escaped in whole runs rather than piece by piece.

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
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Hashable, Iterable, Sequence, TypeVar

import yaml
from mkdocs.utils import get_relative_url

from gijiroku.site.cite import KIND_EN, MeetingCitation, cite, meeting_citation, meeting_title_en
from gijiroku.site.corpus import Corpus, MeetingDoc, Unit
from gijiroku.site.i18n import (GlossaryEntry, Strings, UnitTranslation, date_en, glossary_entry,
                                load_strings)
from gijiroku.site.theme_info import ThemeInfo

HOME_RECENT = 10  # meetings listed per series on Home; the full list is on the meetings page
T = TypeVar("T")


def esc(text: Any) -> str:
    """Escape for HTML text and attribute values; newlines become character references so a
    text can never end the surrounding raw-HTML block."""
    # html.escape(text, quote=True), inlined: a 1,000-meeting site escapes a million strings.
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;").replace("\n", "&#10;"))


def text_html(text: str, spans: Iterable[tuple[int, int]] = ()) -> str:
    """A remark text as ``<p>`` paragraphs (one per ``\\n``), with the characters covered by
    ``spans`` (half-open offsets into ``text``, possibly overlapping) inside ``<mark>``."""
    # Whole runs of unmarked and marked characters are escaped at once (this renders every
    # remark of the site), and their newlines then made paragraph breaks.
    out = []
    position = 0
    for start, end in marked_runs(len(text), spans):
        out.append(html.escape(text[position:start]).replace("\n", "</p><p>"))
        # A <mark> never spans a paragraph break, and an empty paragraph gets none (escaped
        # text has no "<", so each "<mark></mark>" is one of those).
        marked = html.escape(text[start:end]).replace("\n", "</mark></p><p><mark>")
        out.append(f"<mark>{marked}</mark>".replace("<mark></mark>", ""))
        position = end
    out.append(html.escape(text[position:]).replace("\n", "</p><p>"))
    return "<p>" + "".join(out) + "</p>"


def marked_runs(length: int, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The maximal runs of the offsets ``0 .. length-1`` that ``spans`` cover, in order: spans
    clipped to the text, overlapping or touching ones merged, empty ones dropped."""
    merged: list[tuple[int, int]] = []
    # Clipping keeps the order of the starts, so the spans are sorted as given.
    for start, end in sorted(spans):
        start, end = max(start, 0), min(end, length)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


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


def page_markdown(title: str, body: str) -> str:
    """The generated Markdown source of a page: front matter and one raw-HTML block."""
    assert not has_blank_line(body), "a blank line would end the raw HTML block"
    # Templates print page.title unescaped (Jinja autoescape is off in MkDocs), and MkDocs
    # titles are HTML by convention, so the title is escaped here.
    # The front matter is yaml.safe_dump({"title": ..., "hide": ["toc"]}), keys sorted: only the
    # title varies, so only it goes through PyYAML's (pure-Python) emitter, once per page.
    front = "hide:\n- toc\n" + yaml.safe_dump({"title": html.escape(title)}, allow_unicode=True)
    return f"---\n{front}---\n\n<div class=\"gj\">\n{body}\n</div>\n"


def has_blank_line(text: str) -> bool:
    """Whether ``text`` has two newlines in a row. Found from newline to newline: a page body
    has few, and ``"\\n\\n" in text`` is over twice as slow in a long Japanese text."""
    index = text.find("\n")
    while index >= 0:
        if text.startswith("\n", index + 1):
            return True
        index = text.find("\n", index + 1)
    return False


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
    index of its first entry; ``urls[k]`` is the site URL of page k (0-based) once the plugin has
    added the pages (``urls[0]`` is the list's own address), one URL per page of :attr:`spans`.
    """

    entries: list[Any]
    keys: list[Hashable]
    size: int
    targets: dict[Hashable, int] = field(default_factory=dict)
    urls: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, rows: Iterable[tuple[Hashable, Hashable, Any]], size: int) -> "Listing":
        """A listing of ``(group key, link target, entry)`` rows, in order."""
        listing = cls([], [], size)
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


@dataclass
class Paths:
    """Site-relative URLs of the generated files, as MkDocs computed them (``File.url``)."""

    home: str = ""
    meetings: str = ""
    themes: str = ""
    report: str = ""
    glossary: str = ""
    data: str = ""
    csv: str = ""
    schema: str | None = None
    theme_rules: str = ""  # the hand-written page on how themes are assigned (docs/), if any
    meeting: dict[str, str] = field(default_factory=dict)
    theme: dict[str, str] = field(default_factory=dict)
    yaml: dict[str, str] = field(default_factory=dict)
    json: dict[str, str] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)  # only sources that exist on disk
    # meeting ID -> language -> URL of its translation file
    translation: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class Site:
    """Everything a page needs. ``roots`` maps each language of the site to the path from this
    build's root to that language's root ("" for this build's own language, "en/" from the
    Japanese site, "../" from the English one); empty when the site has one language."""

    corpus: Corpus
    themes: list[ThemeInfo]
    paths: Paths
    site_url: str
    t: Strings = field(default_factory=lambda: load_strings("ja"))
    glossary: list[GlossaryEntry] = field(default_factory=list)
    roots: dict[str, str] = field(default_factory=dict)
    # The paginated lists by stem ("themes/<id>", "report", "glossary", "meetings", "data"),
    # with their pages' URLs: see listings(); set by the plugin before any page is rendered.
    listings: dict[str, Listing] = field(default_factory=dict)

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

    @cached_property
    def units(self) -> dict[str, list[Unit]]:
        """Every meeting's units (:meth:`MeetingDoc.units`), by meeting ID."""
        return {doc.id: list(doc.units()) for doc in self.corpus.meetings}

    @cached_property
    def theme_tags(self) -> dict[str, list[tuple[MeetingDoc, Unit, dict[str, Any]]]]:
        """Every theme tag of the corpus with its meeting and unit, by theme ID, in corpus order."""
        out: dict[str, list[tuple[MeetingDoc, Unit, dict[str, Any]]]] = defaultdict(list)
        for doc in self.corpus.meetings:
            for unit in self.units[doc.id]:
                for tag in unit.data.get("themes") or []:
                    out[tag.get("theme")].append((doc, unit, tag))
        return dict(out)

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

    def label(self, key: str) -> str:
        """The UI string ``key`` (one without placeholders), escaped."""
        return self.memo("label", key, lambda: esc(self.t(key)))

    def href(self, url: str, here: str, anchor: str = "") -> str:
        if anchor and url == here:
            return esc(f"#{anchor}")
        relative = self._relative.get((url, here))
        if relative is None:
            relative = self._relative[url, here] = get_relative_url(url, here)
        return esc(relative + (f"#{anchor}" if anchor else ""))

    def lang_href(self, lang: str, url: str, here: str, anchor: str = "") -> str:
        """Link from page ``here`` of this build to page ``url`` of language ``lang``'s build.
        The builds share their URL layout, so this is: up to this build's root, across to the
        other root, down to ``url``."""
        return esc("../" * here.count("/") + self.roots[lang] + url
                   + (f"#{anchor}" if anchor else ""))

    def absolute(self, url: str, anchor: str = "") -> str:
        return self.site_url.rstrip("/") + "/" + url + (f"#{anchor}" if anchor else "")

    def permalink(self, doc: MeetingDoc, unit_id: str) -> str:
        return self.absolute(self.paths.meeting[doc.id], unit_id)

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


# --- small pieces --------------------------------------------------------------------------

def lang_attr(site: Site, lang: str) -> str:
    """A ``lang`` attribute for text in ``lang`` when that is not the page's language."""
    return f' lang="{lang}"' if lang != site.lang else ""


def ja_text(site: Site, text: str) -> str:
    """Japanese data (a term, a quoted phrase) escaped, marked as Japanese on other-language pages."""
    return f'<span lang="ja">{esc(text)}</span>' if site.lang != "ja" else esc(text)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def meeting_date(site: Site, doc: MeetingDoc) -> str:
    d = doc.date
    shown = (date_en(d, weekday=True) if site.lang == "en"
             else f"{d.year}年{d.month}月{d.day}日（{doc.weekday}）")
    return f'<time datetime="{d.isoformat()}">{esc(shown)}</time>'


def meeting_kind(site: Site, doc: MeetingDoc) -> str:
    kind = doc.meeting.get("kind") or ""
    if site.lang != "en":
        return kind
    translation = doc.translations.get("en")
    return (translation.meeting.get("kind") if translation and translation.meeting.get("kind")
            else capitalised(KIND_EN.get(kind, kind)))


def meeting_title(site: Site, doc: MeetingDoc) -> str:
    return meeting_title_en(doc) if site.lang == "en" else doc.meeting["title"]


def meeting_name(site: Site, doc: MeetingDoc) -> str:
    """The meeting's title and kind, escaped."""
    def make() -> str:
        sep = ": " if site.lang == "en" else " "
        kind = meeting_kind(site, doc)
        return esc(f"{meeting_title(site, doc)}{sep}{kind}" if kind else meeting_title(site, doc))

    return site.memo("meeting_name", doc.id, make)


def series_title(site: Site, series) -> str:
    return (series.title_en or series.title) if site.lang == "en" else series.title


def series_organiser(site: Site, series) -> str:
    return (series.organiser_en or series.organiser) if site.lang == "en" else series.organiser


def theme_name(site: Site, info: ThemeInfo) -> str:
    return info.name_en if site.lang == "en" else info.name


def chips(site: Site, unit: Unit, here: str) -> str:
    """Links to the unit on the page of each of its themes that holds it."""
    targets = site.unit_memo("chips", unit, lambda: chip_targets(site, unit))
    links = "".join(f'<a class="gj-chip" href="{site.href(url, here, unit.id)}">{label}</a>'
                    for url, label in targets)
    return f'<span class="gj-chips">{links}</span>' if links else ""


def chip_targets(site: Site, unit: Unit) -> list[tuple[str, str]]:
    """The unit's theme chips: the URL of the theme's page holding the unit (the listings' URLs
    are set before any page is rendered), and the chip's text."""
    return [(site.listings[theme_stem(tag["theme"])].url_of(unit.id),
             chip_label(site, tag["theme"], tag.get("origin") == "manual"))
            for tag in unit.data.get("themes") or []]


def chip_label(site: Site, theme_id: str, manual: bool) -> str:
    """A theme chip's text: the theme's name (its ID if unknown), marked when tagged by hand."""
    def make() -> str:
        info = site.theme(theme_id)
        name = esc(theme_name(site, info) if info else theme_id)
        return (f'{name} <span class="gj-manual" title="{site.label("unit.manual")}">✎</span>'
                if manual else name)

    return site.memo("chip", (theme_id, manual), make)


def cite_panel(site: Site, citation: MeetingCitation, doc: MeetingDoc, unit: Unit) -> str:
    """The citation panel of a unit; ``citation`` is its meeting's (made once per meeting)."""
    url = site.permalink(doc, unit.id)
    cited = citation.cite(unit, url, translated=site.translation(doc, unit) is not None)
    texts = {"ja": cited.ja, "en": cited.en, "bib": cited.bibtex, "csl": cited.csl_json}
    copy = site.label("cite.copy")
    blocks = "".join(
        f'<div class="gj-cite-format"><span class="gj-cite-label">{label}</span>'
        f'<button type="button" class="gj-copy md-button" data-copy="cite-{key}-{unit.id}" hidden>'
        f'{copy}<span class="md-visually-hidden"> {label}</span></button>'
        f'<pre id="cite-{key}-{unit.id}"{lang}>{esc(texts[key])}</pre></div>'
        for key, label, lang in site.memo("cite", "formats", lambda: cite_formats(site)))
    summary = site.memo("cite", "summary", lambda: cite_summary(site))
    return (f'<details class="gj-cite"><summary>{summary}</summary>'
            f'<div class="gj-cite-body"><p class="gj-permalink">{site.label("cite.permalink")} '
            f'<a href="#{esc(unit.id)}">{esc(url)}</a></p>{blocks}'
            f'<p class="gj-status" role="status" aria-live="polite"></p></div></details>')


def cite_formats(site: Site) -> list[tuple[str, str, str]]:
    """The citation formats of the panel: key, label (escaped) and lang attribute of each, the
    prose in the page's language first."""
    prose = [(key, site.label(f"cite.{key}"), lang_attr(site, key)) for key in ("ja", "en")]
    if site.lang == "en":
        prose.reverse()
    return prose + [("bib", "BibTeX", ""), ("csl", "CSL-JSON", "")]


def cite_summary(site: Site) -> str:
    other = site.t("cite.summary_other")
    return site.label("cite.summary") + (f' <span lang="en">{esc(other)}</span>' if other else "")


def speaker_name(site: Site, speaker: dict[str, Any]) -> str:
    """How a speaker is shown and filtered: "清野一榮 議長", "デジタル戦略推進部長", "委員 B"
    for （Ｂ委員）, and for a bare label （Ａ） "発言者 A" / "Speaker A": no role the source
    does not give."""
    if speaker.get("label") and not speaker.get("role"):
        return site.t("meeting.speaker_label", label=speaker["label"])
    if speaker.get("label"):
        return f'{speaker["role"]} {speaker["label"]}'
    return " ".join(p for p in (speaker.get("name"), speaker.get("role")) if p)


def speaker_html(site: Site, unit: Unit) -> str:
    speaker = unit.data.get("speaker")
    if not speaker:
        return ""
    # Names and roles are kept as written (Japanese) in both languages; a bare label is
    # shown in the page's language.
    lang = "" if speaker.get("label") and not speaker.get("role") else lang_attr(site, "ja")
    return f'<span class="gj-speaker"{lang}>{esc(speaker_name(site, speaker))}</span>'


def notes_html(site: Site, unit: Unit) -> str:
    """Stage directions that followed the remark, e.g. （報道関係者入室）, as asides."""
    notes = unit.data.get("notes") or []
    return "".join(f'<p class="gj-note"{lang_attr(site, "ja")}>{esc(n["text"])}</p>' for n in notes)


def speaker_filter(site: Site, remarks: list[Unit]) -> str:
    """A speaker filter for meetings whose minutes name speakers (enabled by gijiroku.js)."""
    counts: dict[str, int] = {}
    for remark in remarks:
        if remark.data.get("speaker"):
            name = speaker_name(site, remark.data["speaker"])
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return ""
    options = "".join(f'<option value="{esc(name)}">{esc(name)} ({n})</option>'
                      for name, n in counts.items())
    return (f'<p class="gj-speaker-filter" hidden><label>{esc(site.t("meeting.speaker_filter"))} '
            f'<select><option value="">{esc(site.t("meeting.speaker_all"))}</option>{options}'
            f"</select></label></p>")


def unit_head(site: Site, doc: MeetingDoc, unit: Unit, here: str, number_href: str) -> str:
    title, label, rest = site.unit_memo("head", unit, lambda: unit_head_parts(site, doc, unit))
    return (f'<div class="gj-head"><a class="gj-num" href="{number_href}" title="{title}">{label}</a>'
            f'{rest}{chips(site, unit, here)}</div>')


def unit_head_parts(site: Site, doc: MeetingDoc, unit: Unit) -> tuple[str, str, str]:
    """What the unit's head shows on every page, escaped: its number link's title and text, and
    what follows the link (speaker, page, ID, translation badge)."""
    translation = site.translation(doc, unit)
    badge = (f'<span class="gj-badge">{esc(site.t("unit.status." + translation.status))}</span>'
             if translation and f"unit.status.{translation.status}" in site.t.table else "")
    return (esc(site.t("unit.link_title", id=unit.id)), esc(site.t("unit.label", label=unit.label)),
            f'{speaker_html(site, unit)}<span class="gj-page">p.{esc(unit.page)}</span>'
            f'<span class="gj-id">{esc(unit.id)}</span>{badge}')


def unit_text(site: Site, doc: MeetingDoc, unit: Unit, here: str,
              spans: list[tuple[int, int]] = ()) -> str:
    """The text block of a unit in the site's language (see the module docstring).

    ``.gj-text`` always holds the text the page shows; the Japanese original of a translated
    unit is in ``.gj-original`` (a different class, so tools reading ``.gj-text`` get one text).
    """
    if site.lang == "ja":
        return f'<div class="gj-text">{text_html(unit.text, spans)}</div>'
    japanese_page = ""
    if "ja" in site.roots:
        japanese_page = (f'<p class="gj-original-link"><a href="'
                         f'{site.lang_href("ja", site.paths.meeting[doc.id], here, unit.id)}" '
                         f'hreflang="ja">{site.label("unit.original_page")}</a></p>')
    translation = site.translation(doc, unit)
    if translation is None:
        return (f'<p class="gj-notice gj-fallback">{site.label("unit.fallback")}</p>'
                f'<div class="gj-text" lang="ja">{text_html(unit.text, spans)}</div>{japanese_page}')
    stale = ""
    if translation.source_hash and translation.source_hash != str(unit.data.get("hash", "")):
        stale = f'<p class="gj-notice gj-stale">{site.label("unit.stale")}</p>'
    return (f'<div class="gj-text" lang="{site.lang}">{text_html(translation.text)}</div>{stale}'
            f'<details class="gj-original"><summary>{site.label("unit.original")}</summary>'
            f'<div class="gj-original-text" lang="ja">{text_html(unit.text, spans)}</div>'
            f"{japanese_page}</details>")


def remark_block(site: Site, citation: MeetingCitation, doc: MeetingDoc, remark: Unit,
                 items: list[Unit], here: str) -> str:
    def body(unit: Unit) -> str:
        return (f'{unit_head(site, doc, unit, here, "#" + esc(unit.id))}'
                f'{unit_text(site, doc, unit, here)}{notes_html(site, unit)}'
                f'{cite_panel(site, citation, doc, unit)}')

    items_html = "".join(f'<li class="gj-item" id="{esc(item.id)}" data-hash="{esc(item.data.get("hash", ""))}">'
                         f"{body(item)}</li>" for item in items)
    speaker = remark.data.get("speaker")
    speaker_attr = f' data-speaker="{esc(speaker_name(site, speaker))}"' if speaker else ""
    return (f'<article class="gj-remark" id="{esc(remark.id)}" data-hash="{esc(remark.data.get("hash", ""))}"'
            f'{speaker_attr}>'
            f"{body(remark)}"
            + (f'<ol class="gj-items">{items_html}</ol>' if items else "") + "</article>")


def context_entry(site: Site, doc: MeetingDoc, unit: Unit, here: str,
                  spans: list[tuple[int, int]], note: str = "", entry_id: str | None = None) -> str:
    """A remark shown outside its meeting: its text (``spans`` marked) and a link into context."""
    context = site.href(site.paths.meeting[doc.id], here, unit.id)
    ident = f' id="{esc(entry_id)}"' if entry_id else ""
    return (f'<article class="gj-remark gj-entry"{ident}>'
            f'{unit_head(site, doc, unit, here, context)}'
            + (f'<p class="gj-note">{note}</p>' if note else "")
            + unit_text(site, doc, unit, here, spans)
            + f'<p class="gj-context"><a href="{context}">{context_label(site, doc)}</a></p>'
            "</article>")


def context_label(site: Site, doc: MeetingDoc) -> str:
    """The text of a link from a remark shown outside its meeting to its meeting's page."""
    return site.memo("context", doc.id,
                     lambda: site.t.html("unit.context", meeting=meeting_name(site, doc)))


def continued(site: Site, run: Run) -> str:
    """The "(continued)" mark of a group heading repeated at the top of a page."""
    return f' <small class="gj-continued">{esc(site.t("pager.continued"))}</small>' if run.continued else ""


def meeting_heading(site: Site, doc: MeetingDoc, here: str, level: int = 2, mark: str = "") -> str:
    return (f'<h{level} class="gj-meeting-title"><a href="{site.href(site.paths.meeting[doc.id], here)}">'
            f"{meeting_name(site, doc)}</a> <small>{meeting_date(site, doc)}</small>{mark}</h{level}>")


def pager(site: Site, listing: Listing, number: int, here: str, where: str) -> str:
    """Links to the first, previous, next and last page of ``listing`` from its page ``number``
    (0-based), and which page this is; nothing when the list fits on one page. ``where`` ("top"
    or "bottom") names the two pagers of a page apart for screen readers."""
    count = len(listing.urls)
    if count < 2:
        return ""

    def link(key: str, target: int, rel: str = "") -> str:
        label = esc(site.t(f"pager.{key}"))
        if target == number or not 0 <= target < count:
            return f'<span class="gj-pager-{key} gj-off">{label}</span>'
        return (f'<a class="gj-pager-{key}" href="{site.href(listing.urls[target], here)}"{rel}>'
                f"{label}</a>")

    span = listing.span(number)
    status = site.t("pager.status", k=number + 1, n=count, first=span.start + 1, last=span.stop,
                    total=len(listing.entries))
    prev, next_ = link("prev", number - 1, ' rel="prev"'), link("next", number + 1, ' rel="next"')
    return (f'<nav class="gj-pager" aria-label="{esc(site.t("pager.label_" + where))}">'
            f'{link("first", 0)}{prev}<span class="gj-pager-status">{esc(status)}</span>'
            f'{next_}{link("last", count - 1)}</nav>')


def listing_title(site: Site, title: str, listing: Listing, number: int) -> str:
    """A listing page's title: the list's title, with the page number after the first page."""
    return title if number == 0 else site.t("pager.title", title=title, k=number + 1, n=len(listing.urls))


def theme_counts(site: Site) -> dict[str, int]:
    return {theme.id: len(site.theme_units(theme.id)) for theme in site.themes}


def theme_list(site: Site, here: str) -> str:
    counts = theme_counts(site)
    if not site.themes:
        return f"<p>{esc(site.t('themes.none'))}</p>"
    rows = []
    for t in site.themes:
        # the name in the other language, as a secondary label
        other, other_lang = (t.name, "ja") if site.lang == "en" else (t.name_en, "en")
        secondary = f' <span lang="{other_lang}">{esc(other)}</span>' if other != theme_name(site, t) else ""
        description = t.description_en if site.lang == "en" else t.description
        description = f"<br>{esc(description)}" if description else ""
        rows.append(f'<li><a href="{site.href(site.paths.theme[t.id], here)}"><strong>'
                    f'{esc(theme_name(site, t))}</strong></a>{secondary} <span class="gj-count">'
                    f'{esc(site.t("themes.count", n=counts[t.id]))}</span>{description}</li>')
    return f'<ul class="gj-themes">{"".join(rows)}</ul>'


def meetings_table(site: Site, docs: list[MeetingDoc], here: str) -> str:
    rows = []
    for doc in docs:
        links = [f'<a href="{site.href(site.paths.yaml[doc.id], here)}">YAML</a>',
                 f'<a href="{site.href(site.paths.json[doc.id], here)}">JSON</a>']
        if doc.id in site.paths.source:
            links.append(f'<a href="{site.href(site.paths.source[doc.id], here)}">'
                         f'{esc(site.t("meetings.source"))}</a>')
        for lang, url in site.paths.translation.get(doc.id, {}).items():
            links.append(f'<a href="{site.href(url, here)}" hreflang="{lang}">'
                         f'{esc(site.t("meetings.translation"))} ({esc(lang)})</a>')
        rows.append(
            f'<tr><td><a href="{site.href(site.paths.meeting[doc.id], here)}">'
            f"{esc(meeting_title(site, doc))}</a></td>"
            f"<td>{meeting_date(site, doc)}</td><td>{esc(meeting_kind(site, doc))}</td>"
            f"<td>{len(doc.remarks)}</td><td>{' · '.join(links)}</td></tr>")
    heads = "".join(f'<th scope="col">{esc(site.t("meetings.col." + key))}</th>'
                    for key in ("meeting", "date", "kind", "remarks", "data"))
    # No class on the table: Material styles (and makes scrollable) only `table:not([class])`.
    return f'<table><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def series_docs(site: Site) -> list[tuple[Any, list[MeetingDoc]]]:
    return [(series, [d for d in site.corpus.meetings if d.series.slug == series.slug])
            for series in site.corpus.series()]


# --- pages ---------------------------------------------------------------------------------

def home_page(site: Site, here: str) -> str:
    out = [f"<h1>{esc(site.t('home.heading'))}</h1>", f"<p>{esc(site.t('home.lead'))}</p>"]
    if len(site.roots) > 1:
        out.append(f'<p class="gj-notice">{esc(site.t("home.translation_note"))}</p>')
    out.append(f'<h2 id="study-groups">{esc(site.t("home.study_groups"))}</h2>')
    other_lang = "ja" if site.lang == "en" else "en"
    for series, docs in series_docs(site):
        recent = list(reversed(docs))[:HOME_RECENT]
        other_title = series.title if site.lang == "en" else series.title_en
        other_org = series.organiser if site.lang == "en" else series.organiser_en
        out.append(f'<h3 class="gj-series-title">{esc(series_title(site, series))}</h3>'
                   f'<p><span lang="{other_lang}">{esc(other_title)}</span><br>'
                   f'{esc(series_organiser(site, series))} <span lang="{other_lang}">{esc(other_org)}</span></p>'
                   f"{meetings_table(site, recent, here)}")
    out.append(f'<p><a href="{site.href(site.paths.meetings, here)}">{esc(site.t("home.all_meetings"))}</a></p>')
    out.append(f'<h2 id="themes">{esc(site.t("title.themes"))}</h2>{theme_list(site, here)}')
    example = next((d for d in site.corpus.meetings if d.remarks), None)
    out.append(f'<h2 id="cite">{esc(site.t("home.cite_heading"))}</h2>'
               f'<p>{site.t.html("home.cite_text", example="<code>sr06-04</code>")}</p>')
    if example:
        unit = site.units[example.id][0]
        citation = cite(example, unit, site.permalink(example, unit.id), site.lang,
                        translated=site.translation(example, unit) is not None)
        prose = [(citation.ja, "ja"), (citation.en, "en")]
        if site.lang == "en":
            prose.reverse()  # the page's language first
        out.append(f'<p>{esc(site.t("home.example"))}</p>'
                   + "".join(f'<pre class="gj-example"{lang_attr(site, lang)}>{esc(text)}</pre>'
                             for text, lang in prose))
    schema = (f'{esc(site.t("home.schema_sep"))}<a href="{site.href(site.paths.schema, here)}">JSON Schema</a>'
              if site.paths.schema else "")
    out.append(f'<h2 id="data">{esc(site.t("home.data_heading"))}</h2>'
               "<p>" + site.t.html(
                   "home.data_text", csv=f'<a href="{site.href(site.paths.csv, here)}">CSV</a>',
                   schema=schema,
                   data=f'<a href="{site.href(site.paths.data, here)}">{esc(site.t("title.data"))}</a>')
               + "</p>"
               f'<p><a href="{site.href(site.paths.report, here)}">{esc(site.t("title.report"))}</a> · '
               f'<a href="{site.href(site.paths.glossary, here)}">{esc(site.t("title.glossary"))}</a></p>')
    return "\n".join(out)


def meeting_rows(site: Site, newest_first: bool) -> list[tuple[Hashable, Hashable, Any]]:
    """Listing rows of every meeting, grouped by series (in series order), each series' meetings
    in date order or (``newest_first``) the reverse."""
    return [(series.slug, doc.id, doc) for series, docs in series_docs(site)
            for doc in (reversed(docs) if newest_first else docs)]


def meeting_tables(site: Site, listing: Listing, number: int, here: str) -> list[str]:
    """Page ``number`` of a listing of meetings: a table per series, its title repeated (marked
    as continued) when the series began on an earlier page."""
    titles = {series.slug: series_title(site, series) for series in site.corpus.series()}
    return [f'<h2 class="gj-series-title">{esc(titles[run.key])}{continued(site, run)}</h2>'
            f"{meetings_table(site, [listing.entries[i] for i in run.span], here)}"
            for run in runs(listing.keys, listing.span(number))]


def meetings_index_page(site: Site, here: str, number: int = 0) -> str:
    listing = site.listings["meetings"]
    out = [f"<h1>{esc(site.t('title.meetings'))}</h1>", pager(site, listing, number, here, "top"),
           *meeting_tables(site, listing, number, here), pager(site, listing, number, here, "bottom")]
    return "\n".join(o for o in out if o)


def attendee(site: Site, doc: MeetingDoc, person: dict[str, Any]) -> str:
    name, role = str(person.get("name", "")), str(person.get("role", ""))
    translation = doc.translations.get(site.lang) if site.lang != "ja" else None
    if translation is None and site.lang == "ja":
        return f'<li>{esc(name)}<span class="gj-role">{esc(role)}</span></li>'
    roles = translation.meeting.get("roles") or {} if translation else {}
    role_shown = roles.get(role) or site.t.get(f"role.{role}", role)
    romanised = translation.attendees.get(name) if translation else None
    shown = (f'{esc(romanised)} <span lang="ja">{esc(name)}</span>' if romanised
             else f'<span lang="ja">{esc(name)}</span>')
    return f'<li>{shown}<span class="gj-role">{esc(role_shown)}</span></li>'


def parse_notes(site: Site, warnings: list[dict]) -> str:
    """The meeting's parse warnings (at least one) as a collapsed note.

    Each warning is worded in the page's language by its ``kind`` (strings ``warning.<kind>``),
    followed by the parser's own message and hint, which are English (marked ``lang="en"``).
    """
    t = site.t
    en = lang_attr(site, "en")
    rows = []
    for warning in warnings:
        kind = warning.get("kind") or "other"
        detail = " — ".join(filter(None, [warning.get("message", ""), warning.get("hint", "")]))
        rows.append(f"<li>{esc(t('meeting.parse_note', line=warning.get('line', '')))} "
                    f"{esc(t.get('warning.' + kind, t('warning.other')))}"
                    f' <span class="gj-parse-detail"{en}>{esc(detail)}</span></li>')
    return (f'<details class="gj-parse-notes"><summary>'
            f"{esc(t('meeting.parse_notes', n=len(warnings)))}</summary>"
            f"<p>{esc(t('meeting.parse_notes_intro'))}</p><ul>{''.join(rows)}</ul></details>")


def meeting_page(site: Site, doc: MeetingDoc, here: str) -> str:
    m, series = doc.meeting, doc.series
    translation = doc.translations.get(site.lang) if site.lang != "ja" else None
    strings = translation.meeting if translation else {}
    t = site.t
    time = f"{esc(m['start'])}{esc(t('meeting.time_sep'))}{esc(m['end'] or '')}" if m.get("start") else ""
    attendees = "".join(attendee(site, doc, a) for a in m.get("attendees") or [])
    source = m.get("source") or {}
    if doc.id in site.paths.source:
        src = (f'<a href="{site.href(site.paths.source[doc.id], here)}" download>'
               f'{esc(source.get("file", ""))}</a>')
    else:
        src = f"{esc(source.get('file', ''))}{esc(t('meeting.source_missing'))}"
    src += (f' <span class="gj-page">{esc(t("meeting.pages", n=source.get("pages", "")))}'
            f' · {esc(source.get("encoding", ""))}'
            f' · sha256 <code>{esc(str(source.get("sha256", ""))[:12])}…</code></span>'
            f' · <a href="{site.href(site.paths.yaml[doc.id], here)}">YAML</a>'
            f' · <a href="{site.href(site.paths.json[doc.id], here)}">JSON</a>')
    venue = (esc(strings["venue"]) if strings.get("venue")
             else (f'<span lang="ja">{esc(m.get("venue") or "")}</span>' if site.lang != "ja"
                   else esc(m.get("venue") or "")))
    other_title = f' <small lang="ja">{esc(m["title"])}</small>' if site.lang != "ja" else ""
    out = [f"<h1>{meeting_name(site, doc)}{other_title}</h1>", unknown_anchor_notice(site),
           f'<p class="gj-series"><a href="{site.href(site.paths.home, here)}">{esc(series_title(site, series))}</a>'
           f" · {esc(series_organiser(site, series))}</p>",
           '<dl class="gj-meta">'
           f"<dt>{esc(t('meeting.when'))}</dt><dd>{meeting_date(site, doc)} {time}</dd>"
           f"<dt>{esc(t('meeting.where'))}</dt><dd>{venue}</dd>"
           f"<dt>{esc(strings.get('attendees_heading') or t('meeting.attendees'))}</dt>"
           f'<dd><ul class="gj-attendees">{attendees}</ul></dd>'
           f"<dt>{esc(t('meeting.source'))}</dt><dd>{src}</dd></dl>"]
    if site.lang != "ja":
        if translation:
            out.append('<div class="admonition warning gj-translation-notice">'
                       f'<p class="admonition-title">{esc(t("unit.status.unofficial"))}</p>'
                       f"<p>{esc(t('meeting.translation_notice'))}</p></div>")
        else:
            out.append('<div class="admonition warning gj-translation-notice">'
                       f"<p>{esc(t('meeting.no_translation'))}</p></div>")
    if doc.data.get("warnings"):
        out.append(parse_notes(site, doc.data["warnings"]))
    header = doc.data.get("header") or []
    if strings.get("intro"):
        out.append(f'<p class="gj-intro">{esc(strings["intro"])}</p>')
    if header:
        lang = lang_attr(site, "ja")
        lines = "".join(f"<li>{esc(h.get('text', ''))}</li>" for h in header)
        out.append(f'<details class="gj-header"><summary>{esc(t("meeting.header"))}</summary>'
                   f"<ul{lang}>{lines}</ul></details>")
    out.append(f"<p>{esc(t('meeting.count', n=len(doc.remarks)))}</p>")
    units = site.units[doc.id]
    filter_html = speaker_filter(site, [u for u in units if u.parent is None])
    if filter_html:
        out.append(filter_html)
    items: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        if unit.parent is not None:
            items[unit.parent].append(unit)
    citation = meeting_citation(doc, site.lang)
    for unit in units:
        if unit.parent is None:
            out.append(remark_block(site, citation, doc, unit, items[unit.id], here))
    if doc.data.get("closing"):
        closing, lang = ((strings["closing"], site.lang) if strings.get("closing")
                         else (doc.data["closing"], "ja"))
        out.append(f'<p class="gj-closing"{lang_attr(site, lang)}>{esc(closing)}</p>')
    out.append(retired_section(site, doc.data.get("retired") or []))
    return "\n".join(o for o in out if o)


def unknown_anchor_notice(site: Site) -> str:
    """The notice gijiroku.js shows when the page's #anchor names nothing on it (a mistyped or
    unknown ID), instead of leaving the reader at the top of the page without a word."""
    return (f'<p class="gj-notice gj-unknown-anchor" role="status" hidden data-template="'
            f'{esc(site.t("meeting.unknown_anchor", id="{id}"))}"></p>')


def retired_section(site: Site, retired: list[dict[str, Any]]) -> str:
    """Remarks and items a corrected source no longer has: each keeps its anchor, so an old
    permalink lands on a notice and the text as last published (the Japanese original)."""
    if not retired:
        return ""
    t = site.t
    blocks = "".join(
        f'<section class="gj-retired" id="{esc(entry["id"])}" data-hash="{esc(entry.get("hash", ""))}">'
        f'<p class="gj-notice">{esc(t("meeting.retired_notice", id=entry["id"]))}</p>'
        + (f'<div class="gj-retired-text" lang="ja">{text_html(entry["text"])}</div>'
           if entry.get("text") else f'<p>{esc(t("meeting.retired_unknown"))}</p>')
        + "</section>"
        for entry in retired)
    return f'<h2 class="gj-retired-heading">{esc(t("meeting.retired_heading"))}</h2>{blocks}'


def themes_index_page(site: Site, here: str) -> str:
    return f"<h1>{esc(site.t('title.themes'))}</h1>\n{theme_list(site, here)}"


def theme_rows(site: Site, theme: ThemeInfo) -> Iterable[tuple[Hashable, Hashable, Any]]:
    """The theme's listing rows: grouped by meeting, linked to by remark ID."""
    return ((doc.id, unit.id, (doc, unit, tag)) for doc, unit, tag in site.theme_units(theme.id))


def theme_page(site: Site, theme: ThemeInfo, here: str, number: int = 0) -> str:
    """Page ``number`` (0-based) of the theme's remarks, grouped by meeting."""
    listing = site.listings[theme_stem(theme.id)]
    other, other_lang = (theme.name, "ja") if site.lang == "en" else (theme.name_en, "en")
    secondary = (f' <small lang="{other_lang}">{esc(other)}</small>'
                 if other != theme_name(site, theme) else "")
    out = [f"<h1>{esc(theme_name(site, theme))}{secondary}</h1>"]
    descriptions = ([(theme.description_en, "")] if site.lang == "en"
                    else [(theme.description, ""), (theme.description_en, ' lang="en"')])
    out += [f"<p{lang}>{esc(text)}</p>" for text, lang in descriptions if text]
    out.append(theme_scope(site, theme.id, here))
    out.append(f"<p>{esc(site.t('theme.intro', n=len(listing.entries)))}</p>")
    out.append(pager(site, listing, number, here, "top"))
    for run in runs(listing.keys, listing.span(number)):
        out.append(meeting_heading(site, listing.entries[run.span.start][0], here,
                                   mark=continued(site, run)))
        for doc, unit, tag in (listing.entries[i] for i in run.span):
            evidence = tag.get("evidence") or []
            terms = "、".join(dict.fromkeys(str(e.get("term", "")) for e in evidence))
            note = theme_note(site, tag.get("origin") == "manual", terms)
            out.append(context_entry(site, doc, unit, here, evidence_spans(unit.text, evidence),
                                     note, entry_id=unit.id))
    if not listing.entries:
        out.append(f"<p>{esc(site.t('theme.empty'))}</p>")
    out.append(pager(site, listing, number, here, "bottom"))
    return "\n".join(o for o in out if o)


def covering_series(site: Site, theme_id: str) -> list[Any]:
    """The series of the corpus whose ``themes:`` include ``theme_id`` (no list: every theme)."""
    series = {doc.series.slug: doc.series for doc in site.corpus.meetings}
    return [s for s in series.values() if s.themes is None or theme_id in s.themes]


def theme_scope(site: Site, theme_id: str, here: str) -> str:
    """Which series the theme page covers, and a link to how themes are assigned."""
    covered = covering_series(site, theme_id)
    names = "、".join(series_title(site, s) for s in covered) if site.lang == "ja" else \
        "; ".join(series_title(site, s) for s in covered)
    text = site.t("theme.covers", series=names) if covered else site.t("theme.covers_none")
    how = (f' <a href="{site.href(site.paths.theme_rules, here)}">{site.label("theme.how")}</a>'
           if site.paths.theme_rules else "")
    return f'<p class="gj-theme-scope">{esc(text)}{how}</p>'


def theme_note(site: Site, manual: bool, terms: str) -> str:
    """How a remark was tagged with a theme: by hand or automatically, on which terms."""
    def make() -> str:
        origin = site.t.html("theme.manual" if manual else "theme.auto")
        return origin + (site.t.html("theme.matched", terms=ja_text(site, terms)) if terms else "")

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


def report_rows(site: Site) -> list[tuple[Hashable, Hashable, Any]]:
    """The report's listing rows: grouped (and linked to) by reference kind and number, the
    kinds in :data:`REF_KINDS` order, then any other kind; each group in corpus order."""
    groups: dict[tuple[str, tuple[int, ...]], list] = defaultdict(list)
    for doc in site.corpus.meetings:
        for unit in site.units[doc.id]:
            for ref in unit.data.get("refs") or []:
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


def report_index(site: Site, listing: Listing, here: str) -> str:
    """Every reference group with its count, linked to the page where it starts."""
    lines = []
    for kind_run in runs([key[0] for key in listing.keys], range(len(listing.keys))):
        links = "".join(
            f'<li><a href="{site.href(listing.url_of(run.key), here, ref_anchor(run.key))}">'
            f'{esc(ref_group_label(site.t, *run.key))}</a> ({len(run.span)})</li>'
            for run in runs(listing.keys, kind_run.span))
        lines.append(f'<li><strong>{esc(ref_kind_label(site.t, kind_run.key))}</strong>'
                     f'<ul class="gj-term-index">{links}</ul></li>')
    return f'<ul class="gj-group-index">{"".join(lines)}</ul>'


def report_page(site: Site, here: str, number: int = 0) -> str:
    """Page ``number`` (0-based) of the references, by kind (h2) and reference (h3); the first
    page also lists every reference. A heading's id stays on the page where its group starts."""
    listing = site.listings["report"]
    out = [f"<h1>{esc(site.t('title.report'))}</h1>", f"<p>{esc(site.t('report.intro'))}</p>"]
    if not listing.entries:
        out.append(f"<p>{esc(site.t('report.empty'))}</p>")
        return "\n".join(out)
    if number == 0 and len(listing.urls) > 1:
        out.append(report_index(site, listing, here))
    out.append(pager(site, listing, number, here, "top"))
    kinds = [key[0] for key in listing.keys]
    for kind_run in runs(kinds, listing.span(number)):
        kind = kind_run.key
        ident = "" if kind_run.continued else f' id="{esc(kind)}"'
        out.append(f'<h2{ident}>{esc(ref_kind_label(site.t, kind))}{continued(site, kind_run)}</h2>')
        for run in runs(listing.keys, kind_run.span):
            group = [listing.entries[i] for i in group_span(listing, run.key)]
            titles = "".join(dict.fromkeys(f"「{r['title']}」" for _, _, r in group if r.get("title")))
            titles_html = ja_text(site, titles) if titles else ""
            ident = "" if run.continued else f' id="{esc(ref_anchor(run.key))}"'
            out.append(f'<h3{ident}>{esc(ref_group_label(site.t, *run.key))}{titles_html}'
                       f'{continued(site, run)}</h3>')
            for doc, unit, ref in (listing.entries[i] for i in run.span):
                out.append(context_entry(site, doc, unit, here,
                                         valid_spans(unit.text, [ref], "text"),
                                         note=site.t.html("report.mention",
                                                          text=ja_text(site, ref.get("text", "")))))
    out.append(pager(site, listing, number, here, "bottom"))
    return "\n".join(o for o in out if o)


def term_anchor(term: str) -> str:
    # Terms are Japanese; a short hash gives an ASCII anchor that stays put across rebuilds.
    return "term-" + hashlib.sha1(term.encode("utf-8")).hexdigest()[:8]


def snippet(text: str, start: int, end: int, width: int = 40) -> tuple[str, list[tuple[int, int]]]:
    left, right = max(0, start - width), min(len(text), end + width)
    prefix = "…" if left else ""
    return (prefix + text[left:right] + ("…" if right < len(text) else ""),
            [(start - left + len(prefix), end - left + len(prefix))])


def glossary_table(site: Site) -> str:
    rows = []
    for entry in site.glossary:
        variants = "".join(f' <span class="gj-variant">({esc(v)})</span>' for v in entry.ja_variants)
        official = (f' <span class="gj-note">({esc(site.t("glossary.official"))})</span>'
                    if entry.official else "")
        rows.append(f'<tr id="{term_anchor("glossary:" + entry.ja)}"><td lang="ja">{esc(entry.ja)}{variants}</td>'
                    f'<td lang="en">{esc(entry.en)}{official}</td><td>{esc(entry.note)}</td></tr>')
    heads = "".join(f'<th scope="col">{esc(site.t("glossary.col." + key))}</th>'
                    for key in ("ja", "en", "note"))
    return f'<table><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def glossary_rows(site: Site) -> list[tuple[Hashable, Hashable, Any]]:
    """The key terms' listing rows: every use of a 「」 term, grouped (and linked to) by term,
    the terms in order of first use."""
    uses: dict[str, list] = defaultdict(list)
    for doc in site.corpus.meetings:
        for unit in site.units[doc.id]:
            for term in unit.data.get("terms") or []:
                uses[str(term.get("term", ""))].append((doc, unit, term))
    return [(term, term, use) for term, rows in uses.items() for use in rows]


def glossary_page(site: Site, here: str, number: int = 0) -> str:
    """The bilingual glossary (what the translations follow), then the 「」 key terms of the
    remarks with the remarks using them (each with its English rendering on the English site).
    Paginated by uses: the first page holds the bilingual glossary and the index of every term,
    each linked to the page where its section starts (which carries the term's anchor)."""
    listing = site.listings["glossary"]
    out = [f"<h1>{esc(site.t('title.glossary'))}</h1>", f"<p>{esc(site.t('glossary.intro'))}</p>"]
    if site.glossary and number == 0:
        out.append(f'<h2 id="bilingual">{esc(site.t("glossary.bilingual"))}</h2>{glossary_table(site)}')
    ident = ' id="key-terms"' if number == 0 else ""
    out.append(f'<h2{ident}>{esc(site.t("glossary.key_terms"))}</h2>'
               f"<p>{esc(site.t('glossary.key_terms_intro'))}</p>")
    if not listing.entries:
        out.append(f"<p>{esc(site.t('glossary.empty'))}</p>")
        return "\n".join(out)

    def rendered(term: str) -> str:
        entry = glossary_entry(site.glossary, term) if site.lang == "en" else None
        english = f' <span lang="en">“{esc(entry.en)}”</span>' if entry else ""
        return f'<span lang="ja">「{esc(term)}」</span>{english}' if site.lang != "ja" else f"「{esc(term)}」"

    if number == 0:
        out.append('<ul class="gj-term-index">' + "".join(
            f'<li><a href="{site.href(listing.url_of(t), here, term_anchor(t))}">{rendered(t)}</a></li>'
            for t in listing.targets) + "</ul>")
    out.append(pager(site, listing, number, here, "top"))
    for run in runs(listing.keys, listing.span(number)):
        items = []
        for doc, unit, use in (listing.entries[i] for i in run.span):
            context = site.href(site.paths.meeting[doc.id], here, unit.id)
            if valid_spans(unit.text, [use], "term"):
                text, spans = snippet(unit.text, use["start"], use["end"])
            else:
                text, spans = unit.text, []
            lang = lang_attr(site, "ja")
            label = site.t.html("glossary.use", meeting=meeting_name(site, doc), label=esc(unit.label))
            items.append(f'<li><a href="{context}">{label}</a>'
                         f'<div class="gj-text"{lang}>{text_html(text, spans)}</div></li>')
        ident = "" if run.continued else f' id="{term_anchor(run.key)}"'
        out.append(f'<section class="gj-term"{ident}><h3>{rendered(run.key)}{continued(site, run)}</h3>'
                   f'<ul class="gj-uses">{"".join(items)}</ul></section>')
    out.append(pager(site, listing, number, here, "bottom"))
    return "\n".join(o for o in out if o)


def listings(site: Site, size: int) -> dict[str, Listing]:
    """Every paginated list of the site, by stem, ``size`` entries a page: a theme's remarks,
    the references, the key terms' uses, and the meetings (meetings page, data page). The
    plugin adds their pages (page 1 at ``<stem>.md`` or the top page of that name, page k at
    ``<stem>/<k>.md``) and fills in their URLs before any page is rendered."""
    out = {theme_stem(theme.id): Listing.of(theme_rows(site, theme), size) for theme in site.themes}
    out["report"] = Listing.of(report_rows(site), size)
    out["glossary"] = Listing.of(glossary_rows(site), size)
    # The meetings page lists the newest first; the data page in date order, like the CSV.
    out["meetings"] = Listing.of(meeting_rows(site, newest_first=True), size)
    out["data"] = Listing.of(meeting_rows(site, newest_first=False), size)
    return out


def listing_page(site: Site, stem: str, number: int, here: str) -> tuple[str, str]:
    """Title and body of page ``number`` (0-based) of the listing ``stem``."""
    listing = site.listings[stem]
    renderers = {"report": report_page, "glossary": glossary_page, "meetings": meetings_index_page,
                 "data": data_page}
    if stem in renderers:
        title, body = site.t(f"title.{stem}"), renderers[stem](site, here, number)
    else:
        theme = next(t for t in site.themes if theme_stem(t.id) == stem)
        title = site.t("title.theme", name=theme_name(site, theme))
        body = theme_page(site, theme, here, number)
    return listing_title(site, title, listing, number), body


def data_page(site: Site, here: str, number: int = 0) -> str:
    """The downloads: the whole-corpus files (first page), then each meeting's files."""
    listing = site.listings["data"]
    out = [f"<h1>{esc(site.t('title.data'))}</h1>", f"<p>{esc(site.t('data.intro'))}</p>"]
    if number == 0:
        out.append(f'<h2 id="all">{esc(site.t("data.all"))}</h2><ul>'
                   f'<li><a href="{site.href(site.paths.csv, here)}" download>remarks.csv</a>'
                   f"{esc(site.t('data.csv'))}</li>")
        if site.paths.schema:
            out.append(f'<li><a href="{site.href(site.paths.schema, here)}" download>minutes.schema.json</a>'
                       f"{esc(site.t('data.schema'))}</li>")
        out.append("</ul>")
        if site.paths.translation:
            out.append(f"<p>{esc(site.t('data.translations'))}</p>")
    out += [pager(site, listing, number, here, "top"), *meeting_tables(site, listing, number, here),
            pager(site, listing, number, here, "bottom")]
    return "\n".join(o for o in out if o)
