"""Stage 3, structure: lines -> paragraphs -> header paragraphs, remarks with items, closing.

A remark is a paragraph that starts a turn and every following paragraph up to the next turn
or the closing. Inside a remark, a paragraph that starts with ・ opens a sub-item; paragraphs
after it belong to that item until the next ・ or the end of the remark. Markers are dropped
from the text; every other character is kept, in order.

Decided once per document:

* Turn style: a turn starts with a turn marker (○ U+25CB, 〇 U+3007, ◯ U+25EF), or with a
  bracketed label instead (（Ａ）, （委員）, as some 議事要旨 do) when more paragraphs open
  with a label than with a marker. The minority style is then text, with a warning: in a
  labelled document a paragraph that opens with ○ (○を付したもの…) is a symbol in the
  speech, not a turn.
* Named or anonymous: when at least half of the turns open with a speaker
  (:mod:`gijiroku.parse.speakers`), the document names its speakers. Then the remarks start at the
  first named turn (a ○ before it, such as 弘前市議会's "○議事日程", is a header heading), the
  speaker prefix moves from the text to ``speaker``, and a later turn without a recognisable
  speaker is kept as a remark with a warning. In an anonymous document (the seed) no remark
  has a speaker, so a remark that happens to open with "委員　" is not misread.

Asides are whole paragraphs between remarks or inside one that are stage directions, not
speech: bracketed (（報道関係者入室）, 〔「異議なし」と呼ぶ者あり〕), time-stamped procedure
(午前11時58分　休憩) or a council's agenda heading (◎会期の決定, a short paragraph opening
with ◎). They become the remark's ``notes`` with their line number.

The closing is the last closing line (以上, －了－, 散会/閉会 with or without its time) that no
turn follows, and everything after it: an 以上 inside a remark (the end of a report read out
by a clerk) does not end the minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gijiroku.errors import GijirokuError
from gijiroku.folding import nfkc_without_whitespace
from gijiroku.model import Note, Span, Warning_
from gijiroku.parse.lines import TURN_MARKERS, Line
from gijiroku.parse.speakers import Speaker, is_label_turn, split_speaker

# Markers of a turn that the source's own records delimit (a JSON record of type ◆質問 or
# ◎答弁): only there are ◆ and ◎ turn markers; elsewhere they head sections.
RECORD_TURN_MARKERS = TURN_MARKERS + ("◆", "◎", "●", "◇")
ITEM_MARKER = "・"
CLOSING_MAX_LENGTH = 24  # 午前１０時３１分　散会 and the like are short
CLOSING_LINES = ("以上", "－了－", "-了-", "―了―", "（了）", "了")
NAMED_SHARE = 0.5
_TIME = r"(?:(?:午前|午後)?\d{1,2}時(?:\d{1,2}分)?|\d{1,2}:\d{2})?"
# Assembly records put a turn marker before a time stamp (〇午後２時３７分休憩): still procedure.
_CLOSING = re.compile(rf"^[○〇◯]?[（(]?{_TIME}(?:散会|閉会|延会|閉議|終了)[。]?[）)]?$")
_PROCEDURE = re.compile(rf"^[○〇◯]?[（(]?{_TIME}(?:休憩|再開|開議|開会)[。]?[）)]?$")
# A remark longer than this is suspicious: the longest real turns seen (a report read out, a
# 40-minute presentation) are under 15,000 characters; a meeting's worth of turns merged into
# one because their openers were not recognised runs to 50,000 and more.
LONG_REMARK_CHARS = 30_000
HEADING_MARKER = "◎"
HEADING_MAX_LENGTH = 40
_BRACKETS = {"（": "）", "(": ")", "〔": "〕", "［": "］", "[": "]", "【": "】"}


# Not frozen: one is built per paragraph, and a frozen dataclass is several times slower to
# construct. Treated as immutable all the same.
@dataclass(slots=True)
class Paragraph:
    """Consecutive lines joined into one paragraph. ``lines`` is a half-open span."""

    lines: Span
    page: int
    text: str


@dataclass
class ItemDraft:
    page: int
    lines: Span
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class RemarkDraft:
    page: int
    lines: Span
    paragraphs: list[str]
    items: list[ItemDraft] = field(default_factory=list)
    speaker: Speaker | None = None
    notes: list[Note] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Document:
    header: list[Paragraph]
    remarks: list[RemarkDraft]
    closing: list[Paragraph]  # the closing line and anything after it
    warnings: list[Warning_] = field(default_factory=list)


def join_wrapped(parts: list[str]) -> str:
    """Join the physical lines of one paragraph.

    PDF extraction breaks lines at the page width, even inside a word (リモートワ|ーク), so
    Japanese joins with no space; a space is put back only between two Latin words or numbers.
    """
    text = parts[0]
    for part in parts[1:]:
        text += (" " if _is_latin_word_break(text[-1], part[0]) else "") + part
    return text


def _is_latin_word_break(before: str, after: str) -> bool:
    left = before.isascii() and (before.isalnum() or before in ",.;:!?)")
    right = after.isascii() and (after.isalnum() or after == "(")
    return left and right


def starts_turn(text: str) -> bool:
    return text.startswith(TURN_MARKERS)


def is_closing(text: str) -> bool:
    if len(text) > CLOSING_MAX_LENGTH:  # cheap test first: this runs on every line
        return False
    return text in CLOSING_LINES or bool(_CLOSING.match(nfkc_without_whitespace(text)))


def is_time_stamp(text: str) -> bool:
    """A procedure or closing line with its time (〇午後２時３７分休憩, 〇午後３時５１分散会): never
    a turn, whatever marker assembly records put before it."""
    if len(text) > CLOSING_MAX_LENGTH:
        return False
    folded = nfkc_without_whitespace(text)
    return bool(_PROCEDURE.match(folded) or _CLOSING.match(folded))


def is_aside(text: str) -> bool:
    """A whole paragraph that is one bracketed stage direction, a time-stamped procedure or
    an agenda heading."""
    if _is_bracketed(text.strip()):
        return True
    if text.startswith(HEADING_MARKER) and len(text) <= HEADING_MAX_LENGTH:
        return True
    return len(text) <= CLOSING_MAX_LENGTH and bool(_PROCEDURE.match(nfkc_without_whitespace(text)))


def _is_bracketed(text: str) -> bool:
    """True when ``text`` is one balanced bracket pair around everything: （…（…）…）."""
    close = _BRACKETS.get(text[:1])
    if not close or not text.endswith(close) or len(text) < 3:
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += (char == text[0]) - (char == close)
        if depth == 0 and index < len(text) - 1:
            return False
    return depth == 0


def split_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Group lines into paragraphs: a blank line, a paragraph end, a turn marker or closing line ends one."""
    paragraphs: list[Paragraph] = []
    pending: list[Line] = []

    def flush() -> None:
        if pending:
            span = Span(pending[0].number, pending[-1].number + 1)
            paragraphs.append(Paragraph(span, pending[0].page, join_wrapped([p.text for p in pending])))
            pending.clear()

    for line in lines:
        # Page furniture in the middle of a paragraph does not end it; a rule does.
        if line.layout in ("page-marker", "page-number", "running-header"):
            continue
        if line.blank or line.layout:
            flush()
            continue
        # Turn markers and closing lines end the paragraph before them even without a paragraph
        # end, unless that line was cut at the line width and the marker names no speaker:
        # then it is a symbol in a sentence running on (…の観点から、|○を付したものも…).
        closing = is_closing(line.text)
        runs_on = bool(pending) and pending[-1].wrapped and not _names_speaker(line.text)
        if (starts_turn(line.text) or closing) and not runs_on:
            flush()
        pending.append(line)
        if line.paragraph_end or closing:
            flush()
    flush()
    return paragraphs


