"""Escaping for the site's page templates, and the one piece of HTML made in Python.

The page templates (``gijiroku/site/theme/gijiroku/``) are rendered by MkDocs' own Jinja
environment, in which autoescaping is off (Material's templates print HTML strings as they are).
:func:`install` turns it on, in the plugin's own environment (made by the same
``theme.get_env()``), for every template named ``gijiroku/…``, a site owner's ``theme.custom_dir``
override of one included, and makes every ``{{ value }}`` of those templates go through
:func:`esc` (the escaping the site has always used: ``&quot;``, ``&#x27;`` and ``&#10;`` for a
newline, rather than markupsafe's ``&#34;``/``&#39;``), so a value that is not already
:class:`~markupsafe.Markup` can never become HTML.

:func:`text_html` (a remark's text as paragraphs with highlighted runs) stays in Python: it is
called for every remark of the site, and five times slower as a template (measured; see the
comment in it).
"""

from __future__ import annotations

import html
from typing import Any, Iterable

import jinja2
import jinja2.compiler
import jinja2.nodes
from markupsafe import Markup

#: The prefix of the names of the templates escaped by :func:`install`.
TEMPLATE_PREFIX = "gijiroku/"


def esc(text: Any) -> str:
    """Escape for HTML text and attribute values; newlines become character references."""
    # html.escape(text, quote=True), inlined: a 1,000-meeting site escapes a million strings.
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;").replace("\n", "&#10;"))


def markup(text: Any) -> Markup:
    """``text`` escaped, as Markup (a value templates print as it is)."""
    return Markup(esc(text))


def escape(value: Any) -> str:
    """How an autoescaped template prints ``{{ value }}``: Markup (anything with ``__html__``)
    as it is, anything else through :func:`esc`."""
    # The two common cases first: every value a page prints comes through here.
    cls = value.__class__
    if cls is Markup:
        return value
    if cls is not str and hasattr(value, "__html__"):
        return value.__html__()
    return esc(value)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator, except that an autoescaped ``{{ value }}`` is printed by
    :func:`escape` (``environment.gijiroku_escape``) instead of markupsafe's ``escape``.

    Why: the site's escaping is :func:`esc` (its pages stay byte-identical), and markupsafe's
    escape makes two Markup objects per value (one for our escaped value, one for its
    ``__html__``): measured on a 300-meeting build, ``finalize=esc`` plus markupsafe's escape
    cost 4 s of 26 s (profiled), a third of all the template rendering.
    """

    def _output_child_pre(self, node: jinja2.nodes.Expr, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.gijiroku_escape(")
            if finalize.src is not None:
                self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)


def install(env: jinja2.Environment) -> jinja2.Environment:
    """Autoescape the ``gijiroku/…`` templates of ``env`` (a Jinja environment of the plugin's
    own, made by MkDocs' ``theme.get_env()``) with :func:`escape`. Jinja fixes both when it
    compiles a template, so this comes before any template is loaded."""
    previous = env.autoescape

    def autoescape(name: str | None) -> bool:
        if name is not None and name.startswith(TEMPLATE_PREFIX):
            return True
        return previous(name) if callable(previous) else bool(previous)

    env.autoescape = autoescape
    env.code_generator_class = _CodeGenerator
    env.gijiroku_escape = escape
    return env


def text_html(text: str, spans: Iterable[tuple[int, int]] = ()) -> Markup:
    """A remark text as ``<p>`` paragraphs (one per ``\\n``), with the characters covered by
    ``spans`` (half-open offsets into ``text``, possibly overlapping) inside ``<mark>``."""
    # Made here rather than in a template: it renders every remark of the site (75,000 at 1,000
    # meetings, twice with the English site's originals), and whole runs of unmarked and marked
    # characters are escaped at once, their newlines then made paragraph breaks. Measured on a
    # 3-paragraph remark with 6 highlights: 34 us here, 168 us for a Jinja loop over paragraphs
    # and runs (with the runs split in Python): some 20 s more CPU for a 1,000-meeting build.
    out = []
    position = 0
    for start, end in marked_runs(len(text), spans):
        out.append(html.escape(text[position:start]).replace("\n", "</p><p>"))
        # A <mark> never spans a paragraph break, and an empty paragraph gets none (escaped
        # text has no "<", so each "<mark></mark>" is one of those).
        marked = html.escape(text[start:end]).replace("\n", "</mark></p><p><mark>")
        out.append(f"<mark>{marked}</mark>".replace("<mark></mark>", ""))
        position = end
    out.append(html.escape(text[position:]).replace("\n", "</p><p>"))
    return Markup("<p>" + "".join(out) + "</p>")


def marked_runs(length: int, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The maximal runs of the offsets ``0 .. length-1`` that ``spans`` cover, in order: spans
    clipped to the text, overlapping or touching ones merged, empty ones dropped."""
    merged: list[tuple[int, int]] = []
    # Clipping keeps the order of the starts, so the spans are sorted as given.
    for start, end in sorted(spans):
        start, end = max(start, 0), min(end, length)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
