"""Batch parsing: every source under a minutes root -> its YAML, in worker processes; and
the rules for which files a parse may write.

Library functions behind ``gijiroku parse --all`` and ``scripts/bench.py``; they print
nothing (``parse_all`` hands each line to report to its ``report`` callback) and raise or
return :class:`GijirokuError` for the caller to show.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any, Callable, TypeVar

from gijiroku.errors import GijirokuError
from gijiroku.files import SOURCE_SUFFIXES, sources_under, yaml_path
from gijiroku.parse.fingerprint import inputs_digest, stale_sources, stamped
from gijiroku.parse.pipeline import parse_file
from gijiroku.parse.registry import dump_registry, load_registry, registry_path, updated
from gijiroku.serialize import dump_yaml, is_minutes_document, minutes_to_dict
from gijiroku.series import SERIES_FILE, Series, load_series, unique_series
from gijiroku.yamlio import read_yaml

T = TypeVar("T")


def series_clash(root: Path) -> GijirokuError | None:
    """Two series under ``root`` with the same code or slug, as an error naming both files.

    A series whose file cannot be read is left out here: parsing its minutes reports it."""
    found: dict[Path, Series] = {}
    for path in sorted(root.glob(f"*/{SERIES_FILE}")):
        try:
            found[path] = load_series(path.parent)
        except GijirokuError:
            continue
    try:
        unique_series(found)
    except GijirokuError as error:
        return error
    return None


def check_output(output: Path, source: Path) -> None:
    """Refuse an output path that would destroy something: the source itself, a missing
    folder, or an existing file that is not a minutes YAML (which parse may regenerate)."""
    if not output.parent.is_dir():
        raise GijirokuError(str(output), f"the folder {output.parent} does not exist",
                            "create it first, or choose another output path")
    if not output.exists():
        return
    if output.resolve() == source.resolve():
        raise GijirokuError(str(output), "refusing to overwrite the source with its YAML",
                            "write the YAML beside it: -o NN.yaml, or use parse --all")
    try:
        ours = output.is_file() and is_minutes_document(read_yaml(output))
    except GijirokuError:
        ours = False
    if not ours:
        raise GijirokuError(str(output), "refusing to overwrite a file that is not a gijiroku "
                            "minutes YAML", "choose another output path, or delete the file "
                            "first if it may go")


def write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8; a failure is a :class:`GijirokuError` naming ``path``."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise GijirokuError(str(path), f"cannot write: {error.strerror}",
                            "check the path and its permissions") from None


@dataclass(frozen=True)
class Tally:
    """What one ``parse --all`` did: sources parsed, skipped as current, and failed; every
    source is counted once (``parsed`` includes those whose YAML came out unchanged)."""

    parsed: int = 0
    skipped: int = 0
    errors: int = 0

    def summary(self) -> str:
        return (f"parsed {self.parsed}, skipped {self.skipped} unchanged, "
                f"{self.errors} error{'' if self.errors == 1 else 's'}")


def parse_all(root: Path, encoding: str | None, jobs: int = 1,
              report: Callable[[str], None] = lambda line: None, force: bool = False) -> Tally:
    """Parse every source whose YAML is not current (:mod:`gijiroku.parse.fingerprint`; every
    source with ``force``), write the YAML of each that parsed and register its IDs, report each
    that did not. A source that fails leaves its YAML as it was. ``report`` receives, in order,
    each error (rendered) and each "wrote PATH".

    Two series with the same code (or slug) would publish the same IDs: then nothing is
    parsed or written (raised, as is a root without sources)."""
    sources = sources_under(root)
    if not sources:
        raise GijirokuError(str(root), f"no minutes (*/*{{{','.join(SOURCE_SUFFIXES)}}}) found",
                            "put each series in its own folder with a series.yml")
    clash = series_clash(root)
    if clash:
        raise clash
    stale = sources if force else stale_sources(sources, root, encoding)
    errors = 0
    published = {}
    for source, result in zip(stale, _in_workers(_parse_with_ids, stale, root, encoding, jobs)):
        if isinstance(result, GijirokuError):
            report(result.render())
            errors += 1
            continue
        text, published[source] = result
        target = yaml_path(source)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            write_text(target, text)
            report(f"wrote {target}")
    register(published, report)
    return Tally(parsed=len(stale) - errors, skipped=len(sources) - len(stale), errors=errors)


def register(published: dict[Path, dict[str, Any]],
             report: Callable[[str], None] = lambda line: None) -> None:
    """Add the IDs of the meetings just parsed (by source: :func:`published_ids` of each YAML
    document) to each meeting's registry (``NN.published.yml``), reporting "wrote PATH" for
    each registry that changed."""
    for source, ids in published.items():
        path = registry_path(source)
        text = dump_registry(updated(load_registry(path), [ids]))
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_text(path, text)
            report(f"wrote {path}")


def published_ids(document: dict[str, Any]) -> dict[str, Any]:
    """What :func:`gijiroku.parse.registry.updated` reads of a meeting's YAML document: its
    units' IDs and hashes and its retired units. Small, so that a worker process sends it with
    the YAML text instead of the parent parsing that text again (15 ms a meeting)."""
    return {"remarks": [{"id": r["id"], "hash": r["hash"],
                         "items": [{"id": i["id"], "hash": i["hash"]} for i in r.get("items") or []]}
                        for r in document.get("remarks") or []],
            "retired": [{"id": g["id"], "hash": g["hash"], "text": g["text"]}
                        for g in document.get("retired") or []]}


def parse_many(sources: list[Path], root: Path, encoding: str | None, jobs: int) -> list[str]:
    """The YAML text of each source, in the order of ``sources``; raises the first error."""
    results = parse_each(sources, root, encoding, jobs)
    for result in results:
        if isinstance(result, GijirokuError):
            raise result
    return results


def parse_each(sources: list[Path], root: Path, encoding: str | None,
               jobs: int) -> list[str | GijirokuError]:
    """The YAML text of each source, or its error, in the order of ``sources``."""
    return _in_workers(parse_to_yaml, sources, root, encoding, jobs)


def _in_workers(parse: Callable[[Path, Path, str | None], T], sources: list[Path], root: Path,
                encoding: str | None, jobs: int) -> list[T]:
    """``parse(source, root, encoding)`` of each source, in the order of ``sources``.

    Meetings are independent, so with ``jobs`` > 1 they are parsed in worker processes (parsing
    and tagging are CPU-bound: threads would share one core). ``map`` returns the results in
    input order, so the output, and which error is reported first, never depend on scheduling.
    """
    if jobs == 1 or len(sources) < 2:
        return [parse(source, root, encoding) for source in sources]
    # Small chunks: one task per meeting costs a round trip each; a few keep both cores busy.
    chunk = max(1, min(16, len(sources) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=min(jobs, len(sources))) as pool:
        return list(pool.map(parse, sources, repeat(root), repeat(encoding), chunksize=chunk))


def parse_to_yaml(source: Path, root: Path, encoding: str | None) -> str | GijirokuError:
    """The YAML of one source, or its error. The error is returned, not raised, so that one
    failing source in a worker's chunk does not lose the results of the others."""
    try:
        return dump_yaml(minutes_to_dict(parse_file(source, root, encoding)))
    except GijirokuError as error:
        return error


def _parse_with_ids(source: Path, root: Path,
                    encoding: str | None) -> tuple[str, dict[str, Any]] | GijirokuError:
    """:func:`parse_to_yaml`, with the :func:`published_ids` of the YAML for its registry, the
    YAML stamped with its fingerprint (for ``parse --all``, which writes both)."""
    try:
        document = minutes_to_dict(parse_file(source, root, encoding))
        ids = published_ids(document)
        registry = dump_registry(updated(load_registry(registry_path(source)), [ids]))
        inputs = inputs_digest(source, root, encoding, registry.encode())
    except GijirokuError as error:
        return error
    return stamped(dump_yaml(document), inputs), ids
