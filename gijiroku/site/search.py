"""The site's search: the static index under ``search/``, the search page, the header box.

Search replaces Material's built-in search, which is wrong for Japanese
(``../shared/research/japanese-search.md``): the index is built here at build time by
:mod:`gijiroku.search.index` (its docstring documents the format) and queried in the browser by
``assets/search/search.js``, which fetches only the shards a query needs (the index is never
rebuilt in the browser).

Layout in the built site (``assets/search/site.js`` relies on it: it finds the index at
``../../search/`` from its own URL)::

    search/index.html        the search page (search/?q=QUERY&theme=…&meeting=…&series=…&speaker=…
                             &from=YYYY-MM-DD&to=YYYY-MM-DD&sort=newest|oldest)
    search/meta.json, search/grams/*.json, search/units/*.json, search/meetings.json,
    search/dates.json, search/speakers.json, search/texts/*.json (translations)
    assets/search/search.js  the search module (it imports snowball-english.js, the English
                             stemmer); search.css; site.js (mounts the page on
                             search/, highlights ?h=QUERY on the remark a result links to)

A secondary language's index (``en/search/``) has no ``units/`` of its own: it reads the
default language's (``../../search/units/``, meta.json ``units_at``), which hold every unit's
source text, and its dates.json and speakers.json; it keeps its translations in
``texts/``.

The header box on every page is Material's header partial with its search block replaced
(``theme/partials/header.html``, put in the theme by the plugin); it is a plain GET form to the
search page, so it works without JavaScript.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from gijiroku.search.index import build_index, units_from_minutes
from gijiroku.series import Series
from gijiroku.site.corpus import Corpus
from gijiroku.site.i18n import Strings
from gijiroku.site.theme_info import ThemeInfo
from gijiroku.site.views import PageView

ASSETS = Path(__file__).resolve().parent / "assets" / "search"
INDEX_DIR = "search/"
PAGE_SRC = "search/index.md"
CSS = "assets/search/search.css"
MODULES = ("assets/search/search.js", "assets/search/snowball-english.js", "assets/search/site.js")
SITE_JS = "assets/search/site.js"  # the entry point, loaded on every page as an ES module

TEXTS = {
    "ja": {"title": "検索",
           "noscript": "検索には JavaScript が必要です。全発言は「データ」ページの CSV でも検索できます。"},
    "en": {"title": "Search",
           "noscript": "Search needs JavaScript. Every remark is also in the CSV on the Data page."},
}


def search_language(theme_language: str) -> str:
    """The index language of a build: English tokens for an English site, else Japanese."""
    return "en" if theme_language.split("_")[0].lower() == "en" else "ja"


def site_units(corpus: Corpus, meeting_urls: dict[str, str], language: str = "ja",
               unit_pages: dict[str, str] | None = None) -> list[dict]:
    """Search units of every remark and item, each linking to its anchor on its meeting page,
    or on the part of it that shows the unit (``unit_pages``: unit ID -> the part's URL, for
    split meetings; a result leads straight there).

    For another language than Japanese, a unit's text is its translation (``NN.<lang>.yml``) and
    falls back to the Japanese text, as the page does; the meeting title likewise. A translated
    unit keeps the Japanese text as ``original``, which the index searches too.
    """
    units = []
    for doc in corpus.meetings:
        doc_units = units_from_minutes(doc.minutes, meeting_urls[doc.id])
        for unit in doc_units:
            if unit["id"] in (unit_pages or {}):
                unit["url"] = f"{unit_pages[unit['id']]}#{unit['id']}"
        translation = doc.translations.get(language) if language != "ja" else None
        if translation is not None:
            title = translation.meeting.get("title") or doc.minutes.meeting.title
            for unit in doc_units:
                entry = translation.units.get(unit["id"])
                if entry and entry.text.strip():  # searched too: the page shows it beside the translation
                    unit.update(original=unit["text"], text=entry.text)
                unit.update(title=title)
        units += doc_units
    return units


def index_files(units: list[dict], themes: list[ThemeInfo], language: str = "ja",
                series: Iterable[Series] = (), units_at: str = "") -> dict[str, str]:
    """``{site path: JSON text}`` of the index of ``units`` under ``search/``; ``units_at``: see
    :func:`add_files`."""
    labels = {t.id: t.name if language == "ja" else t.name_en for t in themes}
    series_labels = {s.slug: {"code": s.code, "title": s.title if language == "ja" else s.title_en or s.title}
                     for s in series}
    files = build_index(units, labels, language=language, series_labels=series_labels, units_at=units_at)
    return {INDEX_DIR + rel: text for rel, text in files.items()}


#: The prefix of the search page's words in strings.yml.
STRINGS_PREFIX = "search."


def page_words(strings: Strings) -> str:
    """The JSON of the search page's words (strings.yml ``search.*``, without the prefix) in
    ``strings``' language, which search.js reads from the container's ``data-strings``."""
    words = {key.removeprefix(STRINGS_PREFIX): texts[strings.language]
             for key, texts in strings.table.items() if key.startswith(STRINGS_PREFIX)}
    return json.dumps(words, ensure_ascii=False, sort_keys=True)  # {placeholders} left for search.js


def page_view(theme_language: str, strings: Strings) -> PageView:
    """The search page (theme/gijiroku/search.html): an empty container site.js mounts the UI
    in, with its words (:func:`page_words`)."""
    texts = TEXTS[search_language(theme_language)]
    return PageView(texts["title"], "gijiroku/search.html",
                    lambda: {"noscript": texts["noscript"], "words": page_words(strings)})


def configure(config: MkDocsConfig) -> None:
    """In ``on_config``: the search stylesheet and module on every page (the header box is
    the plugin's override of Material's header, theme/partials/header.html)."""
    config.extra_css.append(CSS)
    script = ExtraScriptValue(SITE_JS)
    script.type = "module"
    config.extra_javascript.append(script)


def add_files(add: Callable[..., File], corpus: Corpus, meeting_urls: dict[str, str],
              themes: list[ThemeInfo], theme_language: str, unit_pages: dict[str, str] | None = None,
              default_root: str | None = None) -> File:
    """In ``on_files``: add the search page, the index and the assets through ``add`` (the
    plugin's ``File.generated`` helper); returns the search page's file.

    ``unit_pages``: see :func:`site_units` (the same in every language: parts are cut on the
    Japanese text, so the shared units files link every language's part pages alike).
    ``default_root``: in a secondary language's build, the path from its root to the default
    language's root (``../``). Its index then uses the units files of the default build's index
    (the same for every language: :func:`gijiroku.search.index.build_index`'s ``units_at``)
    and writes only its postings and the translated texts.

    The index is built here rather than written in ``on_post_build`` so that its files are part
    of the build's ``Files``: ``mkdocs serve`` serves them from memory, and a docs/ file at the
    same path is reported as a clash like any generated page.
    """
    language = search_language(theme_language)
    page = add(PAGE_SRC, False, content="")  # its view: page_view()
    # From this build's search/ up to its root, then to the default build's search/.
    units_at = f"../{default_root}{INDEX_DIR}" if default_root is not None else ""
    for path, content in index_files(site_units(corpus, meeting_urls, language, unit_pages), themes, language,
                                     corpus.series(), units_at).items():
        add(path, content=content)
    for asset in (CSS, *MODULES):
        add(asset, abs_src_path=str(ASSETS / Path(asset).name))
    return page
