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
  of the shorter word inside them (the longest term wins), but weigh nothing;
* ``subject_terms``: weak, except in a meeting whose *subject* is the theme, where they weigh
  what a strong term weighs (システム, 認証, 信頼性 in a meeting on electronic bills of lading
  are the electronic record's system, certification, reliability). A theme is a meeting's
  subject when the first pass gives it to at least the lexicon's ``subject.share`` of the
  meeting's turns (:meth:`Tagger.tag_meeting`); such evidence says ``"rule": "subject"``.

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

Hand corrections live in ``minutes/<series>/<NN>.themes.yml`` (:mod:`gijiroku.annotate.overrides`),
which parsing only reads. A series may
restrict its themes (``themes:`` in ``series.yml``): :func:`in_scope`.

The MeCab instance is created once per process (:mod:`gijiroku.annotate.tokenizer`), the packaged lexicon's
tagger too (:func:`default_tagger`).
"""

from __future__ import annotations

import functools
from typing import Any, Callable, NamedTuple

from gijiroku.annotate.lexicon import Lexicon, Scoring, ThemesError, load_lexicon
from gijiroku.annotate.tokenizer import lemma_keys
from gijiroku.folding import FoldedWords, cluster_end, fold_words
from gijiroku.model import ThemeTag

# (theme id, what a match weighs for that theme, whether it is a subject term of the theme)
Owner = tuple[str, float, bool]

SUBJECT_RULE = "subject"  # evidence["rule"] of a subject term counted as strong


class Match(NamedTuple):  # a tuple: made by the hundred per meeting, cheaper than a dataclass
    """A lexicon term found in a text: ``text[start:end]`` is its surface (whitespace inside
    it included); ``weight`` is what it weighs for ``theme`` (0 for another sense);
    ``subject_term``: it weighs as a strong term where ``theme`` is the meeting's subject."""

    term: str
    start: int
    end: int
    theme: str
    weight: float
    subject_term: bool = False


class Analysis(NamedTuple):
    """What tagging needs of one text, found once (the tokenisation is the cost): whether it
    is a procedural turn or a budget explanation, and its lexicon matches."""

    procedural: bool
    accounting: bool
    matches: list[Match]


class Tagger:
    """Tags texts with the themes of ``lexicon``. Build it once; :meth:`tag` is pure."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        scoring = lexicon.scoring
        # key sequence -> (first term spelled so, [(theme id, weight)])
        by_keys: dict[tuple[str, ...], tuple[str, list[Owner]]] = {}
        for theme in lexicon.themes:
            groups = zip((theme.terms, theme.weak, theme.other_senses, theme.subject_terms),
                         (scoring.strong, scoring.weak, scoring.other_senses, scoring.weak),
                         (False, False, False, True))
            for terms, weight, subject_term in groups:
                for term in terms:
                    self._add(by_keys, theme.id, term, (theme.id, weight, subject_term))
        # first key -> [(key sequence, term, owners)], longest sequence first
        self._index: dict[str, list[tuple[list[str], str, list[Owner]]]] = {}
        for keys, (term, owners) in by_keys.items():
            self._index.setdefault(keys[0], []).append((list(keys), term, owners))
        for candidates in self._index.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))
        self._order = {theme_id: n for n, theme_id in enumerate(lexicon.ids())}

    def _add(self, by_keys: dict[tuple[str, ...], tuple[str, list[Owner]]], theme_id: str,
             term: str, owner: Owner) -> None:
        keys = tuple(lemma_keys(fold_words(term).text)[0])
        if not keys:
            raise ThemesError(str(self.lexicon.path), f"term {term!r} of {theme_id!r} has no words",
                              "remove it")
        if keys not in by_keys:
            by_keys[keys] = (term, [owner])
            return
        other, owners = by_keys[keys]
        if any(theme == theme_id for theme, _, _ in owners):
            raise ThemesError(
                str(self.lexicon.path),
                f"terms {other!r} and {term!r} of {theme_id!r} are the same after normalisation",
                "keep one of them (matching already ignores width, case, spaces and variants"
                " such as 強靱/強靭)",
            )
        owners.append(owner)

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
                    found += [Match(term, *span, *owner) for owner in owners]
                    free = end
                    break
        return found

    def analyse(self, text: str) -> Analysis:
        """The procedural and budget-explanation flags and the matches of ``text``."""
        folded = fold_words(text)
        if self.lexicon.procedural.applies(folded.text):
            return Analysis(True, False, [])
        return Analysis(False, self.lexicon.accounting_lines.applies(folded.text),
                        self.matches(text, folded))

    def tag(self, text: str, subjects: frozenset[str] = frozenset()) -> list[ThemeTag]:
        """Auto tags of ``text``, in lexicon order, each with its evidence in text order;
        ``subjects``: the themes that are the subject of the text's meeting."""
        return self.score(text, self.analyse(text), subjects)

    def tag_meeting(self, turns: list[list[str]]) -> list[list[list[ThemeTag]]]:
        """Auto tags of every text of a meeting, grouped as given: a turn is its remark's text
        and its items'. A first pass finds the meeting's subjects (the lexicon's ``subject``);
        where there are any, the texts are scored again with them (tokenised once)."""
        analysed = [[(text, self.analyse(text)) for text in turn] for turn in turns]
        first = [[self.score(text, analysis) for text, analysis in turn] for turn in analysed]
        subjects = self.lexicon.subject.of([{tag.theme for tags in turn for tag in tags}
                                            for turn in first])
        if not subjects:
            return first
        # Only a text holding a subject term of the subject can score differently.
        return [[self.score(text, analysis, subjects)
                 if any(m.subject_term and m.theme in subjects for m in analysis.matches) else tags
                 for (text, analysis), tags in zip(turn, first_tags)]
                for turn, first_tags in zip(analysed, first)]

    def score(self, text: str, analysis: Analysis,
              subjects: frozenset[str] = frozenset()) -> list[ThemeTag]:
        """The auto tags of ``text`` from its ``analysis`` (see :meth:`tag`)."""
        if analysis.procedural:
            return []
        scoring = self.lexicon.scoring
        by_theme: dict[str, list[Match]] = {}
        for match in analysis.matches:
            if match.subject_term and match.theme in subjects:
                match = match._replace(weight=scoring.strong)
            if match.weight:
                by_theme.setdefault(match.theme, []).append(match)
        accounting = self.lexicon.accounting_lines
        tags = []
        for theme_id in sorted(by_theme, key=self._order.__getitem__):
            subject = theme_id in subjects
            evidence = [evidence_of(m, subject) for m in counted(by_theme[theme_id], scoring)]
            if evidence and score(evidence) >= scoring.threshold and (
                    not analysis.accounting or accounting.dwells(text, evidence)):
                tags.append(ThemeTag(theme_id, "auto", evidence, score(evidence)))
        return tags


def evidence_of(match: Match, subject: bool) -> dict[str, Any]:
    """A counted match as evidence; a subject term in a meeting on its theme says so."""
    hit: dict[str, Any] = {"term": match.term, "start": match.start, "end": match.end,
                           "weight": match.weight}
    if subject and match.subject_term:
        hit["rule"] = SUBJECT_RULE
    return hit


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


