"""Citations of one remark or item: Japanese and English prose, BibTeX and CSL-JSON.

Pure functions of the meeting, the unit, its absolute permalink and the language of the page
the citation is shown on, so tests can compare them with expected strings and the page renders
them as plain text (escaped by the caller).

Both prose citations appear on both sites. The English one always carries the original
Japanese title (readers must be able to find the source), and on the English site, where the
permalink leads to our translation, says that the translation is unofficial. BibTeX and
CSL-JSON follow the page's language: the Japanese site cites the Japanese record, the English
site the translated page (with the Japanese title as ``original-title`` / in ``note``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from gijiroku.site.corpus import MeetingDoc, Unit
from gijiroku.site.i18n import date_en, ordinal

KIND_EN = {"議事要旨": "summary of proceedings", "議事録": "minutes"}  # as in glossary.yml


@dataclass(frozen=True)
class Citation:
    ja: str
    en: str
    bibtex: str
    csl_json: str


def _unit_ja(unit: Unit) -> str:
    return f"発言{unit.label}"


def _unit_en(unit: Unit) -> str:
    number, _, item = unit.label.partition("-")
    return f"remark {number}, item {item}" if item else f"remark {number}"


_BIBTEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
                    "$": r"\$", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def bibtex_escape(text: str) -> str:
    """Escape TeX specials character by character (one pass, so escapes are not re-escaped)."""
    return "".join(_BIBTEX_SPECIALS.get(char, char) for char in text)


def meeting_title_en(doc: MeetingDoc) -> str:
    """The meeting's English title: the translation's, else the series' English title with the
    meeting's ordinal, else the Japanese title."""
    translation = doc.translations.get("en")
    if translation and translation.meeting.get("title"):
        return translation.meeting["title"]
    number = doc.meeting.get("number")
    if doc.series.title_en:
        return doc.series.title_en + (f" ({ordinal(number)} meeting)" if number else "")
    return doc.meeting["title"]


def _bibtex(key: str, fields: list[tuple[str, str]]) -> str:
    return f"@misc{{{key},\n" + ",\n".join(f"  {k} = {{{v}}}" for k, v in fields) + "\n}"


def cite(doc: MeetingDoc, unit: Unit, url: str, language: str = "ja",
         translated: bool = False) -> Citation:
    """``translated``: the page at ``url`` shows our translation of the unit (English site)."""
    meeting, series = doc.meeting, doc.series
    date = doc.date
    kind = meeting.get("kind") or "議事要旨"
    title_ja = f"{meeting['title']}{kind}"
    ja = (f"{series.organiser}「{title_ja}」{date.year}年{date.month}月{date.day}日、"
          f"p.{unit.page}、{_unit_ja(unit)}（{unit.id}）、{url}")

    kind_en = KIND_EN.get(kind, kind)
    organiser_en = series.organiser_en or series.organiser
    title_en = f"{meeting_title_en(doc)}, {kind_en}"
    translation_note = "; unofficial English translation" if translated else ""
    en = (f"{organiser_en}, \"{title_en}\" (「{title_ja}」, in Japanese), {date_en(date)}, "
          f"p. {unit.page}, {_unit_en(unit)} ({unit.id}){translation_note}. {url}")

    common = [("year", str(date.year)), ("month", str(date.month)), ("date", date.isoformat()),
              ("pages", str(unit.page))]
    if language == "en":
        note = f"Original title: 「{title_ja}」 (in Japanese). {_unit_en(unit)} ({unit.id})"
        bibtex = _bibtex(unit.id, [
            ("author", "{" + bibtex_escape(organiser_en) + "}"),
            ("title", "{" + bibtex_escape(f"{title_en}, {_unit_en(unit)}") + "}"),
            ("howpublished", bibtex_escape(series.title_en or series.title)),
            *common,
            ("note", bibtex_escape(note + (". Unofficial English translation" if translated else ""))),
            ("url", url),
        ])
    else:
        bibtex = _bibtex(unit.id, [
            ("author", "{" + bibtex_escape(series.organiser) + "}"),
            ("title", "{" + bibtex_escape(f"{title_ja} {_unit_ja(unit)}") + "}"),
            ("howpublished", bibtex_escape(series.title)),
            *common,
            ("note", bibtex_escape(f"{_unit_ja(unit)} ({unit.id})")),
            ("url", url),
        ])

    csl = {
        "id": unit.id,
        "type": "document",
        "title": f"{title_ja} {_unit_ja(unit)}",
        "container-title": series.title,
        "author": [{"literal": series.organiser}],
        "publisher": series.organiser,
        "genre": kind,
        "issued": {"date-parts": [[date.year, date.month, date.day]]},
        "page": str(unit.page),
        "number": unit.id,
        "URL": url,
        "language": "ja",
    }
    if language == "en":
        csl.update({
            "title": f"{title_en}, {_unit_en(unit)}",
            "original-title": csl["title"],
            "container-title": series.title_en or series.title,
            "author": [{"literal": organiser_en}],
            "publisher": organiser_en,
            "genre": kind_en,
            "language": "en" if translated else "ja",
        })
        if translated:
            csl["note"] = "Unofficial English translation"
    return Citation(ja, en, bibtex, json.dumps(csl, ensure_ascii=False))
