"""Format rules beyond the seed: speakers, page conventions, asides, endings, header sections."""

import pytest

from gijiroku.model import Attendee, Span
from gijiroku.parse.header import agenda, parse_header, read_attendee_line, section_label
from gijiroku.parse.layout import detect_convention
from gijiroku.parse.lines import split_lines
from gijiroku.parse.speakers import split_speaker
from gijiroku.parse.structure import Paragraph, build_document, is_aside, is_closing, split_paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (text after the turn marker, (name, role, label, raw, rest))
        ("藤田部会長　予定した時刻", ("藤田", "部会長", "", "藤田部会長", "予定した時刻")),
        ("河野大臣 ： ただいまから", ("河野", "大臣", "", "河野大臣 ：", "ただいまから")),
        ("松本大臣：  総務省", ("松本", "大臣", "", "松本大臣：", "総務省")),
        ("井出副大臣：文部", ("井出", "副大臣", "", "井出副大臣：", "文部")),
        ("岸田内閣総理大臣 ： 本日", ("岸田", "内閣総理大臣", "", "岸田内閣総理大臣 ：", "本日")),
        ("原関係官　事務当局", ("原", "関係官", "", "原関係官", "事務当局")),
        ("議長（清野一榮議員）　これより", ("清野一榮", "議長", "", "議長（清野一榮議員）", "これより")),
        ("市長（櫻田　宏）　おはよう", ("櫻田宏", "市長", "", "市長（櫻田　宏）", "おはよう")),
        ("デジタル戦略推進部長　説明", ("", "デジタル戦略推進部長", "", "デジタル戦略推進部長", "説明")),
        ("（Ａ）地域では", ("", "", "A", "（Ａ）", "地域では")),
        ("（JJ） 細かいところ", ("", "", "JJ", "（JJ）", "細かいところ")),  # labels past Z
        ("総務委員長（佐藤花子）　質問", ("佐藤花子", "総務委員長", "", "総務委員長（佐藤花子）", "質問")),
        ("（Ｂ委員）　意見", ("", "委員", "B", "（Ｂ委員）", "意見")),
        ("（事務局）説明", ("", "事務局", "", "（事務局）", "説明")),
        ("山田太郎君　質問", ("山田太郎", "", "", "山田太郎君", "質問")),
        # names and roles by knowledge: where the name ends is not a matter of position
        ("おのせ康裕議長　　ただいまから", ("おのせ康裕", "議長", "", "おのせ康裕議長", "ただいまから")),
        ("２２番（たぞえ麻友議員）　質問", ("たぞえ麻友", "議員", "", "２２番（たぞえ麻友議員）", "質問")),
        ("青木英二区長　　令和７年", ("青木英二", "区長", "", "青木英二区長", "令和７年")),
        ("関根義孝教育長　　鈴木", ("関根義孝", "教育長", "", "関根義孝教育長", "鈴木")),
        ("経済産業政策局長　説明", ("", "経済産業政策局長", "", "経済産業政策局長", "説明")),
        ("地域経済産業グループ長　説明", ("", "地域経済産業グループ長", "", "地域経済産業グループ長", "説明")),
        ("山口総務部長　答弁", ("山口", "総務部長", "", "山口総務部長", "答弁")),
        ("飯田経済産業政策局長　説明", ("飯田", "経済産業政策局長", "", "飯田経済産業政策局長", "説明")),
        ("松本剛明総務大臣　答弁", ("松本剛明", "総務大臣", "", "松本剛明総務大臣", "答弁")),
        ("議事・調査係長　朗読", ("", "議事・調査係長", "", "議事・調査係長", "朗読")),
        ("副区長　答弁", ("", "副区長", "", "副区長", "答弁")),
        ("荒牧広志副区長　答弁", ("荒牧広志", "副区長", "", "荒牧広志副区長", "答弁")),
        ("佐藤教育委員　答弁", ("佐藤", "教育委員", "", "佐藤教育委員", "答弁")),
        ("教育委員　答弁", ("", "教育委員", "", "教育委員", "答弁")),
        ("東京都知事　答弁", ("", "東京都知事", "", "東京都知事", "答弁")),
        ("デジタル大臣：説明", ("", "デジタル大臣", "", "デジタル大臣：", "説明")),
        # surnames the dictionary reads as a place (山口), as common words (箱|井, 南, 平野)
        ("山口委員　はい", ("山口", "委員", "", "山口委員", "はい")),
        ("箱井委員　はい", ("箱井", "委員", "", "箱井委員", "はい")),
        ("南関係官　はい", ("南", "関係官", "", "南関係官", "はい")),
        ("平野委員　はい", ("平野", "委員", "", "平野委員", "はい")),
        ("藤田部会長代理　はい", ("藤田", "部会長代理", "", "藤田部会長代理", "はい")),
        # a bracketed initial tells namesakes apart and stays in the name
        ("中村（謙）関係官　それでは", ("中村（謙）", "関係官", "", "中村（謙）関係官", "それでは")),
        # letter-spaced names are read without their spaces; raw keeps them
        ("後　藤　さちこ議員　　質問", ("後藤さちこ", "議員", "", "後　藤　さちこ議員", "質問")),
        # ... also when one space ends it, if a role closes the spaced name
        ("藤　田部会長　開会します", ("藤田", "部会長", "", "藤　田部会長", "開会します")),
        ("山　田委員　反対です。", ("山田", "委員", "", "山　田委員", "反対です。")),
        ("後　藤　さちこ議員　質問", ("後藤さちこ", "議員", "", "後　藤　さちこ議員", "質問")),
        ("事務局長（佐藤　記一）　朗読", ("佐藤記一", "事務局長", "", "事務局長（佐藤　記一）", "朗読")),
    ],
)
def test_named_speakers(text, expected):
    speaker, rest = split_speaker(text)
    assert (speaker.name, speaker.role, speaker.label, speaker.raw, rest) == expected


