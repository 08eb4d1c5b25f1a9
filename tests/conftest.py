from __future__ import annotations

import json

import pytest

from support.paths import SCHEMA


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))
