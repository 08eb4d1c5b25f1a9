"""Paths and small helpers shared by the tests (imported as ``paths``; tests/ is on sys.path)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINUTES = ROOT / "minutes"
SEED = MINUTES / "meti-smart-resilient" / "06.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCHEMA = ROOT / "gijiroku" / "schema" / "minutes.schema.json"
# The shared real-world samples (../shared/formats beside the repository); tests skip without it.
SHARED_FORMATS = ROOT.parent / "shared" / "formats"


def non_whitespace(text: str) -> str:
    return re.sub(r"\s+", "", text)
