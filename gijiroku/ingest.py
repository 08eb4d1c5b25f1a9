"""Stage 0, ingest: the bytes of a PDF, an HTML page or a text file -> text to parse.

The format is told by the bytes (magic), not by the file name: ``%PDF-`` opens a PDF;
``<!DOCTYPE html``, ``<html`` or an HTML element in the first kilobyte opens an HTML page;
anything else is text in one of the encodings of :mod:`gijiroku.decode`.

* PDF: the text layer of each page, read with pypdf (pure Python, no system libraries, and
  the extractor that produced published dumps such as the 【page:N】 family, so its output
  matches the rules of :mod:`gijiroku.lines`). Pages are joined with form feeds, so that the
  form-feed page convention gives every remark its PDF page.
* HTML: the text of the page's main content (``<main>``, else ``<article>``, else
  ``<body>``), without script, style, nav, header, footer and aside. Block elements and
  ``<br>`` end a line; runs of HTML whitespace inside a line collapse as a browser shows them.

Line numbers in the YAML of a PDF or HTML source count lines of this extracted text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from gijiroku.decode import Decoded, decode
from gijiroku.errors import GijirokuError
from gijiroku.pages import FORM_FEED

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
SKIPPED = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "head"}
BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "section",
          "article", "main", "dd", "dt", "table", "blockquote", "hr", "ul", "ol", "dl", "td", "th"}
# Labels that mean Windows-31J, as in the WHATWG Encoding Standard that browsers follow.
CP932_LABELS = {"shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j"}
MAIN = ("main", "article", "body", "document")  # "document": a fragment with no <body>


@dataclass(frozen=True)
class Ingested:
    text: str
    encoding: str
    format: str  # "text", "pdf" or "html"


def sniff(data: bytes) -> str:
    body = data.lstrip(b"\xef\xbb\xbf")
    if body.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if _HTML_START.match(body[:1024]):
        return "html"
    return "text"


def ingest(data: bytes, file: str, encoding: str | None = None) -> Ingested:
    kind = sniff(data)
    if kind == "pdf":
        return Ingested(pdf_text(data, file), "pdf", "pdf")
    if kind == "html":
        decoded = _decode_html(data, file, encoding)
        text = html_text(decoded.text)
        if not text.strip():
            raise GijirokuError(
                file, "the HTML page has no text outside script, style, nav, header and footer",
                "save the page that shows the minutes themselves, or pass them as text", line=1,
            )
        return Ingested(text, decoded.encoding, "html")
    decoded = decode(data, file, encoding)
    return Ingested(decoded.text, decoded.encoding, "text")


def pdf_text(data: bytes, file: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, NotImplementedError) as error:
        raise GijirokuError(
            file, f"the PDF cannot be read ({type(error).__name__}: {error})",
            "check that the file is a complete PDF; re-download it or export its text",
            line=None,
        ) from None
    if not "".join(pages).strip():
        raise GijirokuError(
            file, f"the PDF has {len(pages)} page(s) but no text layer (a scan?)",
            "run OCR on the PDF first, or pass the minutes as text", line=None,
        )
    return FORM_FEED.join(page.rstrip("\n") + "\n" for page in pages)


def _decode_html(data: bytes, file: str, encoding: str | None) -> Decoded:
    if encoding is None and (match := _META_CHARSET.search(data[:4096])):
        declared = match[1].decode("ascii").lower()
        declared = "cp932" if declared in CP932_LABELS else declared
        try:
            return Decoded(data.decode(declared), declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: detect as for text
    return decode(data, file, encoding)


class _TextExtractor(HTMLParser):
    """Collects the text of each main-content candidate, line by line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.pre = 0
        self.open = {name: 0 for name in MAIN}
        self.open["document"] = 1
        self.text = {name: [""] for name in MAIN}

    def _targets(self) -> list[str]:
        return [name for name in MAIN if self.open[name]]

    def _newline(self) -> None:
        for name in self._targets():
            if self.text[name][-1].strip():
                self.text[name].append("")

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        if tag in self.open:
            self.open[tag] += 1
        if tag == "pre":
            self.pre += 1
        if tag in BLOCKS and not self.skipping:
            self._newline()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BLOCKS and not self.skipping:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS and not self.skipping:
            self._newline()
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1
        if tag in self.open and self.open[tag]:
            self.open[tag] -= 1
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        for name in self._targets():
            if self.pre:
                lines = data.split("\n")
                self.text[name][-1] += lines[0]
                self.text[name].extend(lines[1:])
            else:
                # HTML whitespace (not U+3000) collapses to one space, as a browser shows it.
                self.text[name][-1] += re.sub(r"[ \t\r\n\f]+", " ", data)


def html_text(html: str) -> str:
    """The main text of an HTML page: one line per block, ASCII edges trimmed."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    for name in MAIN:
        lines = [line.strip(" \t") for line in parser.text[name]]
        if any(lines):
            return "\n".join(line for line in lines if line) + "\n"
    return ""
