"""Remark-level Japanese full-text search: folding, a sharded character-bigram index, a reference query.

Why a bigram index: morphological segmentation depends on context (寄金融機関 → 寄金|融|機関), so a
segment index can never promise that every substring is found. Character n-grams can, with a
verification pass against the text that removes the n-gram false positives.

**Folding** (identical in ``gijiroku/site/assets/search/search.js``; the table is
``gijiroku/data/fold.json`` and is copied into ``meta.json``): the text is cut into clusters (a
character followed by its combining marks and half-width sound marks ﾞﾟ); each cluster is NFKC
normalised, lowercased, mapped through the itaiji table, and stripped of the ``drop`` characters
(whitespace, zero-width characters, soft hyphen, variation selectors). Working per cluster keeps
an exact map from every folded character back to the original characters, so highlights land on
the original text, and keeps Python and JS in agreement (no context-dependent rules). Whitespace
is dropped because the seed's PDF line wraps and paragraph breaks fall inside words. (A text
without combining marks or ﾞﾟ has one-character clusters only; :func:`fold` then folds it with
``str.translate`` and a per-character table, which gives the same result much faster.)

**Languages**: ``meta.json`` records ``language``. ``"ja"`` (the default) indexes folded
character unigrams and bigrams as described here. ``"en"`` (the English site) indexes word tokens:
the text is folded per cluster as above (NFKC, lowercase, itaiji) but whitespace and punctuation
separate tokens; a token is a maximal run of letters, digits and marks (Unicode categories L, N,
M), except that each kana or CJK ideograph is a token of its own (so Japanese left in an English
page is still found by substring); dropped format characters (zero-width, soft hyphen, variation
selectors: categories Cf and Mn) join rather than separate. ASCII tokens are then reduced by
:func:`stem`, a deliberately small suffix stripper (plural ``s/es/ies``, ``ed``, ``ing``, ``ly``,
final ``y``→``i`` and final ``e``), shared with search.js through
``tests/fixtures/stem_cases.json``. In English a term is the token sequence of one query word or
quoted phrase and matches where those tokens occur consecutively; postings keys are the tokens.

**Index format** (all paths relative to the index directory, all files UTF-8 JSON):

``meta.json``
    ``format`` (``"gijiroku-search/1"``), ``language`` (``"ja"`` or ``"en"``; absent means
    ``"ja"``), ``units`` (count), ``shards`` (K, a power of two),
    ``hash`` (``"fnv1a32-utf8"``: a key lives in shard ``fnv1a32(utf8(key)) % K``),
    ``chunks`` (first unit number of each units file), ``fold`` (the folding table),
    ``themes`` (``[{slug, label, count}]``), ``meetings`` (path of the meetings list).
``units/NNNN.json``
    A list of unit records ``{id, url, meeting, title, date, number, themes, text}``; units file
    ``i`` holds unit numbers ``chunks[i]`` .. ``chunks[i+1]-1``. ``text`` is the original text.
    Unit numbers are assigned in order of folded text length (then date, then id), so "shorter
    remarks first" is "lower unit number first" and needs no stored lengths.
``grams/NNNN.json``
    ``{key: postings}`` for the keys hashed to shard NNNN. Keys are every character (unigram)
    and every pair of adjacent characters (bigram) of the folded texts (in English: every
    token), plus the filter keys
    ``theme:<slug>`` and ``meeting:<id>`` (longer than two characters, so they never collide
    with text keys; an English token never holds ``:``). ``postings`` is a flat list over
    ascending unit numbers: the gap from the
    previous unit number (the first gap counts from -1), written as ``gap`` when the key occurs
    once in that unit and as ``-gap, count`` when it occurs ``count > 1`` times.
``meetings.json``
    ``[{id, title, date}]`` for the meeting filter, newest first; not needed to answer a query.

**Query semantics**: the query is split on whitespace into terms (AND); text inside double
quotes ("…", “…”, ＂…＂) is one term, so its words must occur contiguously (whitespace is not
significant after folding). A unit matches when every folded term is a substring of its folded
text. Candidates come from intersecting the postings of each term's bigrams (its unigram for a
one-character term) and are verified against the text. Ranking: units containing the whole
query (all terms concatenated) first, then more occurrences (overlapping, summed over terms),
then shorter texts. Because ``count(term) <= min(count(bigram))``, the postings give an upper
bound of every unit's rank key, which lets the browser verify only the best candidates.
"""

