"""How search text is cut into index keys: folded characters and bigrams (Japanese), stemmed
word tokens (English), and the shard hash. Identical in ``gijiroku/site/assets/search/search.js``.
"""

from __future__ import annotations

import operator
import unicodedata
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import Any, Iterable, Iterator, Literal

import snowballstemmer
import yaml

from gijiroku.folding import (  # the one folding of the project, shared with search.js
    JOINED as _JOINED,
)
from gijiroku.folding import (
    Memo as _Memo,
)
from gijiroku.folding import (
    drop_set as _drop_set,
)
from gijiroku.folding import (
    fold_cluster as _fold_cluster,
)
from gijiroku.folding import (
    folded_chars as _folded_chars,
)
from gijiroku.folding import (
    per_char as _per_char,
)

# Kana and CJK ideographs (the same ranges as search.js): one English-mode token each.
_CJK = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))


def is_cjk(ch: str) -> bool:
    """A kana or CJK ideograph: an English-mode token of its own."""
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
    return "cjk" if is_cjk(ch) else "word"


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


@lru_cache(maxsize=1)
def spelling_table() -> dict[str, Any]:
    """The British → American spelling table (gijiroku/data/spelling_en.yml), as meta.json
    carries it for search.js: ``{min_stem, endings: [[british, american]] longest first, words}``."""
    text = resources.files("gijiroku").joinpath("data/spelling_en.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    endings = sorted(data["endings"], key=lambda pair: -len(pair[0]))
    return {"min_stem": data["min_stem"], "endings": endings, "words": data["words"]}


def american(word: str) -> str:
    """``word`` in American spelling (see gijiroku/data/spelling_en.yml)."""
    table = spelling_table()
    if word in table["words"]:
        return table["words"][word]
    for british, american_ending in table["endings"]:
        if word.endswith(british) and len(word) - len(british) >= table["min_stem"]:
            return word[: -len(british)] + american_ending
    return word


_SNOWBALL = snowballstemmer.stemmer("english")


def stem(word: str) -> str:
    """The Snowball English stem of a lowercase ASCII word in American spelling (other tokens
    are returned unchanged): themes → theme, noting → note, digitalisation → digit.

    search.js does the same with its port (assets/search/snowball-english.js);
    tests/fixtures/stem_cases.json holds both to the same vectors.
    """
    if not word.isascii() or not word.isalpha():
        return word
    return _SNOWBALL.stemWord(american(word))


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


