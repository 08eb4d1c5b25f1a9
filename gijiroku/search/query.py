"""The reference implementation of search.js's query semantics (see :mod:`gijiroku.search.index`):
terms, matching, highlighting and ranking over an index built by :func:`~gijiroku.search.index.build_index`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Callable

from gijiroku.folding import (  # the one folding of the project, shared with search.js
    fold,
    fold_with_map,
)
from gijiroku.search.index import (
    chunk_starts,
    decode_postings,
    decode_unit_dates,
    id_key,
    searchable_text,
    speaker_key,
    unit_record,
)
from gijiroku.search.tokens import fnv1a32, is_cjk, tokenize
from gijiroku.search.variants import Alternative, alternatives, is_katakana, variant_groups
from gijiroku.search.variants import occurrences as _occurrences

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


def term_alternatives(term: Term) -> list[Alternative]:
    """The spellings a term matches (:mod:`gijiroku.search.variants`). An English term is matched
    as it is, unless it is Japanese (every token a kana or CJK character, as on ``en/`` where the
    originals are searched): then its characters' alternatives, each as a token tuple."""
    if isinstance(term, str):
        return alternatives(term, variant_groups())
    if term and all(len(token) == 1 and is_cjk(token) for token in term):
        return [Alternative(tuple(a.text), a.word_start) for a in alternatives("".join(term), variant_groups())]
    return [Alternative(term)]


def positions(haystack: str | tuple[str, ...], alternative: Alternative) -> list[int]:
    """Where ``alternative`` starts in ``haystack`` (a folded text, or a token tuple)."""
    if isinstance(haystack, str):
        return _occurrences(haystack, alternative)
    needle, n = alternative.text, len(alternative.text)
    return [i for i in range(len(haystack) - n + 1) if haystack[i : i + n] == needle
            and (not alternative.word_start or i == 0 or not is_katakana(haystack[i - 1]))]


def count_occurrences(haystack: str | tuple[str, ...], needle: Term) -> int:
    """Overlapping occurrences of ``needle`` (any of its alternatives) in ``haystack``."""
    return sum(len(positions(haystack, a)) for a in term_alternatives(needle))


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
    for alternative in (a for term in terms for a in term_alternatives(term)):
        n = len(alternative.text)
        spans += [(starts[i], ends[i + n - 1]) for i in positions(units, alternative)]
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def term_keys(term: Term) -> list[str]:
    """The postings keys a unit must hold to contain one spelling of a term: its distinct
    tokens; its one character; or a cover of its bigrams, every other one from the first and
    the last (each character in one of them: 地域金融機関 → 地域, 金融, 機関). The bigrams left
    out would narrow the candidates further, but the text is verified anyway, and each key
    costs the browser a shard."""
    if isinstance(term, tuple):
        return list(dict.fromkeys(term))
    if len(term) == 1:
        return [term]
    starts = sorted({*range(0, len(term) - 1, 2), len(term) - 2})
    return list(dict.fromkeys(term[i : i + 2] for i in starts))


def term_units(term: Term, lookup: Callable[[str], dict[int, int]]) -> set[int]:
    """The units holding every key of at least one alternative of ``term`` (its candidates)."""
    found: set[int] = set()
    for alternative in term_alternatives(term):
        lists = [set(lookup(key)) for key in term_keys(alternative.text)]
        found |= set.intersection(*lists)
    return found


def join_terms(terms: list[Term]) -> Term:
    """The whole query as one term (ranked first when it occurs)."""
    if terms and isinstance(terms[0], tuple):
        return tuple(tok for term in terms for tok in term)
    return "".join(terms)  # type: ignore[arg-type]


def shown(record: dict[str, Any], highlights: list[tuple[int, int]]) -> dict[str, Any]:
    """A result as the browser shows it: the record with ``highlights`` (ranges of ``text``); a
    record whose matches are all in its ``original`` (see :func:`searchable_text`) is shown as the
    original, with its ranges; matches in theme labels are not marked."""
    n = len(record["text"])
    start, end = n + 1, n + 1 + len(record.get("original", ""))
    inside = [(s - start, e - start) for s, e in highlights if start <= s and e <= end]
    if record.get("original") and inside and not any(s < n for s, _ in highlights):
        return {**record, "text": record["original"], "highlights": inside}
    return {**record, "highlights": [(s, min(e, n)) for s, e in highlights if s < n]}


#: The sort orders of a query (the search page's ``sort`` parameter); the first is the default.
SORTS = ("relevance", "newest", "oldest")