from __future__ import annotations

import json
import operator
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal

from gijiroku.folding import (  # the one folding of the project, shared with search.js
    JOINED as _JOINED,
    Memo as _Memo,
    drop_set as _drop_set,
    fold,
    fold_cluster as _fold_cluster,
    fold_table,
    fold_with_map,
    folded_chars as _folded_chars,
    per_char as _per_char,
)

FORMAT = "gijiroku-search/1"
LANGUAGES = ("ja", "en")
HASH = "fnv1a32-utf8"
#: Target size of one postings shard and of one units file. A cold query loads meta.json, one
#: shard per distinct bigram of the query and the units files of the results it shows.
SHARD_BYTES = 24_000
CHUNK_BYTES = 12_000



# Kana and CJK ideographs (the same ranges as search.js): one English-mode token each.
_CJK = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))


def _is_cjk(ch: str) -> bool:
    return any(lo <= ord(ch) <= hi for lo, hi in _CJK)


TokenRole = Literal["word", "cjk", "space", "join"]


@lru_cache(maxsize=None)
def _token_role(ch: str) -> TokenRole:
    """What a folded character is to English-mode tokens: part of a word, a token of its own
    (kana, CJK), a separator, or nothing (a dropped format character, which joins)."""
    category = unicodedata.category(ch)
    if ch in _drop_set():
        return "join" if category in ("Cf", "Mn") else "space"
    if category[0] not in "LNM":
        return "space"
    return "cjk" if _is_cjk(ch) else "word"


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """English-mode tokens of ``text``: ``(stemmed token, start, end)`` with ``text[start:end]``
    the original characters (see "Languages" in the module docstring)."""
    tokens: list[tuple[str, int, int]] = []
    word: list[str] = []
    span = [0, 0]

    def flush() -> None:
        if word:
            tokens.append((stem("".join(word)), span[0], span[1]))
            word.clear()

    for ch, start, end in _folded_chars(text):
        role = _token_role(ch)
        if role == "word":
            if not word:
                span[0] = start
            word.append(ch)
            span[1] = end
        elif role != "join":
            flush()
            if role == "cjk":
                tokens.append((ch, start, end))
    flush()
    return tokens


def _token_chars(keep: TokenRole, space: tuple[TokenRole, ...]) -> _Memo[int, str]:
    """A table keeping the folded characters of role ``keep``, turning those of the roles in
    ``space`` into a space and dropping the rest."""
    def of_char(ch: str) -> str:
        roles = ((c, _token_role(c)) for c in _fold_cluster(ch))
        return "".join(c if role == keep else " " if role in space else "" for c, role in roles)
    return _per_char(of_char)


# The English-mode tokens of a text without joining characters, as two strings made in C: its
# words between spaces (a kana or CJK character separates words, as in tokenize) and its kana and
# CJK characters, each a token. The order of the tokens is lost; their counts are not.
_WORDS = _token_chars("word", space=("space", "cjk"))
_CJK_TOKENS = _token_chars("cjk", space=())


def tokens_unordered(text: str) -> Iterable[str]:
    """Every English-mode token of ``text``: those of :func:`tokenize`, in another order."""
    words = text.translate(_WORDS)
    if _JOINED in words:
        return [token for token, _, _ in tokenize(text)]
    return chain(text.translate(_CJK_TOKENS), map(_STEMS.__getitem__, filter(None, words.split(" "))))


def _has_vowel(word: str) -> bool:
    return any(ch in "aeiouy" for ch in word)


