import datetime as dt

import pytest

from gijiroku.dates import find_date, find_time_range, weekday_ja


@pytest.mark.parametrize(
    ("text", "date", "weekday"),
    [
        ("日時：2021年６月１日（月）13時 00分", dt.date(2021, 6, 1), "月"),
        ("令和3年6月1日(火曜日)", dt.date(2021, 6, 1), "火"),
        ("令和元年5月7日", dt.date(2019, 5, 7), None),
        ("平成31年4月30日（火）", dt.date(2019, 4, 30), "火"),
        ("令和 5年 2月17日", dt.date(2023, 2, 17), None),
        ("２０２３年１２月２５日", dt.date(2023, 12, 25), None),
        ("昭和64年1月7日", dt.date(1989, 1, 7), None),
    ],
)
def test_find_date(text, date, weekday):
    found = find_date(text)
    assert (found.date, found.stated_weekday) == (date, weekday)


@pytest.mark.parametrize("text", ["日付なし", "2021年13月1日", "2021年2月30日"])
def test_no_valid_date(text):
    assert find_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13時 00分～15時 00分", ("13:00", "15:00")),
        ("13:00～15:00", ("13:00", "15:00")),
        ("８：４５～８：５５", ("08:45", "08:55")),
        ("午後1時30分～午後2時37分", ("13:30", "14:37")),
        ("自 午後１時３０分 至 午後２時３７分", ("13:30", "14:37")),
        ("午前10時から正午", ("10:00", None)),
        ("13時～", ("13:00", None)),
        ("", (None, None)),
    ],
)
def test_time_range(text, expected):
    assert find_time_range(text) == expected


def test_weekday_ja():
    assert weekday_ja(dt.date(2021, 6, 1)) == "火"
