"""Command line: a thin layer (arguments, printing, exit codes) over
:mod:`gijiroku.parse.pipeline` and :mod:`gijiroku.parse.batch`.

User mistakes (:class:`GijirokuError`) are printed as "file:line: error: …" with a hint and
exit status 2, never as a traceback.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

import click

from gijiroku.errors import GijirokuError
from gijiroku.files import sources_under, yaml_path
from gijiroku.parse.batch import check_output, parse_all, series_clash, write_text
from gijiroku.parse.fingerprint import without_fingerprint
from gijiroku.parse.pipeline import parse_file
from gijiroku.serialize import dump_yaml, minutes_to_dict
from gijiroku.series import SERIES_FILE

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
@click.option("--force", is_flag=True,
              help="With --all: parse every source, even those whose YAML is current.")
@click.option("--series", "series", metavar="SERIES",
              help="The series of FILE: a series.yml path, or a series slug under --root "
                   "(default: the series.yml beside FILE, else one derived from its name).")
def parse(file: Path | None, output: Path | None, all_: bool, root: Path,
          encoding: str | None, jobs: int | None, force: bool, series: str | None) -> None:
    """Parse FILE (minutes as text, PDF, HTML or JSON) into YAML.

    With --all, a source whose YAML was written from the same inputs (source, sidecars,
    series.yml, registry, parser code and lexicon: its fingerprint) is skipped."""
    try:
        if all_ == (file is not None):
            raise click.UsageError("give either FILE or --all")
        if all_ and series:
            raise click.UsageError("--series names the series of one FILE; --all reads each "
                                   "folder's series.yml")
        if force and not all_:
            raise click.UsageError("--force goes with --all (parse FILE always parses)")
        if all_:
            tally = parse_all(root, encoding, jobs or os.cpu_count() or 1,
                              report=partial(click.echo, err=True), force=force)
            click.echo(tally.summary(), err=True)
            if tally.errors:
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
        if target.is_file() and without_fingerprint(target.read_text(encoding="utf-8")) != dump_yaml(
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
