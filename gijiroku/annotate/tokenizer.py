"""The tokenizer: fugashi + unidic-lite morphemes of a text, with folded lemma keys.

One MeCab per process (:func:`_mecab`). Offsets are character offsets into the text given;
keys are unidic lemmas (the surface for unknown words) folded by :mod:`gijiroku.folding`, with
unidic's loan-word gloss dropped (``デジタル-digital`` -> ``デジタル``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import fugashi

from gijiroku.folding import fold

# Tagging reads MeCab's own output formatter (lemma, surface, byte offset per morpheme, in one
# C call per text) instead of building a fugashi node and its feature namedtuple per morpheme,
# which would double the cost of tagging. The dictionary's output-format-type must be cleared
# (-O "") for -F/-U to take effect; unknown words have no lemma, so -U writes the surface in
# its place. Every unidic entry has a lemma, so the lemma field is never empty.
_MECAB_ARGS = '-O "" -F "%f[7]\\t%m\\t%ps\\t" -U "%m\\t%m\\t%ps\\t" -E ""'


@dataclass(frozen=True)
class Morpheme:
    """One morpheme of a text: ``text[start:end] == surface``; ``key`` is its :func:`lemma_key`."""

    surface: str
    pos: str  # unidic pos1, e.g. 名詞, 助詞, 接尾辞
    pos2: str  # unidic pos2, e.g. 格助詞
    key: str
    start: int
    end: int



@functools.cache
def lemma_key(lemma: str) -> str:
    """unidic lemma (or surface) -> match key: without the loan-word gloss, folded.
    Cached: a text repeats few distinct lemmas."""
    head, sep, _gloss = lemma.partition("-")
    if sep and head:  # unidic writes loan words as カタカナ-english
        lemma = head
    return fold(lemma)


@functools.cache
def _mecab() -> fugashi.Tagger:
    """The process-wide MeCab (dictionary loaded once); both its APIs are used."""
    return fugashi.Tagger(_MECAB_ARGS)


def morphemes(text: str) -> list[Morpheme]:
    """All morphemes of ``text`` with POS; offsets are character offsets into ``text``."""
    result = []
    position = 0
    for word in _mecab()(text):
        surface = word.surface
        start = position + len(word.white_space)  # MeCab skips whitespace, incl. "\n"
        position = start + len(surface)
        # Reading the raw CSV is several times cheaper than fugashi's feature namedtuple. POS
        # fields never hold commas; unknown words have 6 fields and no lemma; a lemma that
        # holds a comma is quoted, and then the namedtuple parses it.
        fields = word.feature_raw.split(",", 8)
        lemma = fields[7] if len(fields) > 8 else ""
        if lemma.startswith('"'):
            lemma = word.feature.lemma
        result.append(Morpheme(surface, fields[0], fields[1], lemma_key(lemma or surface),
                               start, position))
    return result


def pos_tags(text: str) -> list[tuple[str, str, str]]:
    """(surface, pos1, pos2) of each morpheme of ``text``, as in :func:`morphemes`.

    For rules that read only parts of speech (key terms): no lemma keys, no offsets, so about
    half the cost of :func:`morphemes`.
    """
    return [(word.surface, *word.feature_raw.split(",", 2)[:2]) for word in _mecab()(text)]


def pos_details(text: str) -> list[tuple[str, str, str, str]]:
    """(surface, pos1, pos2, pos3) of each morpheme of ``text``: pos3 tells 人名 and 地名 apart
    among 固有名詞 (speaker and attendee names, :mod:`gijiroku.parse.speakers`)."""
    return [(word.surface, *word.feature_raw.split(",", 3)[:3]) for word in _mecab()(text)]


def lemma_keys(text: str) -> tuple[list[str], list[str], list[str]]:
    """The fast path of :func:`morphemes`: (keys, surfaces, byte offsets as strings)."""
    output = _mecab().parse(text)
    if not output:
        return [], [], []
    # fugashi strips the output's trailing tab, so the last field is complete.
    fields = output.split("\t")
    return list(map(lemma_key, fields[0::3])), fields[1::3], fields[2::3]


