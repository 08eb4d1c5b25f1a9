"""The data downloads and citations as text: gijiroku/site/exports.py and gijiroku/site/cite.py.

Both write JSON without the json module's encoder where it is slow (an indented document per
meeting, a CSL-JSON object per remark); these tests hold them to exactly what json.dumps writes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

from gijiroku.site.cite import meeting_citation
from gijiroku.site.corpus import load_corpus
from gijiroku.site.exports import (CSV_COLUMNS, ZIP_TIME, document_json, meeting_json, meetings_json_zip, remarks_csv,
                                   zip_file)

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {"real": ROOT / "minutes", "fixture": ROOT / "tests" / "fixtures" / "site" / "minutes"}


def json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("data", [
    {},
    {"a": [], "b": {}, "c": None, "d": True, "e": False, "f": 0, "g": -12, "h": ""},
    {"text": "改行\n「引用」 \"quote\" \\ tab\t \u2028 \x00 😀", "nested": [[1, [2, {}]], {"x": [None]}]},
    {"remarks": [{"id": "sr06-01", "lines": {"start": 1, "end": 3}, "themes": []}]},
    {"themes": [{"score": 2.5, "evidence": [{"weight": 0.1}, {"weight": 1.0}]}],
     "floats": [-0.0, 1e-07, 2.5e+20, 12.75, 1 / 3]},
    # not what YAML gives the site, so json.dumps writes them (or refuses them) itself
    {"float": 1.5, "nan": float("nan")},
    {1: "an int key", None: "a null key"},
    {"tuple": (1, 2)},
])
def test_meeting_json_is_what_json_dumps_writes(data):
    assert document_json(data) == json_dumps(data)


def test_meeting_json_refuses_what_json_dumps_refuses():
    with pytest.raises(TypeError, match="date is not JSON serializable"):
        document_json({"date": dt.date(2021, 6, 1)})


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_meeting_json_of_the_minutes(corpus):
    for doc in load_corpus(CORPORA[corpus]).meetings:
        assert meeting_json(doc) == json_dumps(doc.data)


@pytest.mark.parametrize("corpus", list(CORPORA))
@pytest.mark.parametrize(("language", "translated"), [("ja", False), ("en", False), ("en", True)])
def test_csl_json_is_what_json_dumps_writes(corpus, language, translated):
    for doc in load_corpus(CORPORA[corpus]).meetings:
        citation = meeting_citation(doc, language)
        for unit in doc.units():
            url = f'https://example.org/"x"/meetings/{doc.id}/#{unit.id}'
            csl_json = citation.cite(unit, url, translated).csl_json
            csl = json.loads(csl_json)
            assert csl_json == json.dumps(csl, ensure_ascii=False)
            assert (csl["id"], csl["URL"], csl["page"]) == (unit.id, url, str(unit.page))
            assert csl["language"] == ("en" if translated else "ja")
            assert ("original-title" in csl) == (language == "en")
            assert ("note" in csl) == translated



# --- the remarks' CSVs and their zip ----------------------------------------------------------

def permalink(doc, unit_id: str) -> str:
    return f"../meetings/{doc.id}/#{unit_id}"


@pytest.mark.parametrize("name", list(CORPORA))
def test_the_csv_of_all_meetings_is_the_rows_of_each_joined(name):
    """A series' CSV and the site-wide one are made of the same per-meeting rows."""
    corpus = load_corpus(CORPORA[name])
    whole = remarks_csv(corpus.meetings, permalink).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(whole, newline="")))
    assert header == list(CSV_COLUMNS)
    assert len(rows) == sum(len(list(doc.units())) for doc in corpus.meetings) > 0
    parts = [remarks_csv([doc], permalink).decode("utf-8-sig") for doc in corpus.meetings]
    assert all(part.startswith(",".join(CSV_COLUMNS) + "\r\n") for part in parts)
    assert "".join(part.split("\r\n", 1)[1] for part in parts) == whole.split("\r\n", 1)[1]


@pytest.mark.parametrize("data", [b"", "id,text\r\n1,発言\r\n".encode("utf-8-sig"), bytes(range(256)) * 50])
def test_the_zip_opens_to_the_same_bytes_and_is_the_same_on_every_build(data):
    made = zip_file("remarks.csv", data)
    assert made == zip_file("remarks.csv", data)  # no timestamp of the build in it
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert archive.testzip() is None
        [info] = archive.infolist()
        assert (info.filename, info.date_time) == ("remarks.csv", ZIP_TIME)
        assert archive.read("remarks.csv") == data


@pytest.mark.parametrize("name", list(CORPORA))
def test_the_json_zip_holds_each_meetings_json_in_order_and_is_the_same_on_every_build(name):
    corpus = load_corpus(CORPORA[name])
    made = meetings_json_zip(corpus.meetings)
    assert made == meetings_json_zip(corpus.meetings)
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert archive.testzip() is None
        assert [(i.filename, i.date_time) for i in archive.infolist()] == [
            (f"meetings/{doc.id}.json", ZIP_TIME) for doc in corpus.meetings]
        for doc in corpus.meetings:
            assert json.loads(archive.read(f"meetings/{doc.id}.json")) == doc.data


def test_a_zipped_csv_is_smaller_than_the_csv():
    corpus = load_corpus(CORPORA["real"])
    data = remarks_csv(corpus.meetings, permalink)
    assert len(zip_file("remarks.csv", data)) < len(data) / 2
