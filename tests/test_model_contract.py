"""One data contract: the typed model (gijiroku/model.py), the published YAML and its JSON Schema.

* Round trip: ``minutes_to_dict(minutes_from_dict(d)) == d`` for every minutes YAML we have (the
  seed, the golden files, the site fixture, and what ``parse`` makes of the shared real files).
* The schema against the model: every field of every dataclass the YAML holds is a schema
  property of a compatible JSON type and required-ness, and every schema property is a field.
* The loader names what a document lacks instead of failing with a traceback.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import shutil
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml

from gijiroku.errors import GijirokuError
from gijiroku.model import Minutes
from gijiroku.parse.pipeline import parse_file
from gijiroku.serialize import ContractError, dump_yaml, load_yaml, minutes_from_dict, minutes_to_dict

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "gijiroku" / "schema" / "minutes.schema.json").read_text(encoding="utf-8"))
SEED_YAML = ROOT / "minutes" / "meti-smart-resilient" / "06.yaml"
FIXTURES = ROOT / "tests" / "fixtures"
# The published minutes, the golden files and the site fixture's minutes.
COMMITTED = sorted([*(ROOT / "minutes").glob("*/*.yaml"), *(FIXTURES / "parse").glob("*.yaml"),
                    *(FIXTURES / "site" / "minutes").glob("*/*.yaml")])
SHARED = ROOT.parent / "shared"
REAL = sorted(p for folder in ("formats", "corpus") for p in (SHARED / folder).rglob("*")
              if p.is_file() and p.name != "README.md") if SHARED.is_dir() else []
# The one document key that is not a field of Minutes: the schema's version tag.
DOCUMENT_ONLY = {"schema"}


# --- round trip ------------------------------------------------------------------------------

def test_the_committed_minutes_are_all_read():
    assert SEED_YAML in COMMITTED and len(COMMITTED) >= 10


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_committed_yaml_round_trips_through_the_model(path):
    document = load_yaml(path)
    minutes = minutes_from_dict(document)
    assert isinstance(minutes, Minutes)
    assert minutes_to_dict(minutes) == document


def parse_real(path: Path, root: Path) -> Minutes:
    """``path`` parsed as a meeting of a series of its own (with a sidecar date, as the README
    tells a user to add, when the file is a fragment that states none)."""
    series = root / f"{path.parent.name}-{path.stem}"
    series.mkdir()
    (series / "series.yml").write_text("slug: real\ncode: real\ntitle: t\norganiser: o\n", encoding="utf-8")
    shutil.copy(path, series / path.name)
    try:
        return parse_file(series / path.name, root)
    except GijirokuError as error:
        if "date" not in str(error):
            raise
        (series / f"{path.stem}.meta.yml").write_text("date: 2024-01-01\n", encoding="utf-8")
        return parse_file(series / path.name, root)


@pytest.mark.skipif(not REAL, reason="../shared (real minutes) is absent")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.relative_to(SHARED).as_posix())
def test_the_yaml_of_a_real_file_round_trips_through_the_model(path, tmp_path):
    document = yaml.safe_load(dump_yaml(minutes_to_dict(parse_real(path, tmp_path))))
    assert minutes_to_dict(minutes_from_dict(document)) == document


# --- the schema against the model ------------------------------------------------------------

PY_TO_JSON = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null",
              list: "array", dict: "object"}


def resolve(node: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node


def schema_types(node: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    """The JSON types a schema node admits (from type, enum, const or its oneOf/anyOf)."""
    node = resolve(node, schema)
    if "type" in node:
        return set([node["type"]] if isinstance(node["type"], str) else node["type"])
    values = node.get("enum", [node["const"]] if "const" in node else None)
    if values is not None:
        return {PY_TO_JSON[type(v)] for v in values}
    return set().union(*(schema_types(sub, schema) for sub in node.get("oneOf", node.get("anyOf", []))))


def parts(annotation: Any) -> list[Any]:
    """The members of a union annotation (``str | None`` -> str, NoneType), else itself."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return list(typing.get_args(annotation))
    return [annotation]


def model_types(annotation: Any) -> set[str]:
    kinds = set()
    for part in parts(annotation):
        origin = typing.get_origin(part) or part
        kinds.add("object" if dataclasses.is_dataclass(origin) else PY_TO_JSON[origin])
    return kinds


