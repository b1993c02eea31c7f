"""Configuration files in the editor: found and read as `shapelens check` reads them, except that a
file's mistakes are shown once as a warning and the defaults are used for the keys at fault (the CLI
stops instead). Read again when a configuration file is created, changed or deleted: the editor
says so (workspace/didChangeWatchedFiles), or, for editors that cannot watch files, a save finds
that one of them differs."""
from __future__ import annotations

import os
from typing import Callable, Iterable

from ..config import CONFIG_NAMES, Config, Configs

# For workspace/didChangeWatchedFiles: every file that can configure a folder.
WATCHED = "**/{" + ",".join(CONFIG_NAMES) + "}"


class Configuration:
    def __init__(self, warn: Callable[[str], None]):
        self._warn = warn
        self._shown: dict[str, list[str]] = {}  # the problems already shown, by configuration file
        self._configs = Configs(warn=self._problems)
        # Every folder whose configuration files were looked for, and what was there then.
        self._seen: dict[str, tuple[tuple[str, int, int], ...]] = {}

    def of(self, folder: str) -> Config:
        folder = os.path.abspath(folder)
        above = folder
        while above not in self._seen:
            self._seen[above] = _signature(above)
            if os.path.dirname(above) == above:
                break
            above = os.path.dirname(above)
        return self._configs.of(folder)

    def refresh(self) -> bool:
        """Forget what was read if a configuration file appeared, changed or went; whether one did."""
        now = {folder: _signature(folder) for folder in self._seen}
        return self.changed(path for folder, files in now.items() if files != self._seen[folder]
                            for path, *_ in set(files) ^ set(self._seen[folder]))

    def changed(self, paths: Iterable[str]) -> bool:
        """Forget what was read if any of `paths` is a configuration file; whether one was."""
        touched = [os.path.abspath(path) for path in paths if os.path.basename(path) in CONFIG_NAMES]
        for path in touched:
            self._shown.pop(path, None)
        if touched:
            self._configs = Configs(warn=self._problems)
            self._seen = {folder: _signature(folder) for folder in self._seen}
        return bool(touched)

    def _problems(self, path: str, problems: list[str]) -> None:
        if self._shown.get(path) == problems:
            return
        self._shown[path] = problems
        listed = "\n".join(f"- {problem.removeprefix(path + ': ')}" for problem in problems)
        self._warn(f"Shape Lens: {path} has problems; the defaults are used instead:\n{listed}")


def _signature(folder: str) -> tuple[tuple[str, int, int], ...]:
    """The configuration files in `folder`, with their modification times and sizes."""
    found = []
    for name in CONFIG_NAMES:
        path = os.path.join(folder, name)
        try:
            status = os.stat(path)
        except OSError:
            continue
        found.append((path, status.st_mtime_ns, status.st_size))
    return tuple(found)
