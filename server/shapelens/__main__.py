import os
import sys

# `python -m shapelens` puts the current directory first on sys.path: run from an untrusted
# workspace, its keras.py, jedi.py or pygls/ would be imported (run) when first needed.
if not sys.flags.safe_path and sys.path and os.path.abspath(sys.path[0] or os.curdir) == os.getcwd():
    del sys.path[0]

from .cli import main  # noqa: E402  (after the path is made safe)

sys.exit(main())
