import pytest

from gijiroku.errors import GijirokuError
from gijiroku.parse.lines import split_lines
from gijiroku.parse.structure import build_document, join_wrapped, split_paragraphs


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["リモートワ", "ーク"], "リモートワーク"),
        (["新", "陳代謝"], "新陳代謝"),
        (["salesforce", "and slack"], "salesforce and slack"),
        (["Cisco,", "Webex"], "Cisco, Webex"),
        (["ＤＸ", "による"], "ＤＸによる"),
        (["2013年に", "slackは"], "2013年にslackは"),
        (["価値", "(data)"], "価値(data)"),
    ],
)
def test_join_wrapped(parts, expected):
    assert join_wrapped(parts) == expected


def parse(text):
    return build_document(split_paragraphs(split_lines(text)), "t.txt")


@pytest.mark.parametrize(
    ("text", "remarks"),
    [
        # one remark, two paragraphs (trailing space ends a paragraph)
        ("題 \n○一行目\n続き。 \n次の段落。\n以上\n", [("一行目続き。\n次の段落。", [])]),
        # no trailing spaces anywhere: each line is a paragraph
        ("題\n○一行目\n二行目\n以上\n", [("一行目\n二行目", [])]),
        # items, and a paragraph continuing an item
        ("題 \n○意見は２点。 \n・一つ。 \n続き。 \n・二つ。\n以上\n",
         [("意見は２点。", ["一つ。\n続き。", "二つ。"])]),
        # a turn marker always starts a remark, even without a paragraph end before it
        ("題\n○甲\n○乙\n", [("甲", []), ("乙", [])]),
        # all three turn markers; ・ inside a line is text
        ("題\n○中堅・中小\n\n〇二\n\n◯三\n", [("中堅・中小", []), ("二", []), ("三", [])]),
        # a wrapped line that begins with ・ mid-paragraph is text, not an item
        ("題 \n○まち\n・ひと。\n", [("まち・ひと。", [])]),
    ],
)
def test_remarks_and_items(text, remarks):
    document = parse(text)
    assert [(r.text, [i.text for i in r.items]) for r in document.remarks] == remarks


def test_header_and_closing_are_separated():
    document = parse("題\n日時：2021年6月1日\n○発言\n以上\n")
    assert [p.text for p in document.header] == ["題", "日時：2021年6月1日"]
    assert [p.text for p in document.closing] == ["以上"]


def test_no_remarks_is_a_clear_error():
    with pytest.raises(GijirokuError) as caught:
        parse("題\n日時：2021年6月1日\n本文だけ\n")
    rendered = caught.value.render()
    assert rendered.startswith("t.txt:3")
    assert "turn marker" in rendered and "○" in rendered
