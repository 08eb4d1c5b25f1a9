"""References to the draft report and 「」 key terms (gijiroku.annotate.references)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gijiroku.annotate.references import find_refs, find_terms, to_int
from gijiroku.parse.pipeline import parse_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "minutes" / "meti-smart-resilient" / "06.txt"


def short(refs):
    return [(r["kind"], r["number"], r["title"], r["text"]) for r in refs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("取りまとめの５ページにおいて", [("page", 5, None, "取りまとめの５ページ")]),
        ("取りまとめ９ページでは", [("page", 9, None, "取りまとめ９ページ")]),
        ("報告書案の12頁", [("page", 12, None, "報告書案の12頁")]),
        ("５～７ページ", [("page", [5, 6, 7], None, "５～７ページ")]),
        ("３、８ページ", [("page", [3, 8], None, "３、８ページ")]),
        ("資料のp.14参照", [("page", 14, None, "資料のp.14")]),
        ("第４章「地域の持続的な発展に向けた取組の推進」の場所",
         [("chapter", 4, "地域の持続的な発展に向けた取組の推進", "第４章「地域の持続的な発展に向けた取組の推進」")]),
        ("第１章に入れる", [("chapter", 1, None, "第１章")]),
        ("第５章と第６章の間に入れる", [("chapter", [5, 6], None, "第５章と第６章の間")]),
        ("第三章と第十二章", [("chapter", [3, 12], None, "第三章と第十二章")]),
        ("第１～３章", [("chapter", [1, 2, 3], None, "第１～３章")]),
        ("第２章から第４章まで", [("chapter", [2, 3, 4], None, "第２章から第４章")]),
        ("２章の記載", [("chapter", 2, None, "２章")]),
        ("概要の一枚紙にも", [("summary", None, None, "概要の一枚紙")]),
        ("最後の一枚紙には", [("summary", None, None, "最後の一枚紙")]),
        ("取りまとめの目次の順番", [("toc", None, None, "取りまとめの目次")]),
        ("目次", [("toc", None, None, "目次")]),
        # not references
        ("第２期まち・ひと・しごと総合戦略", []),
        ("研究会（第６回）", []),
        ("2024年度に", []),
        ("具体的な意見は６点。", []),
        ("ホームページで公開", []),
        ("文章の第一印象", []),
        ("研究会の４つの柱", []),
        ("報告書の中で", []),
        ("数十ページにわたる", []),
        ("何ページか", []),
        ("2024年度の12章", [("chapter", 12, None, "12章")]),
    ],
)
def test_find_refs(text, expected):
    refs = find_refs(text)
    assert short(refs) == expected
    assert all(text[r["start"]:r["end"]] == r["text"] for r in refs)


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("５", 5), ("12", 12), ("１２", 12), ("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23)],
)
def test_to_int(numeral, value):
    assert to_int(numeral) == value


# Every reference in the seed, by remark/item id; all other texts have none.
SEED_REFS = {
    "sr06-04-1": [("page", 5, None, "取りまとめの５ページ"), ("page", 9, None, "取りまとめ９ページ")],
    "sr06-08": [("summary", None, None, "概要の一枚紙")],
    "sr06-24": [
        ("toc", None, None, "取りまとめの目次"),
        ("chapter", 4, "地域の持続的な発展に向けた取組の推進", "第４章「地域の持続的な発展に向けた取組の推進」"),
        ("chapter", 1, None, "第１章"),
        ("chapter", [5, 6], None, "第５章と第６章の間"),
    ],
    "sr06-25": [("summary", None, None, "最後の一枚紙")],
}

# Every key term of the seed (first occurrences), by remark/item id.
SEED_TERMS = {
    "sr06-02": ["スマートかつ強靱な地域経済社会"],
    "sr06-04-1": ["多様性", "寛容性"],
    "sr06-04-5": ["中核人材誘致", "誘致"],
    "sr06-05": ["強靭な地域経済社会", "持続可能性", "強靱"],
    "sr06-06": ["ＲＸ", "蛸壺型（個別最適）社会", "価値創造サイクル"],
    "sr06-07": ["官民連携", "公", "新たな公"],
    "sr06-10": ["日本モデル"],
    "sr06-11": ["ソーシャルイノベーション"],
    "sr06-12": ["カタライザー"],
    "sr06-15": ["知的対流", "予定調和なき知的対流"],
    "sr06-25": ["分散型"],
    "sr06-27": ["分散型地域経済社会"],
}


@pytest.fixture(scope="module")
def seed() -> dict[str, str]:
    minutes = parse_file(SEED, ROOT / "minutes")
    return {unit.id: unit.text for remark in minutes.remarks for unit in [remark, *remark.items]}


def test_seed_refs(seed):
    found = {unit_id: short(find_refs(text)) for unit_id, text in seed.items()}
    assert {unit_id: refs for unit_id, refs in found.items() if refs} == SEED_REFS


def test_seed_terms(seed):
    found = {unit_id: find_terms(text) for unit_id, text in seed.items()}
    assert {unit_id: [t["term"] for t in terms] for unit_id, terms in found.items() if terms} == SEED_TERMS
    for unit_id, terms in found.items():
        assert all(seed[unit_id][t["start"]:t["end"]] == t["term"] for t in terms)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("多様性を受け入れる「寛容性」であり", ["寛容性"]),
        ("印象的なのが「ＲＸ」。", ["ＲＸ"]),
        # repeated term: listed once, at its first occurrence
        ("「分散型」という表現、「分散型」の目標", ["分散型"]),
        # quoted clauses and inflected words are wording, not terms
        ("「あるものを生かして、無きものを作る」というのが", []),
        ("「クリエイティブな街としていく」という観点", []),
        ("「今あるものが重要」という指摘", []),
        ("「強靭な」という言葉", []),
        ("「繋がる」ということ", []),
        ("「予定調和なき知的対流」といった風に", ["予定調和なき知的対流"]),
        # nested quotes: the outermost quotation is the term
        ("「「新たな公」の考え方」", ["「新たな公」の考え方"]),
        ("「官民『連携』」", ["官民『連携』"]),
        # a chapter title is a reference, not a term
        ("第４章「地域の推進」の場所", []),
        ("「" + "長" * 21 + "」", []),
        ("閉じない「括弧", []),
        ("「Society 5.0」の実現", ["Society 5.0"]),
    ],
)
def test_find_terms(text, expected):
    terms = find_terms(text)
    assert [t["term"] for t in terms] == expected
    assert all(text[t["start"]:t["end"]] == t["term"] for t in terms)
