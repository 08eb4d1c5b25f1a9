"""The lighter text forms of gijiroku/folding.py, the weekday tables of parse/dates.py and the
stage helpers that left pipeline.py (furniture marking, ID assignment of remarks and items)."""

from __future__ import annotations

import datetime as dt

import pytest

from gijiroku.folding import fold, nfkc_without_whitespace, without_whitespace
from gijiroku.model import Span
from gijiroku.parse.dates import find_date, weekday_en, weekday_ja
from gijiroku.parse.ids import Published, content_hash, identify_remarks, retired
from gijiroku.parse.lines import Line, mark_furniture
from gijiroku.parse.structure import ItemDraft, RemarkDraft

# (text, without_whitespace, nfkc_without_whitespace, fold): how far each form goes.
FORMS = [
    ("委　員", "委員", "委員", "委員"),  # an ideographic space between the letters of a label
    ("１３時 ００分", "１３時００分", "13時00分", "13時00分"),  # NFKC digits only in the last two
    ("ＤＸ\tと\nAI", "ＤＸとAI", "DXとAI", "dxとai"),  # only fold lowercases
    ("強靱", "強靱", "強靱", "強靭"),  # only fold maps variant kanji
    ("a\u200bb", "a\u200bb", "a\u200bb", "ab"),  # a zero-width space is not whitespace
]


@pytest.mark.parametrize(("text", "bare", "nfkc_bare", "folded"), FORMS)
def test_each_form_goes_as_far_as_its_name_says(text, bare, nfkc_bare, folded):
    assert without_whitespace(text) == bare
    assert nfkc_without_whitespace(text) == nfkc_bare
    assert fold(text) == folded


@pytest.mark.parametrize(("variant", "original"), [
    ("第６回　研究会", "第6回研究会"),
    ("第6回\n研究会 ", "第6回研究会"),
])
def test_whitespace_and_width_never_change_a_content_hash(variant, original):
    assert content_hash(variant) == content_hash(original)


@pytest.mark.parametrize(("date", "ja", "en"), [
    (dt.date(2021, 6, 1), "火", "Tuesday"),  # the seed meeting
    (dt.date(2024, 12, 15), "日", "Sunday"),
    (dt.date(2024, 12, 16), "月", "Monday"),
])
def test_weekdays_in_both_languages(date, ja, en):
    assert (weekday_ja(date), weekday_en(date)) == (ja, en)


@pytest.mark.parametrize("letter", list("月火水木金土日"))
def test_a_stated_weekday_is_read_with_every_letter(letter):
    assert find_date(f"令和3年6月1日（{letter}）").stated_weekday == letter


def line(number: int, text: str, layout: str = "") -> Line:
    return Line(number, text, page=1, page_start=False, paragraph_end=True, layout=layout)


@pytest.mark.parametrize(("furniture", "expected"), [
    ({}, [("", True), ("", True), ("page-number", True)]),
    # a furniture line becomes layout and no longer ends a paragraph
    ({1: "utterance-number"}, [("utterance-number", False), ("", True), ("page-number", True)]),
    # a line that is already layout keeps its kind; an unknown line number changes nothing
    ({3: "navigation", 9: "navigation"}, [("", True), ("", True), ("page-number", True)]),
])
def test_furniture_marks_its_lines_as_layout(furniture, expected):
    lines = [line(1, "1番"), line(2, "○議長　開会します。"), line(3, "- 2 -", "page-number")]
    marked = mark_furniture(lines, furniture)
    assert [(m.layout, m.paragraph_end) for m in marked] == expected
    assert [m.text for m in marked] == [m.text for m in lines]


def draft(text: str, *items: str) -> RemarkDraft:
    return RemarkDraft(page=1, lines=Span(1, 2), paragraphs=[text],
                       items=[ItemDraft(1, Span(1, 2), [item]) for item in items])


def test_remarks_keep_published_ids_and_new_ones_come_after_the_highest():
    previous = [Published("sr06-01", content_hash("開会。"), "開会。"),
                Published("sr06-02", content_hash("消えた発言。"), "消えた発言。"),
                Published("sr06-03", content_hash("課題。"), "課題。",
                          (Published("sr06-03-1", content_hash("人材。"), "人材。"),))]
    remarks = identify_remarks("sr06", [draft("開会。"), draft("課題。", "新しい項目。", "人材。"),
                                        draft("新しい発言。")], previous)
    assert [r.id for r in remarks] == ["sr06-01", "sr06-03", "sr06-04"]
    assert [r.number for r in remarks] == [1, 2, 3]
    assert [i.id for i in remarks[1].items] == ["sr06-03-2", "sr06-03-1"]
    assert [(g.id, g.text) for g in retired(remarks, previous)] == [("sr06-02", "消えた発言。")]
