"""Stage 3, structure: lines -> paragraphs -> header paragraphs, remarks with items, closing.

A remark is a paragraph that starts with a turn marker (○ U+25CB, 〇 U+3007, ◯ U+25EF) and
every following paragraph up to the next turn marker or the closing line (以上). Inside a
remark, a paragraph that starts with ・ opens a sub-item; paragraphs after it belong to that
item until the next ・ or the end of the remark. Markers are dropped from the text; every
other character is kept, in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gijiroku.errors import GijirokuError
from gijiroku.lines import Line
from gijiroku.model import Span

TURN_MARKERS = ("○", "〇", "◯")
ITEM_MARKER = "・"
CLOSING_LINES = ("以上", "－了－", "-了-")


@dataclass(frozen=True)
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

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Document:
    header: list[Paragraph]
    remarks: list[RemarkDraft]
    closing: list[Paragraph]  # the closing line and anything after it


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
        if line.blank:
            flush()
            continue
        # Turn markers and closing lines are unambiguous, even without a paragraph end before.
        if starts_turn(line.text) or line.text in CLOSING_LINES:
            flush()
        pending.append(line)
        if line.paragraph_end or line.text in CLOSING_LINES:
            flush()
    flush()
    return paragraphs


def build_document(paragraphs: list[Paragraph], file: str) -> Document:
    """Split paragraphs into header, remarks (with items) and closing."""
    first = next((i for i, p in enumerate(paragraphs) if starts_turn(p.text)), None)
    if first is None:
        last_line = paragraphs[-1].lines.end - 1 if paragraphs else 1
        raise GijirokuError(
            file,
            "no remarks found: looked for paragraphs starting with a turn marker "
            "(○ U+25CB, 〇 U+3007 or ◯ U+25EF) and read to the end of the file",
            "check that this is a minutes text (議事要旨/議事録) whose remarks start with ○",
            line=last_line,
        )
    end = next(
        (i for i in range(first, len(paragraphs)) if paragraphs[i].text in CLOSING_LINES),
        len(paragraphs),
    )
    remarks: list[RemarkDraft] = []
    for paragraph in paragraphs[first:end]:
        _add_paragraph(remarks, paragraph)
    return Document(header=paragraphs[:first], remarks=remarks, closing=paragraphs[end:])


def _add_paragraph(remarks: list[RemarkDraft], paragraph: Paragraph) -> None:
    text = paragraph.text
    if starts_turn(text):
        remarks.append(RemarkDraft(paragraph.page, paragraph.lines, [text[1:].strip()]))
        return
    remark = remarks[-1]
    remark.lines = Span(remark.lines.start, paragraph.lines.end)
    if text.startswith(ITEM_MARKER):
        remark.items.append(ItemDraft(paragraph.page, paragraph.lines, [text[1:].strip()]))
    elif remark.items:
        item = remark.items[-1]
        item.lines = Span(item.lines.start, paragraph.lines.end)
        item.paragraphs.append(text)
    else:
        remark.paragraphs.append(text)
