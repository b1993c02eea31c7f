"""Run a corpus program as `python run.py PROGRAM`, with keras.datasets standing in
(tests/datasets_standin.py) when the program uses it: it runs offline, as after the download."""
import os
import runpy
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from datasets_standin import stand_in  # noqa: E402

if __name__ == "__main__":
    program = sys.argv[1]
    if "datasets" in open(program).read():
        stand_in()
    sys.argv = sys.argv[1:]
    runpy.run_path(program, run_name="__main__")