def stem(word: str) -> str:
    """A small suffix stripper for lowercase ASCII words (other tokens are returned unchanged).

    Not Porter: just enough that plural, past, progressive and -ly forms meet their base form
    (policies/policy → polici, decentralised/decentralise → decentralis, running → run).
    search.js implements the same steps; tests/fixtures/stem_cases.json holds both to them.
    """
    if len(word) <= 2 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed", "ly"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3 and _has_vowel(base):
            word = base
            # running → runn → run; but not fall → fal, pass → pas, buzz → buz
            if suffix != "ly" and word[-1] == word[-2] and word[-1] not in "aeiouylsz":
                word = word[:-1]
            break
    if word.endswith("y") and len(word) > 2 and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


_STEMS = _Memo(stem)  # a corpus has far fewer distinct words than words, so stem each once


def grams(folded: str) -> Iterator[str]:
    """Every occurrence of a unigram or bigram in a folded text (the unigrams first)."""
    chars = list(folded)  # one string per character, shared by its unigram and both bigrams
    return chain(chars, map(operator.add, chars, chars[1:]))


def fnv1a32(key: str) -> int:
    h = 0x811C9DC5
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def units_from_minutes(doc: dict[str, Any], page_url: str) -> list[dict[str, Any]]:
    """Search units (every remark and every item) of one meeting's YAML document.

    ``page_url`` is the site path of the meeting page, e.g. ``meti-smart-resilient/06/``.
    """
    meeting = doc["meeting"]
    units = []

    def unit(node: dict[str, Any], number: str) -> dict[str, Any]:
        return {
            "id": node["id"],
            "url": f"{page_url}#{node['id']}",
            "meeting": meeting["id"],
            "title": meeting["title"],
            "date": meeting["date"],
            "number": number,
            "themes": [t["theme"] for t in node.get("themes") or []],
            "text": node["text"],
        }

    for remark in doc.get("remarks") or []:
        units.append(unit(remark, str(remark["number"])))
        for k, item in enumerate(remark.get("items") or [], start=1):
            units.append(unit(item, f"{remark['number']}-{k}"))
    return units


def _posting_text(entry: tuple[int, int]) -> str:
    """One unit's entry ``(gap, count)`` in a postings list, as JSON: ``gap``, or ``-gap,count``."""
    gap, count = entry
    return str(gap) if count == 1 else f"-{gap},{count}"


def _encode_postings(occurrences: list[int], texts: _Memo[tuple[int, int], str]) -> str:
    """The JSON text of one key's postings (see "Index format" in the module docstring) from the
    unit number of each of its occurrences, ascending; ``texts`` is a :func:`_posting_text` memo
    (most entries are small numbers, met again and again)."""
    counts = Counter(occurrences)  # its units, ascending, with their counts
    units = list(counts)
    gaps = map(operator.sub, units, [-1, *units[:-1]])
    return "[" + ",".join(map(texts.__getitem__, zip(gaps, counts.values()))) + "]"


def decode_postings(encoded: list[int]) -> dict[int, int]:
    """Inverse of the postings encoding: ``{unit number: count}``."""
    out: dict[int, int] = {}
    unit, i = -1, 0
    while i < len(encoded):
        gap = encoded[i]
        if gap < 0:
            unit -= gap
            out[unit] = encoded[i + 1]
            i += 2
        else:
            unit += gap
            out[unit] = 1
            i += 1
    return out


