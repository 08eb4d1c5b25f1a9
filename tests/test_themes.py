"""Theme lexicon, morpheme matching, evidence offsets and hand overrides (gijiroku.annotate.themes)."""

from __future__ import annotations

import pytest

from gijiroku.annotate.lexicon import Subject, load_lexicon
from gijiroku.annotate.overrides import apply_overrides, load_overrides
from gijiroku.annotate.themes import Tagger, default_tagger
from gijiroku.annotate.tokenizer import lemma_keys, morphemes
from gijiroku.model import ThemeTag

# A lexicon written for these tests, so that they do not depend on the editable seed lexicon.
TEST_LEXICON = """\
scoring: {strong: 1.0, weak: 0.5, threshold: 1.0, window: 20}
procedural: {max_length: 40, phrases: [を議題とします]}
accounting_lines: {min_terms: 2, phrases: [歳入歳出予算の総額]}
themes:
  - id: resilience
    name: {ja: 強靭, en: resilience}
    description: {ja: 強靭さ。, en: Resilience.}
    terms: [強靭, 繋がる, 社]
  - id: dx
    name: {ja: DX, en: DX}
    description: {ja: デジタル。, en: Digital.}
    terms: [ＤＸ, デジタル人材]
  - id: talent
    name: {ja: 人材, en: talent}
    description: {ja: 人材。, en: Talent.}
    terms: [人材, 高度人材, デジタル人材]
  - id: finance
    name: {ja: 地域金融, en: regional finance}
    description: {ja: 金融。, en: Finance.}
    terms: [地域金融機関, 金融機関]
  - id: school
    name: {ja: 教育, en: school}
    description: {ja: 教育。, en: School.}
    terms: [キャリア教育]
    weak: [教育, 大学, 研修]
    other_senses: [教育委員会, 大学教授]
"""


@pytest.fixture(scope="module")
def tagger(tmp_path_factory) -> Tagger:
    path = tmp_path_factory.mktemp("lexicon") / "themes.yml"
    path.write_text(TEST_LEXICON, encoding="utf-8")
    return Tagger(load_lexicon(path))


