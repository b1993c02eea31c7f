"""Runs the Shape Lens language server on stdio with the libraries bundled in the extension.

bundled/libs (pygls, lsprotocol, jedi and shapelens itself, installed at build time) goes first on
sys.path, so the user's interpreter needs none of them; TensorFlow/Keras, which the server imports
only for layers without a built-in rule, still come from the user's environment when present.
"""
import os
import sys

if sys.version_info < (3, 10):
    sys.exit(f"Shape Lens needs Python 3.10 or newer; {sys.executable} is {sys.version.split()[0]}.")

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "libs"))

from shapelens.cli import main  # noqa: E402  (only importable once the path is set)

sys.exit(main(["server", *sys.argv[1:]]))