@pytest.mark.parametrize(
    ("text", "seat", "label", "as_dict"),
    [
        ("２２番（たぞえ麻友議員）　質問", "22", "",
         {"name": "たぞえ麻友", "role": "議員", "seat": "22", "raw": "２２番（たぞえ麻友議員）"}),
        ("3番（山田花子君）　質問", "3", "", {"name": "山田花子", "role": "", "seat": "3", "raw": "3番（山田花子君）"}),
        # an anonymised speaker has a label and no role unless the source gives one
        ("（Ａ）地域では", "", "A", {"name": "", "role": "", "label": "A", "raw": "（Ａ）"}),
    ],
)
def test_seats_and_labels_are_apart_from_the_name(text, seat, label, as_dict):
    speaker, _ = split_speaker(text)
    assert (speaker.seat, speaker.label, speaker.to_dict()) == (seat, label, as_dict)


@pytest.mark.parametrize(
    "text",
    [
        "今後考慮していくべき点として、消費者",  # the seed's anonymous remarks
        "具体的な意見は６点。",
        "「繋がる」ということが",
        "委員長の発言について",  # a role word that is not followed by a separator
        "東京（本社）から郊外へ",  # brackets without a role
        "（ＥＵ）では電子化が進み",  # an acronym in brackets, not a doubled label
        "議事日程",  # a ○ heading of a council's header
        "議　事　日　程　第１号",  # a heading spaced out, no role
        "資　料　１　について説明",  # spaced out, no role
    ],
)
def test_anonymous_openings_are_not_speakers(text):
    assert split_speaker(text) == (None, text)


