"""Never lie: diagnostics belong to the version they are published for and disappear on close;
line ends, tabs, form feeds and byte order marks change nothing; no rule reports an error that
depends on something unknown; and an internal error in one model's analysis keeps the file's other
diagnostics."""
from __future__ import annotations

import asyncio
import json
import random
import re
import time

import pytest
from hypothesis import given, strategies as st

from fuzz_inputs import TEXTS
from harness import COUNTS, fuzz_settings
from layer_oracle import engine_outcome
from lsp_session import Client
from reliability_session import session
from shapelens import cli
from shapelens.engine import analyse
from shapelens.engine.layers.base import RULES
from shapelens.engine.values import UNKNOWN


def found(text: str, path: str = "<string>") -> list[tuple[int, str]]:
    return sorted((d.span.line, d.code) for d in analyse(text, path).diagnostics)


# ---- positions -----------------------------------------------------------------------------------

LAYOUTS = {
    "CRLF": lambda t: t.replace("\n", "\r\n"),
    "CR": lambda t: t.replace("\n", "\r"),
    "form feeds": lambda t: re.sub(r"(?m)^(?=\S)", "\x0c", t),
    "tab indentation": lambda t: re.sub(r"(?m)^((?:    )+)", lambda m: "\t" * (len(m.group(1)) // 4), t),
    "trailing blanks": lambda t: re.sub(r"(?m)$", " \t", t),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_line_ends_and_indentation_change_no_diagnostic(layout):
    for path, text in TEXTS.items():
        assert found(LAYOUTS[layout](text), str(path)) == found(text, str(path)), path
        COUNTS["corpus programs re-laid out (same diagnostics)"] += 1


def test_a_byte_order_mark_changes_nothing(tmp_path, capsys):
    """Python skips a UTF-8 byte order mark (Windows editors write one); so do the CLI and the
    workspace modules the engine follows."""
    (tmp_path / "lib").mkdir()
    for name in ("plain", "marked"):
        mark = "\ufeff" if name == "marked" else ""
        (tmp_path / "lib" / f"{name}.py").write_text(
            mark + "from tensorflow import keras\n\ndef build():\n"
            "    return keras.Sequential([keras.Input((8,)), keras.layers.Dense(2)])\n")
        (tmp_path / f"{name}_main.py").write_text(
            mark + f"import numpy as np\nfrom lib.{name} import build\n\nbuild().predict(np.zeros((4, 9)))\n")
    cli.main(["check", "--format", "json", "--no-keras", str(tmp_path)])
    marked, plain = [(d["line"], d["column"], d["code"]) for d in json.loads(capsys.readouterr().out)]
    assert marked == plain and plain[::2] == (4, "SL101")


# ---- unknowns ------------------------------------------------------------------------------------

# Each error needs one value; from a module that does not exist, it is unknown: nothing to report.
NEEDS_A_VALUE = [
    ("units = {}\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(units)])", "0"),
    ("k = {}\nmodel = keras.Sequential([keras.Input((4, 4, 1)), keras.layers.Conv2D(2, k)])", "9"),
    ("n = {}\nmodel = keras.Sequential([keras.Input((6,)), keras.layers.Reshape((n, 4))])", "2"),
    ("c = {}\nmodel = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(2, 3)])\n"
     "model.predict(np.zeros((2, 8, 8, c)))", "3"),
    ("f = {}\nmodel = keras.Sequential([keras.Input((f,)), keras.layers.Dense(2)])\n"
     "model.predict(np.zeros((2, 5)))", "4"),
    ("d = {}\na = keras.Input((d,))\nb = keras.Input((3,))\nout = keras.layers.Add()([a, b])", "5"),
    ("t = {}\nx = tf.matmul(tf.zeros((2, t)), tf.zeros((3, 4)))", "5"),
    ("classes = {}\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(classes, activation='softmax')])\n"
     "model.compile(loss='categorical_crossentropy')\nmodel.fit(np.zeros((8, 4)), np.zeros((8, 3)))", "2"),
]


@pytest.mark.parametrize("program,value", NEEDS_A_VALUE)
def test_no_error_from_an_unknown_value(program, value):
    header = "import numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\n"
    assert any(code != "SL301" for _, code in found(header + program.format(value)))  # the value matters
    unknown = header + "from experiment_config import SETTING\n" + program.format("SETTING")
    assert [code for _, code in found(unknown) if code != "SL301"] == []


SINGLE_INPUT = sorted(kind for kind, rule in RULES.items() if not rule.multi_input)
ARGUMENTS = [0, 1, 2, 3, 4, 8, -1, (2, 2), (1, 3), (2, 2, 2), (3, 4), "same", "valid", "causal",
             "channels_first", "channels_last", True, False, None, 0.5]
DIMS = [1, 2, 3, 4, 5, 8, 16]


def outcome(kind: str, args: dict, shape: tuple) -> str:
    try:
        return engine_outcome(kind, args, shape)[0]
    except Exception:  # a rule failing on odd arguments: Interpreter.eval makes the value unknown
        return "unknown"


@fuzz_settings(fast=3000, long=30_000)
@given(st.sampled_from(SINGLE_INPUT), st.data())
def test_no_rule_reports_an_error_that_depends_on_an_unknown(kind, data):
    """A rule's error with a None dimension (not fixed, or not known) or an UNKNOWN argument must
    hold for every value it could be: if some value makes the layer work, the error was a guess."""
    params = RULES[kind].params
    args = {p: data.draw(st.sampled_from(ARGUMENTS)) for p in params[:data.draw(st.integers(0, len(params)))]}
    shape = (None, *data.draw(st.lists(st.sampled_from([None, *DIMS]), max_size=5)))
    COUNTS["layer rules run with unknowns"] += 1
    if outcome(kind, args, shape) == "error":
        rng = random.Random(data.draw(st.integers(0, 2**32 - 1)))
        for _ in range(5):
            concrete = tuple(rng.choice(DIMS) if d is None else d for d in shape)
            assert outcome(kind, args, concrete) != "ok", f"{kind}({args}) on {shape}: fine on {concrete}"
    if args:
        name = data.draw(st.sampled_from(sorted(args)))
        if outcome(kind, {**args, name: UNKNOWN}, shape) == "error":
            for value in ARGUMENTS:
                assert outcome(kind, {**args, name: value}, shape) != "ok", \
                    f"{kind}({args}) with {name} unknown on {shape}: fine with {name}={value!r}"


# ---- internal errors -----------------------------------------------------------------------------

TWO_MODELS = """import numpy as np
from tensorflow import keras
a = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Conv2D(4, 3), keras.layers.Flatten()])
b = keras.Sequential([keras.Input((8,)), keras.layers.Dense(2)])
b.predict(np.zeros((4, 9)))
"""


@pytest.mark.parametrize("error", [TypeError, KeyError, AttributeError, IndexError, ValueError, ZeroDivisionError,
                                   RuntimeError, AssertionError, NameError, NotImplementedError])
def test_an_internal_error_keeps_the_other_diagnostics(monkeypatch, error):
    """A bug in the Conv2D rule (model a) must not cost model b's diagnostic."""
    def broken(layer, shape):
        raise error("a bug in the rule")
    monkeypatch.setattr(RULES["Conv2D"], "output", broken)
    assert found(TWO_MODELS) == [(4, "SL101")]


def test_an_internal_error_in_one_file_keeps_the_cli_checking_the_others(monkeypatch, tmp_path):
    (tmp_path / "a.py").write_text(TWO_MODELS)
    (tmp_path / "b.py").write_text(TWO_MODELS.replace("Conv2D(4, 3)", "Flatten()"))

    def broken(layer, shape):
        raise RuntimeError("a bug in the rule")
    monkeypatch.setattr(RULES["Conv2D"], "output", broken)
    assert cli.main(["check", "--no-keras", str(tmp_path)]) == cli.EXIT_ERRORS


# ---- the language server -------------------------------------------------------------------------

SLOW = "for i in range(100):\n    for j in range(300):\n        y = tf.reshape(tf.zeros((2, 3)), (3, 2))\n"


def version_text(error_line: int, slow: bool) -> str:
    """A program whose one shape error is on `error_line` (1-based), slow to analyse or not."""
    head = "import numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\n" + (SLOW if slow else "")
    model = "model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(2)])\n"
    padding = "\n" * max(error_line - head.count("\n") - 2, 0)
    return head + model + padding + "model.predict(np.zeros((4, 9)))\n"


def published(client: Client, uri: str) -> list[tuple[int | None, list[tuple[int, str]]]]:
    return [(p.version, sorted((d.range.start.line, str(d.code)) for d in p.diagnostics))
            for p in client.publications(uri)]


@pytest.mark.asyncio
async def test_every_publication_is_for_its_version_and_in_order(tmp_path):
    """Versions sent faster than they can be analysed, slow and quick ones mixed: each publication
    holds exactly what the engine finds in that version's text, versions never go back, and the last
    version is published last."""
    rng = random.Random(3)
    async with session(tmp_path) as client:
        texts = {1: version_text(10, slow=True)}
        uri = client.open("versions/moving.py", texts[1])
        for _ in range(12):
            await asyncio.sleep(rng.choice([0.0, 0.05, 0.2, 0.4, 0.8]))
            text = version_text(rng.randint(8, 30), slow=rng.random() < 0.4)
            texts[client.change(uri, text)] = text
        last = max(texts)
        client.save(uri)  # a slow version stops analysis while typing; saving checks the last one
        await client.diagnostics_for(uri, last)
        await asyncio.sleep(1.0)  # anything still in flight
        publications = published(client, uri)
        COUNTS["versions sent to the server (stale-version test)"] += len(texts)
        assert [v for v, _ in publications] == sorted(v for v, _ in publications)
        assert publications[-1][0] == last
        for version, diagnostics in publications:
            assert diagnostics == [(line, code) for line, code in found(texts[version]) if code != "SL301"], version


@pytest.mark.asyncio
async def test_closing_clears_the_diagnostics_even_while_an_analysis_runs(tmp_path):
    async with session(tmp_path) as client:
        uri = client.open("close/in_flight.py", version_text(10, slow=False))
        assert await client.diagnostics_for(uri, 1)
        client.change(uri, version_text(12, slow=True))
        await asyncio.sleep(0.5)  # past the debounce: the slow version is being analysed
        closed = time.monotonic()
        client.close(uri)
        await asyncio.sleep(3.0)  # longer than the slow analysis
        after = [list(p.diagnostics) for at, p in client.published if p.uri == uri and at >= closed]
        assert after == [[]]
