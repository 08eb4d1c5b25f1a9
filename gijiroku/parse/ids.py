"""Stage 4, IDs: stable, URL-safe identifiers for meetings, remarks and items.

Scheme (documented in README "Stable IDs"):

* meeting: ``<series code><number, 2 digits>`` (``sr06``), or ``<code><yyyymmdd>`` when the
  minutes carry no meeting number.
* remark: ``<meeting id>-<nn>`` (``sr06-04``); item: ``<remark id>-<k>`` (``sr06-04-2``).
  Numbers are given in source order at first publication.

Once published (committed in the meeting's YAML, and recorded in its registry
``NN.published.yml``: :mod:`gijiroku.parse.registry`), an ID never changes and is never reused.
When a corrected source is parsed again, each new remark is matched to a published one:
first by identical content hash, then by text similarity (>= ``SIMILARITY`` after
normalisation; a fixed typo or an added sentence keeps the ID). Matched remarks keep their ID;
new remarks get the next unused number; published remarks that vanished are kept in the YAML
under ``retired`` so their links still resolve to a notice. Items are matched the same way
inside their matched remark.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from gijiroku.folding import nfkc_without_whitespace
from gijiroku.model import Item, Remark, Retired

if TYPE_CHECKING:  # for annotations only: the site loads this module and must not load the parser
    from gijiroku.parse.structure import RemarkDraft

SIMILARITY = 0.6
HASH_LENGTH = 8
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Published:
    """A remark or item as last published: its ID, content hash and text."""

    id: str
    hash: str
    text: str
    items: tuple["Published", ...] = ()


def is_valid_id(value: str) -> bool:
    return bool(_ID.match(value))


def meeting_id(code: str, number: int | None, date: str) -> str:
    return f"{code}{number:02d}" if number is not None else f"{code}{date.replace('-', '')}"


# What the hash sees: NFKC without whitespace (the same form dates are matched on).
normalise_for_hash = nfkc_without_whitespace


def content_hash(text: str) -> str:
    """Short hash of the text; whitespace and width variants do not change it."""
    return hashlib.sha256(normalise_for_hash(text).encode()).hexdigest()[:HASH_LENGTH]


def match_published(
    texts: Sequence[str], published: Sequence[Published], hashes: Sequence[str] | None = None
) -> list[int | None]:
    """For each new text, the index of the published entry it continues, or None.

    Each published entry is used at most once: exact hash matches first (in order), then the
    most similar remaining pairs above ``SIMILARITY``. ``hashes`` are the texts' content
    hashes when the caller has them already (hashing normalises the whole text).
    """
    result: list[int | None] = [None] * len(texts)
    free = set(range(len(published)))
    if not free:  # a first publication: nothing to match, nothing to hash
        return result
    if hashes is None:
        hashes = [content_hash(text) for text in texts]
    for new_index, digest in enumerate(hashes):
        old = next((i for i in sorted(free) if published[i].hash == digest), None)
        if old is not None:
            result[new_index] = old
            free.discard(old)
    candidates = sorted(
        (
            (_similarity(texts[n], published[o].text), n, o)
            for n in range(len(texts)) if result[n] is None
            for o in free
        ),
        reverse=True,
    )
    for score, new_index, old in candidates:
        if score < SIMILARITY:
            break
        if result[new_index] is None and old in free:
            result[new_index] = old
            free.discard(old)
    return result


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalise_for_hash(a), normalise_for_hash(b)).ratio()


def assign_ids(
    prefix: str, texts: Sequence[str], published: Sequence[Published], width: int,
    hashes: Sequence[str] | None = None,
) -> list[str]:
    """IDs ``<prefix>-<n>`` for ``texts``, keeping published IDs and never reusing one.

    ``hashes``: the texts' content hashes, if already computed (see :func:`match_published`).
    """
    matches = match_published(texts, published, hashes)
    used = [_ordinal(p.id) for p in published] + [0]
    next_number = max(used) + 1
    ids = []
    for match in matches:
        if match is not None:
            ids.append(published[match].id)
        else:
            ids.append(f"{prefix}-{next_number:0{width}d}")
            next_number += 1
    return ids


def _ordinal(identifier: str) -> int:
    return int(identifier.rsplit("-", 1)[1])


def identify_remarks(
    meeting_id: str, drafts: list[RemarkDraft], previous: list[Published]
) -> list[Remark]:
    """The remarks of ``drafts`` with their IDs and hashes (and their items'): each keeps the
    ID of the ``previous`` entry it continues, a new one gets the next number never used."""
    # Each text is hashed once: the hash is both the matching key and the published field.
    texts = [d.text for d in drafts]
    hashes = [content_hash(t) for t in texts]
    remark_ids = assign_ids(meeting_id, texts, previous, width=2, hashes=hashes)
    by_id = {p.id: p for p in previous}
    remarks = []
    for number, (draft, text, digest, remark_id) in enumerate(
        zip(drafts, texts, hashes, remark_ids), start=1
    ):
        old = by_id.get(remark_id)
        old_items = list(old.items) if old else []
        old_items += [p for p in previous if p.id.startswith(remark_id + "-")]
        item_texts = [i.text for i in draft.items]
        item_hashes = [content_hash(t) for t in item_texts]
        item_ids = assign_ids(remark_id, item_texts, old_items, width=1, hashes=item_hashes)
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
