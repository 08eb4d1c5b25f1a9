"""Runs tests/js/search.test.mjs (node --test) against indexes built by the Python builder.

The JS module must fold, parse, match, rank and highlight exactly as gijiroku.search.index does:
the Python reference results are computed here and handed to node in expected.json.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gijiroku.search.index import build_index, write_index
from gijiroku.search.query import Filters, id_query, jump, parse_query, search, term_alternatives
from gijiroku.search.tokens import stem
from support.search import (
    EN_LABELS,
    EN_QUERIES,
    EN_UNITS,
    FILTER_QUERIES,
    FILTER_SERIES,
    FILTER_UNITS,
    FORGIVING,
    ID_QUERIES,
    JUMP_QUERIES,
    QUERIES,
    seed_units,
    unit,
)

ROOT = Path(__file__).resolve().parent.parent
SEED_EN = ROOT / "minutes" / "meti-smart-resilient" / "06.en.yml"
NODE = shutil.which("node")

TINY_UNITS = [
    unit("long-once", "地域" + "あ" * 40 + "金融", meeting="m1", themes=("dx",)),
    unit("short-once", "地域と金融", meeting="m1"),
    unit("twice", "地域と金融と地域", meeting="m2", themes=("dx", "hr")),
    unit("whole-long", "地域金融" + "い" * 50, meeting="m2", themes=("hr",)),
    unit("whole-short", "地域金融", meeting="m2", date="2020-01-01"),
]
# Bigram counts promise five occurrences of 地域金融 in each decoy, but it occurs once: the
# browser verifies candidates in batches of ten, so "real" (two occurrences, lower bound) must
# still come first once every decoy that could outrank it is verified.
DECOY_UNITS = [unit(f"decoy{i:02d}", "地域金融" + "地域" * 4 + "域金" * 4 + "金融" * 4) for i in range(15)] + [
    unit("real", "地域金融と地域金融")]
# 域金域金's keys are one bigram (域金, twice): three short units hold it, fifteen longer ones only
# 域金 once; the browser verifies ten candidates, finds its one result among them, and must not
# count the fifteen unverified ones as matches.
REPEAT_UNITS = [unit(f"pair{i}", "域金域金") for i in range(3)] + [
    unit(f"once{i:02d}", "域金" + "あ" * 10) for i in range(15)]
TINY_QUERIES = [("地域 金融", "", ""), ("地域", "dx", ""), ("金融", "", "m2"), ("", "hr", ""), ("地域", "hr", "m1"),
                ('"域金"', "", "")]


@pytest.mark.skipif(NODE is None and not os.environ.get("CI"), reason="node is not installed")
def test_search_js(tmp_path: Path) -> None:
    assert NODE, "node is required when CI is set"
    seed = build_index(seed_units(), shard_bytes=4_000, chunk_bytes=4_000)
    tiny = build_index(TINY_UNITS)
    write_index(seed, tmp_path / "seed")
    write_index(tiny, tmp_path / "tiny")
    decoy = build_index(DECOY_UNITS)
    write_index(decoy, tmp_path / "decoy")
    repeat = build_index(REPEAT_UNITS)
    write_index(repeat, tmp_path / "repeat")
    filtered = build_index(FILTER_UNITS, series_labels=FILTER_SERIES)
    write_index(filtered, tmp_path / "filtered")
    english = build_index(EN_UNITS, EN_LABELS, language="en")
    write_index(english, tmp_path / "en")
    en_queries = [q for q, _ in EN_QUERIES] + ["digital region", "Digitally", '"small businesses"']
    forgiving = [c["q"] for c in FORGIVING if c.get("lang", "ja") == "ja"]
    queries = [c["q"] for c in QUERIES] + ["地域", "の", "ﾃﾞｼﾞﾀﾙ 人材", '"人材"', "人材 人材育成"] + forgiving
    expected = {
        "seed": {q: [r["id"] for r in search(seed, q)] for q in queries},
        "highlights": {q: {r["id"]: [list(h) for h in r["highlights"]] for r in search(seed, q)}
                       for q in ["リモートワーク", "ﾃﾞｼﾞﾀﾙ 人材", "強靱", "地域 金融", "取り組み", "でじたる", "いのべーしょん"]},
        "decoy": [r["id"] for r in search(decoy, "地域金融")],
        "repeat": [r["id"] for r in search(repeat, "域金域金")],
        # every word of the seed's translation: the JS port of the stemmer must agree on each
        "stems": {w: stem(w) for w in sorted(set(re.findall(r"[a-z]+", SEED_EN.read_text(encoding="utf-8").lower())))},
        "alternatives": {t: [[a.text, a.word_start] for a in term_alternatives(t)]
                         for q in forgiving + ["取組" * 10] for t in parse_query(q)},
        "en": {q: [r["id"] for r in search(english, q)] for q in en_queries},
        "en_highlights": {r["id"]: [list(h) for h in r["highlights"]] for r in search(english, "digital region")},
        "en_shown": {q: [[r["id"], r["text"], [list(h) for h in r["highlights"]]] for r in search(english, q)]
                     for q in ["地域金融", "regional finance", "強靭", "取組"]},
        # search.js names the date filters from/to, as the page's URL parameters
        "filtered": [[q, {"from" if k == "date_from" else "to" if k == "date_to" else k: v for k, v in f.items()},
                      [r["id"] for r in search(filtered, q, filters=Filters(**f))]] for q, f, _ in FILTER_QUERIES],
        "jump": {q: (jump(filtered, q) or {}).get("id") for q, _ in JUMP_QUERIES},
        "id_query": {q: id_query(q) for q, _ in ID_QUERIES},
        "tiny": {json.dumps(list(k), ensure_ascii=False): [r["id"] for r in search(tiny, k[0], k[1], k[2])]
                 for k in TINY_QUERIES},
    }
    # the reference must itself be non-trivial, or the comparison proves nothing
    assert expected["tiny"]['["地域 金融", "", ""]'] == ["whole-short", "whole-long", "twice", "short-once", "long-once"]
    assert expected["decoy"][0] == "real"
    assert expected["repeat"] == ["pair0", "pair1", "pair2"]
    assert [ids for _, _, ids in expected["filtered"]] == [ids for _, _, ids in FILTER_QUERIES]
    assert expected["en"]["digital"] == ["e2", "e4", "e3"]
    assert len(expected["seed"]["取り組み"]) == 10 and expected["seed"]["取り組み"] == expected["seed"]["取組"]
    (tmp_path / "expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [NODE, "--test", str(ROOT / "tests" / "js" / "search.test.mjs")],
        env={**os.environ, "GIJIROKU_SEARCH_WORK": str(tmp_path)},
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
