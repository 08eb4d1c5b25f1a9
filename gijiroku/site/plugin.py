"""The MkDocs plugin's hooks: reads the minutes YAML and generates the site's pages and downloads.

Nothing is written into ``docs/``: every page and data file is a ``File.generated`` added in
``on_files``. A generated page's Markdown is its front matter only (its title); its body is its
template's HTML (``gijiroku/site/theme/gijiroku/<kind>.html``, with the context its view in
:mod:`gijiroku.site.views` computes), rendered with MkDocs' Jinja environment in
``on_page_content``, which returns it as the page's content: Markdown never sees it (passing a
page's HTML through Python-Markdown was over half of a 1,000-meeting build). The theme folder
``gijiroku/site/theme/`` is a template folder of the site's theme, so ``theme.custom_dir``
overrides any of its templates (README, "Custom page templates").
"""

from __future__ import annotations

import functools
import gc
import html
import logging
import re
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import yaml_load

from gijiroku.errors import GijirokuError
from gijiroku.site import feeds, head, languages, search, speakers, views
from gijiroku.site.cache import YamlCache
from gijiroku.site.config import GijirokuConfig
from gijiroku.site.corpus import Corpus, MeetingDoc, freshness_warnings, load_corpus
from gijiroku.site.exports import (csv_file, meeting_csv_rows, meetings_json_zip, series_csv_name, series_zip_name,
                                   zip_file)
from gijiroku.site import minify
from gijiroku.site.html import install
from gijiroku.site.i18n import STRINGS_PATH, load_glossary, load_strings
from gijiroku.site.languages import Worker
from gijiroku.site.parts import MeetingPart, meeting_parts, part_src_uri, unit_pages
from gijiroku.site.theme_info import load_theme_infos, with_themes_in_data

log = logging.getLogger("mkdocs.plugins.gijiroku")

ASSETS = Path(__file__).resolve().parent / "assets"
CSS, JS = "assets/gijiroku/gijiroku.css", "assets/gijiroku/gijiroku.js"
# The meeting pages' copy buttons and citations: an ES module and the one it imports.
COPY_JS, CITE_JS = "assets/gijiroku/copy.js", "assets/gijiroku/cite.js"
THEME_RULES = "theme-rules.md"  # docs/theme-rules.md and docs/en/theme-rules.md: how themes are assigned
#: The plugin's templates: the page templates (gijiroku/…) and Material partial overrides.
THEME = Path(__file__).resolve().parent / "theme"
ANCHOR_ID = re.compile(r'\sid="([^"]*)"')


def published_site_url(config: MkDocsConfig) -> str | None:
    """The address the site is published at (``site_url``, which mkdocs.yml takes from
    SITE_URL), or None. `mkdocs serve` replaces ``site_url`` with its local address
    (http://127.0.0.1:8000/…), which must never reach a citation or the CSV: then the address
    is the config file's own, read again as MkDocs reads it (``!ENV``, ``INHERIT``)."""
    site_url = config.site_url or None
    if site_url and config.config_file_path and is_dev_address(site_url, config.dev_addr):
        with open(config.config_file_path, encoding="utf-8") as file:
            site_url = yaml_load(file).get("site_url") or None
    return site_url


def is_dev_address(url: str, dev_addr: tuple[str, int]) -> bool:
    """Whether ``url`` is on the address `mkdocs serve` listens on (``dev_addr``)."""
    parts = urlsplit(url)
    return parts.scheme == "http" and (parts.hostname, parts.port) == (dev_addr[0].strip("[]"), dev_addr[1])


