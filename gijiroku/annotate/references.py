"""References to the document under discussion, and 「」-quoted key terms, found in a text.

:func:`find_refs` finds where a remark points into the draft report (取りまとめ):

* ``page``    — ``５ページ``, ``９頁``, ``p.5``, ``５～７ページ`` (numbers ``[5, 6, 7]``);
* ``chapter`` — ``第４章``, ``第４章「title」`` (title captured), ``第５章と第６章の間``
  (numbers ``[5, 6]``), ``第１～３章``; ``第`` may be omitted (``３章``) but ``章`` may not, so
  ``第２期`` and ``第６回`` are not chapters;
* ``summary`` — the summary sheet: ``概要の一枚紙``, ``最後の一枚紙``, ``一枚紙``, ``概要版``;
* ``toc``     — ``目次``.

A directly preceding name of the report (``取りまとめの``, ``報告書案``, ...) is part of the
matched ``text`` (``取りまとめの５ページ``), so the secretariat sees which document was meant.
Numbers may be ASCII, full-width or kanji (一..九十九); one number is an ``int``, several a
``list[int]``, none ``None``. Offsets are half-open character offsets into ``text``.

:func:`find_terms` lists the key terms a remark puts in 「」, for the glossary. A quotation is a
key term when it reads as a name, not as a clause; precisely, when

1. it is at most :data:`MAX_TERM_LENGTH` characters and holds no 、。，．,!? (no sentence);
2. its last morpheme is a noun or nominal suffix (so 「強靭な」, 「売れる」, 「繋がる」,
   「クリエイティブな街としていく」 are quoted wording, not terms);
3. it has no case particle other than の (「今あるものが重要」, 「無きものを作る」 are clauses);
4. it is not the title of a chapter reference (第４章「…」 is a ref, not a term).

Each distinct term (compared after NFKC and case-folding) is listed once per text, at its
first occurrence; ``start``/``end`` span the term inside the brackets. Nested 「」 are read as
one quotation (the outermost).
"""

from __future__ import annotations

import re
from typing import Any

from gijiroku.annotate.tokenizer import pos_tags
from gijiroku.folding import fold as fold_key

MAX_TERM_LENGTH = 20

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMBER = r"(?:\d+|[一二三四五六七八九十]+)"
_RANGE = r"(?:[～〜~\-－]|から)"
# A number must not continue another number or follow 数/何: 数十ページ is not page 10.
_START = r"(?<![\d一二三四五六七八九十数何])"
_LIST = r"(?:、|，|,|・|と|及び|および|や)"
# Names of the report under discussion that may precede a reference, e.g. 取りまとめの５ページ.
_DOCUMENT = r"(?:(?:報告書案|報告書|取りまとめ案|取りまとめ|とりまとめ|本文|資料)の?)?"

_PAGE = re.compile(
    _DOCUMENT + rf"(?:(?P<pages>{_START}{_NUMBER}(?:(?:{_RANGE}|{_LIST}){_NUMBER})*)(?:ページ|頁)"
    rf"|(?<![A-Za-zＡ-Ｚａ-ｚ])[pPｐＰ][.．]\s?(?P<p>\d+))"
)
_CHAPTER_LIST = (
    rf"(?P<chapters>{_START}第?{_NUMBER}章(?:(?:{_RANGE}|{_LIST})第?{_NUMBER}章)+"
    r"(?:の間)?"
    rf"|{_START}第?{_NUMBER}(?:(?:{_RANGE}|{_LIST}){_NUMBER})+章)"
)
_CHAPTER = re.compile(
    _DOCUMENT + rf"(?:{_CHAPTER_LIST}|{_START}(?P<chapter>第?{_NUMBER})章"
    r"(?:「(?P<title>[^「」]+)」)?)"
)
_SUMMARY = re.compile(_DOCUMENT + r"(?:(?:概要|最後|冒頭|最初)の)?(?:一枚紙|１枚紙|1枚紙|一枚もの|概要版)")
_TOC = re.compile(_DOCUMENT + r"目次")
_ANY_NUMBER = re.compile(_NUMBER)
# Sentence punctuation; the ASCII full stop is left out for names such as Society 5.0.
_PUNCTUATION = re.compile(r"[、。，．,!?！？\n]")


