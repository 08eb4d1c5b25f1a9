import pytest

from gijiroku.parse.lines import has_interleaved_blanks, normalise_newlines, split_lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\r\n", "a\nb\n"),
        ("a\rb\r", "a\nb\n"),
        ("\ufeffa\n", "a\n"),
    ],
)
def test_newlines(text, expected):
    assert normalise_newlines(text) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["a", "", "b", "", " ", "", "c", ""], True),
        (["a", "b", "", "c"], False),
        (["", ""], False),
    ],
)
def test_interleaved_blank_detection(raw, expected):
    assert has_interleaved_blanks(raw) is expected


def summary(text):
    return [(l.number, l.text, l.page, l.paragraph_end) for l in split_lines(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the seed's artefacts: blank after each line, leading space = page start
        (" 題 \n\n本文\n\n続き \n\n 次頁\n\n",
         [(1, "題", 1, True), (3, "本文", 1, False), (5, "続き", 1, True), (7, "次頁", 2, False)]),
        # a spaces-only line is a real gap, not a page start
        ("a \n\n \n\nb\n\n", [(1, "a", 1, True), (3, "", 1, False), (5, "b", 1, False)]),
        # form feed starts a page; no trailing spaces anywhere: every line is a paragraph
        ("a\n\fb\n", [(1, "a", 1, True), (2, "b", 2, True), (3, "", 2, False)]),
        # without interleaved blanks, empty lines are kept as gaps
        ("a \nx\n\nb", [(1, "a", 1, True), (2, "x", 1, False), (3, "", 1, False), (4, "b", 1, False)]),
    ],
)
def test_split_lines(text, expected):
    assert summary(text) == expected
