"""What the built site need not carry: the indentation of the theme's HTML, taken out of every
built page, and the theme's files that no page of the site uses (:func:`unused_theme_file`).

Material's templates indent their markup for people reading them, and Jinja keeps every
newline and indent: about 2.7 KB of a generated page (a meeting page is some 47 KB) is spaces
and blank lines between the header's, navigation's and footer's tags. A browser shows a run of
whitespace outside preformatted text as one space whatever it holds, so a newline and the
whitespace after it become that newline alone: the page shows and reads the same. Left exactly
as they are: the contents of ``<pre>``, ``<textarea>``, ``<code>``, ``<script>`` and
``<style>`` (where whitespace is kept, or is code). The site's own styles set
``white-space: pre-wrap`` only on ``<pre>`` (citation panels) and ``pre-line`` only on search
snippets, which the browser makes. Whitespace inside a tag is squeezed too: between attributes
it is a separator either way, and no attribute value of the site's pages holds a newline
(tests/test_site_minify.py checks the built sites).
"""

from __future__ import annotations

import re

# An element whose content keeps its whitespace or is not HTML text, to its end tag (the name
# matched whole: <pre>, not <preview>). Lower case: the theme's and Material's templates write
# tags so (and matching case-blind took twice the time).
_KEPT = re.compile(r"<(pre|textarea|code|script|style)\b.*?</\1\s*>", re.S)
# A newline and the whitespace after it (HTML's whitespace: space, tab, LF, FF, CR). It starts
# with a literal, which the regex engine finds fast: 0.5 ms for a meeting page with _KEPT.
_BREAK = re.compile(r"\n[ \t\n\f\r]+")


def squeeze(html: str) -> str:
    """``html`` with each newline outside ``<pre>``, ``<textarea>``, ``<code>``, ``<script>``
    and ``<style>`` no longer followed by whitespace."""
    out = []
    position = 0
    for kept in _KEPT.finditer(html):
        out.append(_BREAK.sub("\n", html[position:kept.start()]))
        out.append(kept[0])
        position = kept.end()
    out.append(_BREAK.sub("\n", html[position:]))
    return "".join(out)


# The lunr library and its language files, which Material's search worker loads (1 MB a
# language): the site searches with its own index and script (gijiroku/search, assets/search),
# unless a site owner turns Material's search plugin on. (The worker itself, 40 KB, stays:
# every page names it in its configuration.)
_LUNR = ("assets/javascripts/lunr/",)
# The source maps of Material's minified scripts and styles (1.3 MB a language): only a
# browser's developer tools read them.
_SOURCE_MAP = ".map"


def unused_theme_file(src_uri: str, material_search: bool) -> bool:
    """Whether the theme's file ``src_uri`` is one no page of the site uses: a source map,
    or (``material_search``: Material's search plugin is off) a file of lunr's."""
    if src_uri.endswith(_SOURCE_MAP) and src_uri.startswith("assets/"):
        return True
    return not material_search and src_uri.startswith(_LUNR)
