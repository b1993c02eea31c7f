"""Jupyter notebooks as one program for the engine, and its positions mapped back to cells.

"Run All" runs the code cells in order in one namespace, so they are analysed as one program: the
cells' lines one after the other, each on its own program line. IPython's own syntax is not
Python, so it is blanked without moving anything: a magic, shell or help line becomes `pass` at its
indentation (`name = get_ipython()` when it assigns, so the name becomes unknown), the lines it
continues onto become empty, and a cell magic other than `%%time`/`%%capture` (which run their body
as Python) empties its whole cell. Every other line keeps its text, so a program position is a
cell, a line and a column exactly.
"""
from __future__ import annotations

import ast
import bisect
import json
import re
import warnings
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable

from .engine import (DEFAULT_BUDGET, SYNTAX_ERROR, DataFiles, Diagnostic, Fix, KerasOracle, ModuleLoader, Report, Span,
                     TextEdit, analyse)
from .engine.fixes import apply_edits
from .engine.incremental import Session
from .engine.runtime import Runtime

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # where Python (and LSP) end lines
# Cell magics whose body is Python run in the user's namespace, as if the magic were not there.
_PYTHON_CELL_MAGICS = {"time", "capture"}
# A statement starting with one of these is IPython's: magic, shell, help, auto-call.
_ESCAPES = "%!?/,;"
# `files = !ls`, `result = %timeit -o f()`: a shell command or magic assigned to names.
_ASSIGNED = re.compile(r"([\w.\[\](), *]*[\w\])])\s*=\s*[%!]")
# "line 12" in the engine's messages; "lib/model.py, line 12" is another file's.
_LINE_REFERENCE = re.compile(r"(?<!\.py, )\bline (\d+)\b")


@dataclass(frozen=True)
class Cell:
    number: int  # 1-based among all the notebook's cells, markdown ones too, as front ends show it
    text: str
    handle: Any = None  # the front end's own reference to the cell (the language server's URI and version)


