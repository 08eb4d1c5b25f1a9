"""The registry of published IDs: ``minutes/<series>/NN.published.yml``, kept with the data.

Every remark and item ID that the meeting's committed YAML ever held, with its content hash,
and for a retired one (a correction removed it) its last text. One file per meeting, beside
its source, so a parse reads only its own and adding meetings never touches another's. It lets a parse keep every published ID
even when a meeting's YAML is lost: ``parse`` matches new remarks against the YAML *and* this
registry, and never gives out a number the registry holds (see :mod:`gijiroku.ids`).

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

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from gijiroku.errors import GijirokuError
from gijiroku.ids import Published
from gijiroku.serialize import dump_yaml, load_yaml

SCHEMA_ID = "gijiroku/published/1"
HEADER = (
    "# Registry of every remark and item ID published for this meeting (see gijiroku/registry.py).\n"
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
                            f"restore it from git; its shape is described at the top of "
                            f"gijiroku/registry.py") from error
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
