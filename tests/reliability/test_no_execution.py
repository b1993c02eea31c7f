"""No user code is ever executed: the trap workspace (traps/) is opened, hovered, code-actioned and
saved through the language server, checked whole by it in workspace mode, and checked through the
CLI, each started in the workspace the way an editor or a user would; no trap may leave a marker or
call the test's socket.

Each trap calls `spring(name)` where running the code would reach it: top-level code, custom layer
and model methods, decorators, default arguments, class bodies, metaclasses, module `__getattr__`,
imported workspace modules and packages (one found only by jedi), `sitecustomize.py`, `.pth`
files, a fake `.venv` interpreter, and modules named like the libraries the server imports lazily
(keras.py, jedi.py, pygls.py, ...). `test_every_trap_springs_when_run` shows that each one fires
when the code is really run, so a clean result means something.
"""
import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lsprotocol import types

from harness import COUNTS
from lsp_session import until, without_a_rule
from reliability_session import exercise, session
from shapelens.engine import ModuleLoader

RUN_FOR_REAL = """
import runpy, site, subprocess, sys, warnings
import keras, numpy  # the real libraries, before the workspace's namesakes can be found
warnings.simplefilter("ignore")
root = sys.argv[1]
sys.path[:0] = [root, root + "/src"]
for path in sys.argv[2:]:
    try:
        runpy.run_path(path, run_name="__main__")
    except BaseException as error:
        print(f"{path}: {type(error).__name__}: {error}")
site.addsitedir(root)
site.addsitedir(root + "/.venv/lib/python3.11/site-packages")
subprocess.run([root + "/.venv/bin/python"])
"""
ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}


def assert_nothing_ran(workspace) -> None:
    time.sleep(0.2)  # a connection being accepted right now
    assert workspace.sprung() == []
    assert workspace.listener.connections == 0


def test_every_trap_springs_when_run(workspace, tmp_path):
    scripts = [p for p in workspace.python_files() if p.parent in (workspace.root, workspace.root / "src" / "app")]
    run = subprocess.run([sys.executable, "-c", RUN_FOR_REAL, str(workspace.root), *map(str, scripts)],
                         cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert set(workspace.sprung()) == workspace.traps(), run.stdout
    assert len(workspace.traps()) >= 40
    time.sleep(0.5)
    assert workspace.listener.connections >= len(workspace.traps())


@pytest.mark.parametrize("command", [[sys.executable, "-m", "shapelens"],
                                     [str(Path(sys.executable).parent / "shapelens")],
                                     without_a_rule("Discretization")],
                         ids=["python -m shapelens", "shapelens", "importing Keras for a layer without a rule"])
def test_the_cli_runs_nothing_from_the_workspace(workspace, command):
    run = subprocess.run([*command, "check", "--no-cache", "--format", "json", "--hints", "."], cwd=workspace.root,
                         env=ENV, capture_output=True, text=True, timeout=300)
    assert_nothing_ran(workspace)
    assert run.returncode == 1, run.stderr  # errors found, as planted
    found = {(os.path.normpath(d["path"]), d["code"]) for d in json.loads(run.stdout)}
    COUNTS["trap files checked through the CLI"] += len(workspace.python_files())
    # The analysis went deep: through workspace modules, a package and a jedi-resolved import.
    assert {("toplevel.py", "SL101"), ("imports_workspace.py", "SL101"), ("src/app/main.py", "SL101")} <= found


@pytest.mark.asyncio
async def test_the_server_runs_nothing_from_the_workspace(workspace):
    try:
        await exercise_workspace(workspace)
    finally:  # also when the server failed: the markers say why
        assert_nothing_ran(workspace)


async def exercise_workspace(workspace) -> None:
    # Without its Discretization rule, the server imports Keras for that layer of custom_layer.py.
    async with session(workspace.root, command=without_a_rule("Discretization") + ["server"]) as client:
        answers = {}
        for path in workspace.python_files():
            answers[str(path.relative_to(workspace.root))] = await exercise(client, path)
        COUNTS["trap files opened, hovered, code-actioned and saved through the server"] += len(answers)
        assert answers["toplevel.py"]["code actions"] >= 1 and answers["toplevel.py"]["hovers"] >= 5
        assert answers["custom_layer.py"]["hovers"] >= 5

        # The server imports Keras for the layer without a rule: the real one, not the workspace's.
        uri = (workspace.root / "custom_layer.py").as_uri()
        position = client.position(uri, "binned =")

        async def shape_known():
            hover = await client.text_document_hover_async(types.HoverParams(
                types.TextDocumentIdentifier(uri), position))
            return hover is not None and "→ `(None, 3)`" in hover.contents.value

        deadline = time.monotonic() + 120
        while not await shape_known():
            assert time.monotonic() < deadline, "Keras was never loaded"
            await asyncio.sleep(0.5)


@pytest.mark.asyncio
async def test_workspace_mode_runs_nothing_from_the_workspace(workspace):
    try:
        async with session(workspace.root, {"diagnosticMode": "workspace"}) as client:
            await until(lambda: any(isinstance(report, types.WorkDoneProgressEnd)
                                    for reports in client.progress_reports.values() for report in reports), 120)
            found = {uri for uri, diagnostics in client.diagnostics.items() if diagnostics}
            assert {(workspace.root / name).as_uri() for name in ("toplevel.py", "imports_workspace.py",
                                                                  "src/app/main.py")} <= found
    finally:
        assert_nothing_ran(workspace)


def test_jedi_resolves_workspace_imports_without_importing_them(workspace):
    importer = workspace.root / "src" / "app" / "main.py"
    loader = ModuleLoader(str(workspace.root))
    # Not beside the importer, not at the root: only jedi finds it (src/ layout).
    assert loader.find("trapsrc.models", 0, str(importer)) == str(workspace.root / "src" / "trapsrc" / "models.py")
    assert loader.find("trapsrc", 0, str(importer)) == str(workspace.root / "src" / "trapsrc" / "__init__.py")
    assert_nothing_ran(workspace)


def test_untrusted_workspaces_restrict_the_interpreter_setting():
    """VS Code runs the extension in an untrusted workspace only in limited mode, where the
    interpreter that runs the server cannot come from the workspace's settings."""
    manifest = json.loads((Path(__file__).parents[2] / "package.json").read_text())
    untrusted = manifest["capabilities"]["untrustedWorkspaces"]
    assert untrusted["supported"] == "limited"
    assert "shapelens.interpreter" in untrusted["restrictedConfigurations"]
    assert "shapelens.interpreter" in manifest["contributes"]["configuration"]["properties"]
