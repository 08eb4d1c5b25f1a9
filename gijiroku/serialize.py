"""Stage 7, YAML: Minutes <-> the published YAML document (schema gijiroku/minutes/1).

Key order is fixed so that the committed YAML diffs cleanly; texts with paragraph breaks are
written as YAML literal blocks so that a reviewer reads them as prose.

:func:`minutes_from_dict` is the way back, for readers of the published YAML (the site): the
typed model of :mod:`gijiroku.model`, so that no reader indexes the document by string keys.
For every document ``minutes_to_dict`` writes, ``minutes_to_dict(minutes_from_dict(d)) == d``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from gijiroku.errors import GijirokuError
from gijiroku.model import (
    Attendee,
    HeaderLine,
    Item,
    LayoutLine,
    Meeting,
    Minutes,
    Note,
    Remark,
    Retired,
    Source,
    Span,
    ThemeTag,
    Warning_,
)
from gijiroku.parse.dates import weekday_ja
from gijiroku.parse.ids import Published
from gijiroku.yamlio import read_yaml

SCHEMA_ID = "gijiroku/minutes/1"


def _span(span) -> dict[str, int]:
    return {"start": span.start, "end": span.end}


def _themes(tags: list[ThemeTag]) -> list[dict[str, Any]]:
    """Each tag as a mapping; ``score`` only on auto tags (a manual tag has none)."""
    return [{k: v for k, v in dataclasses.asdict(tag).items() if k != "score" or v is not None}
            for tag in tags]


def warning_to_dict(warning: Warning_) -> dict[str, Any]:
    """A warning's line and message, and its hint, kind and args when it has them."""
    return {k: v for k, v in dataclasses.asdict(warning).items()
            if k not in ("hint", "kind", "args") or v}


def item_to_dict(item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "text": item.text,
        "page": item.page,
        "lines": _span(item.lines),
        "hash": item.hash,
        "themes": _themes(item.themes),
        "refs": item.refs,
        "terms": item.terms,
    }


def remark_to_dict(remark: Remark) -> dict[str, Any]:
    return {
        "id": remark.id,
        "number": remark.number,
        "text": remark.text,
        "page": remark.page,
        "lines": _span(remark.lines),
        "hash": remark.hash,
        "speaker": remark.speaker,
        "themes": _themes(remark.themes),
        "refs": remark.refs,
        "terms": remark.terms,
        "items": [item_to_dict(item) for item in remark.items],
        # Optional keys are written only when they have content, so that minutes without
        # them (the seed) keep their published YAML byte for byte.
        **({"notes": [dataclasses.asdict(n) for n in remark.notes]} if remark.notes else {}),
    }


def minutes_to_dict(minutes: Minutes) -> dict[str, Any]:
    meeting = dataclasses.asdict(minutes.meeting)
    if not meeting["agenda"]:
        del meeting["agenda"]
    for attendee in meeting["attendees"]:
        for optional in ("note", "seat"):  # only a few attendees have one (代理出席, １番)
            if not attendee[optional]:
                del attendee[optional]
    if meeting["source"]["format"] == "text":
        del meeting["source"]["format"]
    if not meeting["source_url"]:
        del meeting["source_url"]
    if not meeting["origin"]:
        del meeting["origin"]
    return {
        "schema": SCHEMA_ID,
        **({"fingerprint": minutes.fingerprint} if minutes.fingerprint else {}),
        "meeting": meeting,
        "warnings": [warning_to_dict(w) for w in minutes.warnings],
        "header": [dataclasses.asdict(h) for h in minutes.header],
        "remarks": [remark_to_dict(r) for r in minutes.remarks],
        "closing": minutes.closing,
        **({"layout": [dataclasses.asdict(x) for x in minutes.layout]} if minutes.layout else {}),
        "retired": [dataclasses.asdict(r) for r in minutes.retired],
    }


class ContractError(ValueError):
    """A document the model cannot hold, saying where: "remarks #2: `page` is missing or not
    an integer"."""


_MISSING = object()
_KIND_NAMES = {str: "a string", int: "an integer", dict: "a mapping"}


def _at(where: str, problem: str) -> ContractError:
    return ContractError(f"{where}: {problem}" if where else problem)


