"""Never hang: pathological files finish within the time budget (plus a margin) with `partial` set
and what was found before time ran out, through the engine and through the language server, which
then still answers a hover at once."""
from __future__ import annotations

import time

import pytest
from lsprotocol import types

import fuzz_inputs
from fuzz_inputs import KERAS, MODEL, ODD_FILES, indented
from harness import COUNTS, MARGIN, analyse_within_budget
from reliability_session import session
from shapelens.engine import DEFAULT_BUDGET

BUDGET = 1.0

ENDLESS = {name: MODEL + ODD_FILES[name].replace(KERAS, "") for name in fuzz_inputs.ENDLESS}
# Work the engine cannot skip: many quick fixes to verify (each re-analyses the file), and a large
# file with many errors (each message quotes the source).
HEAVY = {
    "slow file with 20 quick fixes": indented("for i{i} in range(300):", 2, "y = tf.reshape(tf.zeros((2, 3)), (3, 2))")
    + "".join(f"m{k} = keras.Sequential([keras.layers.Conv2D(4, 3, input_shape=(32, 28, 28, 3))])\n"
              for k in range(20)),
    "20k lines, 10k shape errors": MODEL * 10_000,
}


@pytest.mark.parametrize("name", [*ENDLESS, *HEAVY])
def test_the_engine_keeps_to_its_budget(name):
    report = analyse_within_budget(KERAS + {**ENDLESS, **HEAVY}[name], budget=BUDGET)
    COUNTS["pathological files through the engine"] += 1
    if name in ENDLESS:
        assert report.partial
        # What was found before time ran out is kept: the shape error of MODEL, before the loop;
        # and the user is told where the checks stopped (SL002), past MODEL's lines.
        assert [d.code for d in report.diagnostics] == ["SL101", "SL002"]
        assert report.diagnostics[1].span.line > report.diagnostics[0].span.line
        assert report.diagnostics[1].message == "analysis stopped after 1.0 s; nothing after this line was checked"


def test_a_large_file_is_checked_completely_and_quickly():
    """1 MB with ten shape errors spread over it: each error's message quotes the source, which once
    re-split the whole text every time (seconds per error, the budget spent after three)."""
    text = KERAS + (("# " + "x" * 60 + "\n") * 2_000 + MODEL) * 10
    started = time.monotonic()
    report = analyse_within_budget(text, budget=DEFAULT_BUDGET)
    assert time.monotonic() - started < 2.5
    assert not report.partial and [d.code for d in report.diagnostics if d.code != "SL301"] == ["SL101"] * 10


@pytest.mark.asyncio
async def test_the_server_answers_after_a_pathological_file(tmp_path):
    async with session(tmp_path) as client:
        for name in ("recursive lambda", "giant comprehension"):  # the server's budget is 5 s each
            text = ENDLESS[name]
            uri = client.open(f"hang/{name.replace(' ', '_')}.py", KERAS + text)
            started = time.monotonic()
            # The hover waits for the analysis in flight, which stops at the budget.
            hover = await client.text_document_hover_async(types.HoverParams(
                types.TextDocumentIdentifier(uri), client.position(uri, "model =")))
            assert time.monotonic() - started <= DEFAULT_BUDGET + MARGIN
            assert hover is not None and "Sequential" in hover.contents.value
            diagnostic, stopped = await client.diagnostics_for(uri, 1)
            assert diagnostic.code == "SL101"  # found before time ran out, and published
            assert (stopped.code, stopped.severity, stopped.message) == (
                "SL002", types.DiagnosticSeverity.Information,
                f"analysis stopped after {DEFAULT_BUDGET:.1f} s; nothing after this line was checked")
            started = time.monotonic()
            hover = await client.text_document_hover_async(types.HoverParams(
                types.TextDocumentIdentifier(uri), client.position(uri, "model =")))
            assert hover is not None and time.monotonic() - started < 2.0  # the next request: at once
            assert any(f"{name.replace(' ', '_')}.py took" in m.message for m in client.log_messages)
            client.close(uri)
            COUNTS["pathological files through the server"] += 1
