"""Stage 3a, speakers: the speaker prefix of a turn -> ``{name, role, label?, raw}``.

A named turn starts, right after its turn marker, with one of:

* ``ROLE（NAME）`` or ``NAME（ROLE）``: ○議長（清野一榮議員）, ○市長（櫻田　宏）;
* ``NAME+ROLE`` or ``ROLE`` alone, ended by a separator (a full-width or ASCII space, or a
  colon with optional spaces): ○藤田部会長　…, 〇河野大臣 ：…, ◯デジタル戦略推進部長　…;
* an anonymised label, ``（Ａ）``, ``（Ｂ委員）``, ``Ａ委員：``, or a role in brackets, ``（委員）``.

The token must end with a known role (ROLES, longest first, so 副大臣 is not 副 + 大臣), so
the first words of an anonymous remark ("○今後考慮していくべき点として、") are never taken
for a speaker. NAME+ROLE is split where the role begins when what precedes it looks like a
Japanese surname (1-4 kanji, optionally followed by kana of a given name); otherwise the whole
token is the role (デジタル戦略推進部長). ``raw`` keeps the prefix as written, so that the
remark text plus ``raw`` hold every character of the source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ROLES = tuple(sorted({
    "内閣総理大臣", "総理大臣", "総理", "副大臣", "大臣政務官", "政務官", "大臣", "長官", "副長官",
    "部会長代理", "部会長", "分科会長", "会長代理", "副会長", "会長", "委員長代理", "副委員長",
    "委員長", "専門委員", "臨時委員", "委員", "幹事", "関係官", "座長代理", "副座長", "座長",
    "副議長", "議長", "議員", "市長", "副市長", "町長", "副町長", "村長", "知事", "副知事",
    "教育長", "部長", "局長", "課長", "室長", "次長", "所長", "センター長", "審議官", "参事官",
    "統括官", "政策統括官", "官房長", "事務次官", "事務局長", "事務局次長", "事務局", "理事長",
    "理事", "監事", "参考人", "政府参考人", "説明員", "構成員", "オブザーバー", "主査", "係長",
    "管理者", "監", "調整官", "企画官", "補佐",
}, key=len, reverse=True))
HONORIFICS = ("議員", "君", "さん", "氏")
_ROLE = "|".join(ROLES)
_SEPARATOR = r"(?:[ \u3000]*[：:][ \u3000]*|[ \u3000]+|$)"
# After a closing bracket the text may follow directly: the bracket delimits the speaker.
_AFTER_BRACKET = r"(?:[ \u3000]*[：:]?[ \u3000]*)"
_PAREN = re.compile(
    r"^(?P<head>[^\s（）()：:、。「」]{1,20})[（(](?P<inner>[^（）()：:、。]{1,20})[）)]"
    + _AFTER_BRACKET
)
_LABEL = re.compile(
    rf"^(?:[（(](?P<a>[A-ZＡ-Ｚ])(?P<arole>{_ROLE})?[）)]|(?P<b>[A-ZＡ-Ｚ])(?P<brole>{_ROLE})(?=[ \u3000：:]))"
    + _AFTER_BRACKET
)
_BRACKETED_ROLE = re.compile(rf"^[（(](?P<role>{_ROLE})[）)]" + _AFTER_BRACKET)
_PLAIN = re.compile(r"^(?P<token>[^\s：:、。「」『』（）()・]{1,20}?)" + r"(?P<sep>[ \u3000]*[：:][ \u3000]*|[ \u3000]+|$)")
_SURNAME = re.compile(r"^[\u4e00-\u9fff々〆ヶ]{1,4}[\u3041-\u3096]{0,4}$")


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str
    raw: str  # the prefix as written, without the turn marker and the separator's spaces
    label: str = ""

    def to_dict(self) -> dict[str, str]:
        result = {"name": self.name, "role": self.role}
        if self.label:
            result["label"] = self.label
        result["raw"] = self.raw
        return result


def split_speaker(text: str) -> tuple[Speaker | None, str]:
    """(speaker, rest of the text) of a turn's text after its marker; (None, text) if anonymous."""
    for parse in (_parenthesised, _labelled, _plain):
        found = parse(text)
        if found:
            speaker, end = found
            return speaker, text[end:]
    return None, text


def is_label_turn(text: str) -> bool:
    """True for a paragraph that opens with a bracketed label: （Ａ）, （Ｂ委員）, （委員）."""
    return bool(text.startswith(("（", "(")) and (_LABEL.match(text) or _BRACKETED_ROLE.match(text)))


def _raw(text: str, end: int) -> str:
    return text[:end].rstrip(" \u3000")


def _role_of(token: str) -> str | None:
    return next((role for role in ROLES if token.endswith(role)), None)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _parenthesised(text: str) -> tuple[Speaker, int] | None:
    match = _PAREN.match(text)
    if not match:
        return None
    head, inner = match["head"], _compact(match["inner"])
    if _role_of(head) == head or (_role_of(head) and not _SURNAME.match(head)):
        name = inner
        for honorific in HONORIFICS:
            if name.endswith(honorific) and len(name) > len(honorific):
                name = name[: -len(honorific)]
                break
        return Speaker(name, head, _raw(text, match.end())), match.end()
    if _role_of(inner):
        return Speaker(head, inner, _raw(text, match.end())), match.end()
    return None


def _labelled(text: str) -> tuple[Speaker, int] | None:
    match = _LABEL.match(text) or _BRACKETED_ROLE.match(text)
    if not match:
        return None
    groups = match.groupdict()
    label = unicodedata.normalize("NFKC", groups.get("a") or groups.get("b") or "")
    role = groups.get("arole") or groups.get("brole") or groups.get("role") or ""
    return Speaker("", role, _raw(text, match.end()), label), match.end()


def _plain(text: str) -> tuple[Speaker, int] | None:
    match = _PLAIN.match(text)
    if not match:
        return None
    token = match["token"]
    if token.endswith("君") and _SURNAME.match(token[:-1] or "-"):
        return Speaker(token[:-1], "", _raw(text, match.end())), match.end()
    role = _role_of(token)
    if role is None:
        return None
    name = token[: -len(role)]
    if name and not _SURNAME.match(name):
        name, role = "", token
    return Speaker(name, role, _raw(text, match.end())), match.end()