@pytest.mark.parametrize(
    ("raw", "convention"),
    [
        (["【page:1】 ---", "1 ", "題", "-------------", "【page:2】 ---"], "markers"),
        (["題", '<PAGE="2">', "○発言"], "markers"),
        (["題", "\f次頁"], "form-feed"),
        (["題", "本文", "- 1 -", "本文", "- 2 -"], "numbers"),
        ([" 題 ", "", "本文", "", " 次頁"], "leading-space"),
        # many single-space indents: indentation, not a page on every paragraph
        ([" 題", " 一", "二", " 三", " 四", " 五"], "none"),
        (["題", "　全角の字下げは頁ではない", "　次の段落"], "none"),
    ],
)
def test_page_convention_is_decided_per_document(raw, convention):
    assert detect_convention(raw) == convention


def pages_of(text):
    return [(l.number, l.text, l.page, l.layout) for l in split_lines(text) if l.text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # markers give the page; the marker, the rule before it and the page number are layout
        ("【page:1】 ---\n1 \n題 \n防\n-------------\n【page:2】 ---\n2 \n 災 \n",
         [(1, "【page:1】 ---", 1, "page-marker"), (2, "1", 1, "page-number"), (3, "題", 1, ""),
          (4, "防", 1, ""), (5, "-------------", 1, "page-marker"),
          (6, "【page:2】 ---", 2, "page-marker"), (7, "2", 2, "page-number"), (8, "災", 2, "")]),
        # footer page numbers: the line after "- 1 -" starts page 2
        ("題\n本文\n- 1 -\n続き\n- 2 -\n",
         [(1, "題", 1, ""), (2, "本文", 1, ""), (3, "- 1 -", 1, "page-number"), (4, "続き", 2, ""),
          (5, "- 2 -", 2, "page-number")]),
        # a rule that is no page end is a separator
        ("○甲\n　―――――――\n○乙\n",
         [(1, "○甲", 1, ""), (2, "―――――――", 1, "separator"), (3, "○乙", 1, "")]),
        # a bare number that is not the page number stays text
        ("\f題\n3\n\f次\n2\n",
         [(1, "題", 1, ""), (2, "3", 1, ""), (3, "次", 2, ""), (4, "2", 2, "page-number")]),
    ],
)
def test_pages_and_layout_lines(text, expected):
    assert pages_of(text) == expected


def test_page_marker_does_not_break_a_paragraph():
    paragraphs = split_paragraphs(split_lines("【page:1】 ---\n○共有する防\n-------------\n【page:2】 ---\n2 \n 災の取組。 \n"))
    assert [(p.text, p.page) for p in paragraphs] == [("○共有する防災の取組。", 1)]


@pytest.mark.parametrize(
    ("text", "aside"),
    [
        ("（報道関係者入室）", True),
        ("（「異議なし」と声あり）", True),
        ("〔｢異議なし」と呼ぶ者あり〕", True),
        ("〔市長　櫻田　宏　登壇〕", True),
        ("午前11時58分　休憩", True),
        ("〇午後２時３７分休憩", True),  # an assembly's time stamp under a turn marker
        ("〇午後２時５０分開議", True),
        ("○休憩中に協議しました。", False),
        ("（午後１時　再開）", True),
        ("（１）その他", False),
        ("（注）詳細は資料１。", False),
        ("（個別最適）社会」になって", False),
    ],
)
def test_asides(text, aside):
    assert is_aside(text) is aside


@pytest.mark.parametrize(
    ("text", "closing"),
    [("以上", True), ("－了－", True), ("午前10時31分　散会", True), ("散会", True),
     ("午後３時閉会", True), ("〇午後３時５１分散会", True), ("以上です。", False), ("本日は、これをもって散会いたします。", False)],
)
def test_closing_lines(text, closing):
    assert is_closing(text) is closing


def document_of(text):
    return build_document(split_paragraphs(split_lines(text)), "t.txt")


