"""Search units and query tables shared by the index, JS and browser tests: the seed's units,
a unit builder, the folding/stemming tables (tests/fixtures/fold_cases.json, stem_cases.json),
the seed query table (tests/fixtures/search_queries.yaml) and a tiny English index."""

from __future__ import annotations

import json

import yaml

from gijiroku.search.index import units_from_minutes
from gijiroku.serialize import minutes_from_dict
from support.paths import FIXTURES, MINUTES

SEED_YAML = MINUTES / "meti-smart-resilient" / "06.yaml"
CASES = json.loads((FIXTURES / "fold_cases.json").read_text(encoding="utf-8"))
EN_CASES = json.loads((FIXTURES / "stem_cases.json").read_text(encoding="utf-8"))
QUERIES = yaml.safe_load((FIXTURES / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]


def seed_units() -> list[dict]:
    doc = yaml.safe_load(SEED_YAML.read_text(encoding="utf-8"))
    return units_from_minutes(minutes_from_dict(doc), "meti-smart-resilient/06/")


def unit(id_: str, text: str, meeting: str = "m1", themes: tuple[str, ...] = (), date: str = "2021-06-01") -> dict:
    return {"id": id_, "url": f"{meeting}/#{id_}", "meeting": meeting, "title": f"会議 {meeting}",
            "date": date, "number": id_, "themes": list(themes), "text": text}


# A tiny English unit list, as the bilingual site builds from minutes/<series>/<NN>.en.yml; the
# last one is an untranslated remark that falls back to the Japanese text.
EN_UNITS = [
    unit("e1", "Regional banks should support decentralised growth.", themes=("finance",)),
    unit("e2", "The digital divide is a problem; digital skills help regions."),
    unit("e3", "Policies for the regions: decentralisation and the digital transformation (DX).", meeting="m2"),
    unit("e4", "ＤＸ is digitally transforming small businesses.", meeting="m2", themes=("dx",)),
    unit("e5", "未翻訳: 強靱なリモートワ\nーク"),
    # a translation keeps its Japanese original, which the English index searches too
    {**unit("e6", "Local banks must act.", meeting="m2", themes=("regional-finance",)),
     "original": "地域金融機関が取り組むべき。"},
]
EN_LABELS = {"finance": "Finance", "dx": "DX", "regional-finance": "Regional finance"}
EN_QUERIES = [  # (query, ids in rank order)
    ("region", ["e6", "e1", "e2", "e3"]),  # Snowball: Regional, regions; e6 by its theme label, shortest
    ("digital", ["e2", "e4", "e3"]),  # e2 twice; "digitally" meets "digital"; e4 is shorter
    ("digital divide", ["e2"]),  # AND
    ('"digital divide"', ["e2"]),  # phrase
    ('"divide digital"', []),  # a phrase keeps its order
    ("DX", ["e4", "e3"]),  # ＤＸ folds to dx; the shorter unit first
    ("decentralise", ["e1", "e3"]),  # decentralised; Snowball: decentralisation too
    ("policy", ["e3"]),
    ("BUSINESS", ["e4"]),
    ("強靭", ["e5"]),  # itaiji, in Japanese fallback text
    ("リモートワーク", ["e5"]),  # across the line wrap
    ("decentralization", ["e1", "e3"]),  # American query, British texts (decentralised, -isation)
    ("digitalisation", ["e2", "e4", "e3"]),  # Snowball stems digitalization and digital alike
    ("transformations", ["e4", "e3"]),  # transforming, transformation
    ("地域金融", ["e6"]),  # in the Japanese original only: shown as the original
    ("取組", ["e6"]),  # an okurigana variant (取り組む) in the original
    ("regional finance", ["e6", "e1"]),  # e6 by its theme's label; e1 by Regional + Finance (label)
    ("finance", ["e6", "e1"]),  # theme labels only (Finance, Regional finance), e6 shorter
    ("quantum", []),
]


# The forgiving-search query set (tests/fixtures/search_forgiving.yml), Japanese and English.
FORGIVING = yaml.safe_load((FIXTURES / "search_forgiving.yml").read_text(encoding="utf-8"))["queries"]


def filter_unit(id_: str, text: str, series: str, num: int, date: str, speaker: str = "") -> dict:
    """A unit of meeting ``<series code><num>`` with the fields the filters use."""
    meeting = f"{id_.split('-')[0]}"
    return {**unit(id_, text, meeting=meeting, date=date), "series": series, "num": num,
            **({"speaker": speaker} if speaker else {})}


# Two series, four meetings, one named speaker written with and without letter spacing, one
# anonymous remark (for the date range, date sorts, series and speaker filters and the ID jump).
FILTER_UNITS = [
    filter_unit("al01-1", "地域金融の話", "alpha", 1, "2020-04-01", "藤田部会長"),
    filter_unit("al02-1", "地域の話題", "alpha", 2, "2021-05-10", "藤　田部会長"),
    filter_unit("al02-2", "金融と地域", "alpha", 2, "2021-05-10", "山本委員"),
    filter_unit("be01-1", "地域経済", "beta", 1, "2022-01-20"),
    filter_unit("be02-1", "地域", "beta", 2, "2023-03-03"),
]
FILTER_SERIES = {"alpha": {"code": "al", "title": "アルファ研究会"}, "beta": {"code": "be", "title": "ベータ会議"}}
# (query, filters, ids in rank order), worked out by hand: relevance ranks shorter texts first
# (then date, then ID); the date sorts put the date first and rank by relevance within a day.
FILTER_QUERIES = [
    ("地域", {"sort": "newest"}, ["be02-1", "be01-1", "al02-1", "al02-2", "al01-1"]),
    ("地域", {"sort": "oldest"}, ["al01-1", "al02-1", "al02-2", "be01-1", "be02-1"]),
    ("地域", {"date_from": "2021-01-01", "date_to": "2022-12-31"}, ["be01-1", "al02-1", "al02-2"]),
    ("地域", {"date_from": "2021-05-10", "date_to": "2021-05-10"}, ["al02-1", "al02-2"]),  # inclusive
    ("", {"date_from": "2022-01-01"}, ["be02-1", "be01-1"]),  # a date range alone
    ("", {"date_to": "2019-12-31"}, []),
    ("地域", {"series": "alpha"}, ["al02-1", "al02-2", "al01-1"]),
    ("地域", {"series": "beta", "sort": "newest"}, ["be02-1", "be01-1"]),
    ("地域", {"speaker": "藤田部会長"}, ["al02-1", "al01-1"]),  # 藤　田部会長 is the same speaker
    ("", {"speaker": "藤田 部会長"}, ["al02-1", "al01-1"]),
    ("地域", {"speaker": "山本委員", "sort": "oldest"}, ["al02-2"]),
    ("金融", {"speaker": "鈴木委員"}, []),
    ("金融", {"series": "alpha", "date_to": "2020-12-31"}, ["al01-1"]),
]
# (query, the ID it jumps to or None)
JUMP_QUERIES = [("al02-2", "al02-2"), ("ＡＬ０２－２", "al02-2"), (" AL01-1 ", "al01-1"), ("al09-1", None),
                ("al02-2-1", None), ("地域", None), ("al02", None)]
# (query, the folded ID it is, or "" for no ID): search.js idQuery must agree (test_search_js)
ID_QUERIES = [
    ("sr06-19", "sr06-19"), ("ＳＲ０６－１９", "sr06-19"), (" SR06-19-2 ", "sr06-19-2"), ("sr06\u221219", "sr06-19"),
    ("sr06", ""), ("sr-19", ""), ("06-19", ""), ("sr06-19-2-1", ""), ("sr06-19 地域", ""), ("地域", ""),
]