def _required(record: dict[str, Any], key: str, kind: type, where: str) -> Any:
    """``record[key]``, which must be a ``kind`` (exactly: a YAML ``true`` is no integer)."""
    value = record.get(key, _MISSING)
    if type(value) is kind:
        return value
    raise _at(where, f"`{key}` is missing or not {_KIND_NAMES[kind]}")


def _optional(record: dict[str, Any], key: str, kind: type, default: Any, where: str) -> Any:
    """``record[key]`` if present (then a ``kind``), else ``default`` (the model's default)."""
    value = record.get(key, _MISSING)
    if value is _MISSING:
        return default
    if type(value) is kind:
        return value
    raise _at(where, f"`{key}` is not {_KIND_NAMES[kind]}")


def _warning_args(record: dict[str, Any], where: str) -> dict[str, str]:
    """A warning's ``args``: a mapping of names to strings (empty when absent)."""
    args = _optional(record, "args", dict, {}, where)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in args.items()):
        raise _at(where, "`args` is not a mapping of names to strings")
    return dict(args)


def _nullable(record: dict[str, Any], key: str, kind: type, where: str, required: bool = True) -> Any:
    """``record[key]``: a ``kind`` or null (null too when absent and not ``required``)."""
    value = record.get(key, _MISSING if required else None)
    if value is None or type(value) is kind:
        return value
    raise _at(where, f"`{key}` is missing or not {_KIND_NAMES[kind]} or null")


def _number(record: dict[str, Any], key: str, where: str) -> float | int | None:
    """An optional number (an auto tag's score): YAML writes a whole one as an integer."""
    value = record.get(key)
    if value is None or type(value) in (int, float):
        return value
    raise _at(where, f"`{key}` is not a number")


def _records(record: dict[str, Any], key: str, where: str, required: bool = False) -> list[dict[str, Any]]:
    """``record[key]``, a list of mappings; ``[]`` when absent and not ``required``."""
    value = record.get(key, _MISSING)
    if value is _MISSING and not required:
        return []
    if value is _MISSING:
        raise _at(where, f"`{key}` is missing")
    if type(value) is list and all(type(entry) is dict for entry in value):
        return value
    raise _at(where, f"`{key}` is not a list of mappings")


def _strings(record: dict[str, Any], key: str, where: str) -> list[str]:
    value = record.get(key, [])
    if type(value) is list and all(type(entry) is str for entry in value):
        return value
    raise _at(where, f"`{key}` is not a list of strings")


def _lines(record: dict[str, Any], where: str) -> Span:
    lines = _required(record, "lines", dict, where)
    return Span(_required(lines, "start", int, f"{where} lines"),
                _required(lines, "end", int, f"{where} lines"))


def _theme_tags(record: dict[str, Any], where: str) -> list[ThemeTag]:
    tags = []
    for number, tag in enumerate(_records(record, "themes", where), start=1):
        at = f"{where} themes #{number}"
        tags.append(ThemeTag(_required(tag, "theme", str, at), _optional(tag, "origin", str, "auto", at),
                             _records(tag, "evidence", at), _number(tag, "score", at)))
    return tags


def _item(record: dict[str, Any], where: str) -> Item:
    return Item(
        _required(record, "id", str, where), _required(record, "text", str, where),
        _required(record, "page", int, where), _lines(record, where),
        _required(record, "hash", str, where), _theme_tags(record, where),
        _records(record, "refs", where), _records(record, "terms", where),
    )


def _remark(record: dict[str, Any], where: str) -> Remark:
    return Remark(
        _required(record, "id", str, where), _required(record, "number", int, where),
        _required(record, "text", str, where), _required(record, "page", int, where),
        _lines(record, where), _required(record, "hash", str, where),
        [_item(item, f"{where} item #{k}") for k, item in enumerate(_records(record, "items", where), 1)],
        _theme_tags(record, where), _records(record, "refs", where), _records(record, "terms", where),
        _nullable(record, "speaker", dict, where, required=False),
        [Note(_required(n, "line", int, f"{where} notes #{k}"), _required(n, "text", str, f"{where} notes #{k}"))
         for k, n in enumerate(_records(record, "notes", where), 1)],
    )


