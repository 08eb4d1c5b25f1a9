"""Stage 2, lines: decoded text -> physical lines with page numbers and paragraph ends.

Undoes the artefacts of PDF text extraction seen in published minutes:

* CRLF and CR line endings become LF; a leading BOM is dropped.
* "A blank line after every line": when nearly every text line is followed by an empty line,
  the empty lines are artefacts and are dropped. Lines holding only spaces are real gaps.
* A line holding only a form feed and spaces starts a page and is dropped: it is not a gap
  that ends the paragraph running across the page.
* Pages follow the document's page convention (:mod:`gijiroku.parse.layout`): form feeds, page
  markers, page-number lines or, in the seed, a text line that begins with an ASCII space.
  Page markers and numbers are kept as *layout* lines, out of the text; separator rules
  become paragraph breaks.
* A trailing space marks the end of a paragraph (the extractor keeps the PDF's line ends
  inside a paragraph without one). A text in which (almost) no line ends with a space is not
  wrapped: each of its lines is a paragraph. A stray trailing space in such a text (a
  one-paragraph-per-line release) must not turn the whole text into one wrapped paragraph,
  so the convention is decided per document.
* Hard wrapping (pdftotext's default output): no trailing spaces, but most text lines reach
  the same display width (the PDF's line width, :func:`wrap_width`). Such a text is reflowed
  by :func:`hard_wrap_ends`: a line ends its paragraph when it falls short of the width or
  ends a sentence (。？！, possibly followed by a closing bracket), or when the next line is
  indented; a line that reaches the width continues into the next text line, across blank
  lines (pdftotext's block gaps), page numbers and form feeds, which then do not break the
  paragraph. pdftotext sometimes cuts one printed line into several short lines; adjacent
  short lines whose widths add up to the line width are read as one printed line.
* Stray spaces: PDF extractors put an ASCII space inside Japanese words where a justified
  line was stretched (実施すべき 施策, 枠組 み), and pypdf letter-spaces a whole line that
  holds a Latin word (（ Ｅ ） ● 委 員 か ら …). In a wrapped document (trailing-space or
  hard-wrapped; see above) a single ASCII space between two wide characters, in a line of a
  paragraph wrapped over several lines, is such an artefact and is removed
  (:func:`close_stray_spaces`); a line standing alone (a title) keeps its spaces. Spaces
  next to Latin letters or digits (資料 1 と) and runs of two or more spaces are kept. One-paragraph-per-line texts
  are typed, not extracted: their spaces (法制審議会 商法…部会) are the author's.
* ``wrapped``: a text line that reaches the line width and does not end its paragraph was cut
  by the page, so a turn marker that begins the next line (○を付した…) continues the sentence
  rather than opening a turn.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from gijiroku.parse import layout
from gijiroku.parse.layout import FORM_FEED
from gijiroku.parse.speakers import is_label_turn

# Share of text lines followed by an empty line above which empty lines are artefacts.
BLANK_INTERLEAVE_THRESHOLD = 0.9
# Share of text lines ending in whitespace below which trailing spaces do not end paragraphs.
PARAGRAPH_END_MIN_SHARE = 0.05
# Lines narrower than this (display columns) never define the line width: headings, labels.
WRAP_MIN_WIDTH = 20
# A line at least this share of the line width reaches the right margin (kinsoku shifts a
# character or two to the next line, Latin text is proportional).
FULL_LINE_SHARE = 0.9
# Share of text lines reaching the line width (and not much wider) above which a document
# is hard-wrapped. Printed minutes have 60-80 %; one-paragraph-per-line releases under 20 %.
HARD_WRAP_MIN_SHARE = 0.4
# East Asian Width classes printed two columns wide in Japanese text: wide, full-width and
# ambiguous (●, ※, ○, ①, Greek letters are full-width in a Japanese font).
WIDE = "WFA"
LABEL_GAP = 2  # columns between a speaker label and the text beside it: one wide space
# A field of a header or list: a short name and a colon (日時：, 場所：, 委員：).
_FIELD = re.compile(r"^[^\s：:、。，,]{1,8}[：:]")
_BRACKETED = re.compile(r"^[（(][^（()）]+[）)]$")
TURN_MARKERS = ("○", "〇", "◯")
SENTENCE_ENDS = ("。", "？", "！", "?", "!")
CLOSING_BRACKETS = "」』）)］】"


# Not frozen: one is built per physical line, and a frozen dataclass is several times slower
# to construct. Treated as immutable all the same (changed copies come from ``replace``).
@dataclass(slots=True)
class Line:
    """One physical source line that survived artefact removal.

    ``text`` has the page-start space, form feeds and trailing whitespace removed; ``blank``
    lines (spaces only) separate paragraphs; ``paragraph_end`` says the source line ended a
    paragraph (trailing whitespace, or the hard-wrap rules); ``wrapped`` implies not
    ``paragraph_end``. A ``layout`` line (page marker, page number, separator;
    see :mod:`gijiroku.parse.layout`) keeps its stripped source text but is not part of any
    paragraph.
    """

    number: int  # 1-based physical line number in the LF-normalised text
    text: str
    page: int
    page_start: bool
    paragraph_end: bool
    layout: str = ""
    wrapped: bool = False  # reaches the line width and continues on the next text line

    @property
    def blank(self) -> bool:
        return not self.text and not self.layout


def mark_furniture(lines: list[Line], furniture: dict[int, str]) -> list[Line]:
    """Lines with the furniture that ingest found (``furniture``: line number -> layout kind,
    e.g. utterance numbers, navigation) marked as layout, so that no paragraph takes them."""
    if not furniture:
        return lines
    return [
        replace(line, layout=furniture[line.number], paragraph_end=False)
        if line.number in furniture and line.text and not line.layout else line
        for line in lines
    ]


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
    for number, (line, place) in enumerate(zip(raw, layout.layout(raw)), start=1):
        if drop_empty and line == "" or _bare_page_start(line):
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
    widths = {line.number: display_width(line.text) for line in texts}  # measured once
    width = _common_width(list(widths.values()))
    if ends >= max(1, PARAGRAPH_END_MIN_SHARE * len(texts)):
        return _close_spaces(_mark_wrapped(lines, raw, width, widths))
    if width is None:
        return [replace(line, paragraph_end=bool(line.text) and not line.layout) for line in lines]
    return _close_spaces(_reflow(lines, raw, width))


# A single space between two non-Latin characters; whether both are wide is checked after.
_SPACED = re.compile(r"(?<=[^\x00-\u10ff]) (?=[^\x00-\u10ff])")


def close_stray_spaces(text: str) -> str:
    """``text`` without single ASCII spaces between two wide characters (see module doc)."""
    return _SPACED.sub(lambda m: "" if _wide(text[m.start() - 1]) and _wide(text[m.end()])
                       else " ", text)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in WIDE


def _close_spaces(lines: list[Line]) -> list[Line]:
    """Close stray spaces in the lines of wrapped paragraphs: those cut at the line width and
    the lines continuing them. A line standing alone (a title: 第 1 回 商事法の…) keeps its
    spaces, which may separate words."""
    result = []
    continues = False
    for line in lines:
        if line.text and not line.layout:
            if (line.wrapped or continues) and " " in line.text:
                line = replace(line, text=close_stray_spaces(line.text))
            continues = line.wrapped
        result.append(line)
    return result


def _bare_page_start(line: str) -> bool:
    """A form feed with nothing but spaces: a page start (pypdf's page text begins with a
    space line), not a gap between paragraphs."""
    return FORM_FEED in line and not line.replace(FORM_FEED, "").strip()


def display_width(text: str) -> int:
    """Columns of ``text``: two for wide characters (see WIDE), one for the others."""
    if text.isascii():
        return len(text)
    narrow = len(text.encode("ascii", "ignore"))  # ASCII is one column
    if not _wide_classes()[0].search(text):  # only ASCII and the large wide blocks (kanji, kana)
        return narrow + 2 * (len(text) - narrow)
    if max(text) > "\uffff":  # beyond the plane the classes cover: rare, count each
        return sum(2 if _wide(char) else 1 for char in text)
    return len(text) + len(_wide_classes()[1].findall(text))


@functools.cache
def _wide_classes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(any character other than ASCII and the large runs of wide characters, any wide
    character) of the Basic Multilingual Plane, from ``unicodedata``.

    Built once (about 15 ms): widths are measured on every line of every document, and a C-level
    regex scan is some twenty times faster than asking ``unicodedata`` per character; most
    Japanese lines hold only ASCII and characters of the large runs, which the first, small
    class rules out quickly."""
    wide_runs, code = [], 0
    for wide, run in itertools.groupby(map(_wide, map(chr, range(0x10000)))):
        length = len(list(run))
        if wide:
            wide_runs.append((code, code + length - 1))
        code += length

    def klass(runs: list[tuple[int, int]], negate: str = "") -> str:
        return f"[{negate}{''.join(f'{re.escape(chr(a))}-{re.escape(chr(b))}' for a, b in runs)}]"

    large = [(0, 0x7F)] + [run for run in wide_runs if run[1] - run[0] >= 255]
    return re.compile(klass(large, "^")), re.compile(klass(wide_runs))


