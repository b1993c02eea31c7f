"""Open documents and their analyses. A document is a file's text, or a notebook's code cells as
one program (lsp.notebooks).

Analyses run on one worker thread, so the event loop keeps answering while the engine works and
the Keras oracle's miss counter is read by one analysis at a time (Keras answers in a worker
process: keras_worker.py). Each document has at most one
analysis in flight; an edit made meanwhile is analysed after it, and a result for a version that
has since been superseded (or closed) is never published.
"""
from __future__ import annotations

import asyncio
import functools
import gc
import os
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Coroutine, Iterable

from ..config import Config, Configs, kept
from ..config import runtime as config_runtime
from ..engine import DEFAULT_BUDGET, SYNTAX_ERROR, DataFiles, ModuleLoader, Report, analyse
from ..engine.fixall import fix_all
from ..engine.fixes import apply_edits
from ..engine.graph import PLACES
from ..engine.incremental import Session
from ..engine.runtime import detect as detect_runtime
from ..keras_worker import BackgroundOracle
from ..notebook import Program
from .configuration import Configuration

Text = str | Program
# publish(uri, version, text, report): the diagnostics of `report`, for `text` at `version`.
Publish = Callable[[str, int | None, Text, Report], None]


_NO_DATA = DataFiles(enabled=False)


def _holds(graphs: bool | str, wanted: bool | str) -> bool:
    """Whether a report made with `graphs` (analyse's option) has the graphs `wanted` asks for."""
    return graphs is True or graphs == wanted or not wanted


@dataclass
class Analysis:
    version: int
    text: Text
    report: Report
    missed: bool  # met a layer without a rule that Keras had not answered for
    answers: int  # the oracle's answers when it started: newer ones make a missed analysis stale
    # Fixes checked by re-analysis. While typing they are not (speed), so a save of the same
    # version analyses again to offer every fix.
    checked: bool = True
    graphs: bool | str = False  # its report holds the model graphs (True), or their places (PLACES)


