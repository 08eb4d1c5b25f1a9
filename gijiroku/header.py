"""Stage 3b, header: the paragraphs before the first remark -> meeting metadata.

The header is read as *sections*: a paragraph that opens with a known label starts one, and
the section's value is the rest of that paragraph plus every following paragraph up to the
next section. Labels may carry a numbering (第１, １, １．, （１）, 一、) or a leading ○/◎/■,
spaces inside (第１　日　時), a count (出席議員（25名）) and a colon or spaces before an
inline value; with nothing after the label, the value is on the next lines (１ 開催日時 ⏎
令和５年６月６日…). Numbered labels count only when numbered like the first section, so
that an agenda entry "２．議 事" under "３ 議事次第" is an entry, not a section.

Recognised sections: date (日時/開催日時/開催日/日付), venue (場所/開催場所/会場), meeting
name (会議名), agenda (議題/議事次第/議事日程/次第/案件), attendees (出席者/出席委員/参加委員/
出席議員/…, each list split into groups by sub-labels such as 委員：/幹事　/事務局), and other
sections that only end the previous one (資料, 議事, 欠席…, 本日の会議に付した事件).

Title: the paragraphs before the first section or kind line, joined by a space; the kind
(議事要旨/議事録/会議録/議事概要) is a line of its own or the end of the title. The meeting
number is 第N回 of the title, except 第N回定例会/臨時会, which numbers a session of several
days (the meeting is then identified by its date). Times come from the date section (a range
in any form, across its continuation lines); failing that, from a "午前10時00分　開会" line
and the closing "午前10時31分　散会".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gijiroku import dates
from gijiroku.errors import GijirokuError
from gijiroku.model import Attendee, Warning_
from gijiroku.structure import Paragraph, is_aside

KINDS = ("議事要旨", "議事録", "会議録", "議事概要")
LABELS = {
    "date": ("日時", "開催日時", "開催日", "日付", "期日", "開会日時"),
    "venue": ("場所", "開催場所", "会場"),
    "name": ("会議名",),
    "agenda": ("議題", "議事次第", "議事日程", "次第", "案件"),
    "attendees": ("参加委員", "出席委員", "出席者", "参加者", "出席議員", "出席構成員",
                  "構成員", "出席事務局職員", "委員"),
    "other": ("資料", "配布資料", "議事", "欠席者", "欠席委員", "欠席議員",
              "本日の会議に付した事件", "議事の経過", "概要"),
}
# Longest first, so that 委員長 is not read as 委員 + 長.
ROLES = ("副委員長", "委員長", "副座長", "座長", "副部会長", "部会長", "副会長", "会長",
         "議長", "委員", "幹事", "臨時委員", "専門委員", "オブザーバー")
GROUP_WORDS = ("委員", "議員", "幹事", "事務局", "関係官", "オブザーバー", "説明員")
GROUP_ROLES = ("委員", "議員", "幹事", "関係官", "オブザーバー", "説明員")  # a group that is a role
_NUMBERING = re.compile(
    r"^(?P<num>第\s*[0-9０-９一二三四五六七八九十]+(?=\s)|[0-9０-９]+\s*[．.、)）](?!\d)|"
    r"[0-9０-９]+(?=\s)|[（(][0-9０-９]+[)）]|[一二三四五六七八九十]+[、．.]|[①-⑳]|[○◎■□●◆])\s*"
)
_NUMBER = re.compile(r"第\s*(\d+)\s*回(?!\s*(?:定例会|臨時会))")
_AGENDA_ENTRY = re.compile(r"^(?:議案|報告|諮問|請願|陳情|日程)第\s*[0-9０-９]+")
_SEAT = re.compile(r"^[0-9０-９]+\s*番")
_COUNT = r"(?:[（(][^（）()]{1,10}[)）])?"
_ATTENDANCE_TITLE = re.compile(r"^[^\s、。：:]{1,20}(?:出席者|出席職員)$")
# The first word of a "ROLE　NAME" line ends like a title: 市長, 主事, 会計管理者, 推進監.
_ROLE_WORD = re.compile(r"[長員者官事監査理役問与人局職]$")


@dataclass(frozen=True)
class Section:
    kind: str  # a key of LABELS
    label: str  # the label without spaces
    paragraph: Paragraph
    value: str  # the inline value after the label, stripped
    body: list[Paragraph]  # the paragraphs after it, up to the next section


@dataclass(frozen=True)
class HeaderFields:
    title: str
    number: int | None
    kind: str
    date: str  # ISO yyyy-mm-dd; "" only when the caller supplies the date (date_supplied)
    weekday: str  # "" with an empty date
    start: str | None
    end: str | None
    venue: str
    attendees: list[Attendee]
    warnings: list[Warning_]
    agenda: tuple[str, ...] = ()


def _label_pattern(label: str) -> str:
    return r"\s*".join(map(re.escape, label))


_LABEL_RES = [
    (kind, label, re.compile(
        rf"^(?P<label>{_label_pattern(label)}){_COUNT}(?:\s*[：:]\s*|\s+|$)(?P<value>.*)$", re.S
    ))
    for kind, labels in LABELS.items()
    for label in sorted(labels, key=len, reverse=True)
]


def section_label(text: str) -> tuple[str, str, str, str] | None:
    """(kind, label, numbering, inline value) when ``text`` opens a header section."""
    text = text.strip()
    numbering = _NUMBERING.match(text)
    rest = text[numbering.end():] if numbering else text
    style = _numbering_style(numbering["num"] if numbering else "")
    for kind, label, pattern in _LABEL_RES:
        match = pattern.match(rest)
        if match:
            return kind, label, style, match["value"].strip()
    if _ATTENDANCE_TITLE.match(rest):  # 地方自治法第121条による出席者
        return "attendees", _compact(rest), style, ""
    return None


def _numbering_style(numbering: str) -> str:
    """The shape of a numbering, digits erased: "第#", "#．", "（#）", "#", "○", ""."""
    flat = unicodedata.normalize("NFKC", numbering)
    return re.sub(r"\s+", "", re.sub(r"[0-9一二三四五六七八九十]+", "#", flat))


def sections(paragraphs: list[Paragraph]) -> list[Section]:
    found: list[tuple[int, tuple[str, str, str, str]]] = []
    style: str | None = None
    for index, paragraph in enumerate(paragraphs):
        label = section_label(paragraph.text)
        if label is None:
            continue
        numbered = label[2] not in ("", "○", "◎", "■", "□", "●", "◆")
        if numbered and style is not None and label[2] != style:
            continue  # an agenda entry such as "２．議 事", not a section
        if numbered and style is None:
            style = label[2]
        found.append((index, label))
    result = []
    for position, (index, (kind, label, _, value)) in enumerate(found):
        stop = found[position + 1][0] if position + 1 < len(found) else len(paragraphs)
        result.append(Section(kind, label, paragraphs[index], value, paragraphs[index + 1:stop]))
    return result


def labelled(found: list[Section], labels: tuple[str, ...]) -> tuple[Paragraph, str] | None:
    """The first of the ``found`` sections with one of ``labels``, and its value (inline, else
    the next line)."""
    for section in found:
        if section.label in labels:
            value = section.value or (section.body[0].text.strip() if section.body else "")
            return section.paragraph, value
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


def group_of(label: str) -> str:
    """The attendee group a list label names: 参加委員 -> 委員, 出席議員（25名） -> 議員."""
    label = re.sub(rf"{_COUNT}$", "", re.sub(r"\s", "", label))
    return next((word for word in GROUP_WORDS if word in label), label)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def attendee_entries(text: str, group: str) -> list[Attendee]:
    """Attendees on one line of a list: a 、-separated list, a seat line or a role-name line."""
    text = text.strip()
    # A sub-group: "幹事：渡辺英生、新谷哲", "関係官：原悠介", "幹事　渡辺英生、新谷哲".
    sub = re.match(r"^(?P<group>[^\s：:、，,]{1,8})\s*[：:]\s*(?P<rest>.+)$", text) or re.match(
        r"^(?P<group>[^\s：:、，,]{1,8})\s+(?P<rest>.*[、，,].*)$", text)
    if sub and not _SEAT.match(text):
        group, text = group_of(sub["group"]), sub["rest"]
    if re.search(r"[、，,]", text):
        entries = [e.strip() for e in re.split(r"[、，,]", text) if e.strip()]
        return [_with_group(split_attendee(_compact(e)), group) for e in entries]
    if _SEAT.match(text):
        name = _compact(text[_SEAT.match(text).end():])
        attendee = split_attendee(name) if not name.endswith("議員") else Attendee(name[:-2], "議員")
        return [_with_group(attendee, group)] if attendee.name else []
    parts = text.split(maxsplit=1)
    if len(parts) == 2 and _ROLE_WORD.search(parts[0]):
        return [Attendee(_compact(parts[1]), parts[0], group)]
    return [_with_group(split_attendee(_compact(text)), group)] if text else []


def _with_group(attendee: Attendee, group: str) -> Attendee:
    role = attendee.role or (group if group in GROUP_ROLES else "")
    return Attendee(attendee.name, role, group)


def attendees(found: list[Section]) -> list[Attendee]:
    """Attendees of every attendee section of ``found``, each with its group; absent members
    are not."""
    result: list[Attendee] = []
    for section in found:
        if section.kind != "attendees":
            continue
        group = group_of(section.label)
        lines = ([section.value] if section.value else []) + [p.text for p in section.body]
        for line in lines:
            if line.strip() in KINDS or line.rstrip().endswith("。") or is_aside(line):
                break  # the list has ended: the kind line, prose or "午前10時　開会" follows
            result.extend(attendee_entries(line, group))
    return result


def agenda(paragraphs: list[Paragraph]) -> tuple[str, ...]:
    """Agenda entries: the inline value of an agenda label, then its numbered entries."""
    return agenda_entries(sections(paragraphs))


def agenda_entries(found: list[Section]) -> tuple[str, ...]:
    """:func:`agenda` of the header sections ``found`` already."""
    entries: list[str] = []
    for section in found:
        if section.kind != "agenda":
            continue
        if section.value and not dates.find_date(section.value):
            entries.append(section.value)
        for paragraph in section.body:
            text = paragraph.text.strip()
            if _NUMBERING.match(text) or _AGENDA_ENTRY.match(text):
                entries.append(text)
    return tuple(entries)


def title_and_kind(paragraphs: list[Paragraph], named: str) -> tuple[str, str]:
    parts: list[str] = []
    kind = ""
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if text in KINDS:
            kind = text
            break
        if section_label(text):
            break
        parts.append(text)
        ending = next((k for k in KINDS if _compact(text).endswith(k)), None)
        if ending:
            kind = ending
            break
    if not kind:
        kind = next((p.text.strip() for p in paragraphs if p.text.strip() in KINDS), "")
    return (" ".join(parts) or named), kind


def _times(section_texts: list[str], date_offset: int) -> tuple[str | None, str | None]:
    joined = dates.compact("".join(section_texts))
    return dates.find_time_range(joined[date_offset:])


def _stamp(texts: list[str], words: tuple[str, ...]) -> str | None:
    """The time of the last line "午前10時00分　開会" or "開会（午前１０時００分）" (one of
    ``words``), as HH:MM."""
    after = re.compile(rf"^(?:{'|'.join(words)})\([^()]*\)$")  # NFKC: （） are ()
    found = None
    for text in texts:
        flat = dates.compact(text)
        if (flat.endswith(words) or after.match(flat)) and (times := dates.find_times(flat)):
            found = times[0]
    return found


def sidecar_hint(file: str, example: str) -> str:
    """A hint that supplies a missing field without editing the source: its sidecar file."""
    name = file.rsplit("/", 1)[-1].rsplit(".", 1)[0] + ".meta.yml"
    return (f"do not edit the source: write the missing field into {name} beside it, "
            f"e.g. the line `{example}` (see README, Metadata a source lacks)")


def parse_header(
    paragraphs: list[Paragraph], file: str, closing: list[Paragraph] | tuple = (),
    date_supplied: bool = False,
) -> HeaderFields:
    """The meeting metadata of the header ``paragraphs``.

    With ``date_supplied`` (a sidecar or the page gives the date) a header without a date,
    or no header at all, is not an error: ``date`` and ``weekday`` are then empty.
    """
    if not paragraphs and not date_supplied:
        raise GijirokuError(
            file, "no header before the first remark, so no meeting date",
            "the text starts with a remark (a page of a larger record?); "
            + sidecar_hint(file, "date: 2021-06-01"),
            line=1,
        )
    all_sections = sections(paragraphs)  # read once: every field below looks at them
    date_section = next((s for s in all_sections if s.kind == "date"), None)
    searched = (
        [(date_section.paragraph, [date_section.value] + [p.text for p in date_section.body])]
        if date_section else [(p, [p.text]) for p in paragraphs]
    )
    found = next(
        ((p, texts, d) for p, texts in searched if (d := dates.find_date("".join(texts)))), None
    )
    if found is None and not date_supplied:
        raise GijirokuError(
            file,
            "no meeting date found in the header (looked for 日時：/開催日時：/開催日：/第１ 日時 "
            "and a date such as 2021年6月1日, 令和3年6月1日 or 2021-06-01"
            + (f"; the date section at line {date_section.paragraph.lines.start} has none"
               if date_section else f"; read the header to line {paragraphs[-1].lines.end - 1}")
            + ")",
            sidecar_hint(file, "date: 2021-06-01"),
            line=(date_section.paragraph if date_section else paragraphs[-1]).lines.start,
        )
    warnings = []
    start = end = None
    date = weekday = ""
    if found is not None:
        paragraph, texts, stated = found
        date, weekday = stated.date.isoformat(), dates.weekday_ja(stated.date)
        if stated.stated_weekday and stated.stated_weekday != weekday:
            warnings.append(Warning_(
                paragraph.lines.start,
                f"the header says （{stated.stated_weekday}） but {date} was a "
                f"{dates.weekday_en(stated.date)} （{weekday}）; the site shows （{weekday}）",
            ))
        start, end = _times(texts, stated.end)
    if start is None:
        start = _stamp([p.text for p in paragraphs], ("開会", "開議"))
    if end is None:
        end = _stamp([p.text for p in closing], ("散会", "閉会", "延会", "閉議"))
    venue = labelled(all_sections, LABELS["venue"])
    name = labelled(all_sections, LABELS["name"])
    title, kind = title_and_kind(paragraphs, name[1] if name else "")
    return HeaderFields(
        title=title,
        number=meeting_number(title),
        kind=kind,
        date=date,
        weekday=weekday,
        start=start,
        end=end,
        venue=venue[1] if venue else "",
        attendees=attendees(all_sections),
        warnings=warnings,
        agenda=agenda_entries(all_sections),
    )
