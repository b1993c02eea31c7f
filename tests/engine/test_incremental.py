"""Incremental analysis (engine/incremental.py): a run that replays what an edit cannot have changed
reports exactly what a run from scratch reports, on every corpus program and seed example after
edits of each kind; and it does replay."""
from __future__ import annotations

import ast
import random
import re
import sys
from dataclasses import astuple
from pathlib import Path

import pytest

from shapelens.engine import DataFiles, ModuleLoader, analyse
from shapelens.engine.incremental import BLOCK, Session
from shapelens.engine.runtime import this_interpreter

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted((ROOT / "tests" / "corpus" / "programs").glob("*.py")) + sorted(
    (ROOT / "tests" / "fixtures" / "seed").glob("*.py"))
sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

_NUMBER = re.compile(r"(?<![\w.])\d+(?![\w.])")


class Analyses:
    """One document's analyses with a session, each beside the same text analysed from scratch."""

    def __init__(self, path: Path):
        self.path = str(path)
        self.loader, self.data, self.runtime = ModuleLoader(), DataFiles([]), this_interpreter()
        self.session = Session()

    def run(self, text: str, session: Session | None):
        return analyse(text, self.path, loader=self.loader, data=self.data, runtime=self.runtime,
                       verify_fixes=False, session=session, graphs=True)

    def check(self, text: str) -> None:
        incremental, scratch = self.run(text, self.session), self.run(text, None)
        assert _seen(incremental) == _seen(scratch)
        if not any(d.code == "SL001" for d in scratch.diagnostics):  # the spliced tree is the text's tree
            assert ast.dump(self.session._tree, include_attributes=True) == ast.dump(
                ast.parse(text), include_attributes=True)


def _seen(report) -> tuple:
    """Everything a front end shows: diagnostics (with related places and fixes), values and model graphs."""
    return ([(astuple(d.span), d.code, d.message, d.severity, d.expected, d.actual,
              [(astuple(r.span), r.message, r.path) for r in d.related],
              [(f.title, f.edits, f.kind, f.preferred) for f in d.fixes]) for d in report.diagnostics],
            [(astuple(v.span), v.kind, v.summary, v.shape, v.detail) for v in report.values],
            report.graphs, report.partial)


def edits(text: str, seed: str) -> list[str]:
    """Texts a keystroke-sized edit away from `text` (and from each other), in a fixed order: a
    number changed, another too, both changed back, a line deleted, a line duplicated, the original."""
    rng = random.Random(seed)
    lines = text.splitlines(keepends=True)
    numbered = [i for i, line in enumerate(lines) if _NUMBER.search(line) and not line.lstrip().startswith("#")]
    texts = []
    if numbered:
        edited = list(lines)
        for index in sorted(rng.sample(numbered, min(2, len(numbered)))):  # one number, then another with it
            match = rng.choice(list(_NUMBER.finditer(lines[index])))
            edited[index] = lines[index][:match.start()] + str(int(match[0]) + rng.choice((1, 2, 7))) + \
                lines[index][match.end():]
            texts.append("".join(edited))
        texts.append(text)
    code = [i for i, line in enumerate(lines) if line.strip() and not line.startswith((" ", "\t", "#"))]
    if code:
        index = rng.choice(code)
        texts.append("".join(lines[:index] + lines[index + 1:]))
        texts.append("".join(lines[:index + 1] + lines[index:]))
    return texts + [text]


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_an_incremental_run_reports_what_a_run_from_scratch_reports(path):
    text = path.read_text()
    analyses = Analyses(path)
    analyses.check(text)
    for edited in edits(text, path.name):
        analyses.check(edited)


def test_an_edit_replays_the_statements_it_cannot_change(tmp_path):
    text = generate.script(300, 3, 100)
    analyses = Analyses(tmp_path / "experiments.py")
    analyses.check(text)
    assert analyses.session.replayed == 0  # the first run replays nothing

    def ran(edited: str) -> list[str]:
        """The statements the edit made run again (the first line of each)."""
        before = dict(analyses.session._entries)
        analyses.check(edited)
        return [ast.unparse(e.node).split("(")[0] for key, e in analyses.session._entries.items()
                if before.get(key) is not e]

    # Every fit reads BATCH_SIZE: the constant and the three fits run again.
    batch = text.replace("BATCH_SIZE = 32", "BATCH_SIZE = 64")
    assert ran(batch) == ["BATCH_SIZE = 64", "model_0.fit", "model_1.fit", "model_2.fit"]
    # A layer of the middle model: that model and what uses it run again.
    assert ran(batch.replace('name="m1_', 'name="n1_', 1)) == ["model_1 = keras.Sequential", "model_1.compile",
                                                              "model_1.fit"]
    # Both undone at once, in two places: the statements of each.
    assert ran(text) == ["BATCH_SIZE = 32", "model_0.fit", "model_1 = keras.Sequential", "model_1.compile",
                         "model_1.fit", "model_2.fit"]


