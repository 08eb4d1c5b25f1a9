import datetime as dt

import pytest

from gijiroku.parse.dates import find_date, find_time_range, weekday_ja


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
        ("2024-12-17", dt.date(2024, 12, 17), None),  # ISO, as a DB-Search page gives it
        ("開催日 2024/12/17（火）", dt.date(2024, 12, 17), "火"),
        ("２０２４．１２．１７", dt.date(2024, 12, 17), None),
        ("2024-1-5", dt.date(2024, 1, 5), None),
        ("令和　６年２月２２日（木曜日）", dt.date(2024, 2, 22), "木"),
        ("第4回 2024-12-17 本文", dt.date(2024, 12, 17), None),
        ("令和6.12.17（火）", dt.date(2024, 12, 17), "火"),
        ("R6.12.17", dt.date(2024, 12, 17), None),
        ("Ｈ３１．４．３０", dt.date(2019, 4, 30), None),
        ("令和元/5/7", dt.date(2019, 5, 7), None),
    ],
)
def test_find_date(text, date, weekday):
    found = find_date(text)
    assert (found.date, found.stated_weekday) == (date, weekday)


@pytest.mark.parametrize("text", [
    "日付なし", "2021年13月1日", "2021年2月30日",
    "2024-13-01", "2024/12-17",  # no 13th month; mixed separators are not a date
    "12024-12-17", "17-12-2024", "電話 0155-42-2111",  # glued digits, day first, a phone number
    "ver R6.1", "BR6.12.17",  # no day; an era letter glued to a word
])
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
