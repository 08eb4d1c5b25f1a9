"""What forgiving search adds: each query of tests/fixtures/search_forgiving.yml, before and after.

    python scripts/search_report.py [--corpus ../shared/corpus] [--show 3] [--before ids.json]
    python scripts/search_report.py --json ids.json     # only write every query's hits

Corpora: the seed (minutes/) and, when present, the real corpora under ../shared/corpus/, in
Japanese (every meeting parsed in memory; nothing is written) and in English (the meetings with
an ``NN.en.yml``, as the English site indexes them). For each query it prints the hits before and
after; "before" is read from ``--before`` (this script's ``--json`` output, run with
PYTHONPATH set to a checkout of the old code) or, for Japanese without it, plain matching (every
folded query word a substring of the folded text). Every hit that only "after" finds is printed
with its marked words in context (or, for a theme-label hit, its themes), so that each new hit
can be judged by eye (a true variant or a false hit).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gijiroku.folding import fold  # noqa: E402
from gijiroku.parse.pipeline import parse_file  # noqa: E402
from gijiroku.search.index import build_index, units_from_minutes  # noqa: E402
from gijiroku.search.query import parse_query, search  # noqa: E402
from gijiroku.site.corpus import load_corpus  # noqa: E402
from gijiroku.site.search import site_units  # noqa: E402
from gijiroku.site.theme_info import load_theme_infos  # noqa: E402

QUERIES = ROOT / "tests" / "fixtures" / "search_forgiving.yml"
SOURCES = ("*.txt", "*.pdf")


def japanese_units(corpus: Path) -> list[dict]:
    """The units of every meeting source under ``corpus`` (one folder per series), parsed in memory."""
    units = []
    for series in sorted(p for p in corpus.iterdir() if p.is_dir()):
        for source in sorted(s for pattern in SOURCES for s in series.glob(pattern)):
            page = f"{series.name}/{source.stem}/"
            # a loose file's IDs need not be unique across series: prefix the page
            units += [{**u, "id": page + u["id"]} for u in units_from_minutes(parse_file(source, corpus), page)]
    return units


def english_units(corpus: Path) -> list[dict]:
    """The English site's units of the translated meetings under ``corpus``."""
    meetings = load_corpus(corpus)
    meetings.meetings = [doc for doc in meetings.meetings if "en" in doc.translations]
    urls = {doc.id: f"{doc.yaml_path.parent.name}/{doc.yaml_path.stem}/" for doc in meetings.meetings}
    return site_units(meetings, urls, "en")


def plain_hits(units: list[dict], query: str) -> list[str]:
    """Japanese before forgiving search: every folded term a substring of the folded text."""
    terms = parse_query(query)
    return [u["id"] for u in units if terms and all(t in fold(u["text"]) for t in terms)]


def context(text: str, start: int, end: int, width: int = 12) -> str:
    return f"{text[max(0, start - width):start]}【{text[start:end]}】{text[end:end + width]}".replace("\n", " ")


def corpora(corpus: Path) -> dict[str, dict[str, list[dict]]]:
    found = {"seed": {"ja": japanese_units(ROOT / "minutes"), "en": english_units(ROOT / "minutes")}}
    if corpus.is_dir():
        found["corpus"] = {"ja": japanese_units(corpus), "en": english_units(corpus)}
    return found


def run(units: list[dict], language: str, queries: list[dict]) -> dict[str, list[dict]]:
    labels = {t.id: t.name_en if language == "en" else t.name for t in load_theme_infos()}
    files = build_index(units, labels, language=language)
    return {c["q"]: search(files, c["q"]) for c in queries if c.get("lang", "ja") == language}


def report(name: str, language: str, results: dict[str, list[dict]], before: dict[str, list[str]]) -> None:
    print(f"\n## {name}, {language}: {len(UNITS[name][language])} units")
    for query, records in results.items():
        old = set(before.get(query, []))
        new = [r for r in records if r["id"] not in old]
        lost = old - {r["id"] for r in records}
        print(f"{query}: before {len(old)}, after {len(records)} (+{len(new)}"
              + (f", LOST {sorted(lost)}" if lost else "") + ")")
        for record in new[:SHOW]:
            marks = " ".join(context(record["text"], s, e) for s, e in record["highlights"][:2])
            print(f"    + {record['id']}: {marks or 'themes ' + ', '.join(record['themes'])}")


SHOW = 3
UNITS: dict[str, dict[str, list[dict]]] = {}


def main() -> None:
    global SHOW
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--show", type=int, default=3, help="new hits printed per query")
    parser.add_argument("--before", type=Path, help="hits before (a --json file of the old code)")
    parser.add_argument("--json", type=Path, help="write every query's hits here and stop")
    args = parser.parse_args()
    SHOW = args.show
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    UNITS.update(corpora(args.corpus))
    hits = {name: {lang: run(units, lang, queries) for lang, units in by_lang.items()}
            for name, by_lang in UNITS.items()}
    if args.json:
        ids = {n: {lang: {q: [r["id"] for r in rs] for q, rs in by_q.items()} for lang, by_q in by_lang.items()}
               for n, by_lang in hits.items()}
        args.json.write_text(json.dumps(ids, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else {}
    for name, by_lang in hits.items():
        for language, results in by_lang.items():
            old = before.get(name, {}).get(language)
            if old is None and language == "ja":
                old = {q: plain_hits(UNITS[name]["ja"], q) for q in results}
            report(name, language, results, old or {})


if __name__ == "__main__":
    main()
