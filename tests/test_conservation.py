"""Nothing lost: every non-whitespace character of the source reaches the YAML, in order."""

import re
from pathlib import Path

import pytest

from gijiroku.decode import decode
from gijiroku.lines import physical_lines
from gijiroku.serialize import load_yaml
from gijiroku.structure import CLOSING_LINES, ITEM_MARKER, TURN_MARKERS

from conftest import FIXTURES, MINUTES, non_whitespace

SOURCES = sorted(MINUTES.glob("*/*.txt")) + sorted((FIXTURES / "parse").glob("*.txt"))


def source_parts(path: Path) -> tuple[str, str]:
    """(header, body) of the source: body runs from the first ○ to 以上, markers removed."""
    raw = physical_lines(decode(path.read_bytes(), path.name).text)
    stripped = [line.strip() for line in raw]
    first = next(i for i, line in enumerate(stripped) if line.startswith(TURN_MARKERS))
    end = next((i for i in range(first, len(stripped)) if stripped[i] in CLOSING_LINES), len(raw))
    body = [re.sub(f"^[{''.join(TURN_MARKERS)}{ITEM_MARKER}]", "", line) for line in stripped[first:end]]
    return non_whitespace("".join(stripped[:first])), non_whitespace("".join(body))


def yaml_parts(path: Path) -> tuple[str, str]:
    document = load_yaml(path.with_suffix(".yaml"))
    texts = [t for r in document["remarks"] for t in [r["text"], *(i["text"] for i in r["items"])]]
    header = "".join(h["text"] for h in document["header"])
    return non_whitespace(header), non_whitespace("".join(texts))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_body_and_header_are_conserved(source):
    source_header, source_body = source_parts(source)
    yaml_header, yaml_body = yaml_parts(source)
    assert yaml_body == source_body
    assert yaml_header == source_header


def test_item_markers_inside_lines_are_kept():
    # 中堅・中小企業 keeps its ・; only line-leading markers are structure.
    document = load_yaml(MINUTES / "meti-smart-resilient" / "06.yaml")
    assert any("中堅・中小企業" in r["text"] for r in document["remarks"])