def test_a_fix_spelled_with_an_import_follows_the_import():
    """Fixes name the module as the file imported it: a replayed error's fixes depend on the imports."""
    text = ('"""Channels first."""\n'
            "from tensorflow import keras\n"
            "import numpy as np\n"
            "import numpy\n"
            "x = numpy.zeros((60, 3, 28, 28), 'float32')\n"
            "model = keras.Sequential([keras.Input((28, 28, 3)), keras.layers.Conv2D(8, 3), keras.layers.Flatten()])\n"
            "model.predict(x)\n")
    analyses = Analyses(Path("/tmp/shapelens-imports.py"))
    analyses.check(text)
    edited = text.replace("as np", "as onp")
    report = analyse(edited, analyses.path, loader=analyses.loader, data=analyses.data, runtime=analyses.runtime,
                     session=analyses.session)  # the fixes checked: those that move the axis are offered
    assert analyses.session.replayed == 5  # all but the edited import and the call with the error
    assert any("onp.moveaxis" in edit.new_text for d in report.diagnostics for f in d.fixes for edit in f.edits)


SPLICES = [  # (text, edited): edits whose statements cannot be parsed apart from the rest
    ("a = 1\nb = 2\nc = 3\nd = 4\n", 'a = 1\nb = 2\nc = """3\nd = 4\n'),  # a string left open
    ("a = 1\nb = 2\nc = (3,\n     4)\nd = 5\n", "a = 1\nb = 2\nc = (3,\n     4\nd = 5\n"),  # a bracket
    ("a = 1\nb = 2\nc = 3; d = 4\ne = 5\n", "a = 1\nb = 2\nc = 3; d = 6\ne = 5\n"),  # one line, two statements
    ("a = 1\nb = 2\nc = 3\n", "a = 1\nb = 2\nc = 3\nd = c * 2\n"),  # a line added at the end
    ("a = 1\nb = 2\nif a:\n    c = 3\nd = 4\n", "a = 1\nb = 2\nif a:\n    c = 3\n    d = 4\n"),  # indented
    ("a = 1\nb = 2\n\n# note\nc = 3\n", "a = 1\nb = 2\n\n# a longer note\nc = 3\n"),  # a comment
    ("a = 1\nb = 2\nc = 3\nd = 4\ne = 5\n", "a = 1\nb = 2\nc = 7\nd = 4\ne = 8\n"),  # two places
    ("a = 1\nb = 2\nc = [3,\n     4]\nd = 5\n", "a = 1\nb = 2\nc = [6,\n     7]\nd = 5\n"),  # one statement twice
    ("a = 1\nb = 2\nc = [3,\n     4]\nd = 5\n", "a = 1\nb = 2\nc = [3,\n     4]]\nd = [5\n"),  # two, unbalanced
]


@pytest.mark.parametrize("text, edited", SPLICES)
def test_the_statements_an_edit_touches_are_parsed_again_in_context(text, edited):
    analyses = Analyses(Path("/tmp/shapelens-splice.py"))
    analyses.check(text)
    analyses.check(edited)  # compares the spliced tree with the parsed one, or reports SL001 as a full parse does


def test_a_statement_changing_an_object_an_earlier_run_made_runs_what_follows():
    text = ("from tensorflow import keras\n"
            "model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4)])\n"
            "model.add(keras.layers.Dense(3))\n"
            "x = model(keras.Input((8,)))\n")
    analyses = Analyses(Path("/tmp/shapelens-incremental.py"))
    analyses.check(text)
    analyses.check(text.replace("Dense(3)", "Dense(5)"))
    assert analyses.session.replayed == 2  # the import and the model; `add` changed it, so the call runs
    report = analyses.run(text.replace("Dense(3)", "Dense(5)"), analyses.session)
    assert [v.shape for v in report.values if v.kind == "tensor"] == [(None, 5)]


