"""The parse pipeline: one source file of minutes -> :class:`gijiroku.model.Minutes`.

Each step is a pure function of the previous step's output; this module only wires them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from gijiroku.annotate.overrides import load_overrides
from gijiroku.annotate.stage import Overrides, annotate, check_scope
from gijiroku.annotate.themes import Tagger, default_tagger
from gijiroku.errors import GijirokuError
from gijiroku.files import overrides_path, relative_name, yaml_path
from gijiroku.limits import LIMITS_HINT, MAX_SOURCE_BYTES, MAX_SOURCE_CHARS, read_bytes
from gijiroku.model import HeaderLine, LayoutLine, Meeting, Minutes, Source
from gijiroku.parse import ids
from gijiroku.parse.checks import check_minutes, stated_count_warnings
from gijiroku.parse.header import parse_header
from gijiroku.parse.ingest import ingest
from gijiroku.parse.lines import mark_furniture, split_lines
from gijiroku.parse.metadata import page_date, resolve_metadata
from gijiroku.parse.registry import (
    Registry,
    load_registry,
    registry_path,
    renumbering_warnings,
    with_registered,
)
from gijiroku.parse.sidecar import Sidecar, load_sidecar, sidecar_path
from gijiroku.parse.structure import build_document, split_paragraphs
from gijiroku.paths import inside
from gijiroku.serialize import load_published, published_remarks
from gijiroku.series import SERIES_FILE, Series, find_series, loose_series_warning


def parse_file(
    source: Path, root: Path, encoding: str | None = None, published: dict | None = None,
    series_file: Path | None = None,
) -> Minutes:
    """Parse ``source`` (a file under the minutes ``root``, or a loose file anywhere).

    ``published`` is the previously published YAML document; when None, the YAML beside the
    source is read if it exists, so that published IDs are kept. The series is
    ``series_file`` when given, else the ``series.yml`` beside the source; a loose file
    without one gets a series derived from its name, and a warning saying how to make it
    permanent. The sidecar ``NN.meta.yml`` beside the source, when there is one, supplies
    metadata. The meeting's registry of published IDs (``NN.published.yml`` beside the
    source) is read too: it keeps them when the YAML is lost. The source and every file read
    beside it must resolve inside ``root`` (:func:`gijiroku.paths.inside`). Nothing beside
    the source is ever written here.
    """
    relative = inside(source, root, "source").relative_to(root.resolve()).as_posix()
    corrections = overrides_path(source)
    meta = sidecar_path(source)
    for beside in (yaml_path(source), corrections, meta, registry_path(source),
                   source.parent / SERIES_FILE):
        if beside.exists():
            inside(beside, root, "file")
    if published is None and yaml_path(source).is_file():
        published = load_published(yaml_path(source))
    series, derived = find_series(source, series_file)
    data = read_bytes(source, MAX_SOURCE_BYTES, "source",
                      "give each meeting its own source file")
    minutes = parse_bytes(
        data, relative, series, encoding, published,
        overrides=load_overrides(corrections),
        overrides_file=relative_name(corrections, root),
        sidecar=load_sidecar(meta, relative_name(meta, root)),
        registry=load_registry(registry_path(source)),
    )
    if derived:
        warning = loose_series_warning(source, series, minutes.meeting.title)
        minutes.warnings = [warning, *minutes.warnings]
    return minutes


def parse_bytes(
    data: bytes, file: str, series: Series, encoding: str | None = None,
    published: dict | None = None, tagger: Tagger | None = None,
    overrides: Overrides | None = None, overrides_file: str = "",
    sidecar: Sidecar = Sidecar(),
    registry: Registry | None = None,
) -> Minutes:
    # 1. ingest/decode: bytes -> body text (PDF, HTML, JSON; BOM, UTF-8, CP932, EUC-JP, UTF-16)
    decoded = ingest(data, file, encoding)
    if len(decoded.text) > MAX_SOURCE_CHARS:
        raise GijirokuError(file, f"source text too long: {len(decoded.text):,} characters, the "
                            f"limit is {MAX_SOURCE_CHARS:,}",
                            f"give each meeting its own source file ({LIMITS_HINT})")
    # 2. lines: drop extraction artefacts, count pages, mark paragraph ends and layout lines
    lines = mark_furniture(split_lines(decoded.text), decoded.layout)
    # 3. structure: paragraphs -> header, remarks with speakers, items and notes, closing;
    #    then the metadata: sidecar, else the header, else the saved page's heading
    document = build_document(split_paragraphs(lines), file, decoded.turn_lines)
    fields = parse_header(document.header, file, document.closing,
                          date_supplied=bool(sidecar.date or page_date(decoded.meta)))
    metadata = resolve_metadata(fields, decoded.meta, sidecar, file, series)
    meeting_id = ids.meeting_id(series.code, metadata.number, metadata.date)
    # 4. IDs: keep every published ID (the YAML's, then the registry's), number new remarks
    # after the highest ever used, and warn where a published ID would change its text
    registry = registry or Registry()
    previous = with_registered(published_remarks(published), registry.of_meeting(meeting_id))
    remarks = ids.identify_remarks(meeting_id, document.remarks, previous)
    id_warnings = renumbering_warnings(remarks, previous, registry)
    # 5. annotate: themes (lexicon on fugashi lemmas, the series' scope, then hand corrections),
    #    refs, key terms
    tagger = tagger or default_tagger()
    check_scope(series, tagger, file)
    remarks = annotate(remarks, tagger, overrides or {}, overrides_file, series.themes)
    meeting = Meeting(
        id=meeting_id, series=series.slug, number=metadata.number, title=metadata.title,
        kind=fields.kind, date=metadata.date, weekday=metadata.weekday, start=metadata.start,
        end=metadata.end, venue=metadata.venue, attendees=metadata.attendees,
        source=Source(file=file, sha256=hashlib.sha256(data).hexdigest(),
                      encoding=decoded.encoding, pages=max(line.page for line in lines),
                      format=decoded.format),
        source_url=metadata.source_url,
        agenda=list(fields.agenda),
        origin=metadata.origin,
    )
    warnings = fields.warnings + document.warnings + metadata.warnings
    warnings += stated_count_warnings(decoded, len(remarks))
    minutes = Minutes(
        meeting=meeting,
        header=[HeaderLine(p.lines.start, p.text) for p in document.header],
        remarks=remarks,
        closing="\n".join(p.text for p in document.closing),
        warnings=sorted(warnings + id_warnings, key=lambda w: w.line),
        retired=ids.retired(remarks, previous),
        layout=[LayoutLine(line.number, line.text, line.layout) for line in lines if line.layout],
    )
    # 6. checks: warn about what looks wrong (turns not split, headers or page numbers in a
    #    remark, several meetings in one file), so that a bad parse is never silent
    minutes.warnings = sorted(minutes.warnings + check_minutes(minutes, lines),
                              key=lambda w: w.line)
    return minutes
