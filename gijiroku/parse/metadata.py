"""Meeting metadata after precedence: the sidecar ``NN.meta.yml`` over the source's header,
over a saved page's heading, over the file name; each field not from the header records where
it came from (``Meeting.origin``). The official address (``source_url``) comes from the
sidecar, else from the series' pattern (series.yml), filled with the meeting's number and date
as resolved."""

from __future__ import annotations

from dataclasses import dataclass

from gijiroku.folding import nfkc_without_whitespace
from gijiroku.model import Attendee, Warning_
from gijiroku.parse import dates
from gijiroku.parse.header import HeaderFields, meeting_number, sidecar_hint
from gijiroku.parse.ingest import PageMeta
from gijiroku.parse.sidecar import Sidecar
from gijiroku.series import Series


def page_date(meta: PageMeta) -> dates.StatedDate | None:
    return dates.find_date(meta.date_text) if meta.date_text else None


def page_title(meta: PageMeta) -> str:
    """The page heading without the date written in it (``…（第５号） 本文 2024-12-17``)."""
    def is_date(word: str) -> bool:
        stated = dates.find_date(word)
        return bool(stated) and (stated.start, stated.end) == (0, len(nfkc_without_whitespace(word)))

    return " ".join(word for word in meta.title.split() if not is_date(word))


@dataclass(frozen=True)
class Metadata:
    """The meeting fields after precedence: sidecar > source header > page heading > file;
    ``source_url``: sidecar > series pattern.

    ``origin`` names the fields that did not come from the source header, and where from.
    """

    title: str
    number: int | None
    date: str
    weekday: str
    start: str | None
    end: str | None
    venue: str
    attendees: list[Attendee]
    source_url: str
    origin: dict[str, str]
    warnings: list[Warning_]


def resolve_metadata(
    fields: HeaderFields, page: PageMeta, sidecar: Sidecar, file: str, series: Series | None = None
) -> Metadata:
    origin: dict[str, str] = {}
    values = {"title": fields.title, "number": fields.number, "date": fields.date,
              "start": fields.start, "end": fields.end, "venue": fields.venue,
              "attendees": fields.attendees, "source_url": ""}
    # A saved page's <h1> states its title; the header's "title" is then only a guess from
    # the first paragraphs (often a heading such as 会議の経過), so the page's wins.
    _take(values, origin, "page", title=page_title(page),
          date=(stated.date.isoformat() if not fields.date and (stated := page_date(page))
                else None))
    given = {name: getattr(sidecar, name) for name in sidecar.given()}
    if "date" in given:
        given["date"] = given["date"].isoformat()
    if "attendees" in given:
        given["attendees"] = list(given["attendees"])
    _take(values, origin, "sidecar", **given)
    warnings = []
    if fields.date and "date" in given and given["date"] != fields.date:
        warnings.append(Warning_(
            1, f"the sidecar's date {given['date']} overrides the header's {fields.date}",
            "if the header is right, delete the date line from the sidecar",
        ))
    if not values["title"]:
        _take(values, origin, "file", title=file.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        warnings.append(Warning_(1, f"the source states no meeting title; the file name "
                                    f"{values['title']!r} stands in",
                                 sidecar_hint(file, "title: 議会運営委員会")))
    weekday = dates.weekday_ja(dates.find_date(values["date"]).date)
    if not values["source_url"] and series is not None:
        official = series.official_url(values["number"], values["date"])
        if official is None:
            warnings.append(Warning_(
                1, "series.yml's source_url pattern needs the meeting's number, which the "
                   "source does not state: the meeting gets no official address",
                sidecar_hint(file, "number: 3") + "; or state the address itself, "
                "`source_url: https://…`"))
        _take(values, origin, "series", source_url=official)
    ordered = {name: origin[name] for name in values if name in origin}
    return Metadata(**values, weekday=weekday, origin=ordered, warnings=warnings)


def _take(values: dict, origin: dict[str, str], where: str, **found) -> None:
    """Take the non-empty ``found`` fields from ``where``. A title taken without a number
    brings its 第N回 as the number when it has one."""
    for name, value in found.items():
        if value in (None, ""):
            continue
        values[name] = value
        origin[name] = where
        if name == "title" and "number" not in found and (
                number := meeting_number(value)) is not None:
            values["number"] = number
            origin["number"] = where
