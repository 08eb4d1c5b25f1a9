"""The checks stage (gijiroku/parse/checks.py): what looks wrong in a parse gives a warning of its
kind on the right line, and correct parses give none."""

from pathlib import Path

import pytest

from gijiroku.parse.checks import RULES_PATH, load_rules
from gijiroku.parse.pipeline import parse_bytes
from gijiroku.series import Series
from support.paths import FIXTURES, SEED

SERIES = Series(slug="fixtures", code="fx", title="t", organiser="o")
HEAD = "テスト研究会（第１回）\n議事要旨\n日時：令和３年６月１日（火）13時00分～15時00分\n場所：オンライン\n"
NAMED = "テスト部会（第２回）議事録\n第１　日　時　令和６年８月21日（水）\n"


def kinds(text: str) -> list[tuple[int, str]]:
    minutes = parse_bytes(text.encode(), "fx/01.txt", SERIES)
    return sorted((w.line, w.kind) for w in minutes.warnings if w.kind)


CASES = [
    # (what, minutes text, expected (line, kind) pairs)
    ("a correct anonymous parse", HEAD + "○地域の課題について。\n○人材について。\n以上\n", []),
    ("a correct named parse", NAMED + "○藤田部会長　開会します。\n○渡辺幹事　説明します。\n－了－\n", []),
    ("a ○× table is not a turn",
     HEAD + "○表の右欄に○×を付けた。○は適用を認めるもの、×は認めないもの。\n○次の論点。\n以上\n", []),
    ("a redaction ○○ and a kanji numeral 〇 are not turns",
     NAMED + "○藤田部会長　○○委員から二〇二一年の資料。〇年前の話。\n○渡辺幹事　はい。\n－了－\n", []),
    ("a date in speech is not a second header",
     HEAD + "○地域の課題。\n日本では2021年6月1日に始まった。\n日時は2021年6月2日に決めた。\n○人材。\n以上\n", []),
    ("a second header's date line", HEAD + "○地域の課題。\n開催日：令和３年６月８日\n○人材。\n以上\n",
     [(6, "header-in-remark"), (6, "several-meetings")]),
    ("an inner 以上 that ends a remark (a report read out) is text",
     NAMED + "○事務局長（佐藤記一）　（朗読）\n報告は２件。\n以上\n○藤田部会長　散会します。\n", []),
    ("a turn glued after a sentence end",
     NAMED + "○藤田部会長　開会します。○渡辺幹事　説明します。\n○山田委員　質問です。\n－了－\n",
     [(3, "turn-in-remark")]),
    ("a label glued after a sentence end",
     HEAD + "（Ａ）開会します。（Ｂ）説明します。\n（Ｃ）質問です。\n以上\n", [(5, "turn-in-remark")]),
    ("a header line inside a remark",
     HEAD + "○地域の課題について。\n出席者：山田、鈴木\n○人材について。\n以上\n", [(6, "header-in-remark")]),
    ("a numbered header label with spaces inside a remark",
     NAMED + "○藤田部会長　開会します。\n第３　議　題\n○渡辺幹事　説明します。\n－了－\n",
     [(4, "header-in-remark")]),
    ("an ending with more of the remark after it",
     HEAD + "○地域の課題について。\n午後３時　散会\n人材について。\n○次の論点。\n以上\n",
     [(6, "ending-in-remark")]),
    ("a page number inside a remark", HEAD + "○地域の課題\n- 3 -\nについて。\n○人材について。\n以上\n",
     [(6, "page-furniture")]),
    ("HTML markup inside a remark", HEAD + "○地域の<br>課題について。\n○人材について。\n以上\n",
     [(5, "page-furniture")]),
    ("utterance numbering of a search system",
     HEAD + "○地域の課題について。\n2:◯人材について\n○次の論点。\n以上\n", [(6, "page-furniture")]),
    # An extraction whose paragraphs end with a trailing space (as the seed's): the label lines
    # lack it, so the parser joins them into the ○ heading's paragraph.
    ("labelled turns joined to a ○ heading: one remark, the labels unread",
     HEAD.replace("\n", " \n") + "○議事 \n"
     + "".join(f"（{c}）発言{c}です。\n" for c in "ＡＢＣＤＥ") + "以上 \n",
     [(6, "turn-count"), (6, "turn-in-remark")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_warning_kinds(text, expected):
    assert kinds(text) == expected


def test_a_remark_holding_most_of_a_long_meeting():
    long = "地域の課題について述べる。" * 1600  # 20,800 characters
    assert kinds(HEAD + f"○{long}\n○人材について。\n以上\n") == [(5, "remark-share")]
    # A long speech in a meeting of many remarks (or a short meeting's long speech) is fine.
    assert kinds(HEAD + f"○{long}\n" + "○人材について述べる。\n" * 10 + "○" + long + "\n以上\n") == []
    assert kinds(HEAD + f"○{long[:6000]}\n○人材について。\n以上\n") == []


def test_the_seed_twice_in_one_file():
    seed = SEED.read_bytes()
    minutes = parse_bytes(seed + seed, "fx/06.txt", SERIES)
    found = {(w.kind, w.line) for w in minutes.warnings if w.kind}
    lines = [line.strip() for line in seed.decode("utf-8").split("\n")]
    copy = len(lines) - 1  # the second copy starts on line copy + 1
    date = next(n for n, line in enumerate(lines, start=1) if line.startswith("日時："))
    # The first copy's 以上 ends the text of its last remark, the second copy's title and date
    # lines follow it inside that remark.
    assert ("ending-in-remark", lines.index("以上") + 1) in found
    assert ("several-meetings", copy + 1) in found
    assert ("header-in-remark", copy + date) in found


@pytest.mark.parametrize("source", [SEED, *sorted((FIXTURES / "parse").glob("*.txt"))],
                         ids=lambda p: p.name)
def test_correct_parses_give_no_check_warning(source):
    minutes = parse_bytes(source.read_bytes(), f"fx/{source.name}", SERIES)
    # "weekday" is the header's check (the seed's header states a wrong weekday), not a
    # structure check of checks.py.
    assert [w for w in minutes.warnings if w.kind not in ("", "weekday")] == []


def test_warnings_name_line_and_hint_and_are_one_per_remark_and_kind():
    text = HEAD + "○課題。（Ａ）一。\n二。（Ｂ）三。\n四。（Ｃ）五。\n○次。（Ｄ）六。\n以上\n"
    warnings = parse_bytes(text.encode(), "fx/01.txt", SERIES).warnings
    assert [(w.line, w.kind) for w in warnings] == [(5, "turn-in-remark"), (8, "turn-in-remark")]
    first, second = warnings
    assert first.message.startswith("another turn ((A)一。) seems to start inside remark fx01-01")
    assert first.message.endswith("(and 2 more lines)") and "more lines" not in second.message
    assert first.hint and first.hint == second.hint


def test_rules_are_data(tmp_path):
    rules = tmp_path / "checks.yml"
    rules.write_text(RULES_PATH.read_text(encoding="utf-8").replace("min_chars: 20000", "min_chars: 10"),
                     encoding="utf-8")
    assert load_rules(rules).share_min_chars == 10
    assert load_rules(Path(RULES_PATH)).share_min_chars == 20000
