"""Remark-level Japanese full-text search: the sharded character-bigram index and its format
(the query side is :mod:`gijiroku.search.query`, how text becomes keys :mod:`gijiroku.search.tokens`).

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
separate tokens; a unit's searchable text is its text, then its Japanese original (the record's
optional ``original``, which the English site shows beside a translation) and the English labels
of its themes, a line each, so that 地域金融 and "regional finance" find remarks on ``en/``
(highlights are ranges of that searchable text; the browser shows the original when the text has
none). A token is a maximal run of letters, digits and marks (Unicode categories L, N,
M), except that each kana or CJK ideograph is a token of its own (so Japanese left in an English
page is still found by substring); dropped format characters (zero-width, soft hyphen, variation
selectors: categories Cf and Mn) join rather than separate. ASCII tokens are then rewritten in
American spelling (``gijiroku/data/spelling_en.yml``: digitalisation → digitalization) and reduced
by the Snowball English stemmer (:func:`~gijiroku.search.tokens.stem`; search.js has a port,
``assets/search/snowball-english.js``), both shared with search.js through
``tests/fixtures/stem_cases.json``. In English a term is the token sequence of one query word or
quoted phrase and matches where those tokens occur consecutively; postings keys are the tokens.

**Index format** (all paths relative to the index directory, all files UTF-8 JSON):

``meta.json``
    ``format`` (``"gijiroku-search/2"``), ``language`` (``"ja"`` or ``"en"``; absent means
    ``"ja"``), ``units`` (count), ``shards`` (K, any number: the fewest of at most
    ``shard_bytes`` on average), ``hash`` (``"fnv1a32-utf8"``: a key lives in shard
    ``fnv1a32(utf8(key)) % K``), ``rows`` (the number of rows of each units file, in order,
    written as the numbers of a postings string, below: :func:`chunk_starts` reads it),
    ``units_at`` (the URL of the directory whose ``units/`` this index reads, relative to this
    one, ending in ``/``; ``""``: this one), ``texts`` (the numbers of the units files that
    have a texts file), ``fold`` (the folding table), ``variants`` (the okurigana table, each
    word's folded forms, for Japanese queries, also on ``en/``; see
    :mod:`gijiroku.search.variants`), ``spelling`` (English only: the British → American
    spelling table, :func:`~gijiroku.search.tokens.spelling_table`), ``themes`` (``[{slug,
    label, count}]``, by slug), ``series`` (``[{slug, code, title, count}]``, by slug),
    ``meetings``, ``dates``, ``speakers`` (paths of the files below, relative to this index;
    ``dates`` and ``speakers`` are under ``units_at``: they too are the same in every language).
``units/NNNN.json`` (under ``units_at``)
    A list of unit rows ``[id, page, meeting, series, num, date, number, speaker, themes,
    text]`` (:data:`ROW_FIELDS`, :func:`unit_record` reads one): ``page`` is the meeting page's
    URL (relative to the site root; the unit's URL is ``page#id``), ``series`` the series'
    place in meta.json's ``series`` (null for none), ``num`` the meeting's number (or null),
    ``speaker`` a named speaker or null, ``themes`` places in meta.json's ``themes``, ``text``
    the text in the source language (:func:`original_text`). Units file ``i`` holds the
    ``rows[i]`` unit numbers after those of the files before it, about ``chunk_bytes`` each.
    Unit numbers are assigned in order of the folded source text's length (then date, then
    id), so "shorter remarks first" is "lower unit number first" and needs no stored lengths.
    The rows do not depend on the language, so a secondary language's index reads the default
    one's (``units_at``, :func:`build_index`), and its dates.json and speakers.json.
``texts/NNNN.json``
    For a units file with translated units: a list beside its rows, each the translation
    (the record's ``text``; the row's text becomes its ``original``) or null.
``grams/NNNN.json``
    ``{key: postings}`` for the keys hashed to shard NNNN. Keys are every character (unigram)
    and every pair of adjacent characters (bigram) of the folded texts (in English: every
    token), plus the filter keys ``theme:<slug>``, ``meeting:<id>``, ``series:<slug>`` and
    ``speaker:<folded name>``, and ``id:<unit id>`` (the unit's own ID, for the ID jump); they
    are longer than two characters, so they never collide with text keys, and an English token
    never holds ``:``. ``postings`` is a string over ascending unit numbers: for each unit
    holding the key, its gap from the previous unit number (the first gap counts from -1)
    written as the number ``2 * (gap - 1)`` when the key occurs once in that unit, and as
    ``2 * (gap - 1) + 1`` then ``count - 2`` when it occurs ``count > 1`` times. A number is
    written 5 bits a digit, most significant first, in the digits
    ``0-9A-Za-z-_`` (value 0..63): a digit below 32 is a number's last, a digit ``32 + bits``
    is followed by more (so 0..31 take one character, up to 1023 two).
``meetings.json``
    ``[{id, title, date, series, num}]`` for the meeting filter, newest first
    (:func:`meetings_list`); not needed to answer a query.
``dates.json``
    Every unit's date, packed (:func:`unit_dates`), for the date range and the date sorts.
``speakers.json``
    ``[{name, count}]`` of named speakers for the speaker filter (:func:`speakers_list`).

**Query semantics**: the query is split on whitespace into terms (AND); text inside double
quotes ("…", “…”, ＂…＂) is one term, so its words must occur contiguously (whitespace is not
significant after folding). A unit matches when, for every folded term, one of the term's
alternatives (its okurigana and kana variants, :mod:`gijiroku.search.variants`) is a substring
of its folded text. A term's candidates are the union over its alternatives of the intersected
postings of a cover of the alternative's bigrams (every other one and the last, so that each
character is in one: :func:`gijiroku.search.query.term_keys`; its unigram for a one-character
alternative); they are verified against the text, and a term's occurrences are those of its
alternatives added up.
Ranking: units containing the whole query (all terms concatenated) first, then more
occurrences (overlapping, summed over terms), then shorter texts (in the source language: lower
unit number). Sorted by date (``newest`` or ``oldest``), the date comes first and this order
breaks ties. Filters: the filter keys above, and a date range ``from``..``to`` (ISO dates,
inclusive, either open) checked against dates.json. Because ``count(term) <= count(bigram)``
for any of its bigrams, the postings give an upper bound of every unit's rank key (a date
sort's date is exact), which lets the browser verify only the best candidates.
"""

