"""Workspace mode (`diagnosticMode: "workspace"`): every Python file and notebook of the workspace
folders, found as `shapelens check` walks folders, is checked in the background, and the
diagnostics of those that are not open are published. Files that change on disk are checked
again, with the files that import them.

Open documents go first: background files are handed to the analysis thread one at a time, each
within a short budget, so an edit waits for at most one of them.

A notebook that is not open has its diagnostics published on the notebook file itself, placed in
their cell and named after it ("cell 3: ..."); they are cleared when it opens (its cells then get
their own) and come back from the file on disk when it closes.
"""
from __future__ import annotations

import asyncio
import functools
import os
import time
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Coroutine

from lsprotocol import types
from pygls import uris
from pygls.progress import Progress

from ..checking import read_source
from ..config import Config, Configs
from ..engine import Report
from ..files import CHECKED, included, walk
from ..notebook import NotebookError, Program
from ..notebook import read as read_notebook
from . import convert
from .documents import Documents, Text

# For workspace/didChangeWatchedFiles, when the client allows it. A folder deleted is one event, for the folder.
WATCHERS = [types.FileSystemWatcher("**/*.py"), types.FileSystemWatcher("**/*.ipynb"),
            types.FileSystemWatcher("**/*", types.WatchKind.Delete)]
BUDGET = 2.0  # seconds a file not open may take (as an open one while typing): past it, SL002 says where it stopped
REPORT_EVERY = 0.2  # seconds between progress reports
CREATE_TIMEOUT = 5.0  # seconds a client may take to accept a progress token


