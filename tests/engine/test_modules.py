"""Workspace modules are followed (parsed and interpreted, never imported by the engine): each
outcome is checked by running the program with the module importable."""
import subprocess
import sys
import textwrap
import venv

import pytest

from keras_run import raising_line
from shapelens.engine import ModuleLoader, analyse

BUILDERS = '''
from tensorflow import keras
from tensorflow.keras import layers


def build_cnn(input_shape, classes=10):
    return keras.Sequential([
        keras.Input(shape=input_shape),
        layers.Conv2D(8, 3, activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(classes, activation="softmax"),
    ])


def head(x, units):
    return layers.Dense(units)(x)
'''


@pytest.fixture
def workspace(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "__init__.py").write_text("")
    (tmp_path / "models" / "builders.py").write_text(BUILDERS)
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in [m for m in sys.modules if m == "models" or m.startswith("models.")]:
        del sys.modules[name]


def outcome(workspace, program):
    path = workspace / "main.py"
    source = textwrap.dedent(program).lstrip()
    path.write_text(source)
    report = analyse(source, str(path), loader=ModuleLoader(str(workspace)))
    return raising_line(source), report.diagnostics


@pytest.mark.parametrize("channels", [1, 3])
def test_model_built_in_another_file_is_checked_where_it_is_used(workspace, channels):
    line, found = outcome(workspace, f"""
        import numpy as np
        from models.builders import build_cnn
        model = build_cnn((32, 32, 1))
        model.predict(np.zeros((2, 32, 32, {channels})), verbose=0)
    """)
    assert [d.span.line + 1 for d in found] == ([] if line is None else [line])
    if found:
        assert any(r.path and r.path.endswith("builders.py") for r in found[0].related)
        assert "models/builders.py, line 8" in found[0].message


def test_error_inside_another_files_function_is_shown_at_the_call(workspace):
    line, found = outcome(workspace, """
        import models.builders as b
        model = b.build_cnn((32, 28, 28, 3))
    """)
    (d,) = found
    assert d.span.line + 1 == line == 2
    assert "(in models/builders.py, line" in d.message
    assert d.related[0].path.endswith("builders.py")


def test_functions_returning_tensors_across_files(workspace):
    line, found = outcome(workspace, """
        from tensorflow import keras
        from models.builders import head
        x = keras.Input((6,))
        y = head(x, 4)
        z = keras.layers.Reshape((3, 3))(y)
    """)
    assert line == 5 and [d.span.line + 1 for d in found] == [5]


def test_missing_and_cyclic_modules_stay_unknown(workspace):
    (workspace / "a.py").write_text("from b import thing\nvalue = 1\n")
    (workspace / "b.py").write_text("from a import value\nthing = value\n")
    source = "from a import value\nfrom nowhere import data\nimport tensorflow as tf\nx = tf.zeros((2, value))\n"
    path = workspace / "main.py"
    path.write_text(source)
    assert analyse(source, str(path), loader=ModuleLoader(str(workspace))).diagnostics == []


def test_the_engine_never_imports_the_module(workspace):
    (workspace / "trap.py").write_text("import pathlib\npathlib.Path(__file__).with_name('ran').touch()\n"
                                       "def f():\n    return 1\n")
    source = "from trap import f\nimport trap\nx = f()\n"
    path = workspace / "main.py"
    path.write_text(source)
    analyse(source, str(path), loader=ModuleLoader(str(workspace)))
    assert not (workspace / "ran").exists()


HELPERS = '''
from tensorflow import keras


def build():
    return keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(4), keras.layers.Dense(2)])
'''
# Installed code that the engine must not spend its time on: this would take the whole budget.
SLOW = "xs = [[[i * j * k for i in range(512)] for j in range(512)] for k in range(512)]\n"


def test_virtual_environments_and_installed_packages_are_not_workspace_modules(tmp_path, monkeypatch):
    # A real virtual environment, active as when `shapelens` is installed in it: jedi then finds
    # `requests` in its site-packages, inside the workspace.
    venv.create(tmp_path / ".venv", with_pip=False, symlinks=True)
    monkeypatch.setenv("VIRTUAL_ENV", str(tmp_path / ".venv"))
    site = tmp_path / ".venv" / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    (site / "requests").mkdir(parents=True)
    (site / "requests" / "__init__.py").write_text(SLOW)
    (tmp_path / "myenv").mkdir()  # a virtual environment under another name
    (tmp_path / "myenv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (tmp_path / "myenv" / "tools.py").write_text(SLOW)
    (tmp_path / "helpers.py").write_text(HELPERS)
    source = ("import numpy as np\nimport requests\nfrom myenv import tools\nfrom helpers import build\n"
              "build().predict(np.zeros((3, 9)))\n")
    (tmp_path / "main.py").write_text(source)
    parsed = []
    parse = ModuleLoader.parse
    monkeypatch.setattr(ModuleLoader, "parse", lambda self, path: parsed.append(path) or parse(self, path))

    report = analyse(source, str(tmp_path / "main.py"), loader=ModuleLoader(str(tmp_path)))

    assert [d.code for d in report.diagnostics] == ["SL101"]  # helpers.py followed, and in time
    assert set(parsed) == {str(tmp_path / "helpers.py")}


def test_jedi_is_loaded_only_for_an_import_that_may_be_a_workspace_module(tmp_path):
    """Jedi (about half a second to load) is asked only for modules neither beside the file, in the
    workspace root, in the standard library nor installed."""
    main = tmp_path / "main.py"
    probe = ("import sys\nfrom shapelens.engine import ModuleLoader, analyse\n"
             "text = open(sys.argv[1]).read()\n"
             "analyse(text, sys.argv[1], loader=ModuleLoader(sys.argv[2]))\n"
             "print('jedi' in sys.modules)\n")

    def loads_jedi(imports: str) -> bool:
        main.write_text(imports + "from tensorflow import keras\nmodel = keras.Sequential([keras.layers.Dense(2)])\n")
        out = subprocess.run([sys.executable, "-c", probe, str(main), str(tmp_path)], capture_output=True, text=True,
                             check=True)
        return out.stdout.strip() == "True"

    assert not loads_jedi("import json, random, math\nimport attr\nfrom pygls import uris\n")
    assert loads_jedi("import project_helpers_nowhere\n")
