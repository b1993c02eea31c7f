"""The user's own modules, followed across files: found on disk, parsed and interpreted
abstractly — never imported.

`from models.builders import build_cnn` is resolved against the importing file's folder and the
workspace root (then, for layouts those do not cover, with jedi, which reads files statically).
Every AST node of another file carries a reference to its module, so positions and messages can
name the right file.
"""
from __future__ import annotations

import ast
import functools
import importlib.machinery
import os
import sys
from dataclasses import dataclass
from typing import Any

from . import reads
from .source import Source, parse

_MODULE_ATTRIBUTE = "_shapelens_module"
MAX_MODULE_BYTES = 2_000_000
# Installed packages, caches and build output: never the user's code, and slow to interpret.
# `.ipynb_checkpoints` holds Jupyter's autosaved copies of the notebooks beside it.
_NOT_WORKSPACE_DIRS = frozenset({
    ".venv", "venv", "env", "site-packages", "dist-packages", "node_modules", "__pycache__", "build", "dist",
    ".tox", ".nox", ".git", ".hg", ".mypy_cache", ".pytest_cache", ".shapelens_cache", ".ipynb_checkpoints"})


def is_excluded_dir(path: str) -> bool:
    """A folder whose files are not workspace code: by its name, or a virtual environment of any
    name (it holds a pyvenv.cfg)."""
    name = os.path.basename(path)
    return (name in _NOT_WORKSPACE_DIRS or name.endswith(".egg-info")
            or os.path.isfile(os.path.join(path, "pyvenv.cfg")))


def in_excluded_dir(path: str, root: str) -> bool:
    """Whether a file lies inside an excluded folder below `root` (the folders above it, where the
    workspace itself lives, do not count)."""
    relative = os.path.relpath(os.path.dirname(os.path.abspath(path)), root)
    folder = root
    for part in relative.split(os.sep) if relative != os.curdir else []:
        folder = os.path.join(folder, part)
        if is_excluded_dir(folder):
            return True
    return False


@dataclass(eq=False)
class ParsedModule:
    path: str
    source: Source
    tree: ast.Module


@dataclass(eq=False)
class ModuleValue:
    """`import lib.builders as b`: attribute access reads the module's names."""

    env: dict[str, Any]


@functools.cache
def _outside_workspace(top: str) -> bool:
    """A module of the standard library, or installed in this interpreter (the user's, which the
    editor starts the server with): not one of the workspace's, so jedi (slow to load) is not
    asked. Looked up on disk by name, never imported."""
    if top in sys.stdlib_module_names or top in sys.builtin_module_names:
        return True
    installed = [p for p in sys.path if os.path.basename(p) in ("site-packages", "dist-packages")]
    try:
        return importlib.machinery.PathFinder.find_spec(top, installed) is not None
    except (ImportError, ValueError, OSError):
        return False


def module_of(node: ast.AST) -> ParsedModule | None:
    """The other file a node comes from; None for the file being analysed."""
    return getattr(node, _MODULE_ATTRIBUTE, None)


class ModuleLoader:
    """Finds and parses workspace modules; parses are cached across analyses by file identity."""

    def __init__(self, root: str | None = None):
        self.root = os.path.abspath(root) if root else None
        self._cache: dict[str, tuple[tuple, ParsedModule | None]] = {}

    def find(self, module: str, level: int, importer: str, jedi: bool = True) -> str | None:
        """The file `import module` means in `importer`; `jedi=False`: only beside it and in the root."""
        if not os.path.isfile(importer):  # an unsaved buffer: nothing to be relative to
            return None
        parts = module.split(".") if module else []
        base = os.path.dirname(os.path.abspath(importer))
        if level:
            for _ in range(level - 1):
                base = os.path.dirname(base)
            roots = [base]
        else:
            roots = [base] + ([self.root] if self.root and self.root != base else [])
        for root in roots:
            candidate = os.path.join(root, *parts)
            for path in (candidate + ".py", os.path.join(candidate, "__init__.py")):
                if parts and os.path.isfile(path) and not in_excluded_dir(path, root):
                    return path
        if not jedi or level or _outside_workspace(parts[0] if parts else ""):
            return None
        return self._find_with_jedi(module, importer)

    def _find_with_jedi(self, module: str, importer: str) -> str | None:
        """src/ layouts and other sys.path set-ups; only files inside the workspace, outside its
        virtual environments and build folders, are followed."""
        if not self.root:
            return None
        try:
            import jedi
            project = jedi.Project(self.root, load_unsafe_extensions=False, smart_sys_path=True)
            names = jedi.Script(f"import {module}\n", path=importer, project=project).goto(
                1, len("import ") + len(module), follow_imports=True)
        except Exception:  # jedi failing is the same as not finding the module
            return None
        for name in names:
            path = str(name.module_path) if name.module_path else None
            if (path and path.endswith(".py") and os.path.abspath(path).startswith(self.root + os.sep)
                    and not in_excluded_dir(path, self.root)):
                return path
        return None

    def forget(self, path: str) -> None:
        """Parse `path` again when next asked: it changed on disk (perhaps within the clock's
        resolution, keeping its size)."""
        self._cache.pop(os.path.abspath(path), None)

    def parse(self, path: str) -> ParsedModule | None:
        reads.note(path)
        try:
            stat = os.stat(path)
        except OSError:
            return None
        identity = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(path)
        if cached and cached[0] == identity:
            return cached[1]
        parsed = None
        if stat.st_size <= MAX_MODULE_BYTES:
            try:
                with open(path, "rb") as handle:
                    text = handle.read().decode("utf-8-sig", errors="replace")  # as Python reads it
                tree = parse(text, path)
                parsed = ParsedModule(path, Source(text), tree)
                for node in ast.walk(tree):
                    setattr(node, _MODULE_ATTRIBUTE, parsed)
            except (SyntaxError, ValueError, RecursionError, MemoryError, OSError):
                parsed = None
        self._cache[path] = (identity, parsed)
        return parsed