class WorkspaceFiles:
    def __init__(self, documents: Documents, publish: Callable[[types.PublishDiagnosticsParams], None],
                 log: Callable[[str], None], encoding: Callable[[], str]):
        self._documents = documents
        self._publish = publish
        self._log = log
        self._encoding = encoding
        self.folders: list[str] = []
        self.active = False
        self._progress: Progress | None = None  # the client's, when it shows work-done progress
        self._queue: dict[str, None] = {}  # the paths to check, in order
        self._imports: dict[str, Report] = {}  # path → the files its last check read, the modules it did not find
        self._shown: dict[str, str] = {}  # path → URI of the files not open whose diagnostics are published
        self._worker: asyncio.Task | None = None
        self._generation = 0  # counts starts and stops: a check begun before one is dropped
        self._tasks: set[asyncio.Task] = set()

    # ---- mode ----------------------------------------------------------------------------------

    def start(self, folders: list[str], progress: Progress | None) -> None:
        """Check every file of `folders` (again)."""
        self.active, self.folders, self._progress = True, folders, progress
        self._generation += 1
        self._queue.clear()
        self._spawn(self._walk(self._generation))

    def stop(self, clear: bool = True) -> None:
        """Back to open files only; `clear`: the diagnostics of the files not open are cleared."""
        self.active = False
        self._generation += 1
        self._queue.clear()
        self._imports.clear()
        for path, uri in self._shown.items():
            if clear and self._documents.opened(path) is None:
                self._publish(types.PublishDiagnosticsParams(uri, []))
        self._shown.clear()

    # ---- document and file events --------------------------------------------------------------

    def opened(self, uri: str) -> None:
        """A notebook opened: its cells get the diagnostics the notebook file had."""
        shown = self._shown.pop(uris.to_fs_path(uri) or uri, None)
        if shown is not None:
            self._publish(types.PublishDiagnosticsParams(shown, []))

    def close(self, uri: str) -> None:
        """A document closed. In workspace mode its diagnostics are left to be replaced by those of
        the file on disk (a notebook's cells are cleared: they are gone)."""
        path = uris.to_fs_path(uri)
        kept = self.active and path is not None and os.path.isfile(path) and self._covers(path)
        self._documents.close(uri, clear=not kept or path.endswith(".ipynb"))
        if kept:
            self._queue = {path: None, **self._queue}
            self._work()

    def files_changed(self, changes: list[types.FileEvent]) -> None:
        """Files created, changed or deleted on disk: they and the files that import them are
        checked again (open documents too, in either mode)."""
        changed: dict[str, types.FileChangeType] = {}
        for change in changes:
            path = uris.to_fs_path(change.uri)
            if path and path.endswith(CHECKED):
                changed[path] = change.type
            elif path and change.type == types.FileChangeType.Deleted:  # a folder, perhaps: the files in it
                changed.update((p, change.type) for p in self._shown.keys() | self._imports.keys()
                               if p.startswith(path + os.sep))
        for path in changed:
            self._documents.loader.forget(path)
        if not changed:
            return
        created = {module_name(path) for path, kind in changed.items() if kind == types.FileChangeType.Created}
        depends = functools.partial(imports, changed=set(changed), created=created)
        self._documents.recheck(self._documents.depending(depends))
        if not self.active:
            return
        for path, kind in changed.items():
            if kind == types.FileChangeType.Deleted:
                self._imports.pop(path, None)
                self._queue.pop(path, None)
                shown = self._shown.pop(path, None)
                if shown is not None and self._documents.opened(path) is None:  # an open one keeps its own
                    self._publish(types.PublishDiagnosticsParams(shown, []))
            elif self._covers(path):
                self._queue[path] = None
        self._queue.update((path, None) for path, report in self._imports.items() if depends(report))
        self._work()

    # ---- checking ------------------------------------------------------------------------------

    def _covers(self, path: str) -> bool:
        # The server's configuration: read once, and again only when a configuration file changes.
        return any(included(path, folder, self._documents.configs) for folder in self.folders)

    async def _walk(self, generation: int) -> None:
        def found() -> list[str]:
            configs = lenient()
            return [os.path.join(root, name) for folder in self.folders for root, name in walk(folder, configs)]

        paths = await asyncio.get_running_loop().run_in_executor(None, found)
        if generation == self._generation:
            for path in self._shown.keys() - set(paths):  # excluded since, or gone
                uri = self._shown.pop(path)
                if self._documents.opened(path) is None:
                    self._publish(types.PublishDiagnosticsParams(uri, []))
            self._queue.update((path, None) for path in paths)
            self._work()

    def _work(self) -> None:
        if self._worker is None and self._queue:
            self._worker = self._spawn(self._drain())

    async def _drain(self) -> None:
        token = await self._begin()
        done, reported = 0, time.monotonic()
        try:
            while self._queue:
                path = next(iter(self._queue))
                del self._queue[path]
                generation = self._generation
                if self._documents.opened(path) is None:  # an open document publishes its own
                    try:
                        config = self._documents.config_of(path)
                        checked = await self._documents.background(functools.partial(self._check, path, config))
                    except Exception:  # an engine bug: nothing is reported for the file
                        self._log(f"Checking {path} failed; nothing is reported for it:\n{traceback.format_exc()}")
                        checked = None
                    if checked is not None and generation == self._generation and self._documents.opened(path) is None:
                        self._show(path, *checked)
                done += 1
                if token is not None and time.monotonic() - reported > REPORT_EVERY:
                    reported = time.monotonic()
                    self._progress.report(token, types.WorkDoneProgressReport(
                        message=self._counted(done), percentage=done * 100 // (done + len(self._queue))))
        finally:
            self._worker = None
            if token is not None:
                self._progress.end(token, types.WorkDoneProgressEnd(message=f"Checked {done} files"))
        self._work()  # files queued as it ended

    def _check(self, path: str, config: Config) -> tuple[Text, Report] | None:
        """On the analysis thread: the file read from disk and its report (None if it is gone)."""
        try:
            text = read_source(Path(path))
        except OSError:
            return None
        if path.endswith(".ipynb"):
            try:
                program = read_notebook(text)
            except NotebookError as error:  # shown in the file, like the command line shows it
                return text, error.report(path)
            return program, self._documents.quick_report(program, path, config, BUDGET)
        return text, self._documents.quick_report(text, path, config, BUDGET)

    def _show(self, path: str, text: Text, report: Report) -> None:
        uri = uris.from_fs_path(path)
        self._imports[path] = Report(path, reads=report.reads, not_found=report.not_found)
        if isinstance(text, Program):
            diagnostics = notebook_diagnostics(text, report, self._encoding())
        else:
            diagnostics = convert.diagnostics(report, convert.Lines(text, self._encoding()), uri, None)
        self._shown[path] = uri
        self._publish(types.PublishDiagnosticsParams(uri, diagnostics))

    # ---- progress ------------------------------------------------------------------------------

    def _counted(self, done: int) -> str:
        return f"Checking workspace: {done}/{done + len(self._queue)} files"

    async def _begin(self) -> str | None:
        """A new work-done progress, begun; None if the client shows none."""
        if self._progress is None:
            return None
        token = f"shapelens-workspace-{self._generation}-{time.monotonic_ns()}"
        try:
            await asyncio.wait_for(self._progress.create_async(token), CREATE_TIMEOUT)
        except Exception:  # refused, or no answer: check without showing progress
            return None
        self._progress.begin(token, types.WorkDoneProgressBegin(
            "Shape Lens", message=self._counted(0), percentage=0, cancellable=False))
        return token

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:  # must not go unnoticed
            self._log("Internal error:\n" + "".join(traceback.format_exception(task.exception())))


def lenient() -> Configs:
    """Configuration files read as the server reads them, with the defaults for the keys they get
    wrong; their problems are shown when the files they configure are checked."""
    return Configs(warn=lambda path, problems: None)


def imports(report: Report, changed: set[str], created: set[str]) -> bool:
    """Whether a file's report may change with the files `changed` on disk: it read one of them,
    or named a module that was not found, which a file `created` may now be."""
    return bool(changed.intersection(report.reads)) or any(
        created.intersection(name.split(".")) for name in report.not_found)


def module_name(path: str) -> str:
    """The last part of the name a file is imported by (a package's, for its __init__.py)."""
    folder, name = os.path.split(path)
    stem = os.path.splitext(name)[0]
    return os.path.basename(folder) if stem == "__init__" else stem


def notebook_diagnostics(cells: Program, report: Report, encoding: str) -> list[types.Diagnostic]:
    """A notebook's diagnostics published on the notebook file: each placed in its cell, and
    named after that cell."""
    found = []
    for d in report.diagnostics:
        cell, span = cells.place(d.span)
        found.append(convert.lsp_diagnostic(replace(d, message=f"cell {cell.number}: {d.message}"),
                                            convert.Lines(cell.text, encoding).range(span), [], None))
    return found
