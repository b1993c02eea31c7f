"""Suppressions in notebooks: line level in a cell, file level for the whole notebook."""
from shapelens.engine import Span
from shapelens.notebook import Cell, Program

IMPORTS = "import numpy as np\nimport keras"
MODEL = "model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])"
CALL = "model.predict(np.ones((3, 6)))"  # SL101 when its own cell, as any other


def cells(*texts: str) -> Program:
    return Program(Cell(number, text) for number, text in enumerate(texts, 1))


def found(program: Program) -> list[tuple[int, Span, str]]:
    return [(cell.number, span, d.code) for d in program.analyse("t.ipynb").diagnostics
            for cell, span in [program.place(d.span)]]


def test_the_ignore_fix_edits_the_cell_of_the_error_and_silences_it():
    # The last cell is indented, as pasted code often is: IPython strips that indentation.
    program = cells(IMPORTS, MODEL, f"  x = 1\n  {CALL}")
    (d,) = program.analyse("t.ipynb").diagnostics
    assert program.place(d.span)[0].number == 3
    ignore = d.fixes[-1]
    assert ignore.title == "Ignore SL101 on this line"
    fixed = program.with_fix(ignore)
    assert fixed.cells[2].text == f"  x = 1\n  {CALL}  # shapelens: ignore[SL101]"
    assert found(fixed) == []


def test_a_line_suppression_works_in_its_cell_only():
    assert found(cells(IMPORTS, MODEL, f"{CALL}  # shapelens: ignore[SL101]")) == []
    # The same line number in another cell is another line.
    assert found(cells(IMPORTS, f"{MODEL}  # shapelens: ignore[SL101]", CALL)) == [
        (2, Span(0, 76, 0, 102), "SL901"), (3, Span(0, 14, 0, 29), "SL101")]


def test_a_file_level_suppression_in_any_cell_covers_the_notebook():
    assert found(cells(IMPORTS, MODEL, CALL, "# shapelens: ignore-file[SL1]")) == []
    unused = cells(IMPORTS, "# shapelens: ignore-file[SL2]\n" + MODEL, CALL)
    assert found(unused) == [(2, Span(0, 0, 0, 29), "SL901"), (3, Span(0, 14, 0, 29), "SL101")]
