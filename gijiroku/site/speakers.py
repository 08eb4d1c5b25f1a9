"""Speaker pages: who a named speaker is across the meetings of a series, and their remarks.

A page is for a **named** speaker (:func:`gijiroku.named.is_named`): a remark whose speaker has a name, no
anonymised label (（Ａ委員）) and a name that is not a placeholder for one (○○委員, 某委員; the
marks are data: ``gijiroku/data/speaker_pages.yml``). Anonymous 議事要旨 remarks (no speaker)
and offices named by their role alone (事務局) get none.

**One person, one page per series**: remarks are the same person's when their series, name and
role are the same after :func:`gijiroku.folding.fold` (width, letter-spacing, case and variant
kanji folded: 藤　田 = 藤田, ＡＢ = ab, 髙橋 = 高橋). Role belongs to the identity because minutes
name people by surname (藤田部会長): the role tells 中村委員 from 中村関係官. A person whose role
changes (委員 → 座長) gets a page per role; the series page's members table links each.

**Key** (the page's URL segment, :func:`speaker_key`): ``p`` + the first 12 hex digits (48
bits: two of 10,000 people of a series share one with odds of about 1 in 5 million) of the
SHA-1 of the folded name and role. It is URL-safe, never all digits (page k of the speakers
index is ``…/speakers/<k>/``), depends on nothing but the person's folded name and role (not
on meeting order, other speakers or translations: a romanisation would change the address the
day a translation adds one) and so stays the same across rebuilds and corpus growth.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from gijiroku.folding import fold, without_whitespace
from gijiroku.named import is_named
from gijiroku.site.corpus import Corpus, MeetingDoc, Unit


@lru_cache(maxsize=4096)
def speaker_key(name: str, role: str) -> str:
    """The URL key of the person ``name`` + ``role`` (folded; see the module docstring)."""
    identity = f"{fold(name)}\x1f{fold(role)}"
    return "p" + hashlib.sha1(identity.encode("utf-8")).hexdigest()[:12]


def speaker_stem(slug: str, key: str) -> str:
    """The listing key of a speaker's page: ``series/<slug>/speakers/<key>.md``, then k."""
    return f"series/{slug}/speakers/{key}"


def speakers_stem(slug: str) -> str:
    """The listing key of a series' speakers index: ``series/<slug>/speakers.md``, then k."""
    return f"series/{slug}/speakers"


def stem_parts(stem: str) -> tuple[str, str] | None:
    """(series slug, key) of a speaker page's stem, (slug, "") of a speakers index's stem,
    None for any other listing."""
    parts = stem.split("/")
    if len(parts) in (3, 4) and parts[0] == "series" and parts[2] == "speakers":
        return parts[1], parts[3] if len(parts) == 4 else ""
    return None


@dataclass
class Person:
    """A named speaker of one series.

    Invariants: every remark of ``remarks`` is a remark (not an item) of a meeting of series
    ``slug`` whose speaker folds to this name and role (:func:`speaker_key` gives ``key``);
    ``remarks`` are in corpus order (meetings by date, remarks in order); ``name`` and ``role``
    are as first written, without whitespace.
    """

    slug: str
    key: str
    name: str
    role: str
    remarks: list[tuple[MeetingDoc, Unit]] = field(default_factory=list)

    @property
    def meetings(self) -> list[MeetingDoc]:
        """The meetings the person spoke at, in order, each once."""
        return list({doc.id: doc for doc, _ in self.remarks}.values())


def series_people(corpus: Corpus, units: dict[str, list[Unit]]) -> dict[str, list[Person]]:
    """The named speakers of every series, by series slug, each series' people ordered by their
    number of remarks (most first), then by first remark. A series without named speakers has
    no entry."""
    people: dict[str, dict[str, Person]] = {}
    for doc in corpus.meetings:
        slug = doc.series.slug
        for unit in units[doc.id]:
            speaker = unit.speaker
            if unit.parent is not None or not is_named(speaker):
                continue
            name, role = without_whitespace(speaker["name"]), without_whitespace(speaker.get("role") or "")
            key = speaker_key(name, role)
            person = people.setdefault(slug, {}).get(key)
            if person is None:
                person = people[slug][key] = Person(slug, key, name, role)
            person.remarks.append((doc, unit))
    return {slug: sorted(found.values(), key=lambda p: -len(p.remarks))
            for slug, found in people.items()}