def test_council_heading_before_named_turns_is_header_and_inner_ijo_is_text():
    document = document_of(
        "開催日：令和5年2月17日\n○議事日程\n第１　会期の決定\n○議長（清野一榮議員）　開会します。\n"
        "○事務局長（佐藤記一）　（朗読）\n報告は２件。\n以上\n○議長（清野一榮議員）　散会します。\n"
        "　　〔「異議なし」と呼ぶ者あり〕\n午前10時31分　散会\n"
    )
    assert [p.text for p in document.header][-2:] == ["○議事日程", "第１　会期の決定"]
    assert [r.text for r in document.remarks] == ["開会します。", "（朗読）\n報告は２件。\n以上", "散会します。"]
    assert [(n.line, n.text) for n in document.remarks[-1].notes] == [(9, "〔「異議なし」と呼ぶ者あり〕")]
    assert [p.text for p in document.closing] == ["午前10時31分　散会"]


def test_unrecognised_turn_in_a_named_document_warns():
    document = document_of("題\n○山田委員　一。\n○佐藤委員　二。\n○発言者不明の発言。\n")
    assert [r.speaker is None for r in document.remarks] == [False, False, True]
    assert [w.line for w in document.warnings] == [4]


def test_anonymous_document_has_no_speakers():
    # One remark opening like a speaker does not make a 議事要旨 named.
    document = document_of("題\n○事務局　資料を説明。\n○地域の課題について。\n○人材について。\n")
    assert [r.speaker for r in document.remarks] == [None, None, None]
    assert document.remarks[0].text == "事務局　資料を説明。"


def paragraphs(*texts):
    return [Paragraph(Span(n, n + 1), 1, t) for n, t in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日時：2021年6月1日", ("date", "日時", "", "2021年6月1日")),
        ("１ 開催日時", ("date", "開催日時", "#", "")),
        ("第１　日　時　　令和６年８月２１日", ("date", "日時", "第#", "令和６年８月２１日")),
        ("開催日：令和 5年 2月17日", ("date", "開催日", "", "令和 5年 2月17日")),
        ("○議事日程", ("agenda", "議事日程", "○", "")),
        ("〇出席議員（２６人）", ("attendees", "出席議員", "〇", "")),  # U+3007, as DiscussNet
        ("〇欠席議員（１人）", ("other", "欠席議員", "〇", "")),
        ("出席議員（25名）", ("attendees", "出席議員", "", "")),
        ("地方自治法第121条による出席者", ("attendees", "地方自治法第121条による出席者", "", "")),
        ("２．議 事", ("other", "議事", "#.", "")),
        ("日時の変更について", None),
    ],
)
def test_section_labels(text, expected):
    assert section_label(text) == expected


