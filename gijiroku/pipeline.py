"""The parse pipeline: one source file of minutes -> :class:`gijiroku.model.Minutes`.

Each step is a pure function of the previous step's output; this module only wires them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from gijiroku import ids
from gijiroku.annotate import Overrides, annotate
from gijiroku.header import parse_header
from gijiroku.ids import Published
from gijiroku.ingest import ingest
from gijiroku.lines import split_lines
from gijiroku.model import (
    HeaderLine, Item, LayoutLine, Meeting, Minutes, Remark, Retired, Source, Warning_,
)
from gijiroku.registry import Registry, load_registry, registry_path
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
    source is read if it exists, so that published IDs are kept. The meeting's registry of
    published IDs (``NN.published.yml`` beside the source) is read too: it keeps them when the
    YAML is lost.
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
        registry=load_registry(registry_path(source)),
    )


def parse_bytes(
    data: bytes, file: str, series: Series, encoding: str | None = None,
    published: dict | None = None, tagger: Tagger | None = None,
    overrides: Overrides | None = None, overrides_file: str = "",
    registry: Registry | None = None,
) -> Minutes:
    # 1. ingest/decode: bytes -> text (PDF, HTML; BOM, UTF-8, CP932, EUC-JP, UTF-16)
    decoded = ingest(data, file, encoding)
    # 2. lines: drop extraction artefacts, count pages, mark paragraph ends and layout lines
    lines = split_lines(decoded.text)
    # 3. structure: paragraphs -> header, remarks with speakers, items and notes, closing
    document = build_document(split_paragraphs(lines), file)
    fields = parse_header(document.header, file, document.closing)
    meeting_id = ids.meeting_id(series.code, fields.number, fields.date)
    # 4. IDs: keep every published ID (the YAML's, then the registry's), number new remarks
    # after the highest ever used, and warn where a published ID would change its text
    registry = registry or Registry()
    previous = with_registered(published_remarks(published), registry.of_meeting(meeting_id))
    remarks = identify_remarks(meeting_id, document.remarks, previous)
    id_warnings = renumbering_warnings(remarks, previous, registry)
    # 5. annotate: themes (lexicon on fugashi lemmas, then hand corrections), refs, key terms
    remarks = annotate(remarks, tagger or default_tagger(), overrides or {}, overrides_file)
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
        warnings=sorted(fields.warnings + document.warnings + id_warnings, key=lambda w: w.line),
        retired=retired(remarks, previous),
        layout=[LayoutLine(line.number, line.text, line.layout) for line in lines if line.layout],
    )


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


def with_registered(published: list[Published], registered: list[Published]) -> list[Published]:
    """The YAML's published entries, then the registry's entries (and items) that it lacks."""
    known = {p.id for p in published} | {i.id for p in published for i in p.items}
    extra: list[Published] = []
    for entry in registered:
        missing_items = tuple(i for i in entry.items if i.id not in known)
        if entry.id in known:
            extra += missing_items  # found by their remark's ID prefix when items are matched
        else:
            extra.append(dataclasses.replace(entry, items=missing_items))
    return published + extra


RESTORE_HINT = ("restore the meeting's YAML and its .published.yml from git (git checkout), "
                "then parse again; the registry is described in README \"Stable IDs\"")


def renumbering_warnings(
    remarks: list[Remark], previous: list[Published], registry: Registry
) -> list[Warning_]:
    """Where this parse would move a published ID to another text.

    * a text registered under one ID now gets another (the YAML and the registry disagree, or a
      duplicate text took the ID): links to the registered ID would not lead to it;
    * a registered ID that matches nothing here and whose text is unknown (its YAML is lost and
      the text changed): it can only be retired without its text, and its remark gets a new ID.
    """
    units = [(unit.id, unit.hash, unit.lines.start)
             for remark in remarks for unit in (remark, *remark.items)]
    hashes = {identifier: digest for identifier, digest, _ in units}
    by_hash: dict[str, list[str]] = {}
    for identifier in [*registry.ids, *registry.retired]:
        by_hash.setdefault(registry.hash_of(identifier), []).append(identifier)
    warnings = [
        Warning_(line, f"{identifier} gets the text published as {old}, and {old} does not: "
                       f"links to {old} would no longer lead to it", RESTORE_HINT)
        for identifier, digest, line in units
        for old in by_hash.get(digest, [])
        if old != identifier and hashes.get(old) != digest
    ]
    first_line = units[0][2] if units else 1
    flat = previous + [item for p in previous for item in p.items]
    warnings += [
        Warning_(first_line, f"published {p.id} matches nothing in this parse and its text is not known "
                             f"(its YAML is missing): it would be retired without its text",
                 RESTORE_HINT)
        for p in flat if p.id in registry.ids and not p.text and p.id not in hashes
    ]
    return warnings
