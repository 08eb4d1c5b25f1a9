"""Page templates a site owner can override (issue 15): the pages are Jinja templates in
gijiroku/site/theme/, rendered with MkDocs' environment and autoescaped, and a site's
``theme.custom_dir`` overrides any of them as it overrides Material's partials.

The test site is small and self-contained: one hand-written meeting whose text holds HTML,
a script and Markdown syntax, parsed by the CLI and built with a custom_dir that overrides the
remark partial and the themes page template."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import jinja2
import pytest
import yaml
from markupsafe import Markup

from gijiroku.site.html import install
from gijiroku.site.plugin import THEME

MINUTES = """\
テンプレート検証会議（第１回）
議事要旨
日時：令和６年５月７日（火）１０時００分～１１時００分
場所：<b>第１会議室</b> & 'east' "wing"

○<script>alert("x")</script>を含む発言です。**太字**と<em>強調</em>。

○二番目の発言です。[リンク](https://example.com) と `code`。

○三番目の発言です。

以上
"""

SERIES = """\
slug: tpl
code: tp
title: テンプレート<i>研究会</i>
organiser: テスト省
"""

CONFIG = """\
site_name: template test
site_url: https://example.org/tpl/
docs_dir: docs
strict: true
theme:
  name: material
  language: ja
  custom_dir: overrides
plugins:
  - gijiroku:
      minutes_dir: minutes
      cache: false
"""

# The site owner's overrides: a remark layout of their own (the macro remark() that the
# packaged meeting page calls for every remark), and the themes page.
REMARK_OVERRIDE = """\
{% macro remark(remark) -%}
<article class="my-remark" id="{{ remark.id }}" data-speaker="{{ remark.speaker }}">
<h3>{{ remark.unit.head.label }}</h3>
<div class="my-text">{{ remark.unit.text.text }}</div>
<p class="my-raw">{{ remark.unit.text.text.unescape() }}</p>
<p class="my-permalink">{{ remark.unit.citation.url }}</p>
<ol>{% for item in remark.items %}<li id="{{ item.id }}">{{ item.text.text }}</li>{% endfor %}</ol>
</article>
{%- endmacro %}"""

THEMES_OVERRIDE = """\
{% extends "gijiroku/page.html" %}
{% block body -%}
<h1 data-custom-page>{{ t("title.themes") }}</h1>
<ul>{% for theme in themes %}<li><a href="{{ theme.href }}">{{ theme.name }}</a></li>{% endfor %}</ul>
{%- endblock %}
"""


@functools.cache
def built() -> tuple[Path, dict]:
    """The built test site and the meeting's YAML."""
    work = Path(tempfile.mkdtemp(prefix="gijiroku-templates-"))
    (work / "docs").mkdir()
    series = work / "minutes" / "tpl"
    series.mkdir(parents=True)
    (series / "series.yml").write_text(SERIES, encoding="utf-8")
    (series / "01.txt").write_text(MINUTES, encoding="utf-8")
    (work / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    partials = work / "overrides" / "gijiroku" / "partials"
    partials.mkdir(parents=True)
    (partials / "remark.html").write_text(REMARK_OVERRIDE, encoding="utf-8")
    (work / "overrides" / "gijiroku" / "themes.html").write_text(THEMES_OVERRIDE, encoding="utf-8")
    parsed = subprocess.run([sys.executable, "-m", "gijiroku", "parse", "--all", "--root",
                             str(work / "minutes")], capture_output=True, text=True)
    assert parsed.returncode == 0, parsed.stderr
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                             str(work / "mkdocs.yml"), "-d", str(work / "site")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((series / "01.yaml").read_text(encoding="utf-8"))
    return work / "site", data


def meeting_page() -> str:
    site, data = built()
    return (site / "meetings" / data["meeting"]["id"] / "index.html").read_text(encoding="utf-8")


def test_the_remark_override_renders_every_remark():
    _, data = built()
    html = meeting_page()
    assert len(data["remarks"]) == 3
    ids = re.findall(r'<article class="my-remark" id="([^"]+)"', html)
    assert ids == [remark["id"] for remark in data["remarks"]]
    assert 'class="gj-remark"' not in html  # the packaged partial is not used
    assert 'class="gj-meta"' in html  # the packaged meeting page is


def test_the_page_override_replaces_the_packaged_page():
    site, _ = built()
    html = (site / "themes" / "index.html").read_text(encoding="utf-8")
    assert "<h1 data-custom-page>テーマ</h1>" in html
    assert 'class="gj-themes"' not in html


def test_the_override_sees_the_views_data():
    _, data = built()
    html = meeting_page()
    for remark in data["remarks"]:
        url = f"https://example.org/tpl/meetings/{data['meeting']['id']}/#{remark['id']}"
        assert f'<p class="my-permalink">{url}</p>' in html


@pytest.mark.parametrize(("raw", "escaped"), [
    # remark text, made HTML by text_html (one paragraph)
    ('<script>alert("x")</script>', "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
    ("<em>強調</em>", "&lt;em&gt;強調&lt;/em&gt;"),
    # Markdown syntax stays as written: pages never go through Markdown
    ("**太字**", "**太字**"),
    ("[リンク](https://example.com)", "[リンク](https://example.com)"),
    ("`code`", "`code`"),
    # plain strings of the minutes printed by the packaged meeting page: autoescaped
    ("<b>第１会議室</b> & 'east' \"wing\"",
     "&lt;b&gt;第１会議室&lt;/b&gt; &amp; &#x27;east&#x27; &quot;wing&quot;"),
    ("テンプレート<i>研究会</i>", "テンプレート&lt;i&gt;研究会&lt;/i&gt;"),
])
def test_minutes_text_is_escaped(raw, escaped):
    html = meeting_page()
    body = html[html.index('<div class="gj"'):]
    assert escaped in body
    assert raw not in body or raw == escaped
    assert "<script>alert" not in html
    assert "<strong>太字" not in body and "<code>code" not in body and "<a href=\"https://example.com" not in body


def test_a_plain_string_printed_by_an_override_is_escaped():
    # unescape() makes the remark's HTML a plain string again: the override's {{ }} escapes it.
    html = meeting_page()
    raw = re.search(r'<p class="my-raw">(.*?)</p>', html)[1]
    assert raw.startswith("&lt;p&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")


def test_the_theme_folder_comes_after_custom_dir_and_before_material():
    from mkdocs.config import load_config

    site, _ = built()
    config = load_config(str(site.parent / "mkdocs.yml"))
    for plugin in config.plugins.values():
        plugin.on_config(config)
    dirs = config.theme.dirs
    assert dirs[0] == str(site.parent / "overrides")
    assert dirs[1] == str(THEME)
    assert Path(dirs[2], "partials", "header.html").is_file()  # Material's
    assert dirs.count(str(THEME)) == 1


def render(name: str, source: str, **values) -> str:
    env = install(jinja2.Environment(loader=jinja2.DictLoader({name: source})))
    return env.get_template(name).render(**values)


@pytest.mark.parametrize(("name", "value", "expected"), [
    # the gijiroku/ templates: escaped as the site always escaped (html.escape, and &#10;)
    ("gijiroku/x.html", "<a href=\"x\">'&", "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;"),
    ("gijiroku/x.html", "a\nb", "a&#10;b"),
    ("gijiroku/x.html", Markup("<b>ok</b>"), "<b>ok</b>"),
    ("gijiroku/x.html", None, "None"),
    ("gijiroku/x.html", 3, "3"),
    # other templates (Material's): untouched, as MkDocs renders them
    ("main.html", "<b>html</b>", "<b>html</b>"),
    ("partials/remark.html", "<b>html</b>", "<b>html</b>"),
])
def test_install_escapes_only_the_gijiroku_templates(name, value, expected):
    assert render(name, "{{ v }}", v=value) == expected
