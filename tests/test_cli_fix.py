"""`shapelens check --fix` and `--diff`: the seed's examples are repaired (the fixed programs run
under TensorFlow), notebooks keep their layout, and files that cannot be fixed are left alone."""
import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "notebooks"))
from ipynb import example_1  # noqa: E402
from keras_run import raising_line  # noqa: E402
from shapelens import notebook  # noqa: E402
from shapelens.cli import main  # noqa: E402

SEED = Path(__file__).parent / "fixtures" / "seed"


def strict(program: str) -> str:
    """Example 1 prints the error it catches: let it raise, so running it tells."""
    return program.replace("except Exception", "except ZeroDivisionError")


@pytest.mark.parametrize("name", ["example_1.py", "example_5.py"])
def test_fix_repairs_the_seed_example_and_the_program_runs(name, tmp_path, capsys):
    path = tmp_path / name
    shutil.copy(SEED / name, path)
    assert raising_line(strict(path.read_text())) is not None
    assert main(["check", "--fix", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Checked 1 file: 0 problems remaining, 1 fixed."
    assert raising_line(strict(path.read_text())) is None
    assert main(["check", str(path)]) == 0


def test_diff_prints_the_fix_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "example_5.py"
    shutil.copy(SEED / "example_5.py", path)
    before = path.read_bytes()
    assert main(["check", "--diff", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"--- {path}\n+++ {path}\n@@ ")
    removed = [line for line in out.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in out.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 1 and "input_shape=(32, 32, 3)" not in removed[0]
    assert err == "Would fix 1 error (0 remaining).\n"
    assert path.read_bytes() == before


def test_a_clean_file_is_not_touched(tmp_path, capsys):
    path = tmp_path / "example_2.py"
    shutil.copy(SEED / "example_2.py", path)
    before = path.stat().st_mtime_ns, path.read_bytes()
    assert main(["check", "--fix", str(path)]) == 0
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
    assert main(["check", "--diff", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Checked 1 file: 0 problems remaining, 0 fixed."


def test_every_file_of_a_directory_is_fixed(tmp_path, capsys):
    for name in ("example_1.py", "example_3.py", "example_5.py"):
        shutil.copy(SEED / name, tmp_path / name)
    assert main(["check", "--fix", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["Checked 3 files: 0 problems remaining, 3 fixed."]


def test_a_file_with_a_syntax_error_is_never_fixed(tmp_path, capsys):
    path = tmp_path / "broken.py"
    path.write_text((SEED / "example_5.py").read_text() + "\ndef (:\n")
    before = path.read_bytes()
    assert main(["check", "--fix", str(path)]) == 1
    assert path.read_bytes() == before


def test_fix_keeps_a_byte_order_mark(tmp_path, capsys):
    path = tmp_path / "example_5.py"
    path.write_bytes(b"\xef\xbb\xbf" + (SEED / "example_5.py").read_bytes())
    assert main(["check", "--fix", str(path)]) == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and main(["check", str(path)]) == 0


def test_fix_in_a_notebook_edits_the_cell_and_keeps_the_rest(tmp_path, capsys):
    path = tmp_path / "example_1.ipynb"
    original = example_1()
    path.write_text(json.dumps(original, indent=1) + "\n")
    assert main(["check", "--fix", str(path)]) == 0
    fixed = json.loads(path.read_text())
    changed = [i for i, (a, b) in enumerate(zip(original["cells"], fixed["cells"])) if a != b]
    assert changed == [3]  # cell 4, the model: input_shape now declares 3 channels
    assert "input_shape=(28, 28, 3)" in "".join(fixed["cells"][3]["source"])
    assert isinstance(fixed["cells"][3]["source"], list) and path.read_text().startswith('{\n "')
    assert raising_line(strict(notebook.read(path.read_text()).text)) is None
