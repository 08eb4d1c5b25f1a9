"""Escaping for the site's page templates, and the one piece of HTML made in Python.

The page templates (``gijiroku/site/theme/gijiroku/``) are rendered by MkDocs' own Jinja
environment, in which autoescaping is off (Material's templates print HTML strings as they are).
:func:`install` turns it on for every template named ``gijiroku/…`` only, a site owner's
``theme.custom_dir`` override of one included, and makes every ``{{ value }}`` of those templates
go through :func:`esc` (the escaping the site has always used: ``&quot;``, ``&#x27;`` and ``&#10;``
for a newline, rather than markupsafe's ``&#34;``/``&#39;``), so a value that is not already
:class:`~markupsafe.Markup` can never become HTML.

:func:`text_html` (a remark's text as paragraphs with highlighted runs) stays in Python: it is
called for every remark of the site, and five times slower as a template (measured; see the
comment in it).
"""

from __future__ import annotations

import html
from typing import Any, Iterable

import jinja2
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


@jinja2.pass_eval_context
def _finalize(eval_ctx: jinja2.nodes.EvalContext, value: Any) -> Any:
    """Jinja's ``finalize``: applied to every ``{{ value }}`` before it is printed. In an
    autoescaped template (ours) a value that is not Markup is escaped by :func:`esc`, so Jinja's
    own escape leaves it alone; elsewhere (Material's templates) the value is untouched."""
    if eval_ctx.autoescape and not hasattr(value, "__html__"):
        return Markup(esc(value))
    return value


def install(env: jinja2.Environment) -> jinja2.Environment:
    """Autoescape the ``gijiroku/…`` templates of MkDocs' environment ``env`` with :func:`esc`
    (in ``on_env``, before any of them is compiled: Jinja fixes both at compile time)."""
    previous = env.autoescape

    def autoescape(name: str | None) -> bool:
        if name is not None and name.startswith(TEMPLATE_PREFIX):
            return True
        return previous(name) if callable(previous) else bool(previous)

    env.autoescape = autoescape
    if env.finalize is None:
        env.finalize = _finalize
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
