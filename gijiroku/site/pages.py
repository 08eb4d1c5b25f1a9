"""Stage 2 of the site: a :class:`Site` -> the HTML body of every generated page.

Safety: every string that comes from the minutes passes through :func:`esc` (or
:func:`text_html`) and nowhere else; the bodies are wrapped by :func:`page_markdown` into one
raw-HTML block, which Python-Markdown stores untouched, so nothing in a remark can become
Markdown or HTML. Bodies contain no blank line (a blank line would end the raw block) and no
literal newline inside text (newlines in ``<pre>`` are written as ``&#10;``).

Links: every href is made relative to the page it appears on (:meth:`Site.href`), because
MkDocs does not rewrite links inside raw HTML; absolute URLs (citations, CSV) come from
``site_url`` (:meth:`Site.absolute`).
"""

from __future__ import annotations

import hashlib
import html
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

import yaml
from mkdocs.utils import get_relative_url

from gijiroku.site.cite import cite
from gijiroku.site.corpus import Corpus, MeetingDoc, Unit
from gijiroku.site.lexicon import ThemeInfo

HOME_RECENT = 10  # meetings listed per series on Home; the full list is on the meetings page


def esc(text: Any) -> str:
    """Escape for HTML text and attribute values; newlines become character references so a
    text can never end the surrounding raw-HTML block."""
    return html.escape(str(text), quote=True).replace("\n", "&#10;")


def text_html(text: str, spans: Iterable[tuple[int, int]] = ()) -> str:
    """A remark text as ``<p>`` paragraphs (one per ``\\n``), with the characters covered by
    ``spans`` (half-open offsets into ``text``, possibly overlapping) inside ``<mark>``."""
    marked = [False] * len(text)
    for start, end in spans:
        for index in range(max(start, 0), min(end, len(text))):
            marked[index] = True
    out, in_mark = ["<p>"], False
    for char, is_marked in zip(text, marked):
        if char == "\n":
            out.append("</mark></p><p>" if in_mark else "</p><p>")
            in_mark = False
            continue
        if is_marked != in_mark:
            out.append("<mark>" if is_marked else "</mark>")
            in_mark = is_marked
        out.append(html.escape(char))
    out.append("</mark></p>" if in_mark else "</p>")
    return "".join(out)


def valid_spans(text: str, entries: Iterable[dict[str, Any]], key: str) -> list[tuple[int, int]]:
    """Offsets of ``entries`` whose ``text[start:end]`` really is ``entry[key]``; a stale offset
    is dropped rather than highlighting the wrong characters (the data test catches it)."""
    return [(e["start"], e["end"]) for e in entries
            if isinstance(e.get("start"), int) and text[e["start"]:e["end"]] == e.get(key)]


def page_markdown(title: str, body: str) -> str:
    """The generated Markdown source of a page: front matter and one raw-HTML block."""
    assert "\n\n" not in body, "a blank line would end the raw HTML block"
    # Templates print page.title unescaped (Jinja autoescape is off in MkDocs), and MkDocs
    # titles are HTML by convention, so the title is escaped here.
    front = yaml.safe_dump({"title": html.escape(title), "hide": ["toc"]}, allow_unicode=True)
    return f"---\n{front}---\n\n<div class=\"gj\">\n{body}\n</div>\n"


@dataclass
class Paths:
    """Site-relative URLs of the generated files, as MkDocs computed them (``File.url``)."""

    home: str = ""
    meetings: str = ""
    themes: str = ""
    report: str = ""
    glossary: str = ""
    data: str = ""
    csv: str = ""
    schema: str | None = None
    meeting: dict[str, str] = field(default_factory=dict)
    theme: dict[str, str] = field(default_factory=dict)
    yaml: dict[str, str] = field(default_factory=dict)
    json: dict[str, str] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)  # only sources that exist on disk