def _names_speaker(text: str) -> bool:
    return starts_turn(text) and split_speaker(text[1:].strip())[0] is not None


def turn_style(paragraphs: list[Paragraph]) -> str:
    """"marker" (○〇◯ open turns) or "label" (（Ａ）/（委員） open more paragraphs than ○)."""
    markers = sum(starts_turn(p.text) for p in paragraphs)
    labels = sum(is_label_turn(p.text) for p in paragraphs)
    return "label" if labels > markers else "marker"


def _markers_in_labelled(paragraphs: list[Paragraph], style: str) -> list[Warning_]:
    """A warning for each paragraph that opens with a turn marker in a labelled document.

    (The reverse, a label-like paragraph in a ○ document, is ordinary text: （１）…, （参考）….)
    """
    if style != "label":
        return []
    return [
        Warning_(p.lines.start,
                 "this paragraph starts with a turn marker, but the turns of this document open "
                 "with speaker labels such as （Ａ）; read as text of the current remark",
                 "if it is a new turn, check the source: the other turns start with a label")
        for p in paragraphs if starts_turn(p.text)
    ]


def opens_turn(text: str, style: str) -> bool:
    return starts_turn(text) if style == "marker" else is_label_turn(text)


def turn_body(text: str, style: str) -> str:
    """The turn's text without its marker (a label stays: it is the speaker)."""
    return text[1:].strip() if style == "marker" else text


