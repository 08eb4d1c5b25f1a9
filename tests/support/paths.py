"""Paths of the repository and of the shared real-world samples, and small text helpers."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
MINUTES = ROOT / "minutes"
SEED = MINUTES / "meti-smart-resilient" / "06.txt"
FIXTURES = ROOT / "tests" / "fixtures"
SCHEMA = ROOT / "gijiroku" / "schema" / "minutes.schema.json"
# The shared real-world samples (../shared/formats beside the repository); tests skip without it.
SHARED_FORMATS = ROOT.parent / "shared" / "formats"


def non_whitespace(text: str) -> str:
    return re.sub(r"\s+", "", text)