@dataclass
class Site:
    corpus: Corpus
    themes: list[ThemeInfo]
    paths: Paths
    site_url: str

    def href(self, url: str, here: str, anchor: str = "") -> str:
        return esc(get_relative_url(url, here) + (f"#{anchor}" if anchor else ""))

    def absolute(self, url: str, anchor: str = "") -> str:
        return self.site_url.rstrip("/") + "/" + url + (f"#{anchor}" if anchor else "")

    def permalink(self, doc: MeetingDoc, unit_id: str) -> str:
        return self.absolute(self.paths.meeting[doc.id], unit_id)

    def theme(self, theme_id: str) -> ThemeInfo | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def theme_units(self, theme_id: str) -> list[tuple[MeetingDoc, Unit, dict[str, Any]]]:
        return [(doc, unit, tag) for doc in self.corpus.meetings for unit in doc.units()
                for tag in unit.data.get("themes") or [] if tag.get("theme") == theme_id]


# --- small pieces --------------------------------------------------------------------------

def meeting_date(doc: MeetingDoc) -> str:
    d = doc.date
    return (f'<time datetime="{d.isoformat()}">{d.year}年{d.month}月{d.day}日'
            f"（{doc.weekday}）</time>")


def meeting_name(doc: MeetingDoc) -> str:
    return esc(f"{doc.meeting['title']} {doc.meeting.get('kind') or ''}".strip())


def chips(site: Site, unit: Unit, here: str) -> str:
    out = []
    for tag in unit.data.get("themes") or []:
        info = site.theme(tag["theme"])
        name = info.name if info else tag["theme"]
        manual = ' <span class="gj-manual" title="手動で付与 (manual)">✎</span>' \
            if tag.get("origin") == "manual" else ""
        out.append(f'<a class="gj-chip" href="{site.href(site.paths.theme[tag["theme"]], here, unit.id)}">'
                   f"{esc(name)}{manual}</a>")
    return f'<span class="gj-chips">{"".join(out)}</span>' if out else ""


def cite_panel(site: Site, doc: MeetingDoc, unit: Unit) -> str:
    url = site.permalink(doc, unit.id)
    citation = cite(doc, unit, url)
    blocks = []
    for key, label, text in (("ja", "日本語", citation.ja), ("en", "English", citation.en),
                             ("bib", "BibTeX", citation.bibtex), ("csl", "CSL-JSON", citation.csl_json)):
        target = f"cite-{key}-{unit.id}"
        lang = ' lang="en"' if key == "en" else ""
        blocks.append(
            f'<div class="gj-cite-format"><span class="gj-cite-label">{label}</span>'
            f'<button type="button" class="gj-copy md-button" data-copy="{target}" hidden>'
            f"コピー<span class=\"md-visually-hidden\"> {label}</span></button>"
            f'<pre id="{target}"{lang}>{esc(text)}</pre></div>')
    return (f'<details class="gj-cite"><summary>引用 <span lang="en">Cite</span></summary>'
            f'<div class="gj-cite-body"><p class="gj-permalink">パーマリンク: '
            f'<a href="#{esc(unit.id)}">{esc(url)}</a></p>{"".join(blocks)}'
            f'<p class="gj-status" role="status" aria-live="polite"></p></div></details>')


def unit_head(site: Site, unit: Unit, here: str, number_href: str) -> str:
    return (f'<div class="gj-head"><a class="gj-num" href="{number_href}" '
            f'title="この発言へのリンク {esc(unit.id)}">発言 {esc(unit.label)}</a>'
            f'<span class="gj-page">p.{esc(unit.page)}</span>'
            f'<span class="gj-id">{esc(unit.id)}</span>{chips(site, unit, here)}</div>')


def remark_block(site: Site, doc: MeetingDoc, remark: Unit, items: list[Unit], here: str) -> str:
    def body(unit: Unit) -> str:
        return (f'{unit_head(site, unit, here, "#" + esc(unit.id))}'
                f'<div class="gj-text">{text_html(unit.text)}</div>{cite_panel(site, doc, unit)}')

    items_html = "".join(f'<li class="gj-item" id="{esc(item.id)}" data-hash="{esc(item.data.get("hash", ""))}">'
                         f"{body(item)}</li>" for item in items)
    return (f'<article class="gj-remark" id="{esc(remark.id)}" data-hash="{esc(remark.data.get("hash", ""))}">'
            f"{body(remark)}"
            + (f'<ol class="gj-items">{items_html}</ol>' if items else "") + "</article>")


