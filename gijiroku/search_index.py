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
is dropped because the seed's PDF line wraps and paragraph breaks fall inside words.

**Index format** (all paths relative to the index directory, all files UTF-8 JSON):

``meta.json``
    ``format`` (``"gijiroku-search/1"``), ``units`` (count), ``shards`` (K, a power of two),
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
    and every pair of adjacent characters (bigram) of the folded texts, plus the filter keys
    ``theme:<slug>`` and ``meeting:<id>`` (longer than two characters, so they never collide
    with text keys). ``postings`` is a flat list over ascending unit numbers: the gap from the
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
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

FORMAT = "gijiroku-search/1"
HASH = "fnv1a32-utf8"
#: Target size of one postings shard and of one units file. A cold query loads meta.json, one
#: shard per distinct bigram of the query and the units files of the results it shows.
SHARD_BYTES = 24_000
CHUNK_BYTES = 12_000
_SOUND_MARKS = "\uff9e\uff9f"  # half-width ﾞﾟ: NFKC composes them with the preceding kana


@lru_cache(maxsize=1)
def fold_table() -> dict[str, Any]:
    """The shared folding table (gijiroku/data/fold.json)."""
    text = resources.files("gijiroku").joinpath("data/fold.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _drop_set() -> frozenset[str]:
    return frozenset(chr(c) for lo, hi in fold_table()["drop"] for c in range(lo, hi + 1))


def _clusters(text: str) -> Iterable[tuple[int, int]]:
    """Yield ``(start, end)`` of each character plus its trailing marks."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not (unicodedata.category(text[i]).startswith("M") or text[i] in _SOUND_MARKS):
            yield start, i
            start = i


def fold_with_map(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Fold ``text``; ``offsets[i]`` is the ``(start, end)`` range of ``text`` that folded char i came from."""
    itaiji, drop = fold_table()["itaiji"], _drop_set()
    out: list[str] = []
    offsets: list[tuple[int, int]] = []
    for start, end in _clusters(text):
        for ch in unicodedata.normalize("NFKC", text[start:end]).lower():
            ch = itaiji.get(ch, ch)
            if ch not in drop:
                out.append(ch)
                offsets.append((start, end))
    return "".join(out), offsets


def fold(text: str) -> str:
    """The folded form used for matching (see the module docstring)."""
    return fold_with_map(text)[0]


def gram_counts(folded: str) -> dict[str, int]:
    """Occurrences of every unigram and bigram of a folded text."""
    counts: dict[str, int] = {}
    for i, ch in enumerate(folded):
        counts[ch] = counts.get(ch, 0) + 1
        if i + 1 < len(folded):
            bigram = folded[i : i + 2]
            counts[bigram] = counts.get(bigram, 0) + 1
    return counts


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


def _encode_postings(postings: list[tuple[int, int]]) -> list[int]:
    out, prev = [], -1
    for unit, count in postings:
        gap = unit - prev
        out.extend([gap] if count == 1 else [-gap, count])
        prev = unit
    return out


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


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def build_index(
    units: list[dict[str, Any]],
    theme_labels: dict[str, str] | None = None,
    shard_bytes: int = SHARD_BYTES,
    chunk_bytes: int = CHUNK_BYTES,
) -> dict[str, str]:
    """Build the index files for ``units``: ``{relative path: JSON text}``. Deterministic."""
    folded = [fold(u["text"]) for u in units]
    order = sorted(range(len(units)), key=lambda i: (len(folded[i]), units[i]["date"], units[i]["id"]))
    ids = [units[i]["id"] for i in order]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate unit IDs in the search units")

    postings: dict[str, list[tuple[int, int]]] = {}
    for number, i in enumerate(order):
        keys = gram_counts(folded[i])
        for theme in units[i]["themes"]:
            keys[f"theme:{theme}"] = 1
        keys[f"meeting:{units[i]['meeting']}"] = 1
        for key, count in keys.items():
            postings.setdefault(key, []).append((number, count))
    encoded = {key: _dumps(_encode_postings(p)) for key, p in postings.items()}

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


_QUOTES = {'"': '"', "\u201c": "\u201d", "\u201d": "\u201d", "\uff02": "\uff02"}
# Term separators: the same explicit list as search.js (str.isspace and JS \s differ slightly).
_SPACES = frozenset("\t\n\v\f\r \u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)


def parse_query(query: str) -> list[str]:
    """Folded terms of a query: whitespace-separated words, or quoted phrases; empty terms dropped."""
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
    return [t for t in (fold(r) for r in raw) if t]


def count_occurrences(haystack: str, needle: str) -> int:
    """Overlapping occurrences of ``needle`` in ``haystack``."""
    count, start = 0, haystack.find(needle)
    while start >= 0:
        count += 1
        start = haystack.find(needle, start + 1)
    return count


def highlight_ranges(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Merged ``(start, end)`` ranges of ``text`` covering every occurrence of every folded term."""
    folded, offsets = fold_with_map(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            spans.append((offsets[start][0], offsets[start + len(term) - 1][1]))
            start = folded.find(term, start + 1)
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _term_keys(term: str) -> list[str]:
    return [term] if len(term) == 1 else [term[i : i + 2] for i in range(len(term) - 1)]


def search(
    files: dict[str, str], query: str, theme: str | None = None, meeting: str | None = None
) -> list[dict[str, Any]]:
    """Reference query over ``build_index`` output: every match, ranked (see the module docstring).

    Returns the unit records, each with ``highlights`` (ranges of ``text``) added.
    """
    meta = json.loads(files["meta.json"])
    width = len(str(meta["shards"] - 1))

    def lookup(key: str) -> dict[int, int]:
        shard = json.loads(files[f"grams/{fnv1a32(key) % meta['shards']:0{width}d}.json"])
        return decode_postings(shard.get(key, []))

    terms = parse_query(query)
    filters = [f"theme:{theme}"] * bool(theme) + [f"meeting:{meeting}"] * bool(meeting)
    if not terms and not filters:
        return []
    candidates: set[int] | None = None
    for key in filters + [k for t in terms for k in _term_keys(t)]:
        units = set(lookup(key))
        candidates = units if candidates is None else candidates & units

    chunks = meta["chunks"]
    whole = "".join(terms)
    ranked = []
    for number in sorted(candidates or ()):
        chunk = max(i for i, start in enumerate(chunks) if start <= number)
        record = json.loads(files[f"units/{chunk:04d}.json"])[number - chunks[chunk]]
        folded = fold(record["text"])
        counts = [count_occurrences(folded, t) for t in terms]
        if all(counts):
            key = (-(whole in folded) if terms else 0, -sum(counts), number)
            ranked.append((key, {**record, "highlights": highlight_ranges(record["text"], terms)}))
    return [record for _, record in sorted(ranked, key=lambda r: r[0])]
