"""Search filters beyond theme and meeting (date range, series, speaker), the date sorts and
the ID jump, in the reference query (gijiroku.search.query); search.js is held to the same
results by tests/test_search_js.py."""

from __future__ import annotations

import json

import pytest

from gijiroku.model import Remark, Span
from gijiroku.search.index import build_index, decode_unit_dates, speaker_name, speakers_list, unit_dates
from gijiroku.search.query import Filters, id_query, jump, search
from gijiroku.search.query import records as search_records
from support.search import FILTER_QUERIES, FILTER_SERIES, FILTER_UNITS, ID_QUERIES, JUMP_QUERIES, seed_units

FILES = build_index(FILTER_UNITS, series_labels=FILTER_SERIES)


@pytest.mark.parametrize(("query", "filters", "ids"), FILTER_QUERIES, ids=lambda v: json.dumps(v, ensure_ascii=False))
def test_filters_and_sorts(query: str, filters: dict, ids: list[str]) -> None:
    assert [r["id"] for r in search(FILES, query, filters=Filters(**filters))] == ids


@pytest.mark.parametrize(("query", "target"), JUMP_QUERIES)
def test_an_id_query_jumps_to_its_unit(query: str, target: str | None) -> None:
    found = jump(FILES, query)
    assert (found and found["id"]) == target


@pytest.mark.parametrize(("query", "folded"), ID_QUERIES)
def test_id_query_recognises_folded_remark_and_item_ids(query: str, folded: str) -> None:
    assert id_query(query) == folded


@pytest.mark.parametrize("dates", [[], ["2021-06-01"], ["2021-06-01", "2020-01-01", "2021-06-01"],
                                   [f"2020-{1 + i // 28:02d}-{1 + i % 28:02d}" for i in range(300)]])
def test_unit_dates_round_trip(dates: list[str]) -> None:
    packed = unit_dates(dates)
    assert decode_unit_dates(json.loads(json.dumps(packed))) == dates
    assert len(packed["units"]) == len(dates) * packed["width"]
    assert packed["width"] == (1 if len(set(dates)) <= 36 else 2)


def test_speakers_are_folded_and_counted() -> None:
    assert speakers_list(FILTER_UNITS) == [{"name": "山本委員", "count": 1}, {"name": "藤田部会長", "count": 2}]


def test_meta_labels_series_and_records_name_the_meeting_compactly() -> None:
    meta = json.loads(FILES["meta.json"])
    assert meta["series"] == [{"slug": "alpha", "code": "al", "title": "アルファ研究会", "count": 3},
                              {"slug": "beta", "code": "be", "title": "ベータ会議", "count": 2}]
    records = search_records(FILES)
    assert all("title" not in r for r in records)
    assert {r["id"]: (r["series"], r["num"], r.get("speaker")) for r in records}["al02-1"] == ("alpha", 2, "藤　田部会長")


def test_seed_units_carry_series_and_no_speaker() -> None:
    """The seed is a 議事要旨: anonymous remarks, so no unit names a speaker."""
    units = seed_units()
    assert {(u["series"], u["num"]) for u in units} == {("meti-smart-resilient", 6)}
    assert not any("speaker" in u for u in units)
    assert jump(build_index(units), "SR06-19")["id"] == "sr06-19"


@pytest.mark.parametrize(("speaker", "name"), [
    (None, ""),  # an anonymous 議事要旨 remark
    ({"name": "藤田", "role": "部会長", "raw": "藤田部会長"}, "藤田"),
    ({"name": "", "role": "委員", "label": "A", "raw": "（Ａ委員）"}, ""),  # an anonymised label
    ({"name": "Ｂ", "role": "委員", "label": "B", "raw": "Ｂ委員："}, ""),
])
def test_only_named_speakers_are_filterable(speaker: dict | None, name: str) -> None:
    remark = Remark(id="x01-01", number=1, text="本文", page=1, lines=Span(1, 1), hash="", speaker=speaker)
    assert speaker_name(remark) == name
