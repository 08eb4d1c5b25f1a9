"""The one text folding of gijiroku: how two spellings of the same words are made equal.

Used by theme matching (:mod:`gijiroku.annotate.themes`), the 「」 key terms (:mod:`gijiroku.annotate.references`),
the glossary (:mod:`gijiroku.site.i18n`), the search index (:mod:`gijiroku.search.index`) and, in
the browser, ``assets/search/search.js``, which reads the same table
(``gijiroku/data/fold.json``, copied into the search index's ``meta.json``).

The rule: the text is cut into clusters (a character followed by its combining marks and
half-width sound marks ﾞﾟ); each cluster is NFKC normalised (ＤＸ → DX, ﾃﾞｼﾞﾀﾙ → デジタル, Kangxi
radicals ⽇ → 日), lowercased, mapped character by character through the table's ``itaiji``
(variant kanji 強靱 → 強靭, 繫 → 繋, 澤 → 沢, 邊 → 辺, and CJK radical-supplement forms such as
⺠ → 民 that PDF extractors emit and NFKC leaves alone), and stripped of the ``drop`` characters
(whitespace, zero-width characters, soft hyphen, variation selectors). Working per cluster keeps
an exact map from every folded character back to the original characters, and keeps Python and
JavaScript in agreement (no context-dependent rules). Whitespace is dropped because PDF line
wraps fall inside words and pypdf often puts a space between glyphs (``今 後 考 慮``).

Lowercasing is ``str.lower`` (JavaScript's ``toLowerCase``), not ``casefold``, so that both
languages agree. tests/fixtures/fold_cases.json holds both implementations to the same table of
``(text, folded)`` pairs.

:func:`fold_words` is the same folding for a morphological analyser: whitespace between two
Latin letters or digits is kept as one space, so that ``generative AI`` stays two words; it
can map every folded character back to the original text (for evidence offsets).
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Any, Callable, Iterable, TypeVar

_SOUND_MARKS = "\uff9e\uff9f"  # half-width ﾞﾟ: NFKC composes them with the preceding kana


@lru_cache(maxsize=1)
def fold_table() -> dict[str, Any]:
    """The shared folding table (gijiroku/data/fold.json)."""
    text = resources.files("gijiroku").joinpath("data/fold.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def drop_set() -> frozenset[str]:
    """The characters folding removes (whitespace, zero-width and format characters)."""
    return frozenset(chr(c) for lo, hi in fold_table()["drop"] for c in range(lo, hi + 1))


@lru_cache(maxsize=None)
def joins(ch: str) -> bool:
    """Whether ``ch`` belongs to the preceding character's cluster (a mark, or ﾞﾟ)."""
    return unicodedata.category(ch).startswith("M") or ch in _SOUND_MARKS


def _clusters(text: str) -> Iterable[tuple[int, int]]:
    """Yield ``(start, end)`` of each character plus its trailing marks."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not joins(text[i]):
            yield start, i
            start = i


# Cached per cluster: the folding is per cluster and the corpus has few distinct ones, so this
# makes the index build several times faster at 30,000 units.
@lru_cache(maxsize=1 << 16)
def fold_cluster(cluster: str) -> tuple[str, ...]:
    """The characters one cluster folds to (NFKC, lowercase, itaiji; nothing dropped yet)."""
    itaiji = fold_table()["itaiji"]
    return tuple(itaiji.get(ch, ch) for ch in unicodedata.normalize("NFKC", cluster).lower())


def folded_chars(text: str) -> Iterable[tuple[str, int, int]]:
    """Each character of the folded clusters (NFKC, lowercase, itaiji; nothing dropped yet) with
    the ``(start, end)`` range of ``text`` it came from."""
    for start, end in _clusters(text):
        for ch in fold_cluster(text[start:end]):
            yield ch, start, end


K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """A dict that fills itself: a missing key's value is ``compute(key)``, stored on first use.
    Being a dict, it is read from C by ``str.translate`` and by ``map(memo.__getitem__, ...)``."""

    def __init__(self, compute: Callable[[K], V]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: K) -> V:
        self[key] = value = self._compute(key)
        return value


JOINED = "\uffff"  # a noncharacter


def per_char(of_char: Callable[[str], str]) -> Memo[int, str]:
    """A ``str.translate`` table of what each character becomes when it is a cluster of its own.

    A joining character (see :func:`joins`) becomes :data:`JOINED`: a result holding it has
    multi-character clusters and must be redone cluster by cluster (so must, merely slower, a
    text holding U+FFFF itself).
    """
    return Memo(lambda code: JOINED if joins(chr(code)) else of_char(chr(code)))


def _fold_char(ch: str) -> str:
    """``ch`` folded as a cluster of its own, without the dropped characters."""
    drop = drop_set()
    return "".join(c for c in fold_cluster(ch) if c not in drop)


# The common case, a text without joining characters, folds character by character in C.
_FOLDED = per_char(_fold_char)


def fold_with_map(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Fold ``text``; ``offsets[i]`` is the ``(start, end)`` range of ``text`` that folded char i came from."""
    drop = drop_set()
    out: list[str] = []
    offsets: list[tuple[int, int]] = []
    for ch, start, end in folded_chars(text):
        if ch not in drop:
            out.append(ch)
            offsets.append((start, end))
    return "".join(out), offsets


