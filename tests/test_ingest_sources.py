"""Saved pages, JSON API records, sidecar metadata and loose files.

The golden fixtures (tests/fixtures/parse/*.html, *.json) cover whole documents; these tests
pin each rule on its own.
"""

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from gijiroku.cli import main
from gijiroku.errors import GijirokuError
from gijiroku.model import Attendee
from gijiroku.parse.ids import is_valid_id
from gijiroku.parse.ingest import PageMeta, ingest, sniff
from gijiroku.parse.metadata import page_title
from gijiroku.parse.pipeline import parse_bytes
from gijiroku.parse.sidecar import Sidecar, parse_sidecar
from gijiroku.serialize import minutes_to_dict
from gijiroku.series import Series, derived_series, series_title
from support.conservation import assert_conserved
from support.paths import FIXTURES

SERIES = Series(slug="fixtures", code="fx", title="t", organiser="o")
SERIES_YML = (FIXTURES / "parse" / "series.yml").read_text(encoding="utf-8")
TEXT = "テスト会議（第２回）議事録\n日時：令和５年６月６日（火）13:00～14:00\n場所：第１会議室\n○山田座長　開会します。\n○佐藤委員　賛成です。\n"


def page(body: str, heading: str = "") -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
            f"<header><h1>{heading}</h1></header><main>{body}</main></body></html>").encode()


def furniture(data: bytes) -> list[tuple[str, str]]:
    ingested = ingest(data, "p.html")
    return [(line, ingested.layout.get(n, ""))
            for n, line in enumerate(ingested.text.splitlines(), start=1)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an utterance number on its own line, and an empty number slot of a template
        ("<div>12:</div><p>◯議長（山田）<br>開きます。</p><h1>: </h1>",
         [("12:", "utterance-number"), ("◯議長（山田）", ""), ("開きます。", ""), (":", "utterance-number")]),
        # a number written before the turn marker is moved to a line of its own
        ("<p>3：◯町長（佐藤）　答えます。</p>", [("3：", "utterance-number"), ("◯町長（佐藤）　答えます。", "")]),
        # search terms and a line that is only a link are furniture; a link inside text is not
        ("<p>検索語：子育て</p><p><a href='#top'>↑先頭へ</a></p><p>詳しくは<a href='/x'>資料</a>を参照。</p>",
         [("検索語：子育て", "search-terms"), ("↑先頭へ", "navigation"), ("詳しくは資料を参照。", "")]),
        # numbers inside a text are text: 1:1, a time 10:30, a count without 発言
        ("<p>1:1の対応です。</p><p>10:30</p><p>全 3 件</p>", [("1:1の対応です。", ""), ("10:30", ""), ("全 3 件", "")]),
        ("<p>全 ３ 発言／0 発言ヒット</p>", [("全 ３ 発言／0 発言ヒット", "utterance-count")]),
        # a link that is a turn (a speaker list item) is not navigation
        ("<p><a href='#v1'>◯議長（山田）</a></p>", [("◯議長（山田）", "")]),
        # form controls are chrome: a saved page's utterance list sits in a form
        ("<form><ol><li><label>選択</label><button>1 : ◯議長（山田）</button></li></ol></form>"
         "<p>○山田委員　本文</p>", [("○山田委員　本文", "")]),
        # ... unless the minutes are inside the form (an ASP.NET page wraps everything in one)
        ("<form id='form1'><p>日時：2024年6月1日</p><p>○山田委員　発言。</p><input type='hidden'></form>",
         [("日時：2024年6月1日", ""), ("○山田委員　発言。", "")]),
    ],
)
def test_html_furniture_lines(body, expected):
    assert furniture(page(body)) == expected


@pytest.mark.parametrize(
    ("heading", "meta"),
    [
        ("<span>令和６年第４回定例会（第５号）　本文</span> <span>2024-12-17</span>",
         PageMeta("令和６年第４回定例会（第５号） 本文 2024-12-17", "令和６年第４回定例会（第５号） 本文 2024-12-17")),
        ("", PageMeta()),
    ],
)
def test_the_first_h1_anywhere_is_the_page_heading(heading, meta):
    assert ingest(page("<p>○山田委員　発言。</p>", heading), "p.html").meta == meta


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("令和６年第４回定例会（第５号） 本文 2024-12-17", "令和６年第４回定例会（第５号） 本文"),
        ("第3回 委員会 令和6年12月17日（火）", "第3回 委員会"),
        ("令和６年第４回定例会", "令和６年第４回定例会"),  # a year alone is not a date
    ],
)
def test_page_title_drops_the_date_word(heading, title):
    assert page_title(PageMeta(heading, heading)) == title


