"""Data downloads: each meeting's YAML as committed and as JSON, and one CSV of every remark."""

from __future__ import annotations

import csv
import io
import json
from typing import Callable

from gijiroku.site.corpus import Corpus, MeetingDoc

CSV_COLUMNS = ("id", "meeting", "date", "page", "themes", "text", "url", "parent")


def meeting_json(doc: MeetingDoc) -> str:
    return json.dumps(doc.data, ensure_ascii=False, indent=1) + "\n"


def remarks_csv(corpus: Corpus, permalink: Callable[[MeetingDoc, str], str]) -> bytes:
    """One row per remark and per item (items carry their remark's ID in ``parent``), so every
    character of the minutes is in the CSV. Themes are joined with ``;``. UTF-8 with a BOM,
    because Excel, which many of our users open CSVs with, needs it to read Japanese."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for doc in corpus.meetings:
        for unit in doc.units():
            themes = ";".join(tag["theme"] for tag in unit.data.get("themes") or [])
            writer.writerow([unit.id, doc.id, doc.meeting["date"], unit.page, themes, unit.text,
                             permalink(doc, unit.id), unit.parent or ""])
    return out.getvalue().encode("utf-8-sig")