def to_int(numeral: str) -> int:
    """'５' / '12' / '十二' / '二十' -> int (kanji numerals up to 九十九)."""
    if numeral.isdecimal():
        return int(numeral)  # int() reads full-width digits too
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[units] if units else 0)
    return int("".join(str(_KANJI_DIGITS[c]) for c in numeral))


def _numbers(span: str) -> int | list[int]:
    """All numbers of a span; a range ``５～７`` expands to 5, 6, 7. One number -> int."""
    values: list[int] = []
    previous_end = None
    for match in _ANY_NUMBER.finditer(span):
        value = to_int(match.group())
        between = span[previous_end:match.start()] if previous_end is not None else ""
        if values and re.search(_RANGE, between) and values[-1] < value <= values[-1] + 100:
            values.extend(range(values[-1] + 1, value + 1))
        else:
            values.append(value)
        previous_end = match.end()
    return values[0] if len(values) == 1 else values


def _has(text: str, anchors: tuple[str, ...]) -> bool:
    return any(anchor in text for anchor in anchors)


def find_refs(text: str) -> list[dict[str, Any]]:
    """References to the report in ``text``, in text order, never overlapping."""
    # Each pattern runs only when its keyword occurs: substring tests are far cheaper than
    # the patterns, whose optional document prefix is tried at every position.
    found: list[dict[str, Any]] = []
    if _has(text, ("ページ", "頁", ".", "．")):
        for match in _PAGE.finditer(text):
            found.append(_ref("page", _numbers(match.group("pages") or match.group("p")), None, match))
    if "章" in text:
        for match in _CHAPTER.finditer(text):
            if match.group("chapters"):
                found.append(_ref("chapter", _numbers(match.group("chapters")), None, match))
            else:
                found.append(_ref("chapter", _numbers(match.group("chapter")),
                                  match.group("title"), match))
    if _has(text, ("枚", "概要版")):
        found.extend(_ref("summary", None, None, match) for match in _SUMMARY.finditer(text))
    if "目次" in text:
        found.extend(_ref("toc", None, None, match) for match in _TOC.finditer(text))
    # Longest first, then drop anything overlapping a kept ref.
    kept: list[dict[str, Any]] = []
    for ref in sorted(found, key=lambda r: (r["start"] - r["end"], r["start"])):
        if all(ref["end"] <= k["start"] or ref["start"] >= k["end"] for k in kept):
            kept.append(ref)
    return sorted(kept, key=lambda r: r["start"])


def _ref(
    kind: str, number: int | list[int] | None, title: str | None, match: re.Match
) -> dict[str, Any]:
    return {"kind": kind, "number": number, "title": title, "text": match.group(),
            "start": match.start(), "end": match.end()}


_BRACKET = re.compile("[「」]")


def _quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of the content of each outermost 「」 pair; unbalanced brackets are skipped."""
    spans = []
    depth, opened = 0, 0
    for bracket in _BRACKET.finditer(text):
        if bracket.group() == "「":
            if depth == 0:
                opened = bracket.end()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, bracket.start()))
    return spans


def _is_term(quoted: str) -> bool:
    if not quoted.strip() or len(quoted) > MAX_TERM_LENGTH or _PUNCTUATION.search(quoted):
        return False
    words = [(surface, pos, pos2) for surface, pos, pos2 in pos_tags(quoted) if pos != "補助記号"]
    if not words or words[-1][1] not in ("名詞", "接尾辞", "代名詞"):
        return False
    return not any(pos2 == "格助詞" and surface != "の" for surface, _, pos2 in words)


def find_terms(text: str, refs: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """「」-quoted key terms of ``text`` (rules in the module docstring), first occurrences.

    ``refs`` are ``find_refs(text)`` when the caller has them already.
    """
    if "「" not in text:
        return []
    if refs is None:
        refs = find_refs(text)
    title_spans = [(r["start"], r["end"]) for r in refs if r["title"]]
    terms: list[dict[str, Any]] = []
    seen: set[str] = set()
    for start, end in _quotations(text):
        if any(s <= start and end <= e for s, e in title_spans):
            continue
        quoted = text[start:end]
        key = fold_key(quoted)
        if key in seen or not _is_term(quoted):
            continue
        seen.add(key)
        terms.append({"term": quoted, "start": start, "end": end})
    return terms
