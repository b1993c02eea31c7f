"""Star imports bind what the module really exports (engine/exports.py).

The table is measured from the installed TensorFlow, Keras, tf-keras and NumPy
(tests/exports/make_exports.py); the programs' outcomes come from running them under Keras.
"""
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from shapelens.engine import Severity, analyse
from shapelens.engine.exports import star_exports
from shapelens.engine.exports_table import EXPORTS, SAME_AS

TESTS = Path(__file__).resolve().parents[1]


def subprocess_env() -> dict:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="")
    env.pop("TF_USE_LEGACY_KERAS", None)  # tensorflow.keras must be Keras 3, as in the table
    return env


def test_table_matches_installed_packages():
    run = subprocess.run([sys.executable, str(TESTS / "exports" / "make_exports.py"), "--json"],
                         capture_output=True, text=True, env=subprocess_env(), check=True)
    measured = {module: set(names) for module, names in json.loads(run.stdout).items()}
    committed = {module: set(EXPORTS[SAME_AS.get(module, module)].split()) for module in [*EXPORTS, *SAME_AS]}
    changes = {module: {"added": sorted(measured.get(module, set()) - names),
                        "removed": sorted(names - measured.get(module, set()))}
               for module, names in committed.items() if measured.get(module) != names}
    changes.update({module: "new module" for module in measured.keys() - committed.keys()})
    assert not changes, f"exports changed; run tests/exports/make_exports.py: {changes}"


def test_same_as_names_a_module_with_its_own_entry():
    assert set(SAME_AS.values()) <= set(EXPORTS)


def test_model_comes_from_keras_models_not_keras_layers():
    assert {"Model", "Sequential", "load_model"} <= star_exports("keras.models")
    assert "Model" not in star_exports("keras.layers")
    assert {"Dense", "Input", "Conv2D", "concatenate"} <= star_exports("keras.layers")


def test_spellings_of_keras_3_export_different_names():
    # Keras 3's tensorflow.keras keeps some Keras 2 names that keras itself dropped.
    assert "ThresholdedReLU" in star_exports("tensorflow.keras.layers")
    assert "ThresholdedReLU" not in star_exports("keras.layers")
    assert "mse" in star_exports("tensorflow.keras.losses") and "mse" not in star_exports("keras.losses")
    assert star_exports("tensorflow.keras.models") == star_exports("keras.models")


def test_keras_2_uses_tf_keras():
    for spelling in ("keras.layers", "tensorflow.keras.layers", "tf_keras.layers"):
        assert star_exports(spelling, keras_major=2) == star_exports("tf_keras.layers")
    assert star_exports("tf_keras.layers", keras_major=3) == star_exports("tf_keras.layers")
    assert "ThresholdedReLU" in star_exports("keras.layers", keras_major=2)
    assert star_exports("keras.ops", keras_major=2) is None  # Keras 2 has no keras.ops


def test_modules_outside_the_table_are_none():
    assert star_exports("keras.preprocessing.text") is None  # not in Keras 3
    assert "Tokenizer" in star_exports("tensorflow.keras.preprocessing.text")
    assert star_exports("mylib") is None
    assert star_exports("tensorflow.python.keras.layers") is None


def test_exports_shadow_builtins_as_python_does():
    assert {"sum", "max", "round"} <= star_exports("numpy")
    assert {"range", "print"} <= star_exports("tensorflow")
    assert not any(name.startswith("_") for name in star_exports("keras.layers"))


# ---- the engine ---------------------------------------------------------------------------------

PROGRAMS = {
    # keras.layers does not export Model: it stays keras.models.Model.
    "later_star_import_without_the_name": """
        from keras.models import *
        from keras.layers import *
        inputs = Input(shape=(8,))
        model = Model(inputs, Dense(2)(inputs))
        print(model.output_shape)
    """,
    # Both export `concatenate`: the later import's wins. keras.ops joins on axis 0...
    "ops_rebinds_concatenate": """
        from keras.layers import *
        from keras.ops import *
        a = Input(shape=(8,))
        b = Input(shape=(4,))
        c = concatenate([a, b])
        print(c.shape)
    """,
    # ... the merge layer's function on the last axis.
    "layers_rebinds_concatenate": """
        from keras.ops import *
        from keras.layers import *
        a = Input(shape=(8,))
        b = Input(shape=(4,))
        c = concatenate([a, b])
        print(c.shape)
    """,
}
SOURCES = {name: textwrap.dedent(program).lstrip() for name, program in PROGRAMS.items()}

_RUNNER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from keras_run import raising_line
print(json.dumps({name: raising_line(source) for name, source in json.loads(sys.stdin.read()).items()}))
"""


@pytest.fixture(scope="module")
def keras_lines():
    """Each program's raising line (None: it runs), under Keras in a fresh interpreter: star
    imports there see the packages as a user's program does."""
    run = subprocess.run([sys.executable, "-c", _RUNNER, str(TESTS)], input=json.dumps(SOURCES),
                         capture_output=True, text=True, env=subprocess_env(), check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_model_after_star_imports_of_models_and_layers_is_clean(keras_lines):
    name = "later_star_import_without_the_name"
    assert keras_lines[name] is None
    assert analyse(SOURCES[name]).diagnostics == []


@pytest.mark.parametrize("name", ["ops_rebinds_concatenate", "layers_rebinds_concatenate"])
def test_later_star_import_rebinds(keras_lines, name):
    errors = [d.span.line + 1 for d in analyse(SOURCES[name]).diagnostics if d.severity is Severity.ERROR]
    line = keras_lines[name]
    assert errors == ([] if line is None else [line])