def mismatches(cls: type, node: dict[str, Any], schema: dict[str, Any], where: str,
               skip: frozenset[str] = frozenset()) -> list[str]:
    """How dataclass ``cls`` and the schema object ``node`` disagree, recursing into the
    dataclasses its fields hold (directly or in lists)."""
    node = resolve(node, schema)
    properties, required = node.get("properties", {}), set(node.get("required", []))
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    found = [f"{where}: schema property `{name}` is not a field of {cls.__name__}"
             for name in properties if name not in fields and name not in skip]
    for name, field in fields.items():
        at = f"{where}.{name}"
        if name not in properties:
            found.append(f"{at}: field of {cls.__name__} is not a schema property")
            continue
        has_default = field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING
        if not has_default and name not in required:
            # The reverse (a default but required) is fine: the YAML always has it, and code
            # may still build the model without it.
            found.append(f"{at}: the model requires it (no default), the schema does not")
        expected = model_types(hints[name])
        if field.default is None and name not in required:
            expected.discard("null")  # None stands for "absent": the YAML omits the key
        actual = schema_types(properties[name], schema)
        if expected != actual:
            found.append(f"{at}: the model's JSON types {sorted(expected)} != the schema's {sorted(actual)}")
        found += nested_mismatches(hints[name], properties[name], schema, at)
    return found


def nested_mismatches(annotation: Any, node: dict[str, Any], schema: dict[str, Any], where: str) -> list[str]:
    """Compare what a field holds: a dataclass, or a list's items (a dataclass or a scalar)."""
    node = resolve(node, schema)
    found = []
    for part in parts(annotation):
        if dataclasses.is_dataclass(part):
            found += mismatches(part, node, schema, where)
        elif typing.get_origin(part) is list:
            (item,) = typing.get_args(part)
            items = node.get("items", {})
            if dataclasses.is_dataclass(item):
                found += mismatches(item, items, schema, f"{where}[]")
            elif model_types(item) != schema_types(items, schema):
                found.append(f"{where}[]: the model's item types {sorted(model_types(item))} != "
                             f"the schema's {sorted(schema_types(items, schema))}")
    return found


def contract_mismatches(schema: dict[str, Any], root: type = Minutes) -> list[str]:
    return mismatches(root, schema, schema, "minutes", frozenset(DOCUMENT_ONLY))


def model_classes(cls: type = Minutes) -> set[type]:
    """Every dataclass reachable from ``cls`` through its fields."""
    seen = {cls}
    for annotation in typing.get_type_hints(cls).values():
        for part in parts(annotation):
            for inner in [part, *typing.get_args(part)]:
                if dataclasses.is_dataclass(inner) and inner not in seen:
                    seen |= model_classes(inner)
    return seen


def test_the_schema_and_the_model_agree():
    assert contract_mismatches(SCHEMA) == []


def test_every_dataclass_the_yaml_holds_is_compared():
    names = {cls.__name__ for cls in model_classes()}
    assert names == {"Minutes", "Meeting", "Attendee", "Source", "Warning_", "HeaderLine", "Remark",
                     "Item", "Span", "ThemeTag", "Note", "Retired", "LayoutLine"}


def schema_with(change):
    schema = copy.deepcopy(SCHEMA)
    change(schema)
    return schema


MEETING = ("properties", "meeting")


