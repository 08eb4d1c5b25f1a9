"""The registry of published IDs: ``minutes/<series>/NN.published.yml``, kept with the data.

Every remark and item ID that the meeting's committed YAML ever held, with its content hash,
and for a retired one (a correction removed it) its last text. One file per meeting, beside
its source, so a parse reads only its own and adding meetings never touches another's. It lets a parse keep every published ID
even when a meeting's YAML is lost: ``parse`` matches new remarks against the YAML *and* this
registry, and never gives out a number the registry holds (see :mod:`gijiroku.parse.ids`).

Who writes it: ``gijiroku parse --all``, after writing the YAML, adds the IDs of every meeting
it parsed and updates their hashes (a corrected text) or their retired texts; it never drops
an entry. Nothing else writes it; ``parse FILE`` only reads it. Invariant: ``ids`` and
``retired`` are disjoint; every retired entry has the text it was last published with.

Shape (schema ``gijiroku/published/1``)::

    schema: gijiroku/published/1
    ids: {sr06-01: '868f8c52', sr06-04-1: '8318d021', ...}       # live: id -> hash
    retired: {sr06-28: {hash: '7a2f705a', text: ...}, ...}        # removed: id -> hash, text
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from gijiroku.errors import GijirokuError
from gijiroku.model import Remark, Warning_
from gijiroku.parse.ids import Published
from gijiroku.serialize import dump_yaml, load_yaml

SCHEMA_ID = "gijiroku/published/1"
HEADER = (
    "# Registry of every remark and item ID published for this meeting (see gijiroku/parse/registry.py).\n"
    "# Written by `gijiroku parse --all`; never delete an entry: links to these IDs are out there.\n"
)


@dataclass(frozen=True)
class Registry:
    """Published IDs: live ones by hash, retired ones with hash and last text."""

    ids: dict[str, str] = field(default_factory=dict)  # id -> hash
    retired: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (hash, text)

    def of_meeting(self, meeting_id: str) -> list[Published]:
        """The meeting's entries, for ID matching, shaped as :func:`published_remarks` gives
        them: live remarks with their live items, then every other entry flat. Live entries
        carry no text (they match by hash only); retired ones carry their last text."""
        prefix = meeting_id + "-"
        live = {i: h for i, h in self.ids.items() if i.startswith(prefix)}
        remarks = [i for i in live if "-" not in i[len(prefix):]]
        nested = {i for r in remarks for i in live if i.startswith(r + "-")}
        return ([Published(r, live[r], "", tuple(Published(i, live[i], "") for i in live
                                                 if i.startswith(r + "-"))) for r in remarks]
                + [Published(i, h, "") for i, h in live.items() if i not in nested and i not in remarks]
                + [Published(i, h, t) for i, (h, t) in self.retired.items() if i.startswith(prefix)])

    def hash_of(self, identifier: str) -> str | None:
        if identifier in self.ids:
            return self.ids[identifier]
        return self.retired[identifier][0] if identifier in self.retired else None


def registry_path(source: Path) -> Path:
    """Where the registry of a meeting lives: beside its source, ``NN.published.yml``."""
    return source.with_suffix(".published.yml")


def load_registry(path: Path) -> Registry:
    """The registry at ``path``; an empty one when the file does not exist yet."""
    if not path.is_file():
        return Registry()
    document = load_yaml(path) or {}
    try:
        ids = {str(k): str(v) for k, v in (document.get("ids") or {}).items()}
        retired = {str(k): (str(v["hash"]), str(v["text"]))
                   for k, v in (document.get("retired") or {}).items()}
    except (AttributeError, KeyError, TypeError) as error:
        raise GijirokuError(str(path), f"not a registry of published IDs ({error})",
                            "restore it from git; its shape is described at the top of "
                            "gijiroku/parse/registry.py") from error
    return Registry(ids, retired)


def updated(registry: Registry, documents: Iterable[dict[str, Any]]) -> Registry:
    """``registry`` with every ID of the meeting YAML ``documents`` added or brought up to date."""
    ids, retired = dict(registry.ids), dict(registry.retired)
    for document in documents:
        for remark in document.get("remarks") or []:
            for unit in (remark, *(remark.get("items") or [])):
                ids[unit["id"]] = unit["hash"]
                retired.pop(unit["id"], None)
        for gone in document.get("retired") or []:
            ids.pop(gone["id"], None)
            retired[gone["id"]] = (gone["hash"], gone["text"])
    return Registry(dict(sorted(ids.items(), key=_order)), dict(sorted(retired.items(), key=_order)))


def _order(entry: tuple[str, Any]) -> tuple:
    """Source order of IDs: sr06-04 < sr06-04-1 < sr06-10 < sr06-100."""
    meeting, *numbers = entry[0].split("-")
    return (meeting, *(int(n) if n.isdigit() else 0 for n in numbers))


def dump_registry(registry: Registry) -> str:
    return HEADER + dump_yaml({
        "schema": SCHEMA_ID,
        "ids": registry.ids,
        "retired": {i: {"hash": h, "text": t} for i, (h, t) in registry.retired.items()},
    })


def with_registered(published: list[Published], registered: list[Published]) -> list[Published]:
    """The YAML's published entries, then the registry's entries (and items) that it lacks."""
    known = {p.id for p in published} | {i.id for p in published for i in p.items}
    extra: list[Published] = []
    for entry in registered:
        missing_items = tuple(i for i in entry.items if i.id not in known)
        if entry.id in known:
            extra += missing_items  # found by their remark's ID prefix when items are matched
        else:
            extra.append(dataclasses.replace(entry, items=missing_items))
    return published + extra


RESTORE_HINT = ("restore the meeting's YAML and its .published.yml from git (git checkout), "
                "then parse again; the registry is described in README \"Stable IDs\"")


def renumbering_warnings(
    remarks: list[Remark], previous: list[Published], registry: Registry
) -> list[Warning_]:
    """Where this parse would move a published ID to another text.

    * a text registered under one ID now gets another (the YAML and the registry disagree, or a
      duplicate text took the ID): links to the registered ID would not lead to it;
    * a registered ID that matches nothing here and whose text is unknown (its YAML is lost and
      the text changed): it can only be retired without its text, and its remark gets a new ID.
    """
    units = [(unit.id, unit.hash, unit.lines.start)
             for remark in remarks for unit in (remark, *remark.items)]
    hashes = {identifier: digest for identifier, digest, _ in units}
    by_hash: dict[str, list[str]] = {}
    for identifier in [*registry.ids, *registry.retired]:
        by_hash.setdefault(registry.hash_of(identifier), []).append(identifier)
    warnings = [
        Warning_(line, f"{identifier} gets the text published as {old}, and {old} does not: "
                       f"links to {old} would no longer lead to it", RESTORE_HINT)
        for identifier, digest, line in units
        for old in by_hash.get(digest, [])
        if old != identifier and hashes.get(old) != digest
    ]
    first_line = units[0][2] if units else 1
    flat = previous + [item for p in previous for item in p.items]
    warnings += [
        Warning_(first_line, f"published {p.id} matches nothing in this parse and its text is not known "
                             f"(its YAML is missing): it would be retired without its text",
                 RESTORE_HINT)
        for p in flat if p.id in registry.ids and not p.text and p.id not in hashes
    ]
    return warnings
