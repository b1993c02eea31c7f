"""The jupyter-lsp spec (found through the installed entry point) and the Python read from the
documents jupyterlab-lsp sends."""
import json
import re
import subprocess
import sys
from importlib.metadata import entry_points

from shapelens import jupyter
from shapelens.jupyter import python_text

NOTEBOOK = "file:///work/prices.ipynb"


def test_the_installed_entry_point_gives_the_spec():
    (found,) = [ep for ep in entry_points(group="jupyter_lsp_spec_v1") if ep.name == "shapelens"]
    assert found.load() is jupyter.spec


def test_the_spec_starts_this_interpreter_s_server_for_python():
    (name, spec), = jupyter.spec(manager=None).items()
    assert name == "shapelens"
    assert spec["argv"] == [sys.executable, "-m", "shapelens", "server"]
    assert spec["languages"] == ["python"]
    assert spec["version"] == 2 and spec["display_name"] == "Shape Lens"
    assert spec["requires_documents_on_disk"] is False


def test_the_spec_s_command_is_a_language_server():
    messages = [{"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
                {"id": 2, "method": "shutdown"}, {"method": "exit"}]
    bodies = [json.dumps({"jsonrpc": "2.0", **message}) for message in messages]
    requests = "".join(f"Content-Length: {len(body)}\r\n\r\n{body}" for body in bodies).encode()
    output = subprocess.run(jupyter.spec()["shapelens"]["argv"], input=requests, capture_output=True,
                            timeout=60, check=True).stdout
    header, _, rest = output.partition(b"\r\n\r\n")
    length = int(re.search(rb"Content-Length: (\d+)", header)[1])
    answer = json.loads(rest[:length])
    assert answer["id"] == 1 and answer["result"]["serverInfo"]["name"] == "shapelens"
    assert answer["result"]["capabilities"]["hoverProvider"] is True


def test_shell_and_line_magics_become_calls_to_get_ipython():
    text = ('get_ipython().getoutput("pip install "numpy<2"")\n'
            'files = get_ipython().getoutput("ls")\r\n'
            "if True:\n    get_ipython().run_line_magic('pinfo',  'model')\n"
            'get_ipython().run_line_magic("time", " x = f()")\n'
            "x = 1\n")
    assert python_text(NOTEBOOK, text) == ("get_ipython()\nfiles = get_ipython()\r\n"
                                           "if True:\n    get_ipython()\nget_ipython()\nx = 1\n")


def test_ipython_syntax_jupyterlab_lsp_leaves_as_it_is_is_blanked_too():
    text = "a, b = !ls -l\nmodel.fit?\nx = !ls\n"
    assert python_text(NOTEBOOK, text) == "a, b = get_ipython()\npass\nx = get_ipython()\n"


def test_a_cell_magic_is_blanked_to_its_end_line_for_line():
    text = ('x = 1\n\n\nget_ipython().run_cell_magic("writefile", "config.py", """NAME = "a"\n'
            'PATH = \\"\\"\\"b\\"\\"\\"\n""")\n\n\ny = """a"""\n')
    assert python_text(NOTEBOOK, text) == 'x = 1\n\n\nget_ipython()\n\n\n\n\ny = """a"""\n'
    one_line = 'get_ipython().run_cell_magic("bash", "", """echo "$HOME"""")\nz = 2'
    assert python_text(NOTEBOOK, one_line) == "get_ipython()\nz = 2"


def test_what_is_not_jupyterlab_s_is_left_as_it_is():
    unfinished = 'get_ipython().run_cell_magic("bash", "", """echo\nls\n'
    assert python_text(NOTEBOOK, unfinished) == unfinished
    call = 'out = get_ipython().getoutput(\n    "ls")\n'  # not one line: written by hand
    assert python_text(NOTEBOOK, call) == call
    shell = 'get_ipython().getoutput("ls")\n'
    for uri in ("file:///work/tool.py", "vscode-notebook-cell:/work/prices.ipynb#W0sZmlsZQ%3D%3D"):
        assert python_text(uri, shell) == shell
