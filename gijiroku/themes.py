"""Theme tagging: remark text -> :class:`gijiroku.model.ThemeTag` list, from a data lexicon.

The lexicon (``gijiroku/data/themes.yml``, hand-edited) lists themes with fixed IDs and the
terms that signal each, in three strengths:

* ``terms`` (strong): a term that by itself says the text is about the theme (電子船荷証券,
  地域金融機関, 人材育成);
* ``weak``: a word that often occurs in passing (データ, オンライン, 教育, 大学) and counts only
  with support: another, different term of the same theme within ``scoring.window``
  characters of it;
* ``other_senses``: compounds that contain a theme's word in another sense (教育委員会, the
  affiliation 大学教授, 教育政策 as a subject): they match like terms, so they take the place
  of the shorter word inside them (the longest term wins), but weigh nothing.

Each match weighs what the lexicon's ``scoring`` says its strength weighs (strong 1, weak 0.5,
other senses 0); a weak match without support weighs nothing. A text's *score* for a theme is
the sum over its DISTINCT counted terms (a word repeated is not more evidence of a subject than
said once), and the theme is tagged when the score reaches ``scoring.threshold``. So one strong
term, or two different weak ones close together, tag; the evidence lists the counted matches.

Matching is on morphemes, never on raw substrings:

* A text is first folded by :func:`gijiroku.folding.fold_words` (the project's one folding:
  NFKC, lower case, itaiji such as 強靱/強靭, whitespace and zero-width characters dropped, so
  that PDF text with a space between glyphs reads as words), then tokenised ONCE by fugashi +
  unidic-lite (:func:`lemma_keys`). Each morpheme's *key* is its unidic lemma (``f[7]``; the
  surface for unknown words) with unidic's loan-word gloss dropped (``デジタル-digital`` ->
  ``デジタル``), folded again. So 強靱/強靭, ＤＸ/DX and 繋がる/つながる have the same key.
* Every lexicon term is tokenised with the same tagger; its key sequence matches a run of
  whole morphemes of the text (so compounds such as 地域金融機関 and 高度人材 match on
  morpheme boundaries, and 人材 matches inside デジタル人材 = デジタル|人材). Scanning left to
  right, the longest term starting at a morpheme wins and matches do not overlap.
* Evidence is ``{"term", "start", "end", "weight"}``: the lexicon term, the half-open character
  offsets in the original ``text`` (``"\\n"`` paragraph separators and spaces included) of the
  matched surface, and what it weighs; the tag's ``score`` is their sum over distinct terms.

A short text holding one of the lexicon's ``procedural`` phrases (「…を議題とします」, 「提案理由の
説明を求めます」) runs the meeting and gets no theme, whatever words the titles it reads out hold.
A budget explanation (a text holding one of the lexicon's ``accounting_lines`` phrases,
「既定の歳入歳出予算の総額に…」) reads out accounting lines, each naming a measure in passing: there
a theme needs evidence of two different terms in two different sentences
(:class:`AccountingLines`).

Container remarks (``具体的な意見は６点。`` whose content is in its ・ items) are tagged on their
OWN text only, like every other text: the items are tagged separately and carry their own
IDs. Evidence offsets always index the text they were found in, a reader cites the item that
says something, and a union would show the same evidence twice on a theme page.

Hand corrections live in ``minutes/<series>/<NN>.themes.yml`` (:func:`load_overrides`), which
parsing only reads; :func:`apply_overrides` marks added tags ``origin: manual``. A series may
restrict its themes (``themes:`` in ``series.yml``): :func:`in_scope`.

The MeCab instance is created once per process (:func:`_mecab`), the packaged lexicon's
tagger too (:func:`default_tagger`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, NamedTuple

import fugashi
import yaml

from gijiroku.errors import GijirokuError
from gijiroku.folding import FoldedWords, cluster_end, fold, fold_words
from gijiroku.model import ThemeTag
from gijiroku.limits import MAX_YAML_BYTES, read_text
from gijiroku.yamlio import parse_yaml_node

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "themes.yml"

THEME_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")

# Tagging reads MeCab's own output formatter (lemma, surface, byte offset per morpheme, in one
# C call per text) instead of building a fugashi node and its feature namedtuple per morpheme,
# which would double the cost of tagging. The dictionary's output-format-type must be cleared
# (-O "") for -F/-U to take effect; unknown words have no lemma, so -U writes the surface in
# its place. Every unidic entry has a lemma, so the lemma field is never empty.
_MECAB_ARGS = '-O "" -F "%f[7]\\t%m\\t%ps\\t" -U "%m\\t%m\\t%ps\\t" -E ""'


class ThemesError(GijirokuError, ValueError):
    """A mistake in a hand-edited lexicon or overrides file (a ValueError, printed by the CLI)."""


@dataclass(frozen=True)
class Morpheme:
    """One morpheme of a text: ``text[start:end] == surface``; ``key`` is its normalised lemma."""

    surface: str
    pos: str  # unidic pos1, e.g. 名詞, 助詞, 接尾辞
    pos2: str  # unidic pos2, e.g. 格助詞
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Theme:
    """A theme of the lexicon. ``id`` is URL-safe ASCII and never renamed; ``terms`` non-empty."""

    id: str
    name_ja: str
    name_en: str
    description_ja: str
    description_en: str
    terms: tuple[str, ...]  # strong terms
    weak: tuple[str, ...] = ()
    other_senses: tuple[str, ...] = ()


STRENGTHS = ("strong", "weak", "other_senses")


@dataclass(frozen=True)
class Scoring:
    """What a match of each strength weighs, and the score a theme needs to be tagged.

    Invariant: ``0 < weak < threshold <= strong``, ``window > 0`` and ``other_senses == 0`` (a
    strong term tags alone, a weak one never does, a compound in another sense only blocks). A
    weak match counts only when another term of its theme starts within ``window`` characters.
    """

    strong: float = 1.0
    weak: float = 0.5
    threshold: float = 1.0
    window: int = 200
    other_senses: float = 0.0


@dataclass(frozen=True)
class Procedural:
    """Phrases that make a short text a procedural turn (「…を議題とします」), which has no theme
    whatever words its quoted titles hold. Invariant: ``max_length > 0``; phrases are folded."""

    phrases: tuple[str, ...] = ()
    max_length: int = 300

    def applies(self, folded: str) -> bool:
        """Whether ``folded`` (a folded text) is a procedural turn."""
        return len(folded) <= self.max_length and any(p in folded for p in self.phrases)


# Where a sentence ends, for :class:`AccountingLines` (a line break ends one too: budget
# explanations put one accounting line on a line).
SENTENCE_ENDS = re.compile(r"[。．！？!?\n]")


@dataclass(frozen=True)
class AccountingLines:
    """Phrases that make a text a budget explanation (「既定の歳入歳出予算の総額に…」), which reads
    out accounting lines: a line naming a measure (タブレット端末修繕料, 移住支援金の返還) mentions
    it in passing. In such a text a theme needs evidence of ``min_terms`` different terms in
    ``min_terms`` different sentences: a measure the speaker dwells on, not one line.
    Invariant: ``min_terms >= 2`` (one term is one line); phrases are folded."""

    phrases: tuple[str, ...] = ()
    min_terms: int = 2

    def applies(self, folded: str) -> bool:
        """Whether ``folded`` (a folded text) is a budget explanation."""
        return any(p in folded for p in self.phrases)

    def dwells(self, text: str, evidence: list[dict[str, Any]]) -> bool:
        """Whether ``evidence`` (found in ``text``) spreads over ``min_terms`` different terms
        and ``min_terms`` different sentences of ``text``."""
        sentences = {len(SENTENCE_ENDS.findall(text, 0, hit["start"])) for hit in evidence}
        terms = {hit["term"] for hit in evidence}
        return min(len(sentences), len(terms)) >= self.min_terms


@dataclass(frozen=True)
class Lexicon:
    """Validated lexicon: theme IDs unique, in file order (the order tags are listed in)."""

    path: Path
    themes: tuple[Theme, ...]
    scoring: Scoring = Scoring()
    procedural: Procedural = Procedural()
    accounting_lines: AccountingLines = AccountingLines()

    def ids(self) -> list[str]:
        return [theme.id for theme in self.themes]


# --- normalisation and tokenisation ---------------------------------------------------------

def fold_key(text: str) -> str:
    """How terms are compared: the project's one folding (:func:`gijiroku.folding.fold`)."""
    return fold(text)