@pytest.mark.parametrize(
    ("line", "group", "expected"),
    [
        ("松原座長、井口委員", "委員", [Attendee("松原", "座長", "委員"), Attendee("井口", "委員", "委員")]),
        ("幹事：渡辺英生、新谷哲", "出席者", [Attendee("渡辺英生", "幹事", "幹事"), Attendee("新谷哲", "幹事", "幹事")]),
        ("関係官：原悠介", "出席者", [Attendee("原悠介", "関係官", "関係官")]),
        ("事務局：経済政策課", "委員", [Attendee("経済政策課", "", "事務局")]),
        ("１番　　樋　川　篤　子　議員", "議員", [Attendee("樋川篤子", "議員", "議員", seat="1")]),
        ("市長　　　　櫻　田　　　宏", "x", [Attendee("櫻田宏", "市長", "x")]),
        ("健康こども部長　一　戸　ひとみ", "x", [Attendee("一戸ひとみ", "健康こども部長", "x")]),
        # the group heading as the source writes it; a group that is not a role invents none
        ("委　員：　山田太郎（部会長）、佐　藤　花　子", "出席者",
         [Attendee("山田太郎", "部会長", "委員"), Attendee("佐藤花子", "委員", "委員")]),
        ("（幹事）", "委員", []),
        ("法務省民事局：　金子修局長、堂薗幹一郎審議官", "出席者",
         [Attendee("金子修", "局長", "法務省民事局"), Attendee("堂薗幹一郎", "審議官", "法務省民事局")]),
        # a surname before a list is a name, not a group
        ("山田　太郎、佐藤　花子", "委員", [Attendee("山田太郎", "委員", "委員"), Attendee("佐藤花子", "委員", "委員")]),
        # notes are kept apart from the name
        ("高　橋　次　郎【代理出席】、鈴木一郎（オンライン出席）", "委員",
         [Attendee("高橋次郎", "委員", "委員", "代理出席"), Attendee("鈴木一郎", "委員", "委員", "オンライン出席")]),
        # numbered lists in columns, letter-spaced: the seat is not part of the name
        ("　１番　後　藤　さちこ　　　　２番　　細　貝　　　悠　　　　３番　木　村　あきひろ", "議員",
         [Attendee("後藤さちこ", "議員", "議員", seat="1"), Attendee("細貝悠", "議員", "議員", seat="2"),
          Attendee("木村あきひろ", "議員", "議員", seat="3")]),
        ("　　１０番　金　井　ひろし　　　１１番　　橋　本　しょうへい", "議員",
         [Attendee("金井ひろし", "議員", "議員", seat="10"), Attendee("橋本しょうへい", "議員", "議員", seat="11")]),
        # role-name columns, a role letter-spaced, a name spaced to the column width
        ("　区　長　　　　　　　　　青　木　英　二　　副区長　　　　　　　　荒　牧　広　志", "説明員",
         [Attendee("青木英二", "区長", "説明員"), Attendee("荒牧広志", "副区長", "説明員")]),
        ("　選挙管理委員会事務局長　落　合　　　勝　　代表監査委員　　　　　秋　丸　俊　彦", "説明員",
         [Attendee("落合勝", "選挙管理委員会事務局長", "説明員"), Attendee("秋丸俊彦", "代表監査委員", "説明員")]),
        ("６　区議会事務局", "説明員", []),
    ],
)
def test_attendee_lines(line, group, expected):
    assert read_attendee_line(line, group).attendees == expected


@pytest.mark.parametrize(
    ("line", "group", "documents"),
    [
        ("資料１　部会資料１", "出席者", ["資料１部会資料１"]),
        ("山田太郎、報告書（案）", "委員", ["報告書（案）"]),
        ("山田太郎、佐藤花子", "委員", []),
    ],
)
def test_document_titles_are_not_attendees(line, group, documents):
    read = read_attendee_line(line, group)
    assert read.documents == documents and all(a.name not in documents for a in read.attendees)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # groups spread over lines, headings alone or before names; a handout list ends it
        (["出席者", "委員：", "　山田太郎（部会長）、佐藤花子、", "　鈴　木　一　郎【代理出席】",
          "幹事：　渡辺英生", "　新谷哲", "関係官：　原悠介", "配付資料", "資料１　要綱案"],
         [("山田太郎", "部会長", "委員", ""), ("佐藤花子", "委員", "委員", ""),
          ("鈴木一郎", "委員", "委員", "代理出席"), ("渡辺英生", "幹事", "幹事", ""),
          ("新谷哲", "幹事", "幹事", ""), ("原悠介", "関係官", "関係官", "")]),
        # bracketed headings; an agency's staff with their own titles
        (["３ 出席者", "（構成員）", "岸　田　文　雄　内閣総理大臣", "（経済産業省）", "経済産業政策局長　飯田祐二",
          "（配付資料）", "資料１　説明資料"],
         [("岸田文雄", "内閣総理大臣", "構成員", ""), ("飯田祐二", "経済産業政策局長", "経済産業省", "")]),
        # council columns: a role note in brackets under its column is not a person
        (["５　出席説明員", "　　区　長　　　　　青　木　英　二", "　　健康福祉部長　　保　坂　春　彦",
          "　　　　　　　　　　（福祉事務所長）", "６　区議会事務局", "　　局長　　　　松　下　健　治"],
         [("青木英二", "区長", "説明員", ""), ("保坂春彦", "健康福祉部長", "説明員", ""),
          ("松下健治", "局長", "区議会事務局", "")]),
    ],
)
def test_attendance_blocks(header, expected):
    fields = parse_header(paragraphs("テスト部会　第１回会議　議事録", "日時：令和６年８月２１日", *header), "t.txt")
    assert [(a.name, a.role, a.group, a.note) for a in fields.attendees] == expected
    assert fields.warnings == []