class NotebookError(ValueError):
    """A file that is not a notebook this module reads; `line` and `column` (0-based) point into
    the file where the problem is, when it is known."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.line, self.column = line, column

    def report(self, path: str) -> Report:
        """Reported like a syntax error, in the file."""
        at = Span(self.line, self.column, self.line, self.column + 1)
        return Report(path, [Diagnostic(at, SYNTAX_ERROR, str(self))])


class Program:
    """Code cells in order as one program text, with positions mapped both ways."""

    def __init__(self, cells: Iterable[Cell]):
        self.cells = tuple(cells)
        self._lines: list[str] = []  # the program's
        self._starts: list[int] = []  # each cell's first program line
        self._cell_lines: list[list[str]] = []  # each cell's own lines
        self._dedent: dict[int, int] = {}  # program line → columns IPython strips from the cell line
        for cell in self.cells:
            self._starts.append(len(self._lines))
            original = _LINE_BREAK.split(cell.text)
            python, dedent = _as_python(original)
            self._dedent.update((len(self._lines) + i, n) for i, n in enumerate(dedent) if n)
            self._cell_lines.append(original)
            self._lines += python
        self._by_number = {cell.number: i for i, cell in enumerate(self.cells)}
        self.text = "\n".join(self._lines)

    # ---- positions -------------------------------------------------------------------------------

    def place(self, span: Span) -> tuple[Cell, Span]:
        """The cell a program span starts in, and the span within that cell (ending at the cell's
        end at the latest)."""
        index = bisect.bisect_right(self._starts, span.line) - 1
        start, lines = self._starts[index], self._cell_lines[index]
        if span.end_line < start + len(lines):
            end = span.end_line - start, span.end_column + self._dedent.get(span.end_line, 0)
        else:
            end = len(lines) - 1, len(lines[-1])
        return self.cells[index], Span(span.line - start, span.column + self._dedent.get(span.line, 0), *end)

    def position(self, number: int, line: int, column: int) -> tuple[int, int]:
        """Cell `number`'s (line, column) in the program."""
        index = self._by_number[number]
        line = self._starts[index] + min(line, len(self._cell_lines[index]) - 1)
        return line, max(column - self._dedent.get(line, 0), 0)

    def where(self, span: Span) -> str:
        """"cell 3, line 4": a program span as people find it in the notebook."""
        cell, local = self.place(span)
        return f"cell {cell.number}, line {local.line + 1}"

    def with_fix(self, fix: Fix) -> "Program":
        """The notebook after a fix: each edit applied to the cell it falls in. Cells keep their
        numbers and handles, so the result can be analysed and written back."""
        edits: dict[int, list[TextEdit]] = {}
        for edit in fix.edits:
            cell, span = self.place(edit.span)
            edits.setdefault(self._by_number[cell.number], []).append(TextEdit(span, edit.new_text))
        return Program(replace(cell, text=apply_edits(cell.text, edits[i])) if i in edits else cell
                       for i, cell in enumerate(self.cells))

    # ---- analysis --------------------------------------------------------------------------------

    def analyse(self, path: str, oracle: KerasOracle | None = None, loader: ModuleLoader | None = None,
                runtime: Runtime | None = None, verify_fixes: bool = True, data: DataFiles | None = None,
                budget: float | None = DEFAULT_BUDGET, cancelled: Callable[[], bool] | None = None,
                session: Session | None = None, graphs: bool | str = False) -> Report:
        """The engine's report, in program positions, with the line numbers of its messages told
        as cells and lines. Each cell is compiled on its own, as IPython does, so a cell that does
        not parse gets its syntax error (SL001); the program is then checked up to the first such
        cell, as far as "Run All" gets."""
        broken = [index for index in range(len(self.cells)) if not _parses(self._cell_text(index))]
        end = self._starts[broken[0]] if broken else len(self._lines)
        report = analyse("\n".join(self._lines[:end]), path, oracle, loader=loader, runtime=runtime,
                         verify_fixes=verify_fixes, data=data, budget=budget, cancelled=cancelled, session=session,
                         graphs=graphs)
        for d in report.diagnostics:
            d.message = self._cells_named(d.message)
            d.expected = d.expected and self._cells_named(d.expected)
            d.actual = d.actual and self._cells_named(d.actual)
            d.related = [replace(r, message=self._cells_named(r.message)) for r in d.related]
            d.fixes = [replace(f, title=self._cells_named(f.title)) for f in d.fixes]
        report.graphs = [replace(g, errors=tuple(replace(e, message=self._cells_named(e.message)) for e in g.errors))
                         for g in report.graphs]
        for index in broken:
            # Worded and placed by the engine; a line its message names is the cell's own.
            (error,) = analyse(self._cell_text(index), path).diagnostics
            start = self._starts[index]
            error.span = Span(error.span.line + start, error.span.column, error.span.end_line + start,
                              error.span.end_column)
            report.diagnostics.append(error)
        report.diagnostics.sort(key=lambda d: (d.span, d.code))
        return report

    def _cell_text(self, index: int) -> str:
        """Cell `index` as Python (IPython's syntax blanked)."""
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._lines)
        return "\n".join(self._lines[self._starts[index]:end])

    def _cells_named(self, text: str) -> str:
        """"declared on line 9" → "declared on cell 2, line 4"."""
        def named(match: re.Match) -> str:
            line = int(match[1]) - 1
            return self.where(Span(line, 0, line, 0)) if 0 <= line < len(self._lines) else match[0]
        return _LINE_REFERENCE.sub(named, text)