def test_page_heading_gives_title_and_date_when_the_body_has_none():
    data = page("<div>1:</div><p>◯議長（山田太郎）<br>開きます。</p>",
                "<span>第５回委員会</span> <span>2024-12-17</span>")
    meeting = minutes_to_dict(parse_bytes(data, "p.html", SERIES))["meeting"]
    assert (meeting["title"], meeting["number"], meeting["date"], meeting["weekday"], meeting["id"]) == (
        "第５回委員会", 5, "2024-12-17", "火", "fx05")
    assert meeting["origin"] == {"title": "page", "number": "page", "date": "page"}


@pytest.mark.parametrize(
    ("stamp", "start"),
    [("開会（午前１０時００分）", "10:00"), ("午後１時３０分　開議", "13:30"),
     ("開会（午後　３時２５分）", "15:25"), ("開会の（挨拶は午前１０時から）です", None)],
)
def test_opening_stamp_in_a_page_header_gives_the_start(stamp, start):
    data = page(f"<p>会議の経過</p><p>{stamp}</p><p>◯議長（山田太郎）<br>開きます。</p>", "2024-12-17")
    assert minutes_to_dict(parse_bytes(data, "p.html", SERIES))["meeting"]["start"] == start


@pytest.mark.parametrize(("stated", "warned"), [(2, False), (3, True)])
def test_a_stated_utterance_count_is_checked(stated, warned):
    data = page(f"<p>全 {stated} 発言</p><p>日時：2024年6月1日</p><div>1:</div><p>○山田委員　一。</p>"
                "<div>2:</div><p>○佐藤委員　二。</p>")
    warnings = minutes_to_dict(parse_bytes(data, "p.html", SERIES))["warnings"]
    counted = [w for w in warnings if "utterances" in w["message"]]
    assert bool(counted) == warned
    if warned:
        assert counted[0]["line"] == 1 and "3 utterances but 2 remarks" in counted[0]["message"]
        assert counted[0]["hint"]


UTTERANCE_LIST = ("<form><ol>" + "".join(
    f"<li><label>選択</label><button>{n} : ◯{who}</button></li>"
    for n, who in ((1, "議長（山田）"), (2, "町長（佐藤）"), (3, "議長（山田）"))) + "</ol></form>")


@pytest.mark.parametrize(
    ("body", "stated"),
    [
        (UTTERANCE_LIST + "<p>全 2 発言</p>", (2, 1)),  # the count line wins over the list
        (UTTERANCE_LIST, (3, 1)),
        ("<ul><li>1:◯議長（山田）は、長い説明をしました。</li></ul>", None),  # a sentence, not an entry
        ("<ol><li>議題１</li><li>議題２</li></ol>", None),
    ],
)
def test_stated_utterance_count_from_count_line_or_utterance_list(body, stated):
    assert ingest(page(body + "<p>◯議長（山田）　開きます。</p>"), "p.html").stated_turns == stated


def records(*items, key="tenant_minutes") -> bytes:
    listed = [{"body": body, "minute_type": kind, "page_no": page_no} for kind, page_no, body in items]
    return json.dumps({key: listed} if key else listed, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (records(("○議長", 1, "○議長（山田）　開きます。")), "json"),
        (b"\xef\xbb\xbf[{\"body\": \"x\"}]", "json"),
        (b"{not json: ", "text"),
        ("[PAGE 1]\n○発言\n".encode(), "text"),  # a bracket that opens text is not JSON
    ],
)
def test_sniff_json(data, kind):
    assert sniff(data) == kind


@pytest.mark.parametrize(
    "data", [b"{}", b'{"tenant_minutes": []}', b'{"minutes": [{"id": 1}]}', b"[1, 2]"])
def test_json_without_records_is_a_clear_error(data):
    with pytest.raises(GijirokuError) as caught:
        ingest(data, "api.json")
    assert "no list of records" in caught.value.render() and "hint:" in caught.value.render()


