"""shapelens.notebook: code cells as one program, IPython's syntax blanked, positions mapped back."""
import json

import pytest

from ipynb import CALL, DATA, MODEL, code, example_1, markdown, notebook
from shapelens.engine import Span
from shapelens.notebook import Cell, NotebookError, Program, read


def found(cells: Program) -> list[tuple[int, int, int, str]]:
    """(cell, 1-based line, 1-based column, code) of each error and warning."""
    report = cells.analyse("t.ipynb")
    return [(c.number, s.line + 1, s.column + 1, d.code) for d in report.diagnostics if d.severity.value != "hint"
            for c, s in [cells.place(d.span)]]


def test_the_seed_example_split_in_cells_fails_in_the_call_cell_with_causes_in_the_others():
    cells = read(json.dumps(example_1()))
    assert [c.number for c in cells.cells] == [2, 4, 5]  # markdown cells count, they are not code
    report = cells.analyse("t.ipynb")
    (d,) = [d for d in report.diagnostics if d.code == "SL101"]
    cell, span = cells.place(d.span)
    assert (cell.number, span) == (5, Span(1, 19, 1, 31))  # `input_tensor` in `model_2(input_tensor)`
    assert d.message.endswith("(the model's input is (None, 28, 28, 1), declared on cell 4, line 2)")
    assert d.actual == "(1, 28, 28, 3) — `input_tensor`, cell 2, line 7"
    assert [(cells.place(r.span)[0].number, cells.place(r.span)[1].line) for r in d.related] == [(2, 6), (4, 1)]
    ((edit,),) = [f.edits for f in d.repairs]  # the fix edits the model's cell
    assert cells.place(edit.span) == (cells.cells[1], Span(1, 77, 1, 78)) and edit.new_text == "3"


def test_magics_shell_and_help_lines_are_blanked_line_for_line():
    text = "\n".join([
        "%matplotlib inline",
        "!pip install tensorflow \\",
        "    numpy",
        "files = !ls",
        "for i in range(2):",
        "    %time f(i)",
        "x = (8",
        "     % 3)",  # a continued expression, not a magic
        "s = '''",
        "%d items",  # inside a string
        "'''",
        "model.fit?",
        "?model",
        "y = 1  # why?",
    ])
    assert Program([Cell(1, text)]).text.split("\n") == [
        "pass", "pass", "", "files = get_ipython()", "for i in range(2):", "    pass",
        "x = (8", "     % 3)", "s = '''", "%d items", "'''", "pass", "pass", "y = 1  # why?"]


def test_cell_magics_blank_their_cell_unless_its_body_is_python():
    assert Program([Cell(1, "%%bash\nls -l\n")]).text == "\n\n"
    assert Program([Cell(1, "%%time\nx = 1\n%ls")]).text == "\nx = 1\npass"
    cells = Program([Cell(1, DATA), Cell(2, MODEL), Cell(3, "%%time\n" + CALL), Cell(4, "%%javascript\nmodel_2(")])
    assert found(cells) == [(3, 3, 20, "SL101")]


def test_a_name_assigned_from_the_shell_or_a_magic_becomes_unknown():
    data = DATA + "\ninput_tensor, other = !ls"
    assert found(Program([Cell(1, data), Cell(2, MODEL), Cell(3, CALL)])) == []
    assert found(Program([Cell(1, DATA + "\ninput_tensor = %sx ls"), Cell(2, MODEL), Cell(3, CALL)])) == []


def test_an_indented_cell_is_dedented_as_ipython_does_and_columns_map_back():
    indented = "\n".join("    " + line if line else line for line in CALL.split("\n"))
    cells = Program([Cell(1, DATA), Cell(2, MODEL), Cell(3, indented)])
    assert found(cells) == [(3, 2, 24, "SL101")]
    assert cells.position(3, 1, 23) == (cells.text.split("\n").index("  output = model_2(input_tensor) "
                                                                   "# error will occur here"), 19)


def test_a_cell_that_does_not_parse_is_reported_and_the_cells_before_it_are_checked():
    cells = Program([Cell(1, DATA), Cell(2, MODEL), Cell(3, CALL), Cell(4, "for i in range(3):\nprint(i)"),
                     Cell(5, CALL)])
    report = cells.analyse("t.ipynb")
    assert found(cells) == [(3, 2, 20, "SL101"), (4, 2, 1, "SL001")]
    # Python's message names the line in the cell, where the error is shown.
    expected = "Syntax error: expected an indented block after 'for' statement on line 1"
    assert report.diagnostics[-1].message == expected


def test_a_future_import_or_top_level_await_in_a_later_cell_is_fine():
    cells = Program([Cell(1, DATA), Cell(2, "from __future__ import annotations\nawait something()"), Cell(3, MODEL),
                     Cell(4, CALL)])
    assert found(cells) == [(4, 2, 20, "SL101")]


def test_positions_map_both_ways_and_spans_end_in_their_cell():
    cells = Program([Cell(2, "a = 1\nb = 2"), Cell(7, "c = 3")])
    assert cells.text == "a = 1\nb = 2\nc = 3"
    assert cells.position(7, 0, 4) == (2, 4)
    assert cells.position(2, 5, 0) == (1, 0)  # past the cell's end: its last line
    assert cells.place(Span(2, 0, 2, 5)) == (cells.cells[1], Span(0, 0, 0, 5))
    assert cells.place(Span(1, 0, 2, 3)) == (cells.cells[0], Span(1, 0, 1, 5))
    assert cells.where(Span(1, 4, 1, 5)) == "cell 2, line 2"


def test_reading_keeps_python_code_cells_only():
    nb = notebook(markdown("# Title"), code("x = 1"), {"cell_type": "raw", "metadata": {}, "source": "%%%"},
                  code("SELECT 1", vscode={"languageId": "sql"}), code("y = 2"))
    nb["cells"][4]["source"] = "y = 2"  # a single string is valid nbformat too
    cells = read(json.dumps(nb))
    assert [(c.number, c.text) for c in cells.cells] == [(2, "x = 1"), (5, "y = 2")]
    assert read(json.dumps(notebook(code("x <- c(1, 2)"), language="R"))).cells == ()


@pytest.mark.parametrize("text, message, line, column", [
    ('{"cells": [\n  {"cell_type": "code",}\n]}',
     "Not a notebook: invalid JSON: Expecting property name enclosed in double quotes", 1, 23),
    ("[]", "Not a notebook: no list of cells", 0, 0),
    ('{"nbformat": 3, "worksheets": []}',
     "Not a notebook this version reads: nbformat 3 (only nbformat 4; opening and saving it in Jupyter converts it)",
     0, 0),
    ('{"cells": [{"cell_type": "code", "source": 3}]}', "Not a notebook: cell 1 has no text", 0, 0),
])
def test_what_is_not_a_notebook_is_said_with_where(text, message, line, column):
    with pytest.raises(NotebookError) as raised:
        read(text)
    assert (str(raised.value), raised.value.line, raised.value.column) == (message, line, column)
