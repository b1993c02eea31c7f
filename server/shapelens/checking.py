"""Checking files for `shapelens check`: each file with its own settings, optionally fixed, in this
process or spread over worker processes (one per core) with the same results in the same order."""
from __future__ import annotations

import functools
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from . import notebook
from .cache import Cache
from .config import Configs, kept
from .config import runtime as config_runtime
from .engine import DataFiles, KerasOracle, ModuleLoader, Report, analyse
from .engine.fixall import fix_all
from .engine.fixes import apply_edits
from .engine.runtime import Runtime
from .engine.runtime import detect as detect_runtime


@dataclass
class Checked:
    report: Report  # after the fixes, when fixing
    cells: notebook.Program | None = None  # a notebook's: its positions are cells, lines and columns
    text: str = ""  # the file as read
    fixed: str | None = None  # the file after its fixes, when any applied
    applied: int = 0  # how many fixes


@dataclass(frozen=True)
class Settings:
    """How one file is checked: from its configuration and the command line."""
    keep: Callable[[str], bool] = lambda code: True  # the codes reported (and fixed)
    hints: bool = False
    runtime: Runtime | None = None  # None: this interpreter's
    data: DataFiles | None = None  # None: beside the file only


@dataclass(frozen=True)
class Choices:
    """What the command line says for every file, in place of the configuration's keys."""
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    hints: bool | None = None
    keras_version: str | int | None = None


class FileSettings:
    """Each file's settings: its configuration's, with the command line's choices in their place
    when given. Picklable, so worker processes work out the same settings."""

    def __init__(self, choices: Choices, configs: Configs):
        self.choices, self.configs = choices, configs
        self._detected: Runtime | None = None
        self._data: dict[bool, DataFiles] = {}

    def __call__(self, path: Path) -> Settings:
        if self._detected is None:  # the Keras (and TensorFlow kernels) this interpreter runs the files with
            self._detected = detect_runtime()
        config, choices = self.configs.of(str(path.parent)), self.choices
        enabled = config.read_data_files
        if enabled not in self._data:  # data paths are tried beside each file, then here
            self._data[enabled] = DataFiles([os.getcwd()], enabled)
        return Settings(functools.partial(config.keeps, str(path), select=choices.select, ignore=choices.ignore),
                        bool(config.hints) if choices.hints is None else choices.hints,
                        config_runtime(choices.keras_version or config.keras_version, self._detected),
                        self._data[enabled])


def read_source(path: Path) -> str:
    """Decode as Python does (UTF-8, without a leading byte order mark); undecodable bytes are
    replaced so positions stay usable."""
    return path.read_bytes().decode("utf-8-sig", errors="replace")


class Checker:
    """Checks files one after another, sharing the parsed workspace modules and, when a file meets
    a layer without a built-in rule, real Keras (imported once, only if needed and installed).
    With a cache, a file's result is used again while nothing it depends on changed."""

    def __init__(self, use_keras: bool, settings: Callable[[Path], Settings], fix: bool, cache: Cache | None = None,
                 graphs: bool = False):
        self.oracle = KerasOracle() if use_keras else None
        self.loader = ModuleLoader(os.getcwd())
        self.settings, self.fix, self.cache, self.graphs = settings, fix, cache, graphs

    def cached(self, path: Path, text: str) -> Checked | None:
        """The file's kept result, as `check` would give it; None if it must be analysed."""
        setting, cells, document, engine = self._prepare(path, text)
        if isinstance(document, Checked):
            return document
        report = self.cache.get(path, text, _how(setting, self.oracle), functools.partial(self._found, str(path)))
        if report is None:
            return None
        checked = Checked(kept(report, setting.keep, setting.hints), cells, text)
        return None if self.fix and checked.report.has_errors else checked

    def check(self, path: Path, text: str | None = None) -> Checked:
        """One file (`text`: already read), analysed (and kept, with a cache); `fix` applies the
        preferred fix of each error, re-checking after each (the file is not written)."""
        text = read_source(path) if text is None else text
        setting, cells, document, engine = self._prepare(path, text)
        if isinstance(document, Checked):
            return document
        report = self._analysis(engine, document)
        if self.cache:
            self.cache.put(path, text, _how(setting, self.oracle), report)
        result = Checked(kept(report, setting.keep, setting.hints), cells, text)
        if self.fix and result.report.has_errors:
            done = fix_all(document, functools.partial(_shown, engine, setting),
                           notebook.Program.with_fix if cells is not None else _apply, result.report)
            if done.applied:
                result.report, result.applied = done.report, len(done.applied)
                result.fixed = notebook.write(text, done.text) if cells is not None else done.text
                result.cells = done.text if cells is not None else None
        return result

    def _prepare(self, path: Path, text: str) -> tuple[Settings, notebook.Program | None, Any, Callable]:
        """The file's settings, its cells (a notebook's), what the engine analyses (or the Checked of
        a notebook that cannot be read) and the engine's call for it."""
        setting = self.settings(path)
        common = dict(oracle=self.oracle, loader=self.loader, runtime=setting.runtime, data=setting.data,
                      graphs=self.graphs)
        if path.suffix != ".ipynb":
            return setting, None, text, functools.partial(analyse, path=str(path), **common)
        try:
            cells = notebook.read(text)
        except notebook.NotebookError as error:
            return setting, None, Checked(error.report(str(path))), analyse
        return setting, cells, cells, functools.partial(notebook.Program.analyse, path=str(path), **common)

    def _found(self, importer: str, module: str) -> bool:
        return self.loader.find(module, 0, importer, jedi=False) is not None

    def _analysis(self, engine: Callable[[Any], Report], document: Any) -> Report:
        oracle = self.oracle
        misses = oracle.misses if oracle else 0
        report = engine(document)
        if oracle and oracle.misses > misses and not oracle.ready and oracle.available() and oracle.load():
            report = engine(document)
        return report


