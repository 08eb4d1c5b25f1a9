"""The parse pipeline: one source file of minutes -> :class:`gijiroku.model.Minutes`.

Each step is a pure function of the previous step's output; this module only wires them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from gijiroku import ids
from gijiroku.annotate import Overrides, annotate
from gijiroku.errors import GijirokuError
from gijiroku.header import parse_header
from gijiroku.ids import Published
from gijiroku.ingest import ingest
from gijiroku.lines import split_lines
from gijiroku.model import (
    HeaderLine, Item, LayoutLine, Meeting, Minutes, Remark, Retired, Source,
)
from gijiroku.serialize import load_yaml, published_remarks
from gijiroku.series import Series, load_series
from gijiroku.structure import RemarkDraft, build_document, split_paragraphs
from gijiroku.themes import Tagger, default_tagger, load_overrides


def yaml_path(source: Path) -> Path:
    """Where the YAML of a source lives: beside it, same stem."""
    return source.with_suffix(".yaml")


def overrides_path(source: Path) -> Path:
    """The hand-edited theme corrections of a meeting: ``NN.themes.yml`` beside its source."""
    return source.with_suffix(".themes.yml")


def parse_file(
    source: Path, root: Path, encoding: str | None = None, published: dict | None = None
) -> Minutes:
    """Parse ``source`` (a file under the minutes ``root``).

    ``published`` is the previously published YAML document; when None, the YAML beside the
    source is read if it exists, so that published IDs are kept.
    """
    if published is None and yaml_path(source).is_file():
        published = load_yaml(yaml_path(source))
    relative = source.resolve().relative_to(root.resolve()).as_posix()
    corrections = overrides_path(source)
    return parse_bytes(
        source.read_bytes(), relative, load_series(source.parent), encoding, published,
        overrides=load_overrides(corrections),
        overrides_file=corrections.relative_to(root).as_posix() if corrections.is_relative_to(root)
        else str(corrections),
    )


def parse_bytes(
    data: bytes, file: str, series: Series, encoding: str | None = None,
    published: dict | None = None, tagger: Tagger | None = None,
    overrides: Overrides | None = None, overrides_file: str = "",
) -> Minutes:
    # 1. ingest/decode: bytes -> text (PDF, HTML; BOM, UTF-8, CP932, EUC-JP, UTF-16)
    decoded = ingest(data, file, encoding)
    # 2. lines: drop extraction artefacts, count pages, mark paragraph ends and layout lines
    lines = split_lines(decoded.text)
    # 3. structure: paragraphs -> header, remarks with speakers, items and notes, closing
    document = build_document(split_paragraphs(lines), file)
    fields = parse_header(document.header, file, document.closing)
    meeting_id = ids.meeting_id(series.code, fields.number, fields.date)
    # 4. IDs: keep every published ID, number new remarks after the highest ever used
    previous = published_remarks(published)
    remarks = identify_remarks(meeting_id, document.remarks, previous)
    # 5. annotate: themes (lexicon on fugashi lemmas, the series' scope, then hand corrections),
    #    refs, key terms
    tagger = tagger or default_tagger()
    check_scope(series, tagger, file)
    remarks = annotate(remarks, tagger, overrides or {}, overrides_file, series.themes)
    meeting = Meeting(
        id=meeting_id, series=series.slug, number=fields.number, title=fields.title,
        kind=fields.kind, date=fields.date, weekday=fields.weekday, start=fields.start,
        end=fields.end, venue=fields.venue, attendees=fields.attendees,
        source=Source(file=file, sha256=hashlib.sha256(data).hexdigest(),
                      encoding=decoded.encoding, pages=max(line.page for line in lines),
                      format=decoded.format),
        agenda=list(fields.agenda),
    )
    return Minutes(
        meeting=meeting,
        header=[HeaderLine(p.lines.start, p.text) for p in document.header],
        remarks=remarks,
        closing="\n".join(p.text for p in document.closing),
        warnings=sorted(fields.warnings + document.warnings, key=lambda w: w.line),
        retired=retired(remarks, previous),
        layout=[LayoutLine(line.number, line.text, line.layout) for line in lines if line.layout],
    )


def check_scope(series: Series, tagger: Tagger, file: str) -> None:
    """A series' ``themes:`` must name themes of the lexicon."""
    unknown = sorted(set(series.themes or ()) - set(tagger.lexicon.ids()))
    if unknown:
        where = str(Path(file).parent / "series.yml")
        raise GijirokuError(where, f"`themes` lists unknown themes: {', '.join(unknown)}",
                            f"use theme IDs of the lexicon: {', '.join(tagger.lexicon.ids())}")


def identify_remarks(
    meeting_id: str, drafts: list[RemarkDraft], previous: list[Published]
) -> list[Remark]:
    # Each text is hashed once: the hash is both the matching key and the published field.
    texts = [d.text for d in drafts]
    hashes = [ids.content_hash(t) for t in texts]
    remark_ids = ids.assign_ids(meeting_id, texts, previous, width=2, hashes=hashes)
    by_id = {p.id: p for p in previous}
    remarks = []
    for number, (draft, text, digest, remark_id) in enumerate(
        zip(drafts, texts, hashes, remark_ids), start=1
    ):
        old = by_id.get(remark_id)
        old_items = list(old.items) if old else []
        old_items += [p for p in previous if p.id.startswith(remark_id + "-")]
        item_texts = [i.text for i in draft.items]
        item_hashes = [ids.content_hash(t) for t in item_texts]
        item_ids = ids.assign_ids(remark_id, item_texts, old_items, width=1, hashes=item_hashes)
        items = [
            Item(id=item_id, text=item_text, page=item.page, lines=item.lines, hash=item_hash)
            for item, item_text, item_hash, item_id
            in zip(draft.items, item_texts, item_hashes, item_ids)
        ]
        remarks.append(Remark(
            id=remark_id, number=number, text=text, page=draft.page, lines=draft.lines,
            hash=digest, items=items,
            speaker=draft.speaker.to_dict() if draft.speaker else None, notes=draft.notes,
        ))
    return remarks


def retired(remarks: list[Remark], previous: list[Published]) -> list[Retired]:
    """Published remarks and items that the new parse no longer has."""
    live = {r.id for r in remarks} | {i.id for r in remarks for i in r.items}
    flat = previous + [item for p in previous for item in p.items]
    return [Retired(p.id, p.hash, p.text) for p in flat if p.id not in live]
