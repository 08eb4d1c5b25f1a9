"""Stage 2a, layout: which convention marks page starts in a document, and its layout lines.

Text extracted from PDFs (or saved from minutes search systems) marks pages in one of a few
ways. Each document uses one convention, so the choice is made once per document, in this
order of precedence:

* ``markers``: explicit page markers with the page number, ``【page:N】 ---`` (a pypdf dump,
  each page closed by a ``-------------`` rule) or ``<PAGE="N">`` (a council search system).
* ``form-feed``: a form feed starts a page (pdftotext).
* ``numbers``: no marker, but bare page-number lines ("3", "- 3 -", "3/12") counting up from
  1 or 2; when the first one precedes all text they head their page, otherwise they end it.
* ``leading-space``: a line that begins with exactly one ASCII space starts a page (pypdf's
  mark, the seed). Only when such lines are sparse: a document that indents its paragraphs
  with spaces has many, and there they are indentation, not pages.
* ``none``: one page.

Running headers and footers: in a document with pages, a line that recurs (digits aside)
among the first or last RUNNING_EDGE text lines of at least half of the pages, and of at least
RUNNING_MIN_PAGES, is page furniture (「第４回研究会議事録」 on every page, 「- 3 / 12 -」).
A turn-opening line (○…, （Ａ）) and lines under RUNNING_MIN_LENGTH characters never are: a
label or a short reply may open many pages.

Layout lines are not text: page markers, the page-end rules before them, bare page numbers
and running headers are dropped without breaking the paragraph that runs across the page; separator rules
(―――, ◇―◇) end a paragraph. Every layout line is reported (line number and text) so that
the YAML keeps every character of the source.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

FORM_FEED = "\f"
_MARKER = re.compile(r"^\s*(?:【page:(?P<a>\d+)】\s*-*|<PAGE=\"?(?P<b>\d+)\"?>)\s*$", re.I)
PAGE_NUMBER_MAX_LENGTH = 24
_PAGE_NUMBER = re.compile(r"^\s*(?:[-－‐―−]\s*)?(?P<n>\d{1,4})(?:\s*[-－‐―−])?(?:\s*/\s*\d{1,4})?\s*$")
# A rule: only dashes, box-drawing lines and decorations, at least three dash characters.
_RULE = re.compile(r"^[\s\-－―─━ー=＝◇◆＊*]*$")
_DASHES = re.compile(r"[\-－―─━ー=＝]")
# Leading single spaces above this share of text lines mean indentation, not page starts.
LEADING_SPACE_MAX_SHARE = 0.2
LEADING_SPACE_MIN_COUNT = 4
RUNNING_EDGE = 2
RUNNING_MIN_PAGES = 3
RUNNING_MIN_LENGTH = 4
# A turn marker (lines.TURN_MARKERS; lines imports this module) or a speaker label （Ａ）.
_OPENS_TURN = re.compile(r"^[○〇◯]|^[（(][A-ZＡ-Ｚ]")


# Not frozen: one is built per physical line, and a frozen dataclass is several times slower
# to construct. Treated as immutable all the same.
@dataclass(slots=True)
class Layout:
    """What the page convention says about one physical line."""

    page: int
    page_start: bool
    kind: str = ""  # "" (text), "page-marker", "page-number", "running-header" or "separator"


def is_rule(line: str) -> bool:
    return bool(_RULE.match(line)) and len(_DASHES.findall(line)) >= 3


def page_number(line: str) -> int | None:
    # Cheap tests first: this runs on every line, and most are long text or blank.
    if len(line) > PAGE_NUMBER_MAX_LENGTH or not line or line.isspace():
        return None
    match = _PAGE_NUMBER.match(unicodedata.normalize("NFKC", line))
    return int(match["n"]) if match else None


def marker_page(line: str) -> int | None:
    if "【" not in line and "<" not in line:  # cheap test first: this runs on every line
        return None
    match = _MARKER.match(line)
    return int(match["a"] or match["b"]) if match else None


def detect_convention(raw: list[str]) -> str:
    if any(marker_page(line) is not None for line in raw):
        return "markers"
    if any(FORM_FEED in line for line in raw):
        return "form-feed"
    if len(_number_sequence(raw)) >= 2:
        return "numbers"
    texts = [line for line in raw if line.strip()]
    leading = [line for line in texts if _single_leading_space(line)]
    if leading and (
        len(leading) < LEADING_SPACE_MIN_COUNT
        or len(leading) <= LEADING_SPACE_MAX_SHARE * len(texts)
    ):
        return "leading-space"
    return "none"


def _single_leading_space(line: str) -> bool:
    return line.startswith(" ") and len(line) > 1 and not line[1].isspace()


def _number_sequence(raw: list[str]) -> list[int]:
    """Indices of bare-number lines that count up by one from 1 or 2, in order."""
    found: list[int] = []
    expected: int | None = None
    for index, line in enumerate(raw):
        number = page_number(line)
        if number is None:
            continue
        if expected is None and number in (1, 2) or number == expected:
            found.append(index)
            expected = number + 1
    return found


def layout(raw: list[str]) -> list[Layout]:
    """The page and layout kind of every physical line of ``raw``."""
    convention = detect_convention(raw)
    if convention == "markers":
        result = _by_markers(raw)
    elif convention == "numbers":
        result = _by_numbers(raw)
    else:
        result = _by_starts(raw, convention)
    if convention in ("markers", "form-feed"):
        result = _mark_page_numbers(raw, result)
    if convention != "none":
        result = _mark_running_lines(raw, result)
    return [
        Layout(entry.page, entry.page_start, "separator")
        if not entry.kind and raw[i].strip() and is_rule(raw[i]) else entry
        for i, entry in enumerate(result)
    ]


def _by_markers(raw: list[str]) -> list[Layout]:
    result = []
    page = 1
    for index, line in enumerate(raw):
        number = marker_page(line)
        if number is not None:
            page = number
            result.append(Layout(page, True, "page-marker"))
        elif is_rule(line) and _next_text_is_marker(raw, index):
            result.append(Layout(page, False, "page-marker"))  # the rule closing a page
        else:
            result.append(Layout(page, False))
    return result


def _next_text_is_marker(raw: list[str], index: int) -> bool:
    following = next((line for line in raw[index + 1:] if line.strip()), None)
    return following is None or marker_page(following) is not None


def _by_numbers(raw: list[str]) -> list[Layout]:
    numbers = set(_number_sequence(raw))
    first_text = next(i for i, line in enumerate(raw) if line.strip())
    heads = first_text in numbers  # page numbers at the top of each page
    result = []
    page = 1
    for index in range(len(raw)):
        if index in numbers:
            if heads and index != first_text:
                page += 1
            result.append(Layout(page, heads, "page-number"))
            if not heads:
                page += 1
        else:
            result.append(Layout(page, False))
    return result


def _by_starts(raw: list[str], convention: str) -> list[Layout]:
    """Pages by start marks. pdftotext ends its output with a form feed: a start with no
    text after it opens no page."""
    result = []
    page = 1
    seen_text = False
    last_text = max((i for i, line in enumerate(raw) if line.strip()), default=-1)
    for index, line in enumerate(raw):
        start = FORM_FEED in line if convention == "form-feed" else (
            convention == "leading-space" and _single_leading_space(line.replace(FORM_FEED, ""))
        )
        if start and seen_text and (index < last_text or line.replace(FORM_FEED, "").strip()):
            page += 1
        seen_text = seen_text or bool(line.strip())
        result.append(Layout(page, start))
    return result


def _mark_page_numbers(raw: list[str], result: list[Layout]) -> list[Layout]:
    """Bare numbers that equal their page number (up to one constant offset) are page numbers.

    The offset covers a cover page left unnumbered: printed "1" on the second PDF page.
    """
    candidates = [
        (i, number - result[i].page)
        for i, line in enumerate(raw)
        if not result[i].kind and (number := page_number(line.replace(FORM_FEED, ""))) is not None
    ]
    offsets = [offset for _, offset in candidates]
    if not offsets:
        return result
    # Ties go to no offset: max() keeps the first of equal counts, and 0 sorts first.
    offset = max(sorted(set(offsets), key=abs), key=offsets.count)
    if offset not in (0, -1) or (offset != 0 and offsets.count(offset) < 2):
        return result
    marked = {i for i, o in candidates if o == offset}
    return [
        Layout(entry.page, entry.page_start, "page-number") if i in marked else entry
        for i, entry in enumerate(result)
    ]


def _furniture_key(line: str) -> str:
    """A line as its page furniture would repeat it: NFKC, no whitespace, digits as #."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", unicodedata.normalize("NFKC", line)))


def _mark_running_lines(raw: list[str], result: list[Layout]) -> list[Layout]:
    """Running headers and footers (see the module doc) become "running-header" lines."""
    by_page: dict[int, list[int]] = defaultdict(list)
    for index, entry in enumerate(result):
        if not entry.kind and raw[index].strip():
            by_page[entry.page].append(index)
    if len(by_page) < RUNNING_MIN_PAGES:
        return result
    edges = {i for lines in by_page.values() for i in lines[:RUNNING_EDGE] + lines[-RUNNING_EDGE:]}
    pages_of: dict[str, set[int]] = defaultdict(set)
    for index in edges:
        key = _furniture_key(raw[index])
        if len(key) >= RUNNING_MIN_LENGTH and not _OPENS_TURN.match(key):
            pages_of[key].add(result[index].page)
    needed = max(RUNNING_MIN_PAGES, len(by_page) / 2)
    running = {key for key, pages in pages_of.items() if len(pages) >= needed}
    return [
        Layout(entry.page, entry.page_start, "running-header")
        if index in edges and _furniture_key(raw[index]) in running else entry
        for index, entry in enumerate(result)
    ]
