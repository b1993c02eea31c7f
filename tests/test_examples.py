"""The examples `make run` shows: the buggy ones are flagged where they raise, the others are clean."""
from pathlib import Path

import pytest

from keras_run import raising_line, statement_lines
from shapelens.engine import analyse

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.py"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_outcome_matches_keras(path):
    source = path.read_text()
    line = raising_line(source)
    found = [d.span.line + 1 for d in analyse(source, str(path)).diagnostics if d.severity.value != "hint"]
    assert path.stem.endswith("_ok") == (line is None)  # the names tell the truth
    if line is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0] in statement_lines(source, line)