@functools.cache
def normalise(lemma: str) -> str:
    """unidic lemma (or surface) -> match key. Cached: a text repeats few distinct lemmas."""
    head, sep, _gloss = lemma.partition("-")
    if sep and head:  # unidic writes loan words as カタカナ-english
        lemma = head
    return fold_key(lemma)


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
        result.append(Morpheme(surface, fields[0], fields[1], normalise(lemma or surface),
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
    among 固有名詞 (speaker and attendee names, :mod:`gijiroku.speakers`)."""
    return [(word.surface, *word.feature_raw.split(",", 3)[:3]) for word in _mecab()(text)]


def lemma_keys(text: str) -> tuple[list[str], list[str], list[str]]:
    """The fast path of :func:`morphemes`: (keys, surfaces, byte offsets as strings)."""
    output = _mecab().parse(text)
    if not output:
        return [], [], []
    # fugashi strips the output's trailing tab, so the last field is complete.
    fields = output.split("\t")
    return list(map(normalise, fields[0::3])), fields[1::3], fields[2::3]


# --- lexicon ---------------------------------------------------------------------------------

def _yaml_lines(path: Path, text: str) -> tuple[Any, dict[tuple[str, ...], int]]:
    """Parse YAML; also map key paths (("themes", "2"), ("overrides", "sr06-04")) to lines."""
    try:
        data, node = parse_yaml_node(text, str(path), "fix the YAML syntax (indentation, quotes, colons)")
    except GijirokuError as error:
        raise ThemesError(error.file, error.message, error.hint, error.line) from None
    lines: dict[tuple[str, ...], int] = {}

    def walk(n: yaml.Node | None, prefix: tuple[str, ...]) -> None:
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                lines[prefix + (str(key.value),)] = key.start_mark.line + 1
                walk(value, prefix + (str(key.value),))
        elif isinstance(n, yaml.SequenceNode):
            for index, value in enumerate(n.value):
                lines[prefix + (str(index),)] = value.start_mark.line + 1
                walk(value, prefix + (str(index),))

    walk(node, ())
    return data, lines


def _read(path: Path) -> str:
    try:
        return read_text(path, MAX_YAML_BYTES, "YAML file", "check the path")
    except GijirokuError as error:
        raise ThemesError(error.file, error.message, error.hint, error.line) from None


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read and validate a lexicon file (default: the packaged ``gijiroku/data/themes.yml``).

    Raises :class:`ThemesError` (a ValueError) naming the file, line and problem.
    """
    path = LEXICON_PATH if path is None else path
    data, lines = _yaml_lines(path, _read(path))
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list) or not data["themes"]:
        raise ThemesError(str(path), "the lexicon has no `themes:` list",
                          "start the file with `themes:` followed by one `- id: ...` block per theme")
    themes = []
    seen: set[str] = set()
    for index, entry in enumerate(data["themes"]):
        line = lines.get(("themes", str(index)))

        def fail(message: str, hint: str) -> ThemesError:
            return ThemesError(str(path), message, hint, line=line)

        if not isinstance(entry, dict):
            raise fail(f"theme #{index + 1} is not a mapping",
                       "write `- id: ...` with name, description, terms")
        theme_id = entry.get("id")
        if not isinstance(theme_id, str) or not THEME_ID.match(theme_id):
            raise fail(f"theme #{index + 1} has id {theme_id!r}",
                       "use a lower-case ASCII id of letters, digits and hyphens, e.g. regional-finance")
        if theme_id in seen:
            raise fail(f"theme id {theme_id!r} appears twice",
                       "theme ids must be unique; merge the two blocks")
        seen.add(theme_id)
        unknown = set(entry) - {"id", "name", "description", "terms", "weak", "other_senses"}
        if unknown:
            raise fail(f"theme {theme_id!r} has unknown keys: {', '.join(sorted(map(str, unknown)))}",
                       "allowed keys are id, name, description, terms, weak, other_senses")
        texts = {}
        for field in ("name", "description"):
            value = entry.get(field)
            if not isinstance(value, dict) or not _text(value.get("ja")) or not _text(value.get("en")):
                raise fail(f"theme {theme_id!r} needs `{field}` with non-empty `ja` and `en`",
                           f"write `{field}: {{ja: ..., en: ...}}`")
            texts[field] = (value["ja"].strip(), value["en"].strip())
        terms = entry.get("terms")
        if not isinstance(terms, list) or not terms or not all(_text(t) for t in terms):
            raise fail(f"theme {theme_id!r} needs a non-empty `terms` list of non-empty strings",
                       "list the words that signal the theme, one `- term` a line")
        lists = [terms]
        for field in ("weak", "other_senses"):
            value = entry.get(field) or []
            if not isinstance(value, list) or not all(_text(t) for t in value):
                raise fail(f"theme {theme_id!r}: `{field}` must be a list of non-empty strings",
                           "one `- term` a line")
            lists.append(value)
        every = [t for group in lists for t in group]
        duplicates = sorted({t for t in every if every.count(t) > 1})
        if duplicates:
            raise fail(f"theme {theme_id!r} lists {', '.join(duplicates)} more than once", "keep one")
        themes.append(Theme(theme_id, *texts["name"], *texts["description"],
                            *(tuple(t.strip() for t in group) for group in lists)))
    return Lexicon(path, tuple(themes), _scoring(path, data.get("scoring"), lines.get(("scoring",))),
                   _procedural(path, data.get("procedural"), lines.get(("procedural",))),
                   _accounting_lines(path, data.get("accounting_lines"),
                                     lines.get(("accounting_lines",))))


def _procedural(path: Path, value: Any, line: int | None) -> Procedural:
    """The lexicon's ``procedural:`` block (absent: none), validated."""
    if value is None:
        return Procedural()
    phrases, max_length = (value.get("phrases"), value.get("max_length")) if isinstance(value, dict) \
        else (None, None)
    if (not isinstance(value, dict) or set(value) != {"phrases", "max_length"}
            or not isinstance(phrases, list) or not all(_text(p) for p in phrases)
            or not isinstance(max_length, int) or isinstance(max_length, bool) or max_length <= 0):
        raise ThemesError(str(path), "`procedural` needs `phrases` (a list of strings) and a"
                          " positive `max_length`",
                          "write `procedural: {max_length: 300, phrases: [を議題とします]}`", line=line)
    return Procedural(tuple(fold(p) for p in phrases), max_length)


def _accounting_lines(path: Path, value: Any, line: int | None) -> AccountingLines:
    """The lexicon's ``accounting_lines:`` block (absent: none), validated."""
    if value is None:
        return AccountingLines()
    phrases, min_terms = (value.get("phrases"), value.get("min_terms")) if isinstance(value, dict) \
        else (None, None)
    if (not isinstance(value, dict) or set(value) != {"phrases", "min_terms"}
            or not isinstance(phrases, list) or not all(_text(p) for p in phrases)
            or not isinstance(min_terms, int) or isinstance(min_terms, bool) or min_terms < 2):
        raise ThemesError(str(path), "`accounting_lines` needs `phrases` (a list of strings) and"
                          " `min_terms` (2 or more)",
                          "write `accounting_lines: {min_terms: 2, phrases: [歳入歳出予算の総額]}`",
                          line=line)
    return AccountingLines(tuple(fold(p) for p in phrases), min_terms)


def _scoring(path: Path, value: Any, line: int | None) -> Scoring:
    """The lexicon's ``scoring:`` block (absent: the defaults of :class:`Scoring`), validated."""
    if value is None:
        return Scoring()
    fields = {"strong", "weak", "threshold", "window"}
    if (not isinstance(value, dict) or set(value) != fields
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values())):
        raise ThemesError(str(path), "`scoring` needs numbers strong, weak, threshold and window",
                          "write `scoring: {strong: 1.0, weak: 0.5, threshold: 1.0, window: 200}`",
                          line=line)
    scoring = Scoring(float(value["strong"]), float(value["weak"]), float(value["threshold"]),
                      int(value["window"]))
    if not 0 < scoring.weak < scoring.threshold <= scoring.strong or scoring.window <= 0:
        raise ThemesError(str(path), "`scoring` must have 0 < weak < threshold <= strong, window > 0",
                          "a strong term tags alone, a weak one only with support", line=line)
    return scoring


