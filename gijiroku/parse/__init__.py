"""Parsing: a source file of minutes -> :class:`gijiroku.model.Minutes` (see :mod:`.pipeline`).

Stages, in data-flow order: ingest (PDF/HTML/JSON/text -> text), decode (bytes -> text), lines
(physical lines, reflow), layout (page conventions, running headers), structure (paragraphs,
turns, remarks), speakers, header (metadata), dates, ids (stable IDs), sidecar and metadata
(hand-supplied fields and their precedence), checks (warnings), registry (published IDs), batch
(many files in worker processes).
"""