@dataclass(frozen=True)
class Filters:
    """What a query is narrowed to and how it is sorted; "" for no filter. Invariants: ``sort``
    is one of :data:`SORTS`; ``date_from``/``date_to`` are ISO dates (inclusive) or ""."""

    theme: str = ""
    meeting: str = ""
    series: str = ""
    speaker: str = ""  # a name as written; matched folded (speaker_key)
    date_from: str = ""
    date_to: str = ""
    sort: str = "relevance"

    def keys(self) -> list[str]:
        """The postings keys every result must hold."""
        return ([f"theme:{self.theme}"] * bool(self.theme) + [f"meeting:{self.meeting}"] * bool(self.meeting)
                + [f"series:{self.series}"] * bool(self.series)
                + [speaker_key(self.speaker)] * bool(self.speaker.strip()))

    def by_date(self) -> bool:
        """True when the query needs every unit's date (dates.json)."""
        return bool(self.date_from or self.date_to) or self.sort != "relevance"

    def admits(self, date: str) -> bool:
        return (not self.date_from or date >= self.date_from) and (not self.date_to or date <= self.date_to)


def search(
    files: dict[str, str], query: str, theme: str | None = None, meeting: str | None = None,
    filters: Filters | None = None,
) -> list[dict[str, Any]]:
    """Reference query over ``build_index`` output: every match, ranked (see the module docstring).

    Returns the unit records, each with ``highlights`` (ranges of ``text``) added.
    """
    meta = json.loads(files["meta.json"])
    language = meta.get("language", "ja")
    width = len(str(meta["shards"] - 1))
    narrow = filters or Filters(theme=theme or "", meeting=meeting or "")

    def lookup(key: str) -> dict[int, int]:
        shard = json.loads(files[f"grams/{fnv1a32(key) % meta['shards']:0{width}d}.json"])
        return decode_postings(shard.get(key, []))

    terms = query_terms(query, language)
    keys = narrow.keys()
    dates = decode_unit_dates(json.loads(files[meta["dates"]])) if narrow.by_date() else []
    if not terms and not keys and not (dates and (narrow.date_from or narrow.date_to)):
        return []
    candidates: set[int] | None = set(range(meta["units"])) if dates else None
    for units in [set(lookup(key)) for key in keys] + [term_units(t, lookup) for t in terms]:
        candidates = units if candidates is None else candidates & units

    labels = {t["slug"]: t["label"] for t in meta["themes"]}
    whole = join_terms(terms)
    ranked = []
    for number in sorted(candidates or ()):
        if dates and not narrow.admits(dates[number]):
            continue
        record = unit_of(files, meta, number)
        searchable = searchable_text(record, labels, language)
        text = analysed(searchable, language)
        counts = [count_occurrences(text, t) for t in terms]
        if all(counts):
            key = (-(count_occurrences(text, whole) > 0) if terms else 0, -sum(counts), number)
            ranked.append((date_key(dates, number, narrow.sort) + key,
                           shown(record, highlight_ranges(searchable, terms, language))))
    return [record for _, record in sorted(ranked, key=lambda r: r[0])]


def date_key(dates: list[str], number: int, sort: str) -> tuple[int, ...]:
    """The leading part of a rank key in a date sort: the date's ordinal, negated for newest."""
    if sort == "relevance":
        return ()
    ordinal = dt.date.fromisoformat(dates[number]).toordinal()
    return (-ordinal,) if sort == "newest" else (ordinal,)


# A remark or item ID (sr06-19, sr06-19-2: series code and meeting number, then numbers), as
# search.js's ID_QUERY; the query is folded first, so ＳＲ０６－１９ is one too.
_ID_QUERY = re.compile(r"[a-z][a-z0-9]*[0-9]+(?:-[0-9]+){1,2}")


def id_query(query: str) -> str:
    """The unit ID a query is, folded (NFKC, lowercase; a full-width hyphen is one too), or ""."""
    folded = fold(query.strip()).replace("\u2212", "-")
    return folded if _ID_QUERY.fullmatch(folded) else ""


def jump(files: dict[str, str], query: str) -> dict[str, Any] | None:
    """The unit whose ID the query is (shown first, as a link straight to it), or None."""
    unit_id = id_query(query)
    if not unit_id:
        return None
    meta = json.loads(files["meta.json"])
    width = len(str(meta["shards"] - 1))
    key = id_key(unit_id)
    units = decode_postings(json.loads(files[f"grams/{fnv1a32(key) % meta['shards']:0{width}d}.json"]).get(key, []))
    if not units:
        return None
    return unit_of(files, meta, min(units))


def unit_of(files: dict[str, str], meta: dict[str, Any], number: int) -> dict[str, Any]:
    """The record of unit ``number`` (:func:`~gijiroku.search.index.unit_record`): its row in
    the units file that holds it (under meta.json's ``units_at``; ``files`` then holds that
    index's files under paths starting with it), with its translation when it has one."""
    chunks = chunk_starts(meta)
    chunk = bisect_right(chunks, number) - 1
    row = json.loads(files[f"{meta['units_at']}units/{chunk:04d}.json"])[number - chunks[chunk]]
    translation = (json.loads(files[f"texts/{chunk:04d}.json"])[number - chunks[chunk]]
                   if chunk in meta["texts"] else None)
    return unit_record(row, meta, translation)


def records(files: dict[str, str]) -> list[dict[str, Any]]:
    """Every unit's record, in unit number order."""
    meta = json.loads(files["meta.json"])
    return [unit_of(files, meta, number) for number in range(meta["units"])]
