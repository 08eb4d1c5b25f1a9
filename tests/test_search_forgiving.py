"""Forgiving Japanese search (gijiroku.search.variants): okurigana variants from
gijiroku/data/okurigana.yml and hiragana queries finding katakana words. The JS side is held to
the same alternatives and rankings by tests/test_search_js.py."""

from __future__ import annotations

import pytest

from gijiroku.folding import fold
from gijiroku.search.index import build_index
from gijiroku.search.query import parse_query, search
from gijiroku.search.variants import (
    Alternative,
    alternatives,
    expand_pattern,
    okurigana_spellings,
    variant_groups,
)
from support.search import FORGIVING, seed_units, unit


@pytest.mark.parametrize(("pattern", "forms"), [
    ("取(り)組(み)", ["取り組み", "取り組", "取組み", "取組"]),
    ("打(ち)合(わ)せ", ["打ち合わせ", "打ち合せ", "打合わせ", "打合せ"]),
    ("手続(き)", ["手続き", "手続"]),
    ("話し合", ["話し合"]),
])
def test_expand_pattern(pattern: str, forms: list[str]) -> None:
    assert expand_pattern(pattern) == forms


def texts(found: list[Alternative]) -> list[tuple[str, bool]]:
    return [(a.text, a.word_start) for a in found]


@pytest.mark.parametrize(("term", "expected"), [
    # a form contained in another is enough: 取り組み needs no alternative of its own
    ("取り組み", [("取り組", False), ("取組", False)]),
    ("取組", [("取組", False), ("取り組", False)]),
    ("取組状況", [("取組状況", False), ("取り組み状況", False), ("取組み状況", False), ("取り組状況", False)]),
    # each variant word of a term is replaced independently
    ("打合せ申込み", [("打合せ申込", False), ("打合せ申し込", False), ("打ち合わせ申込", False),
                      ("打ち合わせ申し込", False), ("打ち合せ申込", False), ("打ち合せ申し込", False),
                      ("打合わせ申込", False), ("打合わせ申し込", False)]),
    # entries that leave out the bare form: 組合 (a union), 取締役, 取引上
    ("組み合わせ", [("組み合", False), ("組合わせ", False), ("組合せ", False)]),
    ("取締役", [("取締役", False)]),
    ("引き上げ", [("引上げ", False), ("引き上", False)]),
    # kana: hiragana only; short terms only where a katakana word begins
    ("でじたる", [("でじたる", False), ("デジタル", False)]),
    ("でーた", [("でーた", False), ("データ", True)]),
    ("ある", [("ある", False), ("アル", True)]),
    ("デジタル", [("デジタル", False)]),
    ("でじたる化", [("でじたる化", False)]),
    ("ー", [("ー", False)]),
])
def test_alternatives(term: str, expected: list[tuple[str, bool]]) -> None:
    assert sorted(texts(alternatives(fold(term), variant_groups()))) == sorted(expected)


def test_alternatives_are_capped() -> None:
    term = "取組" * 10  # 2**10 combinations
    assert len(okurigana_spellings(term, variant_groups())) == 16


def test_every_table_form_is_folded_and_in_one_word() -> None:
    groups = variant_groups()
    forms = [f for g in groups for f in g]
    assert all(f == fold(f) and f for f in forms)
    assert len(groups) >= 100
    assert "組合" not in forms and "取締" not in forms and "引上" not in forms


# Hand-made units for the kana rules: a short hiragana term matches katakana only where a
# katakana word begins; a longer one anywhere.
KANA_UNITS = [
    unit("real", "リアルな空間"),
    unit("algo", "アルゴリズムの透明性"),
    unit("big", "ビッグデータの活用"),
    unit("data", "データの活用"),
    unit("platform", "デジタルプラットフォームの規制"),
    unit("hira", "ぷらっとふぉーむ"),
]


@pytest.mark.parametrize(("query", "ids"), [
    ("ある", {"algo"}),
    ("でーた", {"data"}),
    ("ぷらっとふぉーむ", {"platform", "hira"}),
    ("プラットフォーム", {"platform"}),  # katakana queries are not folded to hiragana
])
def test_kana_folding_scope(query: str, ids: set[str]) -> None:
    assert {r["id"] for r in search(build_index(KANA_UNITS), query)} == ids


@pytest.fixture(scope="module")
def seed_index() -> tuple[list[dict], dict[str, str]]:
    units = seed_units()
    return units, build_index(units, shard_bytes=4_000, chunk_bytes=4_000)


@pytest.mark.parametrize("case", [c for c in FORGIVING if c.get("lang", "ja") == "ja"], ids=lambda c: c["q"])
def test_forgiving_queries_on_the_seed(case: dict, seed_index) -> None:
    units, files = seed_index
    found = {r["id"] for r in search(files, case["q"])}
    if case["seed"] == "plain":
        terms = parse_query(case["q"])
        assert found == {u["id"] for u in units if all(t in fold(u["text"]) for t in terms)}
    else:
        assert found == set(case["seed"])


def test_highlights_stay_on_the_original_spelling(seed_index) -> None:
    _, files = seed_index
    results = {r["id"]: r for r in search(files, "取り組み")}
    marked = {r["text"][s:e] for r in results.values() for s, e in r["highlights"]}
    assert marked == {"取組", "取り組"}
    assert "sr06-11" not in results  # no 取組 in any spelling
    kana = search(files, "でじたる")[0]
    assert {kana["text"][s:e] for s, e in kana["highlights"]} == {"デジタル"}


def test_the_index_carries_the_okurigana_table() -> None:
    import json

    meta = json.loads(build_index(KANA_UNITS)["meta.json"])
    assert meta["variants"] == variant_groups()
    english = json.loads(build_index(KANA_UNITS, language="en")["meta.json"])
    assert english["variants"] == variant_groups()  # Japanese queries on en/ search the originals
    assert "spelling" not in meta and english["spelling"]["words"]["programme"] == "program"


@pytest.mark.parametrize(("query", "ids"), [
    ("取組", {"e6"}),  # the original has 取り組む
    ("でーた", {"d2"}),  # kana folding on token sequences too, at the start of a katakana word
    ("きかん", set()),  # 機関 is not kana
])
def test_japanese_queries_on_the_english_index_are_forgiving_too(query: str, ids: set[str]) -> None:
    units = [{**unit("e6", "Local banks must act."), "original": "地域金融機関が取り組むべき。"},
             {**unit("d1", "Big data."), "original": "ビッグデータ"}, {**unit("d2", "Data."), "original": "データ"}]
    assert {r["id"] for r in search(build_index(units, language="en"), query)} == ids
