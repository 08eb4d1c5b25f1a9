"""Stage 3a, speakers: the speaker prefix of a turn -> ``{name, role, label?, seat?, raw}``.

A named turn starts, right after its turn marker, with one of:

* ``ROLE（NAME）`` or ``NAME（ROLE）``: ○議長（清野一榮議員）, ○市長（櫻田　宏）;
* a seat number before a bracketed ``NAME ROLE``: ○２２番（たぞえ麻友議員） (seat 22);
* ``NAME+ROLE`` or ``ROLE`` alone, ended by a separator (a full-width or ASCII space, or a
  colon with optional spaces): ○藤田部会長　…, 〇河野大臣 ：…, ◯デジタル戦略推進部長　…,
  with a bracketed initial that tells two namesakes apart (○中村（謙）関係官), or a name
  letter-spaced as in attendance lists (○後　藤　さちこ議員　　…, ○藤　田部会長　…);
* an anonymised label, ``（Ａ）``, ``（Ｂ委員）``, ``Ａ委員：``, or a role in brackets, ``（委員）``.

The token must end with a title of the role vocabulary (``gijiroku/data/roles.yml``), so
the first words of an anonymous remark ("○今後考慮していくべき点として、") are never taken
for a speaker. Where the name ends is decided by knowledge, not position
(:func:`split_name_role`): fugashi + unidic-lite mark person-name morphemes (固有名詞,人名),
and an organisation or field before an office title belongs to the role (岸田|内閣総理大臣,
経済産業政策局長, おのせ康裕|議長). ``raw`` keeps the prefix as written, so that the remark
text plus ``raw`` hold every character of the source.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from gijiroku.annotate.tokenizer import pos_details
from gijiroku.folding import without_whitespace
from gijiroku.yamlio import read_yaml

ROLES_PATH = Path(__file__).resolve().parent.parent / "data" / "roles.yml"


@dataclass(frozen=True)
class Vocabulary:
    """The role vocabulary of ``roles.yml``; every tuple is sorted longest first."""

    personal_titles: frozenset[str]
    titles: tuple[str, ...]  # personal and office titles
    honorifics: tuple[str, ...]
    organisation_suffixes: frozenset[str]
    document_words: tuple[str, ...]
    group_words: tuple[str, ...]
    group_roles: frozenset[str]


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@functools.cache
def vocabulary() -> Vocabulary:
    data = read_yaml(ROLES_PATH)
    return Vocabulary(
        personal_titles=frozenset(data["personal_titles"]),
        titles=_longest_first(data["personal_titles"] + data["office_titles"]),
        honorifics=_longest_first(data["honorifics"]),
        organisation_suffixes=frozenset(data["organisation_suffixes"]),
        document_words=_longest_first(data["document_words"]),
        group_words=_longest_first(data["group_words"]),
        group_roles=frozenset(data["group_roles"]),
    )


ROLES = vocabulary().titles
HONORIFICS = vocabulary().honorifics
_ROLE = "|".join(ROLES)
# After a closing bracket the text may follow directly: the bracket delimits the speaker.
_AFTER_BRACKET = r"(?:[ \u3000]*[：:]?[ \u3000]*)"
_SEAT = r"(?P<seat>[0-9０-９]{1,3})\s*番\s*"
_PAREN = re.compile(
    rf"^(?:{_SEAT})?(?P<head>[^\s（）()：:、。「」]{{0,20}})[（(](?P<inner>[^（）()：:、。]{{1,20}})[）)]"
    + _AFTER_BRACKET
)
# A bracketed initial between surname and title: 中村（謙）関係官.
_INITIAL = re.compile(
    r"^(?P<name>[^\s（）()：:、。「」]{1,6}[（(][^\s（）()：:、。]{1,3}[）)])(?P<title>[^\s（）()：:、。「」]{1,12}?)"
    + r"(?:[ \u3000]*[：:][ \u3000]*|[ \u3000]+|$)"
)
# A label is one letter, or a doubled one once the alphabet is used up (（ＪＪ）), never an
# acronym such as （ＥＵ）.
_LABEL = re.compile(
    rf"^(?:[（(](?P<a>(?P<a1>[A-ZＡ-Ｚ])(?P=a1)?)(?P<arole>{_ROLE})?[）)]"
    rf"|(?P<b>(?P<b1>[A-ZＡ-Ｚ])(?P=b1)?)(?P<brole>{_ROLE})(?=[ \u3000：:]))"
    + _AFTER_BRACKET
)
_BRACKETED_ROLE = re.compile(rf"^[（(](?P<role>{_ROLE})[）)]" + _AFTER_BRACKET)
# A middle dot may join two fields of an office (議事・調査係長), never open a turn (○・).
_PLAIN = re.compile(r"^(?P<token>[^\s：:、。「」『』（）()・][^\s：:、。「」『』（）()]{0,19}?)"
                    + r"(?P<sep>[ \u3000]*[：:][ \u3000]*|[ \u3000]+|$)")
# A name spelled out letter by letter, as attendance lists do: 後　藤　さちこ議員, then two
# spaces or a colon (a single space would be part of the spacing).
_SPACED = re.compile(
    r"^(?P<token>[^\s：:、。「」（）()]{1,3}(?:[ \u3000][^\s：:、。「」（）()]{1,8}){1,5}?)"
    r"(?:[ \u3000]*[：:][ \u3000]*|[ \u3000]{2,}|$)"
)
# The same spelled-out name with its role, then any space: ○藤　田部会長　…. One space is
# also the spacing inside the name, so each space is tried in turn as the end, and the token
# before it is read only when it is a name followed by a role (:func:`_spaced_with_role`).
_SPACED_TOKEN = re.compile(r"[^\s：:、。「」（）()]{1,3}(?:[ \u3000][^\s：:、。「」（）()]{1,8}){1,5}")
_SPACE = re.compile(r"[ \u3000]")
_SURNAME = re.compile(r"^[\u4e00-\u9fff々〆ヶ]{1,4}[\u3041-\u3096]{0,4}$")
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]")


@dataclass(frozen=True)
class Speaker:
    """A turn's speaker. ``name`` has no spaces (後　藤　さちこ -> 後藤さちこ) and no seat;
    ``raw`` is the prefix exactly as written; ``label`` (A-Z) is set only for anonymised
    speakers, whose ``role`` is what the source gives (often nothing); ``seat`` is a
    councillor's seat number in ASCII digits (○２２番（…） -> "22")."""

    name: str
    role: str
    raw: str  # the prefix as written, without the turn marker and the separator's spaces
    label: str = ""
    seat: str = ""

    def to_dict(self) -> dict[str, str]:
        result = {"name": self.name, "role": self.role}
        if self.label:
            result["label"] = self.label
        if self.seat:
            result["seat"] = self.seat
        result["raw"] = self.raw
        return result


