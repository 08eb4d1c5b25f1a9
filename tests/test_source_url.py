"""The official document's address, ``meeting.source_url``: from the sidecar or the series'
pattern (series.yml), checked where it is written (file:line errors), in the schema, and linked
from the meeting page beside the local copy, labelled as the text as parsed."""

from __future__ import annotations

import copy
import re
import shutil

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from gijiroku.cli import main
from gijiroku.errors import GijirokuError
from gijiroku.parse.pipeline import parse_bytes
from gijiroku.parse.sidecar import Sidecar, is_web_url, parse_sidecar
from gijiroku.serialize import ContractError, minutes_from_dict, minutes_to_dict
from gijiroku.series import Series, check_source_url_pattern, load_series_file
from gijiroku.site.i18n import load_strings
from support.paths import MINUTES
from support.site import CONFIGS, LANGS, built_site, run_build

TEXT = "テスト会議（第２回）議事録\n日時：令和５年６月６日（火）13:00～14:00\n場所：第１会議室\n○山田座長　開会します。\n○佐藤委員　賛成です。\n"
NO_NUMBER = TEXT.replace("（第２回）", "")
SERIES = Series(slug="fixtures", code="fx", title="t", organiser="o")
PATTERN = "https://www.example.go.jp/kenkyukai/{number:03d}_{date:%Y%m%d}.pdf"


@pytest.mark.parametrize(("url", "ok"), [
    ("https://www.meti.go.jp/shingikai/x/pdf/006_gijiyoshi.pdf", True),
    ("http://example.jp/m?id=3#top", True),
    ("HTTPS://EXAMPLE.JP/", True),
    ("ftp://example.jp/m.pdf", False),
    ("www.meti.go.jp/x.pdf", False),
    ("/gijiroku/x.pdf", False),
    ("https://", False),
    ("https:///path", False),
    ("javascript:alert(1)", False),
    ("https://example.jp/a b.pdf", False),
    ("https://[::1", False),
])
def test_is_web_url(url, ok):
    assert is_web_url(url) is ok


@pytest.mark.parametrize("text", [
    "source_url: ftp://example.jp/m.pdf\n",
    "title: x\nsource_url: www.meti.go.jp/x.pdf\n",
    "source_url: javascript:alert(1)\n",
    "source_url: https://\n",
])
def test_sidecar_source_url_that_is_no_web_address_names_its_line(text):
    with pytest.raises(GijirokuError) as caught:
        parse_sidecar(text, "minutes/x/01.meta.yml")
    rendered = caught.value.render()
    line = text.count("\n", 0, text.index("source_url")) + 1
    assert rendered.startswith(f"minutes/x/01.meta.yml:{line}: error: source_url ")
    assert "not an absolute http(s) URL" in rendered and "\n  hint: " in rendered and "https://" in rendered


@pytest.mark.parametrize(("pattern", "number", "date", "expected"), [
    (PATTERN, 6, "2021-06-01", "https://www.example.go.jp/kenkyukai/006_20210601.pdf"),
    ("https://e.jp/{number}/", 12, "2021-06-01", "https://e.jp/12/"),
    ("https://e.jp/{date}.html", None, "2024-12-17", "https://e.jp/2024-12-17.html"),
    ("https://e.jp/minutes.html", None, "2024-12-17", "https://e.jp/minutes.html"),  # one page for all
    ("https://e.jp/{number:02d}.pdf", None, "2024-12-17", None),  # needs the number
    ("", 3, "2024-12-17", ""),  # no pattern
])
def test_series_pattern_gives_each_meeting_its_address(pattern, number, date, expected):
    series = Series(slug="s", code="s", title="t", organiser="o", source_url=pattern)
    assert series.official_url(number, date) == expected