def _attendee(record: dict[str, Any], where: str) -> Attendee:
    return Attendee(_required(record, "name", str, where), _required(record, "role", str, where),
                    _optional(record, "group", str, "", where), _optional(record, "note", str, "", where),
                    _optional(record, "seat", str, "", where))


def _source(record: dict[str, Any], where: str) -> Source:
    if "url" in record:  # written by versions before meeting.source_url: not to be lost silently
        raise _at(where, "`url` is now the meeting's `source_url`: run `gijiroku parse --all`")
    return Source(_required(record, "file", str, where), _required(record, "sha256", str, where),
                  _required(record, "encoding", str, where), _required(record, "pages", int, where),
                  _optional(record, "format", str, "text", where))


def _date_and_weekday(record: dict[str, Any]) -> tuple[str, str]:
    """The meeting's ISO date and weekday, checked: the weekday is the date's real one (the
    parser computes it; a source's stated weekday, which may be wrong, stays in its header)."""
    date = _required(record, "date", str, "meeting")
    try:
        real = weekday_ja(dt.date.fromisoformat(date))
    except ValueError:
        raise ContractError(f"meeting: `date` {date!r} is not a YYYY-MM-DD date") from None
    weekday = _required(record, "weekday", str, "meeting")
    if weekday != real:
        raise ContractError(f"meeting: `weekday` {weekday} is not the weekday of {date} ({real})")
    return date, weekday


def _meeting(record: dict[str, Any]) -> Meeting:
    where = "meeting"
    origin = _optional(record, "origin", dict, {}, where)
    date, weekday = _date_and_weekday(record)
    return Meeting(
        _required(record, "id", str, where), _required(record, "series", str, where),
        _nullable(record, "number", int, where), _required(record, "title", str, where),
        _required(record, "kind", str, where), date, weekday,
        _nullable(record, "start", str, where), _nullable(record, "end", str, where),
        _required(record, "venue", str, where),
        [_attendee(a, f"meeting attendees #{k}") for k, a in
         enumerate(_records(record, "attendees", where, required=True), 1)],
        _source(_required(record, "source", dict, where), "meeting source"),
        _optional(record, "source_url", str, "", where), _strings(record, "agenda", where), origin,
    )


def _flat_records(document: dict[str, Any], key: str, make: type, fields: tuple[str, ...]) -> list[Any]:
    """The ``key`` list of flat records (``header``, ``retired``, ``layout``), each a ``make``."""
    kinds = {"line": int}
    return [make(*(_required(entry, name, kinds.get(name, str), f"{key} #{k}") for name in fields))
            for k, entry in enumerate(_records(document, key, "", required=key == "header"), 1)]


def minutes_from_dict(document: dict[str, Any]) -> Minutes:
    """The typed model of a published minutes document (the inverse of :func:`minutes_to_dict`).

    Checks what the model's types promise (every field it has without a default is present,
    every field has its type; ``weekday`` is the real weekday of ``date``) and raises
    :class:`ContractError` naming the first field that breaks it. Fields the model has a
    default for may be absent, as the YAML omits them when empty. Keys the model does not know
    are ignored (the published document keeps them); the JSON Schema checks the rest (ID
    patterns, enums). The model's lists and mappings share the document's (evidence, refs,
    terms, speaker): treat both as read-only.
    """
    if type(document) is not dict:
        raise ContractError("the document is not a mapping")
    return Minutes(
        meeting=_meeting(_required(document, "meeting", dict, "")),
        header=_flat_records(document, "header", HeaderLine, ("line", "text")),
        remarks=[_remark(r, f"remarks #{k}") for k, r in
                 enumerate(_records(document, "remarks", "", required=True), 1)],
        closing=_required(document, "closing", str, ""),
        warnings=[Warning_(_required(w, "line", int, f"warnings #{k}"),
                           _required(w, "message", str, f"warnings #{k}"),
                           _optional(w, "hint", str, "", f"warnings #{k}"),
                           _optional(w, "kind", str, "", f"warnings #{k}"),
                           _warning_args(w, f"warnings #{k}"))
                  for k, w in enumerate(_records(document, "warnings", ""), 1)],
        retired=_flat_records(document, "retired", Retired, ("id", "hash", "text")),
        layout=_flat_records(document, "layout", LayoutLine, ("line", "text", "kind")),
        fingerprint=_optional(document, "fingerprint", str, "", ""),
    )