def context_entry(site: Site, doc: MeetingDoc, unit: Unit, here: str,
                  spans: list[tuple[int, int]], note: str = "", entry_id: str | None = None) -> str:
    """A remark shown outside its meeting: its text (``spans`` marked) and a link into context."""
    context = site.href(site.paths.meeting[doc.id], here, unit.id)
    ident = f' id="{esc(entry_id)}"' if entry_id else ""
    return (f'<article class="gj-remark gj-entry"{ident}>'
            f'{unit_head(site, unit, here, context)}'
            + (f'<p class="gj-note">{note}</p>' if note else "")
            + f'<div class="gj-text">{text_html(unit.text, spans)}</div>'
            f'<p class="gj-context"><a href="{context}">文脈で読む（{meeting_name(doc)}）</a></p>'
            "</article>")


def meeting_heading(site: Site, doc: MeetingDoc, here: str, level: int = 2) -> str:
    return (f'<h{level} class="gj-meeting-title"><a href="{site.href(site.paths.meeting[doc.id], here)}">'
            f"{meeting_name(doc)}</a> <small>{meeting_date(doc)}</small></h{level}>")


def theme_counts(site: Site) -> dict[str, int]:
    return {theme.id: len(site.theme_units(theme.id)) for theme in site.themes}


def theme_list(site: Site, here: str) -> str:
    counts = theme_counts(site)
    if not site.themes:
        return "<p>テーマはまだ定義されていません。</p>"
    rows = []
    for t in site.themes:
        english = f' <span lang="en">{esc(t.name_en)}</span>' if t.name_en != t.name else ""
        description = f"<br>{esc(t.description)}" if t.description else ""
        rows.append(f'<li><a href="{site.href(site.paths.theme[t.id], here)}"><strong>{esc(t.name)}'
                    f'</strong></a>{english} <span class="gj-count">{counts[t.id]}件</span>'
                    f"{description}</li>")
    return f'<ul class="gj-themes">{"".join(rows)}</ul>'


