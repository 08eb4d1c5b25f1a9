"""The scale benchmark's pipeline at N = 5: generate, parse, build strict, check the site.

scripts/bench.py times this at N = 1, 100 and 1,000; here nothing is timed, only checked: the
generated corpus goes through the whole pipeline, the built site has every page and no broken
link, and the benchmark's own baseline and measurements run.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import bench
import pytest
from make_corpus import make_corpus

from support.corpus import build_corpus
from support.links import broken_links

N = 5


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench")
    return (work, *build_corpus(work, N))


def test_the_corpus_is_parsed_and_deterministic(built, tmp_path):
    work, _, _, docs = built
    assert len(docs) == N
    assert len({d["meeting"]["id"] for d in docs}) == N
    assert all(len(d["remarks"]) >= 20 for d in docs)
    make_corpus(N, seed=1, out=tmp_path)
    for source in sorted((work / "corpus" / "minutes").glob("*/*.txt")):
        again = tmp_path / source.relative_to(work / "corpus")
        assert again.read_bytes() == source.read_bytes()


def test_every_meeting_page_has_every_remark(built):
    _, config, site, docs = built
    for lang in bench.site_languages(config)[1:]:
        assert (site / lang / "index.html").is_file()
    for doc in docs:
        page = (site / "meetings" / doc["meeting"]["id"] / "index.html").read_text(encoding="utf-8")
        for remark in doc["remarks"]:
            assert f'id="{remark["id"]}"' in page
            for item in remark.get("items") or []:
                assert f'id="{item["id"]}"' in page
    for page in ("index.html", "meetings/index.html", "themes/index.html"):
        assert (site / page).is_file()


def test_no_broken_links(built):
    _, config, site, _ = built
    site_url = bench.config_data(config)["site_url"]
    assert broken_links(site, urlsplit(site_url or "/").path) == []


def test_the_benchmark_measures_the_site_and_builds_the_baseline(built):
    work, config, site, docs = built
    figures = bench.site_figures(site)
    assert figures.largest_meeting[1].endswith("index.html") and "meetings/" in figures.largest_meeting[1]
    assert figures.search_dir is not None and figures.search_bytes > 0
    assert figures.nav_links > 0
    assert figures.speaker_pages > 0 and "/speakers/p" in figures.largest_speaker_page[1]
    languages = bench.site_languages(config)
    baseline = bench.baseline_build(work, work / "corpus" / "minutes", languages)
    assert baseline.wall > 0
    for lang in languages:
        for doc in docs:
            assert (work / "baseline-site" / lang / "meetings" / doc["meeting"]["id"] / "index.html").is_file()


def test_the_generated_named_series_has_recurring_named_speakers(built):
    # make_corpus: the first series is a 議事録 whose pool of members speaks across meetings.
    _, _, _, docs = built
    named = [d for d in docs if d["meeting"]["kind"] == "議事録"]
    assert named and all(d["meeting"]["id"].startswith(named[0]["meeting"]["id"][:2]) for d in named)
    speakers = [{(r["speaker"]["name"], r["speaker"]["role"]) for r in d["remarks"]
                 if r["speaker"] and r["speaker"]["name"]} for d in named]
    chair = [s for s in speakers[0] if s[1] == "座長"]
    assert len(chair) == 1 and all(chair[0] in found for found in speakers)  # at every meeting
    assert all(len(found) >= 4 for found in speakers)
    assert any(r["speaker"] == {"name": "", "role": "事務局", "raw": "事務局"} for d in named for r in d["remarks"])


def test_the_table_says_what_fits_the_hosts(built):
    """The size lines of issue 18: per meeting, the N at each host's limit, pages over 300 KB,
    the most nav links on any page; and the folders' breakdown."""
    _, config, site, docs = built
    languages = bench.site_languages(config)
    figures = bench.site_figures(site, languages)
    assert figures.most_nav_links[0] >= figures.nav_links > 0
    assert sum(size for size, _ in figures.folders.values()) == figures.total
    assert sum(files for _, files in figures.folders.values()) == figures.files
    assert "data" in figures.folders and "en/data" in figures.folders  # en/data: its Data page only
    assert figures.folders["en/data"][1] < N
    parse = bench.ParseRun(N, 1, 1, 1, 1.0, 1.0)
    build = bench.BuildRun(1.0, 1.0, 1)
    rows = [bench.Row(N, parse, build, figures, build)]
    text = bench.table(rows, languages)
    per_meeting = f"| site size per meeting | {figures.total / N / bench.MiB:,.1f} MB, {figures.files / N:,.1f} files |"
    assert per_meeting in text
    assert f"| meetings at which Cloudflare Pages, 20,000 files is reached | ~{int(20_000 / (figures.files / N)):,} |" in text
    assert "| meetings at which GitHub Pages, 1 GB is reached | ~" in text
    assert f"| pages over 300 KB | {figures.pages_over_limit} |" in text
    assert f"| most nav links on any page | {figures.most_nav_links[0]} `" in text
    # with a second, larger size: the line through both
    bigger = bench.SiteFigures(total=figures.total + 1_000_000 * N, files=figures.files + 10 * N)
    rows.append(bench.Row(2 * N, parse, build, bigger, build))
    assert bench.host_limit_n(rows, rows[1], "files", 20_000) == int(2 * N + (20_000 - bigger.files) / 10)
    assert "| data |" in bench.folders_table(figures)


def test_the_data_folder_holds_two_files_a_meeting_and_a_few_for_all(built):
    """Each meeting's YAML and source; every meeting's JSON in one zip, each series' CSV in a
    zip, all of the CSV in one zip, the schema (issue 18: the data files at 1,000 meetings
    were 3,020, a JSON per meeting among them)."""
    _, _, site, docs = built
    files = {p.relative_to(site / "data").as_posix() for p in (site / "data").rglob("*")
             if p.is_file() and p.name != "index.html"}
    series = {d["meeting"]["source"]["file"].split("/")[0] for d in docs}
    assert files == ({f"meetings/{d['meeting']['id']}.yaml" for d in docs}
                     | {f"sources/{d['meeting']['id']}.txt" for d in docs}
                     | {f"remarks-{slug}.zip" for slug in series}
                     | {"remarks.zip", "meetings-json.zip", "minutes.schema.json"})