def wrap_width(texts: list[str]) -> int | None:
    """The line width of a hard-wrapped text, or None when its lines are not wrapped.

    The width is the most common display width among lines of at least WRAP_MIN_WIDTH; the
    text is wrapped when at least HARD_WRAP_MIN_SHARE of all its text lines are within
    FULL_LINE_SHARE of it (narrower by up to a tenth, wider by up to a tenth).
    """
    return _common_width([display_width(text) for text in texts])


def _common_width(widths: list[int]) -> int | None:
    """:func:`wrap_width` of lines of these display widths."""
    candidates = Counter(w for w in widths if w >= WRAP_MIN_WIDTH)
    if not candidates:
        return None
    width = candidates.most_common(1)[0][0]
    near = sum(1 for w in widths if _reaches(w, width) and w <= width / FULL_LINE_SHARE)
    return width if near >= HARD_WRAP_MIN_SHARE * len(widths) else None


def _reaches(columns: int, width: int) -> bool:
    return columns >= FULL_LINE_SHARE * width


def ends_sentence(text: str) -> bool:
    return text.rstrip(CLOSING_BRACKETS).endswith(SENTENCE_ENDS)


def _mark_wrapped(lines: list[Line], raw: list[str], width: int | None,
                  widths: dict[int, int]) -> list[Line]:
    """Lines with explicit paragraph ends (trailing spaces): mark those cut at the line width.

    pypdf also leaves a trailing space after a line that ends in a Latin word (…Law |
    Commission) or that it letter-spaced (…宿 | 題事項). So a trailing space is no paragraph end
    at a line that reaches the line width and ends no sentence, when the next line follows
    with no gap, not indented, and opens no turn or field.
    """
    if width is None:
        return lines
    texts = [i for i, line in enumerate(lines) if line.text and not line.layout]
    result = list(lines)
    for k, i in enumerate(texts):
        line = lines[i]
        if not _reaches(widths[line.number], width):
            continue
        stray_end = (k + 1 < len(texts) and not ends_sentence(line.text)
                     and _runs_on_to(lines, raw, i, texts[k + 1]))
        if not line.paragraph_end or stray_end:
            result[i] = replace(line, paragraph_end=False, wrapped=True)
    return result