def meetings_table(site: Site, docs: list[MeetingDoc], here: str) -> str:
    rows = []
    for doc in docs:
        m = doc.meeting
        links = [f'<a href="{site.href(site.paths.yaml[doc.id], here)}">YAML</a>',
                 f'<a href="{site.href(site.paths.json[doc.id], here)}">JSON</a>']
        if doc.id in site.paths.source:
            links.append(f'<a href="{site.href(site.paths.source[doc.id], here)}">原文</a>')
        rows.append(
            f'<tr><td><a href="{site.href(site.paths.meeting[doc.id], here)}">{esc(m["title"])}</a></td>'
            f"<td>{meeting_date(doc)}</td><td>{esc(m.get('kind') or '')}</td>"
            f"<td>{len(doc.remarks)}</td><td>{' · '.join(links)}</td></tr>")
    # No class on the table: Material styles (and makes scrollable) only `table:not([class])`.
    return ('<table><thead><tr><th scope="col">会議</th>'
            '<th scope="col">日付</th><th scope="col">種別</th><th scope="col">発言数</th>'
            f'<th scope="col">データ</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def series_docs(site: Site) -> list[tuple[Any, list[MeetingDoc]]]:
    return [(series, [d for d in site.corpus.meetings if d.series.slug == series.slug])
            for series in site.corpus.series()]


# --- pages ---------------------------------------------------------------------------------

def home_page(site: Site, here: str) -> str:
    out = ['<h1>審議会の議事録を、発言ごとに読む・引用する</h1>',
           '<p>政府の審議会・研究会の議事要旨を、発言単位の構造化データとして公開しています。'
           '各発言には変わらないIDとリンクがあり、テーマ別に読み、そのまま引用できます。</p>',
           '<h2 id="study-groups">研究会</h2>']
    for series, docs in series_docs(site):
        recent = list(reversed(docs))[:HOME_RECENT]
        out.append(f'<h3 class="gj-series-title">{esc(series.title)}</h3>'
                   f'<p><span lang="en">{esc(series.title_en)}</span><br>{esc(series.organiser)}'
                   f' <span lang="en">{esc(series.organiser_en)}</span></p>'
                   f"{meetings_table(site, recent, here)}")
    out.append(f'<p><a href="{site.href(site.paths.meetings, here)}">すべての会議</a></p>')
    out.append(f'<h2 id="themes">テーマ</h2>{theme_list(site, here)}')
    example = next((d for d in site.corpus.meetings if d.remarks), None)
    out.append('<h2 id="cite">引用のしかた</h2>'
               "<p>発言には会議をまたいで一意で、公開後は変わらないID（例: <code>sr06-04</code>）があります。"
               "発言番号をクリックすると、その発言だけを指すリンク（パーマリンク）になります。"
               "各発言の「引用」を開くと、日本語・英語の引用文、BibTeX、CSL-JSONをコピーできます。"
               "本文が訂正された場合はデータの <code>hash</code> が変わります。</p>")
    if example:
        unit = next(example.units())
        citation = cite(example, unit, site.permalink(example, unit.id))
        out.append(f'<p>例:</p><pre class="gj-example">{esc(citation.ja)}</pre>'
                   f'<pre class="gj-example" lang="en">{esc(citation.en)}</pre>')
    schema = (f'、<a href="{site.href(site.paths.schema, here)}">JSON Schema</a>'
              if site.paths.schema else "")
    out.append('<h2 id="data">データ</h2>'
               f'<p>すべての発言の <a href="{site.href(site.paths.csv, here)}">CSV</a>{schema}、'
               f'会議ごとの YAML・JSON・原文テキストは <a href="{site.href(site.paths.data, here)}">データ</a> '
               "のページからダウンロードできます。</p>"
               f'<p><a href="{site.href(site.paths.report, here)}">取りまとめへの言及</a> · '
               f'<a href="{site.href(site.paths.glossary, here)}">用語集</a></p>')
    return "\n".join(out)


def meetings_index_page(site: Site, here: str) -> str:
    out = ["<h1>会議一覧</h1>"]
    for series, docs in series_docs(site):
        out.append(f'<h2 class="gj-series-title">{esc(series.title)}</h2>'
                   f"{meetings_table(site, list(reversed(docs)), here)}")
    return "\n".join(out)


def meeting_page(site: Site, doc: MeetingDoc, here: str) -> str:
    m, series = doc.meeting, doc.series
    time = f"{esc(m['start'])}〜{esc(m['end'] or '')}" if m.get("start") else ""
    attendees = "".join(
        f'<li>{esc(a.get("name", ""))}<span class="gj-role">{esc(a.get("role", ""))}</span></li>'
        for a in m.get("attendees") or [])
    source = m.get("source") or {}
    if doc.id in site.paths.source:
        src = (f'<a href="{site.href(site.paths.source[doc.id], here)}" download>'
               f'{esc(source.get("file", ""))}</a>')
    else:
        src = f"{esc(source.get('file', ''))}（サイトに未収録）"
    src += (f' <span class="gj-page">{esc(source.get("pages", ""))}ページ · {esc(source.get("encoding", ""))}'
            f' · sha256 <code>{esc(str(source.get("sha256", ""))[:12])}…</code></span>'
            f' · <a href="{site.href(site.paths.yaml[doc.id], here)}">YAML</a>'
            f' · <a href="{site.href(site.paths.json[doc.id], here)}">JSON</a>')
    out = [f"<h1>{meeting_name(doc)}</h1>",
           f'<p class="gj-series"><a href="{site.href(site.paths.home, here)}">{esc(series.title)}</a>'
           f" · {esc(series.organiser)}</p>",
           '<dl class="gj-meta">'
           f"<dt>日時</dt><dd>{meeting_date(doc)} {time}</dd>"
           f"<dt>場所</dt><dd>{esc(m.get('venue') or '')}</dd>"
           f'<dt>出席者</dt><dd><ul class="gj-attendees">{attendees}</ul></dd>'
           f"<dt>出典</dt><dd>{src}</dd></dl>"]
    warnings = doc.data.get("warnings") or []
    if warnings:
        rows = "".join(f"<li>{esc(w.get('line', ''))}行目: {esc(w.get('message', ''))}</li>"
                       for w in warnings)
        out.append('<div class="admonition note"><p class="admonition-title">原文についての注記</p>'
                   f"<ul>{rows}</ul></div>")
    header = doc.data.get("header") or []
    if header:
        lines = "".join(f"<li>{esc(h.get('text', ''))}</li>" for h in header)
        out.append(f'<details class="gj-header"><summary>原文の冒頭</summary><ul>{lines}</ul></details>')
    out.append(f"<p>発言 {len(doc.remarks)}件</p>")
    units = list(doc.units())
    for unit in units:
        if unit.parent is None:
            items = [u for u in units if u.parent == unit.id]
            out.append(remark_block(site, doc, unit, items, here))
    if doc.data.get("closing"):
        out.append(f'<p class="gj-closing">{esc(doc.data["closing"])}</p>')
    return "\n".join(out)


def themes_index_page(site: Site, here: str) -> str:
    return f"<h1>テーマ</h1>\n{theme_list(site, here)}"


def theme_page(site: Site, theme: ThemeInfo, here: str) -> str:
    entries = site.theme_units(theme.id)
    english = f' <small lang="en">{esc(theme.name_en)}</small>' if theme.name_en != theme.name else ""
    out = [f"<h1>{esc(theme.name)}{english}</h1>"]
    if theme.description:
        out.append(f"<p>{esc(theme.description)}</p>")
    if theme.description_en:
        out.append(f'<p lang="en">{esc(theme.description_en)}</p>')
    out.append(f"<p>{len(entries)}件の発言。ハイライトはこのテーマと判定された根拠の語です。</p>")
    current = None
    for doc, unit, tag in entries:
        if doc is not current:
            out.append(meeting_heading(site, doc, here))
            current = doc
        evidence = tag.get("evidence") or []
        terms = "、".join(dict.fromkeys(str(e.get("term", "")) for e in evidence))
        origin = "手動で付与" if tag.get("origin") == "manual" else "自動判定"
        note = esc(f"{origin}" + (f" · 一致した語: {terms}" if terms else ""))
        out.append(context_entry(site, doc, unit, here, valid_spans(unit.text, evidence, "term"),
                                 note, entry_id=unit.id))
    if not entries:
        out.append("<p>このテーマの発言はまだありません。</p>")
    return "\n".join(out)


REF_KINDS = (("page", "ページ"), ("chapter", "章"), ("summary", "概要（一枚紙）"), ("toc", "目次"))


def ref_numbers(ref: dict[str, Any]) -> tuple[int, ...]:
    number = ref.get("number")
    if number is None:
        return ()
    return tuple(number) if isinstance(number, list) else (number,)


def ref_group_label(kind: str, numbers: tuple[int, ...]) -> str:
    if kind == "page" and numbers:
        return "p." + "–".join(map(str, numbers))
    if kind == "chapter" and numbers:
        return "・".join(f"第{n}章" for n in numbers)
    return dict(REF_KINDS).get(kind, kind)


def report_page(site: Site, here: str) -> str:
    groups: dict[tuple[str, tuple[int, ...]], list] = defaultdict(list)
    for doc in site.corpus.meetings:
        for unit in doc.units():
            for ref in unit.data.get("refs") or []:
                groups[(ref.get("kind", ""), ref_numbers(ref))].append((doc, unit, ref))
    out = ["<h1>取りまとめへの言及</h1>",
           "<p>発言が議論の対象の文書（報告書案・取りまとめ）のどのページ・章に触れているかの一覧です。</p>"]
    order = [kind for kind, _ in REF_KINDS] + sorted({k for k, _ in groups} - {k for k, _ in REF_KINDS})
    for kind in order:
        keys = sorted(key for key in groups if key[0] == kind)
        if not keys:
            continue
        out.append(f'<h2 id="{esc(kind)}">{esc(dict(REF_KINDS).get(kind, kind))}</h2>')
        for key in keys:
            anchor = "-".join([kind, *map(str, key[1])])
            titles = "".join(dict.fromkeys(f"「{r['title']}」" for _, _, r in groups[key] if r.get("title")))
            out.append(f'<h3 id="{esc(anchor)}">{esc(ref_group_label(*key))}{esc(titles)}</h3>')
            for doc, unit, ref in groups[key]:
                out.append(context_entry(site, doc, unit, here,
                                         valid_spans(unit.text, [ref], "text"),
                                         note=esc(f"言及: {ref.get('text', '')}")))
    if not groups:
        out.append("<p>取りまとめへの言及はまだ抽出されていません。</p>")
    return "\n".join(out)


def term_anchor(term: str) -> str:
    # Terms are Japanese; a short hash gives an ASCII anchor that stays put across rebuilds.
    return "term-" + hashlib.sha1(term.encode("utf-8")).hexdigest()[:8]


def snippet(text: str, start: int, end: int, width: int = 40) -> tuple[str, list[tuple[int, int]]]:
    left, right = max(0, start - width), min(len(text), end + width)
    prefix = "…" if left else ""
    return (prefix + text[left:right] + ("…" if right < len(text) else ""),
            [(start - left + len(prefix), end - left + len(prefix))])


def glossary_page(site: Site, here: str) -> str:
    uses: dict[str, list] = defaultdict(list)
    for doc in site.corpus.meetings:
        for unit in doc.units():
            for term in unit.data.get("terms") or []:
                uses[str(term.get("term", ""))].append((doc, unit, term))
    out = ["<h1>用語集</h1>",
           "<p>発言の中で「」に入れて示された鍵となる語と、それを使った発言です（初出順）。</p>"]
    if not uses:
        out.append("<p>用語はまだ抽出されていません。</p>")
        return "\n".join(out)
    out.append('<ul class="gj-term-index">' + "".join(
        f'<li><a href="#{term_anchor(t)}">「{esc(t)}」</a></li>' for t in uses) + "</ul>")
    for term, rows in uses.items():
        items = []
        for doc, unit, use in rows:
            context = site.href(site.paths.meeting[doc.id], here, unit.id)
            if valid_spans(unit.text, [use], "term"):
                text, spans = snippet(unit.text, use["start"], use["end"])
            else:
                text, spans = unit.text, []
            items.append(f'<li><a href="{context}">{meeting_name(doc)} 発言 {esc(unit.label)}</a>'
                         f'<div class="gj-text">{text_html(text, spans)}</div></li>')
        out.append(f'<section class="gj-term" id="{term_anchor(term)}"><h2>「{esc(term)}」</h2>'
                   f'<ul class="gj-uses">{"".join(items)}</ul></section>')
    return "\n".join(out)


def data_page(site: Site, here: str) -> str:
    out = ["<h1>データ</h1>",
           "<p>サイトの内容はすべて次のファイルから生成されています。自由にダウンロードして使えます。</p>",
           '<h2 id="all">すべての発言</h2><ul>'
           f'<li><a href="{site.href(site.paths.csv, here)}" download>remarks.csv</a>'
           "（UTF-8 BOM付き。列: id, meeting, date, page, themes（; 区切り）, text, url, parent。"
           "項目（・）は親の発言IDを parent に持つ行です）</li>"]
    if site.paths.schema:
        out.append(f'<li><a href="{site.href(site.paths.schema, here)}" download>minutes.schema.json</a>'
                   "（会議ごとの YAML/JSON の JSON Schema）</li>")
    out.append("</ul>")
    for series, docs in series_docs(site):
        out.append(f'<h2 class="gj-series-title">{esc(series.title)}</h2>{meetings_table(site, docs, here)}')
    return "\n".join(out)
