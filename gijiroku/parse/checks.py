"""Stage 6, checks: a parsed meeting and its source lines -> warnings about what looks wrong.

A parse can succeed and still be wrong: turns not split (one remark holding the whole
meeting), a header or a page number read as speech, two meetings in one file. None of these
is an error (the YAML is still faithful to the source: nothing is lost), but each deserves a
warning with the source line and a hint, so that ``gijiroku check`` and the meeting page say
so instead of staying silent. The rules and their thresholds are data
(``gijiroku/data/checks.yml``), calibrated so that correct parses give no warning.

Every warning has a ``kind`` (the site words it in the reader's language) and at most one
warning of a kind is given per remark, with the number of further occurrences in its message:
a broken file should produce a readable list, not hundreds of lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gijiroku.folding import nfkc_without_whitespace
from gijiroku.model import Minutes, Remark, Warning_
from gijiroku.parse.ingest import Ingested
from gijiroku.parse.lines import Line
from gijiroku.parse.speakers import split_speaker
from gijiroku.parse.structure import is_closing, split_paragraphs
from gijiroku.yamlio import read_yaml

RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "checks.yml"


@dataclass(frozen=True)
class Rules:
    """The thresholds and patterns of :data:`RULES_PATH`.

    Turn patterns apply to :func:`nfkc_stripped` lines (a space may separate a speaker from the
    speech), the others to :func:`folded` ones (no whitespace at all)."""

    share_min: float  # a remark with at least this share of the meeting's characters …
    share_min_chars: int  # … and at least this many characters is suspect
    surplus_min: int  # more line-start turn markers than remarks by more than both of these
    surplus_min_share: float
    turn_opening: re.Pattern[str]  # a turn marker or a label
    turn_label: re.Pattern[str]  # a label alone: （Ａ） (normalised: (A))
    inner_turn: re.Pattern[str]  # group 1: a turn opening after a sentence end, inside a line
    header_line: re.Pattern[str]
    date_line: re.Pattern[str]  # the date line of a meeting's header
    furniture: tuple[tuple[str, re.Pattern[str]], ...]  # (name, pattern)


@cache
def default_rules() -> Rules:
    return load_rules(RULES_PATH)


def load_rules(path: Path) -> Rules:
    data = read_yaml(path)
    opening = f"(?:{data['turn_marker']}|{data['turn_label']})"
    labels = "|".join(map(re.escape, data["header_labels"]))
    return Rules(
        share_min=float(data["remark_share"]["min_share"]),
        share_min_chars=int(data["remark_share"]["min_chars"]),
        surplus_min=int(data["turn_count"]["min_surplus"]),
        surplus_min_share=float(data["turn_count"]["min_surplus_share"]),
        turn_opening=re.compile(opening),
        turn_label=re.compile(data["turn_label"]),
        inner_turn=re.compile(f"(?<={data['sentence_end']})\\s*({opening})"),
        header_line=re.compile(f"{data['header_numbering']}?(?:{labels})(?:[:：]|$)"),
        date_line=re.compile(data["date_line"]),
        furniture=tuple((name, re.compile(pattern)) for name, pattern in data["furniture"].items()),
    )


def nfkc_stripped(text: str) -> str:
    """NFKC (full-width letters, digits, brackets and spaces become ASCII), stripped."""
    return unicodedata.normalize("NFKC", text).strip()


@dataclass(frozen=True)
class TextLine:
    """A source line holding text (not blank, not layout), normalised once for every check."""

    number: int
    text: str  # normalised: spaces kept, since they separate a speaker from the speech
    compact: str  # folded


@dataclass(frozen=True)
class BodyLine:
    """A source line of a remark's own text (not a note)."""

    remark: Remark
    line: int
    text: str  # as TextLine
    compact: str
    opening: bool  # the remark's first line, which holds its turn marker


def text_lines(lines: list[Line]) -> list[TextLine]:
    found = []
    for line in lines:
        if not line.layout and not line.blank:
            text = nfkc_stripped(line.text)
            found.append(TextLine(line.number, text, re.sub(r"\s+", "", text)))
    return found