class GijirokuPlugin(BasePlugin[GijirokuConfig]):
    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path or ".").resolve().parent / value).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.minutes_dir = self._path(config, self.config.minutes_dir)
        self.lexicon = self._path(config, self.config.lexicon)
        self.schema = self._path(config, self.config.schema)
        self.glossary = self._path(config, self.config.glossary)
        self.cache = YamlCache(self._path(config, self.config.cache_dir)) if self.config.cache else None
        self.language = config.theme["language"]
        if self.config.page_size < 1:
            raise PluginError(f"gijiroku: page_size must be at least 1, not {self.config.page_size}")
        if self.config.part_kb < 1:
            raise PluginError(f"gijiroku: part_kb must be at least 1, not {self.config.part_kb}")
        if self.config.feed_entries < 1:
            raise PluginError(f"gijiroku: feed_entries must be at least 1, not {self.config.feed_entries}")
        try:
            self.strings = load_strings(self.language)
        except GijirokuError as error:
            raise PluginError(str(error)) from None
        self.site_url = published_site_url(config)
        self._configure_languages(config)
        self.locales = head.locales(list(self.config.languages) or [self.language])
        if self.site_url is None and not self.secondary:
            # INFO, not a warning: mkdocs.yml has `strict: true`, and a warning would fail the
            # README's plain `mkdocs build --strict`, which is right without SITE_URL (links
            # are relative, the browser makes absolute ones). One line, from the default build
            # only, on every build and `mkdocs serve` rebuild.
            log.info("SITE_URL is not set: the site has no address (site_url), so the CSV's "
                     "links are relative and the sitemap and canonical links are left out; set "
                     "SITE_URL to where the site is published (README, \"Publish / deploy\")")
        config.extra_css.append(CSS)
        config.extra_javascript.append(JS)
        copy_script = ExtraScriptValue(COPY_JS)
        copy_script.type = "module"
        config.extra_javascript.append(copy_script)
        search.configure(config)  # gijiroku/site/search.py: the search module and its CSS
        self._add_theme_folder(config)
        return config

    @staticmethod
    def _add_theme_folder(config: MkDocsConfig) -> None:
        """Put the plugin's templates (:data:`THEME`) just after the site owner's
        ``theme.custom_dir`` (the first folder, when set) and before the theme's own folders, so
        ours override Material's partials and ``custom_dir`` overrides any of ours."""
        dirs = config.theme.dirs
        if str(THEME) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))

    def _configure_languages(self, config: MkDocsConfig) -> None:
        """Paths between the language builds (``self.roots``), this build's ``site_url``, and
        Material's language selector (``extra.alternate``, whose template we override)."""
        languages = list(self.config.languages)
        self.roots: dict[str, str] = {}
        # Whether this build is of a language other than the default (the first one).
        self.secondary = False
        if not languages:
            return
        if self.language not in languages:
            raise PluginError(f"theme.language {self.language!r} is not one of the plugin's "
                              f"`languages` ({', '.join(languages)}); add it or fix the theme")
        default = languages[0]
        self.secondary = self.language != default
        prefix = f"{self.language}/" if self.secondary else ""
        # From this build's root: the default root is "" (or "../" from a secondary build);
        # every secondary language's root is "<code>/" below the default one.
        up = "../" if prefix else ""
        self.roots = {lang: "" if lang == self.language else up + ("" if lang == default else f"{lang}/")
                      for lang in languages}
        if prefix and config.site_url and not config.site_url.endswith(f"/{prefix}"):
            # A secondary build inherits the default's site_url and lives below it.
            config.site_url = config.site_url.rstrip("/") + "/" + prefix
        if prefix and self.site_url and not self.site_url.endswith(f"/{prefix}"):
            self.site_url = self.site_url.rstrip("/") + "/" + prefix
        names = {lang: load_strings(lang)("language.name") for lang in languages}
        # Links to each language's home, for the 404 page and Material's <link rel=alternate>;
        # on pages the selector links to the same page instead (on_page_context).
        config.extra.setdefault("alternate", [
            {"name": names[lang], "link": self.roots[lang] or "./", "lang": lang} for lang in languages])
        self.names = names

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self._start_other_languages(config)
        self._drop_unused_theme_files(files, config)
        # Reading the corpus and planning the pages make millions of objects (the corpus, the
        # pages' views, the search index) that live until the build ends, and hardly any
        # garbage cycles: the cyclic collector would traverse the growing heap again and again
        # for nothing (2.5 s of full collections at 1,000 meetings, measured, a tenth of the
        # build). So it is paused meanwhile; then what is garbage is collected, and the rest
        # frozen: it would otherwise be traversed again at every full collection the rendering
        # triggers (8 s of a 28 s 1,000-meeting build, measured). It is unfrozen when the build
        # ends (_end_build). Collecting first matters under `mkdocs serve`: the previous
        # build's pages are garbage by now, and frozen they would outlive this build too
        # (400 MB more per rebuild at 1,000 meetings).
        enabled = gc.isenabled()
        gc.disable()
        try:
            files = self._add_files(files, config)
            gc.collect()
            gc.freeze()
        finally:
            if enabled:
                gc.enable()
        return files

    @staticmethod
    def _drop_unused_theme_files(files: Files, config: MkDocsConfig) -> None:
        """Leave out the theme's files that no page uses (minify.unused_theme_file); a file of
        the same name in docs/ is the site owner's, and stays."""
        material_search = any(name in config.plugins for name in ("search", "material/search"))
        docs = Path(config.docs_dir).resolve()
        for file in [f for f in files if minify.unused_theme_file(f.src_uri, material_search)]:
            if file.abs_src_path and not Path(file.abs_src_path).resolve().is_relative_to(docs):
                files.remove(file)

    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Read the corpus; add every generated page and data file to ``files``, and plan the
        pages' views (``self.pages``)."""
        try:
            # A secondary language's build runs beside the default one (_start_other_languages)
            # and reads the YAML from the other end, so each parses about half (load_corpus).
            corpus = load_corpus(self.minutes_dir, self.cache, backwards=self.secondary)
            lexicon = load_theme_infos(self.lexicon)
            glossary = load_glossary(self.glossary)
        except GijirokuError as error:
            raise PluginError(str(error)) from None
        if not self.secondary:  # the other languages' builds read the same corpus
            for message in freshness_warnings(corpus):
                log.warning(message)
        used = [tag.theme for doc in corpus.meetings for unit in doc.units() for tag in unit.themes]
        themes = with_themes_in_data(lexicon, used)
        self.cache_keys = corpus.cache_keys

        def add(src_uri: str, in_nav: bool = True, **source) -> File:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{src_uri} clashes with a page the gijiroku "
                                  "plugin generates; rename or remove it")
            file = File.generated(config, src_uri, inclusion=InclusionLevel.UNDEFINED if in_nav
                                  else InclusionLevel.NOT_IN_NAV, **source)
            files.append(file)
            return file

        # Every page's URL is known before any is rendered (links inside a page are relative
        # to it). A page's Markdown is its front matter; its body is rendered in on_page_content
        # from self.pages (src_uri -> views.PageView).
        self.pages: dict[str, views.PageView] = {}
        page_files = {
            "home": add("index.md", content=""),
            "meetings": add("meetings/index.md", content=""),
            "themes": add("themes/index.md", content=""),
            "report": add("report.md", content=""),
            "glossary": add("glossary.md", content=""),
            "data": add("data/index.md", content=""),
        }
        units = views.corpus_units(corpus)
        # A long meeting is split into parts (site/parts.py): meetings/<id>.md is part 1, then
        # meetings/<id>/<k>.md, out of the nav. meeting_files: part 1 of each meeting;
        # part_files: every part of a split meeting with its remarks' IDs.
        meeting_files: dict[str, File] = {}
        part_files: dict[str, list[tuple[File, tuple[str, ...]]]] = {}
        for doc in corpus.meetings:
            groups = meeting_parts(units[doc.id], self.config.part_kb * 1024)
            part_files[doc.id] = [(add(part_src_uri(doc.id, k), False, content=""), group)
                                  for k, group in enumerate(groups, start=1)]
            meeting_files[doc.id] = part_files[doc.id][0][0]
        part_files = {mid: files_ for mid, files_ in part_files.items() if len(files_) > 1}
        # The long lists' pages: page 1 is the top page of that name (meetings/index.md,
        # report.md, glossary.md, data/index.md) or a theme's own address (themes/<id>.md);
        # page k is <stem>/<k>.md, out of the nav. A link to an entry (a theme chip) goes to
        # the page that holds it.
        listings, listing_files = {}, {}
        for stem, rows in views.listing_rows(corpus, units, themes).items():
            first = page_files.get(stem) or add(f"{stem}.md", False, content="")
            pages_ = [first] + [add(f"{stem}/{k}.md", False, content="")
                                for k in range(2, views.page_count(rows, self.config.page_size) + 1)]
            listings[stem] = views.Listing.of(rows, self.config.page_size, [f.url for f in pages_])
            listing_files[stem] = pages_

        paths = views.Paths(**{key: file.url for key, file in page_files.items()})
        rules = files.get_file_from_path(THEME_RULES)  # hand-written, linked from theme pages
        paths.theme_rules = rules.url if rules is not None else ""
        paths.meeting = {mid: file.url for mid, file in meeting_files.items()}
        for mid, files_ in part_files.items():
            paths.parts[mid] = [MeetingPart(k, file.url, group)
                                for k, (file, group) in enumerate(files_, start=1)]
            paths.unit_page |= unit_pages(paths.parts[mid], units[mid])
        paths.theme = {t.id: listings[views.theme_stem(t.id)].urls[0] for t in themes}
        paths.series = {s.slug: listings[views.series_stem(s.slug)].urls[0] for s in corpus.series()}
        for stem, listing in listings.items():  # speaker pages and indexes (site/speakers.py)
            parts = speakers.stem_parts(stem)
            if parts and parts[1]:
                paths.speaker[stem] = listing.urls[0]
            elif parts:
                paths.speakers[parts[0]] = listing.urls[0]
        paths.feed = feeds.feed_url("site")
        paths.series_feed = {slug: feeds.feed_url("series", slug) for slug in paths.series}
        paths.theme_feed = {theme_id: feeds.feed_url("theme", theme_id) for theme_id in paths.theme}
        self._add_data_files(corpus, paths, add, config)
        site_url = self.site_url or ""
        for asset in (CSS, JS, COPY_JS, CITE_JS):
            add(asset, abs_src_path=str(ASSETS / Path(asset).name))

        site = views.Site(corpus, themes, paths, site_url, self.strings, glossary, self.roots,
                          listings, units)
        self._plan_pages(site, page_files, meeting_files, listing_files, part_files)
        self._add_feeds(site, add, config, meeting_files, listing_files, part_files)
        search_page = search.add_files(add, corpus, paths.meeting, themes, config.theme["language"],
                                       paths.unit_page,
                                       self.roots[next(iter(self.roots))] if self.secondary else None)
        paths.search = search_page.url  # theme pages link their filtered search
        self.pages[search_page.src_uri] = search.page_view(config.theme["language"], self.strings)
        self.metas[search_page.src_uri] = lambda url: head.listing_meta(site, "search")
        self.site = site  # for the share pages (on_post_build)
        for src_uri, view in self.pages.items():
            files.get_file_from_path(src_uri).content_string = views.front_matter(view.title)
        self.search_page = search_page.url
        # The pages' bodies are rendered before MkDocs makes the environment of on_env (which
        # renders the whole pages around them), so from an environment of their own, made the
        # same way: the theme's folders (theme.custom_dir first), filters and translations;
        # autoescaping on for the gijiroku/… templates (gijiroku/site/html.py).
        self.env = install(config.theme.get_env())
        self.env.globals["gijiroku_site_url"] = site_url
        return files

    def _add_data_files(self, corpus: Corpus, paths: views.Paths, add, config: MkDocsConfig) -> None:
        """The downloads (data/): each meeting's YAML, source and translations, every meeting's
        JSON in one zip, the JSON Schema and the remarks' CSVs, their URLs in ``paths``. Only the default language's
        build writes them; a secondary language's pages link that build's copy (one copy of
        each file for the whole site, ``paths.data_root``)."""
        if self.secondary:
            paths.data_root = self.roots[next(iter(self.roots))]

        def data_file(src_uri: str, content=None, **source) -> str:
            if self.secondary:  # the default build writes it at the same path
                return File.generated(config, src_uri, content="").url
            return add(src_uri, **({"content": content()} if content else source)).url

        for doc in corpus.meetings:
            paths.yaml[doc.id] = data_file(f"data/meetings/{doc.id}.yaml", abs_src_path=str(doc.yaml_path))
            if doc.source_path.is_file():
                paths.source[doc.id] = data_file(f"data/sources/{doc.id}{doc.source_path.suffix}",
                                                 abs_src_path=str(doc.source_path))
            elif not self.secondary:
                log.warning("%s: source %s not found; the meeting page will not link it",
                            doc.yaml_path, doc.source_path)
            for lang, translation in doc.translations.items():
                paths.translation.setdefault(doc.id, {})[lang] = data_file(
                    f"data/meetings/{doc.id}.{lang}.yml", abs_src_path=str(translation.path))
        paths.json_zip = data_file("data/meetings-json.zip",
                                   content=functools.partial(meetings_json_zip, corpus.meetings))
        if self.schema.is_file():
            paths.schema = data_file("data/minutes.schema.json", abs_src_path=str(self.schema))
        elif not self.secondary:
            log.warning("JSON Schema %s not found; the data page will not offer it", self.schema)
        self._add_csv_files(corpus, paths, data_file)

    def _add_csv_files(self, corpus: Corpus, paths: views.Paths, data_file) -> None:
        """The remarks' CSV, split by series (data/remarks-<series>.zip, each holding
        remarks-<series>.csv), and the whole of it in one zip (data/remarks.zip holding
        remarks.csv, the rows of the series' files in the corpus' order). Beside data/remarks.csv, so that the relative permalinks written when
        SITE_URL is unset are the same in every file."""
        site_url = self.site_url or ""
        here = "data/remarks.csv"
        rows: dict[str, str] = {}

        def rows_of(doc: MeetingDoc) -> str:
            if doc.id not in rows:
                rows[doc.id] = meeting_csv_rows(doc, lambda doc, unit_id: views.site_link(
                    site_url, paths.meeting[doc.id], here, unit_id))
            return rows[doc.id]

        for series, docs in views.series_docs(corpus):
            paths.series_csv[series.slug] = data_file(
                f"data/{series_zip_name(series.slug)}", content=lambda slug=series.slug, docs=docs: zip_file(
                    series_csv_name(slug), csv_file(map(rows_of, docs))))
        paths.csv = data_file("data/remarks.zip", content=lambda: zip_file(
            "remarks.csv", csv_file(map(rows_of, corpus.meetings))))

    def _plan_pages(self, site: views.Site, page_files: dict[str, File],
                    meeting_files: dict[str, File], listing_files: dict[str, list[File]],
                    part_files: dict[str, list[tuple[File, tuple[str, ...]]]]) -> None:
        """The view of every generated page, by src_uri (rendered in on_page_content), and
        what its head says (``self.metas``: src_uri -> the page's absolute URL or "" ->
        :class:`head.PageMeta`, made in on_page_context)."""
        self.metas: dict[str, Callable[[str], head.PageMeta]] = {}
        self.pages[page_files["home"].src_uri] = views.home_page(site, page_files["home"].url)
        self.pages[page_files["themes"].src_uri] = views.themes_page(site, page_files["themes"].url)
        self.metas[page_files["home"].src_uri] = lambda url: head.listing_meta(site, "home")
        self.metas[page_files["themes"].src_uri] = lambda url: head.listing_meta(site, "themes")
        for doc in site.corpus.meetings:
            pages: list[tuple[File, MeetingPart | None]] = [(meeting_files[doc.id], None)]
            if doc.id in part_files:  # a split meeting: a page per part
                pages = [(file, part) for (file, _), part in zip(part_files[doc.id], site.paths.parts[doc.id])]
            for file, part in pages:
                self.pages[file.src_uri] = views.meeting_page(site, doc, file.url, part)
                self.metas[file.src_uri] = functools.partial(head.meeting_meta, site, doc)
        # The other top pages (meetings, report, glossary, data) are page 1 of their listing.
        themes = {views.theme_stem(t.id): t for t in site.themes}
        series = {views.series_stem(s.slug): (s, docs) for s, docs in views.series_docs(site.corpus)}
        for stem, files in listing_files.items():
            meta = self._listing_meta(site, stem, themes, series)
            for number, file in enumerate(files):
                self.pages[file.src_uri] = views.listing_page(site, stem, number, file.url)
                self.metas[file.src_uri] = meta

    @staticmethod
    def _listing_meta(site: views.Site, stem: str, themes: dict, series: dict
                      ) -> Callable[[str], head.PageMeta]:
        """How the head of listing ``stem``'s pages is made (given the page's absolute URL):
        a theme's (``themes`` by listing stem), a series' (``series``: (series, its meetings) by
        stem), a speaker's or a top page's."""
        if stem in themes:
            return lambda url: head.theme_meta(site, themes[stem])
        if stem in series:
            return lambda url: head.series_meta(site, *series[stem])
        if speaker := speakers.stem_parts(stem):
            return lambda url: head.speaker_meta(site, *speaker)
        return lambda url: head.listing_meta(site, stem)

    def _add_feeds(self, site: views.Site, add, config: MkDocsConfig, meeting_files: dict[str, File],
                   listing_files: dict[str, list[File]],
                   part_files: dict[str, list[tuple[File, tuple[str, ...]]]]) -> None:
        """Add the Atom feeds (:mod:`gijiroku.site.feeds`) and choose the feeds each page links
        in its head (``self.page_feeds``, by src_uri: the site's, and its series' or theme's)."""
        titles = {}
        for feed in feeds.site_feeds(site, config.site_name, self.config.feed_entries):
            add(feed.url, content=feeds.atom_xml(feed, site.site_url))
            titles[feed.url] = feed.title
        self.site_feed = (titles[site.paths.feed], site.paths.feed)
        self.page_feeds: dict[str, list[tuple[str, str]]] = {}
        for doc in site.corpus.meetings:
            url = site.paths.series_feed[doc.series.slug]
            for file in [meeting_files[doc.id], *(f for f, _ in part_files.get(doc.id, [])[1:])]:
                self.page_feeds[file.src_uri] = [(titles[url], url)]
        own = {views.series_stem(slug): url for slug, url in site.paths.series_feed.items()}
        own |= {views.theme_stem(theme_id): url for theme_id, url in site.paths.theme_feed.items()}
        for stem, files_ in listing_files.items():
            if stem in own:
                for file in files_:
                    self.page_feeds[file.src_uri] = [(titles[own[stem]], own[stem])]

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return env
        # The head's partials (main.html includes gijiroku/partials/head.html) are autoescaped.
        install(env)
        env.globals["gijiroku_generator"] = (f"mkdocs-{version('mkdocs')}, "
                                             f"mkdocs-material-{version('mkdocs-material')}")
        # Read by theme/partials/gijiroku-search.html (the header search box).
        env.globals["gijiroku_search"] = {"page": self.search_page}
        # This language's published address ("" when SITE_URL is unset): the one place
        # templates and, through page.html's data-site-url, scripts learn it.
        env.globals["gijiroku_site_url"] = self.site_url or ""
        # The UI strings of Material's templates that we override (theme/main.html, 404.html).
        env.globals["gijiroku_t"] = self.strings
        env.globals["gijiroku_404"] = self._not_found_links(config)
        return env

    def _not_found_links(self, config: MkDocsConfig) -> dict:
        """What theme/404.html links to: the path of the default language's root in site_url
        (its links without JavaScript) and, below that root, this language's home and search
        page and each other language's home."""
        prefixes = {lang: "" if k == 0 else f"{lang}/" for k, lang in enumerate(self.config.languages)}
        own = prefixes.get(self.language, "")
        path = urlsplit(config.site_url or "").path or "/"
        root = path[:len(path) - len(own)] if own and path.endswith("/" + own) else path
        links = [(own, self.strings("notfound.home"), ""),
                 (own + search.INDEX_DIR, self.strings("notfound.search"), "")]
        links += [(prefix, self.names[lang], lang) for lang, prefix in prefixes.items()
                  if lang != self.language]
        return {"lang": self.language, "root": root if root.endswith("/") else root + "/",
                "links": links}

    def on_page_content(self, content: str, *, page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return content
        view = self.pages.pop(page.file.src_uri, None)
        if view is None:
            return content
        # The generated page's Markdown was its front matter only: its body is its template's.
        body = self.env.get_template(view.template).render(view.view())
        # MkDocs validates links to `page#anchor` against the ids it saw while converting.
        page.present_anchor_ids |= {html.unescape(i) for i in ANCHOR_ID.findall(body)}
        return body

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        """Every page without its markup's indentation (2.7 KB of a page; minify.py)."""
        return minify.squeeze(output)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if not self.config.enabled:
            return server
        # `mkdocs serve` watches docs/ and mkdocs.yml only; the pages also depend on these.
        others = [self._path(config, file) for file in self.config.languages.values()]
        for path in (self.minutes_dir, self.lexicon, self.schema, self.glossary, STRINGS_PATH,
                     THEME, *others):
            # A file that does not exist yet is caught by watching its folder.
            server.watch(str(path if path.exists() else path.parent))
        return server

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        # The Atom feeds of this page (theme/gijiroku/partials/feeds.html): (title, site URL).
        context["gijiroku_feeds"] = [self.site_feed, *self.page_feeds.get(page.file.src_uri, [])]
        # The language selector (templates/partials/alternate.html) links to this very page in
        # each language: the builds share their URL layout. gijiroku.js adds the #anchor.
        alternates = head.page_alternates(self.roots, self.language, page.url)
        if self.roots:
            context["gijiroku_alternates"] = [{**alt, "name": self.names[alt["lang"]]}
                                              for alt in alternates]
        context["gijiroku_head"] = self._page_head(page, config, alternates)
        return context

    def _page_head(self, page, config: MkDocsConfig, alternates: list[dict]) -> head.Head:
        """The page's head (main.html, partials/head.html): a generated page's from its meta
        (_plan_pages), a hand-written one's from its front matter ``description`` or its first
        paragraph."""
        # canonical_url is made from config.site_url, which `mkdocs serve` replaces with its
        # local address: only a published address (self.site_url) makes og:url.
        url = page.canonical_url if self.site_url else ""
        make = getattr(self, "metas", {}).pop(page.file.src_uri, None)
        if make is not None:
            meta = make(url or "")
        else:
            meta = head.PageMeta((page.meta or {}).get("description")
                                 or head.first_paragraph(page.content or "")
                                 or config.site_description or "")
        title = config.site_name if page.is_homepage else html.unescape(page.title or "")
        return head.page_head(self.strings, meta, title=title, site_name=config.site_name,
                              url=url or "", image=self._share_image(config),
                              alternates=head.hreflang_links(alternates, url or ""),
                              locale_of=self.locales)

    def _share_image(self, config: MkDocsConfig) -> str:
        """The absolute URL of the share_image option (one image for every language's
        pages, under the default language's root), or "" (no image, or no site_url)."""
        if not self.config.share_image or not self.site_url:
            return ""
        default_root = self.roots[next(iter(self.roots))] if self.roots else ""
        return urljoin(self.site_url, default_root + self.config.share_image)

    def _start_other_languages(self, config: MkDocsConfig) -> None:
        """In the default build only, start every other language's build in the worker
        (:func:`gijiroku.site.languages.start`); :meth:`on_post_build` waits for them. From
        on_files, i.e. after this build cleaned site_dir, so nothing deletes what the worker
        writes into <site_dir>/<code>/ (docs/<code>/ is excluded from this build)."""
        self.others: list[tuple[str, Worker]] = []
        if not self.roots or self.secondary:
            return  # one language, or a secondary build (the default build started it)
        configs = {lang: self._path(config, file) for lang, file in list(self.config.languages.items())[1:]}
        self.others = languages.start(configs, Path(config.site_dir), bool(config.strict))

    def _join_other_languages(self) -> BaseException | None:
        others, self.others = getattr(self, "others", []), []
        return languages.join(others)

    @staticmethod
    def _end_build() -> None:
        gc.unfreeze()  # see on_files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self._end_build()
        if self.config.share_pages:
            self._write_share_pages(config)
        error = self._join_other_languages()
        if error is not None:
            raise error
        if self.cache and not self.secondary:
            # Every build of this site has finished with the same corpus: what it did not
            # read is an old version of an edited file.
            self.cache.prune(self.cache_keys)

    def _write_share_pages(self, config: MkDocsConfig) -> None:
        """Each remark's share page, ``<site_dir>/r/<id>/index.html`` (option share_pages;
        gijiroku/share.html). Written after the build: they are not pages of the site (no nav,
        no search, no theme), and nothing links to them but the citations readers share."""
        template = self.env.get_template("gijiroku/share.html")
        image = self._share_image(config)
        site_dir = Path(config.site_dir)
        for shared in head.shared_remarks(self.site):
            context = head.share_context(self.site, shared, site_name=config.site_name,
                                         image=image, icon=config.theme["favicon"],
                                         locale_of=self.locales)
            path = site_dir / head.share_path(shared.id) / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(template.render(context), encoding="utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        if not self.config.enabled:
            return
        # This build failed: still wait for the other languages' (their output would otherwise
        # land in the site_dir of the next `mkdocs serve` rebuild) and show their log; this
        # build's error is the one reported.
        self._end_build()
        self._join_other_languages()

    def on_shutdown(self) -> None:
        if not self.config.enabled:
            return
        Worker.stop()