def _apply(text: str, fix: Any) -> str:
    return apply_edits(text, fix.edits)


def _how(setting: Settings, oracle: KerasOracle | None) -> str:
    """What a kept result depends on besides the files: the runtime, data files read or not,
    Keras asked or not, and the folder relative paths start from."""
    return repr((setting.runtime, setting.data.enabled if setting.data else None, oracle is not None, os.getcwd()))


def _shown(check: Callable[[Any], Report], setting: Settings, document: Any) -> Report:
    """The report of `check` with what this file's settings keep."""
    return kept(check(document), setting.keep, setting.hints)


def check_files(files: list[Path], use_keras: bool = True, fix: bool = False,
                settings: Callable[[Path], Settings] = lambda path: Settings(),
                texts: dict[Path, str] | None = None, jobs: int = 1, cache: Cache | None = None,
                progress: Callable[[int, int], None] = lambda done, total: None) -> list[Checked]:
    """Check each file (`texts`: files already read, such as standard input), in `jobs` worker
    processes when there are more files than one (`settings` must then be picklable). `progress`
    is told how many files are done, of how many, after each."""
    texts = texts or {}
    checker = Checker(use_keras, settings, fix, cache)
    if cache:  # kept results are read here, each file once; only the files to analyse go to the workers
        texts = {path: texts[path] if path in texts else read_source(path) for path in files}
    results = [checker.cached(path, texts[path]) if cache else None for path in files]
    todo = [path for path, result in zip(files, results) if result is None]
    done: list[Checked] = []

    def finished(checked: Checked) -> None:
        done.append(checked)
        progress(len(files) - len(todo) + len(done), len(files))

    jobs = min(jobs, len(todo))
    if jobs <= 1:
        for path in todo:
            finished(checker.check(path, texts.get(path)))
    else:
        context = _worker_context()
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                 initargs=(use_keras, settings, fix, cache)) as pool:
            # Files go out a few at a time (one round trip each would cost as much as a small file's
            # check), in chunks small enough that no worker is left with the last long stretch.
            chunk = max(1, min(8, len(todo) // (jobs * 16)))
            for checked in pool.map(_check_in_worker, todo, [texts.get(path) for path in todo], chunksize=chunk):
                finished(checked)
    analysed = iter(done)
    return [result if result is not None else next(analysed) for result in results]


_WORKER: Checker | None = None


def _worker_context() -> Any:
    """Forked workers start at once with this process's modules; but a process that holds other
    threads (TensorFlow's, once Keras answered) would be copied mid-lock, so it starts its workers
    from a fork server instead."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def _start_worker(use_keras: bool, settings: Callable[[Path], Settings], fix: bool, cache: Cache | None) -> None:
    global _WORKER
    _WORKER = Checker(use_keras, settings, fix, cache)


def _check_in_worker(path: Path, text: str | None) -> Checked:
    assert _WORKER is not None
    checked = _WORKER.check(path, text)
    # The shapes of every value are for hovers: the command line prints none, so none are sent back.
    return replace(checked, report=replace(checked.report, values=[]))
