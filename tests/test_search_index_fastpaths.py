"""gijiroku.search.index: the index builder's fast paths give exactly what the reference paths give.

:func:`fold` and :func:`tokens_unordered` translate a text without joining characters (combining
marks, ﾞﾟ) character by character; :func:`fold_with_map` and :func:`tokenize` always work cluster
by cluster, as the module docstring (and search.js) describe. The index must not change by a byte
with the fast paths, so they are compared here with the reference paths over the seed, the shared
fixtures, every character of the folding table, every BMP character and the tricky cases below.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter

import pytest

from gijiroku.folding import fold, fold_table, fold_with_map
from gijiroku.search.index import build_index
from gijiroku.search.tokens import grams, tokenize, tokens_unordered
from support.search import CASES, EN_CASES, EN_UNITS, seed_units, unit

# Clusters of several characters, NFKC expansions and compositions, U+FFFF (the fast path's
# marker for "has joining characters"), case folding that yields a combining mark, and so on.
TRICKY = [
    "か\u3099き\u309a",  # kana + combining (semi-)voiced sound marks
    "ｶﾞｷﾞｸﾞ ﾊﾟﾋﾟﾌﾟ ｳﾞ",  # half-width kana + ﾞﾟ (NFKC composes them)
    "ﾞ先頭のﾟ",  # a sound mark with nothing to join, at the start and after a full-width kana
    "e\u0301te\u0301 Cafe\u0301s",  # combining acute
    "\u0301",  # a lone mark
    "a\u20dd\u20de b",  # enclosing marks
    "㍻３年①②㈱ﬁ™½㌔",  # NFKC expands one character into several
    "\uffff",
    "a\uffffb 漢\uffff字",
    "髙﨑\ufe00邊\U000e0100 德\u200d國",  # itaiji with variation selectors and a ZWJ
    "soft\u00adhyphen zero\u200bwidth no\u2060joiner",
    "line\u2028sep para\u2029sep tab\tnl\nvt\vff\fcr\r nel\x85 nbsp\u00a0 ideo\u3000sp",
    "İstanbul ǅemal ß ﬀ Σσς",  # lowercase of İ is i + U+0307
    "Ｈｅｌｌｏ　ＷＯＲＬＤ！ ＤＸ推進",
    "policies running decentralised businesses, 2021年度・ＤＸ（デジタル）",
    "한국어 \u1100\u1161 ﾡ",  # Hangul: jamo are letters, not joining characters
    "",
    " ",
]


def texts() -> list[str]:
    seed = [u["text"] for u in seed_units()]
    fixtures = [text for text, _ in CASES["fold"]] + [c["text"] for c in CASES["highlight"]]
    english = [u["text"] for u in EN_UNITS] + [text for text, _ in EN_CASES["tokenize"]]
    table = fold_table()
    itaiji = "".join(table["itaiji"]) + "".join(table["itaiji"].values())
    drop = "".join(chr(c) for lo, hi in table["drop"] for c in range(lo, hi + 1))
    return seed + fixtures + english + TRICKY + [itaiji, drop, f"a{drop}b", f"強{itaiji}靱"]


def sweep() -> list[str]:
    """Every BMP character, and the supplementary ranges the folding table or NFKC touch."""
    extra = [*range(0x1D400, 0x1D800), *range(0x1F100, 0x1F200), *range(0x20000, 0x20100),
             *range(0x2F800, 0x2FA20), *range(0xE0000, 0xE0200)]
    return [chr(c) for c in [*range(0x10000), *extra]]


def starts_cluster(ch: str) -> bool:
    """Not a combining mark or ﾞﾟ: a text of such characters takes the fast paths."""
    return not unicodedata.category(ch).startswith("M") and ch not in "\uff9e\uff9f"


def reference_fold(text: str) -> str:
    return fold_with_map(text)[0]


def reference_token_counts(text: str) -> Counter[str]:
    return Counter(token for token, _, _ in tokenize(text))


def reference_gram_counts(folded: str) -> Counter[str]:
    return Counter([*folded, *(folded[i : i + 2] for i in range(len(folded) - 1))])


@pytest.mark.parametrize("text", texts())
def test_fold_equals_the_cluster_folding(text: str) -> None:
    assert fold(text) == reference_fold(text)


def test_fold_of_every_character_equals_the_cluster_folding() -> None:
    wrong = [ch for ch in sweep() if fold(ch) != reference_fold(ch)]
    assert not wrong, [f"U+{ord(ch):04X}" for ch in wrong[:20]]


def test_fold_of_all_characters_together_equals_the_cluster_folding() -> None:
    # one long text with joining characters (the cluster path) and one without (the fast path)
    text = "".join(sweep())
    assert fold(text) == reference_fold(text)
    plain = "".join(filter(starts_cluster, sweep()))
    assert fold(plain) == reference_fold(plain)


@pytest.mark.parametrize("text", texts())
def test_unordered_tokens_are_the_tokens(text: str) -> None:
    assert Counter(tokens_unordered(text)) == reference_token_counts(text)


def test_unordered_tokens_with_every_character_between_words_are_the_tokens() -> None:
    # Each character joins, separates or is a token of its own, after a word and after kanji;
    # 64 characters to a text (a joining character would send its text to tokenize).
    chars = list(filter(starts_cluster, sweep()))
    wrong = []
    for i in range(0, len(chars), 64):
        text = "".join(f"ab{ch}cd漢{ch}" for ch in chars[i : i + 64])
        if Counter(tokens_unordered(text)) != reference_token_counts(text):
            wrong.append(f"U+{ord(chars[i]):04X}..")
    assert not wrong, wrong[:20]


@pytest.mark.parametrize(
    ("folded", "expected"),
    [
        ("", {}),
        ("a", {"a": 1}),
        ("地域地域", {"地": 2, "域": 2, "地域": 2, "域地": 1}),
        ("ああああ", {"あ": 4, "ああ": 3}),
        ("dx推進", {"d": 1, "x": 1, "推": 1, "進": 1, "dx": 1, "x推": 1, "推進": 1}),
    ],
)
def test_grams(folded: str, expected: dict[str, int]) -> None:
    assert Counter(grams(folded)) == expected


@pytest.mark.parametrize("text", texts())
def test_grams_are_the_sliced_grams(text: str) -> None:
    folded = fold(text)
    assert Counter(grams(folded)) == reference_gram_counts(folded)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_index_files_are_compact_json(language: str) -> None:
    # The postings are written by hand, not by json.dumps: they must read back to the same text.
    units = seed_units() + [unit(u["id"] + "x", u["text"], "m2", themes=("dx",)) for u in EN_UNITS]
    files = build_index(units, shard_bytes=2_000, language=language)
    for path, text in files.items():
        assert json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")) == text, path


@pytest.mark.parametrize(
    ("counts", "expected"),  # a key's count in units 0, 1, 2, ... (0: absent)
    [
        # each entry 2*(gap-1) (+1 and then count-2 when count > 1), 5 bits a digit of
        # 0-9A-Za-z-_, a non-last digit offset by 32
        ([1], '"0"'),
        ([0, 0, 1], '"4"'),  # gap 3
        ([2], '"10"'),
        ([1, 0, 3, 1, 0, 0, 12], '"03105A"'),  # 0 | 3,1 | 0 | 5,10
        ([0] * 39 + [1], '"YE"'),  # gap 40: 78 = 2*32 + 14, digits 32+2 (Y) and 14 (E)
        ([40], '"1X6"'),  # count 40: 38 = 1*32 + 6, digits 32+1 (X) and 6
    ],
)
def test_postings_text(counts: list[int], expected: str) -> None:
    # texts of one length, so that unit number k is unit "uk"
    units = [unit(f"u{k:02d}", "語" * count + "ー" * (40 - count)) for k, count in enumerate(counts)]
    files = build_index(units)
    shard = next(text for path, text in files.items() if path.startswith("grams/") and '"語":' in text)
    assert f'"語":{expected}' in shard


def test_filter_keys_occur_once_per_unit() -> None:
    # a theme listed twice is still one "theme:" entry, like the meeting (a count would be -1,2)
    files = build_index([unit("u0", "地域", themes=("dx", "dx"))])
    shards = "".join(text for path, text in files.items() if path.startswith("grams/"))
    assert '"theme:dx":"0"' in shards and '"meeting:m1":"0"' in shards
