"""What the built site need not carry (gijiroku/site/minify.py): every page without its markup's
indentation (a newline and the whitespace after it become the newline alone, except inside the
elements whose whitespace is kept or is code), and none of the theme's files no page uses."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from gijiroku.site.minify import squeeze, unused_theme_file
from support.site import built_site


@pytest.mark.parametrize(("html", "expected"), [
    ("<ul>\n    <li>a</li>\n\n    <li>b</li>\n  </ul>\n", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"),
    # a text's line breaks stay whitespace (the words stay apart), without their indent
    ("<span>\n      ホーム\n    </span>", "<span>\nホーム\n</span>"),
    ("a \t\n\r\n \f b", "a \t\nb"),  # spaces before the newline are left (rare, and harmless)
    ("no   newline\there", "no   newline\there"),
    # kept as they are: preformatted text, a form's text, code, scripts and styles
    ("<pre>\n  a\n    b</pre>\n  <p>", "<pre>\n  a\n    b</pre>\n<p>"),
    ('<pre class="x">\n  a</pre>\n <pre>\n  b</pre>', '<pre class="x">\n  a</pre>\n<pre>\n  b</pre>'),
    ("<textarea>\n  x\n</textarea>", "<textarea>\n  x\n</textarea>"),
    ("<code>a\n   b</code>", "<code>a\n   b</code>"),
    ('<script>\n  var s = `a\n   b`;\n</script>\n  <style>\n  p { }\n</style>',
     '<script>\n  var s = `a\n   b`;\n</script>\n<style>\n  p { }\n</style>'),
    # the element's name is matched whole
    ("<preview>\n  x</preview>", "<preview>\nx</preview>"),
    ("<codex>\n  x</codex>", "<codex>\nx</codex>"),
    ("", ""),
])
def test_squeeze(html, expected):
    assert squeeze(html) == expected
    assert squeeze(expected) == expected


class AttributeNewlines(HTMLParser):
    """The attribute values of a page that hold a newline."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [f"<{tag} {name}>" for name, value in attrs if value and "\n" in value]


KEPT = re.compile(r"<(pre|textarea|code|script|style)\b.*?</\1\s*>", re.S)


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_every_built_page_is_squeezed_and_no_attribute_value_holds_a_newline(name):
    site = built_site(name)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if page.name == "404.html":  # a static template of the theme, not a page of the build
            continue
        assert not re.search(r"\n[ \t]", KEPT.sub("<kept>", html)), page
        parser = AttributeNewlines()
        parser.feed(html)
        assert parser.found == [], (page, parser.found)


@pytest.mark.parametrize(("src_uri", "material_search", "unused"), [
    ("assets/javascripts/bundle.a5f9d56c.min.js.map", False, True),
    ("assets/stylesheets/main.57a0d79d.min.css.map", True, True),
    ("assets/javascripts/lunr/min/lunr.ja.min.js", False, True),
    ("assets/javascripts/lunr/wordcut.js", False, True),
    ("assets/javascripts/lunr/min/lunr.ja.min.js", True, False),  # Material's search needs it
    ("assets/javascripts/bundle.a5f9d56c.min.js", False, False),
    ("assets/javascripts/workers/search.a7633da7.min.js", False, False),  # named by every page
    ("assets/stylesheets/main.57a0d79d.min.css", False, False),
    ("assets/images/favicon.png", False, False),
    ("downloads/site.map", False, False),  # not the theme's assets
])
def test_unused_theme_file(src_uri, material_search, unused):
    assert unused_theme_file(src_uri, material_search) is unused


@pytest.mark.parametrize("name", ["real", "fixture"])
def test_the_built_site_carries_no_source_map_nor_lunr(name):
    site = built_site(name)
    assert (site / "assets" / "javascripts").is_dir()
    assert not [p for p in site.rglob("*.map")]
    assert not [p for p in site.rglob("lunr")]