# What json.dumps(value, ensure_ascii=False, separators=(",", ":")) does, without making an
# encoder for every one of the tens of thousands of values.
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def build_index(
    units: list[dict[str, Any]],
    theme_labels: dict[str, str] | None = None,
    shard_bytes: int = SHARD_BYTES,
    chunk_bytes: int = CHUNK_BYTES,
    language: str = "ja",
) -> dict[str, str]:
    """Build the index files for ``units``: ``{relative path: JSON text}``. Deterministic."""
    if language not in LANGUAGES:
        raise ValueError(f"search language {language!r} is not one of {', '.join(LANGUAGES)}")
    folded = [fold(u["text"]) for u in units]
    order = sorted(range(len(units)), key=lambda i: (len(folded[i]), units[i]["date"], units[i]["id"]))
    ids = [units[i]["id"] for i in order]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate unit IDs in the search units")

    # The unit number of every occurrence of every key, in ascending order.
    occurrences: defaultdict[str, list[int]] = defaultdict(list)
    for number, i in enumerate(order):
        unit = units[i]
        text_keys = grams(folded[i]) if language == "ja" else tokens_unordered(unit["text"])
        themes = dict.fromkeys(unit["themes"])  # a theme listed twice is still one entry
        filter_keys = [*(f"theme:{theme}" for theme in themes), f"meeting:{unit['meeting']}"]
        for key in chain(text_keys, filter_keys):
            occurrences[key].append(number)
    texts = _Memo(_posting_text)
    encoded = {key: _encode_postings(o, texts) for key, o in occurrences.items()}

    total = sum(len(k.encode()) + len(v) + 4 for k, v in encoded.items())
    shards = 1
    while total / shards > shard_bytes:
        shards *= 2
    width = len(str(shards - 1))
    buckets: list[list[str]] = [[] for _ in range(shards)]
    for key in sorted(encoded):
        buckets[fnv1a32(key) % shards].append(f"{_dumps(key)}:{encoded[key]}")

    files: dict[str, str] = {}
    for n, bucket in enumerate(buckets):
        files[f"grams/{n:0{width}d}.json"] = "{" + ",".join(bucket) + "}"

    chunks: list[int] = []
    records: list[str] = []
    size = 0

    def flush() -> None:
        files[f"units/{len(chunks) - 1:04d}.json"] = "[" + ",".join(records) + "]"

    for number, i in enumerate(order):
        record = _dumps({k: units[i][k] for k in ("id", "url", "meeting", "title", "date", "number", "themes", "text")})
        if not records or size + len(record.encode()) > chunk_bytes:
            if records:
                flush()
            chunks.append(number)
            records, size = [], 0
        records.append(record)
        size += len(record.encode())
    if records:
        flush()

    theme_counts: dict[str, int] = {}
    meetings: dict[str, dict[str, str]] = {}
    for u in units:
        for theme in u["themes"]:
            theme_counts[theme] = theme_counts.get(theme, 0) + 1
        meetings.setdefault(u["meeting"], {"id": u["meeting"], "title": u["title"], "date": u["date"]})
    labels = theme_labels or {}
    files["meetings.json"] = _dumps(sorted(meetings.values(), key=lambda m: (m["date"], m["id"]), reverse=True))
    files["meta.json"] = _dumps(
        {
            "format": FORMAT,
            "language": language,
            "units": len(units),
            "shards": shards,
            "hash": HASH,
            "chunks": chunks,
            "fold": fold_table(),
            "themes": [{"slug": t, "label": labels.get(t, t), "count": c} for t, c in sorted(theme_counts.items())],
            "meetings": "meetings.json",
        }
    )
    return files


def write_index(files: dict[str, str], out_dir: str | Path) -> None:
    """Write ``build_index`` output under ``out_dir`` (creating directories)."""
    root = Path(out_dir)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def write_search_index(
    units: list[dict[str, Any]],
    out_dir: str | Path,
    language: str = "ja",
    theme_labels: dict[str, str] | None = None,
) -> dict[str, str]:
    """Build and write the index of ``units`` for one site language; returns the files written.

    For a site that writes its index after the build (``on_post_build``), e.g. the English site
    with units from ``minutes/<series>/<NN>.en.yml``; the gijiroku plugin itself adds the same
    files to the build in ``on_files`` (see :mod:`gijiroku.site.search`).
    """
    files = build_index(units, theme_labels, language=language)
    write_index(files, out_dir)
    return files


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
