"""Forgiving Japanese queries: the other spellings a query term also matches (identical in
``gijiroku/site/assets/search/search.js``, which reads the same table from ``meta.json``).

A term (a folded query word or phrase) is searched as a set of **alternatives**, any of which
may occur; the index is unchanged (its character bigrams already hold every spelling), so
forgiveness costs no index space and highlighting stays on the original text.

- **Okurigana variants** (``gijiroku/data/okurigana.yml``, from the 送り仮名 rules): every form of
  an entry found in the term (leftmost, longest first) is replaced by each form of its entry.
- **Kana folding**: a term written only in hiragana (and ー) also matches its katakana spelling
  (でじたる → デジタル, いのべーしょん → オープンイノベーション). A term of fewer than
  :data:`KANA_WORD_START_BELOW` characters matches it only where a katakana word begins (the
  folded character before it is not katakana), so that ある does not match inside リアル or
  マニュアル. Katakana terms are not
  folded to hiragana: loanwords are rarely written in hiragana, and a katakana word's hiragana
  spelling is mostly an unrelated run of okurigana and particles (カエル in ふりかえる).

An alternative that contains another (unrestricted) alternative is dropped: every unit it
matches, the shorter one matches too. A term's occurrences in a text are those of its remaining
alternatives, added up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import product

import yaml

from gijiroku.folding import fold

#: At most this many alternatives per term (a term holding several variant words multiplies them).
MAX_ALTERNATIVES = 16
#: A hiragana term shorter than this matches katakana only where a katakana word begins: two or
#: three kana are mostly grammatical words (ある, する, こと) that occur inside loanwords (リアル).
KANA_WORD_START_BELOW = 4
_OPTIONAL = re.compile(r"\(([^()]*)\)")
_HIRAGANA = (0x3041, 0x3096)
_KATAKANA_SHIFT = 0x60  # ァ (U+30A1) - ぁ (U+3041)
_CHOON = "ー"


@dataclass(frozen=True)
class Alternative:
    """One spelling a term may match. Invariant: ``text`` is folded and non-empty;
    ``word_start`` means it matches only where the preceding folded character is not katakana."""

    text: str
    word_start: bool = False


def expand_pattern(pattern: str) -> list[str]:
    """Every form of an okurigana pattern: 取(り)組(み) → 取り組み, 取り組, 取組み, 取組."""
    pieces = _OPTIONAL.split(pattern)  # fixed, optional, fixed, optional, ..., fixed
    choices = [[p] if i % 2 == 0 else [p, ""] for i, p in enumerate(pieces)]
    return ["".join(combo) for combo in product(*choices)]


@lru_cache(maxsize=1)
def variant_groups() -> list[list[str]]:
    """The okurigana table: for each word, its folded forms (the order of the data file)."""
    text = resources.files("gijiroku").joinpath("data/okurigana.yml").read_text(encoding="utf-8")
    groups = []
    for entry in yaml.safe_load(text)["words"]:
        forms = (fold(form) for pattern in entry.split() for form in expand_pattern(pattern))
        groups.append(list(dict.fromkeys(forms)))
    return groups


def _form_index(groups: list[list[str]]) -> dict[str, int]:
    """``{form: its group}``; a form in two groups belongs to the first."""
    index: dict[str, int] = {}
    for number, forms in enumerate(groups):
        for form in forms:
            index.setdefault(form, number)
    return index


@lru_cache(maxsize=8)
def _index_of(groups: tuple[tuple[str, ...], ...]) -> tuple[dict[str, int], int]:
    index = _form_index([list(g) for g in groups])
    return index, max(map(len, index), default=0)


def okurigana_spellings(term: str, groups: list[list[str]]) -> list[str]:
    """The spellings of ``term`` with each variant word in it written in each of its forms
    (``term`` itself first; at most :data:`MAX_ALTERNATIVES`)."""
    index, longest = _index_of(tuple(map(tuple, groups)))
    pieces: list[list[str]] = []  # fixed text, or the forms of a variant word
    i = start = 0
    while i < len(term):
        match = next((term[i : i + n] for n in range(min(longest, len(term) - i), 0, -1)
                      if term[i : i + n] in index), None)
        if match is None:
            i += 1
            continue
        pieces.append([term[start:i]])
        pieces.append([match] + [f for f in groups[index[match]] if f != match])
        i = start = i + len(match)
    pieces.append([term[start:]])
    spellings = []
    for combo in product(*pieces):
        spellings.append("".join(combo))
        if len(spellings) == MAX_ALTERNATIVES:
            break
    return list(dict.fromkeys(spellings))


def is_hiragana_word(term: str) -> bool:
    """Whether ``term`` is written in hiragana only (ー allowed, but not alone)."""
    return any(c != _CHOON for c in term) and all(
        c == _CHOON or _HIRAGANA[0] <= ord(c) <= _HIRAGANA[1] for c in term)


def to_katakana(text: str) -> str:
    return "".join(c if c == _CHOON else chr(ord(c) + _KATAKANA_SHIFT) for c in text)


def is_katakana(ch: str) -> bool:
    """A katakana letter, ー or a katakana iteration mark (what continues a katakana word)."""
    return len(ch) == 1 and 0x30A1 <= ord(ch) <= 0x30FF


def alternatives(term: str, groups: list[list[str]]) -> list[Alternative]:
    """The alternatives of a folded Japanese term (see the module docstring); ``term`` first."""
    found = [Alternative(s) for s in okurigana_spellings(term, groups)]
    if is_hiragana_word(term):
        found.append(Alternative(to_katakana(term), word_start=len(term) < KANA_WORD_START_BELOW))
    return [a for a in found if not any(b.text != a.text and b.text in a.text and not b.word_start for b in found)]


def occurrences(folded: str, alternative: Alternative) -> list[int]:
    """Start positions of ``alternative`` in a folded text (overlapping occurrences count)."""
    needle = alternative.text
    found = []
    at = folded.find(needle)
    while at >= 0:
        if not alternative.word_start or at == 0 or not is_katakana(folded[at - 1]):
            found.append(at)
        at = folded.find(needle, at + 1)
    return found
