"""The nothing-lost check (see tests/test_conservation.py): every non-whitespace character of
a source body reaches the YAML, in order.

:func:`assert_conserved` takes the source, checks that each note and layout entry really is the
text of the lines it names and blanks those lines, drops the turn marker where a remark starts
and the ・ where an item starts (the YAML line spans say where), and then requires the rest of the
source to equal header + (speaker.raw + text + items) of every remark + closing.
"""

from __future__ import annotations

from gijiroku.parse.ingest import ingest
from gijiroku.parse.lines import physical_lines
from gijiroku.parse.structure import ITEM_MARKER, RECORD_TURN_MARKERS
from support.paths import non_whitespace


def blank_recorded_lines(raw: list[str], entries: list[dict]) -> None:
    """Blank the lines of each note/layout entry after checking they hold exactly its text."""
    for entry in entries:
        want = non_whitespace(entry["text"])
        index, got = entry["line"] - 1, ""
        while len(got) < len(want):
            got += non_whitespace(raw[index])
            raw[index] = ""
            index += 1
        assert got == want, f"line {entry['line']}: recorded {entry['text']!r}, source has {got!r}"


def drop_marker(raw: list[str], line: int, markers: tuple[str, ...]) -> None:
    text = raw[line - 1].strip()
    assert text.startswith(markers), f"line {line} should start with one of {markers}: {text!r}"
    raw[line - 1] = text[1:]


def source_rest(text: str, document: dict) -> str:
    raw = physical_lines(text)
    notes = [n for r in document["remarks"] for n in r.get("notes", [])]
    blank_recorded_lines(raw, document.get("layout", []) + notes)
    for remark in document["remarks"]:
        speaker = remark["speaker"]
        # A bracketed label (（Ａ）) is its own turn marker and stays in speaker.raw.
        if not (speaker and speaker["raw"].startswith(("（", "("))):
            # ◆/◎ open turns only where a JSON record delimits the turn.
            drop_marker(raw, remark["lines"]["start"], RECORD_TURN_MARKERS)
        for item in remark["items"]:
            drop_marker(raw, item["lines"]["start"], (ITEM_MARKER,))
    return non_whitespace("".join(raw))


def yaml_text(document: dict) -> str:
    parts = [h["text"] for h in document["header"]]
    for remark in document["remarks"]:
        parts.append((remark["speaker"] or {}).get("raw", ""))
        parts += [remark["text"], *(item["text"] for item in remark["items"])]
    parts.append(document["closing"])
    return non_whitespace("".join(parts))


def assert_conserved(data: bytes, document: dict) -> None:
    text = ingest(data, "source").text
    assert yaml_text(document) == source_rest(text, document)
