"""Golden files: each fixture source (.txt, .html, .json) beside its expected .yaml; committed YAML is never stale."""

import jsonschema
import pytest

from gijiroku.files import yaml_path
from gijiroku.parse.fingerprint import without_fingerprint
from gijiroku.parse.pipeline import parse_file
from gijiroku.serialize import dump_yaml, load_yaml, minutes_to_dict
from support.paths import FIXTURES, MINUTES

# Every source format: text, saved HTML pages, JSON API records (series.yml and sidecars are
# not sources).
GOLDEN = sorted(p for p in (FIXTURES / "parse").iterdir() if p.suffix in (".txt", ".html", ".json"))
COMMITTED = sorted(MINUTES.glob("*/*.txt"))


@pytest.mark.parametrize("source", GOLDEN, ids=lambda p: p.name)
def test_fixture_matches_golden_yaml(source):
    expected = yaml_path(source).read_text(encoding="utf-8")
    assert dump_yaml(minutes_to_dict(parse_file(source, FIXTURES))) == expected


@pytest.mark.parametrize("source", COMMITTED, ids=lambda p: p.name)
def test_committed_yaml_is_not_stale(source):
    # the fingerprint line says which parser wrote it: parse --all replaces it after any change
    expected = without_fingerprint(yaml_path(source).read_text(encoding="utf-8"))
    actual = dump_yaml(minutes_to_dict(parse_file(source, MINUTES)))
    assert actual == expected, "the committed YAML is stale: run `gijiroku parse --all`"


@pytest.mark.parametrize("source", COMMITTED + GOLDEN, ids=lambda p: p.name)
def test_yaml_validates_against_schema(source, schema):
    jsonschema.validate(load_yaml(yaml_path(source)), schema)


def test_seed_facts():
    document = load_yaml(MINUTES / "meti-smart-resilient" / "06.yaml")
    meeting = document["meeting"]
    assert (meeting["number"], meeting["date"], meeting["start"], meeting["end"]) == (6, "2021-06-01", "13:00", "15:00")
    assert meeting["attendees"][0] == {"name": "松原", "role": "座長", "group": "委員"}
    assert [a["role"] for a in meeting["attendees"][1:]] == ["委員"] * 11
    assert meeting["source"]["pages"] == 7
    assert len(document["remarks"]) == 28
    fourth = document["remarks"][3]
    assert fourth["text"] == "具体的な意見は６点。" and len(fourth["items"]) == 6
    assert any("（月）" in w["message"] and "（火）" in w["message"] for w in document["warnings"])
    texts = "\n".join(t for r in document["remarks"] for t in [r["text"], *(i["text"] for i in r["items"])])
    assert "リモートワーク" in texts and "新陳代謝" in texts
    assert "salesforceによる slackの買収" in texts  # real spaces between Latin and Japanese kept
    assert [r["page"] for r in document["remarks"]][-1] == 7
    ids = [r["id"] for r in document["remarks"]] + [i["id"] for r in document["remarks"] for i in r["items"]]
    assert len(ids) == len(set(ids)) == 34
