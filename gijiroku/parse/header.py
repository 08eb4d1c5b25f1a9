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
出席議員/出席説明員/…), and other sections that only end the previous one (資料, 配付資料,
議事, 欠席…, 本日の会議に付した事件).

Attendees: each list is read line by line. A group heading as the source writes it (委　員：,
（幹事）, 【事務局】, ６　区議会事務局, テスト省民事局：) starts a group; entries are
、-separated (山田太郎（部会長）, 佐　藤　花　子【代理出席】), seat-numbered (１番　後　藤　さちこ)
or role-name columns (区　長　　青　木　英　二　　副区長　…). Names lose their spacing, seats
and notes go to their own fields, roles come from the role vocabulary
(:func:`gijiroku.parse.speakers.split_name_role`) or from a group that is a role (委員). An entry
that reads like a document title (資料１, …（案）) is left out with a warning; the list ends
at a handout heading, an agenda line, a date, prose or the kind line.

Title: the paragraphs before the first section or kind line, joined by a space; the kind
(議事要旨/議事録/会議録/議事概要) is a line of its own or ends the title's last line, and is
then taken off the title (第１６回会議　議事録 -> title 第１６回会議, kind 議事録). The meeting
number is 第N回 of the title, except 第N回定例会/臨時会, which numbers a session of several
days (the meeting is then identified by its date). Times come from the date section (a range
in any form, across its continuation lines); failing that, from a "午前10時00分　開会" line
and the closing "午前10時31分　散会".
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass

from gijiroku.errors import GijirokuError
from gijiroku.folding import nfkc_without_whitespace, without_whitespace
from gijiroku.model import Attendee, Warning_
from gijiroku.parse import dates
from gijiroku.parse.speakers import split_name_role, title_of, vocabulary
from gijiroku.parse.structure import Paragraph, is_aside

KINDS = ("議事要旨", "議事録", "会議録", "議事概要")
LABELS = {
    "date": ("日時", "開催日時", "開催日", "日付", "期日", "開会日時"),
    "venue": ("場所", "開催場所", "会場"),
    "name": ("会議名",),
    "agenda": ("議題", "議事次第", "議事日程", "次第", "案件"),
    "attendees": ("参加委員", "出席委員", "出席者", "参加者", "出席議員", "出席構成員",
                  "構成員", "出席事務局職員", "委員", "出席説明員", "説明員"),
    "other": ("資料", "配布資料", "配付資料", "議事", "欠席者", "欠席委員", "欠席議員",
              "本日の会議に付した事件", "議事の経過", "概要"),
}
_NUMBERING = re.compile(
    r"^(?P<num>第\s*[0-9０-９一二三四五六七八九十]+(?=\s)|[0-9０-９]+\s*[．.、)）](?!\d)|"
    r"[0-9０-９]+(?=\s)|[（(][0-9０-９]+[)）]|[一二三四五六七八九十]+[、．.]|[①-⑳]|[○〇◯◎■□●◆])\s*"
)
_NUMBER = re.compile(r"第\s*(\d+)\s*回(?!\s*(?:定例会|臨時会))")
_AGENDA_ENTRY = re.compile(r"^(?:議案|報告|諮問|請願|陳情|日程)第\s*[0-9０-９]+")
_COUNT = r"(?:[（(][^（）()]{1,10}[)）])?"
_ATTENDANCE_TITLE = re.compile(r"^[^\s、。：:]{1,20}(?:出席者|出席職員)$")
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
        return "attendees", without_whitespace(rest), style, ""
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
        numbered = label[2] not in ("", "○", "〇", "◯", "◎", "■", "□", "●", "◆")
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
    """"松原座長" -> Attendee(name="松原", role="座長"), by the role vocabulary and the
    dictionary (:func:`gijiroku.parse.speakers.split_name_role`); an entry without a name is kept
    whole as the name ("事務局")."""
    split = split_name_role(entry)
    if split is None or not split[0]:
        return Attendee(name=entry, role="")
    return Attendee(name=split[0], role=split[1])