def test_a_not_speech_record_between_turns_is_layout_not_remark_text(schema):
    data = records(("○議長", 1, "○議長（山田太郎）　開きます。"), ("議事日程", 1, "日程第２\n　議案第１号"),
                   ("○議長", 1, "○議長（山田太郎）　次に進みます。"), ("名簿", 1, "以上　署名"),
                   key="records")
    document = minutes_to_dict(parse_bytes(data, "api.json", SERIES, sidecar=Sidecar(date=dt.date(2024, 1, 9))))
    jsonschema.validate(document, schema)
    assert [r["text"] for r in document["remarks"]] == ["開きます。", "次に進みます。"]
    assert [(x["line"], x["text"], x["kind"]) for x in document["layout"]] == [
        (3, "日程第２", "non-speech"), (4, "議案第１号", "non-speech"), (8, "以上　署名", "non-speech")]
    assert_conserved(data, document)


@pytest.mark.parametrize(
    ("body", "text"),
    [("<pre>○議長（山田）　a&amp;b</pre>", "○議長（山田）　a&b\n"),
     ("○議長（山田）　1 < 2 and 3 > 2", "○議長（山田）　1 < 2 and 3 > 2\n")],  # not HTML: as is
)
def test_html_in_a_record_body_is_read_as_html(body, text):
    assert ingest(records(("○議長", 1, body)), "api.json").text == text + "\n"


def test_json_records_are_turns_by_type_whatever_their_marker():
    data = records(
        ("名簿", 1, "<pre>令和６年第１回定例会会議録\n令和６年３月４日（月曜日）\n〇出席議員（１人）\n</pre>"),
        ("○議長", 2, "○議長（山田太郎）　開きます。\n〇などと書いた行。"),
        ("◆質問", 2, "◆総務委員長（佐藤花子）　報告します。"),
        ("◎答弁", 5, "<pre>◎市長（田中一郎）　お答えします。\n　（拍手）\n</pre>"),
        key="",
    )
    document = minutes_to_dict(parse_bytes(data, "api.json", SERIES))
    assert [(r["speaker"]["raw"], r["page"], r["text"]) for r in document["remarks"]] == [
        ("議長（山田太郎）", 2, "開きます。\n〇などと書いた行。"),  # 〇 inside a record opens nothing
        ("総務委員長（佐藤花子）", 2, "報告します。"),
        ("市長（田中一郎）", 5, "お答えします。"),
    ]
    # lines 1-3: the roll, 4: blank; 5: a form feed (page 2); 6-7, 9: turns; 11-13: three
    # form feeds (pages 3-5); 14: ◎市長; 15: the aside
    assert document["remarks"][2]["notes"] == [{"line": 15, "text": "（拍手）"}]
    assert document["meeting"]["date"] == "2024-03-04" and document["meeting"]["source"]["pages"] == 5
    assert "〇出席議員（１人）" in [h["text"] for h in document["header"]]
    assert not [w for w in document["warnings"] if "utterances" in w["message"]]
    assert_conserved(data, document)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Sidecar()),
        ("# nothing yet\n", Sidecar()),
        ("date: 2024-12-17\n", Sidecar(date=dt.date(2024, 12, 17))),
        ("date: 令和6年12月5日\nstart: 午前10時\nend: '10:45'\n",
         Sidecar(date=dt.date(2024, 12, 5), start="10:00", end="10:45")),
        ("start: 13:30\n", Sidecar(start="13:30")),  # unquoted: YAML 1.1 would read 810
        ("title: 議会運営委員会\nnumber: 7\nvenue: 委員会室\nsource_url: https://example.jp/m/1\n",
         Sidecar(title="議会運営委員会", number=7, venue="委員会室", source_url="https://example.jp/m/1")),
        ("attendees:\n  - {name: 川上, role: 委員長, group: 委員}\n  - 森田委員\n",
         Sidecar(attendees=(Attendee("川上", "委員長", "委員"), Attendee("森田", "委員")))),
    ],
)
def test_sidecar_fields(text, expected):
    assert parse_sidecar(text, "01.meta.yml") == expected


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("date: [2024\n", 2, "invalid YAML"),  # noticed at the end of the stream
        ("- date: 2024-12-17\n", 1, "not a mapping"),
        ("title: x\ndaet: 2024-12-17\n", 2, "unknown sidecar field 'daet'"),
        ("title: x\ndate: 2024年13月1日\n", 2, "not a date"),
        ("number: 第3回\n", 1, "not a meeting number"),
        ("number: 0\n", 1, "not a meeting number"),
        ("\nstart: 10時～11時\n", 2, "not one clock time"),
        ("title:\n", 1, "single non-empty value"),
        ("venue: {a: b}\n", 1, "single non-empty value"),
        ("attendees: 川上委員長\n", 1, "must be a list"),
        ("attendees:\n  - {role: 委員}\n", 2, "needs a name"),
        ("attendees:\n  - {name: 川上, seat: 3}\n", 2, "unknown attendee field 'seat'"),
    ],
)
def test_malformed_sidecar_names_its_line(text, line, message):
    with pytest.raises(GijirokuError) as caught:
        parse_sidecar(text, "minutes/x/01.meta.yml")
    rendered = caught.value.render()
    assert rendered.startswith(f"minutes/x/01.meta.yml:{line}: error: ") and message in rendered
    assert "\n  hint: " in rendered


