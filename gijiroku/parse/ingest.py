"""Stage 0, ingest: the bytes of a PDF, an HTML page, a JSON record or a text file -> text.

The format is told by the bytes (magic), not by the file name: ``%PDF-`` opens a PDF;
``<!DOCTYPE html``, ``<html`` or an HTML element in the first kilobyte opens an HTML page; a
``{`` or ``[`` that parses as JSON opens a JSON API record; anything else is text in one of
the encodings of :mod:`gijiroku.parse.decode`.

The *body* of a source is the text this stage returns, ``Ingested.text``: everything the
conservation guarantee covers (every non-whitespace character of it reaches the YAML, in
order). Rules that read sites and APIs are data, in ``gijiroku/data/sources.yml``.

* PDF: the text layer of each page, read with pypdf (pure Python, no system libraries, and
  the extractor that produced published dumps such as the 【page:N】 family, so its output
  matches the rules of :mod:`gijiroku.parse.lines`). Pages are joined with form feeds, so that the
  form-feed page convention gives every remark its PDF page.
* HTML: the body is the text of the page's main content (``<main>``, else ``<article>``,
  else ``<body>``), without the *skipped elements* (script, style, nav, header, footer,
  aside...) and forms with their controls (unless the minutes are inside a form: a page
  whose text has no turn marker without its forms keeps them). Block elements and ``<br>`` end a line; runs of HTML
  whitespace inside a line collapse as a browser shows them. Inside the body, *furniture*
  lines are marked as layout (kept in the YAML with their line, never in a remark): a line
  a ``line_rules`` pattern matches (an utterance number ``12:``, a 検索語 line, the
  utterance count ``全 198 発言``) and a line made only of link text (navigation such as
  ↑発言者の先頭へ). An utterance number written before a turn marker on the same line
  (``12:◯議長…``) is put on a line of its own first. Outside the body, the page's first
  ``<h1>`` gives a title and a date (as written, e.g. ``2024-12-17``) that the meeting uses
  when its header has none (see :mod:`gijiroku.parse.pipeline`).
* JSON: a meeting is an array of records (a bare array, or the first of ``record_lists``
  under the top object), each with a text ``body`` (HTML in it is read as above), a type and
  a page. The body is every record's text in order, a blank line between records and a
  form-feed line for each page turned (so remarks carry the record's page number). A record
  whose type is not in ``not_speech`` is one turn: its first line starts a remark even when
  its marker is not ○ (◆質問, ◎答弁). A not-speech record before the first turn is header
  text; after it, its lines are layout of kind ``non-speech``.

A source that states how many utterances it holds gives ``stated_turns``, which the pipeline
checks against the remarks it found: a page's utterance count line, else the number of
entries of its utterance list (``<li>`` items such as ``12 : ◯議長（…）`` anywhere on the page,
a form's checkboxes included); a JSON record list, its number of speech records.

Line numbers in the YAML of a PDF, HTML or JSON source count lines of the body text.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from typing import Any

from gijiroku.errors import GijirokuError
from gijiroku.parse.decode import Decoded, decode
from gijiroku.parse.layout import FORM_FEED
from gijiroku.yamlio import parse_yaml

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "section",
          "article", "main", "dd", "dt", "table", "blockquote", "hr", "ul", "ol", "dl", "td", "th"}
# Labels that mean Windows-31J, as in the WHATWG Encoding Standard that browsers follow.
CP932_LABELS = {"shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j"}
MAIN = ("main", "article", "body", "document")  # "document": a fragment with no <body>
TURN_MARKERS = ("○", "〇", "◯")
_HTML_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|/[a-zA-Z]|!)")
_NUMBER_BEFORE_TURN = re.compile(r"^(\s*\d+\s*[:：])\s*(?=[○〇◯])")


@cache
def rules() -> dict[str, Any]:
    """The source-reading rules of ``gijiroku/data/sources.yml``."""
    text = resources.files("gijiroku").joinpath("data/sources.yml").read_text(encoding="utf-8")
    return parse_yaml(text, "gijiroku/data/sources.yml")


SKIPPED = frozenset(rules()["html"]["skipped_elements"])
FORMS = frozenset(rules()["html"]["form_elements"])


@dataclass(frozen=True)
class PageMeta:
    """What a page or record says about its meeting outside the body (e.g. its ``<h1>``)."""

    title: str = ""
    date_text: str = ""  # the text holding the date, as written


@dataclass(frozen=True)
class Ingested:
    """The body text of a source and what its format says about it.

    Invariants: ``layout`` and ``turn_lines`` name 1-based lines of ``text``; a layout line's
    text is furniture (utterance numbers, search terms, navigation), never remark text.
    """

    text: str
    encoding: str
    format: str  # "text", "pdf", "html" or "json"
    layout: dict[int, str] = field(default_factory=dict)  # line -> layout kind
    turn_lines: frozenset[int] = frozenset()  # lines where a record of the source opens a turn
    stated_turns: tuple[int, int] | None = None  # (count, line it is stated on)
    meta: PageMeta = PageMeta()


def sniff(data: bytes) -> str:
    body = data.lstrip(b"\xef\xbb\xbf")
    if body.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if _HTML_START.match(body[:1024]):
        return "html"
    if body.lstrip()[:1] in (b"{", b"[") and _json_or_none(body) is not None:
        return "json"
    return "text"


def _json_or_none(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None


def ingest(data: bytes, file: str, encoding: str | None = None) -> Ingested:
    kind = sniff(data)
    if kind == "pdf":
        return Ingested(pdf_text(data, file), "pdf", "pdf")
    if kind == "json":
        return json_ingest(_json_or_none(data.lstrip(b"\xef\xbb\xbf")), file)
    if kind == "html":
        decoded = _decode_html(data, file, encoding)
        page = html_page(decoded.text)
        if not page.text.strip():
            raise GijirokuError(
                file, "the HTML page has no text outside script, style, nav, header and footer",
                "save the page that shows the minutes themselves, or pass them as text", line=1,
            )
        return Ingested(page.text, decoded.encoding, "html", page.layout,
                        stated_turns=page.stated_turns, meta=page.meta)
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
    """Collects the text of each main-content candidate line by line, with how much of each
    line is link text, and the page's first ``<h1>`` wherever it is."""

    def __init__(self, skipped: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skipped = skipped
        self.skipping = 0
        self.pre = 0
        self.link = 0
        self.code = 0  # inside script/style: not text even for the page heading
        self.open = {name: 0 for name in MAIN}
        self.open["document"] = 1
        self.text = {name: [""] for name in MAIN}
        self.linked = {name: [0] for name in MAIN}  # non-whitespace link characters per line
        self.heading: str | None = None  # the first non-empty <h1>, once closed
        self.h1: list[str] | None = None
        self.items: list[list[str]] = []  # the text of each open <li>, anywhere on the page
        self.listed = 0  # closed <li> that are utterance list entries
        self.entry = re.compile(rules()["html"]["utterance_list_entry"])

    def _targets(self) -> list[str]:
        return [name for name in MAIN if self.open[name]]

    def _newline(self) -> None:
        for name in self._targets():
            if self.text[name][-1].strip():
                self.text[name].append("")
                self.linked[name].append(0)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.skipped:
            self.skipping += 1
        self.code += tag in ("script", "style")
        if tag in self.open:
            self.open[tag] += 1
        if tag == "pre":
            self.pre += 1
        if tag == "a" and dict(attrs).get("href"):
            self.link += 1
        if tag == "h1" and self.heading is None:
            self.h1 = []
        if tag == "li":
            self.items.append([])
        if tag in BLOCKS and not self.skipping:
            self._newline()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BLOCKS and not self.skipping:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS and not self.skipping:
            self._newline()
        if tag in self.skipped and self.skipping:
            self.skipping -= 1
        if tag in ("script", "style") and self.code:
            self.code -= 1
        if tag in self.open and self.open[tag]:
            self.open[tag] -= 1
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag == "a" and self.link:
            self.link -= 1
        if tag == "h1" and self.h1 is not None:
            heading = " ".join(" ".join(self.h1).split())
            if re.search(r"\w", heading):  # an empty template slot such as ": " is no heading
                self.heading = heading
            self.h1 = None
        if tag == "li" and self.items:
            text = "".join(unicodedata.normalize("NFKC", "".join(self.items.pop())).split())
            self.listed += bool(self.entry.match(text))

    def handle_data(self, data: str) -> None:
        if self.h1 is not None and not self.code:
            self.h1.append(data)
        if not self.code:
            for item in self.items:
                item.append(data)
        if self.skipping:
            return
        for name in self._targets():
            if self.pre:
                lines = data.split("\n")
                self._add(name, lines[0])
                for line in lines[1:]:
                    self.text[name].append("")
                    self.linked[name].append(0)
                    self._add(name, line)
            else:
                # HTML whitespace (not U+3000) collapses to one space, as a browser shows it.
                self._add(name, re.sub(r"[ \t\r\n\f]+", " ", data))

    def _add(self, name: str, text: str) -> None:
        self.text[name][-1] += text
        if self.link:
            self.linked[name][-1] += len("".join(text.split()))


@dataclass(frozen=True)
class HtmlPage:
    text: str
    layout: dict[int, str]
    stated_turns: tuple[int, int] | None
    meta: PageMeta


def html_text(html: str) -> str:
    """The main text of an HTML page: one line per block, ASCII edges trimmed."""
    return html_page(html).text


def html_page(html: str) -> HtmlPage:
    """The body text of an HTML page, its furniture lines and what its heading says."""
    page = _html_page(html, SKIPPED | FORMS)
    if not any(marker in page.text for marker in TURN_MARKERS):
        with_forms = _html_page(html, SKIPPED)
        if any(marker in with_forms.text for marker in TURN_MARKERS):
            return with_forms
    return page


def _html_page(html: str, skipped: frozenset[str]) -> HtmlPage:
    parser = _TextExtractor(skipped)
    parser.feed(html)
    parser.close()
    meta = PageMeta(title=parser.heading or "", date_text=parser.heading or "")
    for name in MAIN:
        pairs = [(line.strip(" \t"), linked)
                 for line, linked in zip(parser.text[name], parser.linked[name])]
        pairs = [pair for pair in pairs if pair[0]]
        if pairs:
            page = _furniture(pairs, meta)
            if page.stated_turns is None and parser.listed:
                # The list is outside the body: its count is stated "on" the first line.
                page = dataclasses.replace(page, stated_turns=(parser.listed, 1))
            return page
    return HtmlPage("", {}, None, meta)


def _furniture(pairs: list[tuple[str, int]], meta: PageMeta) -> HtmlPage:
    """Body lines with each furniture line marked (see the module docstring)."""
    html_rules = rules()["html"]
    patterns = {kind: re.compile(rule) for kind, rule in html_rules["line_rules"].items()}
    lines: list[str] = []
    layout: dict[int, str] = {}
    stated: tuple[int, int] | None = None
    for line, linked in pairs:
        if split := _NUMBER_BEFORE_TURN.match(line):
            lines.append(split[1].strip())
            layout[len(lines)] = "utterance-number"
            line, linked = line[split.end():], 0
        lines.append(line)
        flat = "".join(unicodedata.normalize("NFKC", line).split())
        kind = next((k for k, pattern in patterns.items() if pattern.search(flat)), "")
        if not kind and linked and linked == len(flat) and not line.startswith(TURN_MARKERS):
            kind = "navigation"
        if kind:
            layout[len(lines)] = kind
        if kind == html_rules["count_rule"] and stated is None:
            stated = (int(patterns[kind].search(flat)["count"]), len(lines))
    return HtmlPage("\n".join(lines) + "\n", layout, stated, meta)


def json_ingest(document: Any, file: str) -> Ingested:
    """The body of a JSON API record list (see the module docstring)."""
    spec = rules()["json"]
    records = _records(document, spec["record_lists"], spec["body"])
    if records is None:
        raise GijirokuError(
            file, "the JSON holds no list of records with a "
            f"{spec['body']!r} text (looked for a bare array and for the keys "
            f"{', '.join(spec['record_lists'])})",
            "pass the API's minutes response (one meeting's records), or the minutes as text",
            line=1,
        )
    lines: list[str] = []
    layout: dict[int, str] = {}
    turn_lines: set[int] = set()
    page = 1
    turns = 0
    for record in records:
        body = record.get(spec["body"]) or ""
        text = html_page(body).text if _HTML_TAG.search(body) else body
        # One form-feed line per page turned, so that the form-feed page convention gives
        # each remark the record's own page number.
        stated_page = record.get(spec["page"])
        if isinstance(stated_page, int) and stated_page > page:
            lines.extend([FORM_FEED] * (stated_page - page))
            page = stated_page
        record_lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
        first = next((i for i, line in enumerate(record_lines) if line.strip()), None)
        if first is None:
            continue
        if str(record.get(spec["type"]) or "") not in spec["not_speech"]:
            turn_lines.add(len(lines) + first + 1)
            turns += 1
        elif turns:
            # A roll or order of business between turns is no one's speech: layout, so that
            # it does not run into the remark before it.
            layout.update((len(lines) + i + 1, "non-speech")
                          for i, line in enumerate(record_lines) if line.strip())
        lines.extend(record_lines)
        lines.append("")
    return Ingested("\n".join(lines) + "\n", "utf-8", "json", layout, frozenset(turn_lines),
                    stated_turns=(turns, 1))


def _records(document: Any, keys: list[str], body: str) -> list[dict] | None:
    def is_records(value: Any) -> bool:
        return isinstance(value, list) and bool(value) and all(
            isinstance(r, dict) and isinstance(r.get(body, ""), str) for r in value
        ) and any(body in r for r in value)

    if is_records(document):
        return document
    if isinstance(document, dict):
        return next((document[k] for k in keys if is_records(document.get(k))), None)
    return None
