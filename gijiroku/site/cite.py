"""Citations of one remark or item: Japanese and English prose, BibTeX and CSL-JSON.

Pure functions of the meeting, the unit, its absolute permalink and the language of the page
the citation is shown on, so tests can compare them with expected strings and the page renders
them as plain text (escaped by the caller).

Both prose citations appear on both sites. The English one always carries the original
Japanese title (readers must be able to find the source), and on the English site, where the
permalink leads to our translation, says that the translation is unofficial. BibTeX and
CSL-JSON follow the page's language: the Japanese site cites the Japanese record, the English
site the translated page (with the Japanese title as ``original-title`` / in ``note``).
A meeting with an official source (``meeting.source_url``) names it in every format.

The site's pages render these citations in the browser (``assets/cite.js``, from what the
meeting page carries: :func:`browser_facts` and :func:`browser_units`); this module is the reference that script is tested
against (tests/test_cite_js.py), and renders the home page's example citation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import NamedTuple
from json.encoder import encode_basestring as _json  # a str as json.dumps(ensure_ascii=False) writes it

from gijiroku.site.corpus import MeetingDoc, Unit
from gijiroku.site.i18n import date_en, ordinal

KIND_EN = {"議事要旨": "summary of proceedings", "議事録": "minutes"}  # as in glossary.yml


class Citation(NamedTuple):
    """The citations of one unit (a named tuple: one is made for every unit of the site)."""

    ja: str
    en: str
    bibtex: str
    csl_json: str


def _unit_ja(unit: Unit) -> str:
    return f"発言{unit.label}"


def _unit_en(unit: Unit) -> str:
    number, _, item = unit.label.partition("-")
    return f"remark {number}, item {item}" if item else f"remark {number}"


# BibTeX counts every brace, escaped or not, when it finds where a field ends, so a lone \{
# would swallow the rest of the file ("Illegal end of database file"): braces are written as
# commands whose own braces balance.
_BIBTEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                    "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_", "^": r"\^{}",
                    "~": r"\~{}"}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX_SPECIALS)) + "]")


def bibtex_escape(text: str) -> str:
    """Escape TeX specials character by character (one pass, so escapes are not re-escaped)."""
    # The regex skips the text between the (rare) specials in C: this escapes every citation.
    return _BIBTEX_SPECIAL.sub(_bibtex_special, text)


def _bibtex_special(match: re.Match[str]) -> str:
    return _BIBTEX_SPECIALS[match[0]]


def meeting_title_en(doc: MeetingDoc) -> str:
    """The meeting's English title: the translation's, else the series' English title with the
    meeting's ordinal, else the Japanese title."""
    translation = doc.translations.get("en")
    if translation and translation.meeting.get("title"):
        return translation.meeting["title"]
    number = doc.minutes.meeting.number
    if doc.series.title_en:
        return doc.series.title_en + (f" ({ordinal(number)} meeting)" if number else "")
    return doc.minutes.meeting.title


def _bibtex(key: str, fields: list[str]) -> str:
    """A BibTeX entry of the ``fields`` made by :func:`_bibtex_field`."""
    return f"@misc{{{key},\n" + ",\n".join(fields) + "\n}"


def _bibtex_field(name: str, value: str) -> str:
    return f"  {name} = {{{value}}}"


@dataclass(frozen=True)
class MeetingCitation:
    """The parts of the citations of a meeting's units that do not depend on the unit, for a
    page in ``language``: a meeting page cites every remark and item, so these are made once
    per meeting (:func:`meeting_citation`) and completed per unit by :meth:`cite`."""

    language: str
    title_ja: str  # the meeting's Japanese title and kind
    title_en: str  # its English title and kind
    ja_head: str  # the Japanese prose before the page number
    en_head: str  # the English prose before the page number
    bibtex_author: str  # the BibTeX field author
    bibtex_meeting: str  # the BibTeX fields from howpublished to date
    csl_meeting: str  # the CSL-JSON members from container-title to issued, encoded
    source_url: str | None = None  # the official document (the ministry's page or PDF)

    def cite(self, unit: Unit, url: str, translated: bool = False) -> Citation:
        """``translated``: the page at ``url`` shows our translation of the unit (English site)."""
        unit_ja, unit_en = _unit_ja(unit), _unit_en(unit)
        source = self.source_url
        ja = f"{self.ja_head}p.{unit.page}、{unit_ja}（{unit.id}）、{url}" + (
            f"（出典：{source}）" if source else "")
        translation_note = "; unofficial English translation" if translated else ""
        en = f"{self.en_head}p. {unit.page}, {unit_en} ({unit.id}){translation_note}. {url}" + (
            f" (official source: {source})" if source else "")
        title_ja = f"{self.title_ja} {unit_ja}"
        if self.language == "en":
            title = f"{self.title_en}, {unit_en}"
            note = (f"Original title: 「{self.title_ja}」 (in Japanese). {unit_en} ({unit.id})"
                    + (". Unofficial English translation" if translated else ""))
        else:
            title, note = title_ja, f"{unit_ja} ({unit.id})"
        if source:
            note += f"; {'official source' if self.language == 'en' else '出典'}: {source}"
        bibtex = _bibtex(unit.id, [
            self.bibtex_author,
            _bibtex_field("title", "{" + bibtex_escape(title) + "}"),
            self.bibtex_meeting,
            _bibtex_field("pages", str(unit.page)),
            _bibtex_field("note", bibtex_escape(note)),
            _bibtex_field("url", url),
        ])
        extra = ""
        if self.language == "en":
            extra = f', "original-title": {_json(title_ja)}'
        csl_notes = ["Unofficial English translation"] if self.language == "en" and translated else []
        if source:
            csl_notes.append(f"{'Official source' if self.language == 'en' else '出典'}: {source}")
        if csl_notes:
            extra += f', "note": {_json("; ".join(csl_notes))}'
        language = "en" if self.language == "en" and translated else "ja"
        # json.dumps(csl, ensure_ascii=False) of the CSL-JSON object, written out: the meeting's
        # members are encoded once (json.dumps took half the time of a citation).
        csl_json = (f'{{"id": {_json(unit.id)}, "type": "document", "title": {_json(title)}, '
                    f'{self.csl_meeting}, "page": {_json(str(unit.page))}, '
                    f'"number": {_json(unit.id)}, "URL": {_json(url)}, "language": "{language}"'
                    f"{extra}}}")
        return Citation(ja, en, bibtex, csl_json)


