from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINUTES = ROOT / "minutes"
SEED = MINUTES / "meti-smart-resilient" / "06.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCHEMA = ROOT / "gijiroku" / "schema" / "minutes.schema.json"


def non_whitespace(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))