def split_speaker(text: str) -> tuple[Speaker | None, str]:
    """(speaker, rest of the text) of a turn's text after its marker; (None, text) if anonymous."""
    for parse in (_parenthesised, _labelled, _with_initial, _plain, _letter_spaced):
        found = parse(text)
        if found:
            speaker, end = found
            return speaker, text[end:]
    return None, text


def is_label_turn(text: str) -> bool:
    """True for a paragraph that opens with a bracketed label: （Ａ）, （Ｂ委員）, （委員）."""
    return bool(text.startswith(("（", "(")) and (_LABEL.match(text) or _BRACKETED_ROLE.match(text)))


def title_of(token: str) -> str | None:
    """The longest title of the vocabulary that ``token`` ends with."""
    return next((role for role in ROLES if token.endswith(role)), None)


@functools.lru_cache(maxsize=4096)  # a meeting repeats its few speakers hundreds of times
def split_name_role(token: str) -> tuple[str, str] | None:
    """``<name><role>`` -> (name, role) by knowledge; None when ``token`` ends with no title.

    岸田内閣総理大臣 -> (岸田, 内閣総理大臣); おのせ康裕議長 -> (おのせ康裕, 議長);
    経済産業政策局長 -> ("", 経済産業政策局長); 箱井委員 -> (箱井, 委員).
    """
    title = title_of(token)
    if title is None:
        return None
    before = token[: -len(title)]
    if not before:
        return "", title
    name = _name_part(before, title in vocabulary().personal_titles)
    return name, token[len(name):]


def _name_part(before: str, personal: bool) -> str:
    """The person's name at the start of ``before`` (what precedes a title); "" if none."""
    tags = pos_details(before)
    people = [i for i, tag in enumerate(tags) if tag[2:4] == ("固有名詞", "人名")]
    if people:  # a name the dictionary knows: up to its last person-name morpheme
        return "".join(tag[0] for tag in tags[: people[-1] + 1])
    forming = _role_forming(tags)
    if personal and _SURNAME.match(before) and not any(_field_word(tag) for tag in tags):
        return before  # ○平野委員, 尾﨑寿一議員: a surname the dictionary reads as words
    cut = len(forming)
    while cut and forming[cut - 1]:
        cut -= 1  # the organisation or field words just before the title
    name = "".join(tag[0] for tag in tags[:cut])
    return name if _SURNAME.match(name) and _looks_like_surname(tags[:cut]) else ""


