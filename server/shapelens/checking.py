"""Checking files for `shapelens check`: each file with its own settings, optionally fixed, in this
process or spread over worker processes (one per core) with the same results in the same order."""
from __future__ import annotations

import functools
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from . import notebook
from .config import Configs, kept
from .config import runtime as config_runtime
from .engine import SYNTAX_ERROR, DataFiles, Diagnostic, KerasOracle, ModuleLoader, Report, Span, analyse
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
    a layer without a built-in rule, real Keras (imported once, only if needed and installed)."""

    def __init__(self, use_keras: bool, settings: Callable[[Path], Settings], fix: bool):
        self.oracle = KerasOracle() if use_keras else None
        self.loader = ModuleLoader(os.getcwd())
        self.settings, self.fix = settings, fix

    def check(self, path: Path, text: str | None = None) -> Checked:
        """One file (`text`: already read); `fix` applies the preferred fix of each error, re-checking
        after each (the file is not written)."""
        setting, oracle = self.settings(path), self.oracle
        text = read_source(path) if text is None else text
        cells = None
        common = dict(oracle=oracle, loader=self.loader, runtime=setting.runtime, data=setting.data)
        if path.suffix == ".ipynb":
            try:
                cells = notebook.read(text)
            except notebook.NotebookError as error:  # reported like a syntax error, in the file
                at = Span(error.line, error.column, error.line, error.column + 1)
                return Checked(Report(str(path), [Diagnostic(at, SYNTAX_ERROR, str(error))]))
            document, apply = cells, notebook.Program.with_fix
            check = functools.partial(notebook.Program.analyse, path=str(path), **common)
        else:
            document, apply = text, lambda old, chosen: apply_edits(old, chosen.edits)
            check = functools.partial(analyse, path=str(path), **common)
        check = functools.partial(_shown, check, setting)
        misses = oracle.misses if oracle else 0
        report = check(document)
        if oracle and oracle.misses > misses and not oracle.ready and oracle.available() and oracle.load():
            report = check(document)
        result = Checked(report, cells, text)
        if self.fix and report.has_errors:
            done = fix_all(document, check, apply, report)
            if done.applied:
                result.report, result.applied = done.report, len(done.applied)
                result.fixed = notebook.write(text, done.text) if cells is not None else done.text
                result.cells = done.text if cells is not None else None
        return result


def _shown(check: Callable[[Any], Report], setting: Settings, document: Any) -> Report:
    """The report of `check` with what this file's settings keep."""
    return kept(check(document), setting.keep, setting.hints)


def check_files(files: list[Path], use_keras: bool = True, fix: bool = False,
                settings: Callable[[Path], Settings] = lambda path: Settings(),
                texts: dict[Path, str] | None = None, jobs: int = 1) -> list[Checked]:
    """Check each file (`texts`: files already read, such as standard input), in `jobs` worker
    processes when there are more files than one. `settings` must then be picklable."""
    texts = texts or {}
    jobs = min(jobs, len(files))
    if jobs <= 1:
        checker = Checker(use_keras, settings, fix)
        return [checker.check(path, texts.get(path)) for path in files]
    # A fork server, not fork: this process may hold threads (TensorFlow's) that a fork would copy mid-lock.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                             initargs=(use_keras, settings, fix)) as pool:
        return list(pool.map(_check_in_worker, files, [texts.get(path) for path in files]))


_WORKER: Checker | None = None


def _start_worker(use_keras: bool, settings: Callable[[Path], Settings], fix: bool) -> None:
    global _WORKER
    _WORKER = Checker(use_keras, settings, fix)


def _check_in_worker(path: Path, text: str | None) -> Checked:
    assert _WORKER is not None
    checked = _WORKER.check(path, text)
    # The shapes of every value are for hovers: the command line prints none, so none are sent back.
    return replace(checked, report=replace(checked.report, values=[]))