# --- tagging ---------------------------------------------------------------------------------

Owner = tuple[str, float]  # (theme id, what a match weighs for that theme)


class Match(NamedTuple):  # a tuple: made by the hundred per meeting, cheaper than a dataclass
    """A lexicon term found in a text: ``text[start:end]`` is its surface (whitespace inside
    it included); ``weight`` is what it weighs for ``theme`` (0 for another sense)."""

    term: str
    start: int
    end: int
    theme: str
    weight: float


class Tagger:
    """Tags texts with the themes of ``lexicon``. Build it once; :meth:`tag` is pure."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        scoring = lexicon.scoring
        # key sequence -> (first term spelled so, [(theme id, weight)])
        by_keys: dict[tuple[str, ...], tuple[str, list[Owner]]] = {}
        for theme in lexicon.themes:
            groups = zip((theme.terms, theme.weak, theme.other_senses),
                         (scoring.strong, scoring.weak, scoring.other_senses))
            for terms, weight in groups:
                for term in terms:
                    self._add(by_keys, theme.id, term, weight)
        # first key -> [(key sequence, term, owners)], longest sequence first
        self._index: dict[str, list[tuple[list[str], str, list[Owner]]]] = {}
        for keys, (term, owners) in by_keys.items():
            self._index.setdefault(keys[0], []).append((list(keys), term, owners))
        for candidates in self._index.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))
        self._order = {theme_id: n for n, theme_id in enumerate(lexicon.ids())}

    def _add(self, by_keys: dict[tuple[str, ...], tuple[str, list[Owner]]], theme_id: str,
             term: str, weight: float) -> None:
        keys = tuple(lemma_keys(fold_words(term).text)[0])
        if not keys:
            raise ThemesError(str(self.lexicon.path), f"term {term!r} of {theme_id!r} has no words",
                              "remove it")
        if keys not in by_keys:
            by_keys[keys] = (term, [(theme_id, weight)])
            return
        other, owners = by_keys[keys]
        if any(owner == theme_id for owner, _ in owners):
            raise ThemesError(
                str(self.lexicon.path),
                f"terms {other!r} and {term!r} of {theme_id!r} are the same after normalisation",
                "keep one of them (matching already ignores width, case, spaces and variants"
                " such as 強靱/強靭)",
            )
        owners.append((theme_id, weight))

    def matches(self, text: str, folded: FoldedWords | None = None) -> list[Match]:
        """Every lexicon match in ``text`` (other senses included, with weight 0), in text order;
        for a term of several themes, one match per theme. ``folded``: ``fold_words(text)``."""
        folded = folded or fold_words(text)
        keys, surfaces, byte_starts = lemma_keys(folded.text)
        index = self._index
        if index.keys().isdisjoint(keys):  # most texts miss most themes; skip the scan
            return []
        encoded = folded.text.encode("utf-8")
        origin: Callable[[int], int] | None = None

        done = [0, 0]  # (byte, char) offset reached: tokens are asked for in text order

        def char_offset(token: int) -> int:
            byte = int(byte_starts[token])
            if byte < done[0]:
                return len(encoded[:byte].decode("utf-8"))
            done[1] += len(encoded[done[0]:byte].decode("utf-8"))
            done[0] = byte
            return done[1]

        found = []
        free = 0  # first morpheme not consumed by an earlier (longest) match
        for i in [i for i, key in enumerate(keys) if key in index]:
            if i < free:
                continue
            for sequence, term, owners in index[keys[i]]:
                end = i + len(sequence)
                if keys[i:end] == sequence:
                    last = end - 1
                    start = char_offset(i)
                    stop = (start if last == i else char_offset(last)) + len(surfaces[last])
                    # back to the original text: the first and the last folded character's origin
                    origin = origin or folded.origin()
                    span = origin(start), cluster_end(text, origin(stop - 1))
                    found += [Match(term, *span, theme_id, weight) for theme_id, weight in owners]
                    free = end
                    break
        return found

    def tag(self, text: str) -> list[ThemeTag]:
        """Auto tags of ``text``, in lexicon order, each with its evidence in text order."""
        folded = fold_words(text)
        if self.lexicon.procedural.applies(folded.text):
            return []
        by_theme: dict[str, list[Match]] = {}
        for match in self.matches(text, folded):
            if match.weight:
                by_theme.setdefault(match.theme, []).append(match)
        scoring = self.lexicon.scoring
        accounting = self.lexicon.accounting_lines
        in_passing = by_theme and accounting.applies(folded.text)
        tags = []
        for theme_id in sorted(by_theme, key=self._order.__getitem__):
            evidence = [{"term": m.term, "start": m.start, "end": m.end, "weight": m.weight}
                        for m in counted(by_theme[theme_id], scoring)]
            if evidence and score(evidence) >= scoring.threshold and (
                    not in_passing or accounting.dwells(text, evidence)):
                tags.append(ThemeTag(theme_id, "auto", evidence, score(evidence)))
        return tags


def counted(matches: list[Match], scoring: Scoring) -> list[Match]:
    """The matches that count: strong ones, and weak ones with another term of the theme
    (a different one) starting within ``scoring.window`` characters."""
    def supported(weak: Match) -> bool:
        return any(other.term != weak.term and abs(other.start - weak.start) <= scoring.window
                   for other in matches)
    return [m for m in matches if m.weight >= scoring.threshold or supported(m)]


def score(evidence: list[dict[str, Any]]) -> float:
    """A theme's score: the weights of its distinct terms, summed (a repeat adds nothing)."""
    weights: dict[str, float] = {}
    for hit in evidence:
        weights[hit["term"]] = max(weights.get(hit["term"], 0.0), hit["weight"])
    return round(sum(weights.values()), 3)