def _role_forming(tags: list[tuple[str, str, str, str]]) -> list[bool]:
    """Per morpheme: does it belong to an organisation or field that is part of a role?

    A prefix (副) or suffix (支), a katakana word (デジタル), punctuation (議事・調査), an organisation
    suffix (東京|都, 総務|部) and the place name before it, and dictionary words of two or
    more characters (経済, 産業, 政策); not a one-character word (箱|井, 南: surnames unknown
    to the dictionary) nor a lone place name (山口, 洲崎: surnames too).
    """
    suffixes = vocabulary().organisation_suffixes
    result = []
    for index, (surface, pos1, pos2, _pos3) in enumerate(tags):
        following = tags[index + 1][0] if index + 1 < len(tags) else ""
        result.append(
            pos1 in ("接頭辞", "接尾辞", "補助記号") or bool(_KATAKANA.search(surface))
            or surface in suffixes
            or (pos2 == "固有名詞" and following in suffixes)
            or (pos2 == "普通名詞" and len(surface) >= 2 and surface not in suffixes)
        )
    return result


def _field_word(tag: tuple[str, str, str, str]) -> bool:
    """A morpheme that names an office's field even before a personal title: a prefix (副),
    a verbal noun (教育, 監査, 選挙), a katakana word, an organisation suffix."""
    surface, pos1, _pos2, pos3 = tag
    return (pos1 in ("接頭辞", "補助記号") or pos3 == "サ変可能" or bool(_KATAKANA.search(surface))
            or surface in vocabulary().organisation_suffixes)


def _looks_like_surname(tags: list[tuple[str, str, str, str]]) -> bool:
    """A place name (山口), or one-character dictionary words (箱|井), or a word unknown."""
    return bool(tags) and all(
        tag[2] == "固有名詞" or len(tag[0]) == 1 or tag[1] not in ("名詞", "動詞", "形容詞")
        for tag in tags
    )


def _raw(text: str, end: int) -> str:
    return text[:end].rstrip(" \u3000")


def _without_honorific(name: str) -> str:
    for honorific in HONORIFICS:
        if name.endswith(honorific) and len(name) > len(honorific):
            return name[: -len(honorific)]
    return name


def _seat(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match["seat"] or "")


def _parenthesised(text: str) -> tuple[Speaker, int] | None:
    match = _PAREN.match(text)
    if not match:
        return None
    head, inner, end = match["head"], without_whitespace(match["inner"]), match.end()
    if not head:  # ２２番（たぞえ麻友議員）, ３番（山田花子君）: the brackets hold the name
        if not match["seat"]:
            return None
        name, role = split_name_role(inner) or (_without_honorific(inner), "")
        return Speaker(name, role, _raw(text, end), seat=_seat(match)), end
    head_split = split_name_role(head)
    # 議長（清野一榮議員）, 市長（櫻田　宏）; 総務委員長（佐藤花子）: before brackets that hold a
    # name (not a title), a title is all role, even where it could start with a surname
    if head_split and (not head_split[0] or not title_of(inner)):
        return Speaker(_without_honorific(inner), head, _raw(text, end), seat=_seat(match)), end
    if title_of(inner):  # 櫻田（市長）
        return Speaker(head, inner, _raw(text, end), seat=_seat(match)), end
    return None


def _labelled(text: str) -> tuple[Speaker, int] | None:
    match = _LABEL.match(text) or _BRACKETED_ROLE.match(text)
    if not match:
        return None
    groups = match.groupdict()
    label = unicodedata.normalize("NFKC", groups.get("a") or groups.get("b") or "")
    role = groups.get("arole") or groups.get("brole") or groups.get("role") or ""
    return Speaker("", role, _raw(text, match.end()), label), match.end()


def _with_initial(text: str) -> tuple[Speaker, int] | None:
    """中村（謙）関係官: a surname with a bracketed initial, then a title alone."""
    match = _INITIAL.match(text)
    if not match or split_name_role(match["title"]) != ("", match["title"]):
        return None
    return Speaker(match["name"], match["title"], _raw(text, match.end())), match.end()


def _plain(text: str) -> tuple[Speaker, int] | None:
    match = _PLAIN.match(text)
    if not match:
        return None
    return _token_speaker(text, match["token"], match.end())


def _letter_spaced(text: str) -> tuple[Speaker, int] | None:
    """後　藤　さちこ議員　　…: a spaced-out name is read without its spaces, and must be one."""
    match = _SPACED.match(text)
    found = match and _token_speaker(text, without_whitespace(match["token"]), match.end())
    return found if found and found[0].name else _spaced_with_role(text)


def _spaced_with_role(text: str) -> tuple[Speaker, int] | None:
    """藤　田部会長　…: a spaced-out name and its role, ended by a single space."""
    for space in _SPACE.finditer(text, 0, 40):
        token = text[:space.start()]
        if not _SPACED_TOKEN.fullmatch(token):
            continue
        found = _token_speaker(text, without_whitespace(token), space.end())
        if found and found[0].name and found[0].role:
            return found
    return None


def _token_speaker(text: str, token: str, end: int) -> tuple[Speaker, int] | None:
    if token.endswith("君") and _SURNAME.match(token[:-1] or "-"):
        return Speaker(token[:-1], "", _raw(text, end)), end
    split = split_name_role(token)
    if split is None:
        return None
    return Speaker(split[0], split[1], _raw(text, end)), end
