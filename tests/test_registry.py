"""The registry of published IDs (minutes/<series>/NN.published.yml): a lost YAML keeps its IDs, a
parse that would move a published ID to another text warns, and the registry only grows."""

from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner

from gijiroku.cli import main
from gijiroku.errors import GijirokuError
from gijiroku.parse.fingerprint import without_fingerprint
from gijiroku.parse.ids import content_hash
from gijiroku.parse.pipeline import parse_bytes
from gijiroku.parse.registry import Registry, dump_registry, load_registry, updated
from gijiroku.serialize import minutes_to_dict
from gijiroku.series import Series
from support.paths import MINUTES, SEED

SERIES = Series(slug="s", code="sr", title="t", organiser="o")
INSERT = ("○東京から郊外", "○新たに挿入された発言である。 \n\n○東京から郊外")  # before remark 3
TYPO = ("伝わりやすいのではな", "伝わりやすくなるのではな")  # in remark 2


def seed_text(*replacements: tuple[str, str]) -> str:
    text = SEED.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def remark_ids(document: dict) -> list[str]:
    return [r["id"] for r in document["remarks"]]


@pytest.fixture
def series_copy(tmp_path):
    """The bundled series (source, YAML, registry) in a scratch minutes folder."""
    folder = tmp_path / "minutes" / MINUTES.joinpath("meti-smart-resilient").name
    shutil.copytree(MINUTES / "meti-smart-resilient", folder)
    return folder


def parse_all(root) -> None:
    result = CliRunner().invoke(main, ["parse", "--all", "--root", str(root)])
    assert result.exit_code == 0, result.output


def test_a_deleted_yaml_and_a_corrected_source_keep_every_published_id(series_copy):
    (series_copy / "06.yaml").unlink()
    (series_copy / "06.txt").write_text(seed_text(INSERT), encoding="utf-8")
    parse_all(series_copy.parent)
    document = yaml.safe_load((series_copy / "06.yaml").read_text(encoding="utf-8"))
    # Without the registry the inserted remark took sr06-03 and every later number moved on.
    assert remark_ids(document) == ["sr06-01", "sr06-02", "sr06-29"] + [
        f"sr06-{n:02d}" for n in range(3, 29)]
    assert document["retired"] == []
    registry = load_registry(series_copy / "06.published.yml")
    assert registry.ids["sr06-29"] == content_hash("新たに挿入された発言である。")


def test_a_deleted_yaml_reparses_to_the_same_yaml(series_copy):
    before = without_fingerprint((series_copy / "06.yaml").read_text(encoding="utf-8"))
    (series_copy / "06.yaml").unlink()
    parse_all(series_copy.parent)
    # the same YAML, with a fingerprint line (which the committed one may lack or have stale)
    after = (series_copy / "06.yaml").read_text(encoding="utf-8")
    assert after != before and without_fingerprint(after) == before


def test_parse_all_registers_new_and_retired_ids_and_never_drops_one(series_copy):
    registry_before = load_registry(series_copy / "06.published.yml")
    text = seed_text(INSERT)
    (series_copy / "06.txt").write_text(text[:text.rindex(" ○第２期")] + "以上 \n\n", encoding="utf-8")
    parse_all(series_copy.parent)
    registry = load_registry(series_copy / "06.published.yml")
    assert set(registry_before.ids) - {"sr06-28"} <= set(registry.ids)
    assert "sr06-29" in registry.ids
    assert registry.retired["sr06-28"][0] == registry_before.ids["sr06-28"]
    assert registry.retired["sr06-28"][1].startswith("第２期")
    # The retired remark's number is not given out again, even with the YAML gone.
    (series_copy / "06.yaml").unlink()
    (series_copy / "06.txt").write_text(text, encoding="utf-8")  # the last remark is back
    parse_all(series_copy.parent)
    document = yaml.safe_load((series_copy / "06.yaml").read_text(encoding="utf-8"))
    assert remark_ids(document)[-1] == "sr06-28"  # matched by its registered hash and text


def original() -> dict:
    return minutes_to_dict(parse_bytes(SEED.read_bytes(), "06.txt", SERIES))


def test_a_text_registered_under_another_id_is_a_warning():
    published = original()
    first, second = published["remarks"][0], published["remarks"][1]
    # The registry says the first remark's text was published as sr06-02 (and vice versa).
    registered = updated(Registry(), [published]).ids
    registry = Registry({**registered, "sr06-01": second["hash"], "sr06-02": first["hash"]})
    minutes = parse_bytes(SEED.read_bytes(), "06.txt", SERIES, published=published,
                          registry=registry)
    messages = [w.message for w in minutes.warnings]
    assert "sr06-01 gets the text published as sr06-02, and sr06-02 does not: links to " \
           "sr06-02 would no longer lead to it" in messages
    assert all(w.hint.startswith("restore") for w in minutes.warnings if "published" in w.message)


def test_a_registered_id_whose_text_is_lost_is_a_warning():
    registry = updated(Registry(), [original()])
    minutes = parse_bytes(seed_text(TYPO).encode(), "06.txt", SERIES, registry=registry)
    assert any(w.message.startswith("published sr06-02 matches nothing in this parse and its "
                                    "text is not known") for w in minutes.warnings)
    assert [r.id for r in minutes.retired] == ["sr06-02"]


def test_an_unchanged_parse_has_no_id_warnings():
    registry = updated(Registry(), [original()])
    minutes = parse_bytes(SEED.read_bytes(), "06.txt", SERIES, registry=registry)
    assert not [w for w in minutes.warnings if "published" in w.message]


@pytest.mark.parametrize(("documents", "ids", "retired"), [
    # a new remark and item are added
    ([{"remarks": [{"id": "a1-01", "hash": "h1", "items": [{"id": "a1-01-1", "hash": "h2"}]}]}],
     {"a1-01": "h1", "a1-01-1": "h2", "z9-01": "h0"}, {}),
    # a corrected text updates its hash; a removed one moves to retired with its text
    ([{"remarks": [{"id": "z9-02", "hash": "new"}], "retired": [{"id": "z9-01", "hash": "h0", "text": "元"}]}],
     {"z9-02": "new"}, {"z9-01": ("h0", "元")}),
])
def test_updated(documents, ids, retired):
    before = Registry({"z9-01": "h0"})
    assert updated(before, documents) == Registry(ids, retired)
    assert before == Registry({"z9-01": "h0"})  # pure


def test_registry_round_trips_and_orders_ids_in_source_order(tmp_path):
    registry = updated(Registry(), [{"remarks": [
        {"id": "a1-10", "hash": "6389e401"}, {"id": "a1-02", "hash": "1e5",
                                             "items": [{"id": "a1-02-1", "hash": "00000000"}]}],
        "retired": [{"id": "a1-100", "hash": "x", "text": "消えた: {発言}\n二行目"}]}])
    path = tmp_path / "published.yml"
    path.write_text(dump_registry(registry), encoding="utf-8")
    assert load_registry(path) == registry
    assert list(registry.ids) == ["a1-02", "a1-02-1", "a1-10"]


def test_a_broken_registry_is_a_clear_error(tmp_path):
    path = tmp_path / "published.yml"
    path.write_text("ids: [1, 2]\n", encoding="utf-8")
    with pytest.raises(GijirokuError, match="not a registry of published IDs"):
        load_registry(path)