@dataclass
class Document:
    uri: str
    path: str
    text: Text
    version: int
    typing: bool = False  # changed since it was opened or last saved
    slow: bool = False  # the last analysis exceeded the budget: analyse on open and save only
    # Its model graphs have been asked for (True: the graph view), or only where its models are (PLACES:
    # code lenses): from then on its analyses draw them. Drawing costs a few percent of an analysis
    # (6 ms of 70 at 3,000 lines), so only documents whose graph is looked at pay it.
    graphs: bool | str = False
    analysis: Analysis | None = None
    fixed: tuple[int, Text] | None = None  # (version, its text with every error's preferred fix applied)
    # Its analyses while typing replay what an edit cannot have changed (engine/incremental.py).
    session: Session = field(default_factory=Session)
    timer: asyncio.TimerHandle | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Documents:
    def __init__(self, publish: Publish, log: Callable[[str], None], delay: float = 0.3, budget: float = 2.0):
        self._publish = publish
        self._log = log
        self._oracle = BackgroundOracle(self._answered, log)
        self._loop: asyncio.AbstractEventLoop | None = None  # the server's, which the oracle's answers go to
        self._delay = delay  # debounce while typing
        self._budget = budget  # seconds an analysis may take and still run on every pause in typing
        self._documents: dict[str, Document] = {}
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shapelens-analysis")
        self._tasks: set[asyncio.Task] = set()  # the loop keeps only weak references to tasks
        self.loader = ModuleLoader()  # replaced by one rooted at the workspace on initialize
        self.data = DataFiles()  # likewise: reads beside each file, and in the workspace folders
        self.runtime = detect_runtime()  # the server's interpreter is the user's
        self.configs: Configs | Configuration = Configs()  # replaced on initialize by the server's

    # ---- document events -------------------------------------------------------------------

    def open(self, uri: str, path: str, text: Text, version: int) -> None:
        self._cancel_timer(self._documents.get(uri))
        document = self._documents[uri] = Document(uri, path, text, version)
        self._check(document)

    def change(self, uri: str, text: Text, version: int, analyse_now: bool) -> None:
        """A new version; checked after a pause in typing when `analyse_now` (analyzeOnType)."""
        document = self._documents.get(uri)
        if document is None:
            return
        self._cancel_timer(document)
        document.text, document.version, document.typing = text, version, True
        if analyse_now and not document.slow:
            document.timer = asyncio.get_running_loop().call_later(self._delay, self._check, document)

    def save(self, uri: str) -> None:
        document = self._documents.get(uri)
        if document is None:
            return
        self._cancel_timer(document)
        document.typing = False
        self._check(document)

    def close(self, uri: str, clear: bool = True) -> None:
        """`clear`: publish no diagnostics for it (else what was published stays, to be replaced)."""
        document = self._documents.pop(uri, None)
        self._cancel_timer(document)
        if clear:
            self._publish(uri, None, document.text if document else "", Report(document.path if document else uri))

    def recheck(self, uris: Iterable[str] | None = None) -> None:
        """Check every open document (or those of `uris`) again: what the engine reads has changed."""
        documents = list(self._documents.values()) if uris is None else [self._documents[u] for u in uris
                                                                          if u in self._documents]
        for document in documents:
            document.analysis = document.fixed = None
            self._check(document)

    def opened(self, path: str) -> str | None:
        """The URI of the open document of the file `path`, if it is open."""
        return next((d.uri for d in self._documents.values() if d.path == path), None)

    def depending(self, depends: Callable[[Report], bool]) -> list[str]:
        """The open documents whose last analysis `depends` says may change (with a file on disk)."""
        return [d.uri for d in self._documents.values() if d.analysis and depends(d.analysis.report)]

    # ---- reports for requests ----------------------------------------------------------------

    async def current(self, uri: str, checked: bool = False) -> Analysis | None:
        """The analysis of the document's current version, running it now if needed (hovers and
        inlay hints right after an edit do not wait for the debounce); `checked`: with its fixes
        checked."""
        document = self._documents.get(uri)
        if document is None:
            return None
        # Shielded: a cancelled request must not abandon an analysis others may be waiting for.
        return await asyncio.shield(self._spawn(self._analyse(document, document.version, verify=checked)))

    async def with_graphs(self, uri: str, places: bool = False) -> Analysis | None:
        """The analysis of the current version with its model graphs (`places`: at least where each
        model is made): the published one once the document's graphs have been asked for (the first
        request analyses again to draw them)."""
        document = self._documents.get(uri)
        if document is None:
            return None
        if not _holds(document.graphs, PLACES if places else True):
            document.graphs = PLACES if places else True
        return await self.current(uri)

    def latest(self, uri: str) -> Analysis | None:
        """The finished analysis of the current version, if there is one (never waits)."""
        document = self._documents.get(uri)
        if document is None or not self._fresh(document, document.version, verify=False):
            return None
        return document.analysis

    async def for_actions(self, uri: str) -> Analysis | None:
        """What code actions offer fixes from: while typing, the finished analysis of the current
        version if any (asked on every cursor move, they never start one); after a save, the
        current version's with its fixes checked."""
        document = self._documents.get(uri)
        if document is None or document.typing:
            return self.latest(uri)
        return await self.current(uri, checked=True)

    async def fixed(self, uri: str) -> tuple[int, Text, Text] | None:
        """(version, text, fixed text) of a document (a notebook's: its cells): every error's
        preferred fix applied, re-checking after each, as `shapelens check --fix` does. None if it
        is not open."""
        document = self._documents.get(uri)
        if document is None:
            return None
        version, text = document.version, document.text
        if document.fixed is None or document.fixed[0] != version:
            check = functools.partial(self._report, path=document.path, config=self.config_of(document.path))
            apply = Program.with_fix if isinstance(text, Program) else lambda old, fix: apply_edits(old, fix.edits)
            done = await asyncio.get_running_loop().run_in_executor(self._executor, fix_all, text, check, apply)
            document.fixed = version, done.text
        return version, text, document.fixed[1]

    async def background(self, job: Callable[[], Any]) -> Any:
        """`job` on the worker thread, after the analyses already waiting for it."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, job)

    def config_of(self, path: str) -> Config:
        """A file's configuration. Read on the event loop: a configuration's problems are shown from here."""
        return self.configs.of(os.path.dirname(os.path.abspath(path)))

    def quick_report(self, text: Text, path: str, config: Config, budget: float) -> Report:
        """On the worker thread: the report of a file that is not open, as an open one would get it,
        within `budget` seconds and without checking fixes (none is applied to a closed file)."""
        return self._report(text, path, config, verify_fixes=False, budget=budget)

    def version(self, uri: str) -> int | None:
        document = self._documents.get(uri)
        return document.version if document else None

    # ---- analysis ------------------------------------------------------------------------------

    def _check(self, document: Document) -> None:
        self._spawn(self._check_and_publish(document, document.version))

    async def _check_and_publish(self, document: Document, version: int) -> None:
        analysis = await self._analyse(document, version, verify=False)
        if analysis is None or not self._is_current(document, version):
            return  # superseded while it ran: a newer version is (or will be) published instead
        report = analysis.report
        if document.typing and any(d.code == SYNTAX_ERROR for d in report.diagnostics):
            # Mid-typing the code is usually incomplete: an SL001 squiggle would flash on every
            # keystroke, and the previous version's shape errors would sit at stale positions.
            # So publish nothing for this version; open and save report the syntax error.
            report = Report(report.path)
        self._publish(document.uri, version, analysis.text, report)
        if not document.typing and not analysis.checked:
            # Opened or saved: the diagnostics are out. Their fixes are checked by re-analysis once
            # the editor is idle (code actions asked for before then check them at once).
            self._cancel_timer(document)
            document.timer = asyncio.get_running_loop().call_later(
                self._delay, lambda: self._spawn(self._verified(document, version)))

    async def _verified(self, document: Document, version: int) -> None:
        """The fixes checked once the editor is idle; then, still idle, what the runs so far left
        is collected (the server's automatic full collections are rare: see lsp/server.py)."""
        await self._analyse(document, version, verify=True)
        await self.background(gc.collect)

    async def _analyse(self, document: Document, version: int, verify: bool) -> Analysis | None:
        """The analysis of `version`, or None if the document moved on before it could start;
        `verify`: with its fixes checked."""
        async with document.lock:  # one analysis in flight per document
            if not self._is_current(document, version):
                return None
            if self._fresh(document, version, verify):
                return document.analysis
            text = document.text
            # Typing replays what it can. Opening, saving and the run that checks the fixes run from
            # scratch, and record the run that typing after them replays.
            if not document.typing or verify:
                document.session.reset()
            graphs = document.graphs
            self._loop, answers = asyncio.get_running_loop(), self._oracle.answers
            report, missed, elapsed, failure = await self._loop.run_in_executor(
                self._executor, self._run_engine, text, document.path, self.config_of(document.path), verify,
                lambda: not self._is_current(document, version), document.session, graphs,
                document.typing and not verify)
            # A partial report's fixes are never checked (there is no time): it is as checked as it gets.
            document.analysis = Analysis(version, text, report, missed, answers, checked=verify or report.partial,
                                         graphs=graphs)
            if failure:
                self._log(f"Analysing {document.path} failed; nothing is reported for it:\n{failure}")
            if not verify:  # checking fixes is not what typing waits for
                if elapsed > self._budget and not document.slow:
                    self._log(f"Analysing {document.path} took {elapsed:.1f} s (budget {self._budget:.1f} s): "
                              "it is now checked on open and save only.")
                document.slow = elapsed > self._budget
            return document.analysis

    def _run_engine(self, text: Text, path: str, config: Config, verify_fixes: bool,
                    cancelled: Callable[[], bool], session: Session | None,
                    graphs: bool | str, replaying: bool) -> tuple[Report, bool, float, str | None]:
        """On the worker thread: the report, whether it needed the oracle before it was ready, the
        time it took (not counting the queue), and the traceback if the engine failed (an engine
        bug is reported as nothing found). `replaying` (typing): the garbage collector waits until
        the run is over: such a run makes little garbage, and a collection would land on a
        keystroke's diagnostics."""
        misses = self._oracle.misses
        started = time.monotonic()
        paused = replaying and gc.isenabled()
        if paused:
            gc.disable()
        try:
            report = self._report(text, path, config, verify_fixes, cancelled=cancelled, session=session, graphs=graphs)
            failure = None
        except Exception:
            report, failure = Report(path), traceback.format_exc()
        finally:
            if paused:
                gc.enable()
        missed = self._oracle.misses > misses
        return report, missed, time.monotonic() - started, failure

    def _report(self, text: Text, path: str, config: Config, verify_fixes: bool = True,
                budget: float | None = DEFAULT_BUDGET, cancelled: Callable[[], bool] | None = None,
                session: Session | None = None, graphs: bool | str = False) -> Report:
        """The report shown for `text`: what its configuration selects, hints unless it turns them
        off, checked against its Keras version; data files are read when the editor's setting and
        the configuration both allow it."""
        runtime = config_runtime(config.keras_version, self.runtime)
        data = self.data if config.read_data_files else _NO_DATA
        if isinstance(text, Program):
            report = text.analyse(path, self._oracle, self.loader, runtime=runtime, verify_fixes=verify_fixes,
                                  data=data, budget=budget, cancelled=cancelled, session=session, graphs=graphs)
        else:
            report = analyse(text, path, self._oracle, loader=self.loader, runtime=runtime,
                             verify_fixes=verify_fixes, data=data, budget=budget, cancelled=cancelled,
                             session=session, graphs=graphs)
        return kept(report, functools.partial(config.keeps, path), config.hints is not False)

    def _fresh(self, document: Document, version: int, verify: bool) -> bool:
        analysis = document.analysis
        return (analysis is not None and analysis.version == version
                and not (analysis.missed and self._oracle.answers > analysis.answers)
                and (analysis.checked or not verify)
                and _holds(analysis.graphs, document.graphs))

    def _is_current(self, document: Document, version: int) -> bool:
        return self._documents.get(document.uri) is document and document.version == version

    # ---- the Keras oracle --------------------------------------------------------------------

    def _answered(self) -> None:
        """On the oracle's thread: Keras has answered; the documents that asked are checked again."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._recheck_missed)

    def _recheck_missed(self) -> None:
        for document in list(self._documents.values()):
            if document.analysis is not None and document.analysis.missed:
                self._check(document)

    def close_oracle(self) -> None:
        self._oracle.close()

    # ---- plumbing ------------------------------------------------------------------------------

    def _spawn(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(self._logged(coroutine))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _logged(self, coroutine: Awaitable[Any]) -> Any:
        try:
            return await coroutine
        except Exception:  # a background task's failure must not go unnoticed, nor stop the server
            self._log(f"Internal error:\n{traceback.format_exc()}")
            return None

    @staticmethod
    def _cancel_timer(document: Document | None) -> None:
        if document is not None and document.timer is not None:
            document.timer.cancel()
            document.timer = None
