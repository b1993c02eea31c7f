"""Detecting what the user's code runs under: the Keras release from package metadata (with the
installed distributions faked), and whether TensorFlow uses oneDNN, checked against TensorFlow."""
import subprocess
import sys
from importlib import metadata

import pytest

from shapelens.engine import runtime
from shapelens.engine.runtime import Runtime, keras_version, onednn_enabled


@pytest.fixture
def installed(monkeypatch):
    """Pretend exactly these distributions are installed: {name: version}."""
    packages: dict[str, str] = {}

    def version(name: str) -> str:
        if name not in packages:
            raise metadata.PackageNotFoundError(name)
        return packages[name]

    monkeypatch.setattr(runtime.metadata, "version", version)
    return packages


@pytest.mark.parametrize("packages,environ,version", [
    ({}, {}, Runtime().keras),
    ({"tensorflow": "2.21.0", "keras": "3.15.1"}, {}, (3, 15, 1)),
    ({"tensorflow-cpu": "2.16.1", "keras": "3.3.3"}, {}, (3, 3, 3)),
    ({"tensorflow": "2.15.1", "keras": "2.15.0"}, {}, (2, 15, 1)),
    ({"tensorflow-macos": "2.12.0"}, {}, (2, 12, 0)),
    ({"tensorflow": "1.15.5"}, {}, (2, 15, 5)),
    ({"keras": "2.13.1"}, {}, (2, 13, 1)),
    ({"keras": "3.0.0"}, {}, (3, 0, 0)),
    ({"keras": "3.16.0rc1"}, {}, (3, 16, 0)),
    # TF_USE_LEGACY_KERAS routes tf.keras to tf-keras, when it is installed.
    ({"tensorflow": "2.21.0", "keras": "3.15.1", "tf-keras": "2.21.0"}, {"TF_USE_LEGACY_KERAS": "1"}, (2, 21, 0)),
    ({"tensorflow": "2.21.0", "keras": "3.15.1", "tf-keras": "2.21.0"}, {"TF_USE_LEGACY_KERAS": "True"}, (2, 21, 0)),
    ({"tensorflow": "2.21.0", "keras": "3.15.1", "tf-keras": "2.21.0"}, {"TF_USE_LEGACY_KERAS": "0"}, (3, 15, 1)),
    ({"tensorflow": "2.21.0", "keras": "3.15.1", "tf-keras": "2.21.0"}, {}, (3, 15, 1)),
    ({"tensorflow": "2.21.0", "keras": "3.15.1"}, {"TF_USE_LEGACY_KERAS": "1"}, (3, 15, 1)),
])
def test_keras_version_from_metadata(installed, packages, environ, version):
    installed.update(packages)
    assert keras_version(environ) == version


def test_this_environment_is_the_pinned_keras_3_unless_told_otherwise():
    """The test environment has tf-keras installed, and is Keras 3 by default."""
    assert keras_version({}) == tuple(int(p) for p in metadata.version("keras").split(".")[:3])
    assert keras_version({"TF_USE_LEGACY_KERAS": "1"})[0] == 2


@pytest.mark.parametrize("environ,flags,expected", [
    ({}, {"avx2", "avx512_vnni"}, True),
    ({}, {"amx_tile"}, True),
    ({}, {"avx2", "fma"}, False),
    ({"TF_ENABLE_ONEDNN_OPTS": "0"}, {"avx512_vnni"}, False),
    ({"TF_ENABLE_ONEDNN_OPTS": "1"}, {"avx2"}, True),
    ({"TF_ENABLE_ONEDNN_OPTS": "maybe"}, {"avx2"}, False),  # TensorFlow ignores a bad value
])
def test_onednn_setting_and_cpu_flags(monkeypatch, environ, flags, expected):
    monkeypatch.setattr(runtime.platform, "machine", lambda: "x86_64")
    monkeypatch.setattr(runtime.platform, "system", lambda: "Linux")
    assert onednn_enabled(environ, frozenset(flags)) is expected


@pytest.mark.parametrize("setting", [None, "0", "1"])
def test_onednn_as_tensorflow_decides(setting):
    """TensorFlow itself, started with the same environment, agrees."""
    import os
    environ = {k: v for k, v in os.environ.items() if k != "TF_ENABLE_ONEDNN_OPTS"}
    if setting is not None:
        environ["TF_ENABLE_ONEDNN_OPTS"] = setting
    probe = "from tensorflow.python.util import _pywrap_util_port as p; print(p.IsMklEnabled())"
    answer = subprocess.run([sys.executable, "-c", probe], env=environ, capture_output=True, text=True, check=True)
    assert answer.stdout.strip() == str(onednn_enabled(environ))
