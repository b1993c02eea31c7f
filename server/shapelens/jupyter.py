"""JupyterLab: the language server spec jupyter-lsp (the server half of jupyterlab-lsp) finds
through the `jupyter_lsp_spec_v1` entry point, and the Python of the documents jupyterlab-lsp sends.

jupyterlab-lsp does not use LSP's notebook documents: it sends a notebook as one text document
under the notebook's own URI, its code cells joined by blank lines, with IPython's syntax rewritten
as calls: `!cmd` as `get_ipython().getoutput("cmd")` (quotes in `cmd` left as they are), `%magic
args` and `name?` as `get_ipython().run_line_magic(...)`, and a `%%magic` cell as
`get_ipython().run_cell_magic("magic", "args", \"\"\"body\"\"\")` (only `\"\"\"` escaped in the
body). `%%time` and `%%capture` cells keep their body as Python between two comments.
"""
from __future__ import annotations

import re
import sys
from typing import Any

from .notebook import without_ipython

# The version of jupyter-lsp's spec format this follows (its schema's "current-version").
SPEC_VERSION = 2

_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
# What a magic, shell or help line becomes, up to the call: `get_ipython()`, `files = get_ipython()`.
_LINE_MAGIC = re.compile(r"\s*(?:\S+\s*=\s*)?get_ipython\(\)(?=\.(?:getoutput|run_line_magic)\(.*\)$)")
_CELL_MAGIC = re.compile(r'get_ipython\(\)\.run_cell_magic\("(?:[^"\\]|\\.)*", "(?:[^"\\]|\\.)*", """')
_CELL_MAGIC_END = '""")'


def spec(manager: Any = None) -> dict[str, dict[str, Any]]:
    """The spec of the Shape Lens server, keyed by its name. It runs under the interpreter that runs
    Jupyter, where pip installed shapelens."""
    return {
        "shapelens": {
            "version": SPEC_VERSION,
            "display_name": "Shape Lens",
            "argv": [sys.executable, "-m", "shapelens", "server"],
            "languages": ["python"],
            "mime_types": ["text/python", "text/x-ipython"],
            # The server reads the text it is sent: no copy of each notebook on disk.
            "requires_documents_on_disk": False,
            "install": {"pip": "pip install shapelens"},
        }
    }


def python_text(uri: str, text: str) -> str:
    """The Python a text document holds. A notebook file sent as text is jupyterlab-lsp's: the
    statements it wrote for IPython's syntax, and the syntax it left as it was, are blanked line for
    line, as shapelens.notebook blanks that syntax (a shell command's quotes or a cell magic's body
    can make them invalid Python, which would stop every check of the notebook)."""
    if not (uri.startswith("file:") and uri.endswith(".ipynb")):
        return text
    parts = _LINE_BREAK.split(text)  # lines at even indices, their line breaks between
    index = 0
    while index < len(parts):
        line = parts[index]
        if _CELL_MAGIC.match(line):
            end = _cell_magic_end(parts, index)
            if end is not None:
                parts[index] = "get_ipython()"
                for inside in range(index + 2, end + 1, 2):
                    parts[inside] = ""
                index = end
        elif (call := _LINE_MAGIC.match(line)) is not None:
            parts[index] = call[0]
        index += 2
    parts[::2] = without_ipython(parts[::2])  # what jupyterlab-lsp leaves as it is: `a, b = !ls`
    return "".join(parts)


def _cell_magic_end(parts: list[str], start: int) -> int | None:
    """The index of the line that ends the cell magic call starting on line `start`: the body's
    `\"\"\"` are escaped, so the first line ending with `\"\"\")` ends it."""
    body = _CELL_MAGIC.match(parts[start]).end()
    for index in range(start, len(parts), 2):
        if parts[index][body if index == start else 0:].endswith(_CELL_MAGIC_END):
            return index
    return None
