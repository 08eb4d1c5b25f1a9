"""The blind theme evaluation set (tests/fixtures/theme_eval/): every entry must point at exactly
one turn of a real source in ../shared, with valid theme IDs, and no two parts (tune.yml,
held-a.yml, tune-b.yml, held-b.yml: every *.yml there) may share a source. Rules of the labels: tests/fixtures/theme_eval/RULES.md."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import pypdf
import pytest
import yaml

from gijiroku.parse.ingest import ingest
from support.paths import FIXTURES, ROOT, non_whitespace

SHARED = ROOT.parent / "shared"
EVAL = FIXTURES / "theme_eval"
PARTS = tuple(sorted(path.stem for path in (FIXTURES / "theme_eval").glob("*.yml")))
THEME_IDS = {t["id"] for t in yaml.safe_load((ROOT / "gijiroku" / "data" / "themes.yml").read_text(encoding="utf-8"))["themes"]}
# A series is the body whose meetings a file holds: its corpus folder, or the file itself;
# the 16th MOJ meeting sits in formats/ but belongs to the corpus series of meetings 1-7.
SERIES_OF = {"formats/houseishingikai-funani-bukai-16.txt": "moj-shoho-funani"}
MIN_ENTRIES, MIN_SERIES = 300, 4

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="needs the real minutes in ../shared")


def load(part: str) -> list[dict]:
    return yaml.safe_load((EVAL / f"{part}.yml").read_text(encoding="utf-8"))


ENTRIES = [(part, i, entry) for part in PARTS for i, entry in enumerate(load(part))]


def series(file: str) -> str:
    folder, _, name = file.partition("/")
    return SERIES_OF.get(file, name.split("/")[0] if folder == "corpus" else Path(name).stem)


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for item in value for s in _json_strings(item)] if isinstance(value, list) else []


def raw_text(path: Path) -> str:
    """The text of a source as published: a PDF's text layer, an HTML page's text, a JSON
    record set's strings (tags removed), or the decoded text file."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    if path.suffix == ".json":
        return "\n".join(re.sub(r"<[^>]+>", "", s) for s in _json_strings(json.loads(data)))
    return ingest(data, path.name).text


@lru_cache(maxsize=None)
def searchable(file: str) -> str:
    return unicodedata.normalize("NFKC", non_whitespace(raw_text(SHARED / file)))


@pytest.mark.parametrize(("part", "index", "entry"), ENTRIES, ids=[f"{p}-{i}" for p, i, _ in ENTRIES])
def test_entry_identifies_one_turn_with_valid_themes(part: str, index: int, entry: dict) -> None:
    assert set(entry) <= {"file", "key", "themes", "why"}, entry
    assert (SHARED / entry["file"]).is_file(), entry["file"]
    key = entry["key"]
    assert isinstance(key, str) and 12 <= len(key) <= 24 and key == non_whitespace(key), key
    assert searchable(entry["file"]).count(unicodedata.normalize("NFKC", key)) == 1, (entry["file"], key)
    assert isinstance(entry["themes"], list) and set(entry["themes"]) <= THEME_IDS, entry["themes"]
    assert len(set(entry["themes"])) == len(entry["themes"]), entry["themes"]
    assert bool(entry.get("why")) == bool(entry["themes"]), "a reason goes with every label, and only with one"


@pytest.mark.parametrize("part", PARTS)
def test_header_counts_match_the_entries(part: str) -> None:
    """The counts a reader takes from a part's header ("N turns", "Per theme: dx 119, ...; no theme
    103") are those of its entries."""
    header = (EVAL / f"{part}.yml").read_text(encoding="utf-8").split("\n- file:")[0]
    entries = load(part)
    assert int(re.search(r"(\d+) turns", header).group(1)) == len(entries)
    per_theme = dict(re.findall(r"([a-z-]+) (\d+)[,;]", re.search(r"Per theme: (.*)", header).group(1) + ","))
    counted = Counter(t for e in entries for t in e["themes"])
    assert {t: int(n) for t, n in per_theme.items() if t != "theme"} == {t: counted[t] for t in THEME_IDS}
    assert int(re.search(r"no theme (\d+)", header).group(1)) == sum(1 for e in entries if not e["themes"])


def test_each_turn_is_labelled_once() -> None:
    turns = Counter((e["file"], e["key"]) for _, _, e in ENTRIES)
    assert [t for t, n in turns.items() if n > 1] == []


@pytest.mark.parametrize(("part", "other"), list(combinations(PARTS, 2)))
def test_parts_share_no_source(part: str, other: str) -> None:
    assert {e["file"] for e in load(part)} & {e["file"] for e in load(other)} == set()


def test_set_is_large_and_spans_series() -> None:
    assert len(ENTRIES) >= MIN_ENTRIES
    assert len({series(e["file"]) for _, _, e in ENTRIES}) >= MIN_SERIES


@pytest.mark.parametrize(("file", "expected"), [
    ("corpus/moj-shoho-funani/01.txt", "moj-shoho-funani"),
    ("formats/houseishingikai-funani-bukai-16.txt", "moj-shoho-funani"),
    ("corpus/shojiho-denshika/03.pdf", "shojiho-denshika"),
    ("formats/otofuke-dbsearch-detail.html", "otofuke-dbsearch-detail"),
])
def test_series_of_a_file(file: str, expected: str) -> None:
    assert series(file) == expected
