"""What several test modules share, one module per thing provided: ``support.paths`` (the
repository's folders and files), ``support.pdf`` (drawing test PDFs), ``support.conservation``
(the nothing-lost check), ``support.site`` (building and reading the test sites),
``support.links`` (the link crawler), ``support.corpus`` (the benchmark's generated corpus),
``support.search`` (search units and query tables) and ``support.browser`` (serving a site,
axe, permalink checks).

pyproject.toml's ``[tool.pytest.ini_options] pythonpath`` puts tests/ (and scripts/, for
``bench`` and ``make_corpus``) on sys.path, so test modules write ``from support.site import
built_site``. A test module never imports another test module and nothing touches sys.path
(tests/test_suite_layout.py checks both); pytest fixtures shared by several modules live in a
conftest.py.
"""
