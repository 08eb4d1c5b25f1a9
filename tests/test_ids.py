"""Stable IDs: a published remark keeps its ID through corrections of the source."""

import pytest

from gijiroku.parse.ids import Published, assign_ids, content_hash, is_valid_id, meeting_id
from gijiroku.parse.pipeline import parse_bytes
from gijiroku.serialize import minutes_to_dict
from gijiroku.series import Series
from support.paths import SEED

SERIES = Series(slug="s", code="sr", title="t", organiser="o")


def published(*texts, prefix="m-"):
    return [Published(f"{prefix}{n:02d}", content_hash(t), t) for n, t in enumerate(texts, 1)]


@pytest.mark.parametrize(
    ("new_texts", "expected"),
    [
        # unchanged
        (["甲の発言。", "乙の発言。"], ["m-01", "m-02"]),
        # a remark inserted in front: old ones keep their IDs, the new one gets the next number
        (["新しい発言。", "甲の発言。", "乙の発言。"], ["m-03", "m-01", "m-02"]),
        # a typo fixed (similar text) keeps the ID
        (["甲の発言です。", "乙の発言。"], ["m-01", "m-02"]),
        # a removed remark's number is never reused
        (["乙の発言。", "全く別の話題について長く述べる。"], ["m-02", "m-03"]),
        # width variants do not change the hash
        (["甲の発言。", "乙の発言。"], ["m-01", "m-02"]),
    ],
)
def test_assign_ids(new_texts, expected):
    assert assign_ids("m", new_texts, published("甲の発言。", "乙の発言。"), width=2) == expected


def test_hash_ignores_whitespace_and_width():
    assert content_hash("ＤＸ の 推進") == content_hash("DXの推進")
    assert content_hash("DXの推進") != content_hash("DXの推進。")


@pytest.mark.parametrize(
    ("code", "number", "date", "expected"),
    [("sr", 6, "2021-06-01", "sr06"), ("sr", 123, "2021-06-01", "sr123"),
     ("hc", None, "2023-02-17", "hc20230217")],
)
def test_meeting_id(code, number, date, expected):
    assert meeting_id(code, number, date) == expected
    assert is_valid_id(expected)


def seed_bytes():
    return SEED.read_bytes()


def ids_of(document):
    return [(r["id"], [i["id"] for i in r["items"]]) for r in document["remarks"]]


def test_seed_ids_survive_a_corrected_source():
    original = minutes_to_dict(parse_bytes(seed_bytes(), "06.txt", SERIES))
    text = seed_bytes().decode()
    # Fix a "typo" in remark 2, insert a new remark before remark 3, delete the last remark,
    # and insert an item into remark 4.
    corrected = (
        text.replace("伝わりやすいのではな", "伝わりやすくなるのではな", 1)
        .replace("○東京から郊外", "○新たに挿入された発言である。 \n\n○東京から郊外", 1)
        .replace("・デジタル人材の確保", "・新しい小項目。 \n\n・デジタル人材の確保", 1)
    )
    last = corrected.rindex(" ○第２期")
    corrected = corrected[:last] + "以上 \n\n"
    again = minutes_to_dict(parse_bytes(corrected.encode(), "06.txt", SERIES, published=original))
    old = {r["hash"]: r["id"] for r in original["remarks"]}
    new_ids = [r["id"] for r in again["remarks"]]
    assert new_ids[:2] == ["sr06-01", "sr06-02"]
    assert new_ids[2] == "sr06-29"  # inserted: next unused number
    assert new_ids[3:] == [f"sr06-{n:02d}" for n in range(3, 28)]
    assert again["remarks"][1]["hash"] != original["remarks"][1]["hash"]  # text did change
    assert [i["id"] for i in again["remarks"][4]["items"]] == [
        "sr06-04-1", "sr06-04-7", "sr06-04-2", "sr06-04-3", "sr06-04-4", "sr06-04-5", "sr06-04-6"]
    assert [r["id"] for r in again["retired"]] == ["sr06-28"]
    # Deleting sr06-28 must not free its number: the next new remark gets sr06-30.
    third = minutes_to_dict(parse_bytes(
        corrected.replace("以上 ", "○さらに別の新しい発言。 \n\n以上 ").encode(), "06.txt", SERIES,
        published=again))
    assert [r["id"] for r in third["remarks"]][-1] == "sr06-30"
    # Every remark whose text did not change still has its original ID.
    assert all(old[r["hash"]] == r["id"] for r in third["remarks"] if r["hash"] in old)
    # Re-parsing unchanged input is a fixed point.
    assert minutes_to_dict(parse_bytes(seed_bytes(), "06.txt", SERIES, published=original)) == original
