"""gijiroku.search.index: folding, the index builder and the reference query (issue 5).

The same folding/parsing/highlighting table (tests/fixtures/fold_cases.json) is run against the
JS module by tests/js/search.test.mjs (via tests/test_search_js.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from gijiroku.folding import fold, fold_with_map
from gijiroku.search.index import build_index, chunk_starts, decode_postings, write_index, write_search_index
from gijiroku.search.query import (
    analysed,
    count_occurrences,
    highlight_ranges,
    parse_query,
    query_terms,
    search,
    term_keys,
)
from gijiroku.search.query import records as search_records
from gijiroku.search.tokens import fnv1a32, stem, tokenize
from support.search import CASES, EN_CASES, EN_LABELS, EN_QUERIES, EN_UNITS, QUERIES, seed_units, unit
from support.search import SEED_YAML as SEED


@pytest.mark.parametrize(("text", "expected"), CASES["fold"])
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(("query", "expected"), CASES["parse"])
def test_parse_query(query: str, expected: list[str]) -> None:
    assert parse_query(query) == expected


@pytest.mark.parametrize("case", CASES["highlight"], ids=lambda c: c["query"])
def test_highlight_ranges_land_on_original_characters(case: dict) -> None:
    text = case["text"]
    assert [text[s:e] for s, e in highlight_ranges(text, parse_query(case["query"]))] == case["marked"]


@pytest.mark.parametrize("text", ["ﾃﾞｼﾞﾀﾙ ＤＸ\n強靱", "㈱①ﬁ", "か\u3099き", "a\u200bb"])
def test_fold_map_covers_the_original_in_order(text: str) -> None:
    folded, offsets = fold_with_map(text)
    assert len(offsets) == len(folded)
    assert offsets == sorted(offsets)
    # every folded character comes from a range whose own folding contains it
    for ch, (s, e) in zip(folded, offsets):
        assert ch in fold(text[s:e])


def test_postings_round_trip_and_counts() -> None:
    units = [unit("a", "地域地域"), unit("b", "地域"), unit("c", "東京")]
    files = build_index(units)
    meta = json.loads(files["meta.json"])
    shards = [json.loads(v) for k, v in files.items() if k.startswith("grams/")]
    assert len(shards) == meta["shards"]
    merged = {k: decode_postings(v) for shard in shards for k, v in shard.items()}
    # unit numbers follow folded length: b (2) < c (2, later id) < a (4)
    assert merged["地域"] == {0: 1, 2: 2}
    assert merged["域"] == {0: 1, 2: 2}
    assert merged["域地"] == {2: 1}
    assert merged["東京"] == {1: 1}
    assert merged["meeting:m1"] == {0: 1, 1: 1, 2: 1}
    # every key sits in the shard its hash names
    width = len(str(meta["shards"] - 1))
    for key in merged:
        assert key in json.loads(files[f"grams/{fnv1a32(key) % meta['shards']:0{width}d}.json"])


def test_fnv1a32_known_values() -> None:
    # Published FNV-1a test vectors; search.js must hash keys to the same shards.
    assert fnv1a32("") == 0x811C9DC5
    assert fnv1a32("a") == 0xE40C292C
    assert fnv1a32("foobar") == 0xBF9CF968


def test_build_index_is_deterministic_and_sharded_by_size(tmp_path: Path) -> None:
    units = seed_units()
    files = build_index(units, shard_bytes=2_000, chunk_bytes=3_000)
    assert build_index(units, shard_bytes=2_000, chunk_bytes=3_000) == files
    meta = json.loads(files["meta.json"])
    shards = [len(v.encode()) for k, v in files.items() if k.startswith("grams/")]
    assert len(shards) == meta["shards"] > 4
    # the fewest shards of 2 KB on average (a shard's braces add a byte more than its entries' commas)
    assert 2_000 * (len(shards) - 1) < sum(shards) - len(shards) <= 2_000 * len(shards)
    assert len(chunk_starts(meta)) == len([k for k in files if k.startswith("units/")]) > 3
    records = search_records(files)
    assert sorted(r["id"] for r in records) == sorted(u["id"] for u in units)
    lengths = [len(fold(r["text"])) for r in records]
    assert lengths == sorted(lengths)
    write_index(files, tmp_path)
    assert (tmp_path / "meta.json").read_text(encoding="utf-8") == files["meta.json"]


def test_duplicate_ids_are_rejected() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        build_index([unit("a", "x"), unit("a", "y")])


def test_seed_units_cover_every_remark_and_item() -> None:
    doc = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    units = seed_units()
    expected = [r["id"] for r in doc["remarks"]] + [i["id"] for r in doc["remarks"] for i in r.get("items") or []]
    assert sorted(u["id"] for u in units) == sorted(expected)
    by_id = {u["id"]: u for u in units}
    assert by_id["sr06-04-2"]["number"] == "4-2"
    assert by_id["sr06-04-2"]["url"] == "meti-smart-resilient/06/#sr06-04-2"
    assert by_id["sr06-04"]["text"] == doc["remarks"][3]["text"]


def brute_force(units: list[dict], query: str) -> set[str]:
    terms = parse_query(query)
    return {u["id"] for u in units if terms and all(t in fold(u["text"]) for t in terms)}


@pytest.fixture(scope="module")
def seed_index() -> tuple[list[dict], dict[str, str]]:
    units = seed_units()
    # small shards and chunks so queries cross several files, as at scale
    return units, build_index(units, shard_bytes=4_000, chunk_bytes=4_000)


@pytest.mark.parametrize("case", QUERIES, ids=lambda c: c["q"])
def test_query_table(case: dict, seed_index) -> None:
    units, files = seed_index
    assert brute_force(units, case["q"]) == set(case["ids"]), "fixture disagrees with the texts"
    assert {r["id"] for r in search(files, case["q"])} == set(case["ids"])


def test_query_table_is_big_enough() -> None:
    assert len(QUERIES) >= 30
    assert any(not c["ids"] for c in QUERIES)


def test_every_substring_of_every_unit_is_found(seed_index) -> None:
    units, files = seed_index
    for u in units[:: 5]:
        folded = fold(u["text"])
        for start in range(0, len(folded), 7):
            piece = folded[start : start + 1 + start % 6]
            assert u["id"] in {r["id"] for r in search(files, f'"{piece}"')}, piece


def test_ranking_whole_query_then_occurrences_then_length() -> None:
    units = [
        unit("long-once", "地域" + "あ" * 40 + "金融"),
        unit("short-once", "地域と金融"),
        unit("twice", "地域と金融と地域"),
        unit("whole-long", "地域金融" + "い" * 50),
        unit("whole-short", "地域金融"),
    ]
    ranked = [r["id"] for r in search(build_index(units), "地域 金融")]
    assert ranked == ["whole-short", "whole-long", "twice", "short-once", "long-once"]


def test_filters_by_theme_and_meeting() -> None:
    units = [
        unit("a", "地域の話", meeting="m1", themes=("dx",)),
        unit("b", "地域の話", meeting="m2", themes=("dx", "hr")),
        unit("c", "地域の話", meeting="m2"),
    ]
    files = build_index(units)
    assert {r["id"] for r in search(files, "地域", theme="dx")} == {"a", "b"}
    assert {r["id"] for r in search(files, "地域", meeting="m2")} == {"b", "c"}
    assert {r["id"] for r in search(files, "地域", theme="hr", meeting="m2")} == {"b"}
    assert {r["id"] for r in search(files, "", theme="hr")} == {"b"}
    assert search(files, "地域", theme="nope") == []
    meta = json.loads(files["meta.json"])
    assert [(t["slug"], t["count"]) for t in meta["themes"]] == [("dx", 2), ("hr", 1)]


def test_empty_query_returns_nothing(seed_index) -> None:
    assert search(seed_index[1], "  \u3000") == []


# --- English mode (issue 6: the English site's search) -----------------------------------------
# Over support.search.EN_UNITS, a tiny English unit list, with its query table EN_QUERIES.

@pytest.mark.parametrize(("word", "expected"), EN_CASES["stem"])
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(("text", "expected"), EN_CASES["tokenize"])
def test_tokenize(text: str, expected: list[str]) -> None:
    tokens = tokenize(text)
    assert [t for t, _, _ in tokens] == expected
    for token, start, end in tokens:  # each token comes from the original characters it covers
        assert stem(fold(text[start:end]).replace("\u200b", "")) == token or len(token) == 1


@pytest.mark.parametrize(("query", "expected"), EN_CASES["parse"])
def test_english_query_terms(query: str, expected: list[list[str]]) -> None:
    assert [list(t) for t in query_terms(query, "en")] == expected


@pytest.mark.parametrize("case", EN_CASES["highlight"], ids=lambda c: c["query"])
def test_english_highlights_land_on_original_words(case: dict) -> None:
    text = case["text"]
    ranges = highlight_ranges(text, query_terms(case["query"], "en"), "en")
    assert [text[s:e] for s, e in ranges] == case["marked"]


@pytest.mark.parametrize(("query", "ids"), EN_QUERIES)
def test_english_search(query: str, ids: list[str]) -> None:
    files = build_index(EN_UNITS, EN_LABELS, language="en")
    assert json.loads(files["meta.json"])["language"] == "en"
    terms = query_terms(query, "en")

    def searchable(u: dict) -> str:  # text, original and theme labels, written out here
        return " ".join([u["text"], u.get("original", ""), *(EN_LABELS[t] for t in u["themes"])])

    brute = {u["id"] for u in EN_UNITS if all(count_occurrences(analysed(searchable(u), "en"), t) for t in terms)}
    assert brute == set(ids), "the table disagrees with the texts"
    assert [r["id"] for r in search(files, query)] == ids


def test_english_result_shows_the_original_where_only_it_matches() -> None:
    files = build_index(EN_UNITS, EN_LABELS, language="en")
    [record] = search(files, "地域金融")
    assert (record["text"], record["highlights"]) == ("地域金融機関が取り組むべき。", [(0, 4)])
    by_label = {r["id"]: r for r in search(files, "regional finance")}
    assert by_label["e6"]["text"] == "Local banks must act." and by_label["e6"]["highlights"] == []
    e1 = by_label["e1"]
    assert [e1["text"][s:e] for s, e in e1["highlights"]] == ["Regional"]


def test_english_index_keys_are_tokens_and_filters_still_work(tmp_path: Path) -> None:
    files = write_search_index(EN_UNITS, tmp_path, "en", {"dx": "DX"})
    assert (tmp_path / "meta.json").read_text(encoding="utf-8") == files["meta.json"]
    keys = {k for name, v in files.items() if name.startswith("grams/") for k in json.loads(v)}
    assert {"digit", "region", "decentr", "dx", "強", "theme:dx", "meeting:m2"} <= keys
    assert "di" not in keys and "regions" not in keys  # no bigrams, no unstemmed words
    assert [r["id"] for r in search(files, "digital", meeting="m2")] == ["e4", "e3"]
    assert [r["id"] for r in search(files, "", theme="finance")] == ["e1"]
    assert [t["label"] for t in json.loads(files["meta.json"])["themes"]] == ["DX", "finance", "regional-finance"]


def test_unknown_language_is_rejected() -> None:
    with pytest.raises(ValueError, match="'fr'"):
        build_index(EN_UNITS, language="fr")


@pytest.mark.parametrize(
    ("term", "keys"),
    [
        ("性", ["性"]),
        ("地域", ["地域"]),
        ("地域金", ["地域", "域金"]),  # the last bigram covers the odd character
        ("地域金融", ["地域", "金融"]),
        ("地域金融機関", ["地域", "金融", "機関"]),
        ("マッチング", ["マッ", "チン", "ング"]),
        ("ああああ", ["ああ"]),  # a key once
        (("digit", "divid", "digit"), ["digit", "divid"]),  # English: the distinct tokens
    ],
)
def test_term_keys_cover_every_character_with_every_other_bigram(term, keys) -> None:
    assert term_keys(term) == keys
