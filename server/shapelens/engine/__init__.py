"""The shape engine: `analyse(text, path)` → Report. A pure function of the source text.

The engine parses the text, interprets it abstractly (never importing or executing it), and
returns the diagnostics, fixes and inferred values the CLI and the language server present.
"""
from __future__ import annotations

import ast
import sys
import time
import warnings

from .fixes import apply_edits
from .interpreter import Interpreter, OutOfTime
from .modules import ModuleLoader
from .oracle import KerasOracle
from .report import Diagnostic, Fix, Related, Report, Severity, Span, TextEdit, ValueInfo
from .source import Source

SYNTAX_ERROR = "SL001"


DEFAULT_BUDGET = 5.0  # seconds; a pathological file gives partial results rather than a hang


def analyse(text: str, path: str = "<string>", oracle: KerasOracle | None = None,
            verify_fixes: bool = True, loader: ModuleLoader | None = None,
            budget: float | None = DEFAULT_BUDGET) -> Report:
    """Analyse one file. `oracle`, when given, answers for layers without a built-in rule;
    `loader` finds the workspace modules the file imports (by default: beside the file);
    `budget` bounds the time: past it the report holds what was found so far (`partial`)."""
    report = Report(path)
    deadline = time.monotonic() + budget if budget is not None else None  # parsing counts too
    source = Source(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings from the user's code are not ours
            tree = ast.parse(text, filename=path)
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
    interpreter = Interpreter(source, path, oracle, loader, deadline)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        interpreter.run(tree)
    except (RecursionError, OutOfTime):
        pass  # deeply nested code, or out of time: report what was found so far
    finally:
        sys.setrecursionlimit(limit)
    report.partial = interpreter.out_of_time
    report.diagnostics = sorted(interpreter.diagnostics, key=lambda d: (d.span, d.code))
    report.values = sorted(interpreter.values.values(), key=lambda v: v.span)
    if verify_fixes and not report.partial:
        _keep_working_fixes(text, path, oracle, report, loader, deadline)
    return report


def _keep_working_fixes(text: str, path: str, oracle: KerasOracle | None, report: Report,
                        loader: ModuleLoader, deadline: float | None) -> None:
    """A fix is offered only if, applied, it removes an error without bringing another, and the
    engine still knows as many values: a fix whose result the engine cannot follow proves nothing.
    The re-analyses share the file's budget; a fix that could not be checked in time is dropped."""
    errors = sum(d.severity is Severity.ERROR for d in report.diagnostics)

    def works(fix: Fix) -> bool:
        budget = None if deadline is None else deadline - time.monotonic()
        fixed = analyse(apply_edits(text, fix.edits), path, oracle, verify_fixes=False, loader=loader,
                        budget=budget) if budget is None or budget > 0 else None
        if fixed is None or fixed.partial:
            report.partial = True
            return False
        return (sum(d.severity is Severity.ERROR for d in fixed.diagnostics) < errors
                and len(fixed.values) >= len(report.values))

    for diagnostic in report.diagnostics:
        diagnostic.fixes = [fix for fix in diagnostic.fixes if fix.kind != "quickfix" or works(fix)]


__all__ = ["analyse", "KerasOracle", "ModuleLoader", "Diagnostic", "Fix", "Related", "Report", "Severity", "Span", "TextEdit", "ValueInfo"]
