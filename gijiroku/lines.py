"""Stage 2, lines: decoded text -> physical lines with page numbers and paragraph ends.

Undoes the artefacts of PDF text extraction seen in published minutes:

* CRLF and CR line endings become LF; a leading BOM is dropped.
* "A blank line after every line": when nearly every text line is followed by an empty line,
  the empty lines are artefacts and are dropped. Lines holding only spaces are real gaps.
* A page starts at a form feed, or where a text line begins with an ASCII space (the
  extractor's mark of a new PDF page). The space is not part of the text.
* A trailing space marks the end of a paragraph (the extractor keeps the PDF's line ends
  inside a paragraph without one). A text in which no line ends with a space is not wrapped:
  each of its lines is a paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# Share of text lines followed by an empty line above which empty lines are artefacts.
BLANK_INTERLEAVE_THRESHOLD = 0.9
FORM_FEED = "\f"


@dataclass(frozen=True)
class Line:
    """One physical source line that survived artefact removal.

    ``text`` has the page-start space, form feeds and trailing whitespace removed; ``blank``
    lines (spaces only) separate paragraphs; ``paragraph_end`` says the source line ended a
    paragraph (trailing whitespace).
    """

    number: int  # 1-based physical line number in the LF-normalised text
    text: str
    page: int
    page_start: bool
    paragraph_end: bool

    @property
    def blank(self) -> bool:
        return not self.text


def normalise_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def physical_lines(text: str) -> list[str]:
    """The LF-normalised physical lines; index ``i`` is line number ``i + 1``."""
    return normalise_newlines(text).split("\n")


def has_interleaved_blanks(raw: list[str]) -> bool:
    """True when (nearly) every text line is followed by an empty line."""
    text_lines = [i for i, line in enumerate(raw[:-1]) if line.strip()]
    if not text_lines:
        return False
    followed = sum(1 for i in text_lines if raw[i + 1] == "")
    return followed / len(text_lines) >= BLANK_INTERLEAVE_THRESHOLD


def split_lines(text: str) -> list[Line]:
    """Physical lines of ``text`` with artefacts removed and pages counted."""
    raw = physical_lines(text)
    drop_empty = has_interleaved_blanks(raw)
    lines: list[Line] = []
    page = 1
    seen_text = False
    for number, line in enumerate(raw, start=1):
        if drop_empty and line == "":
            continue
        page_start = FORM_FEED in line
        line = line.replace(FORM_FEED, "")
        if line.strip() and line.startswith(" "):
            page_start = True
        if page_start and seen_text:
            page += 1
        seen_text = seen_text or bool(line.strip())
        body = line.strip()
        lines.append(
            Line(
                number=number,
                text=body,
                page=page,
                page_start=page_start,
                paragraph_end=bool(body) and line != line.rstrip(),
            )
        )
    if not any(line.paragraph_end for line in lines):
        lines = [replace(line, paragraph_end=not line.blank) for line in lines]
    return lines
