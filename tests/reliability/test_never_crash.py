"""Never crash: no exception escapes `analyse`, whatever the text, and each analysis keeps to its
time budget. Inputs: mutated corpus programs, every prefix of each corpus program (as when typing),
random Python made of Keras-flavoured pieces, random Keras models, pathological files, and
workspace modules that import each other. Counts are printed at the end of the run; the long run
(SHAPELENS_LONG_FUZZ=1) tries more than 10,000 inputs of each kind."""
from __future__ import annotations

import ast
import random

import pytest
from hypothesis import given, strategies as st
from lsprotocol import types

from fuzz_inputs import CORPUS, ENDLESS, HEAVY_FILES, KERAS, MODEL, ODD_FILES, TEXTS, RandomPython, mutate
from harness import COUNTS, LONG, SEEDS, analyse_within_budget, fuzz_settings
from random_programs import random_program
from reliability_session import session
from shapelens.engine import ModuleLoader, Report


def check(text: str, path: str = "<fuzz>", counter: str = "engine fuzz inputs", **kwargs) -> Report:
    report = analyse_within_budget(text, path, **kwargs)
    COUNTS[counter] += 1
    return report


@fuzz_settings(fast=1500, long=15_000)
@given(st.sampled_from(CORPUS), SEEDS)
def test_mutated_corpus_programs(path, seed):
    check(mutate(TEXTS[path], random.Random(seed)), str(path), "mutated corpus programs")


def test_every_prefix_of_every_corpus_program():
    """What the server sees while a file is typed: every line prefix, and character prefixes (every
    one in the long run, a sample in the fast run)."""
    stride = 1 if LONG else 17
    for path, text in TEXTS.items():
        ends = {i for i, c in enumerate(text) if c == "\n"} | set(range(0, len(text) + 1, stride))
        for end in sorted(ends):
            check(text[:end], str(path), "prefixes of corpus programs")


@fuzz_settings(fast=1000, long=12_000)
@given(SEEDS)
def test_random_python(seed):
    check(RandomPython(random.Random(seed)).program(), counter="random Python programs")


@fuzz_settings(fast=500, long=10_000)
@given(SEEDS, st.booleans())
def test_random_keras_models(seed, unknown):
    check(random_program(random.Random(seed), unknown), counter="random Keras programs (engine only)")


@pytest.mark.parametrize("name", [*ODD_FILES, *(HEAVY_FILES if LONG else ())])
def test_pathological_files(name):
    check({**ODD_FILES, **HEAVY_FILES}[name], counter="pathological files")


def test_workspace_modules_importing_each_other(tmp_path):
    """Import cycles, a module importing itself, a package re-exporting itself, and a chain of 300
    modules (more than the engine follows from one file)."""
    (tmp_path / "a.py").write_text("from b import g\nimport a\n\ndef f(n):\n    return g(n) + 1\n")
    (tmp_path / "b.py").write_text("from a import f\nfrom c import *\n\ndef g(n):\n    return f(n) * 2\n")
    (tmp_path / "c.py").write_text("from c import *\nimport pkg\nfrom a import *\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("from . import *\nfrom .pkg import x\nfrom pkg import pkg\n")
    for i in range(300):
        (tmp_path / f"m{i}.py").write_text(f"from m{i + 1} import value\nimport a\n")
    (tmp_path / "m300.py").write_text("value = 3\n")
    main = tmp_path / "main.py"
    main.write_text("import numpy as np\nimport a, b, c, pkg\nfrom m0 import value\nfrom main import *\n"
                    "x = a.f(np.zeros((2, 3)))\ny = b.g(value)\n")
    loader = ModuleLoader(str(tmp_path))
    for _ in range(2):  # the second time from the loader's cache
        check(main.read_text(), str(main), "workspace import cycles", loader=loader)


def test_the_fuzz_inputs_reach_the_engine():
    """The mutations keep most programs parseable (errors deep in the analysis, not only SL001)."""
    rng = random.Random(7)
    parsed = 0
    for path in CORPUS:
        try:
            ast.parse(mutate(TEXTS[path], rng))
            parsed += 1
        except (SyntaxError, ValueError):
            pass
    assert parsed > len(CORPUS) // 3


@pytest.mark.asyncio
async def test_the_server_answers_after_every_fuzz_input(tmp_path):
    """Typed into one document in turn; after each, a hover must be answered (None is an answer),
    the server must still run, and it must log no internal error (session checks both)."""
    rng = random.Random(11)
    count = 1000 if LONG else 60
    texts = [text for name, text in ODD_FILES.items() if name not in ENDLESS]
    texts += [mutate(TEXTS[rng.choice(CORPUS)], rng) for _ in range(count)]
    texts += [RandomPython(rng).program() for _ in range(count)]
    async with session(tmp_path) as client:
        uri = client.open("fuzz/typing.py", "")
        for text in texts:
            client.change(uri, text)
            position = types.Position(rng.randrange(text.count("\n") + 1), rng.randrange(20))
            await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), position))
            COUNTS["fuzz inputs through the server"] += 1
        version = client.change(uri, KERAS + MODEL)  # and it still finds what there is to find
        assert [d.code for d in await client.diagnostics_for(uri, version)] == ["SL101"]