from __future__ import annotations

import json
import operator
from collections import Counter, defaultdict
from itertools import accumulate, chain
from pathlib import Path
from typing import Any

from gijiroku.folding import (  # the one folding of the project, shared with search.js
    Memo as _Memo,
)
from gijiroku.folding import (
    fold,
    fold_table,
)
from gijiroku.named import is_named
from gijiroku.model import Item, Minutes, Remark
from gijiroku.search.tokens import fnv1a32, grams, spelling_table, tokens_unordered
from gijiroku.search.variants import variant_groups

FORMAT = "gijiroku-search/2"
LANGUAGES = ("ja", "en")
HASH = "fnv1a32-utf8"
#: Target size of one postings shard (on average) and of one units file. A cold query loads
#: meta.json, one shard per distinct bigram of the query and the units files of the results it
#: shows (about 20): smaller files cost the site files, larger ones the reader bytes.
SHARD_BYTES = 20_000
CHUNK_BYTES = 13_000



def units_from_minutes(minutes: Minutes, page_url: str) -> list[dict[str, Any]]:
    """Search units (every remark and every item) of one meeting's minutes.

    ``page_url`` is the site path of the meeting page, e.g. ``meti-smart-resilient/06/``.
    """
    meeting = minutes.meeting
    units = []

    def unit(node: Remark | Item, number: str, speaker: str) -> dict[str, Any]:
        return {
            "id": node.id,
            "url": f"{page_url}#{node.id}",
            "meeting": meeting.id,
            "title": meeting.title,
            "series": meeting.series,
            "num": meeting.number,
            "date": meeting.date,
            "number": number,
            "themes": [t.theme for t in node.themes],
            "text": node.text,
            **({"speaker": speaker} if speaker else {}),
        }

    for remark in minutes.remarks:
        speaker = speaker_name(remark)
        units.append(unit(remark, str(remark.number), speaker))
        for k, item in enumerate(remark.items, start=1):  # an item is its remark's speaker's too
            units.append(unit(item, f"{remark.number}-{k}", speaker))
    return units


def speaker_name(remark: Remark) -> str:
    """The name of a remark's named speaker (:func:`gijiroku.named.is_named`); "" for an
    anonymous remark, an anonymised label (（Ａ委員）) or a placeholder name (○○委員), which
    name nobody and so are no speaker to filter by."""
    return (remark.speaker["name"] or "").strip() if is_named(remark.speaker) else ""


def id_key(unit_id: str) -> str:
    """The key of the one unit with this ID (a remark or item ID typed into the search box goes
    straight to it; :func:`gijiroku.search.query.id_query`)."""
    return "id:" + fold(unit_id)


