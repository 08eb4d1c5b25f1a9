"""Data downloads: each meeting's YAML as committed, one zip of every meeting's YAML as JSON, a
CSV of every remark per series, and one zip of the CSV of every remark."""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from json.encoder import encode_basestring  # how json.dumps(ensure_ascii=False) quotes a string
from typing import Any, Callable, Iterable

from gijiroku.site.corpus import MeetingDoc

CSV_COLUMNS = ("id", "meeting", "date", "page", "themes", "text", "url", "parent")
# A cell starting with one of these is a formula (or, after a tab or CR, may become one) in
# Excel and other spreadsheets (OWASP "CSV injection"); a leading ' is what makes them text.
# ' itself is in the set so that the rule stays exact both ways: every cell that starts with '
# had one added, and dropping that first character gives the text back.
FORMULA_STARTS = frozenset("=+-@\t\r'")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


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


def remarks_csv(docs: Iterable[MeetingDoc], permalink: Callable[[MeetingDoc, str], str]) -> bytes:
    """The CSV of ``docs``' remarks: :func:`csv_file` of their :func:`meeting_csv_rows`."""
    return csv_file(meeting_csv_rows(doc, permalink) for doc in docs)


def csv_file(rows: Iterable[str]) -> bytes:
    """A remarks CSV: the header, then ``rows`` (:func:`meeting_csv_rows` each). UTF-8 with a
    BOM, because Excel, which many of our users open CSVs with, needs it to read Japanese."""
    header = io.StringIO(newline="")
    csv.writer(header, lineterminator="\r\n").writerow(CSV_COLUMNS)
    return (header.getvalue() + "".join(rows)).encode("utf-8-sig")


def meeting_csv_rows(doc: MeetingDoc, permalink: Callable[[MeetingDoc, str], str]) -> str:
    """The CSV rows of one meeting: one row per remark and per item (items carry their
    remark's ID in ``parent``), so every character of the minutes is in the CSV. Themes are
    joined with ``;``. Cells are neutralised against formula injection
    (:func:`spreadsheet_text`); the JSON downloads keep the exact texts. Made once per meeting:
    the site-wide CSV and its series' CSV are these rows joined."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for unit in doc.units():
        themes = ";".join(tag.theme for tag in unit.themes)
        writer.writerow([spreadsheet_text(cell) if isinstance(cell, str) else cell for cell in (
            unit.id, doc.id, doc.minutes.meeting.date, unit.page, themes, unit.text,
            permalink(doc, unit.id), unit.parent or "")])
    return out.getvalue()


def series_csv_name(slug: str) -> str:
    """The file name of series ``slug``'s remarks CSV (inside its zip, :func:`series_zip_name`)."""
    return f"remarks-{slug}.csv"


def series_zip_name(slug: str) -> str:
    """The file name of the zip of series ``slug``'s remarks CSV: a CSV shrinks to a tenth or
    less (16 MB of CSVs at 1,000 generated meetings, under 2 MB zipped), and a zip opens in one
    step on any desktop."""
    return f"remarks-{slug}.zip"


def meetings_json_zip(docs: Iterable[MeetingDoc]) -> bytes:
    """Every meeting's JSON (:func:`meeting_json`) in one zip, as ``meetings/<id>.json`` in the
    order of ``docs``: one file to publish instead of one per meeting. Each meeting's JSON is
    made, compressed and dropped in turn, so the uncompressed whole is never held."""
    return zip_files((f"meetings/{doc.id}.json", meeting_json(doc).encode("utf-8")) for doc in docs)


def zip_file(name: str, data: bytes) -> bytes:
    """A zip archive holding ``data`` as file ``name`` (:func:`zip_files`)."""
    return zip_files([(name, data)])


def zip_files(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip archive holding each ``(name, data)`` of ``entries`` in order, deflated, with the
    same bytes on every build (a fixed timestamp and attributes), so an unchanged corpus deploys
    no new file."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the building machine
            info.external_attr = 0o644 << 16  # rw-r--r--
            archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


def spreadsheet_text(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text: a ``'`` before a leading = + - @ tab CR or '."""
    return "'" + cell if cell[:1] in FORMULA_STARTS else cell