def at(schema: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    for key in path:
        schema = schema[key]
    return schema


# A schema changed without the model (each must be caught, with this fragment in the message).
DRIFTS = [
    (lambda s: at(s, MEETING)["properties"].update(place={"type": "string"}),
     "schema property `place` is not a field of Meeting"),
    (lambda s: at(s, MEETING)["properties"].pop("venue"), "minutes.meeting.venue: field of Meeting"),
    (lambda s: at(s, MEETING)["required"].remove("title"), "minutes.meeting.title: the model requires it"),
    (lambda s: s["$defs"]["remark"]["properties"]["page"].update(type="string"),
     "minutes.remarks[].page: the model's JSON types ['integer'] != the schema's ['string']"),
    (lambda s: s["$defs"]["span"]["properties"].pop("end"), "minutes.remarks[].lines.end"),
    (lambda s: s["$defs"]["theme"]["properties"]["score"].update(type="string"),
     "minutes.remarks[].themes[].score"),
    (lambda s: at(s, MEETING)["properties"]["number"].update(type="integer"),
     "minutes.meeting.number: the model's JSON types ['integer', 'null'] != the schema's ['integer']"),
    (lambda s: at(s, MEETING)["properties"]["agenda"]["items"].update(type="integer"),
     "minutes.meeting.agenda[]"),
    (lambda s: s["properties"]["layout"]["items"]["properties"].update(page={"type": "integer"}),
     "minutes.layout[]: schema property `page` is not a field of LayoutLine"),
]


@pytest.mark.parametrize(("change", "fragment"), DRIFTS)
def test_a_schema_that_drifts_from_the_model_is_caught(change, fragment):
    found = contract_mismatches(schema_with(change))
    assert any(fragment in problem for problem in found), found


@dataclasses.dataclass
class MinutesWithExtra(Minutes):
    summary: str = ""


def test_a_field_the_schema_lacks_is_caught():
    assert contract_mismatches(SCHEMA, MinutesWithExtra) == [
        "minutes.summary: field of MinutesWithExtra is not a schema property"]


# --- the loader's errors ---------------------------------------------------------------------

def seed() -> dict[str, Any]:
    return copy.deepcopy(load_yaml(SEED_YAML))


def delete(*keys):
    def mutate(data: dict) -> None:
        *parents, last = keys
        for key in parents:
            data = data[key]
        del data[last]
    return mutate


def put(value, *keys):
    def mutate(data: dict) -> None:
        *parents, last = keys
        for key in parents:
            data = data[key]
        data[last] = value
    return mutate


BROKEN = [
    (delete("meeting"), "`meeting` is missing or not a mapping"),
    (delete("meeting", "venue"), "meeting: `venue` is missing or not a string"),
    (put("7", "meeting", "number"), "meeting: `number` is missing or not an integer or null"),
    (put("2021/06/01", "meeting", "date"), "meeting: `date` '2021/06/01' is not a YYYY-MM-DD date"),
    (put("月", "meeting", "weekday"), "meeting: `weekday` 月 is not the weekday of 2021-06-01 (火)"),
    (put(1, "meeting", "attendees", 0, "seat"), "meeting attendees #1: `seat` is not a string"),
    (delete("meeting", "source", "sha256"), "meeting source: `sha256` is missing or not a string"),
    (put(True, "remarks", 0, "page"), "remarks #1: `page` is missing or not an integer"),
    (put({"start": 1}, "remarks", 1, "lines"), "remarks #2 lines: `end` is missing or not an integer"),
    (put([{"origin": "auto"}], "remarks", 0, "themes"), "remarks #1 themes #1: `theme` is missing or not a string"),
    (put("high", "remarks", 0, "themes", 0, "score"), "remarks #1 themes #1: `score` is not a number"),
    (put("a", "remarks", 0, "speaker"), "remarks #1: `speaker` is missing or not a mapping or null"),
    (put([1], "remarks", 0, "refs"), "remarks #1: `refs` is not a list of mappings"),
    (delete("remarks", 3, "items", 1, "hash"), "remarks #4 item #2: `hash` is missing or not a string"),
    (put({}, "remarks"), "`remarks` is not a list of mappings"),
    (delete("header"), "`header` is missing"),
    (put([{"line": "7", "message": "m"}], "warnings"), "warnings #1: `line` is missing or not an integer"),
    (put(None, "closing"), "`closing` is missing or not a string"),
    (put([{"id": "x", "text": "t"}], "retired"), "retired #1: `hash` is missing or not a string"),
]


@pytest.mark.parametrize(("mutate", "message"), BROKEN)
def test_the_loader_names_what_a_document_lacks(mutate, message):
    document = seed()
    mutate(document)
    with pytest.raises(ContractError) as caught:
        minutes_from_dict(document)
    assert str(caught.value) == message


def test_keys_the_model_does_not_know_are_ignored():
    document = seed()
    document["edited"] = "by hand"
    document["remarks"][0]["comment"] = "by hand"
    assert minutes_from_dict(document) == minutes_from_dict(seed())
