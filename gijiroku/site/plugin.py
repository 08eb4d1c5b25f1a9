"""The MkDocs plugin: reads the minutes YAML and generates the site's pages and downloads.

Nothing is written into ``docs/``: every page and data file is a ``File.generated`` added in
``on_files``. Generated pages are rendered by :mod:`gijiroku.site.pages` after all their URLs are
known, because links inside raw HTML must be relative to the page they appear on.
"""

from __future__ import annotations

import gc
import html
import logging
import logging.handlers
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from gijiroku.errors import GijirokuError
from gijiroku.site import pages
from gijiroku.site import search
from gijiroku.site.cache import YamlCache
from gijiroku.site.corpus import Corpus, freshness_warnings, load_corpus
from gijiroku.site.exports import meeting_json, remarks_csv
from gijiroku.site.i18n import GLOSSARY_PATH, STRINGS_PATH, load_glossary, load_strings
from gijiroku.site.theme_info import LEXICON_PATH, load_theme_infos, with_themes_in_data

log = logging.getLogger("mkdocs.plugins.gijiroku")

PACKAGE = Path(__file__).resolve().parent.parent
ASSETS = Path(__file__).resolve().parent / "assets"
SCHEMA_PATH = PACKAGE / "schema" / "minutes.schema.json"
CSS, JS = "assets/gijiroku/gijiroku.css", "assets/gijiroku/gijiroku.js"
THEME_RULES = "theme-rules.md"  # docs/theme-rules.md and docs/en/theme-rules.md: how themes are assigned
TEMPLATES = Path(__file__).resolve().parent / "templates"
ANCHOR_ID = re.compile(r'\sid="([^"]*)"')


class GijirokuConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Relative paths are resolved against the folder of mkdocs.yml.
    minutes_dir = c.Type(str, default="minutes")
    lexicon = c.Type(str, default=str(LEXICON_PATH))
    schema = c.Type(str, default=str(SCHEMA_PATH))
    glossary = c.Type(str, default=str(GLOSSARY_PATH))
    # Every language of the site, code -> its config file (relative to this one). The first is
    # the default language, built at the root; each other is built into <site_dir>/<code>/ by
    # the default build, in a worker process (_start_other_languages), from a config that
    # INHERITs this one. The language of a build is its theme.language. Empty: one language.
    languages = c.Type(dict, default={})
    # Entries per page of the lists that grow with the corpus (a theme's remarks, the references
    # to the report, the uses of the key terms, the meetings on the meetings and data pages):
    # they are paginated (pages.Listing). 100 keeps every page under 300 KB at 1,000 meetings
    # (docs/benchmarks.md); tests set it small to get many pages from a small corpus.
    page_size = c.Type(int, default=100)
    # Parsed meeting YAML is kept in cache_dir (relative to mkdocs.yml's folder), keyed by the
    # files' content (gijiroku/site/cache.py): parsing the YAML was 40 % of a 1,000-meeting
    # build. Safe to delete at any time; `cache: false` turns it off.
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/gijiroku")


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
        try:
            self.strings = load_strings(self.language)
        except GijirokuError as error:
            raise PluginError(str(error)) from None
        self._configure_languages(config)
        if not config.site_url:
            log.warning("site_url is not set in mkdocs.yml: citations and the CSV need absolute "
                        "URLs; set it to the address the site is published at")
        config.extra_css.append(CSS)
        config.extra_javascript.append(JS)
        search.configure(config)  # gijiroku/site/search.py: header box, module, CSS
        return config

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
        names = {lang: load_strings(lang)("language.name") for lang in languages}
        # Links to each language's home, for the 404 page and Material's <link rel=alternate>;
        # on pages the selector links to the same page instead (on_page_context).
        config.extra.setdefault("alternate", [
            {"name": names[lang], "link": self.roots[lang] or "./", "lang": lang} for lang in languages])
        self.names = names
        # partials/alternate.html: our override, placed just before Material's own templates so
        # a project's custom_dir still wins.
        dirs = config.theme.dirs
        material = next((i for i, d in enumerate(dirs) if Path(d, "partials", "alternate.html").is_file()),
                        len(dirs))
        if str(TEMPLATES) not in dirs:
            dirs.insert(material, str(TEMPLATES))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self._start_other_languages(config)
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
        # The corpus is a few million dicts, lists and strings that live until the build ends;
        # the cyclic garbage collector would traverse them again at every full collection the
        # rendering triggers: 8 s of a 28 s 1,000-meeting build. Frozen, it skips them; they are
        # unfrozen when the build ends (_end_build). Collect first (0.2 s): under `mkdocs serve`
        # the previous build's pages are garbage by now, and frozen with the corpus they would
        # outlive this build too: 400 MB more per rebuild at 1,000 meetings.
        gc.collect()
        gc.freeze()

        def add(src_uri: str, in_nav: bool = True, **source) -> File:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{src_uri} clashes with a page the gijiroku "
                                  "plugin generates; rename or remove it")
            file = File.generated(config, src_uri, inclusion=InclusionLevel.UNDEFINED if in_nav
                                  else InclusionLevel.NOT_IN_NAV, **source)
            files.append(file)
            return file

        # Pages first with empty content, to learn their URLs; rendered below.
        page_files = {
            "home": add("index.md", content=""),
            "meetings": add("meetings/index.md", content=""),
            "themes": add("themes/index.md", content=""),
            "report": add("report.md", content=""),
            "glossary": add("glossary.md", content=""),
            "data": add("data/index.md", content=""),
        }
        meeting_files = {doc.id: add(f"meetings/{doc.id}.md", False, content="")
                         for doc in corpus.meetings}

        paths = pages.Paths(**{key: file.url for key, file in page_files.items()})
        rules = files.get_file_from_path(THEME_RULES)  # hand-written, linked from theme pages
        paths.theme_rules = rules.url if rules is not None else ""
        paths.meeting = {mid: file.url for mid, file in meeting_files.items()}
        for doc in corpus.meetings:
            paths.yaml[doc.id] = add(f"data/meetings/{doc.id}.yaml",
                                     abs_src_path=str(doc.yaml_path)).url
            paths.json[doc.id] = add(f"data/meetings/{doc.id}.json", content=meeting_json(doc)).url
            if doc.source_path.is_file():
                paths.source[doc.id] = add(f"data/sources/{doc.id}{doc.source_path.suffix}",
                                           abs_src_path=str(doc.source_path)).url
            for lang, translation in doc.translations.items():
                paths.translation.setdefault(doc.id, {})[lang] = add(
                    f"data/meetings/{doc.id}.{lang}.yml", abs_src_path=str(translation.path)).url
            if not doc.source_path.is_file():
                log.warning("%s: source %s not found; the meeting page will not link it",
                            doc.yaml_path, doc.source_path)
        if self.schema.is_file():
            paths.schema = add("data/minutes.schema.json", abs_src_path=str(self.schema)).url
        else:
            log.warning("JSON Schema %s not found; the data page will not offer it", self.schema)
        site = pages.Site(corpus, themes, paths, config.site_url or "", self.strings, glossary,
                          self.roots)
        # The long lists' pages: page 1 is the top page of that name (meetings/index.md,
        # report.md, glossary.md, data/index.md) or a theme's own address (themes/<id>.md);
        # page k is <stem>/<k>.md, out of the nav. All their URLs are known before any page is
        # rendered, so a link to an entry (a theme chip) goes to the page that holds it.
        site.listings = pages.listings(site, self.config.page_size)
        listing_files: dict[str, list[File]] = {}
        for stem, listing in site.listings.items():
            first = page_files.get(stem) or add(f"{stem}.md", False, content="")
            listing_files[stem] = [first] + [add(f"{stem}/{k}.md", False, content="")
                                             for k in range(2, len(listing.spans) + 1)]
            listing.urls = [file.url for file in listing_files[stem]]
        paths.theme = {t.id: site.listings[pages.theme_stem(t.id)].urls[0] for t in themes}
        paths.csv = add("data/remarks.csv", content=remarks_csv(corpus, site.permalink)).url
        for asset in (CSS, JS):
            add(asset, abs_src_path=str(ASSETS / Path(asset).name))

        self._render(site, page_files, meeting_files, listing_files, corpus)
        generated = [*page_files.values(), *meeting_files.values(),
                     *(file for files_ in listing_files.values() for file in files_)]
        # The top pages that are listings are in both: each body is deferred once.
        self._defer_bodies(list({file.src_uri: file for file in generated}.values()))
        self.search_page = search.add_files(add, corpus, paths.meeting, themes,
                                            config.theme["language"]).url
        return files

    @staticmethod
    def _render(site: pages.Site, page_files: dict[str, File], meeting_files: dict[str, File],
                listing_files: dict[str, list[File]], corpus: Corpus) -> None:
        # The other top pages (meetings, report, glossary, data) are page 1 of their listing.
        renderers = {"home": pages.home_page, "themes": pages.themes_index_page}
        for key, renderer in renderers.items():
            file = page_files[key]
            file.content_string = pages.page_markdown(site.t(f"title.{key}"), renderer(site, file.url))
        for doc in corpus.meetings:
            file = meeting_files[doc.id]
            file.content_string = pages.page_markdown(
                html.unescape(pages.meeting_name(site, doc)), pages.meeting_page(site, doc, file.url))
        for stem, files in listing_files.items():
            for number, file in enumerate(files):
                file.content_string = pages.page_markdown(*pages.listing_page(site, stem, number, file.url))

    def _defer_bodies(self, generated: list[File]) -> None:
        """Keep the generated pages' raw-HTML bodies out of Python-Markdown.

        Markdown would pass each body through untouched (it is one raw-HTML block), but only
        after two HTML parsers have read it: over half of a 1,000-meeting build (scripts/bench.py).
        The page keeps its front matter, so Markdown sees an empty page; :meth:`on_page_content`
        puts the body back, exactly as Markdown would have output it.
        """
        self.bodies: dict[str, str] = {}
        for file in generated:
            front, separator, body = file.content_string.partition("\n---\n\n")
            self.bodies[file.src_uri] = body.rstrip("\n")
            file.content_string = front + separator

    def on_page_content(self, content: str, *, page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return content
        body = self.bodies.pop(page.file.src_uri, None)
        if body is None:
            return content
        # MkDocs validates links to `page#anchor` against the ids it saw while converting.
        page.present_anchor_ids |= {html.unescape(i) for i in ANCHOR_ID.findall(body)}
        return body

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return env
        # Read by overrides/partials/gijiroku-search.html (the header search box).
        env.globals["gijiroku_search"] = {"page": self.search_page}
        return env

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if not self.config.enabled:
            return server
        # `mkdocs serve` watches docs/ and mkdocs.yml only; the pages also depend on these.
        others = [self._path(config, file) for file in self.config.languages.values()]
        for path in (self.minutes_dir, self.lexicon, self.schema, self.glossary, STRINGS_PATH,
                     TEMPLATES, *others):
            # A file that does not exist yet is caught by watching its folder.
            server.watch(str(path if path.exists() else path.parent))
        return server

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if not self.config.enabled or not self.roots:
            return context
        # The language selector (templates/partials/alternate.html) links to this very page in
        # each language: the builds share their URL layout. gijiroku.js adds the #anchor.
        context["gijiroku_alternates"] = [
            {"lang": lang, "name": self.names[lang], "current": lang == self.language,
             "href": "../" * page.url.count("/") + root + page.url or "./"}
            for lang, root in self.roots.items()]
        return context

    def _start_other_languages(self, config: MkDocsConfig) -> None:
        """Start the build of every other language in the worker process (default build only).

        One `mkdocs build` (or `mkdocs serve`) makes the whole site: the default build builds
        each other language from its config into <site_dir>/<code>/. One build per language,
        because Material takes its UI strings (and search language) from theme.language, which
        is per build. They are independent, so the other languages build on the other core
        while this one renders (they were built one after the other: twice the time on 2 cores).
        Started from on_files, i.e. after this build cleaned site_dir, so nothing deletes what
        the worker writes into <site_dir>/<code>/ (docs/<code>/ is excluded from this build).
        :meth:`on_post_build` waits for it and replays its log here.
        """
        self.others: list[tuple[str, _Worker]] = []
        if not self.roots or self.secondary:
            return  # one language, or a secondary build (the default build started it)
        for lang in list(self.config.languages)[1:]:
            log.info("Building the %s site into %s (in parallel)", lang, Path(config.site_dir) / lang)
            worker = _Worker.get()
            worker.submit(str(self._path(config, self.config.languages[lang])), lang,
                          str(Path(config.site_dir) / lang), bool(config.strict),
                          logging.getLogger("mkdocs").getEffectiveLevel())
            self.others.append((lang, worker))

    def _join_other_languages(self) -> BaseException | None:
        """Wait for the other languages' builds, replay their log records into this process's
        `mkdocs` logger (so --strict counts their warnings, as it counts this build's) and
        return the first error one of them raised."""
        first: BaseException | None = None
        others, self.others = getattr(self, "others", []), []
        for lang, worker in others:
            records, error = worker.result(lang)
            for record in records:
                logging.getLogger(record.name).handle(record)
            first = first or error
        return first

    @staticmethod
    def _end_build() -> None:
        gc.unfreeze()  # see on_files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self._end_build()
        error = self._join_other_languages()
        if error is not None:
            raise error
        if self.cache and not self.secondary:
            # Every build of this site has finished with the same corpus: what it did not
            # read is an old version of an edited file.
            self.cache.prune(self.cache_keys)

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
        _Worker.stop()


class _Worker:
    """The process that builds the other languages: jobs are pickled to its stdin, each answered
    by a pickled (log records, error) on its stdout, in order.

    One process, as the default build uses the other core (2 cores here; a third language
    waits for the second). It lives until on_shutdown, so each `mkdocs serve` rebuild reuses it,
    with its YAML cache (corpus.py) and imported modules. A plain ``python -c`` subprocess rather
    than multiprocessing's spawn, which re-imports the caller's ``__main__`` (a script calling
    mkdocs' build() without a ``__name__`` guard would run again in the worker).
    """

    _current: _Worker | None = None

    def __init__(self) -> None:
        # The package this module was imported from, also when it is not installed.
        path = os.pathsep.join(filter(None, [str(PACKAGE.parent), os.environ.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from gijiroku.site.plugin import _work; _work()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": path})

    @classmethod
    def get(cls) -> _Worker:
        if cls._current is None or cls._current.process.poll() is not None:
            cls._current = cls()
        return cls._current

    @classmethod
    def stop(cls) -> None:
        if cls._current is not None:
            cls._current.process.stdin.close()  # end of jobs: the worker exits
            cls._current.process.wait()
            cls._current = None

    def submit(self, *job) -> None:
        pickle.dump(job, self.process.stdin)
        self.process.stdin.flush()

    def result(self, lang: str) -> tuple[list[logging.LogRecord], BaseException | None]:
        try:
            return pickle.load(self.process.stdout)
        except (EOFError, pickle.UnpicklingError):  # the worker died (killed, out of memory)
            self.process.kill()
            self.process.wait()
            _Worker._current = None
            return [], PluginError(f"the {lang} build's worker process ended "
                                   f"(exit status {self.process.returncode})")


def _work() -> None:
    """The worker's main loop (see :class:`_Worker`)."""
    jobs, answers = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, not into the answers
    try:
        while True:
            try:
                job = pickle.load(jobs)
            except EOFError:
                return
            pickle.dump(_build_language(*job), answers)
            answers.flush()
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: mkdocs reports it
        return


class _Records(logging.handlers.QueueHandler):
    """Keeps log records in a list, made picklable by QueueHandler.prepare (the message is
    formatted, a traceback included, into record.msg)."""

    def enqueue(self, record: logging.LogRecord) -> None:
        self.queue.append(record)


def _build_language(config_file: str, lang: str, site_dir: str, strict: bool,
                    level: int) -> tuple[list[logging.LogRecord], BaseException | None]:
    """In the worker: build one language's site; return its log records and its error (both
    go back to the default build, which reports them as if the build had run in-process)."""
    logger = logging.getLogger("mkdocs")
    handler = _Records([])
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    error: BaseException | None = None
    try:
        other = load_config(config_file, site_dir=site_dir, strict=strict)
        if other.theme["language"] != lang:
            raise PluginError(f"{config_file}: theme.language must be {lang!r}")
        build(other)
    except Exception as raised:  # noqa: BLE001 -- handed to the default build, which raises it
        error = raised
        try:
            pickle.dumps(error)
        except Exception:  # noqa: BLE001 -- an exception that cannot cross processes
            error = PluginError(f"the {lang} build failed: {type(raised).__name__}: {raised}")
    finally:
        logger.removeHandler(handler)
    return handler.queue, error
