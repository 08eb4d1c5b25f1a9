"""Stage 6, YAML: Minutes <-> the published YAML document (schema gijiroku/minutes/1).

Key order is fixed so that the committed YAML diffs cleanly; texts with paragraph breaks are
written as YAML literal blocks so that a reviewer reads them as prose.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml

from gijiroku.ids import Published
from gijiroku.model import Item, Minutes, Remark, ThemeTag, Warning_

SCHEMA_ID = "gijiroku/minutes/1"


def _span(span) -> dict[str, int]:
    return {"start": span.start, "end": span.end}


def _themes(tags: list[ThemeTag]) -> list[dict[str, Any]]:
    """Each tag as a mapping; ``score`` only on auto tags (a manual tag has none)."""
    return [{k: v for k, v in dataclasses.asdict(tag).items() if k != "score" or v is not None}
            for tag in tags]


def warning_to_dict(warning: Warning_) -> dict[str, Any]:
    """A warning's line and message, and its hint when it has one."""
    return {k: v for k, v in dataclasses.asdict(warning).items() if k != "hint" or v}


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
    if meeting["source"]["format"] == "text":
        del meeting["source"]["format"]
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


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
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


def load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


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
