"""Stage 7, YAML: Minutes <-> the published YAML document (schema gijiroku/minutes/1).

Key order is fixed so that the committed YAML diffs cleanly; texts with paragraph breaks are
written as YAML literal blocks so that a reviewer reads them as prose.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import yaml

from gijiroku.errors import GijirokuError
from gijiroku.parse.ids import Published
from gijiroku.model import Item, Minutes, Remark, ThemeTag, Warning_
from gijiroku.yamlio import read_yaml

SCHEMA_ID = "gijiroku/minutes/1"


def _span(span) -> dict[str, int]:
    return {"start": span.start, "end": span.end}


def _themes(tags: list[ThemeTag]) -> list[dict[str, Any]]:
    """Each tag as a mapping; ``score`` only on auto tags (a manual tag has none)."""
    return [{k: v for k, v in dataclasses.asdict(tag).items() if k != "score" or v is not None}
            for tag in tags]


def warning_to_dict(warning: Warning_) -> dict[str, Any]:
    """A warning's line and message, and its hint and kind when it has them."""
    return {k: v for k, v in dataclasses.asdict(warning).items()
            if k not in ("hint", "kind") or v}


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
    if not meeting["source"]["url"]:
        del meeting["source"]["url"]
    if not meeting["origin"]:
        del meeting["origin"]
    return {
        "schema": SCHEMA_ID,
        "meeting": meeting,
        "warnings": [warning_to_dict(w) for w in minutes.warnings],
        "header": [dataclasses.asdict(h) for h in minutes.header],
        "remarks": [remark_to_dict(r) for r in minutes.remarks],
        "closing": minutes.closing,
        **({"layout": [dataclasses.asdict(x) for x in minutes.layout]} if minutes.layout else {}),
        "retired": [dataclasses.asdict(r) for r in minutes.retired],
    }


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
