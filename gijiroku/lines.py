"""Stage 2, lines: decoded text -> physical lines with page numbers and paragraph ends.

Undoes the artefacts of PDF text extraction seen in published minutes:

* CRLF and CR line endings become LF; a leading BOM is dropped.
* "A blank line after every line": when nearly every text line is followed by an empty line,
  the empty lines are artefacts and are dropped. Lines holding only spaces are real gaps.
* Pages follow the document's page convention (:mod:`gijiroku.pages`): form feeds, page
  markers, page-number lines or, in the seed, a text line that begins with an ASCII space.
  Page markers and numbers are kept as *layout* lines, out of the text; separator rules
  become paragraph breaks.
* A trailing space marks the end of a paragraph (the extractor keeps the PDF's line ends
  inside a paragraph without one). A text in which (almost) no line ends with a space is not
  wrapped: each of its lines is a paragraph. A stray trailing space in such a text (a
  one-paragraph-per-line release) must not turn the whole text into one wrapped paragraph,
  so the convention is decided per document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gijiroku import pages
from gijiroku.pages import FORM_FEED

# Share of text lines followed by an empty line above which empty lines are artefacts.
BLANK_INTERLEAVE_THRESHOLD = 0.9
# Share of text lines ending in whitespace below which trailing spaces do not end paragraphs.
PARAGRAPH_END_MIN_SHARE = 0.05


# Not frozen: one is built per physical line, and a frozen dataclass is several times slower
# to construct. Treated as immutable all the same (changed copies come from ``replace``).
@dataclass(slots=True)
class Line:
    """One physical source line that survived artefact removal.

    ``text`` has the page-start space, form feeds and trailing whitespace removed; ``blank``
    lines (spaces only) separate paragraphs; ``paragraph_end`` says the source line ended a
    paragraph (trailing whitespace). A ``layout`` line (page marker, page number, separator;
    see :mod:`gijiroku.pages`) keeps its stripped source text but is not part of any
    paragraph.
    """

    number: int  # 1-based physical line number in the LF-normalised text
    text: str
    page: int
    page_start: bool
    paragraph_end: bool
    layout: str = ""

    @property
    def blank(self) -> bool:
        return not self.text and not self.layout


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
    for number, (line, place) in enumerate(zip(raw, pages.layout(raw)), start=1):
        if drop_empty and line == "":
            continue
        line = line.replace(FORM_FEED, "")
        body = line.strip()
        lines.append(
            Line(
                number=number,
                text=body,
                page=place.page,
                page_start=place.page_start,
                paragraph_end=bool(body) and not place.kind and line != line.rstrip(),
                layout=place.kind,
            )
        )
    texts = [line for line in lines if line.text and not line.layout]
    ends = sum(line.paragraph_end for line in texts)
    if ends < max(1, PARAGRAPH_END_MIN_SHARE * len(texts)):
        lines = [replace(line, paragraph_end=bool(line.text) and not line.layout) for line in lines]
    return lines
