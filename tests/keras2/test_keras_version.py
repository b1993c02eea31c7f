"""Detecting Keras 2 from package metadata, with the installed distributions faked."""
from importlib import metadata

import pytest

from shapelens.engine import keras_version
from shapelens.engine.keras_version import keras_major


@pytest.fixture
def installed(monkeypatch):
    """Pretend exactly these distributions are installed: {name: version}."""
    packages: dict[str, str] = {}

    def version(name: str) -> str:
        if name not in packages:
            raise metadata.PackageNotFoundError(name)
        return packages[name]

    monkeypatch.setattr(keras_version.metadata, "version", version)
    return packages


@pytest.mark.parametrize("packages,environ,major", [
    ({}, {}, 3),
    ({"tensorflow": "2.21.0", "keras": "3.15.1"}, {}, 3),
    ({"tensorflow-cpu": "2.16.1", "keras": "3.3.3"}, {}, 3),
    ({"tensorflow": "2.15.1", "keras": "2.15.0"}, {}, 2),
    ({"tensorflow-macos": "2.12.0"}, {}, 2),
    ({"tensorflow": "1.15.5"}, {}, 2),
    ({"keras": "2.13.1"}, {}, 2),
    ({"keras": "3.0.0"}, {}, 3),
    # TF_USE_LEGACY_KERAS routes tf.keras to tf-keras, when it is installed.
    ({"tensorflow": "2.21.0", "keras": "3.15.1", "tf-keras": "2.21.0"}, {"TF_USE_LEGACY_KERAS": "1"}, 2),
    ({"tensorflow": "2.21.0", "keras": "3.15.1", "tf-keras": "2.21.0"}, {"TF_USE_LEGACY_KERAS": "True"}, 2),
    ({"tensorflow": "2.21.0", "keras": "3.15.1", "tf-keras": "2.21.0"}, {"TF_USE_LEGACY_KERAS": "0"}, 3),
    ({"tensorflow": "2.21.0", "keras": "3.15.1", "tf-keras": "2.21.0"}, {}, 3),
    ({"tensorflow": "2.21.0", "keras": "3.15.1"}, {"TF_USE_LEGACY_KERAS": "1"}, 3),
])
def test_keras_major_from_metadata(installed, packages, environ, major):
    installed.update(packages)
    assert keras_major(environ) == major


def test_this_environment_is_keras_3_unless_told_otherwise():
    """The test environment has tf-keras installed, and is Keras 3 by default."""
    assert keras_major({}) == 3
    assert keras_major({"TF_USE_LEGACY_KERAS": "1"}) == 2
