"""`shapelens check` on notebooks: cells in text and JSON, directories, broken notebooks."""
import json
import subprocess
import sys

from pathlib import Path

import shapelens.notebook
from ipynb import code, example_1, markdown, notebook
from shapelens.cli import main

SEED = Path(__file__).parent.parent / "fixtures" / "seed"

SL101 = ("Input 0 with name 'None' of layer 'conv2d' is incompatible with the layer: expected axis -1 of "
         "input shape to have value 1, but received input with shape (1, 28, 28, 3) (the model's input is "
         "(None, 28, 28, 1), declared on cell 4, line 2)")


def write(path, content) -> str:
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=1))
    return str(path)


def test_the_seed_example_in_cells_is_reported_in_the_call_cell(tmp_path):
    # Cell 5 is the fifth cell of the notebook, counting its markdown cells, as Jupyter shows it.
    path = write(tmp_path / "example_1.ipynb", example_1())
    result = subprocess.run([sys.executable, "-m", "shapelens", "check", path], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{path}:cell 5:2:20: error[SL101] {SL101}",
                                          "Checked 1 file: 1 problem found."]


def test_json_gives_the_cell_of_each_position(tmp_path, capsys):
    path = write(tmp_path / "example_1.ipynb", example_1())
    assert main(["check", "--format", "json", path]) == 1
    (row,) = json.loads(capsys.readouterr().out)
    assert {k: row[k] for k in ("path", "cell", "line", "column", "end_line", "end_column", "code")} == {
        "path": path, "cell": 5, "line": 2, "column": 20, "end_line": 2, "end_column": 32, "code": "SL101"}
    assert [(r["path"], r["cell"], r["line"], r["column"]) for r in row["related"]] == [
        (path, 2, 7, 16), (path, 4, 2, 69)]
    ((edit,),) = [fix["edits"] for fix in row["fixes"]]
    assert edit == {"path": path, "cell": 4, "line": 2, "column": 78, "end_line": 2, "end_column": 79,
                    "new_text": "3"}


def test_hints_in_a_notebook_are_placed_in_their_cell(tmp_path, capsys):
    path = write(tmp_path / "example_1.ipynb", example_1())
    main(["check", "--hints", path])
    assert f"{path}:cell 4:2:57: hint[SL301]" in capsys.readouterr().out


def test_a_directory_with_notebooks_python_files_and_a_broken_notebook(tmp_path, capsys):
    write(tmp_path / "a_model.ipynb", example_1())
    write(tmp_path / "b_broken.ipynb", '{"cells": [\n  {"cell_type": "code",]\n}')
    write(tmp_path / "c_clean.ipynb", notebook(markdown("# Nothing wrong"), code("%load_ext autoreload\nx = 1")))
    write(tmp_path / "d_script.py", (SEED / "example_5.py").read_text())
    checkpoints = tmp_path / ".ipynb_checkpoints"
    checkpoints.mkdir()
    write(checkpoints / "a_model-checkpoint.ipynb", example_1())  # Jupyter's autosave: not the user's file
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{tmp_path / 'a_model.ipynb'}:cell 5:2:20: error[SL101] {SL101}",
        (f"{tmp_path / 'b_broken.ipynb'}:2:24: error[SL001] Not a notebook: invalid JSON: Expecting property name "
         "enclosed in double quotes"),
        f"{tmp_path / 'd_script.py'}:6:70: error[SL103] " + out[2].split("error[SL103] ")[1],
        "Checked 4 files: 3 problems found.",
    ]


def test_a_broken_notebook_alone_is_an_error_not_a_usage_error(tmp_path, capsys):
    path = write(tmp_path / "empty.ipynb", "")
    assert main(["check", "--format", "json", path]) == 1
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["code"], row["line"], row["column"], "cell" in row) == ("SL001", 1, 1, False)
    assert row["message"] == "Not a notebook: invalid JSON: Expecting value"


def test_a_clean_notebook_with_magics_and_markdown_exits_zero(tmp_path, capsys):
    path = write(tmp_path / "clean.ipynb", notebook(
        markdown("# Training"),
        code("%%capture\n!pip install tensorflow"),
        code("import numpy as np\nimport tensorflow as tf\n%matplotlib inline\nx = np.zeros((8, 28, 28, 1))"),
        code("model = tf.keras.Sequential([tf.keras.Input((28, 28, 1)), tf.keras.layers.Flatten(),\n"
             "                             tf.keras.layers.Dense(10)])\nmodel.fit?"),
        code("%%time\nmodel.predict(x)"),
    ))
    assert main(["check", path]) == 0
    assert capsys.readouterr().out == "Checked 1 file: 0 problems found.\n"


def test_where_the_analysis_stopped_is_shown_in_its_cell(tmp_path, capsys, monkeypatch):
    analyse = shapelens.notebook.analyse
    monkeypatch.setattr(shapelens.notebook, "analyse",
                        lambda *args, **options: analyse(*args, **options | {"budget": 0.3}))
    slow = "    xs = [[[i * j * k for i in range(512)] for j in range(512)] for k in range(512)]"
    path = write(tmp_path / "slow.ipynb", notebook(markdown("# Slow"), code("import numpy as np"),
                                                   code(f"%time x = 1\nif True:\n{slow}\ny = 2")))
    assert main(["check", "--format", "json", path]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert {k: row[k] for k in ("cell", "line", "column", "end_line", "end_column", "severity", "code")} == {
        "cell": 3, "line": 3, "column": 5, "end_line": 3, "end_column": len(slow) + 1, "severity": "information",
        "code": "SL002"}
    assert row["message"] == "analysis stopped after 0.3 s; nothing after this line was checked"
