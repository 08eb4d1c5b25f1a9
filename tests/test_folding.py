"""The one folding (gijiroku.folding): fold_words for the tagger, and its map back to the text.

fold itself is held to tests/fixtures/fold_cases.json, shared with the browser's search.js
(tests/test_search_index.py, tests/js/search.test.mjs).
"""

from __future__ import annotations

import json

import pytest

from gijiroku.folding import fold, fold_table, fold_words
from support.paths import FIXTURES

FOLD_CASES = json.loads((FIXTURES / "fold_cases.json").read_text(encoding="utf-8"))["fold"]


@pytest.mark.parametrize(
    ("text", "folded", "origins"),
    [
        # whitespace and zero-width characters dropped; each folded char maps to its source char
        ("人 材 と\n金融", "人材と金融", [0, 2, 4, 6, 7]),
        ("テスト\u200bです", "テストです", [0, 1, 2, 4, 5]),
        ("  ＤＸ  と", "dxと", [2, 3, 6]),
        # a space between Latin words is kept (one space for a run), so the words stay apart
        ("generative  AI の活用", "generative aiの活用", [*range(10), 10, 12, 13, 15, 16, 17]),
        ("AI と IoT", "aiとiot", [0, 1, 3, 5, 6, 7]),
        ("Salesforce による slack", "salesforceによるslack", [*range(10), 11, 12, 13, *range(15, 20)]),
        # NFKC expansions and clusters map every folded char to the cluster's first char
        ("㍻ の", "平成の", [0, 0, 2]),
        ("ｶﾞ ｷﾞ", "ガギ", [0, 3]),
        ("カ\u3099ス", "ガス", [0, 2]),
        # itaiji and radical forms
        ("繫ぐ⺠", "繋ぐ民", [0, 1, 2]),
        ("", "", []),
    ],
)
def test_fold_words_and_origin(text, folded, origins):
    result = fold_words(text)
    assert result.text == folded
    origin = result.origin()
    assert [origin(i) for i in range(len(folded))] == origins
    assert origin(len(folded)) == len(text)


@pytest.mark.parametrize(("text", "folded"), [tuple(case) for case in FOLD_CASES])
def test_fold_words_is_fold_apart_from_word_spaces(text, folded):
    assert fold(text) == folded
    assert fold_words(text).text.replace(" ", "") == folded.replace(" ", "")


def test_itaiji_targets_are_already_folded():
    # A table entry whose target folds further would make folding depend on the order of passes.
    for source, target in fold_table()["itaiji"].items():
        assert fold(target) == target, source
