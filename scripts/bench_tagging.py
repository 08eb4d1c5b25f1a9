"""Throughput of parse + tag on the seed, against fugashi's bare tokenisation, and tagging quality.

Run:  python scripts/bench_tagging.py [--repeat 100] [--rounds 5]

Speed (issue 3, item 8): the seed is parsed and every remark and item tagged (themes, refs,
key terms) ``--repeat`` times; in the same run, a plain ``fugashi.Tagger()`` tokenises
(``tagger(text)``, the idiomatic call) the same decoded seed text ``--repeat`` times. Rates are
characters of the seed per second of CPU time (``time.process_time``: the machine is shared,
and wall time swings with other jobs); each is the median of ``--rounds`` interleaved rounds.
The target is parse+tag >= 0.7 of fugashi. Also printed: fugashi over the remark and item
texts only (what the tagger tokenises), and the tagger's own tokenisation of those texts
(``lemma_keys``: MeCab with the lemma output format, plus the split into keys), the floor
under parse+tag.

The dictionary and lexicon are loaded once before timing (and the load printed), as in a
real process; the seed is parsed once before timing, as a second file would be.

Quality (item 4): precision and recall of the auto tags against the human judgement in
tests/test_theme_judgement.py, over (remark or item, theme) pairs.

Timings live here, never in tests.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

import fugashi

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gijiroku.decode import decode  # noqa: E402
from gijiroku.pipeline import parse_bytes  # noqa: E402
from gijiroku.series import load_series  # noqa: E402
from gijiroku.themes import default_tagger, lemma_keys  # noqa: E402

SEED = ROOT / "minutes" / "meti-smart-resilient" / "06.txt"
FILE = "meti-smart-resilient/06.txt"


def units(minutes):
    return [unit for remark in minutes.remarks for unit in [remark, *remark.items]]


def cpu_seconds(function, repeat: int) -> float:
    start = time.process_time()
    for _ in range(repeat):
        function()
    return time.process_time() - start


def judgement():
    spec = importlib.util.spec_from_file_location("judgement", ROOT / "tests" / "test_theme_judgement.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.JUDGEMENT


def quality(data: bytes, series) -> None:
    expected = judgement()
    tagger = default_tagger()
    # The tagger alone, without the meeting's hand corrections (those are not its quality).
    predicted = {u.id: {t.theme for t in tagger.tag(u.text)} for u in units(parse_bytes(data, FILE, series))}
    themes = [theme.id for theme in tagger.lexicon.themes]
    rows = []
    for theme in [None, *themes]:
        def pairs(table):
            return {(u, t) for u, ts in table.items() for t in ts if theme in (None, t)}
        gold, auto = pairs(expected), pairs(predicted)
        hits = len(gold & auto)
        rows.append((theme or "all (micro)", len(gold), len(auto), hits,
                     hits / len(auto) if auto else 1.0, hits / len(gold) if gold else 1.0))
    print(f"quality vs tests/test_theme_judgement.py ({len(expected)} remarks and items)")
    print(f"  {'theme':<18} {'judged':>6} {'auto':>5} {'agree':>5} {'precision':>9} {'recall':>6}")
    for name, gold, auto, hits, precision, recall in rows:
        print(f"  {name:<18} {gold:>6} {auto:>5} {hits:>5} {precision:>9.3f} {recall:>6.3f}")
    for unit_id in expected:
        extra, missing = predicted[unit_id] - expected[unit_id], expected[unit_id] - predicted[unit_id]
        if extra or missing:
            print(f"  disagreement {unit_id}: auto adds {sorted(extra)}, misses {sorted(missing)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    data = SEED.read_bytes()
    series = load_series(SEED.parent)
    text = decode(data, FILE, None).text

    start = time.perf_counter()
    default_tagger()
    load_ours = time.perf_counter() - start
    start = time.perf_counter()
    bare = fugashi.Tagger()
    load_bare = time.perf_counter() - start
    minutes = parse_bytes(data, FILE, series)  # warm-up, as a second file would be
    unit_texts = [unit.text for unit in units(minutes)]
    bare(text)

    runs = {
        "fugashi bare tokenisation, seed text": lambda: bare(text),
        "fugashi bare tokenisation, remark/item texts": lambda: [bare(t) for t in unit_texts],
        "tagger tokenisation (lemma_keys), remark/item": lambda: [lemma_keys(t) for t in unit_texts],
        "parse + tag (themes, refs, terms)": lambda: parse_bytes(data, FILE, series),
    }
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, function in runs.items():
            seconds[name].append(cpu_seconds(function, args.repeat))
    rate = {name: len(text) * args.repeat / statistics.median(s) for name, s in seconds.items()}

    print(f"seed: {SEED.relative_to(ROOT)} ({len(text)} characters, {len(unit_texts)} remarks and items)"
          f" x {args.repeat}; CPU time, median of {args.rounds} rounds")
    print(f"  load once: fugashi.Tagger() {load_bare * 1000:.0f} ms; "
          f"gijiroku default_tagger() (MeCab + lexicon) {load_ours * 1000:.0f} ms")
    for name in runs:
        per_seed = statistics.median(seconds[name]) / args.repeat * 1000
        print(f"  {name:<46} {rate[name]:>11,.0f} chars/s  ({per_seed:.2f} ms per seed)")
    ours = rate["parse + tag (themes, refs, terms)"]
    for baseline in ("fugashi bare tokenisation, seed text", "fugashi bare tokenisation, remark/item texts"):
        ratio = ours / rate[baseline]
        print(f"  ratio parse+tag / {baseline.removeprefix('fugashi bare tokenisation, '):<18} {ratio:.2f}"
              f"  (target >= 0.70: {'met' if ratio >= 0.7 else 'NOT met'})")
    print()
    quality(data, series)


if __name__ == "__main__":
    main()
