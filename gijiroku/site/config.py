"""The gijiroku plugin's options (``plugins: - gijiroku: …`` in mkdocs.yml)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from gijiroku.site.i18n import GLOSSARY_PATH
from gijiroku.site.theme_info import LEXICON_PATH

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "minutes.schema.json"


class GijirokuConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Relative paths are resolved against the folder of mkdocs.yml.
    minutes_dir = c.Type(str, default="minutes")
    lexicon = c.Type(str, default=str(LEXICON_PATH))
    schema = c.Type(str, default=str(SCHEMA_PATH))
    glossary = c.Type(str, default=str(GLOSSARY_PATH))
    # Every language of the site, code -> its config file (relative to this one). The first is
    # the default language, built at the root; each other is built into <site_dir>/<code>/ by
    # the default build, in a worker process (gijiroku/site/languages.py), from a config that
    # INHERITs this one. The language of a build is its theme.language. Empty: one language.
    languages = c.Type(dict, default={})
    # Entries per page of the lists that grow with the corpus (a theme's remarks, the references
    # to the report, the uses of the key terms, the meetings on the meetings and data pages):
    # they are paginated (views.Listing). 100 keeps every page under 300 KB at 1,000 meetings
    # (docs/benchmarks.md); tests set it small to get many pages from a small corpus.
    page_size = c.Type(int, default=100)
    # A meeting page longer than this (an estimate in KB from its Japanese text: parts.part_weight)
    # is split into parts, meetings/<id>/ then meetings/<id>/2/ …, at remark boundaries
    # (parts.part_groups). 120 makes the real MOJ minutes (60–100k characters) parts of
    # 100–150 KB, and keeps an English part under 300 KB even fully translated (its page holds
    # the translation and the Japanese: 268 KB measured on tests' long meeting).
    part_kb = c.Type(int, default=120)
    # Parsed meeting YAML is kept in cache_dir (relative to mkdocs.yml's folder), keyed by the
    # files' content (gijiroku/site/cache.py): parsing the YAML was 40 % of a 1,000-meeting
    # build. Safe to delete at any time; `cache: false` turns it off.
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/gijiroku")
    # Entries per Atom feed (gijiroku/site/feeds.py): the newest meetings, one entry each. 20
    # keeps a theme's feed near 120 KB (measured; ~160 KB if every remark were long) however
    # large the corpus (README, "Feeds").
    feed_entries = c.Type(int, default=20)
    # Link previews (gijiroku/site/head.py): share_image is the site-relative path of an image
    # (a file under docs/, e.g. assets/share.png) that previews of every page show; given as
    # an absolute og:image only when site_url is set. Empty: no image (a "summary" card).
    share_image = c.Type(str, default="")
    # One page per remark at r/<id>/ (head.share_context) whose link preview is that remark and
    # which sends the reader to it on its meeting's page. Off by default: a file per remark
    # (README, "Plugin options", for what they cost).
    share_pages = c.Type(bool, default=False)
