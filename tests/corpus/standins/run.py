"""Run a corpus program as `python run.py PROGRAM`, with keras.datasets standing in
(tests/datasets_standin.py) and tensorflow_datasets standing in (tests/tfds_standin/) when the program
uses them: it runs offline, as after the download."""
import os
import runpy
import sys

TESTS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, TESTS)

from datasets_standin import stand_in  # noqa: E402

if __name__ == "__main__":
    program = sys.argv[1]
    source = open(program).read()
    if "datasets" in source:
        stand_in()
    if "tensorflow_datasets" in source:
        sys.path.insert(0, os.path.join(TESTS, "tfds_standin"))
    sys.argv = sys.argv[1:]
    runpy.run_path(program, run_name="__main__")