@pytest.mark.parametrize(("value", "message"), [
    ("https://e.jp/{num:03d}.pdf", "uses {num}; a pattern can use only {number} and {date}"),
    ("https://e.jp/{0}.pdf", "uses {0}"),
    ("https://e.jp/{number:%Y}.pdf", "is not a valid pattern"),
    ("https://e.jp/{number", "is not a valid pattern"),
    ("https://e.jp/}", "is not a valid pattern"),
    ("e.jp/{number}.pdf", "does not make an absolute http(s) URL"),
    ("{date}", "does not make an absolute http(s) URL"),
    ("[https://e.jp/]", "must be one address pattern"),
    ("", "must be one address pattern"),
])
def test_bad_series_pattern_is_a_file_line_error(tmp_path, value, message):
    path = tmp_path / "series.yml"
    path.write_text(f"slug: s\ncode: s\ntitle: t\norganiser: o\nsource_url: '{value}'\n"
                    if not value.startswith("[") else
                    f"slug: s\ncode: s\ntitle: t\norganiser: o\nsource_url: {value}\n", encoding="utf-8")
    with pytest.raises(GijirokuError) as caught:
        load_series_file(path)
    rendered = caught.value.render()
    assert rendered.startswith(f"{path}:5: error: source_url "), rendered
    assert message in rendered and "\n  hint: " in rendered and "{number:03d}" in rendered


def test_series_file_pattern_is_read():
    assert check_source_url_pattern(PATTERN, "series.yml", 3) == PATTERN


def test_series_file_without_pattern_has_none(tmp_path):
    path = tmp_path / "series.yml"
    shutil.copy(MINUTES / "meti-smart-resilient" / "series.yml", path)
    assert load_series_file(path).source_url == ""


@pytest.mark.parametrize(("text", "sidecar", "pattern", "expected", "origin", "warned"), [
    # no source: no address, nothing recorded
    (TEXT, Sidecar(), "", None, None, False),
    # the series' pattern, filled with the meeting's number and date
    (TEXT, Sidecar(), PATTERN, "https://www.example.go.jp/kenkyukai/002_20230606.pdf", "series", False),
    # the sidecar wins over the pattern
    (TEXT, Sidecar(source_url="https://e.jp/m/2"), PATTERN, "https://e.jp/m/2", "sidecar", False),
    # the pattern uses the number the sidecar states
    (NO_NUMBER, Sidecar(number=5), PATTERN, "https://www.example.go.jp/kenkyukai/005_20230606.pdf",
     "series", False),
    # the pattern needs a number the meeting lacks: a warning, no address
    (NO_NUMBER, Sidecar(), PATTERN, None, None, True),
    # a pattern with the date only needs no number
    (NO_NUMBER, Sidecar(), "https://e.jp/{date}.html", "https://e.jp/2023-06-06.html", "series", False),
])
def test_meeting_source_url_precedence(schema, text, sidecar, pattern, expected, origin, warned):
    series = Series(slug="fixtures", code="fx", title="t", organiser="o", source_url=pattern)
    minutes = parse_bytes(text.encode(), "m.txt", series, sidecar=sidecar)
    document = minutes_to_dict(minutes)
    jsonschema.validate(document, schema)
    assert document["meeting"].get("source_url") == expected
    assert document["meeting"].get("origin", {}).get("source_url") == origin
    warnings = [w for w in minutes.warnings if "source_url pattern" in w.message]
    assert bool(warnings) == warned
    if warned:
        assert "meta.yml" in warnings[0].hint and "source_url:" in warnings[0].hint
    assert minutes_from_dict(document).meeting.source_url == (expected or "")


def document_with(source_url: str | None, **source) -> dict:
    document = minutes_to_dict(parse_bytes(TEXT.encode(), "m.txt", SERIES))
    if source_url is not None:
        document["meeting"]["source_url"] = source_url
    document["meeting"]["source"].update(source)
    return document


@pytest.mark.parametrize(("source_url", "valid"), [
    (None, True),
    ("https://www.meti.go.jp/x/006.pdf", True),
    ("http://e.jp/", True),
    ("", False),
    ("ftp://e.jp/x", False),
    ("www.meti.go.jp/x.pdf", False),
    ("https://e.jp/a b", False),
])
def test_schema_accepts_only_absolute_web_addresses(schema, source_url, valid):
    document = document_with(source_url)
    if valid:
        jsonschema.validate(document, schema)
    else:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document, schema)


def test_the_old_place_of_the_address_is_refused_not_lost(schema):
    document = document_with(None, url="https://e.jp/old")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)
    with pytest.raises(ContractError, match="source_url.*gijiroku parse --all"):
        minutes_from_dict(copy.deepcopy(document))


# --- the meeting page -----------------------------------------------------------------------

