"""The one way gijiroku reads YAML: safe, bounded, fast, and every refusal a file:line error.

Every YAML file the CLI, the site plugin or its cache reads (meeting YAML, series.yml,
NN.themes.yml, NN.meta.yml, translations, the lexicon, the glossary, the UI strings) goes
through :func:`read_yaml` (or :func:`read_yaml_node` when line numbers are needed, or
:func:`parse_yaml_bytes` / :func:`parse_yaml` for content already read), so every refusal has
one wording: ``file:line: error: invalid YAML: … hint: …`` (and ``YAML file too large``, ``YAML
file is not UTF-8``). Our own YAML never needs the features an attacker would use, so they are
refused rather than limited:

* **Aliases** (``*name``) and merge keys (``<<``): a few hundred bytes of nested aliases
  ("billion laughs") expand into gigabytes once anything walks the data (the cache's JSON, the
  themes' line map). An anchor that no alias uses is inert and passes.
* **Tags** other than YAML's standard ones (``!!python/object``…): PyYAML's safe constructor
  already refuses them; here the refusal becomes a file:line error.
* **Size** above :data:`MAX_YAML_BYTES`, and **nesting** deeper than :data:`MAX_DEPTH`: libyaml's
  composer recurses on the C stack, so 100 KB of ``[`` kills the process (segmentation fault).

The fast path stays libyaml's (``CSafeLoader``): the only extra work on an ordinary file is
one regular-expression pass that bounds its nesting (:func:`_depth_bound`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from gijiroku.errors import GijirokuError
from gijiroku.limits import MAX_YAML_BYTES, read_text, too_large, utf8_text

# Our YAML nests about 8 levels (remarks > items > themes > evidence); libyaml's composer
# crashes somewhere above 10,000 (measured: 10,000 passes, 100,000 is a segmentation fault).
# The limit is high so that the cheap bound (_depth_bound) clears an ordinary meeting YAML,
# whose many one-line flow records (`lines: {start: 3, end: 4}`) it counts as levels.
MAX_DEPTH = 1000

# Aliases, merge keys, tags and deep nesting are never a typo in a file gijiroku writes or
# documents: the hint says what to write instead.
SYNTAX_HINT = "fix the YAML syntax"
PLAIN_HINT = ("write every value out in full: gijiroku's YAML uses no anchors, aliases, merge "
              "keys or tags, and nests a few levels")

_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"
_STR = "tag:yaml.org,2002:str"
# The indentation and compact-collection indicators that start a line: block nesting on one
# line takes one of these characters per level (libyaml accepts a tab after an indicator).
_LINE_START = re.compile(r"^[ \t?:-]*", re.M)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader (PyYAML's pure-Python one without libyaml) that refuses aliases
    and merge keys."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A node met a second time is an alias of it: refuse before anything expands it.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(None, None, "an alias (*name) repeats the node anchored "
                                   "here; aliases are not allowed", node.start_mark)
        return super().construct_object(node, deep)

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        # Replaces SafeConstructor's, which expands merge keys node by node (exponentially
        # with nested merges) before any object is constructed.
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                raise ConstructorError(None, None, "merge keys (<<) are not allowed",
                                       key_node.start_mark)
            if key_node.tag == _VALUE:  # a plain `=` key: a string, as SafeConstructor makes it
                key_node.tag = _STR


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth of ``text``: each flow level takes a ``[`` or ``{``
    and each block level an indentation space or a compact indicator at its line's start.
    Quoted brackets and dashes only make the bound larger, never smaller."""
    block = max(map(len, _LINE_START.findall(text)), default=0)
    return block + 2 + text.count("[") + text.count("{")


def _depth(text: str, file: str, hint: str) -> tuple[int, int]:
    """The real nesting depth of ``text`` and the line where it is reached, from libyaml's event
    stream (no recursion, unlike composing)."""
    depth = deepest = line = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > deepest:
                    deepest, line = depth, event.start_mark.line + 1
                    if deepest > MAX_DEPTH:
                        break
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # libyaml 0.2.5 as bundled with PyYAML >= 6.0.4 stops at its own nesting limit (1000):
        # the same refusal as ours, and it must read the same.
        if "maximum nesting depth" in str(getattr(error, "problem", "")) and mark is not None:
            return MAX_DEPTH + 1, mark.line + 1
        raise _error(error, file, hint) from None
    return deepest, line


