"""The reference implementation of search.js's query semantics (see :mod:`gijiroku.search.index`):
terms, matching, highlighting and ranking over an index built by :func:`~gijiroku.search.index.build_index`.
"""

from __future__ import annotations

import json
from typing import Any

from gijiroku.folding import (  # the one folding of the project, shared with search.js
    fold,
    fold_with_map,
)
from gijiroku.search.index import decode_postings
from gijiroku.search.tokens import fnv1a32, tokenize

_QUOTES = {'"': '"', "\u201c": "\u201d", "\u201d": "\u201d", "\uff02": "\uff02"}
# Term separators: the same explicit list as search.js (str.isspace and JS \s differ slightly).
_SPACES = frozenset("\t\n\v\f\r \u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)


def parse_query(query: str) -> list[str]:
    """Folded terms of a query: whitespace-separated words, or quoted phrases; empty terms dropped."""
    return [t for t in (fold(r) for r in _raw_terms(query)) if t]


#: A query term: a folded string (``ja``) or a tuple of stemmed tokens (``en``).
Term = str | tuple[str, ...]


def query_terms(query: str, language: str = "ja") -> list[Term]:
    """The terms of a query in ``language``; a word or phrase with nothing searchable is dropped."""
    if language == "ja":
        return list(parse_query(query))
    return [t for t in (tuple(tok for tok, _, _ in tokenize(r)) for r in _raw_terms(query)) if t]


def _raw_terms(query: str) -> list[str]:
    """The words and quoted phrases of a query, unfolded (some may be empty)."""
    raw: list[str] = []
    i, word = 0, []
    while i < len(query):
        ch = query[i]
        if ch in _QUOTES:
            close = query.find(_QUOTES[ch], i + 1)
            close = len(query) if close < 0 else close
            raw.append("".join(word))
            raw.append(query[i + 1 : close])
            word, i = [], close + 1
            continue
        if ch in _SPACES:
            raw.append("".join(word))
            word = []
        else:
            word.append(ch)
        i += 1
    raw.append("".join(word))
    return raw


def count_occurrences(haystack: str | tuple[str, ...], needle: Term) -> int:
    """Overlapping occurrences of ``needle`` in ``haystack`` (a folded text, or a token tuple)."""
    n = len(needle)
    return sum(1 for i in range(len(haystack) - n + 1) if haystack[i : i + n] == needle)


def analysed(text: str, language: str = "ja") -> str | tuple[str, ...]:
    """What terms are matched against: the folded text (``ja``) or its token tuple (``en``)."""
    return fold(text) if language == "ja" else tuple(tok for tok, _, _ in tokenize(text))


def highlight_ranges(text: str, terms: list[Term], language: str = "ja") -> list[tuple[int, int]]:
    """Merged ``(start, end)`` ranges of ``text`` covering every occurrence of every term."""
    if language == "ja":
        folded, offsets = fold_with_map(text)
        units: str | tuple[str, ...] = folded
        starts = [s for s, _ in offsets]
        ends = [e for _, e in offsets]
    else:
        tokens = tokenize(text)
        units = tuple(tok for tok, _, _ in tokens)
        starts = [s for _, s, _ in tokens]
        ends = [e for _, _, e in tokens]
    spans = []
    for term in terms:
        n = len(term)
        spans += [(starts[i], ends[i + n - 1]) for i in range(len(units) - n + 1) if units[i : i + n] == term]
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def term_keys(term: Term) -> list[str]:
    """The postings keys a unit must hold to contain ``term``: its bigrams (its one character),
    or its distinct tokens."""
    if isinstance(term, tuple):
        return list(dict.fromkeys(term))
    return [term] if len(term) == 1 else [term[i : i + 2] for i in range(len(term) - 1)]


def join_terms(terms: list[Term]) -> Term:
    """The whole query as one term (ranked first when it occurs)."""
    if terms and isinstance(terms[0], tuple):
        return tuple(tok for term in terms for tok in term)
    return "".join(terms)  # type: ignore[arg-type]


def search(
    files: dict[str, str], query: str, theme: str | None = None, meeting: str | None = None
) -> list[dict[str, Any]]:
    """Reference query over ``build_index`` output: every match, ranked (see the module docstring).

    Returns the unit records, each with ``highlights`` (ranges of ``text``) added.
    """
    meta = json.loads(files["meta.json"])
    language = meta.get("language", "ja")
    width = len(str(meta["shards"] - 1))

    def lookup(key: str) -> dict[int, int]:
        shard = json.loads(files[f"grams/{fnv1a32(key) % meta['shards']:0{width}d}.json"])
        return decode_postings(shard.get(key, []))

    terms = query_terms(query, language)
    filters = [f"theme:{theme}"] * bool(theme) + [f"meeting:{meeting}"] * bool(meeting)
    if not terms and not filters:
        return []
    candidates: set[int] | None = None
    for key in filters + [k for t in terms for k in term_keys(t)]:
        units = set(lookup(key))
        candidates = units if candidates is None else candidates & units

    chunks = meta["chunks"]
    whole = join_terms(terms)
    ranked = []
    for number in sorted(candidates or ()):
        chunk = max(i for i, start in enumerate(chunks) if start <= number)
        record = json.loads(files[f"units/{chunk:04d}.json"])[number - chunks[chunk]]
        text = analysed(record["text"], language)
        counts = [count_occurrences(text, t) for t in terms]
        if all(counts):
            key = (-(count_occurrences(text, whole) > 0) if terms else 0, -sum(counts), number)
            ranked.append((key, {**record, "highlights": highlight_ranges(record["text"], terms, language)}))
    return [record for _, record in sorted(ranked, key=lambda r: r[0])]

