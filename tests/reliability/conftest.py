"""pytest set-up of the reliability tests (the shared code is in harness.py)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "lsp"))  # lsp_session

from harness import COUNTS, LONG, Listener, Workspace  # noqa: E402


def pytest_terminal_summary(terminalreporter):
    if COUNTS:
        terminalreporter.section(f"reliability counts ({'long' if LONG else 'fast'} run)")
        for name, count in sorted(COUNTS.items()):
            terminalreporter.write_line(f"{name}: {count}")


@pytest.fixture
def workspace(tmp_path):
    listener = Listener()
    yield Workspace(tmp_path, listener)
    listener.close()