def _error(error: yaml.YAMLError, file: str, hint: str) -> GijirokuError:
    if isinstance(error, ConstructorError):  # an alias, a merge key or a tag, not syntax
        hint = PLAIN_HINT
    mark = getattr(error, "problem_mark", None)
    # "while parsing a flow sequence, did not find expected ',' or ']'": the context, then the
    # problem; never the snippet of the file that str(error) would add.
    what = ", ".join(filter(None, (getattr(error, "context", None), getattr(error, "problem", None))))
    return GijirokuError(file, f"invalid YAML: {what or error}", hint,
                         line=mark.line + 1 if mark else None)


def _loader(text: str, file: str, hint: str) -> _Loader:
    if len(text) > MAX_YAML_BYTES:
        raise too_large(file, len(text.encode("utf-8")), MAX_YAML_BYTES, "YAML file",
                        "check that this is the right file")
    if _depth_bound(text) > MAX_DEPTH:
        depth, line = _depth(text, file, hint)
        if depth > MAX_DEPTH:
            raise GijirokuError(file, f"YAML nested deeper than {MAX_DEPTH} levels", PLAIN_HINT,
                                line=line)
    return _Loader(text)


def parse_yaml(text: str, file: str, hint: str = SYNTAX_HINT) -> Any:
    """The data of the YAML document ``text`` (read from ``file``, named in errors).

    Raises :class:`GijirokuError` with the line for invalid YAML, aliases, merge keys,
    non-standard tags, more than one document, or a text over the limits.
    """
    return parse_yaml_node(text, file, hint)[0]


def parse_yaml_node(text: str, file: str,
                    hint: str = SYNTAX_HINT) -> tuple[Any, yaml.Node | None]:
    """Like :func:`parse_yaml`, also returning the document's node (for line numbers).

    The data is constructed before the node is returned, so a caller walking the node never
    sees an alias (it would walk a shared subtree once per use)."""
    loader = _loader(text, file, hint)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        raise _error(error, file, hint) from None
    finally:
        loader.dispose()
    return data, node


def parse_yaml_bytes(content: bytes, file: str, hint: str = SYNTAX_HINT) -> Any:
    """:func:`parse_yaml` of the bytes of a YAML file (already read, e.g. to hash them)."""
    return parse_yaml(utf8_text(content, file, "YAML file", hint), file, hint)


def read_yaml(path: Path, hint: str = SYNTAX_HINT) -> Any:
    """The data of the YAML file ``path``: :func:`parse_yaml` of its text, size checked first."""
    return parse_yaml(read_text(path, MAX_YAML_BYTES, "YAML file", hint), str(path), hint)


def read_yaml_node(path: Path, hint: str = SYNTAX_HINT) -> tuple[Any, yaml.Node | None]:
    """:func:`parse_yaml_node` of the YAML file ``path``, size checked first."""
    return parse_yaml_node(read_text(path, MAX_YAML_BYTES, "YAML file", hint), str(path), hint)


def key_lines(node: yaml.Node | None) -> dict[tuple[str, ...], int]:
    """The line of every key and list entry under ``node``, by its path of keys and indices:
    ``("themes", "2")``, ``("overrides", "sr06-04")``; for errors about a value's meaning."""
    lines: dict[tuple[str, ...], int] = {}

    def walk(n: yaml.Node | None, prefix: tuple[str, ...]) -> None:
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                lines[prefix + (str(key.value),)] = key.start_mark.line + 1
                walk(value, prefix + (str(key.value),))
        elif isinstance(n, yaml.SequenceNode):
            for index, value in enumerate(n.value):
                lines[prefix + (str(index),)] = value.start_mark.line + 1
                walk(value, prefix + (str(index),))

    walk(node, ())
    return lines