def group_of(label: str) -> str:
    """The attendee group a list label names: 参加委員 -> 委員, 出席議員（25名） -> 議員."""
    label = re.sub(rf"{_COUNT}$", "", re.sub(r"\s", "", label))
    return next((word for word in vocabulary().group_words if word in label), label)


@dataclass(frozen=True)
class AttendeeLine:
    """What one line of an attendance list holds: the group in force after it (a heading
    such as 委員： changes it), its attendees, and entries that look like document titles."""

    group: str
    attendees: list[Attendee]
    documents: list[str]


def read_attendee_line(text: str, group: str) -> AttendeeLine:
    """Attendees on one line of a list: a group heading (委員：, （幹事）, ６　区議会事務局),
    then a 、-separated list, seat-numbered names or role-name columns."""
    text = text.strip()
    heading = _group_heading(text)
    if heading:
        group, text = heading
    if not text:
        return AttendeeLine(group, [], [])
    if re.search(r"[、，,]", text):
        cells = [e.strip() for e in re.split(r"[、，,]", text) if e.strip()]
        people = [_entry(cell, group) for cell in cells]
    elif _SEAT_ANYWHERE.search(text):
        people = [_seated(cell, group) for cell in re.split(_SEAT_START, text) if cell.strip()]
    else:
        people = _columns(text.split(), group)
    found = [p for p in people if p is not None]
    documents = [p.name for p in found if _is_document(p)]
    return AttendeeLine(group, [p for p in found if not _is_document(p)], documents)


_HEADING_BRACKETS = re.compile(r"^[（(【〔［\[＜<](?P<group>[^）)】〕］\]＞>]{1,20})[）)】〕］\]＞>]\s*(?P<rest>.*)$")
_HEADING_COLON = re.compile(r"^(?P<group>[^：:、，,（）()【】]{1,16}?)\s*[：:]\s*(?P<rest>.*)$")
_SEAT = re.compile(r"^[0-9０-９]+\s*番")
_SEAT_ANYWHERE = re.compile(r"(?:^|\s)[0-9０-９]+\s*番")
_SEAT_START = re.compile(r"(?=(?<![0-9０-９])[0-9０-９]+\s*番)")
# A note on an entry: 【代理出席】, （代理出席）, （代理：佐藤次郎）, ※オンライン出席.
_NOTE = re.compile(r"【(?P<a>[^】]*)】|[（(](?P<b>[^（）()]*(?:代理|欠席|オンライン|途中)[^（）()]*)[）)]|※(?P<c>.*)$")


def _group_heading(text: str) -> tuple[str, str] | None:
    """(group, rest of the line) when ``text`` opens with a group heading: 委　員：　山田,
    （幹事）, 【事務局】, 関係官, ６　区議会事務局; the group as the source names it."""
    numbering = _NUMBERING.match(text)
    unnumbered = text[numbering.end():] if numbering else text
    for pattern, source in ((_HEADING_BRACKETS, unnumbered), (_HEADING_COLON, unnumbered)):
        match = pattern.match(source)
        if match and _is_group(without_whitespace(match["group"])):
            return without_whitespace(match["group"]), match["rest"].strip()
    if _is_group(without_whitespace(unnumbered)) and len(without_whitespace(unnumbered)) <= 16:
        return without_whitespace(unnumbered), ""
    return None


def _is_group(label: str) -> bool:
    """委員, 幹事, 事務局, 経済産業省, 区議会事務局: a group word or an organisation, and no
    person's name (山田委員 is an attendee)."""
    words = vocabulary()
    if not label or _SEAT.match(label) or re.search(r"[0-9０-９]", label):
        return False
    if label.endswith(words.group_words):
        split = split_name_role(label)
        return split is None or not split[0]
    return label[-1] in words.organisation_suffixes and split_name_role(label) is None


def _note(cell: str) -> tuple[str, str]:
    """(cell without its notes, the notes joined by "、")."""
    notes = [next(g for g in m.groups() if g is not None) for m in _NOTE.finditer(cell)]
    return _NOTE.sub("", cell), "、".join(n.strip() for n in notes if n.strip())