def _runs_on_to(lines: list[Line], raw: list[str], index: int, following: int) -> bool:
    """Whether a paragraph may run on from line ``index`` into the text line ``following``."""
    target = lines[following]
    return (
        not any(line.blank for line in lines[index + 1:following])
        and not _indented(raw[target.number - 1], target.page_start)
        and not target.text.startswith(TURN_MARKERS)
        and not is_label_turn(target.text)
        and not _FIELD.match(target.text)
    )


@dataclass(frozen=True)
class PrintedLine:
    """What the hard-wrap rules read of one text line.

    ``indented``: it began with whitespace in the source; ``gap_before``: a blank or layout
    line precedes it; ``labelled``: it starts with a speaker label (（Ａ）) or a field name
    and colon (場所：…, 委員：…), which no sentence runs on into, unlike ○ (○を付したもの…
    may continue a wrapped line).
    """

    text: str
    indented: bool = False
    gap_before: bool = False
    labelled: bool = False
    label_only: bool = False  # a speaker label and nothing else: pdftotext's own block


def hard_wrap_ends(lines: list[PrintedLine], width: int) -> list[bool]:
    """Which of the text lines of a hard-wrapped document end a paragraph.

    A line ends its paragraph when the next is indented or labelled (a speaker label, or a
    field name of a column-formatted list), when it ends a sentence, or when it falls short
    of the line width. Short lines with no gap between that together fill the width are one
    printed line cut in pieces: each piece but the last continues, and the last is measured
    with the pieces before it. A speaker label alone on its line was printed at the start of
    the next line, so that line is measured with the label and a space.
    """
    ends = []
    carried = 0  # columns of a preceding cut-off part of the same printed line
    for index, line in enumerate(lines):
        columns = carried + display_width(line.text)
        following = lines[index + 1] if index + 1 < len(lines) else None
        carried = 0
        if following is None or following.indented or following.labelled:
            ends.append(True)
        elif _reaches(columns, width):
            ends.append(ends_sentence(line.text))
        elif _cut_line_continues(columns, lines[index + 1:], width):
            ends.append(False)
            carried = columns
        else:
            ends.append(True)
            carried = columns + LABEL_GAP if line.label_only else 0
    return ends