OFFICIAL = "https://www.example.go.jp/kenkyukai/007_20240105.pdf"


@pytest.fixture(scope="module")
def official_site(tmp_path_factory):
    """The fixture site, its meeting given an official address by a sidecar."""
    work = tmp_path_factory.mktemp("official")
    project = work / "site"
    shutil.copytree(CONFIGS["fixture"].parent, project, symlinks=True,
                    ignore=shutil.ignore_patterns(".cache"))
    sources = [p for p in (project / "minutes").glob("*/*.txt")]
    assert len(sources) == 1
    source = sources[0]
    yaml_file = source.with_suffix(".yaml")
    text = yaml_file.read_text(encoding="utf-8")
    # The meeting YAML as `gijiroku parse` writes it with a sidecar's source_url.
    yaml_file.write_text(re.sub(r"(\n  source: [^\n]*\n)", rf"\1  source_url: {OFFICIAL}\n", text, count=1),
                         encoding="utf-8")
    result = run_build(project / "mkdocs.yml", work / "out")
    assert result.returncode == 0, result.stderr
    return work / "out"


def meeting_dl(site, lang: str) -> str:
    page = next((site / LANGS[lang] / "meetings").glob("*/index.html")).read_text(encoding="utf-8")
    return page[page.index('<dl class="gj-meta">'):page.index("</dl>")]


@pytest.mark.parametrize("lang", list(LANGS))
def test_meeting_page_links_the_official_document_first(official_site, lang):
    t = load_strings(lang)
    dl = meeting_dl(official_site, lang)
    official = dl.index(f'href="{OFFICIAL}"')
    parsed = dl.index(f"<dt>{t('source.parsed_text')}</dt>")
    assert f"<dt>{t('meeting.source')}</dt><dd><strong><a class=\"gj-official\" href=\"{OFFICIAL}\"" in dl
    assert t("source.official_link", host="www.example.go.jp") in dl
    assert official < parsed  # the official document first, the local copy after it
    assert "download>" in dl[parsed:] and "sha256" in dl[parsed:]  # the copy's details stay


@pytest.mark.parametrize("lang", list(LANGS))
def test_meeting_without_an_official_address_says_so_and_keeps_the_copy(lang):
    t = load_strings(lang)
    dl = meeting_dl(built_site("real"), lang)
    assert "https://" not in dl and "http://" not in dl
    assert t("source.official_unknown") in dl and f"<dt>{t('source.parsed_text')}</dt>" in dl
    assert 'download>' in dl and "sha256" in dl


# --- the command line -----------------------------------------------------------------------

SERIES_FILE = "slug: tests\ncode: ts\ntitle: テスト研究会\norganiser: テスト省\n"


@pytest.mark.parametrize(("series_extra", "sidecar", "expected", "error"), [
    ("source_url: https://e.jp/{number:03d}.pdf\n", "", "https://e.jp/002.pdf", ""),
    ("source_url: https://e.jp/{number:03d}.pdf\n", "source_url: https://e.jp/own\n", "https://e.jp/own", ""),
    ("source_url: https://e.jp/{nummer}.pdf\n", "", None, "series.yml:5: error: source_url uses {nummer}"),
    ("", "source_url: e.jp/own\n", None, "02.meta.yml:1: error: source_url 'e.jp/own' is not an absolute"),
])
def test_parse_writes_the_address_or_names_the_faulty_line(tmp_path, series_extra, sidecar, expected, error):
    folder = tmp_path / "minutes" / "tests"
    folder.mkdir(parents=True)
    (folder / "series.yml").write_text(SERIES_FILE + series_extra, encoding="utf-8")
    (folder / "02.txt").write_text(TEXT, encoding="utf-8")
    if sidecar:
        (folder / "02.meta.yml").write_text(sidecar, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "--all", "--root", str(tmp_path / "minutes")])
    if error:
        assert result.exit_code == 2 and error in result.output, result.output
        assert "Traceback" not in result.output and "  hint: " in result.output
        assert not (folder / "02.yaml").exists()
    else:
        assert result.exit_code == 0, result.output
        document = yaml.safe_load((folder / "02.yaml").read_text(encoding="utf-8"))
        assert document["meeting"]["source_url"] == expected
