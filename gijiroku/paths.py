"""Paths that come from data (a YAML's ``meeting.source.file``, a symlinked source, a series
folder) must stay inside the minutes folder: otherwise a meeting YAML could publish
``/etc/passwd`` as its source on the site, or a symlink read any file of the machine."""

from __future__ import annotations

import re
from pathlib import Path

from gijiroku.errors import GijirokuError


def inside(path: Path, root: Path, what: str, file: str | None = None,
           line: int | None = None) -> Path:
    """``path`` resolved (symlinks followed), checked to be inside ``root`` resolved.

    ``what`` names the path in the error (``meeting.source.file``, ``source``…); ``file`` and
    ``line`` say where it came from (default: ``path`` itself).
    """
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise GijirokuError(
            file or str(path), f"{what} {str(path)!r} resolves to {resolved}, outside the "
            f"minutes folder ({root})",
            "keep every source, YAML and series file inside the minutes folder (no `..`, "
            "absolute paths or symlinks leading out of it)", line=line)
    return resolved


def key_line(text: str, parent: str, key: str) -> int | None:
    """The line (1-based) of ``key`` in the mapping ``parent`` of a YAML text as gijiroku writes
    it (``source: {file: …}`` on one line, or ``file:`` on a line below ``source:``), for errors."""
    seen_parent = False
    for number, line in enumerate(text.splitlines(), start=1):
        rest = line.lstrip()
        if rest.startswith(f"{parent}:"):
            seen_parent, rest = True, rest[len(parent) + 1:]
        if seen_parent and re.search(rf"(^|[{{,])\s*{re.escape(key)}:", rest.lstrip()):
            return number
    return None