def test_long_runs_of_unchanged_statements_replay_as_blocks():
    """Blocks of BLOCK entries replay as one; edits at a block's first and last statement, in its
    middle, and to an object one of its statements made, report what a run from scratch reports."""
    lines = (["from tensorflow import keras\n", "layers = [keras.layers.Dense(4)]\n"]
             + [f"v{i} = {i}\n" for i in range(3 * BLOCK)]
             + ["layers.append(keras.layers.Dense(3))\n",
                "model = keras.Sequential([keras.Input((8,)), *layers])\n", "x = model(keras.Input((8,)))\n"])
    text = "".join(lines)
    analyses = Analyses(Path("/tmp/shapelens-blocks.py"))
    analyses.check(text)
    assert len(analyses.session._blocks) >= 3
    analyses.check(text)
    assert analyses.session.replayed == len(lines)
    for index in (2, 2 + BLOCK - 1, 2 + BLOCK, 2 + BLOCK + 5):  # a block's first and last statements, a middle one
        edited = "".join(lines[:index] + [lines[index].replace("= ", "= 1 + ")] + lines[index + 1:])
        analyses.check(edited)
        assert analyses.session.replayed == len(lines) - 1
        analyses.check(text)
    analyses.check(text.replace("Dense(3)", "Dense(5)"))  # changes the list the second statement made
    report = analyses.run(text.replace("Dense(3)", "Dense(5)"), analyses.session)
    assert [v.shape for v in report.values if v.kind == "tensor"] == [(None, 5)]


GROWN = ("from tensorflow import keras\n"
         "layers = [keras.layers.Dense(4)]\n"
         "model = keras.Sequential()\n"
         "model.add(keras.Input((8,)))\n"
         "model.add(keras.layers.Dense(3))\n"
         "layers.append(keras.layers.Dense(2))\n"
         "head = keras.Sequential(layers)\n"
         "model.compile(loss='mse')\n"
         "x = model(keras.Input((8,)))\n")


@pytest.mark.parametrize("gone", ["model.add(keras.layers.Dense(3))\n", "layers.append(keras.layers.Dense(2))\n"])
@pytest.mark.parametrize("instead", ["", "print(3)\n"])
def test_a_statement_gone_that_changed_an_older_object_runs_what_follows(gone, instead):
    """Later statements saw what it did to the object (they read or changed it): replayed, they would bring it back."""
    analyses = Analyses(Path("/tmp/shapelens-gone.py"))
    analyses.check(GROWN)
    analyses.check(GROWN.replace(gone, instead))  # deleted, or replaced by one that leaves the object alone
    analyses.check(GROWN)


def test_lines_added_or_removed_move_what_follows_without_running_it(tmp_path):
    text = generate.script(300, 3, 100)
    analyses = Analyses(tmp_path / "experiments.py")
    analyses.check(text)
    lines = text.splitlines(keepends=True)
    middle = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("model_1 = "))
    statements = len(analyses.session._entries)
    for edited in ("".join(lines[:middle] + ["\n"] + lines[middle:]),  # a blank line added
                   "".join(lines[:middle] + ["# why\n", "\n"] + lines[middle:]),  # two
                   text,  # both gone
                   "".join(lines[:middle - 1] + lines[middle:])):  # a line of the statement before gone
        analyses.check(edited)
    assert analyses.session.replayed >= statements - 3  # that statement, and what reads what it bound


def test_a_message_that_names_a_line_is_written_again_when_lines_move():
    text = ("from tensorflow.keras.layers import LSTM\n"
            "from tensorflow.keras.models import Sequential\n"
            "model = Sequential()\n"
            "model.add(LSTM(32, input_shape=(64, 10, 8)))\n")
    analyses = Analyses(Path("/tmp/shapelens-line.py"))
    analyses.check(text)
    (before,) = [d for d in analyses.run(text, None).diagnostics if d.actual]
    assert "line 4" in before.actual
    edited = text.replace("model = ", "\nmodel = ")
    analyses.check(edited)
    (after,) = [d for d in analyses.run(edited, analyses.session).diagnostics if d.actual]
    assert "line 5" in after.actual and after.span.line == before.span.line + 1
