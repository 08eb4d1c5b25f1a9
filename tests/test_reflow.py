"""Hard-wrapped and PDF-extracted text: line widths, paragraph ends, stray spaces, turn style."""

import unicodedata

import pytest

from gijiroku.model import Span
from gijiroku.parse.lines import (
    PrintedLine,
    close_stray_spaces,
    display_width,
    hard_wrap_ends,
    split_lines,
    wrap_width,
)
from gijiroku.parse.pipeline import parse_bytes
from gijiroku.parse.structure import Paragraph, build_document, is_aside, split_paragraphs, turn_style
from gijiroku.serialize import minutes_to_dict
from gijiroku.series import Series
from support.conservation import assert_conserved
from support.pdf import draw_pdf

SERIES = Series(slug="fixtures", code="fx", title="t", organiser="o")
FULL = "あ" * 20  # 40 columns: the line width of the texts below
ALMOST = "あ" * 18 + "、"  # 38 columns: reaches the width (kinsoku leaves a character over)


@pytest.mark.parametrize(
    ("text", "columns"),
    [("あいう", 6), ("ABC", 3), ("ＡＢ 1", 6), ("●※①", 6), ("", 0)],
)
def test_display_width(text, columns):
    assert display_width(text) == columns


@pytest.mark.parametrize("plane", [range(0xD800), range(0xE000, 0x10000), range(0x20000, 0x20100)],
                         ids=["BMP below surrogates", "BMP above surrogates", "CJK extension B"])
def test_display_width_counts_every_character_as_east_asian_width_says(plane):
    text = "".join(map(chr, plane))
    assert display_width(text) == sum(
        2 if unicodedata.east_asian_width(char) in "WFA" else 1 for char in text)


@pytest.mark.parametrize(
    ("texts", "width"),
    [
        ([FULL] * 6 + ["短い。"] * 3, 40),  # most lines at the width: wrapped
        ([FULL, ALMOST, FULL, "見出し"], 40),
        ([FULL, "あ" * 12, "あ" * 15, "あ" * 30, "あ" * 8, "い" * 25], None),  # one line per paragraph
        (["短い。", "見出し"], None),  # nothing as wide as a line of text
    ],
)
def test_wrap_width(texts, width):
    assert wrap_width(texts) == width


def ends(*lines):
    printed = [line if isinstance(line, PrintedLine) else PrintedLine(line) for line in lines]
    return hard_wrap_ends(printed, 40)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a full line continues; a short one ends; the last always ends
        ((FULL, FULL, "おわり"), [False, False, True]),
        ((ALMOST, "おわり"), [False, True]),
        # a full line ending a sentence ends its paragraph (。, also before a closing bracket)
        ((FULL[:-1] + "。", FULL), [True, True]),
        ((FULL[:-2] + "。」", FULL), [True, True]),
        # a short line ends a paragraph even without 。 (a heading)
        (("見出し", FULL), [True, True]),
        # the next line indented, labelled or a field starts a paragraph
        ((FULL, PrintedLine("　字下げ", indented=True)), [True, True]),
        ((FULL, PrintedLine("（Ｂ）", labelled=True)), [True, True]),
        # two short lines with no gap that fill the width are one printed line cut in two
        (("あ" * 8 + "。", "い" * 11, FULL), [False, False, True]),
        # ... but not across a gap, and not when together they are far wider than a line
        (("あ" * 8 + "。", PrintedLine("い" * 11, gap_before=True), FULL), [True, True, True]),
        (("あ" * 15, "い" * 15), [True, True]),
    ],
)
def test_hard_wrap_ends(lines, expected):
    assert ends(*lines) == expected


def reflowed(text):
    lines = split_lines(text)
    return [p.text for p in split_paragraphs(lines)]


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        # a wrap inside a word joins with no space; Latin words keep one; a 。 line ends
        (f"{FULL[:-2]}リモ\nートワーク。\n{FULL}\n{FULL[:-2]} AI\nand DX の話。\n",
         [f"{FULL[:-2]}リモートワーク。", f"{FULL}{FULL[:-2]} AI and DX の話。"]),
        # blank lines (pdftotext's block gaps), a page number and a form feed inside a paragraph
        (f"{FULL}\n\n{FULL}\n1\n\n\f{FULL}\nおわり。\n{FULL}\n{FULL}\n{FULL}\n",
         [f"{FULL * 3}おわり。", FULL * 3]),
        # a ○ after a line cut at the width is a symbol in the sentence, not a turn
        (f"○{FULL[:-1]}\n○を付したもの。\n{FULL}\n{FULL}\n{FULL}\n",
         [f"○{FULL[:-1]}○を付したもの。", FULL * 3]),
    ],
)
def test_hard_wrapped_text_is_reflowed(text, paragraphs):
    assert reflowed(text) == paragraphs


def test_one_paragraph_per_line_text_is_not_reflowed():
    text = "".join(f"○{'あ' * n}。\n" for n in (12, 30, 8, 41, 19, 25))
    assert reflowed(text) == [line for line in text.splitlines()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("実施すべき 施策", "実施すべき施策"),
        ("（ Ｅ ） ● 委 員 か ら", "（Ｅ）●委員から"),  # ● (East Asian ambiguous) is wide
        ("ア ● イ ※ ウ", "ア●イ※ウ"),
        ("資料 1 と別紙", "資料 1 と別紙"),  # beside a digit or a Latin word: Word's spacing
        ("ility の 判 定", "ility の判定"),
        ("会議  議事録", "会議  議事録"),  # two spaces: a deliberate gap
    ],
)
def test_close_stray_spaces(text, expected):
    assert close_stray_spaces(text) == expected


