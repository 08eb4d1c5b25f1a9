"""What forgiving search adds: each query of tests/fixtures/search_forgiving.yml, before and after.

    python scripts/search_report.py [--corpus ../shared/corpus] [--show 3]

"Before" is the plain matching (every folded query word a substring of the folded text; in
English, every word's old-stemmer tokens in sequence, as recorded in the fixture); "after" is
gijiroku.search.query.search over an index built from the same units. For every hit that only
"after" finds, the matched words are printed with their context, so that each new hit can be
judged by eye (true variant or false hit). Corpora: the seed (minutes/) and, when present, the
real corpora under ../shared/corpus/ parsed in memory (nothing is written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gijiroku.folding import fold  # noqa: E402
from gijiroku.parse.pipeline import parse_file  # noqa: E402
from gijiroku.search.index import build_index, units_from_minutes  # noqa: E402
from gijiroku.search.query import parse_query, search  # noqa: E402
from gijiroku.serialize import minutes_from_dict  # noqa: E402

QUERIES = ROOT / "tests" / "fixtures" / "search_forgiving.yml"
SOURCES = ("*.txt", "*.pdf")


def seed_units() -> list[dict]:
    units = []
    for path in sorted((ROOT / "minutes").glob("*/[0-9][0-9].yaml")):
        minutes = minutes_from_dict(yaml.safe_load(path.read_text(encoding="utf-8")))
        units += units_from_minutes(minutes, f"{path.parent.name}/{path.stem}/")
    return units


def corpus_units(corpus: Path) -> list[dict]:
    """The units of every meeting under ``corpus`` (one folder per series), parsed in memory."""
    units = []
    for series in sorted(p for p in corpus.iterdir() if p.is_dir()):
        for source in sorted(s for pattern in SOURCES for s in series.glob(pattern)):
            page = f"{series.name}/{source.stem}/"
            # a loose file's IDs need not be unique across series: prefix the page
            units += [{**u, "id": page + u["id"]} for u in units_from_minutes(parse_file(source, corpus), page)]
    return units


def plain_hits(units: list[dict], query: str) -> set[str]:
    """Before forgiving search: every folded term a substring of the folded text."""
    terms = parse_query(query)
    return {u["id"] for u in units if terms and all(t in fold(u["text"]) for t in terms)}


def context(text: str, start: int, end: int, width: int = 12) -> str:
    return f"{text[max(0, start - width):start]}【{text[start:end]}】{text[end:end + width]}".replace("\n", " ")


def report(name: str, units: list[dict], queries: list[dict], show: int) -> None:
    files = build_index(units)
    print(f"\n## {name}: {len(units)} units")
    for case in (c for c in queries if c.get("lang", "ja") == "ja"):
        before = plain_hits(units, case["q"])
        after = search(files, case["q"])
        new = [r for r in after if r["id"] not in before]
        lost = before - {r["id"] for r in after}
        print(f"{case['q']}: before {len(before)}, after {len(after)} (+{len(new)}"
              + (f", LOST {sorted(lost)}" if lost else "") + ")")
        for record in new[:show]:
            marks = " ".join(context(record["text"], s, e) for s, e in record["highlights"][:2])
            print(f"    + {record['id']}: {marks}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--show", type=int, default=3, help="new hits printed per query")
    args = parser.parse_args()
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    report("seed", seed_units(), queries, args.show)
    if args.corpus.is_dir():
        report(f"corpus {args.corpus}", corpus_units(args.corpus), queries, args.show)


if __name__ == "__main__":
    main()
