"""The test suite's own layout: no test module imports another test module, and nothing
changes sys.path (shared helpers live in tests/support/, imported as ``support.<module>`` via
pyproject's pytest ``pythonpath``; shared fixtures live in conftest.py files)."""

from __future__ import annotations

import ast

import pytest

from support.paths import ROOT

TESTS = ROOT / "tests"
SUPPORT = TESTS / "support"
# Every Python file of the suite: test modules, conftest.py files and the support package.
SUITE = sorted(TESTS.rglob("*.py"))
# Modules that are files of tests/ outside support/: test modules, conftest and any stray
# helper module; importing one makes a test module a fixture library.
TEST_MODULE_NAMES = frozenset(p.stem for p in SUITE if SUPPORT not in p.parents) | {"tests"}


def forbidden_imports(source: str, test_modules: frozenset[str] = TEST_MODULE_NAMES) -> list[str]:
    """Each import of a test module (``import test_x``, ``from test_x import …``,
    ``from tests.test_x import …``, ``from conftest import …``, relative imports) and each use
    of ``sys.path``, as ``line: what``."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                problems.append(f"{node.lineno}: relative import")
                continue
            names = [node.module or ""]
            if node.module == "sys" and any(alias.name == "path" for alias in node.names):
                problems.append(f"{node.lineno}: sys.path")
        else:
            if (isinstance(node, ast.Attribute) and node.attr == "path"
                    and isinstance(node.value, ast.Name) and node.value.id == "sys"):
                problems.append(f"{node.lineno}: sys.path")
            continue
        problems += [f"{node.lineno}: imports {name}" for name in names
                     if name.split(".")[0] in test_modules]
    return problems


@pytest.mark.parametrize("path", SUITE, ids=lambda p: p.relative_to(TESTS).as_posix())
def test_no_test_module_imports_another_or_touches_sys_path(path):
    assert forbidden_imports(path.read_text(encoding="utf-8")) == []


def test_the_suite_has_test_modules_conftests_and_support():
    names = {p.relative_to(TESTS).as_posix() for p in SUITE}
    assert {"conftest.py", "browser/conftest.py", "support/__init__.py", "support/site.py"} <= names
    assert {"test_site_build", "conftest", "tests"} <= TEST_MODULE_NAMES
    assert not {"support", "site", "paths"} & TEST_MODULE_NAMES  # tests/paths.py is support/paths.py


@pytest.mark.parametrize(("source", "expected"), [
    ("from support.site import built_site\nimport bench\nimport os.path\n", []),
    ("from test_site_build import built_site\n", ["1: imports test_site_build"]),
    ("import json\nimport test_search_index as t\n", ["2: imports test_search_index"]),
    ("from tests.test_conservation import assert_conserved\n", ["1: imports tests.test_conservation"]),
    ("import tests\n", ["1: imports tests"]),
    ("from conftest import Served\n", ["1: imports conftest"]),
    ("def f():\n    from test_site_build import built_site\n", ["2: imports test_site_build"]),
    ("from . import helper\n", ["1: relative import"]),
    ("import sys\nsys.path.insert(0, 'x')\n", ["2: sys.path"]),
    ("import sys\nsys.path = []\n", ["2: sys.path"]),
    ("import sys\nsys.path[0:0] = ['x']\n", ["2: sys.path"]),
    ("from sys import path\npath.append('x')\n", ["1: sys.path"]),
    ("import os\nos.path.join('a', 'b')\n", []),
])
def test_the_check_finds_imports_of_test_modules_and_sys_path(source, expected):
    assert forbidden_imports(source, frozenset({"test_site_build", "test_search_index",
                                                "test_conservation", "conftest", "tests"})) == expected