def test_stray_spaces_are_closed_only_in_wrapped_paragraphs():
    lines = ["第 1 回 テスト研究会 ", " "] + [f"{FULL[:-1]} {FULL[:-1]}"] * 4 + ["お わ り。 "]
    texts = [line.text for line in split_lines("\n".join(lines))]
    assert texts[0] == "第 1 回 テスト研究会"  # a title line standing alone keeps its spaces
    assert texts[2] == FULL[:-1] * 2 and texts[-1] == "おわり。"


def paragraphs(*texts):
    return [Paragraph(Span(i + 1, i + 2), 1, text) for i, text in enumerate(texts)]


@pytest.mark.parametrize(
    ("texts", "style"),
    [
        (("○発言", "（Ａ）発言"), "marker"),
        (("（Ａ）発言", "○を付したもの", "（Ｂ）発言"), "label"),
        (("（Ａ）発言", "○記号", "○記号"), "marker"),
        (("見出し",), "marker"),
    ],
)
def test_turn_style_is_the_majority(texts, style):
    assert turn_style(paragraphs(*texts)) == style


def test_a_marker_paragraph_in_a_labelled_document_is_text_with_a_warning():
    document = build_document(paragraphs("議事録", "（Ａ）始めます。", "○を付したもの。", "（Ｂ）はい。"), "f")
    assert [r.text for r in document.remarks] == ["始めます。\n○を付したもの。", "はい。"]
    assert [w.line for w in document.warnings] == [3]


PDF_PAGES = [
    ["第２回テスト研究会", "日時：令和３年５月３１日（月）18:00～20:00", "議事録",
     "（Ａ）それでは議論を始めます。本日は船荷証券の電子化について、",
     "検討すべき事項をご説明いただきます。●からお願いいたします。",
     "（Ｂ）資料についてご説明します。第１の論点は電子的な記録の",
     "移転可能性です。国際的な動向としては、MLETR の採用が進んで",
     "おり、シンガポールや英国が既に法整備を終えています。", "1"],
    ["次に第２の論点ですが、船荷証券に記載される事項の電子化につ",
     "いて、どのような規律が必要かという点を検討いただきたいと思",
     "います。", "（Ｃ）一点だけ質問します。", "以上", "2"],
]


def test_a_wrapped_pdf_parses_into_turns_and_whole_paragraphs():
    data = draw_pdf(PDF_PAGES)
    document = minutes_to_dict(parse_bytes(data, "m.pdf", SERIES))
    assert (document["meeting"]["date"], document["meeting"]["title"]) == ("2021-05-31", "第２回テスト研究会")
    assert [(r["speaker"]["label"], r["page"], r["text"]) for r in document["remarks"]] == [
        ("A", 1, "それでは議論を始めます。本日は船荷証券の電子化について、検討すべき事項をご説明いただきます。●からお願いいたします。"),
        ("B", 1, "資料についてご説明します。第１の論点は電子的な記録の移転可能性です。国際的な動向としては、MLETR の採用が進んでおり、シンガポールや英国が既に法整備を終えています。\n"
                 "次に第２の論点ですが、船荷証券に記載される事項の電子化について、どのような規律が必要かという点を検討いただきたいと思います。"),
        ("C", 2, "一点だけ質問します。"),
    ]
    assert [entry["kind"] for entry in document["layout"]] == ["page-number", "page-number"]
    assert_conserved(data, document)


def running_text(header: str) -> str:
    """Three form-feed pages, each opening with ``header`` (N: the page number)."""
    return "".join(
        f"\f{header.replace('N', str(page))}\n（Ａ）\n発言{page}。\n（Ｂ）\n返事{page}。\n" for page in (1, 2, 3)
    )


@pytest.mark.parametrize(
    ("header", "furniture"),
    [
        ("商事法研究会　第３回議事録", True),
        ("研究会資料 N ページ", True),  # the same line but for its number
        ("（Ａ）発言です", False),  # a turn opening every page is speech
        ("はい。", False),  # too short to tell from a reply
    ],
)
def test_running_headers_are_layout_not_text(header, furniture):
    lines = split_lines(running_text(header))
    headers = [header.replace("N", str(page)) for page in (1, 2, 3)]
    assert [line.layout for line in lines if line.text in headers] == (
        ["running-header" if furniture else ""] * 3)
    texts = [p.text for p in split_paragraphs(lines)]
    assert any(text in headers for text in texts) is not furniture


@pytest.mark.parametrize(
    ("text", "aside"),
    [
        ("◎会期の決定", True),
        ("◎会議録署名議員の指名", True),
        ("◎" + "あ" * 45, False),  # too long for a heading: speech that opens with ◎
        ("○会期の決定", False),
    ],
)
def test_agenda_headings_are_asides(text, aside):
    assert is_aside(text) is aside


@pytest.mark.parametrize(("length", "warned"), [(29_000, False), (31_000, True)])
def test_a_remark_long_enough_to_hide_turns_is_warned_about(length, warned):
    document = build_document(paragraphs("議事録", "（Ａ）" + "あ" * length, "（Ｂ）はい。"), "f")
    assert [w.line for w in document.warnings] == ([2] if warned else [])


@pytest.mark.parametrize(
    ("second", "paragraphs"),
    [
        # after a line cut at the width, a ○ naming no speaker is a symbol in the sentence ...
        ("○を付したもの。", [f"○{FULL[:-1]}○を付したもの。"]),
        # ... but a ○ with a speaker opens a turn all the same
        ("○山田委員　賛成です。", [f"○{FULL[:-1]}", "○山田委員　賛成です。"]),
    ],
)
def test_a_marker_after_a_wrapped_line(second, paragraphs):
    text = f"○{FULL[:-1]}\n{second}\n" + f"{FULL}\n" * 3
    assert reflowed(text)[:-1] == paragraphs