@pytest.mark.parametrize(
    ("sidecar", "fields", "origin"),
    [
        # nothing supplied: every field from the header, no origin written
        (Sidecar(), {"date": "2023-06-06", "title": "テスト会議（第２回）", "number": 2, "venue": "第１会議室"}, None),
        # the sidecar wins over the header, field by field
        (Sidecar(date=dt.date(2023, 6, 7), venue="第２会議室"),
         {"date": "2023-06-07", "weekday": "水", "venue": "第２会議室", "start": "13:00"},
         {"date": "sidecar", "venue": "sidecar"}),
        # a title brings its 第N回 unless the sidecar states the number
        (Sidecar(title="別の会議（第９回）"), {"title": "別の会議（第９回）", "number": 9, "id": "fx09"},
         {"title": "sidecar", "number": "sidecar"}),
        (Sidecar(title="別の会議（第９回）", number=4), {"number": 4, "id": "fx04"},
         {"title": "sidecar", "number": "sidecar"}),
        (Sidecar(source_url="https://example.jp/m", attendees=(Attendee("川上", "委員長"),)),
         {"attendees": [{"name": "川上", "role": "委員長", "group": ""}]},
         {"attendees": "sidecar", "source_url": "sidecar"}),
    ],
)
def test_sidecar_precedence_and_origin(sidecar, fields, origin, schema):
    document = minutes_to_dict(parse_bytes(TEXT.encode(), "m.txt", SERIES, sidecar=sidecar))
    jsonschema.validate(document, schema)
    meeting = document["meeting"]
    assert {key: meeting[key] for key in fields} == fields
    assert meeting.get("origin") == origin
    assert meeting.get("source_url") == sidecar.source_url and "url" not in meeting["source"]


@pytest.mark.parametrize(("date", "warned"), [(dt.date(2023, 6, 6), False), (dt.date(2023, 6, 7), True)])
def test_a_sidecar_date_that_contradicts_the_header_is_a_warning(date, warned):
    minutes = parse_bytes(TEXT.encode(), "m.txt", SERIES, sidecar=Sidecar(date=date))
    found = [w for w in minutes.warnings if "sidecar's date" in w.message]
    assert bool(found) == warned and minutes.meeting.date == date.isoformat()
    if warned:
        assert "2023-06-07 overrides the header's 2023-06-06" in found[0].message and found[0].hint


@pytest.mark.parametrize(
    ("name", "slug", "code"),
    [("Kaigi 2023.txt", "kaigi-2023", "kaigi"), ("議事録.pdf", "minutes", "minutes"),
     ("2024-12-17.html", "2024-12-17", "m"), ("MINUTES_of_the_Very_Long_Committee.pdf",
                                               "minutes-of-the-very-long-committee", "minuteso")],
)
def test_a_loose_file_series_comes_from_its_name(name, slug, code):
    series = derived_series(Path("/tmp") / name)
    assert (series.slug, series.code) == (slug, code) and is_valid_id(series.code)


def test_a_source_without_a_title_uses_its_file_name_and_says_so():
    text = "日時：令和５年６月６日\n○山田座長　開会します。\n"
    document = minutes_to_dict(parse_bytes(text.encode(), "x/07.txt", SERIES))
    assert (document["meeting"]["title"], document["meeting"]["origin"]) == ("07", {"title": "file"})
    warning = next(w for w in document["warnings"] if "title" in w["message"])
    assert "07.meta.yml" in warning["hint"] and "title: " in warning["hint"]


