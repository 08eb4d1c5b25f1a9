"""A content-addressed cache of parsed meeting YAML on disk (``.cache/gijiroku/`` by default).

Why: libyaml parses fast, but PyYAML still builds a Python node, a resolved tag and an object
for every scalar in Python. Reading a 1,000-meeting corpus (27 MB of YAML) took about 20 s per
build process, 40 % of a build; reading the same data as JSON takes about half a second.
JSON rather than pickle: reading a cache must not be able to run code, whoever wrote the folder.

Invariants:

- An entry is named by the SHA-256 of the YAML file's *bytes*, of :data:`FORMAT` and of PyYAML's
  version, so it can only hold what parsing exactly those bytes gives. Nothing is keyed by path
  or modification time, so a checkout, a copy or an edit can never serve stale data.
- Entries are written to a temporary file and renamed into place, so a reader sees a whole
  entry or none: two builds (the languages of one site build in two processes) can share the
  folder without locks. An entry that cannot be read is a miss.
- Only data that JSON holds exactly is stored (what ``gijiroku parse`` writes always is); a file
  whose YAML yields anything else (a date written without quotes, a number as a key) is simply
  parsed on every build.
- Deleting the folder at any time is safe; the next build re-parses and refills it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

# 3: read by gijiroku.yamlio, which refuses aliases that /2 stored expanded.
FORMAT = "gijiroku-yaml-cache/3"
ABANDONED = 3600
_SALT = f"{FORMAT}\0{yaml.__version__}\0".encode()


def digest(content: bytes) -> str:
    """The cache key of a YAML file's content."""
    return hashlib.sha256(_SALT + content).hexdigest()


class YamlCache:
    """Parsed YAML by :func:`digest` of its bytes, as JSON files in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(self, key: str) -> Any | None:
        try:
            return json.loads(self._path(key).read_bytes())
        except (OSError, ValueError):  # missing, truncated or foreign: a miss, re-parsed
            return None

    def put(self, key: str, data: Any) -> None:
        """Store ``data`` if JSON holds it exactly; a cache that cannot be written (read-only
        checkout, full disk) is skipped silently, as the build does not need it."""
        try:
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError):  # a date, a set, NaN…
            return
        if json.loads(text) != data:  # a number as a key would come back as a string
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, self._path(key))
        except OSError:
            return

    def prune(self, keep: set[str]) -> int:
        """Delete every entry whose key is not in ``keep`` (the keys the finished build used),
        so the folder holds one corpus however often its files were edited, and temporary files
        an interrupted build left behind (older than :data:`ABANDONED` seconds, so as not to
        race a build still writing). Returns the count."""
        removed = 0
        for path in self.directory.glob("*.json"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        for path in self.directory.glob("*.tmp"):
            if time.time() - path.stat().st_mtime > ABANDONED:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