def is_label_only(text: str) -> bool:
    """A bracketed speaker label with nothing after it: （Ａ）, （Ｂ委員）."""
    return bool(_BRACKETED.match(text)) and is_label_turn(text)


def _cut_line_continues(columns: int, rest: list[PrintedLine], width: int) -> bool:
    """A short line (``columns`` wide with any part before it) is the start of a printed line
    that pdftotext cut into pieces when the next short pieces, with no gap between, add up to
    the line width without exceeding it by more than a tenth."""
    for piece in rest:
        if piece.gap_before or piece.labelled:
            return False
        columns += display_width(piece.text)
        if _reaches(columns, width):
            return columns <= width / FULL_LINE_SHARE
    return False


def _reflow(lines: list[Line], raw: list[str], width: int) -> list[Line]:
    """Apply :func:`hard_wrap_ends`; blank lines inside a paragraph are dropped."""
    texts = [i for i, line in enumerate(lines) if line.text and not line.layout]
    printed = [
        PrintedLine(
            lines[i].text,
            indented=_indented(raw[lines[i].number - 1], lines[i].page_start),
            gap_before=k == 0 or i - texts[k - 1] > 1,
            labelled=is_label_turn(lines[i].text) or bool(_FIELD.match(lines[i].text)),
            label_only=is_label_only(lines[i].text),
        )
        for k, i in enumerate(texts)
    ]
    ends = hard_wrap_ends(printed, width)
    result = list(lines)
    for i, end in zip(texts, ends):
        result[i] = replace(lines[i], paragraph_end=end,
                            wrapped=not end and _reaches(display_width(lines[i].text), width))
    open_paragraph = False
    kept = []
    for line in result:
        if line.blank and open_paragraph:
            continue  # a block gap of the extractor inside a paragraph
        if line.text and not line.layout:
            open_paragraph = not line.paragraph_end
        kept.append(line)
    return kept


def _indented(source_line: str, page_start: bool) -> bool:
    """A source line indented with whitespace; a form feed or the single space of the
    leading-space page convention marks a page start, not an indent."""
    body = source_line.replace(FORM_FEED, "")
    if page_start and body.startswith(" ") and not body[1:2].isspace():
        return False
    return body[:1] in (" ", "\u3000", "\t") and bool(body.strip())