def _entry(cell: str, group: str) -> Attendee | None:
    """One entry of a 、-list: 山田部会長, 山田太郎（部会長）, 佐　藤　花　子【代理出席】."""
    text, note = _note(cell)
    bracket = re.match(r"^(?P<name>[^（(]+)[（(](?P<inner>[^）)]+)[）)]$", without_whitespace(text))
    if bracket and title_of(bracket["inner"]) and split_name_role(bracket["inner"])[0] == "":
        return _person(bracket["name"], bracket["inner"], group, note)
    person = split_attendee(without_whitespace(text))
    return _person(person.name, person.role, group, note) if person.name else None


def _seated(cell: str, group: str) -> Attendee | None:
    """１番　後　藤　さちこ, １番　　樋　川　篤　子　議員: the seat is kept apart from the name."""
    seat = _SEAT.match(cell.strip())
    people = [p for p in _columns(cell.strip()[seat.end():].split() if seat else cell.split(), group) if p]
    if not people:
        return None
    number = unicodedata.normalize("NFKC", re.sub(r"\D", "", seat[0])) if seat else ""
    return dataclasses.replace(people[0], seat=number)


def _columns(atoms: list[str], group: str) -> list[Attendee | None]:
    """People laid out in columns, names letter-spaced: 区　長　　　青　木　英　二　　副区長　…
    (role then name, when the line opens with a role) or 岸　田　文　雄　内閣総理大臣 (name then
    role). The atoms between two roles are a name."""
    role_first = len(atoms) > 1 and _title_run(atoms, 0, True) > 0
    runs: list[tuple[bool, str]] = []  # (is a role, text) in line order
    index = 0
    while index < len(atoms):
        end = _title_run(atoms, index, role_first)
        if end:
            runs.append((True, "".join(atoms[index:end])))
            index = end
            continue
        start = index
        while index < len(atoms) and not _title_run(atoms, index, role_first):
            index += 1
        runs.append((False, "".join(atoms[start:index])))
    people: list[Attendee | None] = []
    for position, (is_role, text) in enumerate(runs):
        if is_role:
            continue
        if role_first:  # names follow their role, so runs[0] is a role and position >= 1
            neighbour = runs[position - 1]
        else:
            neighbour = runs[position + 1] if position + 1 < len(runs) else (False, "")
        name_text, note = _note(text)
        if name_text.startswith(("（", "(")):
            continue  # （保健所長）: a note on a role, no person
        person = split_attendee(name_text)
        people.append(_person(person.name, person.role or (neighbour[1] if neighbour[0] else ""),
                              group, note))
    return people


def _title_run(atoms: list[str], start: int, role_first: bool) -> int:
    """The end of the run of atoms from ``start`` that is a role; 0 if none. Several atoms
    must spell a title of the vocabulary (区　長); one atom may be a compound with no name in
    it (選挙管理委員会事務局長), and in a line that opens with a role, any atom that ends with
    a title is one (岩木総合支所長, whose 岩木 is also a surname)."""
    for end in range(min(len(atoms), start + 4), start + 1, -1):
        if "".join(atoms[start:end]) in vocabulary().titles:
            return end
    atom = atoms[start]
    if split_name_role(atom) == ("", atom) or (role_first and title_of(atom) and len(atom) > 2):
        return start + 1
    return 0


def _person(name: str, role: str, group: str, note: str) -> Attendee:
    role = role or (group if group in vocabulary().group_roles else "")
    return Attendee(without_whitespace(name), role, group, note)


def _is_document(attendee: Attendee) -> bool:
    """An entry that reads like a handout's title (資料１, 報告書（案）), not a person: names
    hold no digits (seats are taken off before)."""
    return bool(re.search(r"[0-9０-９]", attendee.name)) or any(
        word in attendee.name for word in vocabulary().document_words)


