"""The shape engine: `analyse(text, path)` → Report. A pure function of the source text.

The engine parses the text, interprets it abstractly (never importing or executing it), and
returns the diagnostics, fixes and inferred values the CLI and the language server present.
"""
from __future__ import annotations

import ast
import math
import operator
import sys
import time
import warnings
from typing import Callable

from . import keras2, reads, suppressions
from .datafiles import DataFiles
from .fixes import apply_edits
from .graph import model_graphs
from .incremental import Session
from .interpreter import Interpreter, OutOfTime
from .modules import ModuleLoader
from .oracle import KerasOracle
from .runtime import Runtime, this_interpreter, using as using_runtime
from .report import SYNTAX_ERROR, Diagnostic, Fix, Related, Report, Severity, Span, TextEdit, ValueInfo
from .source import Source, parse

OUT_OF_TIME = "SL002"


VERIFY_MIN_SECONDS = 0.5  # fix checks may always take this long...
VERIFY_FACTOR = 2.0  # ...or twice as long as the analysis itself took
DEFAULT_BUDGET = 5.0  # seconds; a pathological file gives partial results rather than a hang


def analyse(text: str, path: str = "<string>", oracle: KerasOracle | None = None,
            verify_fixes: bool = True, loader: ModuleLoader | None = None,
            budget: float | None = DEFAULT_BUDGET, runtime: Runtime | None = None,
            data: DataFiles | None = None, cancelled: Callable[[], bool] | None = None,
            session: Session | None = None, graphs: bool | str = False) -> Report:
    """Analyse one file. `oracle`, when given, answers for layers without a built-in rule;
    `loader` finds the workspace modules the file imports (by default: beside the file);
    `budget` bounds the time: past it the report holds what was found so far (`partial`);
    `runtime` is what the code runs under (default: this interpreter's, `runtime.this_interpreter()`): with
    Keras 2, diagnostics follow Keras 2's rules and wording where they differ from Keras 3's;
    `data` reads the data files the code loads (default: beside the file, and in the loader's
    root); `verify_fixes=False` skips re-analysing fixed texts (faster, for typing): speculative fixes
    are then left out; `cancelled` is asked as the analysis and the fixes' checks go: once it says
    yes, the report is no longer wanted, and it stops as if out of time; `session` (one per
    document) keeps each run so that the next replays the statements an edit cannot have changed
    (incremental.py); `graphs`: draw the models' graphs too (graph.py), or with `graph.PLACES` only say
    where each model is made (graphs without nodes or edges)."""
    report = Report(path)
    started = time.monotonic()
    deadline = started + budget if budget is not None else None  # parsing counts too
    source = Source(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings from the user's code are not ours
            tree = parse(text, path) if session is None else session.parse(source, path, (path, loader, data, runtime,
                                                                                           oracle))
    except SyntaxError as error:
        line = max((error.lineno or 1) - 1, 0)
        column = max((error.offset or 1) - 1, 0)
        report.diagnostics.append(Diagnostic(Span(line, column, line, column + 1), SYNTAX_ERROR,
                                             f"Syntax error: {error.msg}"))
        return report
    except (ValueError, RecursionError, MemoryError) as error:  # null bytes, absurd nesting
        report.diagnostics.append(Diagnostic(Span(0, 0, 0, 0), SYNTAX_ERROR, f"Cannot parse: {error}"))
        return report
    loader = loader if loader is not None else ModuleLoader()
    data = data if data is not None else DataFiles([loader.root] if loader.root else [])
    interpreter = Interpreter(source, path, oracle, loader, deadline, data)
    interpreter.cancelled = cancelled
    runtime = runtime if runtime is not None else this_interpreter()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        with using_runtime(runtime), reads.recording() as read:
            interpreter.run(tree, session)
    except (RecursionError, OutOfTime):
        pass  # deeply nested code, or out of time: report what was found so far
    finally:
        sys.setrecursionlimit(limit)
    report.reads = tuple(sorted(read))
    report.partial = interpreter.out_of_time
    report.not_found = tuple(sorted(interpreter.not_found))
    stopped = [_stopped_here(source, interpreter.stopped_at, budget)] if report.partial else []
    report.diagnostics = sorted(interpreter.diagnostics + stopped, key=lambda d: (d.span.order(), d.code))
    if runtime.keras_major == 2:
        report.diagnostics = keras2.translate(report.diagnostics)
    report.diagnostics = suppressions.apply(source, tree, report.diagnostics, complete=not report.partial)
    report.values = sorted(interpreter.values.values(), key=_PLACE)  # thousands, in a long file
    if graphs:
        report.graphs = model_graphs(interpreter, report.diagnostics, draw=graphs is True)
    if not verify_fixes:  # unchecked candidates are never offered
        for diagnostic in report.diagnostics:
            diagnostic.fixes = [fix for fix in diagnostic.fixes if not fix.speculative]
    elif not report.partial:
        _keep_working_fixes(text, path, oracle, report, loader, deadline, time.monotonic() - started, runtime, data,
                            bounded=budget is not None, cancelled=cancelled or _never)
    for diagnostic in report.diagnostics:  # the preferred fix first: the one `--fix` and "fix all" apply
        diagnostic.fixes.sort(key=lambda fix: not fix.preferred)
    return report


# A value's place as a tuple, got in C: sorting thousands of values calls no Python function.
_PLACE = operator.attrgetter("span.line", "span.column", "span.end_line", "span.end_column")


def _never() -> bool:
    return False


def _stopped_here(source: Source, stmt: ast.stmt | None, budget: float) -> Diagnostic:
    """Out of time: say where the checks stopped, since silence past there would read as "no errors"."""
    start = source.span(stmt) if stmt is not None else Span(0, 0, 0, 0)
    end = len(source.lines[start.line].rstrip("\r\n"))
    return Diagnostic(Span(start.line, start.column, start.line, end), OUT_OF_TIME,
                      f"analysis stopped after {budget:.1f} s; nothing after this line was checked",
                      Severity.INFORMATION)


def _keep_working_fixes(text: str, path: str, oracle: KerasOracle | None, report: Report,
                        loader: ModuleLoader, deadline: float | None, analysis_seconds: float,
                        runtime: Runtime, data: DataFiles, bounded: bool, cancelled: Callable[[], bool]) -> None:
    """A fix is offered only if, applied, it removes an error without bringing another, and the
    engine still knows as many values: a fix whose result the engine cannot follow proves nothing.
    Each distinct edit is checked once, within the file's budget and a few times the analysis's
    own time (large files): past that, speculative fixes are dropped and the others kept, since
    they follow from the rule that found the error. Unbounded analyses check every fix, whatever
    the time: the same text then always gets the same fixes."""
    errors = report.errors
    stop = time.monotonic() + max(VERIFY_MIN_SECONDS, VERIFY_FACTOR * analysis_seconds) if bounded else math.inf
    if deadline is not None:
        stop = min(stop, deadline)
    verdicts: dict[tuple, bool] = {}

    def works(fix: Fix) -> bool:
        if fix.edits in verdicts:
            return verdicts[fix.edits]
        left = stop - time.monotonic()
        if cancelled():
            return False
        if left <= 0:
            return not fix.speculative
        fixed = analyse(apply_edits(text, fix.edits), path, oracle, verify_fixes=False, loader=loader,
                        budget=left if bounded else None, runtime=runtime, data=data, cancelled=cancelled)
        if fixed.partial:
            return not fix.speculative
        verdicts[fix.edits] = (fixed.errors < errors
                               and len(fixed.values) >= len(report.values))
        return verdicts[fix.edits]

    for diagnostic in report.diagnostics:
        diagnostic.fixes = [fix for fix in diagnostic.fixes if fix.kind != "quickfix" or works(fix)]


__all__ = ["analyse", "DataFiles", "KerasOracle", "ModuleLoader", "Diagnostic", "Fix", "Related", "Report", "Severity", "Span", "TextEdit", "ValueInfo"]
