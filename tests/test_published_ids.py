"""Stable links: every published ID stays in the YAML, pointing at the text it was published with.

tests/fixtures/published_ids.txt is the append-only registry of published IDs ("id hash" per
line). A published ID may only leave the live remarks by moving to ``retired`` (a correction
removed it); its hash may only change when the source text was corrected.
"""

from gijiroku.serialize import load_yaml

from paths import FIXTURES, MINUTES

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


def test_every_committed_id_is_registered():
    unregistered = sorted(set(committed()) - set(registry()))
    assert not unregistered, f"add these newly published IDs to {REGISTRY.name}: {unregistered}"
