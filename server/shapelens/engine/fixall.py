"""Fix every error that has a fix: `shapelens check --fix` and the editor's "fix all".

One fix at a time, each the preferred (first) quick fix of the first error that has one, and the
file re-checked after each: a fix can make another error's fix wrong, or show the next error. Every
fix the engine offers has been checked to leave one error fewer, so the loop ends.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, TypeVar

from .report import SYNTAX_ERROR, Fix, Report, Severity

MAX_FIXES = 100  # per file: far more errors than real files have

Text = TypeVar("Text")  # a file's text, or a notebook's cells


@dataclass
class Fixed(Generic[Text]):
    text: Text
    report: Report  # of the fixed text
    applied: list[Fix]


def preferred_fix(report: Report) -> Fix | None:
    """The fix `--fix` applies: the first quick fix of the first error that has one."""
    for diagnostic in report.diagnostics:
        if diagnostic.severity is Severity.ERROR:
            fix = next((f for f in diagnostic.fixes if f.kind == "quickfix"), None)
            if fix is not None:
                return fix
    return None


def fix_all(text: Text, check: Callable[[Text], Report], apply: Callable[[Text, Fix], Text],
            report: Report | None = None) -> Fixed[Text]:
    """Apply preferred fixes until no error has one; `check` analyses a text, `apply` edits it.
    A file with a syntax error is never touched."""
    report = report if report is not None else check(text)
    applied: list[Fix] = []
    if any(d.code == SYNTAX_ERROR for d in report.diagnostics):
        return Fixed(text, report, applied)
    while len(applied) < MAX_FIXES and (fix := preferred_fix(report)) is not None:
        candidate = apply(text, fix)
        after = check(candidate)
        if after.errors >= report.errors:  # the fix was checked against a different budget: stop
            break
        text, report = candidate, after
        applied.append(fix)
    return Fixed(text, report, applied)