def check_minutes(minutes: Minutes, lines: list[Line], rules: Rules | None = None) -> list[Warning_]:
    """Everything that looks wrong in ``minutes`` parsed from ``lines``, in source order."""
    rules = rules or default_rules()
    source = text_lines(lines)
    body = body_lines(minutes, lines, source)
    found = [
        *dominant_remarks(minutes, rules),
        *missed_turns(body, rules),
        *header_lines_inside(body, rules),
        *endings_inside(body),
        *furniture(body, rules),
        *several_meetings(minutes, source, rules),
        *turn_count(minutes, source, rules),
    ]
    return sorted(found, key=lambda w: w.line)


def body_lines(minutes: Minutes, lines: list[Line], source: list[TextLine]) -> list[BodyLine]:
    """The text lines inside each remark's span, notes excluded."""
    note_starts = {note.line for remark in minutes.remarks for note in remark.notes}
    in_notes = set()
    if note_starts:
        in_notes = {number for paragraph in split_paragraphs(lines)
                    if paragraph.lines.start in note_starts
                    for number in range(paragraph.lines.start, paragraph.lines.end)}
    by_number = {line.number: line for line in source}
    return [
        BodyLine(remark, number, line.text, line.compact, number == remark.lines.start)
        for remark in minutes.remarks
        for number in range(remark.lines.start, remark.lines.end)
        if (line := by_number.get(number)) and number not in in_notes
    ]


def dominant_remarks(minutes: Minutes, rules: Rules) -> list[Warning_]:
    sizes = [sum(len("".join(u.text.split())) for u in [r, *r.items]) for r in minutes.remarks]
    total = sum(sizes)
    return [
        Warning_(
            remark.lines.start,
            f"remark {remark.id} holds {size / total:.0%} of the meeting's text ({size:,} "
            f"characters in {len(minutes.remarks)} remarks)",
            "a remark this long usually means that the turns were not recognised: check that "
            "each turn starts on its own line with ○ or a speaker label such as （Ａ）",
            kind="remark-share",
            args={"remark": remark.id, "share": f"{size / total:.0%}", "size": f"{size:,}",
                  "count": str(len(minutes.remarks))},
        )
        for remark, size in zip(minutes.remarks, sizes)
        if total and size >= rules.share_min_chars and size / total >= rules.share_min
    ]


def missed_turns(body: list[BodyLine], rules: Rules) -> list[Warning_]:
    """Turn openings inside a remark's text: after a sentence end, or a label opening a line."""

    def missed(line: BodyLine) -> str | None:
        if not line.opening and rules.turn_opening.match(line.text):
            return line.text if _speaks(line.text, rules) else None
        return next((line.text[m.start(1):] for m in rules.inner_turn.finditer(line.text)
                     if _speaks(line.text[m.start(1):], rules)), None)

    return per_remark(body, "turn-in-remark", missed,
                      "another turn ({text}) seems to start inside remark {remark}",
                      "the parser did not split this turn: each turn should start a line with "
                      "○ or a speaker label such as （Ａ）")


def _speaks(opening: str, rules: Rules) -> bool:
    """A turn opening that is a label or names a speaker: not the ○ of a ○× table or a list."""
    if rules.turn_label.match(opening):
        return True
    return split_speaker(opening[1:].lstrip())[0] is not None


def header_lines_inside(body: list[BodyLine], rules: Rules) -> list[Warning_]:
    return per_remark(body, "header-in-remark",
                      lambda b: b.text if rules.header_line.match(b.compact) else None,
                      "a header line ({text}) inside remark {remark}",
                      "the parser read part of a header as speech: check that the file holds one "
                      "meeting and that its header comes before the first turn")


def endings_inside(body: list[BodyLine]) -> list[Warning_]:
    """A closing line (以上, 散会 …) followed by more text of the same remark."""
    followed = {id(a) for a, b in zip(body, body[1:]) if a.remark is b.remark}
    return per_remark(body, "ending-in-remark",
                      lambda b: b.text if id(b) in followed and not b.opening
                      and is_closing(b.compact) else None,
                      "a closing line ({text}) inside remark {remark}, with more text after it",
                      "if this is the end of a meeting, the file may hold several meetings "
                      "(one file per meeting); otherwise nothing to do")