def speaker_key(name: str) -> str:
    """The filter key of a speaker: the folded name, so that 藤田　部会長-style letter spacing
    and full/half width variants of one name are one speaker (search.js: ``speakerKey``)."""
    return "speaker:" + fold(name)


#: The fields of a unit row in the units files, in order (see "Index format"). The meeting's
#: title is not repeated in every row: a result names the meeting by its series (labelled from
#: meta.json) and number (``num``, null for none).
ROW_FIELDS = ("id", "page", "meeting", "series", "num", "date", "number", "speaker", "themes", "text")


def original_text(unit: dict[str, Any]) -> str:
    """A unit's text in the source language: its ``original`` when ``text`` is a translation.
    The units files hold it, so every language's index can share them."""
    return unit.get("original") or unit["text"]


def unit_row(unit: dict[str, Any], series: dict[str, int], themes: dict[str, int]) -> list[Any]:
    """A unit's row in a units file (:data:`ROW_FIELDS`); ``series`` and ``themes`` give each
    slug's position in meta.json's lists."""
    page, _, anchor = unit["url"].rpartition("#")
    if anchor != unit["id"]:
        raise ValueError(f"search unit {unit['id']}: its url {unit['url']!r} does not end in #{unit['id']}")
    return [unit["id"], page, unit["meeting"], series.get(unit.get("series") or ""), unit.get("num"),
            unit["date"], unit["number"], unit.get("speaker") or None, [themes[t] for t in unit["themes"]],
            original_text(unit)]


def unit_record(row: list[Any], meta: dict[str, Any], translation: str | None = None) -> dict[str, Any]:
    """The record of a unit row (inverse of :func:`unit_row`, search.js ``unitRecord``): ``{id,
    url, meeting, series, num, date, number, speaker, themes, text}``, ``series`` and ``speaker``
    left out when there are none; with a ``translation`` (from a texts file), ``text`` is that
    and ``original`` the row's text."""
    id_, page, meeting, series, num, date, number, speaker, themes, text = row
    record = {"id": id_, "url": f"{page}#{id_}", "meeting": meeting,
              **({"series": meta["series"][series]["slug"]} if series is not None else {}),
              "num": num, "date": date, "number": number, **({"speaker": speaker} if speaker else {}),
              "themes": [meta["themes"][t]["slug"] for t in themes], "text": text}
    if translation is not None:
        record.update(text=translation, original=text)
    return record


def searchable_text(unit: dict[str, Any], theme_labels: dict[str, str], language: str) -> str:
    """What a unit's terms are matched against, before folding (see "Languages"): its text; in
    English also its Japanese original and the labels of its themes, a line each."""
    if language == "ja":
        return unit["text"]
    original = [unit["original"]] if unit.get("original") else []
    return "\n".join([unit["text"], *original, *(theme_labels.get(t, t) for t in unit["themes"])])


#: The digits of the postings strings (JSON-safe, none needs escaping): a number is written 5 bits
#: a digit, most significant first, as ``_DIGITS[32 + bits]`` for every digit but its last and
#: ``_DIGITS[bits]`` for the last (search.js: ``DIGIT``).
_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def _number_text(n: int) -> str:
    """``n >= 0`` in :data:`_DIGITS` (0..31 in one digit, up to 1023 in two)."""
    digits = _DIGITS[n & 31]
    n >>= 5
    while n:
        digits = _DIGITS[32 + (n & 31)] + digits
        n >>= 5
    return digits


def _posting_text(entry: tuple[int, int]) -> str:
    """One unit's entry ``(gap, count)`` in a postings string: ``2 * (gap - 1)`` when the key
    occurs once in the unit, else ``2 * (gap - 1) + 1`` followed by ``count - 2``."""
    gap, count = entry
    if count == 1:
        return _number_text(2 * (gap - 1))
    return _number_text(2 * (gap - 1) + 1) + _number_text(count - 2)


def _encode_postings(occurrences: list[int], texts: _Memo[tuple[int, int], str]) -> str:
    """The JSON text of one key's postings (see "Index format" in the module docstring) from the
    unit number of each of its occurrences, ascending; ``texts`` is a :func:`_posting_text` memo
    (most entries are small numbers, met again and again)."""
    counts = Counter(occurrences)  # its units, ascending, with their counts
    units = list(counts)
    gaps = map(operator.sub, units, [-1, *units[:-1]])
    return '"' + "".join(map(texts.__getitem__, zip(gaps, counts.values()))) + '"'


