"""Stable links: every published ID stays in the YAML, pointing at the text it was published with.

Two records of what was published: each meeting's registry ``minutes/<series>/NN.published.yml``,
which `gijiroku parse --all` maintains and `parse` reads (gijiroku/parse/registry.py), and, as a check
on it, tests/fixtures/published_ids.txt, the IDs published before the registries existed ("id
hash" per line, kept as it was: the registries must never lose one of them).
A published ID may only leave the live remarks by moving to ``retired`` (a correction removed
it); its hash may only change when the source text was corrected.
"""

import pytest

from gijiroku.parse.registry import load_registry, registry_path
from gijiroku.serialize import load_yaml
from support.paths import FIXTURES, MINUTES

REGISTRY = FIXTURES / "published_ids.txt"


def registry() -> dict[str, str]:
    entries = {}
    for line in REGISTRY.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            identifier, digest = line.split()
            entries[identifier] = digest
    return entries


def committed() -> dict[str, str]:
    found = {}
    for path in MINUTES.glob("*/*.yaml"):
        document = load_yaml(path)
        for remark in document["remarks"]:
            found[remark["id"]] = remark["hash"]
            found.update({item["id"]: item["hash"] for item in remark["items"]})
        found.update({entry["id"]: entry["hash"] for entry in document["retired"]})
    return found


def test_no_published_id_disappears_or_moves():
    published, current = registry(), committed()
    missing = sorted(set(published) - set(current))
    assert not missing, f"published IDs vanished from minutes/*/*.yaml: {missing}"
    moved = sorted(i for i, digest in published.items() if current[i] != digest)
    assert not moved, (
        f"published IDs now point at a different text: {moved}; if the source was corrected, "
        "update their hash here in the same commit"
    )


MEETINGS = sorted(MINUTES.glob("*/*.yaml"))


def registered(meeting_yaml) -> dict[str, str]:
    registry = load_registry(registry_path(meeting_yaml))  # NN.published.yml beside NN.yaml
    return {**registry.ids, **{i: digest for i, (digest, _) in registry.retired.items()}}


def test_the_registries_hold_every_hand_listed_id():
    listed = registry()
    found = {i: d for path in MEETINGS for i, d in registered(path).items()}
    assert {i: found.get(i) for i in listed} == listed


@pytest.mark.parametrize("path", MEETINGS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_registry_and_its_committed_yaml_agree(path):
    document = load_yaml(path)
    in_yaml = {unit["id"]: unit["hash"] for remark in document["remarks"]
               for unit in (remark, *remark["items"])}
    in_yaml.update({entry["id"]: entry["hash"] for entry in document["retired"]})
    assert registered(path) == in_yaml
    retired = load_registry(registry_path(path)).retired
    assert {e["id"]: (e["hash"], e["text"]) for e in document["retired"]} == retired
