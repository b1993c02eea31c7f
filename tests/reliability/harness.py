"""What the reliability tests share: the long-run flag, the counts printed at the end of the run,
fuzzing settings, the time-budget check, and the trap workspace (see traps/)."""
from __future__ import annotations

import ast
import collections
import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

from hypothesis import HealthCheck, settings, strategies as st

from shapelens.engine import Report, analyse

# SHAPELENS_LONG_FUZZ=1: the long runs (≥ 10,000 fuzz inputs, more differential programs).
LONG = os.environ.get("SHAPELENS_LONG_FUZZ") == "1"

# Seconds an analysis may run past its budget: the operation running when time runs out finishes,
# and machines running several test suites at once are slow.
MARGIN = 5.0


def analyse_within_budget(text: str, path: str = "<fuzz>", budget: float = 2.0, **kwargs) -> Report:
    """Analyse `text`: nothing may escape, and the budget holds. Parsing, which cannot be stopped,
    may take longer than the budget on its own: then it is allowed twice its time (parsing and
    freeing the tree) instead."""
    started = time.monotonic()
    report = analyse(text, path, budget=budget, **kwargs)
    elapsed = time.monotonic() - started
    if elapsed > budget + MARGIN:
        started = time.monotonic()
        try:
            ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            pass
        parsing = time.monotonic() - started
        assert elapsed <= max(budget, 2 * parsing) + MARGIN, f"{elapsed:.1f} s (parsing alone {parsing:.1f} s)"
    return report


# Random inputs come from a random.Random seeded by hypothesis, which prints the seed of a failure.
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


def fuzz_settings(fast: int, long: int) -> settings:
    """`fast` examples in `make test`, always the same ones; `long` fresh ones in the long run."""
    return settings(max_examples=long if LONG else fast, deadline=None, derandomize=not LONG, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# What the tests tried and found, by name; printed in the terminal summary.
COUNTS: collections.Counter = collections.Counter()


TRAPS = Path(__file__).parent / "traps"
# Replaces the `# @prelude` line of every trap: `spring` is what each trap calls if it is run.
PRELUDE = '''def spring(trap):
    """Runs only if this file is executed: leaves a marker and calls the test's socket."""
    open("@MARKERS@/" + trap, "w").close()
    __import__("socket").create_connection(("127.0.0.1", @PORT@), timeout=5).close()
'''


class Listener:
    """A listening socket on which any connection means a trap was sprung."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:  # closed
                return
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.socket.close()


class Workspace:
    """A copy of traps/ with the markers' folder and the listener's port filled in."""

    def __init__(self, base: Path, listener: Listener):
        self.root, self.markers, self.listener = base / "workspace", base / "markers", listener
        self.markers.mkdir()
        for source in TRAPS.rglob("*"):
            if source.is_dir() or "__pycache__" in source.parts:
                continue
            # Kept as _venv in the repository, where .venv/ is ignored.
            target = self.root / Path(*(".venv" if p == "_venv" else p for p in source.relative_to(TRAPS).parts))
            target.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text().replace("# @prelude\n", PRELUDE)
            target.write_text(text.replace("@MARKERS@", str(self.markers)).replace("@PORT@", str(listener.port)))
            shutil.copymode(source, target)

    def python_files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.py") if ".venv" not in p.parts)

    def traps(self) -> set[str]:
        """Every marker some trap would leave."""
        text = "".join(p.read_text() for p in self.root.rglob("*") if p.is_file())
        return set(re.findall(r'spring\("([\w-]+)"\)', text)) | set(re.findall(r"markers/([\w-]+)", text))

    def sprung(self) -> list[str]:
        return sorted(p.name for p in self.markers.iterdir())
