"""Stage 3b, header: the paragraphs before the first remark -> meeting metadata.

Recognised: the title (first paragraph; 第N回 gives the meeting number), the kind line
(議事要旨/議事録/会議録), 日時/開催日時/開催日 with the date and time range, 場所/開催場所/会場,
and the attendee list after 参加委員/出席委員/出席者 ("松原座長、井口委員、…").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gijiroku import dates
from gijiroku.errors import GijirokuError
from gijiroku.model import Attendee, Warning_
from gijiroku.structure import Paragraph

KINDS = ("議事要旨", "議事録", "会議録", "議事概要")
DATE_LABELS = ("日時", "開催日時", "開催日")
VENUE_LABELS = ("場所", "開催場所", "会場")
ATTENDEE_LABELS = ("参加委員", "出席委員", "出席者", "参加者", "委員")
# Longest first, so that 委員長 is not read as 委員 + 長.
ROLES = ("副委員長", "委員長", "副座長", "座長", "副部会長", "部会長", "副会長", "会長",
         "議長", "委員", "幹事", "臨時委員", "専門委員", "オブザーバー")
_LABEL = re.compile(r"^\s*(?P<label>[^：:]{1,8}?)\s*[：:]\s*(?P<value>.*)$")
_NUMBER = re.compile(r"第\s*(\d+)\s*回")


@dataclass(frozen=True)
class HeaderFields:
    title: str
    number: int | None
    kind: str
    date: str
    weekday: str
    start: str | None
    end: str | None
    venue: str
    attendees: list[Attendee]
    warnings: list[Warning_]


def labelled(paragraphs: list[Paragraph], labels: tuple[str, ...]) -> tuple[Paragraph, str] | None:
    """The first paragraph "LABEL：value" with one of ``labels``, and its value."""
    for paragraph in paragraphs:
        match = _LABEL.match(paragraph.text)
        if match and re.sub(r"\s", "", match["label"]) in labels:
            return paragraph, match["value"].strip()
    return None


def meeting_number(title: str) -> int | None:
    match = _NUMBER.search(unicodedata.normalize("NFKC", title))
    return int(match[1]) if match else None


def split_attendee(entry: str) -> Attendee:
    """"松原座長" -> Attendee(name="松原", role="座長")."""
    for role in ROLES:
        if entry.endswith(role) and len(entry) > len(role):
            return Attendee(name=entry[: -len(role)], role=role)
    return Attendee(name=entry, role="")


def attendees(paragraphs: list[Paragraph]) -> list[Attendee]:
    """Attendees listed in the paragraph after the attendee label, with the label as group."""
    for index, paragraph in enumerate(paragraphs[:-1]):
        label = paragraph.text.strip()
        if label in ATTENDEE_LABELS:
            group = "委員" if "委員" in label else ""
            entries = re.split(r"[、,，]\s*", paragraphs[index + 1].text)
            return [
                Attendee(a.name, a.role, group)
                for a in map(split_attendee, (e.strip() for e in entries if e.strip()))
            ]
    return []


def parse_header(paragraphs: list[Paragraph], file: str) -> HeaderFields:
    if not paragraphs:
        raise GijirokuError(
            file, "no header before the first remark",
            "the minutes must start with a title and a date line (日時：…) before the first ○",
            line=1,
        )
    title = paragraphs[0].text
    date_line = labelled(paragraphs, DATE_LABELS)
    searched = [date_line[0]] if date_line else paragraphs
    found = next(((p, d) for p in searched if (d := dates.find_date(p.text))), None)
    if found is None:
        raise GijirokuError(
            file,
            "no meeting date found in the header (looked for 日時：/開催日時：/開催日： and a "
            "date such as 2021年6月1日 or 令和3年6月1日)",
            "add the date line to the header, e.g. 日時：2021年6月1日（火）13:00～15:00",
            line=(date_line[0] if date_line else paragraphs[-1]).lines.start,
        )
    paragraph, stated = found
    real_weekday = dates.weekday_ja(stated.date)
    warnings = []
    if stated.stated_weekday and stated.stated_weekday != real_weekday:
        warnings.append(Warning_(
            paragraph.lines.start,
            f"the header says （{stated.stated_weekday}） but {stated.date.isoformat()} was a "
            f"{dates.weekday_en(stated.date)} （{real_weekday}）; the site shows （{real_weekday}）",
        ))
    start, end = dates.find_time_range(dates.compact(paragraph.text)[stated.end:])
    venue = labelled(paragraphs, VENUE_LABELS)
    kind = next((p.text for p in paragraphs if p.text in KINDS), "")
    return HeaderFields(
        title=title,
        number=meeting_number(title),
        kind=kind,
        date=stated.date.isoformat(),
        weekday=real_weekday,
        start=start,
        end=end,
        venue=venue[1] if venue else "",
        attendees=attendees(paragraphs),
        warnings=warnings,
    )
