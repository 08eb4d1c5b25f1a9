"""Dates and times as written in Japanese minutes.

Handles full-width digits (NFKC), spaces inside numbers and labels ("13時 00分"), Western and
era years (令和3年, 平成31年, 令和元年), numeric dates (ISO 2024-12-17, 2024/12/17, R6.12.17,
as saved pages and API records give them; always year first), stated weekdays (（火）,
(火曜日)) and times in the forms 13:00, 13時00分, 13時, 午後1時30分, with ranges joined by ～,
〜, ~, -, から or 自…至.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gijiroku.folding import nfkc_without_whitespace

ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
ERA_LETTERS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}  # R6.12.17
WEEKDAYS_JA = "月火水木金土日"  # index = date.weekday()
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_DATE = re.compile(
    r"(?:(?:(?P<era>明治|大正|昭和|平成|令和)(?P<era_year>元|\d{1,2})|(?P<year>\d{4}))年"
    r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日"
    # Year-first numeric dates (2024-12-17, 令和6.12.17, R6.12.17); one separator throughout,
    # no digit glued on either side.
    r"|(?:(?<!\d)(?P<n_year>\d{4})|(?P<n_era>明治|大正|昭和|平成|令和|(?<![A-Za-z])[MTSHR])"
    r"(?P<n_era_year>元|\d{1,2}))"
    r"(?P<sep>[-/.])(?P<n_month>\d{1,2})(?P=sep)(?P<n_day>\d{1,2})(?!\d))"
    rf"(?:[(（](?P<weekday>[{WEEKDAYS_JA}])(?:曜日?)?[)）])?"
)
_TIME = re.compile(
    r"(?P<ampm>午前|午後)?(?P<hour>\d{1,2})(?:時(?P<min_ja>\d{1,2})?分?|[:：](?P<min>\d{2}))"
)


@dataclass(frozen=True)
class StatedDate:
    date: dt.date
    stated_weekday: str | None  # as written in the source, which may be wrong
    start: int  # offset of the match in nfkc_without_whitespace(text)
    end: int


def find_date(text: str) -> StatedDate | None:
    """The first calendar date written in ``text``; None when there is none or it is invalid."""
    flat = nfkc_without_whitespace(text)
    for match in _DATE.finditer(flat):
        year = _year(match)
        numeric = match["n_month"] is not None
        month, day = (match["n_month"], match["n_day"]) if numeric else (match["month"], match["day"])
        try:
            date = dt.date(year, int(month), int(day))
        except ValueError:
            continue
        return StatedDate(date, match["weekday"], match.start(), match.end())
    return None


def _year(match: re.Match[str]) -> int:
    if match["year"] or match["n_year"]:
        return int(match["year"] or match["n_year"])
    era, written = match["era"] or match["n_era"], match["era_year"] or match["n_era_year"]
    era_year = 1 if written == "元" else int(written)
    return ERAS[ERA_LETTERS.get(era, era)] + era_year


def weekday_ja(date: dt.date) -> str:
    """Japanese weekday letter (月..日) of ``date``."""
    return WEEKDAYS_JA[date.weekday()]


def find_times(text: str) -> list[str]:
    """Every clock time in ``text`` in order, as "HH:MM" (24-hour)."""
    times = []
    for match in _TIME.finditer(nfkc_without_whitespace(text)):
        hour = int(match["hour"])
        minute = int(match["min"] or match["min_ja"] or 0)
        if match["ampm"] == "午後" and hour < 12:
            hour += 12
        if hour <= 24 and minute < 60:
            times.append(f"{hour:02d}:{minute:02d}")
    return times


def find_time_range(text: str) -> tuple[str | None, str | None]:
    """(start, end) of the meeting from the text after its date; missing parts are None."""
    times = find_times(text)
    return (times[0] if times else None, times[1] if len(times) > 1 else None)


def weekday_en(date: dt.date) -> str:
    """English weekday name, independent of the process locale."""
    return WEEKDAYS_EN[date.weekday()]
