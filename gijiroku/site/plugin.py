"""The MkDocs plugin: reads the minutes YAML and generates the site's pages and downloads.

Nothing is written into ``docs/``: every page and data file is a ``File.generated`` added in
``on_files``. Generated pages are rendered by :mod:`gijiroku.site.pages` after all their URLs are
known, because links inside raw HTML must be relative to the page they appear on.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from gijiroku.errors import GijirokuError
from gijiroku.site import pages
from gijiroku.site.corpus import Corpus, load_corpus
from gijiroku.site.exports import meeting_json, remarks_csv
from gijiroku.site.lexicon import LEXICON_PATH, load_theme_infos, with_themes_in_data

log = logging.getLogger("mkdocs.plugins.gijiroku")

PACKAGE = Path(__file__).resolve().parent.parent
ASSETS = Path(__file__).resolve().parent / "assets"
SCHEMA_PATH = PACKAGE / "schema" / "minutes.schema.json"
CSS, JS = "assets/gijiroku/gijiroku.css", "assets/gijiroku/gijiroku.js"


class GijirokuConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Relative paths are resolved against the folder of mkdocs.yml.
    minutes_dir = c.Type(str, default="minutes")
    lexicon = c.Type(str, default=str(LEXICON_PATH))
    schema = c.Type(str, default=str(SCHEMA_PATH))


class GijirokuPlugin(BasePlugin[GijirokuConfig]):
    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path or ".").resolve().parent / value).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.minutes_dir = self._path(config, self.config.minutes_dir)
        self.lexicon = self._path(config, self.config.lexicon)
        self.schema = self._path(config, self.config.schema)
        if not config.site_url:
            log.warning("site_url is not set in mkdocs.yml: citations and the CSV need absolute "
                        "URLs; set it to the address the site is published at")
        config.extra_css.append(CSS)
        config.extra_javascript.append(JS)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        try:
            corpus = load_corpus(self.minutes_dir)
            lexicon = load_theme_infos(self.lexicon)
        except GijirokuError as error:
            raise PluginError(str(error)) from None
        used = [tag["theme"] for doc in corpus.meetings for unit in doc.units()
                for tag in unit.data.get("themes") or []]
        themes = with_themes_in_data(lexicon, used)

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
        theme_files = {t.id: add(f"themes/{t.id}.md", False, content="") for t in themes}

        paths = pages.Paths(**{key: file.url for key, file in page_files.items()})
        paths.meeting = {mid: file.url for mid, file in meeting_files.items()}
        paths.theme = {tid: file.url for tid, file in theme_files.items()}
        for doc in corpus.meetings:
            paths.yaml[doc.id] = add(f"data/meetings/{doc.id}.yaml",
                                     abs_src_path=str(doc.yaml_path)).url
            paths.json[doc.id] = add(f"data/meetings/{doc.id}.json", content=meeting_json(doc)).url
            if doc.source_path.is_file():
                paths.source[doc.id] = add(f"data/sources/{doc.id}{doc.source_path.suffix}",
                                           abs_src_path=str(doc.source_path)).url
            else:
                log.warning("%s: source %s not found; the meeting page will not link it",
                            doc.yaml_path, doc.source_path)
        if self.schema.is_file():
            paths.schema = add("data/minutes.schema.json", abs_src_path=str(self.schema)).url
        else:
            log.warning("JSON Schema %s not found; the data page will not offer it", self.schema)
        site = pages.Site(corpus, themes, paths, config.site_url or "")
        paths.csv = add("data/remarks.csv", content=remarks_csv(corpus, site.permalink)).url
        for asset in (CSS, JS):
            add(asset, abs_src_path=str(ASSETS / Path(asset).name))

        self._render(site, page_files, meeting_files, theme_files, corpus)
        return files

    @staticmethod
    def _render(site: pages.Site, page_files: dict[str, File], meeting_files: dict[str, File],
                theme_files: dict[str, File], corpus: Corpus) -> None:
        titles = {"home": "ホーム", "meetings": "会議一覧", "themes": "テーマ",
                  "report": "取りまとめへの言及", "glossary": "用語集", "data": "データ"}
        renderers = {"home": pages.home_page, "meetings": pages.meetings_index_page,
                     "themes": pages.themes_index_page, "report": pages.report_page,
                     "glossary": pages.glossary_page, "data": pages.data_page}
        for key, file in page_files.items():
            file.content_string = pages.page_markdown(titles[key], renderers[key](site, file.url))
        for doc in corpus.meetings:
            file = meeting_files[doc.id]
            file.content_string = pages.page_markdown(
                f"{doc.meeting['title']} {doc.meeting.get('kind') or ''}".strip(),
                pages.meeting_page(site, doc, file.url))
        for theme in site.themes:
            file = theme_files[theme.id]
            file.content_string = pages.page_markdown(
                f"テーマ: {theme.name}", pages.theme_page(site, theme, file.url))

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if not self.config.enabled:
            return server
        # `mkdocs serve` watches docs/ and mkdocs.yml only; the pages also depend on these.
        for path in (self.minutes_dir, self.lexicon, self.schema):
            # A file that does not exist yet is caught by watching its folder.
            server.watch(str(path if path.exists() else path.parent))
        return server