def summary(tags: list[ThemeTag], text: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(theme, origin, [(term, matched surface)]) — the surface read back through the offsets."""
    return [(t.theme, t.origin, [(e["term"], text[e["start"]:e["end"]]) for e in t.evidence])
            for t in tags]


# --- the packaged lexicon ----------------------------------------------------------------------

def test_packaged_lexicon_has_the_five_themes():
    lexicon = load_lexicon()
    assert lexicon.ids() == ["dx", "talent", "universities", "regional-finance", "decentralization"]
    names = {t.id: (t.name_ja, t.name_en) for t in lexicon.themes}
    assert names == {
        "dx": ("DX", "DX"),
        "talent": ("人材", "talent"),
        "universities": ("大学・研究機関", "universities and research institutes"),
        "regional-finance": ("地域金融", "regional finance"),
        "decentralization": ("分散型社会", "decentralization"),
    }
    assert all(t.description_ja and t.description_en and t.terms for t in lexicon.themes)


PACKAGED_LEXICON = load_lexicon()
PACKAGED_TERMS = [
    (theme.id, term, weight)
    for theme in PACKAGED_LEXICON.themes
    for terms, weight in ((theme.terms, PACKAGED_LEXICON.scoring.strong),
                          (theme.weak, PACKAGED_LEXICON.scoring.weak),
                          (theme.other_senses, PACKAGED_LEXICON.scoring.other_senses),
                          (theme.subject_terms, PACKAGED_LEXICON.scoring.weak))
    for term in terms
]


@pytest.mark.parametrize(("theme", "term", "weight"), PACKAGED_TERMS)
def test_every_packaged_term_is_found_in_running_text(theme, term, weight):
    # A term that tokenises differently in a sentence than alone could never match.
    matches = default_tagger().matches(f"これは{term}です。")
    assert (term, 3, 3 + len(term), theme, weight) in [
        (m.term, m.start, m.end, m.theme, m.weight) for m in matches]


def test_packaged_scoring_lets_strong_terms_tag_alone_and_weak_ones_not():
    scoring = PACKAGED_LEXICON.scoring
    assert scoring.weak < scoring.threshold <= scoring.strong
    assert 2 * scoring.weak >= scoring.threshold  # two different weak terms support each other


# --- matching --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("variant", "canonical", "theme"),
    [
        ("強靱な地域", "強靭な地域", "resilience"),
        ("DXの推進", "ＤＸの推進", "dx"),
        ("ｄｘの推進", "ＤＸの推進", "dx"),
        ("人とつながる", "人と繋がる", "resilience"),
        ("人とつながった", "人と繋がる", "resilience"),  # inflected form: same lemma
    ],
)
def test_spelling_variants_match_the_same_term(tagger, variant, canonical, theme):
    for text in (variant, canonical):
        tags = tagger.tag(text)
        assert [t.theme for t in tags] == [theme]
        (hit,) = tags[0].evidence
        assert text[hit["start"]:hit["end"]] in variant + canonical  # the surface as written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # compounds match on morpheme boundaries; the longest term wins
        ("地域金融機関が支える", [("finance", "auto", [("地域金融機関", "地域金融機関")])]),
        ("高度人材を育てる", [("talent", "auto", [("高度人材", "高度人材")])]),
        ("ワーカー人材", [("talent", "auto", [("人材", "人材")])]),
        # a term listed under two themes tags both
        ("デジタル人材の確保", [("dx", "auto", [("デジタル人材", "デジタル人材")]),
                          ("talent", "auto", [("デジタル人材", "デジタル人材")])]),
        # a substring inside one morpheme is not a match: 社 is not a morpheme of 会社
        ("会社の話", []),
        ("社に戻る", [("resilience", "auto", [("社", "社")])]),
        # tags come in lexicon order, evidence in text order
        ("人材とＤＸと強靭と人材", [("resilience", "auto", [("強靭", "強靭")]),
                            ("dx", "auto", [("ＤＸ", "ＤＸ")]),
                            ("talent", "auto", [("人材", "人材"), ("人材", "人材")])]),
        ("", []),
        ("関係のない文。", []),
    ],
)
def test_tag(tagger, text, expected):
    assert summary(tagger.tag(text), text) == expected


def scored(tags: list[ThemeTag], text: str) -> list[tuple[str, float, list[tuple[str, str, float]]]]:
    """(theme, score, [(term, matched surface, weight)]) of each tag."""
    return [(t.theme, t.score, [(e["term"], text[e["start"]:e["end"]], e["weight"]) for e in t.evidence])
            for t in tags]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weak term alone does not tag, however often it is repeated
        ("教育の話。", []),
        ("教育、教育、教育。", []),
        # two different weak terms support each other
        ("教育と研修。", [("school", 1.0, [("教育", "教育", 0.5), ("研修", "研修", 0.5)])]),
        ("研修と大学と教育。", [("school", 1.5, [("研修", "研修", 0.5), ("大学", "大学", 0.5),
                                               ("教育", "教育", 0.5)])]),
        # a strong term tags alone; the longest term wins (キャリア教育, not 教育)
        ("キャリア教育。", [("school", 1.0, [("キャリア教育", "キャリア教育", 1.0)])]),
        # a compound in another sense takes the weak word's place and weighs nothing
        ("教育委員会と研修。", []),
        ("立教大学教授の研修。", []),
        ("教育委員会の研修と教育。", [("school", 1.0, [("研修", "研修", 0.5), ("教育", "教育", 0.5)])]),
        # PDF text with a space between glyphs; the evidence spans the spaced original
        ("キ ャ リ ア 教 育 の 話", [("school", 1.0, [("キャリア教育", "キ ャ リ ア 教 育", 1.0)])]),
        ("人 材 と\n金融 機関", [("talent", 1.0, [("人材", "人 材", 1.0)]),
                              ("finance", 1.0, [("金融機関", "金融 機関", 1.0)])]),
        # support must be near: within the window (20 characters here) of the weak term
        ("教育。" + "あ" * 30 + "研修。", []),
        ("教育。" + "あ" * 14 + "研修。", [("school", 1.0, [("教育", "教育", 0.5), ("研修", "研修", 0.5)])]),
        # an unsupported weak match is not evidence, even when a strong term tags the theme
        ("キャリア教育。" + "あ" * 30 + "研修。", [("school", 1.0, [("キャリア教育", "キャリア教育", 1.0)])]),
        # a short procedural turn has no theme; a long one is labelled on its words
        ("日程第２ キャリア教育条例案を議題とします。", []),
        ("キャリア教育条例案を議題とします。" + "あ" * 30, [("school", 1.0, [("キャリア教育", "キャリア教育", 1.0)])]),
    ],
)
def test_weak_terms_need_support_and_other_senses_block(tagger, text, expected):
    assert scored(tagger.tag(text), text) == expected


BUDGET = "既定の歳入歳出予算の総額に１００万円を追加します。\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a budget explanation: one accounting line naming a measure is a passing mention
        (BUDGET + "１０款の人材確保事業費に５万円を追加します。", []),
        # the same term read again (歳出 line, then 歳入 line) is still one line's measure
        (BUDGET + "人材確保事業費に５万円を追加します。\n人材確保事業補助金を受け入れます。", []),
        # two different terms in one sentence: one line
        (BUDGET + "高度人材と金融機関の人材の事業費であります。", []),
        # two different terms in two sentences: the speaker dwells on the measure
        (BUDGET + "高度人材の事業費であります。\n地元の人材を雇います。",
         [("talent", 2.0, [("高度人材", "高度人材", 1.0), ("人材", "人材", 1.0)])]),
        # a line break ends a sentence as 。 does
        (BUDGET + "高度人材の事業費\n地元の人材を雇います",
         [("talent", 2.0, [("高度人材", "高度人材", 1.0), ("人材", "人材", 1.0)])]),
        # the same lines outside a budget explanation tag as usual
        ("１０款の人材確保事業費に５万円を追加します。", [("talent", 1.0, [("人材", "人材", 1.0)])]),
    ],
)
def test_budget_explanation_lines_are_passing_mentions(tagger, text, expected):
    assert scored(tagger.tag(text), text) == expected


# Rules of the packaged lexicon, stated as text -> themes (see the comments in themes.yml).
@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # budget explanations (accounting_lines): one line per measure is passing
        ("既定の歳入歳出予算の総額に歳入歳出それぞれ６億円を追加します。\n"
         "１０節需用費のタブレット端末修繕料を増額します。\n"
         "２２節償還金に移住支援金の返還金を計上します。\n"
         "商工業振興資金利子補給金を増額します。", []),
        ("既定の歳入歳出予算の総額に２５４万円を追加します。\n社会保障・税番号制度システム"
         "整備費補助金は、マイナンバーカードと健康保険証の一体化の周知広報に係る補助金です。", []),
        # ... but a measure explained over several sentences keeps its theme
        ("既定の歳入歳出予算の総額に２５４万円を追加します。\n基幹系システムをクラウドに移行します。"
         "\nこれにより窓口の電子申請も可能になります。", ["dx"]),
        # a policy speech giving the budget's size is not a budget explanation
        ("一般会計の予算は歳入歳出それぞれ５００億円です。\n全児童にＡＩドリルを導入します。", ["dx"]),
        # the electronic record's vocabulary: control (支配) and uniqueness with a digital term
        ("システム上で記録の支配を移転する仕組みが要ります。", ["dx"]),
        ("記録の唯一性をプラットフォームが担保できるかが問題です。", ["dx"]),
        ("単一性と支配の要件を満たす記録。", ["dx"]),
        # ... alone they are another control, another uniqueness
        ("会社の支配権が移転します。", []),
        ("実効支配が続いている。", []),
        ("この作品の唯一性は高い。", []),
        # cybersecurity in its own words; セキュリティ alone may guard a building
        ("庁舎へのサイバー攻撃に備えます。", ["dx"]),
        ("不正アクセスを防ぐ対策。", ["dx"]),
        ("記録がハッキングされる危険。", ["dx"]),
        ("情報セキュリティポリシーを改定します。", ["dx"]),
        ("システムのセキュリティを高めます。", ["dx"]),
        ("防犯カメラで庁舎のセキュリティを高めます。", []),
        # the law of electronic records: functional equivalence, technological neutrality,
        # platforms and the electronic B/L as practitioners write them
        ("電子記録に紙と機能的同等の効力を与える。", ["dx"]),
        ("技術的中立性を保つ規定。", ["dx"]),
        ("essDOCS や BOLERO の規約では。", ["dx"]),
        ("e-B/L の裏面約款。", ["dx"]),
        # documents and acts in electronic form; exclusive control of a record
        ("電子裏書の効力を定める。", ["dx"]),
        ("電子倉荷証券も対象とする。", ["dx"]),
        ("記録に排他的な支配を及ぼす。", ["dx"]),
        ("電子の方が便利です。", []),
        # paper named as a medium is paper contrasted with the electronic form
        ("紙の船荷証券を利用する理由。", ["dx"]),
        ("紙媒体でなければならないという縛り。", ["dx"]),
        # ... a paper B/L alone is not
        ("船荷証券の所持人が運送品を受け取る。", []),
        # subject terms outside a meeting on the theme are weak: alone they do not tag
        ("システムの信頼性を誰が判断するのか。", ["dx"]),
        ("認証機関が判断する。", []),
        ("既存のシステムが優れている。", []),
        # a care system is not a digital one: it does not support a weak term
        ("地域包括ケアシステムのネットワークを広げます。", []),
        ("庁内システムのネットワークを広げます。", ["dx"]),
        # listing the papers handed out, or calling on someone to explain one, runs the meeting
        ("配布資料について御説明いたします。参考資料「ＭＬＥＴＲ対照表」の３点でございます。", []),
        ("次に「電子化の論点」について、●からご説明いただければと思います。", []),
        # training a municipality's staff is talent; founding a university is universities
        ("運営に当たる職員の育成が大事だと思います。", ["talent"]),
        ("看護系大学等の設置可能性について検討します。", ["universities"]),
        ("大学の授業料を支援します。", []),
        # デジタル田園都市国家構想 about the regions' problems is regional revitalisation
        ("デジタル田園都市国家構想を通じて地方の社会課題の解決を進めます。", ["decentralization"]),
        # ... a mere mention, or the regions' problems without it, is not
        ("デジタル田園都市国家構想の展開など。", []),
        ("地方の社会課題を話し合います。", []),
        ("デジタル田園都市国家構想で地方の課題を話し合います。", []),
    ],
)
def test_packaged_lexicon_rules(text, themes):
    assert [tag.theme for tag in default_tagger().tag(text)] == themes


def test_generative_ai_in_latin_letters_stays_two_words():
    text = "generative AI の活用"
    (tag,) = [t for t in default_tagger().tag(text) if t.theme == "dx"]
    assert [(e["term"], text[e["start"]:e["end"]]) for e in tag.evidence] == [("ＡＩ", "AI")]


@pytest.mark.parametrize(
    "text",
    [
        "前の段落。\n地域金融機関と DX。\nslackは 2013年に人材を",
        "  先頭に空白\n\n  ＤＸ  と  強靱  ",
        "「ＤＸ」（強靱）、人材。\n",
    ],
)
def test_offsets_index_the_original_text(tagger, text):
    tags = tagger.tag(text)
    assert tags
    for tag in tags:
        for hit in tag.evidence:
            surface = text[hit["start"]:hit["end"]]
            assert surface and "\n" not in surface and surface == surface.strip()
    assert all(text[m.start:m.end] == m.surface for m in morphemes(text))


def test_the_process_loads_one_tagger():
    assert default_tagger() is default_tagger()


# --- lexicon validation --------------------------------------------------------------------------

GOOD_THEME = "  - id: dx\n    name: {ja: DX, en: DX}\n    description: {ja: ア, en: a}\n    terms: [ＤＸ]\n"


def load_error(load, path, content, problem, line) -> str:
    """The error ``load`` raises for ``path`` holding ``content``: it names the problem, the
    file and, when known, the line."""
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        load(path)
    message = str(caught.value)
    assert problem in message
    assert message.startswith(f"{path}:{line}: error:" if line else f"{path}: error:")
    return message


@pytest.mark.parametrize(
    ("content", "problem", "line"),
    [
        ("themes: [\n", "invalid YAML", 2),
        ("foo: 1\n", "no `themes:` list", None),
        ("themes: []\n", "no `themes:` list", None),
        ("themes:\n  - id: Bad_Id\n    name: {ja: a, en: a}\n", "has id 'Bad_Id'", 2),
        ("themes:\n" + GOOD_THEME + GOOD_THEME, "appears twice", 6),
        ("themes:\n  - id: dx\n    name: {ja: DX}\n    description: {ja: a, en: a}\n    terms: [a]\n",
         "needs `name` with non-empty `ja` and `en`", 2),
        ("themes:\n  - id: dx\n    name: {ja: a, en: a}\n    description: {ja: a, en: a}\n    terms: []\n",
         "non-empty `terms` list", 2),
        ("themes:\n  - id: dx\n    name: {ja: a, en: a}\n    description: {ja: a, en: a}\n"
         "    terms: [ＤＸ, ＤＸ]\n", "lists ＤＸ more than once", 2),
        ("themes:\n  - id: dx\n    name: {ja: a, en: a}\n    description: {ja: a, en: a}\n"
         "    terms: [a]\n    colour: red\n", "unknown keys: colour", 2),
        ("themes:\n  - id: dx\n    name: {ja: a, en: a}\n    description: {ja: a, en: a}\n"
         "    terms: [ＤＸ]\n    weak: [ＤＸ]\n", "lists ＤＸ more than once", 2),
        ("themes:\n  - id: dx\n    name: {ja: a, en: a}\n    description: {ja: a, en: a}\n"
         "    terms: [ＤＸ]\n    weak: データ\n", "`weak` must be a list", 2),
        ("scoring: {strong: 1, weak: 1, threshold: 1, window: 9}\nthemes:\n" + GOOD_THEME,
         "0 < weak < threshold <= strong, window > 0", 1),
        ("scoring: {strong: 1, weak: 0.5, threshold: 1, window: 0}\nthemes:\n" + GOOD_THEME,
         "0 < weak < threshold <= strong, window > 0", 1),
        ("scoring: {strong: 1, weak: 0.5}\nthemes:\n" + GOOD_THEME,
         "`scoring` needs numbers strong, weak, threshold and window", 1),
        ("procedural: {phrases: [を議題とします]}\nthemes:\n" + GOOD_THEME,
         "`procedural` needs `phrases`", 1),
        ("accounting_lines: {phrases: [歳入歳出予算の総額], min_terms: 1}\nthemes:\n" + GOOD_THEME,
         "`accounting_lines` needs `phrases`", 1),
        ("accounting_lines: {phrases: 歳入歳出予算の総額, min_terms: 2}\nthemes:\n" + GOOD_THEME,
         "`accounting_lines` needs `phrases`", 1),
        ("subject: {share: 0, lead: 2, min_turns: 10}\nthemes:\n" + GOOD_THEME, "`subject` needs", 1),
        ("subject: {share: 0.5, lead: 0.5, min_turns: 10}\nthemes:\n" + GOOD_THEME, "`subject` needs", 1),
        ("subject: {share: 0.5, min_turns: 10}\nthemes:\n" + GOOD_THEME, "`subject` needs", 1),
        ("themes:\n  - id: dx\n    name: {ja: a, en: a}\n    description: {ja: a, en: a}\n"
         "    terms: [ＤＸ]\n    weak: [データ]\n    subject_terms: [データ]\n",
         "lists データ more than once", 2),
    ],
)
def test_lexicon_errors_name_file_line_and_problem(tmp_path, content, problem, line):
    message = load_error(load_lexicon, tmp_path / "themes.yml", content, problem, line)
    assert "hint:" in message


def test_two_spellings_of_one_term_are_rejected(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text(GOOD_THEME.replace("[ＤＸ]", "[ＤＸ, DX]").join(["themes:\n", ""]), encoding="utf-8")
    with pytest.raises(ValueError, match="'ＤＸ' and 'DX' of 'dx' are the same after normalisation"):
        Tagger(load_lexicon(path))


# --- overrides -------------------------------------------------------------------------------

AUTO_DX = ThemeTag("dx", "auto", [{"term": "ＤＸ", "start": 0, "end": 2}])
AUTO_TALENT = ThemeTag("talent", "auto", [{"term": "人材", "start": 3, "end": 5}])


@pytest.mark.parametrize(
    ("tags", "add", "remove", "expected"),
    [
        ([AUTO_DX], ["talent"], [], [AUTO_DX, ThemeTag("talent", "manual", [])]),
        ([AUTO_DX, AUTO_TALENT], [], ["dx"], [AUTO_TALENT]),
        ([AUTO_DX], ["talent"], ["dx"], [ThemeTag("talent", "manual", [])]),
        ([AUTO_DX], ["dx"], [], [AUTO_DX]),  # already found: keeps its evidence
        ([], [], ["dx"], []),
        ([AUTO_DX], [], [], [AUTO_DX]),
    ],
)
def test_apply_overrides(tags, add, remove, expected):
    assert apply_overrides(tags, add, remove) == expected


def test_load_overrides(tmp_path):
    path = tmp_path / "06.themes.yml"
    path.write_text(
        "overrides:\n"
        "  sr06-04: {add: [talent], remove: [dx], note: 容器の発言}\n"
        "  sr06-07:\n    remove: [dx]\n",
        encoding="utf-8",
    )
    assert load_overrides(path) == {
        "sr06-04": {"add": ["talent"], "remove": ["dx"], "note": "容器の発言"},
        "sr06-07": {"add": [], "remove": ["dx"], "note": ""},
    }


def test_absent_overrides_file_means_no_overrides(tmp_path):
    assert load_overrides(tmp_path / "06.themes.yml") == {}


@pytest.mark.parametrize(
    ("content", "problem", "line"),
    [
        ("overrides:\n  sr06-04: {add: [talnet]}\n", "sr06-04: unknown theme 'talnet' in `add`", 2),
        ("overrides:\n  sr06-01: {}\n  sr06-04: {remove: [dxx]}\n", "unknown theme 'dxx' in `remove`", 3),
        ("overrides:\n  sr06-04: {add: [dx], remove: [dx]}\n", "dx is both added and removed", 2),
        ("overrides:\n  sr06-04: {add: dx}\n", "`add` must be a list", 2),
        ("overrides:\n  sr06-04: {ad: [dx]}\n", "expected a mapping with add, remove, note", 2),
        ("sr06-04: {add: [dx]}\n", "expected a single `overrides:` mapping", None),
        ("overrides:\n  sr06-04: {add: [dx]\n", "invalid YAML", 3),
    ],
)
def test_override_errors_name_file_line_and_fix(tmp_path, content, problem, line):
    message = load_error(load_overrides, tmp_path / "06.themes.yml", content, problem, line)
    if "unknown theme" in message:
        assert "use one of dx, talent, universities, regional-finance, decentralization" in message


@pytest.mark.parametrize(
    "text",
    [
        "ＤＸを繋ぐ salesforceに\nつながる、「a,b」 DX",
        'a,b，c、"d"「e」 ＂x＂ 1,000円。',
        "強靱な地域経済社会。\n\n  slackは 2013年に 277億ドル",
        "",
    ],
)
def test_fast_path_agrees_with_morphemes(text):
    keys, surfaces, _ = lemma_keys(text)
    tokens = morphemes(text)
    assert keys == [m.key for m in tokens]
    assert surfaces == [m.surface for m in tokens]


# --- a meeting's subject ----------------------------------------------------------------------

MEETING_LEXICON = """\
scoring: {strong: 1.0, weak: 0.5, threshold: 1.0, window: 20}
subject: {share: 0.25, lead: 2, min_turns: 4}
themes:
  - id: dx
    name: {ja: DX, en: DX}
    description: {ja: デジタル。, en: Digital.}
    terms: [電子記録]
    weak: [データ]
    subject_terms: [システム]
  - id: talent
    name: {ja: 人材, en: talent}
    description: {ja: 人材。, en: Talent.}
    terms: [人材]
"""

ON_RECORDS = "電子記録の話。"  # a turn with a strong dx term
PLAIN = "ありがとうございました。"


@pytest.fixture(scope="module")
def meeting_tagger(tmp_path_factory) -> Tagger:
    path = tmp_path_factory.mktemp("meeting") / "themes.yml"
    path.write_text(MEETING_LEXICON, encoding="utf-8")
    return Tagger(load_lexicon(path))


def themes_of(tags: list[list[list[ThemeTag]]]) -> list[list[list[str]]]:
    return [[[tag.theme for tag in unit] for unit in turn] for turn in tags]


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        # dx on 2 of 4 turns, no other theme: the subject; システム alone then tags dx
        ([[ON_RECORDS], [ON_RECORDS], [PLAIN], ["システムの話。"]],
         [[["dx"]], [["dx"]], [[]], [["dx"]]]),
        # ... in an item too: a turn is its remark and its items
        ([[ON_RECORDS], [ON_RECORDS], [PLAIN], [PLAIN, "システムの話。"]],
         [[["dx"]], [["dx"]], [[]], [[], ["dx"]]]),
        # a plain weak term stays weak in a meeting on its theme
        ([[ON_RECORDS], [ON_RECORDS], [PLAIN], ["データの話。"]],
         [[["dx"]], [["dx"]], [[]], [[]]]),
        # dx on 1 of 4 turns (share 0.25) but talent on as many: no one subject
        ([[ON_RECORDS], ["人材の話。"], [PLAIN], ["システムの話。"]],
         [[["dx"]], [["talent"]], [[]], [[]]]),
        # dx on 1 of 5 turns: below the share
        ([[ON_RECORDS], [PLAIN], [PLAIN], [PLAIN], ["システムの話。"]],
         [[["dx"]], [[]], [[]], [[]], [[]]]),
        # a meeting of 3 turns is too short to have a subject
        ([[ON_RECORDS], [ON_RECORDS], ["システムの話。"]], [[["dx"]], [["dx"]], [[]]]),
    ],
)
def test_subject_terms_count_alone_in_a_meeting_on_their_theme(meeting_tagger, turns, expected):
    assert themes_of(meeting_tagger.tag_meeting(turns)) == expected


def test_subject_evidence_says_the_rule(meeting_tagger):
    tags = meeting_tagger.tag_meeting([[ON_RECORDS], [ON_RECORDS], [PLAIN], ["システムの話。"]])
    (tag,) = tags[3][0]
    assert (tag.score, tag.evidence) == (
        1.0, [{"term": "システム", "start": 0, "end": 4, "weight": 1.0, "rule": "subject"}])
    # outside such a meeting the same text has no theme, and tag() alone knows no meeting
    assert meeting_tagger.tag("システムの話。") == []
    assert [t.theme for t in meeting_tagger.tag("システムの話。", frozenset({"dx"}))] == ["dx"]


@pytest.mark.parametrize(
    ("counts", "turns", "expected"),
    [
        ({"dx": 5}, 20, {"dx"}),  # a quarter of the turns
        ({"dx": 4}, 20, set()),  # less
        ({"dx": 6, "talent": 3}, 20, {"dx"}),  # twice the next theme
        ({"dx": 6, "talent": 4}, 20, set()),  # a meeting on two themes
        ({"dx": 3}, 3, set()),  # too few turns to tell
    ],
)
def test_a_meeting_subject_leads_the_other_themes(counts, turns, expected):
    subject = Subject(share=0.25, lead=2, min_turns=10)
    themes = [{theme for theme, n in counts.items() if i < n} for i in range(turns)]
    assert subject.of(themes) == expected