def test_a_handout_under_the_attendees_is_a_warning():
    fields = parse_header(paragraphs("会議　議事録", "日時：令和６年８月２１日", "出席者",
                                     "委員：山田太郎、佐藤花子", "資料２－１　要綱案の概要"), "t.txt")
    assert [a.name for a in fields.attendees] == ["山田太郎", "佐藤花子"]
    assert [(w.line, "資料２－１" in w.message, bool(w.hint)) for w in fields.warnings] == [(5, True, True)]


def test_numbered_header_with_values_on_next_lines():
    fields = parse_header(paragraphs(
        "第４回テスト会議  議事録", "１ 開催日時", "令和５年６月６日（火）８：４５～８：５５", "２ 場所",
        "官邸２階", "３ 議事次第", "１．開 会", "２．議 事", "（１）計画について", "３．閉 会", "４ 資料", "資料１",
    ), "t.txt")
    assert (fields.title, fields.kind, fields.number) == ("第４回テスト会議", "議事録", 4)
    assert (fields.date, fields.start, fields.end, fields.venue) == ("2023-06-06", "08:45", "08:55", "官邸２階")
    assert fields.agenda == ("１．開 会", "２．議 事", "（１）計画について", "３．閉 会")


def test_time_range_across_lines_and_multi_line_title():
    fields = parse_header(paragraphs(
        "法制審議会", "テスト部会", "第１６回会議　議事録", "第１　日　時　　令和元年８月２１日（水）自　午後１時３０分",
        "至　午後２時３７分", "第２　場　所　　法務省", "第３　議　題　　要綱案",
    ), "t.txt")
    assert (fields.title, fields.number, fields.date) == ("法制審議会 テスト部会 第１６回会議", 16, "2019-08-21")
    assert (fields.start, fields.end, fields.venue, fields.agenda) == ("13:30", "14:37", "法務省", ("要綱案",))


@pytest.mark.parametrize(
    ("lines", "title", "kind"),
    [
        # the kind ends the title line: it is the kind, not part of the title
        (["法制審議会", "テスト部会", "第１６回会議　議事録"], "法制審議会 テスト部会 第１６回会議", "議事録"),
        (["第４回テスト会議  議 事 録"], "第４回テスト会議", "議事録"),
        (["テスト研究会（第６回）", "議事要旨"], "テスト研究会（第６回）", "議事要旨"),
        (["議事録"], "", "議事録"),
        # an assembly's record: the kind inside the title line; the date line ends the title
        (["令和６年第１回テスト市議会定例会会議録　第２号", "令和６年３月４日（月曜日）　午前１０時開議"],
         "令和６年第１回テスト市議会定例会会議録　第２号", "会議録"),
    ],
)
def test_title_does_not_repeat_the_kind(lines, title, kind):
    fields = parse_header(paragraphs(*lines, "日時：令和６年８月２１日"), "t.txt")
    assert (fields.title, fields.kind) == (title, kind)


def test_session_number_is_not_a_meeting_number_and_times_come_from_stamps():
    fields = parse_header(
        paragraphs("開催日：令和 5年 2月17日", "会議名：令和 5年第1回定例会（第1号 2月17日）", "午前10時00分　開会"),
        "t.txt", closing=paragraphs("午前10時31分　散会"),
    )
    assert (fields.title, fields.number) == ("令和 5年第1回定例会（第1号 2月17日）", None)
    assert (fields.start, fields.end) == ("10:00", "10:31")


def test_agenda_skips_dates_and_unnumbered_lines():
    assert agenda(paragraphs("○議事日程", "議事日程（第１号）　令和５年２月17日", "午前10時　開議",
                             "第１　指名", "議案第２号　予算", "本日の会議に付した事件", "第９　外")) == (
        "第１　指名", "議案第２号　予算")