def furniture(body: list[BodyLine], rules: Rules) -> list[Warning_]:
    warnings = []
    for name, pattern in rules.furniture:
        warnings += per_remark(
            body, "page-furniture", lambda b, p=pattern: b.compact if p.search(b.compact) else None,
            f"source layout or markup ({name}: {{text}}) inside remark {{remark}}",
            "a page marker, page number or markup of the source was read as speech; the "
            "text is kept, but the page convention of this source may need support")
    return warnings


def per_remark(body: list[BodyLine], kind: str, find: Callable[[BodyLine], str | None],
               message: str, hint: str) -> list[Warning_]:
    """One warning per remark, at its first line where ``find`` finds something (the text to
    quote in ``message``), counting the remark's other such lines."""
    hits: dict[str, list[tuple[BodyLine, str]]] = {}
    for line in body:
        found = find(line)
        if found is not None:
            hits.setdefault(line.remark.id, []).append((line, found))
    warnings = []
    for found in hits.values():
        first, text = found[0]
        more = f" (and {len(found) - 1} more lines)" if len(found) > 1 else ""
        args = {"text": _excerpt(text), "remark": first.remark.id, "lines": str(len(found))}
        warnings.append(Warning_(first.line, message.format(**args) + more, hint, kind=kind,
                                 args=args))
    return warnings


def _excerpt(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[:width] + "…"


def several_meetings(minutes: Minutes, source: list[TextLine], rules: Rules) -> list[Warning_]:
    """The meeting's title or a header's date line again after the first remark."""
    if not minutes.remarks or not minutes.header:
        return []
    title = nfkc_without_whitespace(minutes.header[0].text)
    start = minutes.remarks[0].lines.start
    for line in source:
        if line.number <= start:
            continue
        text = line.compact
        if (len(title) >= 6 and text == title) or rules.date_line.match(text):
            return [Warning_(
                line.number,
                f"a second meeting header ({_excerpt(text)}) after the first remark: the file "
                "seems to hold several meetings",
                "put each meeting in its own file (NN.txt) and parse them separately",
                kind="several-meetings", args={"text": _excerpt(text)},
            )]
    return []


def turn_count(minutes: Minutes, source: list[TextLine], rules: Rules) -> list[Warning_]:
    """More lines open a turn in the source than the meeting has remarks.

    When the meeting names its speakers, only openings that name one (or are a label) count:
    the ○ headings of a council's header (○議事日程) are not turns.
    """
    named = any(remark.speaker for remark in minutes.remarks)
    starts = {remark.lines.start for remark in minutes.remarks}
    openings = [line.number for line in source if rules.turn_opening.match(line.text)
                and (not named or _speaks(line.text, rules))]
    surplus = len(openings) - len(minutes.remarks)
    if surplus <= max(rules.surplus_min, rules.surplus_min_share * len(minutes.remarks)):
        return []
    first = next(number for number in openings if number not in starts)
    return [Warning_(
        first,
        f"{len(openings)} source lines start with a turn marker or label (○, 〇, ◯, （Ａ）), "
        f"but only {len(minutes.remarks)} remarks were found; the first one not read as a turn "
        f"is on this line",
        "check the turns from this line on: a header or a page layout the parser did not "
        "recognise may have swallowed them",
        kind="turn-count", args={"openings": str(len(openings)), "remarks": str(len(minutes.remarks))},
    )]


def stated_count_warnings(decoded: Ingested, found: int) -> list[Warning_]:
    """A warning when the source states how many utterances it holds and the parse disagrees."""
    if decoded.stated_turns is None or decoded.stated_turns[0] == found:
        return []
    stated, line = decoded.stated_turns
    return [Warning_(
        line, f"the source says it holds {stated} utterances but {found} remarks were parsed",
        "a turn whose marker is missing or unusual merges two utterances, and a marker "
        "inside a text splits one: compare the remarks with the source's utterance list",
    )]
