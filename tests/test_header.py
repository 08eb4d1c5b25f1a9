import pytest

from gijiroku.errors import GijirokuError
from gijiroku.model import Attendee, Span
from gijiroku.parse.header import parse_header, split_attendee
from gijiroku.parse.structure import Paragraph


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("松原座長", Attendee("松原", "座長")),
        ("井口委員", Attendee("井口", "委員")),
        ("藤田委員長", Attendee("藤田", "委員長")),
        ("山田副座長", Attendee("山田", "副座長")),
        ("事務局", Attendee("事務局", "")),
    ],
)
def test_split_attendee(entry, expected):
    assert split_attendee(entry) == expected


def paragraphs(*texts):
    return [Paragraph(Span(n, n + 1), 1, t) for n, t in enumerate(texts, start=1)]


def test_header_fields():
    fields = parse_header(
        paragraphs("研究会（第６回）", "議事要旨", "日時：2021年６月１日（月）13時 00分～15時 00分",
                   "場所：web会議（Cisco Webex）", "参加委員", "松原座長、井口委員"),
        "t.txt",
    )
    assert (fields.number, fields.kind, fields.date, fields.weekday) == (6, "議事要旨", "2021-06-01", "火")
    assert (fields.start, fields.end, fields.venue) == ("13:00", "15:00", "web会議（Cisco Webex）")
    assert fields.attendees == [Attendee("松原", "座長", "委員"), Attendee("井口", "委員", "委員")]
    assert [(w.line, "（月）" in w.message and "（火）" in w.message) for w in fields.warnings] == [(3, True)]
    # the values the site words the warning from, in either language (strings.yml)
    assert [(w.kind, w.args) for w in fields.warnings] == [
        ("weekday", {"stated": "月", "date": "2021-06-01", "actual": "火"})]


def test_correct_weekday_gives_no_warning():
    fields = parse_header(paragraphs("会議", "日時：2021年6月1日（火）"), "t.txt")
    assert fields.warnings == []


def test_missing_date_is_a_clear_error():
    with pytest.raises(GijirokuError) as caught:
        parse_header(paragraphs("会議", "日時：未定"), "t.txt")
    rendered = caught.value.render()
    assert rendered.startswith("t.txt:2") and "日時" in rendered and "hint" in rendered