_DIGIT_VALUES = {d: v for v, d in enumerate(_DIGITS)}


def decode_numbers(encoded: str) -> list[int]:
    """The numbers of a postings string (or of meta.json ``rows``), in order."""
    out, n = [], 0
    for digit in encoded:
        value = _DIGIT_VALUES[digit]
        n = (n << 5) | (value & 31)
        if value < 32:
            out.append(n)
            n = 0
    return out


def decode_postings(encoded: str) -> dict[int, int]:
    """Inverse of the postings encoding: ``{unit number: count}``."""
    out: dict[int, int] = {}
    numbers = iter(decode_numbers(encoded))
    unit = -1
    for value in numbers:
        unit += (value >> 1) + 1
        out[unit] = next(numbers) + 2 if value & 1 else 1
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
    series_labels: dict[str, dict[str, str]] | None = None,
    units_at: str = "",
) -> dict[str, str]:
    """Build the index files for ``units``: ``{relative path: JSON text}``. Deterministic.

    ``units_at``: the URL, relative to this index's directory, of another index of the same
    units (in another language) whose units files this one uses instead of writing its own
    (meta.json ``units_at``; "" writes them here). The units files of every language are the
    same: they hold the source-language text (:func:`original_text`), numbered in its order.

    ``series_labels``: ``{slug: {"code", "title"}}`` of each series, in the site's language
    (a result row names its meeting by the code and number); a slug without one is its own label.
    """
    if language not in LANGUAGES:
        raise ValueError(f"search language {language!r} is not one of {', '.join(LANGUAGES)}")
    labels = theme_labels or {}
    folded = [fold(original_text(u)) for u in units]
    order = sorted(range(len(units)), key=lambda i: (len(folded[i]), units[i]["date"], units[i]["id"]))
    ids = [units[i]["id"] for i in order]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate unit IDs in the search units")

    # The unit number of every occurrence of every key, in ascending order.
    occurrences: defaultdict[str, list[int]] = defaultdict(list)
    for number, i in enumerate(order):
        unit = units[i]
        text_keys = (grams(fold(unit["text"]) if unit.get("original") else folded[i]) if language == "ja"
                     else tokens_unordered(searchable_text(unit, labels, language)))
        themes = dict.fromkeys(unit["themes"])  # a theme listed twice is still one entry
        filter_keys = [*(f"theme:{theme}" for theme in themes), f"meeting:{unit['meeting']}",
                       *([f"series:{unit['series']}"] if unit.get("series") else []),
                       *([speaker_key(unit["speaker"])] if unit.get("speaker") else []),
                       id_key(unit["id"])]
        for key in chain(text_keys, filter_keys):
            occurrences[key].append(number)
    texts = _Memo(_posting_text)
    encoded = {key: _encode_postings(o, texts) for key, o in occurrences.items()}

    total = sum(len(k.encode()) + len(v) + 4 for k, v in encoded.items())
    shards = max(1, -(-total // shard_bytes))  # the fewest of at most shard_bytes on average
    width = len(str(shards - 1))
    buckets: list[list[str]] = [[] for _ in range(shards)]
    for key in sorted(encoded):
        buckets[fnv1a32(key) % shards].append(f"{_dumps(key)}:{encoded[key]}")

    files: dict[str, str] = {}
    for n, bucket in enumerate(buckets):
        files[f"grams/{n:0{width}d}.json"] = "{" + ",".join(bucket) + "}"

    theme_counts = Counter(theme for u in units for theme in u["themes"])
    series_counts = Counter(u["series"] for u in units if u.get("series"))
    theme_at = {slug: n for n, slug in enumerate(sorted(theme_counts))}
    series_at = {slug: n for n, slug in enumerate(sorted(series_counts))}
    rows = [_dumps(unit_row(units[i], series_at, theme_at)) for i in order]
    chunks = _pack_rows(rows, chunk_bytes)
    texts: list[int] = []
    bounds = list(zip(chunks, [*chunks[1:], len(order)]))
    for n, (start, end) in enumerate(bounds):
        part = [units[i] for i in order[start:end]]
        if not units_at:
            files[f"units/{n:04d}.json"] = "[" + ",".join(rows[start:end]) + "]"
        if any(u.get("original") for u in part):
            texts.append(n)
            files[f"texts/{n:04d}.json"] = _dumps([u["text"] if u.get("original") else None for u in part])

    files["meetings.json"] = _dumps(meetings_list(units))
    if not units_at:  # the same in every language, like the units files
        files["dates.json"] = _dumps(unit_dates([units[i]["date"] for i in order]))
        files["speakers.json"] = _dumps(speakers_list(units))
    series_info = series_labels or {}
    files["meta.json"] = _dumps(
        {
            "format": FORMAT,
            "language": language,
            "units": len(units),
            "shards": shards,
            "hash": HASH,
            "rows": "".join(_number_text(end - start) for start, end in bounds),
            "units_at": units_at,
            "texts": texts,
            "fold": fold_table(),
            "variants": variant_groups(),
            **({"spelling": spelling_table()} if language == "en" else {}),
            "themes": [{"slug": t, "label": labels.get(t, t), "count": c} for t, c in sorted(theme_counts.items())],
            "series": [{"slug": slug, "code": series_info.get(slug, {}).get("code", slug),
                        "title": series_info.get(slug, {}).get("title", slug), "count": count}
                       for slug, count in sorted(series_counts.items())],
            "meetings": "meetings.json",
            "dates": f"{units_at}dates.json",
            "speakers": f"{units_at}speakers.json",
        }
    )
    return files


def chunk_starts(meta: dict[str, Any]) -> list[int]:
    """The first unit number of each units file, from meta.json ``rows``."""
    return list(accumulate(decode_numbers(meta["rows"])[:-1], initial=0)) if meta["rows"] else []


def _pack_rows(rows: list[str], chunk_bytes: int) -> list[int]:
    """The first row number of each units file: rows are packed in order, a file closed before
    the row that would take it over ``chunk_bytes`` (a longer row has a file of its own)."""
    starts: list[int] = []
    size = 0
    for number, row in enumerate(rows):
        length = len(row.encode()) + 1
        if not starts or size + length > chunk_bytes:
            starts.append(number)
            size = 0
        size += length
    return starts


def meetings_list(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """meetings.json: ``{id, title, date, series, num}`` per meeting, newest first."""
    meetings: dict[str, dict[str, Any]] = {}
    for u in units:
        meetings.setdefault(u["meeting"], {"id": u["meeting"], "title": u["title"], "date": u["date"],
                                           "series": u.get("series", ""), "num": u.get("num")})
    return sorted(meetings.values(), key=lambda m: (m["date"], m["id"]), reverse=True)


#: Digits of the fixed-width numbers in dates.json (base 36, as JS parseInt(s, 36) reads them).
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(n: int, width: int) -> str:
    digits = ""
    for _ in range(width):
        n, d = divmod(n, 36)
        digits = _BASE36[d] + digits
    return digits


def unit_dates(dates: list[str]) -> dict[str, Any]:
    """dates.json, for the date-range filter and the newest/oldest sorts: ``dates`` (the distinct
    dates, ascending), ``width`` and ``units``: unit number ``n``'s date is
    ``dates[int(units[n*width:(n+1)*width], 36)]``. A few bytes a unit, fetched only by a query
    that filters or sorts by date, which can then rank candidates before loading their records."""
    distinct = sorted(set(dates))
    where = {d: i for i, d in enumerate(distinct)}
    width = 1
    while 36**width < len(distinct):
        width += 1
    return {"dates": distinct, "width": width, "units": "".join(_base36(where[d], width) for d in dates)}


def decode_unit_dates(data: dict[str, Any]) -> list[str]:
    """Inverse of :func:`unit_dates`: the date of every unit number."""
    width, packed = data["width"], data["units"]
    return [data["dates"][int(packed[i:i + width], 36)] for i in range(0, len(packed), width)]


def speakers_list(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """speakers.json: ``{name, count}`` per named speaker (one per :func:`speaker_key`, under the
    first spelling met), by name; ``count`` is of remarks and items."""
    speakers: dict[str, dict[str, Any]] = {}
    for u in units:
        if u.get("speaker"):
            speakers.setdefault(speaker_key(u["speaker"]), {"name": u["speaker"], "count": 0})["count"] += 1
    return sorted(speakers.values(), key=lambda s: s["name"])


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
    series_labels: dict[str, dict[str, str]] | None = None,
) -> dict[str, str]:
    """Build and write the index of ``units`` for one site language; returns the files written.

    For a site that writes its index after the build (``on_post_build``), e.g. the English site
    with units from ``minutes/<series>/<NN>.en.yml``; the gijiroku plugin itself adds the same
    files to the build in ``on_files`` (see :mod:`gijiroku.site.search`).
    """
    files = build_index(units, theme_labels, language=language, series_labels=series_labels)
    write_index(files, out_dir)
    return files


