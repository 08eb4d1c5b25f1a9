"""Direct ingestion: PDF (a PDF the test draws itself) and HTML pages, told by their bytes."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from gijiroku.cli import main
from gijiroku.errors import GijirokuError
from gijiroku.parse.ingest import html_text, ingest, sniff
from gijiroku.parse.pipeline import parse_bytes
from gijiroku.serialize import minutes_to_dict
from gijiroku.series import Series
from support.conservation import assert_conserved
from support.paths import FIXTURES
from support.pdf import draw_pdf

SERIES = Series(slug="fixtures", code="fx", title="t", organiser="o")
PAGES = [
    ["テスト会議（第８回）議事録", "日時：令和５年６月６日（火）８：４５～８：５５", "〇山田座長　開会します。"],
    ["〇佐藤委員：DX and AI の話です。", "（報道関係者入室）", "以上"],
]


def minutes_pdf(pages=PAGES) -> bytes:
    """A PDF of ``pages`` in a standard CID font (no font file needed)."""
    return draw_pdf(pages, "HeiseiKakuGo-W5", 11, left=50, top=800, leading=20)


HTML = """<!DOCTYPE html>
<html><head><meta charset="Shift_JIS"><title>会議録</title><style>p{color:red}</style>
<script>var x = "○偽の発言";</script></head>
<body><header>サイト名　ホーム</header><nav><ul><li>○メニュー</li></ul></nav>
<main>
<h1>テスト会議（第９回）議事録</h1>
<p>日時：令和５年６月６日（火）<br>１３：００～１４：００</p>
<p>○山田座長　開会します。
  本日は&lt;script&gt;の話です。</p>
<p>（報道関係者入室）</p>
<p>○佐藤委員　賛成です。</p>
<p>以上</p>
</main>
<footer>○フッターの文</footer></body></html>
"""


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\n  %PDF-1.4", "pdf"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"\xef\xbb\xbf<html lang='ja'>", "html"),
        (b"<!-- saved --><HTML>", "html"),
        ("○発言\n以上\n".encode(), "text"),
        ("<PAGE=\"2\">\n○発言".encode(), "text"),  # a page marker is not an HTML page
    ],
)
def test_sniff_by_magic_bytes(data, kind):
    assert sniff(data) == kind


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>一行目<br>二行目</p><p>三</p>", "一行目\n二行目\n三\n"),
        ("<body><nav>メニュー</nav><p>本文</p><footer>フッター</footer></body>", "本文\n"),
        ("<body><p>外</p><main><p>中</p></main></body>", "中\n"),
        # HTML whitespace collapses; a <pre> keeps its lines (ASCII indents are trimmed: they
        # would read as page starts)
        ("<p>a\n  b</p><pre>x\n  y</pre>", "a b\nx\ny\n"),
        ("<p>　全角の字下げ&amp;</p>", "　全角の字下げ&\n"),
    ],
)
def test_html_text(html, expected):
    assert html_text(html) == expected


def test_html_minutes_parse_and_conserve():
    data = HTML.encode("cp932")
    ingested = ingest(data, "m.html")
    # The declared Shift_JIS is read as Windows-31J (cp932), as browsers do: ～ is cp932-only.
    assert (ingested.format, ingested.encoding) == ("html", "cp932")
    document = minutes_to_dict(parse_bytes(data, "m.html", SERIES))
    meeting = document["meeting"]
    assert (meeting["date"], meeting["start"], meeting["end"], meeting["source"]["format"]) == (
        "2023-06-06", "13:00", "14:00", "html")
    assert [(r["speaker"]["name"], r["text"]) for r in document["remarks"]] == [
        ("山田", "開会します。 本日は<script>の話です。"), ("佐藤", "賛成です。")]
    assert document["remarks"][0]["notes"] == [{"line": 5, "text": "（報道関係者入室）"}]
    assert "偽" not in str(document) and "メニュー" not in str(document) and "フッター" not in str(document)
    assert_conserved(data, document)


def test_pdf_minutes_parse_with_pages_and_conserve():
    data = minutes_pdf()
    document = minutes_to_dict(parse_bytes(data, "m.pdf", SERIES))
    meeting = document["meeting"]
    assert (meeting["id"], meeting["source"]["format"], meeting["source"]["pages"]) == ("fx08", "pdf", 2)
    assert [(r["speaker"]["role"], r["page"], r["text"]) for r in document["remarks"]] == [
        ("座長", 1, "開会します。"), ("委員", 2, "DX and AI の話です。")]
    assert document["remarks"][1]["notes"][0]["text"] == "（報道関係者入室）"
    assert document["closing"] == "以上"
    assert_conserved(data, document)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\n%%EOF garbage", "the PDF cannot be read"),
        (b"<html><body><nav>only navigation</nav></body></html>", "no text outside script"),
    ],
)
def test_unreadable_pdf_and_html_are_clear_errors(data, message):
    with pytest.raises(GijirokuError) as caught:
        ingest(data, "bad")
    assert message in caught.value.render() and "hint:" in caught.value.render()


def test_pdf_without_text_layer_is_a_clear_error():
    data = minutes_pdf([[]])
    with pytest.raises(GijirokuError) as caught:
        ingest(data, "scan.pdf")
    assert "no text layer" in caught.value.render() and "OCR" in caught.value.render()


def test_cli_parses_pdf_and_html_and_all_picks_them_up(tmp_path):
    series = tmp_path / "minutes" / "fixtures"
    series.mkdir(parents=True)
    (series / "series.yml").write_text((FIXTURES / "parse" / "series.yml").read_text(encoding="utf-8"), encoding="utf-8")
    # The bytes decide the format: a PDF named .pdf and an HTML page saved without a suffix.
    (series / "08.pdf").write_bytes(minutes_pdf())
    (series / "09.html").write_bytes(HTML.encode("cp932"))
    result = subprocess.run([sys.executable, "-m", "gijiroku", "parse", str(series / "08.pdf"),
                             "--root", str(tmp_path / "minutes")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "format: pdf" in result.stdout and "role: 座長" in result.stdout
    runner = CliRunner()
    assert runner.invoke(main, ["parse", "--all", "--root", str(tmp_path / "minutes")]).exit_code == 0
    assert (series / "08.yaml").is_file() and (series / "09.yaml").is_file()


def test_text_that_is_not_minutes_says_what_was_looked_for(tmp_path):
    (tmp_path / "series.yml").write_text((FIXTURES / "parse" / "series.yml").read_text(encoding="utf-8"), encoding="utf-8")
    source = tmp_path / "recipe.txt"
    source.write_text("カレーの作り方\n玉ねぎを炒める。\n水を加える。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "gijiroku", "parse", str(source)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "recipe.txt:3:" in result.stderr  # where parsing stopped
    for looked_for in ("turn marker", "○", "（Ａ）", "3 paragraphs"):
        assert looked_for in result.stderr
