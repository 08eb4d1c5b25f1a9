"""Command line: a thin layer over :mod:`gijiroku.parse.pipeline`.

User mistakes (:class:`GijirokuError`) are printed as "file:line: error: …" with a hint and
exit status 2, never as a traceback.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

import click

from gijiroku.errors import GijirokuError
from gijiroku.parse.pipeline import SOURCE_SUFFIXES, parse_file, sources_under, yaml_path
from gijiroku.parse.registry import dump_registry, load_registry, registry_path, updated
from gijiroku.serialize import dump_yaml, is_minutes_document, minutes_to_dict
from gijiroku.series import SERIES_FILE, Series, load_series, unique_series
from gijiroku.yamlio import parse_yaml, read_yaml

DEFAULT_ROOT = Path("minutes")


def root_of(source: Path, root: Path) -> Path:
    """The minutes root for ``source``: ``root`` when it contains it, else its series' parent."""
    try:
        source.resolve().relative_to(root.resolve())
        return root
    except ValueError:
        return source.parent.parent


def fail(error: GijirokuError) -> None:
    click.echo(error.render(), err=True)
    sys.exit(2)


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
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise GijirokuError(str(path), f"cannot write: {error.strerror}",
                            "check the path and its permissions") from None


@click.group()
@click.version_option(package_name="gijiroku")
def main() -> None:
    """Turn Japanese meeting minutes into structured, citable YAML."""


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the YAML here instead of standard output.")
@click.option("--all", "all_", is_flag=True,
              help="Regenerate the YAML beside every source under --root.")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_ROOT,
              show_default=True, help="The minutes folder (one sub-folder per series).")