def build_document(
    paragraphs: list[Paragraph], file: str, turn_lines: frozenset[int] = frozenset()
) -> Document:
    """Split paragraphs into header, remarks (with items and notes) and closing.

    When the source delimits its turns itself (``turn_lines``: where a record of a JSON
    source opens a turn), exactly the paragraphs starting on those lines open turns, whatever
    their marker; a ○ inside a record (a roll's 〇出席議員) does not.
    """
    style = turn_style(paragraphs)

    def opens(paragraph: Paragraph) -> bool:
        if turn_lines:
            return paragraph.lines.start in turn_lines
        return opens_turn(paragraph.text, style) and not is_time_stamp(paragraph.text)

    def body(paragraph: Paragraph) -> str:
        if paragraph.lines.start in turn_lines:
            text = paragraph.text
            return text[1:].strip() if text.startswith(RECORD_TURN_MARKERS) else text
        return turn_body(paragraph.text, style)

    turns = [i for i, p in enumerate(paragraphs) if opens(p)]
    if not turns:
        raise _not_minutes(paragraphs, file)
    named_turns = [i for i in turns if split_speaker(body(paragraphs[i]))[0]]
    named = style == "label" or len(named_turns) >= NAMED_SHARE * len(turns)
    first = named_turns[0] if named and named_turns else turns[0]
    last_turn = turns[-1]
    end = next(
        (i for i in range(last_turn + 1, len(paragraphs)) if is_closing(paragraphs[i].text)),
        len(paragraphs),
    )
    remarks: list[RemarkDraft] = []
    warnings = _markers_in_labelled(paragraphs[first:end], style)
    for paragraph in paragraphs[first:end]:
        if opens(paragraph):
            remark = _open_remark(paragraph, body(paragraph), named)
            if named and remark.speaker is None:
                warnings.append(Warning_(
                    paragraph.lines.start,
                    "this turn names no speaker that could be recognised; kept as a remark "
                    "without speaker",
                ))
            remarks.append(remark)
        elif is_aside(paragraph.text):
            remarks[-1].notes.append(Note(paragraph.lines.start, paragraph.text))
        else:
            _add_paragraph(remarks[-1], paragraph)
    warnings += [_long_remark_warning(remark) for remark in remarks
                 if _length(remark) > LONG_REMARK_CHARS]
    return Document(header=paragraphs[:first], remarks=remarks, closing=paragraphs[end:],
                    warnings=warnings)


def _length(remark: RemarkDraft) -> int:
    return len(remark.text) + sum(len(item.text) for item in remark.items)


def _long_remark_warning(remark: RemarkDraft) -> Warning_:
    return Warning_(
        remark.lines.start,
        f"this remark runs to {_length(remark):,} characters (lines {remark.lines.start}–"
        f"{remark.lines.end - 1}): turns whose openers were not recognised may have been "
        "merged into it",
        "check how the turns in these lines start: ○, 〇, ◯ or a label such as （Ａ）",
    )


def _not_minutes(paragraphs: list[Paragraph], file: str) -> GijirokuError:
    last_line = paragraphs[-1].lines.end - 1 if paragraphs else 1
    return GijirokuError(
        file,
        "no remarks found: not recognisable as minutes. Looked for a paragraph starting with "
        "a turn marker (○ U+25CB, 〇 U+3007 or ◯ U+25EF) or a speaker label such as （Ａ） or "
        f"（委員）, and read {len(paragraphs)} paragraphs to the end of the file without one",
        "check that this is a minutes text (議事要旨/議事録/会議録) whose remarks start with ○ "
        "or a speaker label; a scanned PDF without a text layer has no text to read",
        line=last_line,
    )


def _open_remark(paragraph: Paragraph, body: str, named: bool) -> RemarkDraft:
    speaker, rest = split_speaker(body) if named else (None, body)
    rest = rest.strip()
    return RemarkDraft(paragraph.page, paragraph.lines, [rest] if rest else [], speaker=speaker)


def _add_paragraph(remark: RemarkDraft, paragraph: Paragraph) -> None:
    text = paragraph.text
    remark.lines = Span(remark.lines.start, paragraph.lines.end)
    if text.startswith(ITEM_MARKER):
        remark.items.append(ItemDraft(paragraph.page, paragraph.lines, [text[1:].strip()]))
    elif remark.items:
        item = remark.items[-1]
        item.lines = Span(item.lines.start, paragraph.lines.end)
        item.paragraphs.append(text)
    else:
        remark.paragraphs.append(text)
