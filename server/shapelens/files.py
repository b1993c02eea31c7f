"""The files Shape Lens checks: Python files and notebooks found by walking folders, skipping
what the configuration excludes (by default virtual environments, installed packages and build
folders) and what .gitignore files ignore. Shared by the command line and the language server."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from .config import Config, Configs, Pattern, decision, git_ancestors, gitignore
from .engine.modules import is_excluded_dir

CHECKED = (".py", ".ipynb")


def source_files(paths: Iterable[str], configs: Configs | None = None) -> tuple[list[Path], list[str]]:
    """The .py and .ipynb files named or found (recursively) under the given paths, and the
    unreadable paths. A file named explicitly is always included."""
    configs = configs or Configs()
    files: list[Path] = []
    missing: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(Path(root) / n for root, n in walk(str(path), configs))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(name)
    return files, missing


def walk(top: str, configs: Configs) -> Iterator[tuple[str, str]]:
    """(folder as walked, name) of each file to check under `top`, in sorted order."""
    absolute = os.path.abspath(top)
    ignores = {absolute: _inherited(absolute)}
    for root, dirs, names in os.walk(top):
        config, folder = configs.of(root), os.path.abspath(root)
        dirs[:] = sorted(d for d in dirs if not _skipped(config, ignores[folder], os.path.join(folder, d), True))
        for d in dirs:
            ignores[os.path.join(folder, d)] = ignores[folder] + list(gitignore(os.path.join(folder, d)))
        yield from ((root, n) for n in sorted(names)
                    if n.endswith(CHECKED) and not _skipped(config, ignores[folder], os.path.join(folder, n), False))


def included(path: str, top: str, configs: Configs) -> bool:
    """Whether walking `top` finds the file `path` (a file that may since have appeared or gone)."""
    path, top = os.path.abspath(path), os.path.abspath(top)
    relative = os.path.relpath(path, top)
    if not path.endswith(CHECKED) or relative.startswith(os.pardir + os.sep):
        return False
    folder, ignores = top, _inherited(top)
    *dirs, name = relative.split(os.sep)
    for d in dirs:
        if _skipped(configs.of(folder), ignores, os.path.join(folder, d), True):
            return False
        folder = os.path.join(folder, d)
        ignores = ignores + list(gitignore(folder))
    return not _skipped(configs.of(folder), ignores, path, False)


def _inherited(top: str) -> list[Pattern]:
    """The .gitignore patterns that apply in `top`: its own and those of the folders above it in
    its git repository."""
    return [p for folder in git_ancestors(top) + [top] for p in gitignore(folder)]


def excluded(config: Config, path: str, is_dir: bool) -> bool:
    """Whether the configuration's `exclude` and `extend-exclude` (by default, the default excluded
    folders) exclude a file or folder."""
    decided = config.excludes(path, is_dir)
    return is_dir and is_excluded_dir(path) if decided is None else decided


def _skipped(config: Config, ignores: list[Pattern], path: str, is_dir: bool) -> bool:
    return excluded(config, path, is_dir) or config.respect_gitignore and bool(decision(ignores, path, is_dir))
