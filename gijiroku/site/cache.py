"""A content-addressed cache of parsed meeting YAML on disk (``.cache/gijiroku/`` by default).

Why: libyaml parses fast, but PyYAML still builds a Python node, a resolved tag and an object
for every scalar in Python. Reading a 1,000-meeting corpus (27 MB of YAML) took about 20 s per
build process, 40 % of a build; unpickling the same data takes about half a second.

Invariants:

- An entry is named by the SHA-256 of the YAML file's *bytes*, of :data:`FORMAT` and of PyYAML's
  version, so it can only hold what parsing exactly those bytes gives. Nothing is keyed by path
  or modification time, so a checkout, a copy or an edit can never serve stale data.
- Entries are written to a temporary file and renamed into place, so a reader sees a whole
  entry or none: two builds (the languages of one site build in two processes) can share the
  folder without locks. An entry that cannot be read is a miss.
- Deleting the folder at any time is safe; the next build re-parses and refills it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

FORMAT = "gijiroku-yaml-cache/1"
ABANDONED = 3600
_SALT = f"{FORMAT}\0{yaml.__version__}\0".encode()


def digest(content: bytes) -> str:
    """The cache key of a YAML file's content."""
    return hashlib.sha256(_SALT + content).hexdigest()


class YamlCache:
    """Parsed YAML by :func:`digest` of its bytes, as pickles in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        try:
            with self._path(key).open("rb") as file:
                return pickle.load(file)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 -- a truncated or foreign file is a miss, re-parsed
            return None

    def put(self, key: str, data: Any) -> None:
        """Store ``data``; a cache that cannot be written (read-only checkout, full disk) is
        skipped silently, as the build does not need it."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "wb") as file:
                pickle.dump(data, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self._path(key))
        except OSError:
            return

    def prune(self, keep: set[str]) -> int:
        """Delete every entry whose key is not in ``keep`` (the keys the finished build used),
        so the folder holds one corpus however often its files were edited, and temporary files
        an interrupted build left behind (older than :data:`ABANDONED` seconds, so as not to
        race a build still writing). Returns the count."""
        removed = 0
        for path in self.directory.glob("*.pickle"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        for path in self.directory.glob("*.tmp"):
            if time.time() - path.stat().st_mtime > ABANDONED:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