@click.option("--encoding", help="Force the source encoding, e.g. cp932, euc_jp, utf-16.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="With --all: parse this many meetings at once  [default: the number of CPUs]")
@click.option("--series", "series", metavar="SERIES",
              help="The series of FILE: a series.yml path, or a series slug under --root "
                   "(default: the series.yml beside FILE, else one derived from its name).")
def parse(file: Path | None, output: Path | None, all_: bool, root: Path,
          encoding: str | None, jobs: int | None, series: str | None) -> None:
    """Parse FILE (minutes as text, PDF, HTML or JSON) into YAML."""
    try:
        if all_ == (file is not None):
            raise click.UsageError("give either FILE or --all")
        if all_ and series:
            raise click.UsageError("--series names the series of one FILE; --all reads each "
                                   "folder's series.yml")
        if all_:
            if parse_all(root, encoding, jobs or os.cpu_count() or 1):
                sys.exit(2)
            return
        if not file.is_file():
            raise GijirokuError(str(file), "no such file", "check the path")
        if output:
            check_output(output, file)
        minutes = parse_file(file, root_of(file, root), encoding,
                             series_file=series_file(series, root) if series else None)
        text = dump_yaml(minutes_to_dict(minutes))
        if output:
            write_text(output, text)
    except GijirokuError as error:
        fail(error)
    for warning in minutes.warnings:
        click.echo(f"{file}:{warning.line}: warning: {warning.message}", err=True)
        if warning.hint:
            click.echo(f"  hint: {warning.hint}", err=True)
    if not output:
        click.echo(text, nl=False)


def series_file(series: str, root: Path) -> Path:
    """``--series``: a path to a series file, or the slug of a series folder under ``root``."""
    path = Path(series)
    if path.suffix in (".yml", ".yaml") or path.is_file():
        return path
    if not (root / series).is_dir():
        raise GijirokuError(series, f"no series {series!r} under {root}",
                            f"pass a series.yml path, or a folder name under {root} (see --root)")
    return root / series / SERIES_FILE


def parse_all(root: Path, encoding: str | None, jobs: int = 1) -> int:
    """Parse every source, write the YAML of each that parsed and register its IDs, report
    each that did not; returns the number of errors. A source that fails leaves its YAML as
    it was.

    Two series with the same code (or slug) would publish the same IDs: then nothing is
    parsed or written."""
    sources = sources_under(root)
    if not sources:
        raise GijirokuError(str(root), f"no minutes (*/*{{{','.join(SOURCE_SUFFIXES)}}}) found",
                            "put each series in its own folder with a series.yml")
    clash = series_clash(root)
    if clash:
        raise clash
    errors = 0
    outputs = {}
    for source, result in zip(sources, parse_each(sources, root, encoding, jobs)):
        if isinstance(result, GijirokuError):
            click.echo(result.render(), err=True)
            errors += 1
            continue
        outputs[source] = result
        target = yaml_path(source)
        if not target.is_file() or target.read_text(encoding="utf-8") != result:
            write_text(target, result)
            click.echo(f"wrote {target}", err=True)
    register(outputs)
    return errors


def register(outputs: dict[Path, str]) -> None:
    """Add the IDs of the YAML just written to each meeting's registry (``NN.published.yml``)."""
    for source, document in outputs.items():
        path = registry_path(source)
        text = dump_registry(updated(load_registry(path), [parse_yaml(document, str(path))]))
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_text(path, text)
            click.echo(f"wrote {path}", err=True)


def parse_many(sources: list[Path], root: Path, encoding: str | None, jobs: int) -> list[str]:
    """The YAML text of each source, in the order of ``sources``; raises the first error."""
    results = parse_each(sources, root, encoding, jobs)
    for result in results:
        if isinstance(result, GijirokuError):
            raise result
    return results


def parse_each(sources: list[Path], root: Path, encoding: str | None,
               jobs: int) -> list[str | GijirokuError]:
    """The YAML text of each source, or its error, in the order of ``sources``.

    Meetings are independent, so with ``jobs`` > 1 they are parsed in worker processes (parsing
    and tagging are CPU-bound: threads would share one core). ``map`` returns the results in
    input order, so the output, and which error is reported first, never depend on scheduling.
    """
    if jobs == 1 or len(sources) < 2:
        results = [_parse_to_yaml(source, root, encoding) for source in sources]
    else:
        # Small chunks: one task per meeting costs a round trip each; a few keep both cores busy.
        chunk = max(1, min(16, len(sources) // (jobs * 4)))
        with ProcessPoolExecutor(max_workers=min(jobs, len(sources))) as pool:
            results = list(pool.map(_parse_to_yaml, sources, repeat(root), repeat(encoding),
                                    chunksize=chunk))
    return [GijirokuError(*result) if isinstance(result, tuple) else result for result in results]


def _parse_to_yaml(source: Path, root: Path, encoding: str | None) -> str | tuple:
    """The YAML of one source, or the fields of its :class:`GijirokuError`.

    The error travels as a plain tuple because an exception with required constructor
    arguments does not survive pickling back from a worker process.
    """
    try:
        return dump_yaml(minutes_to_dict(parse_file(source, root, encoding)))
    except GijirokuError as error:
        return (error.file, error.message, error.hint, error.line)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_ROOT,
              show_default=True)
@click.option("--encoding", help="Force the source encoding.")
@click.option("--strict", is_flag=True,
              help="Exit 1 when there are warnings (errors still exit 2).")
def check(files: tuple[Path, ...], root: Path, encoding: str | None, strict: bool) -> None:
    """Report warnings and errors for FILES (default: every source under --root).

    Exits 2 when a file cannot be parsed or its committed YAML is stale; with --strict, exits 1
    when there is no error but at least one warning.
    """
    errors = warnings = 0
    clash = series_clash(root)
    if clash:
        click.echo(clash.render(), err=True)
        errors += 1
    for source in files or sources_under(root):
        try:
            if not source.is_file():
                raise GijirokuError(str(source), "no such file", "check the path")
            minutes = parse_file(source, root_of(source, root), encoding)
        except GijirokuError as error:
            click.echo(error.render(), err=True)
            errors += 1
            continue
        warnings += len(minutes.warnings)
        for warning in minutes.warnings:
            click.echo(f"{source}:{warning.line}: warning: {warning.message}")
            if warning.hint:
                click.echo(f"  hint: {warning.hint}")
        target = yaml_path(source)
        if target.is_file() and target.read_text(encoding="utf-8") != dump_yaml(
            minutes_to_dict(minutes)
        ):
            click.echo(f"{target}: error: the YAML is stale\n  hint: run gijiroku parse --all",
                       err=True)
            errors += 1
        click.echo(f"{source}: {len(minutes.remarks)} remarks, "
                   f"{sum(len(r.items) for r in minutes.remarks)} items, "
                   f"{minutes.meeting.source.pages} pages")
    if errors:
        sys.exit(2)
    if strict and warnings:
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_ROOT,
              show_default=True)
@click.option("--encoding", help="Force the source encoding.")
def themes(file: Path, root: Path, encoding: str | None) -> None:
    """Print each remark's themes with their evidence (matched terms and offsets)."""
    try:
        if not file.is_file():
            raise GijirokuError(str(file), "no such file", "check the path")
        minutes = parse_file(file, root_of(file, root), encoding)
    except GijirokuError as error:
        fail(error)
    for remark in minutes.remarks:
        for unit in [remark, *remark.items]:
            click.echo(f"{unit.id}\t{describe_themes(unit.themes) or '-'}")


def describe_themes(tags) -> str:
    """"dx (auto: ＤＸ@10-12, デジタル@0-4); talent (manual)"."""
    parts = []
    for tag in tags:
        evidence = ", ".join(f"{e['term']}@{e['start']}-{e['end']}" for e in tag.evidence)
        parts.append(f"{tag.theme} ({tag.origin}{': ' + evidence if evidence else ''})")
    return "; ".join(parts)
