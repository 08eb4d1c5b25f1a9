"""A remark shown in a listing (a theme's page, the report page) shows its opening
(gijiroku/site/views.py opening): a prefix of the text, cut at a sentence end, a space or a
character boundary, with "…"; the whole text is on the remark's meeting page."""

from __future__ import annotations

import pytest

from gijiroku.site.views import OPENING_MARK, opening, opening_length

LONG_JA = "これは最初の文です。" * 3 + "二つ目の文はここで終わらずに長く続いていく" * 10


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("", 10, ""),
    ("短い発言です。", 10, "短い発言です。"),  # short enough: unchanged, no mark
    ("ちょうど十文字です。", 10, "ちょうど十文字です。"),
    # cut after the last sentence end in the second half of the first `limit` characters
    ("一つ目の文。二つ目の文です。三つ目", 12, "一つ目の文。…"),
    ("あいうえおかきくけこ。さしすせそたちつてと", 15, "あいうえおかきくけこ。…"),
    (LONG_JA, 40, "これは最初の文です。これは最初の文です。これは最初の文です。…"),
    # a line break ends a sentence too (and is not kept)
    ("一行目の途中まで\n二行目の文章が続きます", 12, "一行目の途中まで…"),
    # a sentence end in the first half is too early: a hard cut at the limit
    ("短文。あいうえおかきくけこさしすせそ", 12, "短文。あいうえおかきくけ…"),  # 3 + 9 characters
    # English: after ". ", else at the last space
    ("First sentence here. Then a second one that goes on", 30, "First sentence here.…"),
    ("no sentence end but several words here", 20, "no sentence end but…"),
    # never between a base character and its combining mark or variation selector
    ("あ" * 9 + "か\u3099" + "さ", 10, "あ" * 9 + "…"),
    ("あ" * 9 + "葛\U000e0100" + "さ", 10, "あ" * 9 + "…"),
    ("x" * 9 + "e\u0301yyyy", 10, "x" * 9 + "…"),
])
def test_opening(text, limit, expected):
    assert opening(text, limit) == expected


@pytest.mark.parametrize("limit", [2, 5, 12, 40, 120])
@pytest.mark.parametrize("text", [
    LONG_JA, "一つ目の文。二つ目の文です。三つ目", "a b c d e f g h i j k l m n o p q r s t",
    "あ" * 200, "か\u3099" * 100, "。" * 100, "\n" * 50 + "x" * 50, "Ends with its own mark…" * 10])
def test_an_opening_is_a_prefix_of_the_text_and_no_longer_than_the_limit(text, limit):
    shown, length = opening(text, limit), opening_length(text, limit)
    if length == len(text):
        assert shown == text and len(text) <= limit
    else:
        assert shown == text[:length] + OPENING_MARK
        assert 0 < length <= limit
