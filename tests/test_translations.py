"""English translations (minutes/<series>/<NN>.en.yml) checked against their meetings and the
bilingual glossary (gijiroku/data/glossary.yml).

A translation file is hand-maintained and keyed by remark/item ID; parsing never writes it.
These tests catch what goes wrong when the Japanese moves on without it: an ID that no longer
exists, a remark nobody has translated, a correction of the Japanese after translation
(``source_hash``), a paragraph lost, and a term rendered differently from the glossary.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from gijiroku.annotate.references import find_terms
from gijiroku.folding import fold
from gijiroku.parse.ids import content_hash

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "gijiroku" / "data" / "glossary.yml"
STATUSES = {"unofficial", "official"}
MEETING_KEYS = ("title", "kind", "venue", "intro")
ENTRY_KEYS = {"ja", "ja_variants", "en", "variants", "note", "note_ja", "official", "check"}

# American spellings the translations must not use (they are British: -ise, -our, -re).
# Official names are exempt (see american_spellings); so are words where "iz" is not the
# -ize suffix.
AMERICAN = re.compile(
    r"\b(?:\w+(?:iz|yz)(?:e|es|ed|ing|ation|ations|er|ers)"
    r"|(?:cent|theat)ers?|(?:col|fav|behavi|hon|lab|neighb|vig)ors?)\b", re.IGNORECASE)
NOT_AMERICAN = {"size", "sizes", "sized", "seize", "seized", "prize", "prizes", "citizen"}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def meeting_path(translation: Path) -> Path:
    """minutes/<series>/06.en.yml translates minutes/<series>/06.yaml."""
    return translation.with_name(translation.name.removesuffix(".en.yml") + ".yaml")


def units(meeting: dict) -> dict[str, str]:
    """Japanese text of every remark and item of a meeting, by ID, in source order."""
    out: dict[str, str] = {}
    for remark in meeting["remarks"]:
        out[remark["id"]] = remark["text"]
        for item in remark.get("items") or []:
            out[item["id"]] = item["text"]
    return out


def paragraphs(text: str) -> int:
    return len(text.split("\n"))


def normalise_ja(text: str) -> str:
    # the project's one folding: NFKC (ＤＸ = DX), lower case, itaiji (靱/靭), no whitespace.
    return fold(text)


def ja_forms(entry: dict) -> list[str]:
    return [entry["ja"], *(entry.get("ja_variants") or [])]


def en_forms(entry: dict) -> list[str]:
    return [entry["en"], *(entry.get("variants") or [])]


def missing_terms(ja: str, en: str, entries: list[dict]) -> list[str]:
    """Glossary entries whose Japanese occurs in ``ja`` but none of whose English forms
    occurs in ``en`` (case-insensitive); entries with ``check: false`` are skipped."""
    ja_key, en_key = normalise_ja(ja), en.casefold()
    return [f"{entry['ja']} → {' / '.join(en_forms(entry))}" for entry in entries
            if entry.get("check", True)
            and any(normalise_ja(form) in ja_key for form in ja_forms(entry))
            and not any(form.casefold() in en_key for form in en_forms(entry))]


def quotations(ja: str) -> list[str]:
    """The distinct 「」 quotations of a Japanese text, in order."""
    return list(dict.fromkeys(re.findall(r"「([^「」]*)」", ja)))


def missing_quotations(ja: str, en: str) -> list[str]:
    """Quotations whose Japanese is not kept in the English. A quotation that NFKC turns
    into plain ASCII (「ＲＸ」) is kept when its ASCII form occurs, since "RX" (ＲＸ) says
    nothing more."""
    missing = []
    for quoted in quotations(ja):
        ascii_form = unicodedata.normalize("NFKC", quoted)
        if quoted in en or (ascii_form.isascii() and ascii_form.casefold() in en.casefold()):
            continue
        missing.append(quoted)
    return missing


def american_spellings(en: str, entries: list[dict]) -> list[str]:
    """American spellings in ``en``, ignoring official names from the glossary, which are
    spelled as published."""
    for entry in entries:
        if entry.get("official"):
            for form in en_forms(entry):
                en = re.sub(re.escape(form), " ", en, flags=re.IGNORECASE)
    return [word for word in AMERICAN.findall(en) if word.casefold() not in NOT_AMERICAN]


GLOSSARY_DATA = load(GLOSSARY)
ENTRIES: list[dict] = GLOSSARY_DATA["entries"]
TRANSLATIONS = sorted((ROOT / "minutes").glob("*/*.en.yml"))
LOADED = {path: (load(path), load(meeting_path(path))) for path in TRANSLATIONS}


def entry_cases() -> list:
    """(translation file, ID) for every translated ID that the meeting still has; unknown
    IDs are reported by test_every_translated_id_exists instead."""
    cases = []
    for path, (translation, meeting) in LOADED.items():
        known = units(meeting)
        for unit_id in translation.get("remarks") or {}:
            if unit_id in known:
                cases.append(pytest.param(path, unit_id,
                                          id=f"{path.parent.name}/{path.name}:{unit_id}"))
    return cases


FILES = [pytest.param(path, id=f"{path.parent.name}/{path.name}") for path in TRANSLATIONS]
CASES = entry_cases()


# --- the checking functions themselves --------------------------------------------------

SAMPLE_GLOSSARY = [
    {"ja": "寛容性", "en": "tolerance"},
    {"ja": "DX", "en": "digital transformation", "variants": ["DX"]},
    {"ja": "強靱", "ja_variants": ["強靭"], "en": "resilient"},
    {"ja": "公", "en": "the public", "check": False, "note": "also inside 地方公共団体"},
    {"ja": "まち・ひと・しごと総合戦略", "en": "Vitalizing Local Economy", "official": True},
]


@pytest.mark.parametrize(("ja", "en", "expected"), [
    ("「寛容性」が重要", 'The "Tolerance" (寛容性) matters', []),
    ("寛容性が重要", "Patience matters", ["寛容性 → tolerance"]),
    ("ＤＸの推進", "promoting DX", []),                       # NFKC: ＤＸ = DX; variant DX
    ("ＤＸの推進", "promoting digitalisation", ["DX → digital transformation / DX"]),
    ("強靱な社会", "a resilient society", []),
    ("強靭な社会", "a strong society", ["強靱 → resilient"]),   # variant kanji still checked
    ("地方公共団体", "local governments", []),                  # check: false
    ("多様性", "diversity", []),                                # term not in the glossary
])
def test_missing_terms(ja: str, en: str, expected: list[str]) -> None:
    assert missing_terms(ja, en, SAMPLE_GLOSSARY) == expected


@pytest.mark.parametrize(("ja", "en", "expected"), [
    ("「寛容性」という言葉", 'the word "tolerance" (寛容性)', []),
    ("「寛容性」という言葉", 'the word "tolerance"', ["寛容性"]),
    ("印象的なのが「ＲＸ」。", 'What is striking is "RX".', []),
    ("「分散型」と「分散型」", '"decentralised" (分散型) and "decentralised"', []),
    ("引用なし", "no quotation", []),
])
def test_missing_quotations(ja: str, en: str, expected: list[str]) -> None:
    assert missing_quotations(ja, en) == expected


@pytest.mark.parametrize(("en", "expected"), [
    ("a decentralised organisation in the city centre", []),
    ("a decentralized organization", ["decentralized", "organization"]),
    ("the city center", ["center"]),
    ("for Overcoming Population Decline and Vitalizing Local Economy", []),  # official name
    ("the size of a prize for a citizen", []),
])
def test_american_spellings(en: str, expected: list[str]) -> None:
    assert american_spellings(en, SAMPLE_GLOSSARY) == expected


# --- the glossary -----------------------------------------------------------------------

def test_glossary_entries_are_well_formed() -> None:
    problems, seen = [], {}
    for number, entry in enumerate(ENTRIES, 1):
        where = f"glossary entry {number} ({entry.get('ja')!r})"
        if set(entry) - ENTRY_KEYS:
            problems.append(f"{where}: unknown keys {sorted(set(entry) - ENTRY_KEYS)}")
        if not (isinstance(entry.get("ja"), str) and entry["ja"].strip()
                and isinstance(entry.get("en"), str) and entry["en"].strip()):
            problems.append(f"{where}: needs non-empty strings `ja` and `en`")
            continue
        for key in ("ja_variants", "variants"):
            value = entry.get(key, [])
            if not (isinstance(value, list) and all(isinstance(v, str) and v for v in value)):
                problems.append(f"{where}: `{key}` must be a list of non-empty strings")
        if entry.get("check", True) is not True and not (entry["check"] is False
                                                         and entry.get("note")):
            problems.append(f"{where}: `check: false` needs a `note` saying why")
        if bool(entry.get("note")) != bool(entry.get("note_ja")):
            problems.append(f"{where}: `note` and `note_ja` go together (the English and the "
                            "Japanese site each show theirs)")
        for form in ja_forms(entry):
            key = normalise_ja(form)
            if seen.get(key, number) != number:
                problems.append(f"{where}: {form!r} is already entry {seen[key]}")
            seen[key] = number
        if not entry.get("official") and american_spellings(" ".join(en_forms(entry)), []):
            problems.append(f"{where}: American spelling in {en_forms(entry)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", FILES)
def test_glossary_covers_every_key_term(path: Path) -> None:
    """Every 「」 key term that the parser lists for the glossary page has an English entry,
    so the English site can show it."""
    known = {normalise_ja(form) for entry in ENTRIES for form in ja_forms(entry)}
    _, meeting = LOADED[path]
    missing = {term["term"] for text in units(meeting).values() for term in find_terms(text)
               if normalise_ja(term["term"]) not in known}
    assert not missing, (f"add these key terms to {GLOSSARY.relative_to(ROOT)}: "
                         f"{sorted(missing)}")


# --- each translation file --------------------------------------------------------------

def test_translation_files_exist() -> None:
    assert TRANSLATIONS, "no minutes/<series>/<NN>.en.yml found"


@pytest.mark.parametrize("path", FILES)
def test_every_translated_id_exists(path: Path) -> None:
    translation, meeting = LOADED[path]
    unknown = sorted(set(translation.get("remarks") or {}) - set(units(meeting)))
    assert not unknown, (f"{path.relative_to(ROOT)} translates IDs that "
                         f"{meeting_path(path).name} does not have: {unknown}. Was the remark "
                         f"renumbered or retired? Move or delete these entries.")


@pytest.mark.parametrize("path", FILES)
def test_no_untranslated_ids(path: Path) -> None:
    translation, meeting = LOADED[path]
    translated = set(translation.get("remarks") or {})
    untranslated = [unit_id for unit_id in units(meeting) if unit_id not in translated]
    assert not untranslated, (f"untranslated in {path.relative_to(ROOT)} "
                              f"({len(untranslated)}): {untranslated}")


@pytest.mark.parametrize("path", FILES)
def test_file_header(path: Path) -> None:
    translation, _ = LOADED[path]
    assert translation.get("language") == "en"
    assert isinstance(translation.get("remarks"), dict)


@pytest.mark.parametrize("path", FILES)
def test_meeting_strings(path: Path) -> None:
    translation, meeting = LOADED[path]
    strings = translation.get("meeting") or {}
    empty = [key for key in MEETING_KEYS
             if not (isinstance(strings.get(key), str) and strings[key].strip())]
    assert not empty, f"{path.relative_to(ROOT)}: meeting needs English {empty}"
    info = meeting["meeting"]
    roles = {a["role"] for a in info["attendees"]} | {a["group"] for a in info["attendees"]}
    assert not roles - set(strings.get("roles") or {}), (
        f"no English role for {sorted(roles - set(strings.get('roles') or {}))}")
    names = [a["name"] for a in info["attendees"]]
    attendees = translation.get("attendees") or {}
    assert sorted(attendees) == sorted(names), (
        f"attendees: missing {sorted(set(names) - set(attendees))}, "
        f"unknown {sorted(set(attendees) - set(names))}")
    assert all(isinstance(v, str) and v.isascii() and v.strip() for v in attendees.values())
    # The header's sentences (本研究会の報告書案について…。) are what `intro` translates.
    intro = "".join(h["text"] for h in meeting["header"] if h["text"].endswith("。"))
    assert intro, "the meeting header has no intro sentence to translate"
    sources = {"title": info["title"], "kind": info["kind"], "venue": info["venue"],
               "intro": intro}
    problems = {key: missing_terms(ja, strings[key], ENTRIES) for key, ja in sources.items()}
    assert not any(problems.values()), f"glossary terms not followed: {problems}"


@pytest.mark.parametrize(("path", "unit_id"), CASES)
def test_entry_shape_and_status(path: Path, unit_id: str) -> None:
    entry = LOADED[path][0]["remarks"][unit_id]
    assert isinstance(entry, dict), f"{unit_id}: expected a mapping with status/source_hash/text"
    assert entry.get("status") in STATUSES, (
        f"{unit_id}: status {entry.get('status')!r} is not one of {sorted(STATUSES)}")
    assert isinstance(entry.get("text"), str) and entry["text"].strip(), f"{unit_id}: empty text"


@pytest.mark.parametrize(("path", "unit_id"), CASES)
def test_source_hash_is_current(path: Path, unit_id: str) -> None:
    translation, meeting = LOADED[path]
    current = content_hash(units(meeting)[unit_id])
    recorded = str(translation["remarks"][unit_id].get("source_hash"))
    assert recorded == current, (
        f"{unit_id}: the Japanese changed since it was translated (source_hash {recorded}, "
        f"now {current}). Re-check the translation in {path.relative_to(ROOT)} against the "
        f"current Japanese, then set source_hash: '{current}'.")


@pytest.mark.parametrize(("path", "unit_id"), CASES)
def test_paragraph_count_matches(path: Path, unit_id: str) -> None:
    translation, meeting = LOADED[path]
    ja, en = units(meeting)[unit_id], translation["remarks"][unit_id]["text"]
    assert paragraphs(en) == paragraphs(ja), (
        f"{unit_id}: {paragraphs(en)} English paragraphs for {paragraphs(ja)} Japanese ones")
    assert all(p.strip() for p in en.split("\n")), f"{unit_id}: empty English paragraph"


@pytest.mark.parametrize(("path", "unit_id"), CASES)
def test_glossary_terms_followed(path: Path, unit_id: str) -> None:
    translation, meeting = LOADED[path]
    missing = missing_terms(units(meeting)[unit_id], translation["remarks"][unit_id]["text"],
                            ENTRIES)
    assert not missing, f"{unit_id}: glossary terms not rendered as listed: {missing}"


@pytest.mark.parametrize(("path", "unit_id"), CASES)
def test_quotations_kept(path: Path, unit_id: str) -> None:
    translation, meeting = LOADED[path]
    missing = missing_quotations(units(meeting)[unit_id], translation["remarks"][unit_id]["text"])
    assert not missing, (f"{unit_id}: keep each 「」 quotation as \"English\" (Japanese); "
                         f"missing: {missing}")


@pytest.mark.parametrize(("path", "unit_id"), CASES)
def test_british_spelling(path: Path, unit_id: str) -> None:
    found = american_spellings(LOADED[path][0]["remarks"][unit_id]["text"], ENTRIES)
    assert not found, f"{unit_id}: American spellings {found} (the translations are British)"
