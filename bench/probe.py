"""Run in a fresh process: analyse one file with the engine and print, as JSON, the times of
repeated analyses and how far the first one raised the process's peak resident memory (Linux).

usage: python bench/probe.py FILE REPEATS
"""
import json
import sys
import time
from pathlib import Path

from shapelens.engine import analyse

SEED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seed" / "example_1.py"


def status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def timed(text: str, path: Path):
    started = time.perf_counter()
    report = analyse(text, str(path))
    return time.perf_counter() - started, report


def main() -> None:
    path, repeats = Path(sys.argv[1]), int(sys.argv[2])
    text = path.read_text()
    analyse(SEED.read_text(), str(SEED))  # a warm engine, as in the server: lazy imports are done
    # Reset the peak (VmHWM) to the current RSS, so the imports' peak cannot hide the analysis's.
    Path("/proc/self/clear_refs").write_text("5")
    before = status_mb("VmRSS")
    first, report = timed(text, path)
    growth = status_mb("VmHWM") - before  # the first analysis: later ones reuse what it freed
    times = [first] + [timed(text, path)[0] for _ in range(repeats - 1)]
    json.dump({"times": times, "peak_growth_mb": growth, "partial": report.partial,
               "values": len(report.values), "diagnostics": [d.code for d in report.diagnostics]}, sys.stdout)


if __name__ == "__main__":
    main()
