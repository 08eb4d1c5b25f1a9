"""Data downloads: each meeting's YAML as committed and as JSON, and one CSV of every remark."""

from __future__ import annotations

import csv
import io
import json
import math
from json.encoder import encode_basestring  # how json.dumps(ensure_ascii=False) quotes a string
from typing import Any, Callable

from gijiroku.site.corpus import Corpus, MeetingDoc

CSV_COLUMNS = ("id", "meeting", "date", "page", "themes", "text", "url", "parent")
# A cell starting with one of these is a formula (or, after a tab or CR, may become one) in
# Excel and other spreadsheets (OWASP "CSV injection"); a leading ' is what makes them text.
# ' itself is in the set so that the rule stays exact both ways: every cell that starts with '
# had one added, and dropping that first character gives the text back.
FORMULA_STARTS = frozenset("=+-@\t\r'")


def meeting_json(doc: MeetingDoc) -> str:
    """The meeting's YAML document as JSON: the document as committed (a key the model does not
    know included), not the model."""
    return document_json(doc.data)


def document_json(data: Any) -> str:
    """``data`` as ``json.dumps(data, ensure_ascii=False, indent=1)`` writes it."""
    try:
        return _indented(data, "\n") + "\n"
    except (TypeError, RecursionError):
        # A value that is not plain YAML data (or a self-containing one): json.dumps' own
        # output, or its error.
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _indented(value: Any, newline: str) -> str:
    """``value`` as JSON indented by one space a level, ``newline`` starting each line of its
    level. The same text as json.dumps(indent=1), which for indented output uses its pure-Python
    encoder: this one, for just the types YAML data has, takes half the time (every meeting's
    JSON is written on every build). Raises TypeError on other types (and on NaN and infinity,
    which json.dumps writes its own way)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = newline + " "
        return ("{" + inner + ("," + inner).join([
            encode_basestring(key) + ": "
            + (encode_basestring(item) if type(item) is str else _indented(item, inner))
            for key, item in value.items()]) + newline + "}")
    if kind is list:
        if not value:
            return "[]"
        inner = newline + " "
        items = [_indented(item, inner) for item in value]
        return "[" + inner + ("," + inner).join(items) + newline + "]"
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):  # a theme's score and weights
        return float.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    raise TypeError(f"not plain YAML data: {kind.__name__}")


def remarks_csv(corpus: Corpus, permalink: Callable[[MeetingDoc, str], str]) -> bytes:
    """One row per remark and per item (items carry their remark's ID in ``parent``), so every
    character of the minutes is in the CSV. Themes are joined with ``;``. UTF-8 with a BOM,
    because Excel, which many of our users open CSVs with, needs it to read Japanese. Cells are
    neutralised against formula injection (:func:`spreadsheet_text`); the JSON downloads keep
    the exact texts."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for doc in corpus.meetings:
        for unit in doc.units():
            themes = ";".join(tag.theme for tag in unit.themes)
            writer.writerow([spreadsheet_text(cell) if isinstance(cell, str) else cell for cell in (
                unit.id, doc.id, doc.minutes.meeting.date, unit.page, themes, unit.text,
                permalink(doc, unit.id), unit.parent or "")])
    return out.getvalue().encode("utf-8-sig")


def spreadsheet_text(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text: a ``'`` before a leading = + - @ tab CR or '."""
    return "'" + cell if cell[:1] in FORMULA_STARTS else cell
