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
from shapelens.engine.incremental import Session
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
                       verify_fixes=False, session=session)

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
    """Texts one keystroke-sized edit away from `text` (and from each other), in a fixed order:
    a number changed, a number changed back, a line deleted, a line duplicated, the original."""
    rng = random.Random(seed)
    lines = text.splitlines(keepends=True)
    numbered = [i for i, line in enumerate(lines) if _NUMBER.search(line) and not line.lstrip().startswith("#")]
    texts = []
    if numbered:
        index = rng.choice(numbered)
        matches = list(_NUMBER.finditer(lines[index]))
        match = rng.choice(matches)
        changed = lines[index][:match.start()] + str(int(match[0]) + rng.choice((1, 2, 7))) + lines[index][match.end():]
        texts.append("".join(lines[:index] + [changed] + lines[index + 1:]))
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
    statements = analyses.session.replayed
    assert statements == 0  # the first run replays nothing

    # Every fit reads BATCH_SIZE: the constant and the three fits run again, and so does the
    # first experiment's evaluate, which reports an error (its fixes read the whole namespace).
    analyses.check(text.replace("BATCH_SIZE = 32", "BATCH_SIZE = 64"))
    total = len(analyses.session._entries)
    assert analyses.session.replayed == total - 5

    # A layer of the last model: its statements from there on run, the rest of the file is replayed.
    last = text.rindex('name="m2_u5_conv_b"')
    analyses.check(text[:last] + text[last:].replace("32, 3,", "16, 3,", 1))
    assert total - 12 < analyses.session.replayed < total


SPLICES = [  # (text, edited): edits whose statements cannot be parsed apart from the rest
    ("a = 1\nb = 2\nc = 3\nd = 4\n", 'a = 1\nb = 2\nc = """3\nd = 4\n'),  # a string left open
    ("a = 1\nb = 2\nc = (3,\n     4)\nd = 5\n", "a = 1\nb = 2\nc = (3,\n     4\nd = 5\n"),  # a bracket
    ("a = 1\nb = 2\nc = 3; d = 4\ne = 5\n", "a = 1\nb = 2\nc = 3; d = 6\ne = 5\n"),  # one line, two statements
    ("a = 1\nb = 2\nc = 3\n", "a = 1\nb = 2\nc = 3\nd = c * 2\n"),  # a line added at the end
    ("a = 1\nb = 2\nif a:\n    c = 3\nd = 4\n", "a = 1\nb = 2\nif a:\n    c = 3\n    d = 4\n"),  # indented
    ("a = 1\nb = 2\n\n# note\nc = 3\n", "a = 1\nb = 2\n\n# a longer note\nc = 3\n"),  # a comment
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
