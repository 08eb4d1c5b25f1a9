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
