"""The sidecar ``NN.meta.yml`` beside a source: metadata the source lacks, supplied by hand.

A saved page may have no header at all (its title and date live on another page of the
site), and a source text is never edited. The sidecar states the missing fields; each one it
gives wins over what the parser found, and the YAML records that it came from the sidecar
(``meeting.origin``). Example::

    title: 議会運営委員会
    number: 3
    date: 2024-12-17            # any notation the parser reads: 令和6年12月17日, 2024/12/17
    start: "10:00"              # any time notation: 午前10時, 10時00分
    end: "11:30"
    venue: 第１委員会室
    source_url: https://example.jp/minutes/338564
    attendees:
      - {name: 塩田, role: 委員長, group: 委員}
      - 山田委員                  # a name with its role, split as in a header

Every key is optional; an unknown key, a wrong type, an unreadable date or time or a
``source_url`` that is not an absolute http(s) URL is an error naming the sidecar's line.
``source_url`` (the official document) becomes ``meeting.source_url``; it wins over the
series' pattern (:mod:`gijiroku.series`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from gijiroku.errors import GijirokuError
from gijiroku.limits import MAX_YAML_BYTES, read_text
from gijiroku.model import Attendee
from gijiroku.parse import dates
from gijiroku.parse.header import split_attendee
from gijiroku.yamlio import parse_yaml_node

SIDECAR_SUFFIX = ".meta.yml"
TEXT_FIELDS = ("title", "venue")
FIELDS = ("title", "number", "date", "start", "end", "venue", "source_url", "attendees")
ATTENDEE_KEYS = ("name", "role", "group")
EXAMPLE = "date: 2024-12-17"
SYNTAX_HINT = f"write one `key: value` per line, e.g. `{EXAMPLE}`"
URL_HINT = ("write the official document's full address as the browser shows it, starting "
            "with https:// (or http://), e.g. `source_url: https://www.meti.go.jp/…/gijiyoshi.pdf`")


def is_web_url(text: str) -> bool:
    """Whether ``text`` is an absolute http or https URL with a host and no whitespace, quotes
    or angle brackets (it is written into pages, feeds and citations as a link)."""
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unbalanced [ in the host
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(
        c.isspace() or c in '"<>' for c in text)


@dataclass(frozen=True)
class Sidecar:
    """The fields a sidecar gives; None where it says nothing. Times are "HH:MM"."""

    title: str | None = None
    number: int | None = None
    date: dt.date | None = None
    start: str | None = None
    end: str | None = None
    venue: str | None = None
    source_url: str | None = None
    attendees: tuple[Attendee, ...] | None = None

    def given(self) -> tuple[str, ...]:
        return tuple(name for name in FIELDS if getattr(self, name) is not None)


def sidecar_path(source: Path) -> Path:
    return source.with_name(source.name.rsplit(".", 1)[0] + SIDECAR_SUFFIX)


def load_sidecar(path: Path, shown: str) -> Sidecar:
    """The sidecar at ``path`` (named ``shown`` in errors about its content); an empty one when
    there is none."""
    if not path.is_file():
        return Sidecar()
    return parse_sidecar(read_text(path, MAX_YAML_BYTES, "YAML file", SYNTAX_HINT), shown)


def parse_sidecar(text: str, file: str) -> Sidecar:
    """The sidecar that the YAML ``text`` (of ``file``, named in errors) states."""
    root = parse_yaml_node(text, file, SYNTAX_HINT)[1]
    if root is None:
        return Sidecar()
    if not isinstance(root, yaml.MappingNode):
        raise _error(file, root, "the sidecar is not a mapping of fields",
                     f"write one `key: value` per line, e.g. `{EXAMPLE}`")
    values: dict = {}
    for key_node, value_node in root.value:
        key = key_node.value
        if key not in FIELDS:
            raise _error(file, key_node, f"unknown sidecar field {key!r}",
                         f"use only {', '.join(FIELDS)}")
        values[key] = _field(file, key, value_node)
    return Sidecar(**values)


def _field(file: str, key: str, node: yaml.Node):
    if key == "attendees":
        if not isinstance(node, yaml.SequenceNode):
            raise _error(file, node, "attendees must be a list",
                         "write one `- {name: 山田, role: 委員}` line per attendee")
        return tuple(_attendee(file, item) for item in node.value)
    value = _scalar(file, key, node)
    if key in TEXT_FIELDS:
        return value
    if key == "source_url":
        if not is_web_url(value):
            raise _error(file, node, f"source_url {value!r} is not an absolute http(s) URL", URL_HINT)
        return value
    if key == "number":
        if not value.isdigit() or int(value) < 1:
            raise _error(file, node, f"number {value!r} is not a meeting number",
                         "write the N of 第N回 as a plain number, e.g. `number: 3`")
        return int(value)
    if key == "date":
        found = dates.find_date(value)
        if found is None:
            raise _error(file, node, f"date {value!r} is not a date that can be read",
                         f"write e.g. `{EXAMPLE}` or `date: 令和6年12月17日`")
        return found.date
    times = dates.find_times(value)
    if len(times) != 1:
        raise _error(file, node, f"{key} {value!r} is not one clock time",
                     f'write e.g. `{key}: "10:00"` or `{key}: 午前10時`')
    return times[0]


def _scalar(file: str, key: str, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise _error(file, node, f"{key} must be a single non-empty value",
                     f"write it on the same line, e.g. `{EXAMPLE}`")
    return str(node.value).strip()


def _attendee(file: str, node: yaml.Node) -> Attendee:
    if isinstance(node, yaml.ScalarNode) and node.value.strip():
        return split_attendee(node.value.strip())
    if isinstance(node, yaml.MappingNode):
        fields = {}
        for key_node, value_node in node.value:
            if key_node.value not in ATTENDEE_KEYS:
                raise _error(file, key_node, f"unknown attendee field {key_node.value!r}",
                             f"use only {', '.join(ATTENDEE_KEYS)}")
            fields[key_node.value] = _scalar(file, key_node.value, value_node)
        if "name" in fields:
            return Attendee(fields["name"], fields.get("role", ""), fields.get("group", ""))
    raise _error(file, node, "an attendee needs a name",
                 "write `- {name: 山田, role: 委員}` or `- 山田委員`")


def _error(file: str, node: yaml.Node, message: str, hint: str) -> GijirokuError:
    return GijirokuError(file, message, hint, line=node.start_mark.line + 1)
