from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

# Make tests/paths.py importable from every test folder (tests/browser too).
sys.path.insert(0, str(Path(__file__).resolve().parent))

from paths import SCHEMA  # noqa: E402


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))
