"""The pre-commit hook: `--force-exclude` (pre-commit names every file, so the excludes must apply
to named files too), and pre-commit itself running the hook of this repository on a temporary git
repository (`pre-commit try-repo`), offline: the hook's environment installs from build/wheelhouse."""
import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "notebooks"))
from ipynb import MODEL, code, example_1  # noqa: E402
from shapelens.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / "build" / "wheelhouse"

BROKEN = """\
from tensorflow import keras
import numpy as np

model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
model(np.zeros((3, 5), "float32"))
"""
FIXED = BROKEN.replace("Input((4,))", "Input((5,))")


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


def checked(capsys, *args: str) -> tuple[int, set[str]]:
    """Exit status and the files reported by `shapelens check --format json ARGS`."""
    status = main(["check", "--no-keras", "--format", "json", *args])
    return status, {row["path"] for row in json.loads(capsys.readouterr().out)}


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_force_exclude_applies_the_excludes_to_named_files(project, capsys):
    write(project, {"shapelens.toml": 'extend-exclude = ["gen", "*_pb2.py"]\n', "gen/a.py": BROKEN,
                    "src/model_pb2.py": BROKEN, "build/c.py": BROKEN, "b.py": BROKEN, ".gitignore": "b.py\n"})
    named = ["gen/a.py", "src/model_pb2.py", "build/c.py", "b.py"]
    assert checked(capsys, *named) == (1, set(named))
    # .gitignore does not apply: git does not ignore the tracked files pre-commit names
    assert checked(capsys, "--force-exclude", *named) == (1, {"b.py"})
    assert checked(capsys, "--force-exclude", "gen", "src", "b.py") == (1, {"b.py"})


def test_force_exclude_with_every_named_file_excluded_checks_nothing(project, capsys):
    write(project, {"pyproject.toml": '[tool.shapelens]\nexclude = ["gen/"]\n', "gen/a.py": BROKEN})
    assert main(["check", "--no-keras", "--force-exclude", "gen/a.py"]) == 0
    assert capsys.readouterr().out == "Checked 0 files: 0 problems found.\n"


def test_force_exclude_looks_no_higher_than_the_configuration(tmp_path, monkeypatch, capsys):
    # Folders named like excluded ones count only below the configuration file's folder, or below
    # the current folder for a file that no configuration file covers.
    project = tmp_path / "build" / "venv"
    write(project, {"a.py": BROKEN, "sub/shapelens.toml": "hints = false\n", "sub/b.py": BROKEN,
                    "sub/dist/c.py": BROKEN})
    monkeypatch.chdir(project)
    assert checked(capsys, "--force-exclude", "a.py", "sub/b.py", "sub/dist/c.py") == (1, {"a.py", "sub/b.py"})
    monkeypatch.chdir(tmp_path)
    named = ["build/venv/a.py", "build/venv/sub/b.py"]
    assert checked(capsys, "--force-exclude", *named) == (1, {"build/venv/sub/b.py"})


# ---- pre-commit itself -------------------------------------------------------------------------

def offline(tmp_path: Path) -> dict[str, str]:
    """The environment pre-commit runs in: no index (pip installs from the wheelhouse), no user or
    machine configuration of pip, virtualenv or git, and a committer for the commits it makes."""
    missing = [why for why, ok in [
        ("pre-commit is not installed (requirements/test.txt pins it; run `make setup`)",
         importlib.util.find_spec("pre_commit")),
        (f"{WHEELHOUSE} is missing (`make test` downloads it from the locks)", (WHEELHOUSE / ".downloaded").exists()),
        (f"{ROOT} is not a git work tree, which `pre-commit try-repo` needs", (ROOT / ".git").exists()),
    ] if not ok]
    if missing:
        pytest.fail("; ".join(missing))
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("PIP_", "VIRTUALENV_", "PRE_COMMIT", "GIT_")) and name != "PYTHONPATH"}
    person = {"NAME": "Shape Lens tests", "EMAIL": "tests@shapelens.invalid"}
    env.update({f"GIT_{role}_{key}": value for role in ("AUTHOR", "COMMITTER") for key, value in person.items()})
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_HOME=str(tmp_path / "pre-commit"),
               PIP_NO_INDEX="1", PIP_FIND_LINKS=str(WHEELHOUSE), PIP_CONFIG_FILE=os.devnull, PIP_NO_CACHE_DIR="1",
               VIRTUALENV_NO_PERIODIC_UPDATE="1")
    return env


def try_repo(repo: Path, env: dict[str, str], *files: str) -> subprocess.Popen:
    """`pre-commit try-repo` of this repository's hook on `files` (all files without), started.
    try-repo installs the hook's environment afresh each time, in a temporary folder, from the
    committed tree plus the uncommitted changes to tracked files (a new file counts once added)."""
    env = dict(env, VIRTUALENV_OVERRIDE_APP_DATA=str(repo.parent / f"virtualenv-{len(files)}"))
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "shapelens", "--color", "never"]
    command += ["--files", *files] if files else ["--all-files"]
    return subprocess.Popen(command, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finished(run: subprocess.Popen) -> tuple[int, str]:
    try:
        output, _ = run.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        run.kill()
        raise
    return run.returncode, output


def reported(output: str) -> list[tuple[str, str]]:
    """(where, code) of each error in the hook's text output, sorted."""
    return sorted(re.findall(r"^(\S+?:(?:cell \d+:)?\d+:\d+): error\[(SL\d+)\]", output, re.MULTILINE))


def test_pre_commit_runs_the_hook_on_python_files_and_notebooks(tmp_path):
    env = offline(tmp_path)
    repo = tmp_path / "repo"
    fixed_notebook = example_1()
    fixed_notebook["cells"][3] = code(MODEL.replace("input_shape=(28, 28, 1)", "input_shape=(28, 28, 3)"))
    write(repo, {"model.py": BROKEN, "analysis.ipynb": json.dumps(example_1()), "generated/model.py": BROKEN,
                 "fixed/model.py": FIXED, "fixed/analysis.ipynb": json.dumps(fixed_notebook),
                 "pyproject.toml": '[tool.shapelens]\nextend-exclude = ["generated"]\n'})
    subprocess.run(["git", "init", "--quiet", str(repo)], env=env, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, env=env, check=True)
    # Both at once: each installs the hook's environment, which takes most of the time.
    runs = [try_repo(repo, env), try_repo(repo, env, "fixed/model.py", "fixed/analysis.ipynb")]
    (status, output), (fixed_status, fixed_output) = [finished(run) for run in runs]

    assert status == 1, output
    assert "- hook id: shapelens\n- exit code: 1" in output
    assert reported(output) == [("analysis.ipynb:cell 5:2:20", "SL101"), ("model.py:5:7", "SL101")]
    assert "\nChecked 4 files: 2 problems found.\n" in output  # in one process; not generated/model.py

    assert fixed_status == 0, fixed_output
    assert re.search(r"^Shape Lens \(Keras shape check\)\.+Passed$", fixed_output, re.MULTILINE), fixed_output
