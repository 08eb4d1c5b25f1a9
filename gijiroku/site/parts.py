"""Long meetings as several pages: where a meeting page is split into parts, and the map that
leads a remark's canonical permalink (``meetings/<id>/#<remark ID>``) to the part holding it.

A real meeting of 60–100k characters makes a page of 200–550 KB; a meeting whose estimated
page (:func:`part_weight`, from the Japanese text only: a translation never moves a remark to
another part) is over the budget becomes parts of about equal weight, cut at remark
boundaries (a remark's items stay with it). Part 1 is the meeting's own address,
``meetings/<id>/``; part k is ``meetings/<id>/<k>/``. A meeting within the budget is one page,
as before. The permalink of every remark stays the canonical one: each part carries a map of
the parts (``views.parts_map``) and ``assets/gijiroku.js`` sends ``#<id>`` on to its part; without
JavaScript, every part lists the parts with the IDs they hold (README, "Long meetings").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import accumulate
from typing import NamedTuple

from gijiroku.site.corpus import Unit

# The markup of a remark's block besides its text (head, chips, tools, step links), in bytes:
# measured 760–920 on the MOJ series' Japanese pages (README, "Long meetings").
UNIT_MARKUP_BYTES = 800


def part_weight(unit: Unit) -> int:
    """The estimated bytes of ``unit``'s block on its Japanese page: its text in UTF-8 and its
    markup. Never its translation, so translating a meeting never moves a remark."""
    return len(unit.text.encode("utf-8")) + UNIT_MARKUP_BYTES


def part_groups(weights: Sequence[int], budget: int) -> list[range]:
    """The parts of a page of remarks of ``weights`` (each with its items', in page order):
    consecutive, non-empty ranges of remark indexes covering them all. One range when the
    total is within ``budget`` (or there is a single remark); else ⌈total / budget⌉ parts
    (at most one per remark), each cut at the remark boundary nearest to an equal share. A part
    can exceed the budget only by a remark too long to share (a remark is never cut)."""
    total = sum(weights)
    if total <= budget or len(weights) < 2:
        return [range(len(weights))]
    count = min(math.ceil(total / budget), len(weights))
    before = [0, *accumulate(weights)]  # before[i]: the weight of remarks 0 … i-1
    cuts = [0]
    for k in range(1, count):
        # leave at least one remark for this part and for each part after it
        options = range(cuts[-1] + 1, len(weights) - (count - k) + 1)
        cuts.append(min(options, key=lambda i: (abs(before[i] - total * k / count), i)))
    cuts.append(len(weights))
    return [range(start, end) for start, end in zip(cuts, cuts[1:])]


class MeetingPart(NamedTuple):
    """A page of a split meeting: its number (1 = the meeting's own address), its site URL and
    the IDs of the remarks it shows, in page order (their items go with them)."""

    number: int
    url: str
    remarks: tuple[str, ...]


def meeting_parts(units: Sequence[Unit], budget: int) -> list[tuple[str, ...]]:
    """The remark IDs of each part of the meeting of ``units`` (remarks and items in page
    order): one tuple (every remark) when the meeting fits the ``budget`` (bytes)."""
    remarks: list[str] = []
    weights: list[int] = []
    for unit in units:
        if unit.parent is None:
            remarks.append(unit.id)
            weights.append(0)
        weights[-1] += part_weight(unit)
    return [tuple(remarks[i] for i in group) for group in part_groups(weights, budget)]


def part_url(meeting_url: str, number: int) -> str:
    """The site URL of part ``number`` of the meeting page at ``meeting_url``."""
    return meeting_url if number == 1 else f"{meeting_url}{number}/"


def part_src_uri(meeting_id: str, number: int) -> str:
    """The generated Markdown file of part ``number`` (its URL is :func:`part_url`)."""
    return f"meetings/{meeting_id}.md" if number == 1 else f"meetings/{meeting_id}/{number}.md"


NUMBERED = re.compile(r"^(.*?)(\d+)$")


def id_runs(ids: Sequence[str]) -> list[list[str]]:
    """``ids`` as runs ``[first, last]`` of IDs that count up by one with the same prefix and
    width (``fn03-001`` … ``fn03-120``), else ``[id, id]``: the forwarding map stays a few
    hundred bytes for a meeting of hundreds of remarks, and an ID numbered later (a remark
    inserted by a corrected source) is a run of its own."""
    runs: list[list[str]] = []
    for unit_id in ids:
        if runs and follows(runs[-1][1], unit_id):
            runs[-1][1] = unit_id
        else:
            runs.append([unit_id, unit_id])
    return runs


def follows(previous: str, unit_id: str) -> bool:
    """Whether ``unit_id`` is ``previous`` plus one (same prefix, same number of digits)."""
    a, b = NUMBERED.match(previous), NUMBERED.match(unit_id)
    return bool(a and b and a[1] == b[1] and len(a[2]) == len(b[2]) and int(b[2]) == int(a[2]) + 1)


def unit_pages(parts: Sequence[MeetingPart], units: Sequence[Unit]) -> dict[str, str]:
    """Unit ID -> the URL of the part that shows it, for every remark and item of a split
    meeting (``units``: its units; an item is on its remark's part)."""
    part_of = {remark: part.url for part in parts for remark in part.remarks}
    return {unit.id: part_of[unit.parent or unit.id] for unit in units}