class _Dumper(yaml.SafeDumper):
    pass


# Plain scalars that some YAML reader takes for something other than a string: a number, a
# boolean, a null or a date of YAML 1.1 (the spec's, which is wider than PyYAML's: y, n, 0b1,
# 1:20 sexagesimals) or of YAML 1.2's core and JSON schemas (6389e401 and 1e5 are floats there,
# 0o17 an integer), generously (signs and underscores anywhere a reader might allow them).
# PyYAML quotes only what its own YAML 1.1 resolver would misread, so these are quoted here.
_NOT_A_PLAIN_STRING = re.compile(
    r"""(?x)
    y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
    | ~|null|Null|NULL
    | [-+]?(?:
        0b[01_]+ | 0o?[0-7_]+ | 0x[0-9a-fA-F_]+
      | [0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
      | (?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?
      | \.(?:inf|Inf|INF|nan|NaN|NAN)
    )
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)\S.*)?
    """
)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        style = "|"
    elif _NOT_A_PLAIN_STRING.fullmatch(value):
        style = "'"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _is_flat(value: dict[str, Any]) -> bool:
    """A small mapping of scalars (a span, an attendee, a piece of evidence, a reference)."""
    def scalar(v: Any) -> bool:
        return v is None or isinstance(v, (int, float)) or (isinstance(v, str) and "\n" not in v)

    return len(value) <= 6 and all(
        scalar(v) or (isinstance(v, list) and all(isinstance(n, int) for n in v))
        for v in value.values()
    )


def _represent_dict(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.MappingNode:
    # One line per flat record keeps the committed YAML short and its diffs readable.
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=_is_flat(value))


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(dict, _represent_dict)


def dump_yaml(document: dict[str, Any]) -> str:
    return yaml.dump(
        document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000
    )


def load_yaml(path: Path) -> Any:
    """A YAML file's data, read by the one safe loader (:func:`gijiroku.yamlio.read_yaml`)."""
    return read_yaml(path, "regenerate it with `gijiroku parse --all`, or restore it from git")


def is_minutes_document(data: Any) -> bool:
    """Whether ``data`` is a minutes YAML as ``gijiroku parse`` writes it."""
    return (isinstance(data, dict) and data.get("schema") == SCHEMA_ID
            and isinstance(data.get("meeting"), dict)
            and isinstance(data["meeting"].get("source"), dict))


_PUBLISHED_HINT = ("restore it from git (its IDs are published), or delete it to parse the "
                   "source afresh (IDs are then numbered anew)")


def _is_unit(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(f), str) for f in ("id", "hash", "text"))


def load_published(path: Path) -> dict[str, Any] | None:
    """The minutes YAML at ``path`` for ID matching, checked to have the fields it needs."""
    document = read_yaml(path, _PUBLISHED_HINT)
    if document is None:
        return None
    if not is_minutes_document(document):
        raise GijirokuError(str(path), f"not a gijiroku minutes YAML (schema {SCHEMA_ID} with "
                            "meeting.source)", _PUBLISHED_HINT)
    for key in ("remarks", "retired"):
        entries = document.get(key) or []
        for number, entry in enumerate(entries if isinstance(entries, list) else [None], 1):
            items = (entry.get("items") or []) if isinstance(entry, dict) else []
            if not (_is_unit(entry) and isinstance(items, list) and all(map(_is_unit, items))):
                raise GijirokuError(str(path), f"{key} #{number} is not a mapping with a string "
                                    "id, hash and text (nor are all its items)", _PUBLISHED_HINT)
    return document


def published_remarks(document: dict[str, Any] | None) -> list[Published]:
    """The remarks (and retired remarks) of a published YAML document, for ID matching."""
    if not document:
        return []
    remarks = [
        Published(
            r["id"], r["hash"], r["text"],
            tuple(Published(i["id"], i["hash"], i["text"]) for i in r.get("items", [])),
        )
        for r in document.get("remarks", [])
    ]
    retired = [Published(r["id"], r["hash"], r["text"]) for r in document.get("retired", [])]
    return remarks + retired