def attendees(found: list[Section]) -> tuple[list[Attendee], list[Warning_]]:
    """Attendees of every attendee section of ``found``, each with its group; absent members
    are not. An entry that looks like a document title is left out with a warning."""
    result: list[Attendee] = []
    warnings: list[Warning_] = []
    for section in found:
        if section.kind != "attendees":
            continue
        group = group_of(section.label)
        lines = ([(section.paragraph, section.value)] if section.value else []) + [
            (p, p.text) for p in section.body]
        for paragraph, line in lines:
            if _ends_list(line):
                break
            read = read_attendee_line(line, group)
            group = read.group
            result.extend(read.attendees)
            warnings.extend(
                Warning_(paragraph.lines.start,
                         f"attendee entry 「{document}」 looks like a document title, not a person; "
                         "left out of the attendees",
                         "if the attendance list is followed by a list of handouts, give that list a "
                         "heading such as 配付資料 so that it ends the attendees")
                for document in read.documents)
    return result, warnings


def _ends_list(line: str) -> bool:
    """The kind line, prose, an aside such as "午前10時　開会", a handout heading
    （配付資料）, an agenda line (議事日程, 日程第１) or a date end an attendance list."""
    text = line.strip()
    unbracketed = re.sub(r"^[（(【〔［\[＜<]|[）)】〕］\]＞>]$", "", text)
    label = section_label(unbracketed)
    if _group_heading(text) or (unbracketed != text and split_name_role(unbracketed) == ("", unbracketed)):
        return False  # （経済産業省）: a group heading; （福祉事務所長）: a note on the role above it
    return (text in KINDS or text.endswith("。") or is_aside(text)
            or (label is not None and label[0] == "other")
            or _AGENDA_ENTRY.match(text) is not None or any(w in text for w in ("議事日程", "議事次第"))
            or dates.find_date(text) is not None)


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
        if section_label(text) or _opens_with_date(text):
            break  # 令和６年２月２２日（木曜日）午前１０時開会: the date line follows the title
        ending = next((k for k in KINDS if without_whitespace(text).endswith(k)), None)
        if ending:  # "第１６回会議　議事録": the kind is not part of the title
            kind = ending
            rest = _without_kind(text, ending)
            parts.extend([rest] if rest else [])
            break
        parts.append(text)
        kind = kind or next((k for k in KINDS if k in without_whitespace(text)), "")  # …会議録　第１号
    if not kind:
        kind = next((p.text.strip() for p in paragraphs if p.text.strip() in KINDS), "")
    return (" ".join(parts) or named), kind


def _opens_with_date(text: str) -> bool:
    stated = dates.find_date(text)
    return bool(stated) and stated.start == 0


def _without_kind(text: str, kind: str) -> str:
    """``text`` without the kind that ends it, letter-spaced or not (議 事 録)."""
    pattern = r"\s*".join(map(re.escape, kind)) + r"\s*$"
    return re.sub(pattern, "", text).rstrip()


def _times(section_texts: list[str], date_offset: int) -> tuple[str | None, str | None]:
    joined = nfkc_without_whitespace("".join(section_texts))
    return dates.find_time_range(joined[date_offset:])


def _stamp(texts: list[str], words: tuple[str, ...]) -> str | None:
    """The time of the last line "午前10時00分　開会" or "開会（午前１０時００分）" (one of
    ``words``), as HH:MM."""
    after = re.compile(rf"^(?:{'|'.join(words)})\([^()]*\)$")  # NFKC: （） are ()
    found = None
    for text in texts:
        flat = nfkc_without_whitespace(text)
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
                kind="weekday", args={"stated": stated.stated_weekday, "date": date, "actual": weekday},
            ))
        start, end = _times(texts, stated.end)
    if start is None:
        start = _stamp([p.text for p in paragraphs], ("開会", "開議"))
    if end is None:
        end = _stamp([p.text for p in closing], ("散会", "閉会", "延会", "閉議"))
    venue = labelled(all_sections, LABELS["venue"])
    name = labelled(all_sections, LABELS["name"])
    title, kind = title_and_kind(paragraphs, name[1] if name else "")
    people, attendee_warnings = attendees(all_sections)
    return HeaderFields(
        title=title,
        number=meeting_number(title),
        kind=kind,
        date=date,
        weekday=weekday,
        start=start,
        end=end,
        venue=venue[1] if venue else "",
        attendees=people,
        warnings=warnings + attendee_warnings,
        agenda=agenda_entries(all_sections),
    )
