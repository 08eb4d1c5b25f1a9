"""Citations of one remark or item: Japanese and English prose, BibTeX and CSL-JSON.

Pure functions of the meeting, the unit and its absolute permalink, so tests can compare them
with expected strings and the page renders them as plain text (escaped by the caller).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from gijiroku.site.corpus import MeetingDoc, Unit

KIND_EN = {"議事要旨": "summary of proceedings", "議事録": "minutes"}
MONTHS_EN = ("January February March April May June July August September October November "
             "December").split()


@dataclass(frozen=True)
class Citation:
    ja: str
    en: str
    bibtex: str
    csl_json: str


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


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


def cite(doc: MeetingDoc, unit: Unit, url: str) -> Citation:
    meeting, series = doc.meeting, doc.series
    date = doc.date
    kind = meeting.get("kind") or "議事要旨"
    title_ja = f"{meeting['title']}{kind}"
    ja = (f"{series.organiser}「{title_ja}」{date.year}年{date.month}月{date.day}日、"
          f"p.{unit.page}、{_unit_ja(unit)}（{unit.id}）、{url}")

    number = meeting.get("number")
    if series.title_en:
        meeting_en = series.title_en + (f" ({_ordinal(number)} meeting)" if number else "")
    else:
        meeting_en = meeting["title"]
    kind_en = KIND_EN.get(kind, kind)
    date_en = f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"
    en = (f"{series.organiser_en or series.organiser}, \"{meeting_en}, {kind_en}\", {date_en}, "
          f"p. {unit.page}, {_unit_en(unit)} ({unit.id}). {url}")

    fields = [
        ("author", "{" + bibtex_escape(series.organiser) + "}"),
        ("title", "{" + bibtex_escape(f"{title_ja} {_unit_ja(unit)}") + "}"),
        ("howpublished", bibtex_escape(series.title)),
        ("year", str(date.year)),
        ("month", str(date.month)),
        ("date", date.isoformat()),
        ("pages", str(unit.page)),
        ("note", bibtex_escape(f"{_unit_ja(unit)} ({unit.id})")),
        ("url", url),
    ]
    bibtex = (f"@misc{{{unit.id},\n"
              + ",\n".join(f"  {key} = {{{value}}}" for key, value in fields) + "\n}")

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
    return Citation(ja, en, bibtex, json.dumps(csl, ensure_ascii=False))