def fold(text: str) -> str:
    """The folded form used for matching (see the module docstring)."""
    folded = text.translate(_FOLDED)
    return folded if JOINED not in folded else fold_with_map(text)[0]


def cluster_end(text: str, start: int) -> int:
    """The end of the cluster that starts at ``text[start]`` (the character and its marks)."""
    end = start + 1
    while end < len(text) and joins(text[end]):
        end += 1
    return end


# A whitespace run between two Latin letters or digits separates words (see fold_words).
_WORD_GAP = re.compile(r"(?<=[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a])\s+"
                       r"(?=[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a])")


def _pieces(text: str) -> list[str]:
    """What each character of ``text`` folds to for :func:`fold_words` (a cluster's folding
    on its first character, "" on the rest; a word gap's first whitespace character is " ")."""
    pieces = list(map(_FOLDED.__getitem__, map(ord, text)))
    if JOINED in "".join(pieces):  # clusters of several characters: fold cluster by cluster
        drop = drop_set()
        pieces = [""] * len(text)
        for start, end in _clusters(text):
            pieces[start] = "".join(c for c in fold_cluster(text[start:end]) if c not in drop)
    for gap in _WORD_GAP.finditer(text):
        pieces[gap.start()] = " "
    return pieces


@dataclass(frozen=True)
class FoldedWords:
    """``text`` folded by :func:`fold_words`; :meth:`origin` maps it back to ``source``."""

    source: str
    text: str

    def origin(self) -> Callable[[int], int]:
        """A function: folded offset ``i`` -> the offset in ``source`` of the first character of
        the cluster ``text[i]`` came from (``len(text)`` -> ``len(source)``). Made on demand:
        most texts need none."""
        dropped = [m.start() for m in _dropped().finditer(self.source)]
        if len(self.source) - len(dropped) == len(self.text):
            # The common case: every character kept folds to one (no NFKC expansion, no
            # cluster), so folded offset i is source offset i plus the drops up to there.
            return lambda i: _skip_drops(dropped, i)
        ends = list(accumulate(map(len, _pieces(self.source))))  # folded length after each char
        return lambda i: bisect_right(ends, i)


def _skip_drops(dropped: list[int], i: int) -> int:
    """The source offset ``s`` of folded offset ``i``: ``s = i + (drops at or before s)``."""
    s = i
    while s != (s := i + bisect_right(dropped, s)):
        pass
    return s


@lru_cache(maxsize=1)
def _dropped() -> re.Pattern[str]:
    """The characters :func:`fold_words` drops: those of the table, but a word gap's first."""
    ranges = "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in fold_table()["drop"])
    return re.compile(f"(?!{_WORD_GAP.pattern})[{ranges}]")


def fold_words(text: str) -> FoldedWords:
    """:func:`fold` for a morphological analyser: a whitespace run between two Latin letters or
    digits (``generative AI``) becomes one space instead of nothing, so the words stay apart."""
    if _WORD_GAP.search(text) is None:
        return FoldedWords(text, fold(text))
    return FoldedWords(text, "".join(_pieces(text)))


# Two lighter forms, for matching patterns rather than comparing terms: neither lowercases,
# maps itaiji or drops zero-width characters, so a pattern sees the text's own characters.
_WHITESPACE = re.compile(r"\s+")


def without_whitespace(text: str) -> str:
    """``text`` with every whitespace character removed and nothing else changed: how header
    labels, attendee names and speaker labels spaced out for layout (「委　員」) are read."""
    return _WHITESPACE.sub("", text)


def nfkc_without_whitespace(text: str) -> str:
    """NFKC with every whitespace character removed: the form date, time, closing-line and
    header patterns are matched on, and what a remark's content hash sees (so never change it:
    every published hash depends on it)."""
    # str.split() splits on exactly the characters re's \s matches in a str pattern.
    return "".join(unicodedata.normalize("NFKC", text).split())
