"""Parsing with the cyclic garbage collector paused: the same tree, and the collector left as it was."""
import ast
import gc

import pytest

from shapelens.engine.source import parse


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
