"""Parsing with the cyclic garbage collector paused: the same tree, and the collector left as it was."""
import ast
import gc
import re

import pytest

from shapelens.engine.source import Source, parse


def test_the_tree_is_ast_parses_and_the_collector_runs_again_after():
    text = "import numpy as np\nx = np.zeros((2, 3))\n"
    assert gc.isenabled()
    assert ast.dump(parse(text)) == ast.dump(ast.parse(text))
    assert gc.isenabled()


def test_a_syntax_error_leaves_the_collector_running():
    with pytest.raises(SyntaxError):
        parse("def (:\n")
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused():
    gc.disable()
    try:
        parse("x = 1\n")
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\r\nb\rc\n\nd", "\n\n", "é\r\n", "x\fy\nz", "a\u2028b\n",
                                  "s = '\x1c'\nt = 1\n", "a\vb\r\n"])
def test_lines_end_only_at_cr_lf_and_crlf(text):
    """As Python and editors count lines: a form feed or a Unicode separator ends none."""
    expected = [line for line in re.split(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)", text) if line] or [""]
    assert Source(text).lines == expected