def meeting_citation(doc: MeetingDoc, language: str = "ja") -> MeetingCitation:
    """What the citations of ``doc``'s units on a page in ``language`` share."""
    meeting, series = doc.minutes.meeting, doc.series
    date = doc.date
    kind = meeting.kind or "議事要旨"
    title_ja = f"{meeting.title}{kind}"
    kind_en = KIND_EN.get(kind, kind)
    organiser_en = series.organiser_en or series.organiser
    title_en = f"{meeting_title_en(doc)}, {kind_en}"
    if language == "en":
        organiser, container, genre = organiser_en, series.title_en or series.title, kind_en
    else:
        organiser, container, genre = series.organiser, series.title, kind
    return MeetingCitation(
        language=language,
        source_url=meeting_source_url(doc),
        title_ja=title_ja,
        title_en=title_en,
        ja_head=f"{series.organiser}「{title_ja}」{date.year}年{date.month}月{date.day}日、",
        en_head=f"{organiser_en}, \"{title_en}\" (「{title_ja}」, in Japanese), {date_en(date)}, ",
        bibtex_author=_bibtex_field("author", "{" + bibtex_escape(organiser) + "}"),
        bibtex_meeting=",\n".join([
            _bibtex_field("howpublished", bibtex_escape(container)),
            _bibtex_field("year", str(date.year)),
            _bibtex_field("month", str(date.month)),
            _bibtex_field("date", date.isoformat()),
        ]),
        csl_meeting=json.dumps({  # without its braces
            "container-title": container, "author": [{"literal": organiser}],
            "publisher": organiser, "genre": genre,
            "issued": {"date-parts": [[date.year, date.month, date.day]]}},
            ensure_ascii=False)[1:-1],
    )


def meeting_source_url(doc: MeetingDoc) -> str | None:
    """The meeting's official source, when the minutes record one (``meeting.source_url``:
    optional, so read with a default from models that do not have the field yet)."""
    return getattr(doc.minutes.meeting, "source_url", None) or None


def browser_facts(doc: MeetingDoc) -> dict[str, object]:
    """What the browser's citations (``assets/cite.js``) need of the meeting, in its page's
    data: the meeting's title, date and official source ("" for none), the series' names, and
    the English words this module derives (title, kind, date)."""
    series = doc.series
    meeting = doc.minutes.meeting
    kind = meeting.kind or "議事要旨"
    return {
        "title": meeting.title,
        "date": doc.date.isoformat(),
        "source_url": meeting_source_url(doc) or "",
        "series": {"title": series.title, "title_en": series.title_en or "",
                   "organiser": series.organiser, "organiser_en": series.organiser_en or ""},
        "kind": kind,
        "kind_en": KIND_EN.get(kind, kind),
        "title_en": meeting_title_en(doc),
        "date_en": date_en(doc.date),
    }


def browser_units(doc: MeetingDoc) -> list[list[object]]:
    """What the browser's citations need of each unit besides its permalink: ``[id, label,
    page]`` (label "4" for a remark, "4-1" for its first item), in document order. A list, not
    an object, per unit: a meeting page carries one for every remark and item."""
    return [[unit.id, unit.label, unit.page] for unit in doc.units()]


def cite(doc: MeetingDoc, unit: Unit, url: str, language: str = "ja",
         translated: bool = False) -> Citation:
    """The citations of one unit (see :meth:`MeetingCitation.cite`)."""
    return meeting_citation(doc, language).cite(unit, url, translated)