def read(text: str) -> Program:
    """The Python code cells of a notebook file (nbformat 4 JSON); NotebookError if it is not one.
    A notebook in another language (its kernel's, or a cell's own in VS Code) has no Python cells."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(f"Not a notebook: invalid JSON: {error.msg}", error.lineno - 1, error.colno - 1) from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        version = data.get("nbformat") if isinstance(data, dict) else None
        if isinstance(version, int) and version < 4:
            raise NotebookError(f"Not a notebook this version reads: nbformat {version} (only nbformat 4; "
                                "opening and saving it in Jupyter converts it)")
        raise NotebookError("Not a notebook: no list of cells")
    metadata = _object(data.get("metadata"))
    language = (_object(metadata.get("kernelspec")).get("language")
                or _object(metadata.get("language_info")).get("name"))
    cells = []
    for number, cell in enumerate(data["cells"], 1):
        cell = _object(cell)
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(part, str) for part in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise NotebookError(f"Not a notebook: cell {number} has no text")
        cell_language = _object(_object(cell.get("metadata")).get("vscode")).get("languageId") or language
        if cell.get("cell_type") == "code" and cell_language in (None, "python"):
            cells.append(Cell(number, source))
    return Program(cells)


def write(text: str, program: Program) -> str:
    """The notebook file `text` with its code cells' sources replaced by `program`'s (cells are
    numbered as `read` numbers them), in the JSON layout Jupyter writes."""
    data = json.loads(text)
    for cell in program.cells:
        entry = data["cells"][cell.number - 1]
        lines = cell.text.splitlines(keepends=True)
        entry["source"] = lines if isinstance(entry.get("source"), list) else cell.text
    layout = re.match(r"\{\r?\n( +)\"", text)  # keep the file's indentation (Jupyter's is 1)
    return json.dumps(data, indent=len(layout[1]) if layout else 1, ensure_ascii=False) + "\n"


def _object(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _parses(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings from the user's code are not ours
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _as_python(lines: list[str]) -> tuple[list[str], list[int]]:
    """A cell's lines as IPython runs them, line for line, and how many columns it strips from
    each: like IPython, the indentation of the first non-blank line is removed from every line
    that starts with it."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return [""] * len(lines), [0] * len(lines)
    indent = lines[first][:len(lines[first]) - len(lines[first].lstrip(" \t"))]
    dedent = [len(indent) if indent and i >= first and line.startswith(indent) else 0 for i, line in enumerate(lines)]
    python = [line[n:] if i >= first else "" for i, (line, n) in enumerate(zip(lines, dedent))]
    magic = re.match(r"%%(\w*)", python[first])
    if magic:
        if magic[1] not in _PYTHON_CELL_MAGICS:
            return [""] * len(lines), dedent
        python[first] = ""
    return without_ipython(python), dedent


def without_ipython(lines: list[str]) -> list[str]:
    """Lines with IPython's syntax blanked where a statement starts (magic, shell and help lines,
    and the lines they continue onto), line for line; Python lines are kept as they are."""
    python = list(lines)
    depth, quote, continued, escaped = 0, None, False, False
    for i, line in enumerate(python):
        if escaped:  # IPython's line continues onto this one
            python[i], escaped = "", line.endswith("\\")
            continue
        starts_statement = depth == 0 and quote is None and not continued
        if starts_statement and _is_escaped(line):
            python[i], escaped = _blanked(line), line.endswith("\\")
            continue
        depth, quote, continued, last = _scan(line, depth, quote)
        if starts_statement and last == "?" and depth == 0 and quote is None:  # `model.fit?`: help
            python[i] = _blanked(line)
    return python


def _is_escaped(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and (stripped[0] in _ESCAPES or _ASSIGNED.match(stripped) is not None)


def _blanked(line: str) -> str:
    stripped = line.lstrip()
    indent = line[:len(line) - len(stripped)]
    assigned = _ASSIGNED.match(stripped)
    return f"{indent}{assigned[1]} = get_ipython()" if assigned else f"{indent}pass"


def _scan(line: str, depth: int, quote: str | None) -> tuple[int, str | None, bool, str]:
    """Python's state after `line`, from its state before: bracket depth, the open string's quote,
    whether a backslash continues the line, and the line's last character outside strings and
    comments. Enough to tell where statements start, which is where IPython looks for its syntax."""
    i, last = 0, ""
    while i < len(line):
        character = line[i]
        if quote:
            if character == "\\":
                i += 2
                continue
            if line.startswith(quote, i):
                i, quote, last = i + len(quote), None, quote[-1]
                continue
        elif character == "#":
            return depth, None, False, last
        elif character in "\"'":
            quote = line[i:i + 3] if line[i:i + 3] in ('"""', "'''") else character
            i += len(quote)
            continue
        elif character in "([{":
            depth += 1
        elif character in ")]}":
            depth = max(depth - 1, 0)
        if not quote and not character.isspace():
            last = character
        i += 1
    continued = line.endswith("\\")
    if quote in ('"', "'") and not continued:
        quote = None  # an unterminated string ends with its line (a syntax error Python reports)
    return depth, quote, continued and quote is None, last