@pytest.mark.parametrize(
    "text",
    [
        "○山田座長　開会します。\n",  # no header at all (a page of a larger record)
        "テスト会議\n○山田座長　開会します。\n",  # a header without a date
    ],
)
def test_missing_date_points_at_the_sidecar_not_the_source(text):
    with pytest.raises(GijirokuError) as caught:
        parse_bytes(text.encode(), "minutes/x/03.txt", SERIES)
    hint = caught.value.hint
    assert "03.meta.yml" in hint and "date: 2021-06-01" in hint and "do not edit the source" in hint
    supplied = parse_bytes(text.encode(), "minutes/x/03.txt", SERIES,
                           sidecar=Sidecar(date=dt.date(2024, 1, 9)))
    assert (supplied.meeting.date, supplied.meeting.origin["date"]) == ("2024-01-09", "sidecar")


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_a_loose_file_just_works(tmp_path):
    source = tmp_path / "Downloads" / "Kaigi 2023.txt"
    source.parent.mkdir()
    source.write_text(TEXT, encoding="utf-8")
    result = run("parse", source)
    assert result.exit_code == 0, result.output
    assert "id: kaigi02" in result.stdout and "series: kaigi-2023" in result.stdout
    assert "Kaigi 2023.txt:1: warning: no series.yml beside" in result.stderr
    assert "to make it permanent, create" in result.stderr and "title: テスト会議`" in result.stderr
    assert "no series.yml" in result.stdout  # the YAML records the warning too
    assert sorted(p.name for p in source.parent.iterdir()) == ["Kaigi 2023.txt"]  # nothing written


@pytest.mark.parametrize("how", ["path", "slug"])
def test_series_option_names_the_series(tmp_path, how):
    root = tmp_path / "minutes"
    (root / "fixtures").mkdir(parents=True)
    (root / "fixtures" / "series.yml").write_text(SERIES_YML, encoding="utf-8")
    source = tmp_path / "x.txt"
    source.write_text(TEXT, encoding="utf-8")
    series = root / "fixtures" / "series.yml" if how == "path" else "fixtures"
    result = run("parse", source, "--series", series, "--root", root)
    assert result.exit_code == 0, result.output
    assert "id: fx02" in result.stdout and "warning" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--series", "nothere"], "no series 'nothere'"),
     (["--series", "gone/series.yml"], "no series file")],
)
def test_an_unknown_series_is_a_clear_error(tmp_path, args, message):
    source = tmp_path / "x.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = run("parse", source, *args, "--root", tmp_path)
    assert result.exit_code == 2 and message in result.stderr and "hint:" in result.stderr


def test_reparsing_keeps_hand_made_files_and_reads_the_sidecar(tmp_path):
    folder = tmp_path / "minutes" / "fixtures"
    folder.mkdir(parents=True)
    (folder / "series.yml").write_text(SERIES_YML, encoding="utf-8")
    (folder / "02.txt").write_text(TEXT, encoding="utf-8")
    hand_made = {
        "02.meta.yml": "venue: オンライン\n",
        "02.themes.yml": "overrides:\n  fx02-01: {add: [dx], note: test}\n",
        "02.en.yml": "remarks: {}\n",
    }
    for name, text in hand_made.items():
        (folder / name).write_text(text, encoding="utf-8")
    for _ in range(2):
        result = run("parse", "--all", "--root", tmp_path / "minutes", "--jobs", 1)
        assert result.exit_code == 0, result.output
    assert {name: (folder / name).read_text(encoding="utf-8") for name in hand_made} == hand_made
    written = (folder / "02.yaml").read_text(encoding="utf-8")
    assert "venue: オンライン" in written and "origin: {venue: sidecar}" in written


@pytest.mark.parametrize(
    ("meeting_title", "expected"),
    [
        ("第 1 回 商事法の電子化に関する研究会", "商事法の電子化に関する研究会"),
        ("法制審議会 商法（船荷証券等関係）部会 第３回会議", "法制審議会 商法（船荷証券等関係）部会"),
        ("テスト会議（第２回）", "テスト会議"),
        ("第四回デジタル社会推進会議", "デジタル社会推進会議"),
        ("第２回", "第２回"),  # nothing but the number: keep it rather than an empty title
    ],
)
def test_a_loose_files_series_title_is_its_title_without_the_meeting_number(meeting_title,
                                                                           expected):
    assert series_title(meeting_title) == expected
