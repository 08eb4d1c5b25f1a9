"""Throughput of parse + tag on the seed, against fugashi's bare tokenisation, and tagging quality.

Run:  python scripts/bench_tagging.py [--repeat 100] [--rounds 5] [--quality-only] [--errors]

Stands alone: needs gijiroku's own dependencies, not pytest.

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

Quality: precision and recall of the auto tags (the tagger alone, without hand corrections or
a series' theme scope), over (unit, theme) pairs:

* the seed, against the human judgement of every remark and item in
  tests/fixtures/seed_theme_judgement.yml;
* real minutes of other bodies, against the blind labelled set in tests/fixtures/theme_eval/,
  one file per part (every ``*.yml`` there: ``tune.yml``, ``held-a.yml``, ``tune-b.yml`` are tuned on;
  any other part, such as ``held-b.yml``, is held aside: only its aggregate figures are
  printed), read from the shared folder of real minutes (``../shared``). Per theme: labelled,
  predicted, TP/FP/FN, precision, recall; the confusion table (labelled theme x predicted theme,
  over turns); and the labels that match no parsed turn, per file and reason (see
  gijiroku/annotate/theme_eval.py). ``--errors`` also lists the tuned parts' disagreements turn
  by turn; ``--parts tune held-a`` measures those parts only.
  ``--eval-dir`` / ``GIJIROKU_THEME_EVAL`` and ``--shared`` / ``GIJIROKU_SHARED`` point elsewhere.

Timings live here, never in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import fugashi

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from gijiroku.annotate.theme_eval import NONE, Report, evaluate, load_labels, micro  # noqa: E402
from gijiroku.annotate.themes import default_tagger
from gijiroku.annotate.tokenizer import lemma_keys  # noqa: E402
from gijiroku.errors import GijirokuError  # noqa: E402
from gijiroku.parse.decode import decode  # noqa: E402
from gijiroku.parse.pipeline import parse_bytes  # noqa: E402
from gijiroku.series import Series, load_series  # noqa: E402
from gijiroku.yamlio import read_yaml  # noqa: E402

SEED = ROOT / "minutes" / "meti-smart-resilient" / "06.txt"
FILE = "meti-smart-resilient/06.txt"
JUDGEMENT = ROOT / "tests" / "fixtures" / "seed_theme_judgement.yml"
EVAL_DIR = Path(os.environ.get("GIJIROKU_THEME_EVAL", ROOT / "tests" / "fixtures" / "theme_eval"))
SHARED = Path(os.environ.get("GIJIROKU_SHARED", ROOT.parent / "shared"))
# The parts of the labelled set that the lexicon is tuned on: --errors lists their disagreements.
# Any other part is held aside (never tuned on): its turns are never shown one by one.
TUNED_PARTS = ("tune", "held-a", "tune-b")
# Labelled files are not in a series folder: one stand-in series, every theme in scope.
EVAL_SERIES = Series(slug="eval", code="ev", title="evaluation", organiser="-")


def units(minutes):
    return [unit for remark in minutes.remarks for unit in [remark, *remark.items]]


def cpu_seconds(function, repeat: int) -> float:
    start = time.process_time()
    for _ in range(repeat):
        function()
    return time.process_time() - start


def judgement() -> dict[str, set[str]]:
    data = read_yaml(JUDGEMENT)
    return {unit_id: set(themes) for unit_id, themes in data.items()}


def quality(data: bytes, series) -> None:
    expected = judgement()
    tagger = default_tagger()
    # The tagger alone, without the meeting's hand corrections (those are not its quality),
    # on the whole meeting (a theme that is its subject weighs some words more).
    turns = [[remark, *remark.items] for remark in parse_bytes(data, FILE, series).remarks]
    tags = tagger.tag_meeting([[unit.text for unit in turn] for turn in turns])
    predicted = {unit.id: {t.theme for t in unit_tags}
                 for turn, turn_tags in zip(turns, tags) for unit, unit_tags in zip(turn, turn_tags)}
    themes = [theme.id for theme in tagger.lexicon.themes]
    rows = []
    for theme in [None, *themes]:
        def pairs(table):
            return {(u, t) for u, ts in table.items() for t in ts if theme in (None, t)}
        gold, auto = pairs(expected), pairs(predicted)
        hits = len(gold & auto)
        rows.append((theme or "all (micro)", len(gold), len(auto), hits,
                     hits / len(auto) if auto else 1.0, hits / len(gold) if gold else 1.0))
    print(f"quality on the seed vs {JUDGEMENT.relative_to(ROOT)} ({len(expected)} remarks and items)")
    print(f"  {'theme':<18} {'judged':>6} {'auto':>5} {'agree':>5} {'precision':>9} {'recall':>6}")
    for name, gold, auto, hits, precision, recall in rows:
        print(f"  {name:<18} {gold:>6} {auto:>5} {hits:>5} {precision:>9.3f} {recall:>6.3f}")
    for unit_id in expected:
        extra, missing = predicted[unit_id] - expected[unit_id], expected[unit_id] - predicted[unit_id]
        if extra or missing:
            print(f"  disagreement {unit_id}: auto adds {sorted(extra)}, misses {sorted(missing)}")


def ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def parse_shared(shared: Path):
    """``parse(file)`` for theme_eval.evaluate: the tagged minutes of a shared file, or None."""
    cache: dict[str, object] = {}

    def parse(file: str):
        if file not in cache:
            try:
                cache[file] = parse_bytes((shared / file).read_bytes(), file, EVAL_SERIES)
            except (OSError, GijirokuError) as error:
                print(f"  cannot parse {file}: {error}".splitlines()[0])
                cache[file] = None
        return cache[file]
    return parse


def print_report(name: str, report: Report, errors: bool) -> None:
    matched = report.matched()
    print(f"quality on {name}: {len(report.outcomes)} labelled turns, {len(matched)} matched")
    print(f"  {'theme':<18} {'labelled':>8} {'auto':>5} {'TP':>4} {'FP':>4} {'FN':>4}"
          f" {'precision':>9} {'recall':>6}")
    rows = [(theme, report.counts[theme]) for theme in report.themes] + [("all (micro)", micro(report))]
    for theme, c in rows:
        print(f"  {theme:<18} {c.tp + c.fn:>8} {c.tp + c.fp:>5} {c.tp:>4} {c.fp:>4} {c.fn:>4}"
              f" {ratio(c.precision):>9} {ratio(c.recall):>6}")
    columns = [*report.themes, NONE]
    print("  confusion (turns; row: labelled theme, column: predicted theme)")
    print("  " + " " * 18 + "".join(f"{c[:8]:>9}" for c in columns))
    for row in columns:
        print(f"  {row:<18}" + "".join(f"{report.confusion[row, c]:>9}" for c in columns))
    unmatched = report.unmatched()
    print(f"  unmatched labels: {sum(sum(c.values()) for c in unmatched.values())}")
    for file, reasons in sorted(unmatched.items()):
        print(f"    {file}: " + ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items())))
    if errors:
        for o in matched:
            if o.predicted != o.label.themes:
                print(f"  disagreement {o.label.file} {o.label.key}: labelled {sorted(o.label.themes)},"
                      f" auto {sorted(o.predicted or ())}")


def eval_quality(eval_dir: Path, shared: Path, errors: bool, parts: list[str]) -> None:
    if not shared.is_dir():
        print(f"labelled set: skipped, no shared folder of real minutes at {shared}")
        return
    themes = default_tagger().lexicon.ids()
    parse = parse_shared(shared)
    for part in parts or label_parts(eval_dir):
        path = eval_dir / f"{part}.yml"
        if not path.is_file():
            print(f"labelled set: no {path}")
            continue
        print()
        # A held-aside part: aggregate figures only, never per turn.
        show = errors and part in TUNED_PARTS
        print_report(f"{part} ({path})", evaluate(load_labels(path), parse, themes), show)


def label_parts(eval_dir: Path) -> list[str]:
    """The parts of the labelled set in ``eval_dir`` (one ``<part>.yml`` each): the tuned parts
    first, then the held-aside ones, by name."""
    present = {path.stem for path in eval_dir.glob("*.yml")}
    return [p for p in TUNED_PARTS if p in present] + sorted(present - set(TUNED_PARTS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quality-only", action="store_true", help="skip the timings")
    parser.add_argument("--errors", action="store_true",
                        help="list the tuned parts' disagreements turn by turn (tune, held-a, tune-b)")
    parser.add_argument("--parts", nargs="+", default=[], metavar="PART",
                        help="which parts of the labelled set to measure, e.g. tune held-a"
                             " (default: every <part>.yml in --eval-dir)")
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()

    data = SEED.read_bytes()
    series = load_series(SEED.parent)
    if not args.quality_only:
        speed(data, series, args)
        print()
    quality(data, series)
    eval_quality(args.eval_dir, args.shared, args.errors, args.parts)


def speed(data: bytes, series, args) -> None:
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
    tagger = default_tagger()
    turn_texts = [[unit.text for unit in [remark, *remark.items]] for remark in minutes.remarks]

    runs = {
        "fugashi bare tokenisation, seed text": lambda: bare(text),
        "fugashi bare tokenisation, remark/item texts": lambda: [bare(t) for t in unit_texts],
        "tagger tokenisation (lemma_keys), remark/item": lambda: [lemma_keys(t) for t in unit_texts],
        "parse + tag (themes, refs, terms)": lambda: parse_bytes(data, FILE, series),
        "theme tagging alone (tag_meeting)": lambda: tagger.tag_meeting(turn_texts),
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


if __name__ == "__main__":
    main()