@functools.cache
def default_tagger() -> Tagger:
    """The tagger of the packaged lexicon, built once per process."""
    return Tagger(load_lexicon())


# --- hand corrections ------------------------------------------------------------------------

def apply_overrides(tags: list[ThemeTag], add: list[str], remove: list[str]) -> list[ThemeTag]:
    """Drop the themes in ``remove``; append the themes in ``add`` as ``origin: manual``.

    A theme both found automatically and listed in ``add`` keeps its auto tag and evidence
    (the evidence says why); the manual add takes over if the lexicon stops matching.
    """
    kept = [tag for tag in tags if tag.theme not in remove]
    present = {tag.theme for tag in kept}
    return kept + [ThemeTag(theme, "manual", []) for theme in add if theme not in present]


def load_overrides(path: Path, lexicon: Lexicon | None = None) -> dict[str, dict[str, Any]]:
    """Read a hand-edited ``<NN>.themes.yml``: ``{overrides: {sr06-04: {add, remove, note}}}``.

    Returns ``{remark_id: {"add": [...], "remove": [...], "note": str}}``; an absent file
    means no overrides. Theme IDs are checked against ``lexicon`` (default: the packaged
    one); remark IDs are the caller's to check.
    """
    if not path.is_file():
        return {}
    lexicon = lexicon or load_lexicon()
    known = lexicon.ids()
    data, lines = _yaml_lines(path, _read(path))
    if data is None:
        return {}
    if not isinstance(data, dict) or set(data) != {"overrides"} or not isinstance(
        data["overrides"], dict
    ):
        raise ThemesError(
            str(path), "expected a single `overrides:` mapping",
            "write `overrides:` then `  sr06-04: {add: [talent], remove: [dx], note: why}`",
        )
    result: dict[str, dict[str, Any]] = {}
    for remark_id, entry in data["overrides"].items():
        line = lines.get(("overrides", str(remark_id)))
        if not isinstance(entry, dict) or not set(entry) <= {"add", "remove", "note"}:
            raise ThemesError(str(path), f"{remark_id}: expected a mapping with add, remove, note",
                              "write e.g. `{add: [talent], remove: [dx], note: why}`", line=line)
        lists = {}
        for field in ("add", "remove"):
            value = entry.get(field) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ThemesError(str(path), f"{remark_id}: `{field}` must be a list of theme IDs",
                                  f"write `{field}: [dx, talent]`", line=line)
            for theme_id in value:
                if theme_id not in known:
                    raise ThemesError(
                        str(path), f"{remark_id}: unknown theme {theme_id!r} in `{field}`",
                        f"use one of {', '.join(known)}, or add the theme to {lexicon.path}",
                        line=line)
            lists[field] = list(value)
        both = sorted(set(lists["add"]) & set(lists["remove"]))
        if both:
            raise ThemesError(str(path), f"{remark_id}: {', '.join(both)} is both added and removed",
                              "keep it in one of the two lists", line=line)
        note = entry.get("note")
        result[str(remark_id)] = {**lists, "note": "" if note is None else str(note)}
    return result
