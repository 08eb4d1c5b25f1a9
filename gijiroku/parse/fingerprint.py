"""The fingerprint of a meeting's YAML: how ``gijiroku parse --all`` knows, without parsing
anything, that parsing a source again would write the YAML that is already beside it.

``parse --all`` writes ``fingerprint: <sha256>`` as the YAML's second line (right after
``schema:``): the hash of everything the parse of that source read, and of the YAML's own text
without that line. Invariant: **a YAML whose recorded fingerprint equals** :func:`current`
**of its source now is byte for byte what a parse would write now**, so it is skipped. What
the parse reads, and so what the fingerprint covers:

* the parser: every module of the ``gijiroku`` package outside ``site/`` and ``search/``, its
  data files (lexicon ``themes.yml``, ``roles.yml``, ``checks.yml``, …) and schema, and the
  versions of the libraries whose output reaches the YAML (fugashi and its dictionary
  unidic-lite, PyYAML, pypdf) and of Python. A hash rather than a version constant: a constant
  is forgotten at the next parser fix, and then stale YAML would be skipped silently; the hash
  costs one read of about 80 small files a run, and its only false alarm (an edited comment)
  costs one full re-parse that writes the same YAML;
* the source's path under the root (it is written into the YAML) and the forced encoding;
* the source's bytes, its sidecar ``NN.meta.yml``, its theme corrections ``NN.themes.yml`` and
  its ``series.yml`` (each, or that it is absent);
* its registry of published IDs ``NN.published.yml`` *as it is after this parse registered its
  IDs* (``parse --all`` writes it just after the YAML): a registry changed since (restored from
  git, merged from another branch) can give IDs back or hold numbers a new remark must not
  take, so it makes the meeting parse again and IDs stay stable;
* the YAML itself, without the fingerprint line: a parse keeps the IDs it finds there, and a
  hand-edited YAML must be regenerated (a deleted one has no fingerprint).

Translations (``NN.en.yml``) are not read by the parse, so they are not covered; nothing the
parse reads is ever written by it except the YAML and the registry.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import platform
import re
from pathlib import Path

from gijiroku.files import overrides_path, yaml_path
from gijiroku.parse.registry import registry_path
from gijiroku.parse.sidecar import sidecar_path
from gijiroku.series import SERIES_FILE

PACKAGE = Path(__file__).resolve().parent.parent
# Parts of the package a parse never imports: editing them must not re-parse the corpus.
NOT_PARSER = ("site", "search")
LIBRARIES = ("fugashi", "unidic-lite", "pyyaml", "pypdf")
KEY = "fingerprint"
# The schema line, then the fingerprint line when there is one (see dump_yaml's key order).
_STAMP = re.compile(rb"\A(schema: [^\n]*\n)(fingerprint: ([0-9a-f]{64})\n)?")


@functools.cache
def parser_digest(package: Path = PACKAGE) -> str:
    """The hash of the parser's code, data and libraries (see the module's docstring);
    ``package`` is the ``gijiroku`` package folder."""
    digest = hashlib.sha256()
    files = sorted(p for p in package.rglob("*")
                   if p.is_file() and p.suffix in (".py", ".yml", ".json")
                   and p.relative_to(package).parts[0] not in NOT_PARSER)
    for path in files:
        _add(digest, path.relative_to(package).as_posix(), path.read_bytes())
    for library in LIBRARIES:
        _add(digest, library, _version(library).encode())
    _add(digest, "python", platform.python_version().encode())
    return digest.hexdigest()


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def _add(digest, label: str, data: bytes | None) -> None:
    """Feed one labelled part; lengths make the concatenation unambiguous, None is "absent"."""
    size = -1 if data is None else len(data)
    digest.update(f"{label}\0{size}\0".encode())
    digest.update(data or b"")


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None


def _beside(source: Path) -> tuple[tuple[str, Path], ...]:
    """The files read with ``source`` whose bytes the fingerprint covers, labelled."""
    return (("source", source), ("meta", sidecar_path(source)), ("themes", overrides_path(source)),
            ("series", source.parent / SERIES_FILE))


def inputs_digest(source: Path, root: Path, encoding: str | None, registry: bytes) -> str:
    """The hash of what parsing ``source`` (a source ``sources_under(root)`` lists) reads, but
    its YAML; ``registry`` is the text of its ``NN.published.yml`` after the parse (see the
    module's docstring)."""
    digest = hashlib.sha256()
    _add(digest, "parser", parser_digest().encode())
    _add(digest, "file", source.relative_to(root).as_posix().encode())
    _add(digest, "encoding", (encoding or "").encode())
    for label, path in _beside(source):
        _add(digest, label, _read(path))
    _add(digest, "registry", registry)
    return digest.hexdigest()


def fingerprint(inputs: str, body: bytes) -> str:
    """The fingerprint of a YAML ``body`` (its text without the fingerprint line) made from
    inputs whose :func:`inputs_digest` is ``inputs``."""
    digest = hashlib.sha256()
    _add(digest, "inputs", inputs.encode())
    _add(digest, "yaml", body)
    return digest.hexdigest()


def stamped(text: str, inputs: str) -> str:
    """The YAML ``text`` (written without a fingerprint) with its fingerprint line."""
    match = _STAMP.match(text.encode())
    if match is None or match.group(2):
        raise ValueError("not an unstamped minutes YAML")
    head = match.group(1).decode()
    return f"{head}{KEY}: {fingerprint(inputs, text.encode())}\n{text[len(head):]}"


def split(data: bytes) -> tuple[str | None, bytes]:
    """The fingerprint recorded in a YAML's bytes (None when there is none), and its bytes
    without the fingerprint line."""
    match = _STAMP.match(data)
    if match is None or not match.group(2):
        return None, data
    return match.group(3).decode(), match.group(1) + data[match.end():]


def without_fingerprint(text: str) -> str:
    """A YAML's text without its fingerprint line (what ``parse FILE`` writes)."""
    return split(text.encode())[1].decode()


def stale_sources(sources: list[Path], root: Path, encoding: str | None) -> list[Path]:
    """The ``sources`` (under ``root``, as ``sources_under`` lists them) whose YAML is not
    :func:`current`, in order. Each series folder is resolved once (a resolve per file would
    be most of the time at 1,000 meetings)."""
    inside_root: dict[Path, bool] = {}
    for folder in {source.parent for source in sources}:
        inside_root[folder] = folder.resolve().is_relative_to(root.resolve())
    return [source for source in sources
            if not (inside_root[source.parent] and current(source, root, encoding))]


def current(source: Path, root: Path, encoding: str | None) -> bool:
    """Whether the YAML beside ``source``, in a folder inside ``root``, is what parsing it now
    would write (its recorded fingerprint matches), so that ``parse --all`` may skip it. A
    symlink among its files is never skipped: the parse checks where it leads and reports it."""
    target, registry = yaml_path(source), registry_path(source)
    if any(path.is_symlink() for path in (target, registry, *(p for _, p in _beside(source)))):
        return False
    data = _read(target)
    recorded, body = split(data or b"")
    if recorded is None:
        return False
    inputs = inputs_digest(source, root, encoding, _read(registry) or b"")
    return recorded == fingerprint(inputs, body)
