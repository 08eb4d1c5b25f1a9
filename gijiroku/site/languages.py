"""The builds of a site's other languages, in a worker process beside the default build.

One `mkdocs build` (or `mkdocs serve`) makes the whole site: the default build builds each other
language from its config into <site_dir>/<code>/ (:func:`start`, then :func:`join`), by handing
the job to :class:`Worker`, whose process runs :func:`work`. One build per language, because
Material takes its UI strings (and search language) from theme.language, which is per build.
They are independent, so the other languages build on the other core while the default one
renders (they were built one after the other: twice the time on 2 cores).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import pickle
import subprocess
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

PACKAGE = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.plugins.gijiroku")


def start(configs: dict[str, Path], site_dir: Path, strict: bool) -> list[tuple[str, "Worker"]]:
    """Start the build of each language of ``configs`` (code -> its mkdocs config) into
    ``site_dir/<code>`` in the worker; returns what :func:`join` waits for."""
    started = []
    for lang, config_file in configs.items():
        log.info("Building the %s site into %s (in parallel)", lang, site_dir / lang)
        worker = Worker.get()
        worker.submit(str(config_file), lang, str(site_dir / lang), strict,
                      logging.getLogger("mkdocs").getEffectiveLevel())
        started.append((lang, worker))
    return started


def join(started: list[tuple[str, "Worker"]]) -> BaseException | None:
    """Wait for the builds :func:`start` started, replay their log records into this
    process's `mkdocs` logger (so --strict counts their warnings, as it counts this build's)
    and return the first error one of them raised."""
    first: BaseException | None = None
    for lang, worker in started:
        records, error = worker.result(lang)
        for record in records:
            logging.getLogger(record.name).handle(record)
        first = first or error
    return first


class Worker:
    """The process that builds the other languages: jobs are pickled to its stdin, each answered
    by a pickled (log records, error) on its stdout, in order.

    One process, as the default build uses the other core (2 cores here; a third language
    waits for the second). It lives until on_shutdown, so each `mkdocs serve` rebuild reuses it,
    with its YAML cache (corpus.py) and imported modules. A plain ``python -c`` subprocess rather
    than multiprocessing's spawn, which re-imports the caller's ``__main__`` (a script calling
    mkdocs' build() without a ``__name__`` guard would run again in the worker).
    """

    _current: Worker | None = None

    def __init__(self) -> None:
        # The package this module was imported from, also when it is not installed.
        path = os.pathsep.join(filter(None, [str(PACKAGE.parent), os.environ.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from gijiroku.site.languages import work; work()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": path})

    @classmethod
    def get(cls) -> Worker:
        if cls._current is None or cls._current.process.poll() is not None:
            cls._current = cls()
        return cls._current

    @classmethod
    def stop(cls) -> None:
        if cls._current is not None:
            cls._current.process.stdin.close()  # end of jobs: the worker exits
            cls._current.process.wait()
            cls._current = None

    def submit(self, *job) -> None:
        pickle.dump(job, self.process.stdin)
        self.process.stdin.flush()

    def result(self, lang: str) -> tuple[list[logging.LogRecord], BaseException | None]:
        try:
            return pickle.load(self.process.stdout)
        except (EOFError, pickle.UnpicklingError):  # the worker died (killed, out of memory)
            self.process.kill()
            self.process.wait()
            Worker._current = None
            return [], PluginError(f"the {lang} build's worker process ended "
                                   f"(exit status {self.process.returncode})")


def work() -> None:
    """The worker's main loop (see :class:`Worker`)."""
    jobs, answers = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, not into the answers
    try:
        while True:
            try:
                job = pickle.load(jobs)
            except EOFError:
                return
            pickle.dump(_build_language(*job), answers)
            answers.flush()
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: mkdocs reports it
        return


class _Records(logging.handlers.QueueHandler):
    """Keeps log records in a list, made picklable by QueueHandler.prepare (the message is
    formatted, a traceback included, into record.msg)."""

    def enqueue(self, record: logging.LogRecord) -> None:
        self.queue.append(record)


def _build_language(config_file: str, lang: str, site_dir: str, strict: bool,
                    level: int) -> tuple[list[logging.LogRecord], BaseException | None]:
    """In the worker: build one language's site; return its log records and its error (both
    go back to the default build, which reports them as if the build had run in-process)."""
    logger = logging.getLogger("mkdocs")
    handler = _Records([])
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    error: BaseException | None = None
    try:
        other = load_config(config_file, site_dir=site_dir, strict=strict)
        if other.theme["language"] != lang:
            raise PluginError(f"{config_file}: theme.language must be {lang!r}")
        build(other)
    except Exception as raised:  # noqa: BLE001 -- handed to the default build, which raises it
        error = raised
        try:
            pickle.dumps(error)
        except Exception:  # noqa: BLE001 -- an exception that cannot cross processes
            error = PluginError(f"the {lang} build failed: {type(raised).__name__}: {raised}")
    finally:
        logger.removeHandler(handler)
    return handler.queue, error
