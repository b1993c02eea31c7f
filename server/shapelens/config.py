"""Configuration files, read as ruff reads its own: `[tool.shapelens]` in `pyproject.toml`, or the
same keys at the top level of `shapelens.toml` / `.shapelens.toml`. A file is checked with the
nearest configuration in its folder or above; glob patterns are relative to that file's folder.
Also the `.gitignore` matching used when walking folders."""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from typing import Any, Iterable

from .codes import CODE_PATTERN, is_selected

# In one folder, the first of these that configures Shape Lens wins (a pyproject.toml without
# [tool.shapelens] does not).
CONFIG_NAMES = (".shapelens.toml", "shapelens.toml", "pyproject.toml")
KERAS_VERSIONS = ("auto", 2, 3)


class ConfigError(Exception):
    """A configuration file that cannot be read, or a key or value it does not allow."""


@dataclass(frozen=True)
class Pattern:
    """One gitignore-style pattern: a name without a slash matches at any depth, a pattern with
    one is anchored to `base`; a trailing slash matches folders only; `!` re-includes."""
    regex: re.Pattern
    base: str
    negated: bool = False
    folders_only: bool = False

    def matches(self, path: str, is_dir: bool) -> bool:
        if self.folders_only and not is_dir:
            return False
        relative = os.path.relpath(path, self.base)
        if relative == os.curdir or relative.startswith(os.pardir + os.sep) or relative == os.pardir:
            return False
        return bool(self.regex.fullmatch(relative.replace(os.sep, "/")))


def pattern(text: str, base: str) -> Pattern | None:
    """A .gitignore line as a Pattern; None for blank lines and comments."""
    text = re.sub(r"(?<!\\)\s+$", "", text)
    if not text or text.startswith("#"):
        return None
    negated = text.startswith("!")
    if negated:
        text = text[1:]
    elif text.startswith(("\\#", "\\!")):
        text = text[1:]
    folders_only = text.endswith("/")
    text = text.rstrip("/")
    if not text:
        return None
    if "/" not in text:
        text = "**/" + text
    return Pattern(re.compile(_glob_regex(text.lstrip("/"))), base, negated, folders_only)


def _glob_regex(glob: str) -> str:
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and "]" in glob[i + 2:]:
            end = glob.index("]", i + 2)
            inner = glob[i + 1:end]
            out.append("[" + ("^" + inner[1:] if inner.startswith("!") else inner).replace("\\", "\\\\") + "]")
            i = end + 1
        elif glob[i] == "\\" and i + 1 < len(glob):
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)


def decision(patterns: Iterable[Pattern], path: str, is_dir: bool) -> bool | None:
    """True if the last pattern that matches `path` ignores it, False if it re-includes it, None
    if none matches."""
    result = None
    for rule in patterns:
        if rule.matches(path, is_dir):
            result = not rule.negated
    return result


def matches_any(patterns: Iterable[Pattern], path: str) -> bool:
    """Whether a file matches, or lies in a folder that matches (per-file-ignores)."""
    patterns = list(patterns)
    folder = os.path.dirname(path)
    return bool(decision(patterns, path, False)) or any(
        decision(patterns, parent, True) for parent in _parents(folder, patterns))


def _parents(folder: str, patterns: list[Pattern]) -> list[str]:
    bases = {p.base for p in patterns}
    parents = []
    while folder and folder not in bases and os.path.dirname(folder) != folder:
        parents.append(folder)
        folder = os.path.dirname(folder)
    return parents


def gitignore(folder: str) -> tuple[Pattern, ...]:
    """The patterns of `folder`/.gitignore (none when there is none or it cannot be read)."""
    try:
        with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as file:
            lines = file.read().splitlines()
    except OSError:
        return ()
    return tuple(p for p in (pattern(line, folder) for line in lines) if p)


def git_ancestors(folder: str) -> list[str]:
    """The folders above `folder` up to the root of its git repository, outermost first (none
    outside a repository): their .gitignore files apply inside it too."""
    above, parent = [], os.path.dirname(folder)
    path = folder
    while True:
        if os.path.exists(os.path.join(path, ".git")):
            return above
        if parent == path:
            return []
        path, parent = parent, os.path.dirname(parent)
        above.insert(0, path)


@dataclass(frozen=True)
class Config:
    path: str | None = None  # the file it was read from; None for the defaults
    root: str = ""  # the folder patterns are relative to
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[tuple[Pattern, ...], tuple[str, ...]], ...] = ()
    exclude: tuple[Pattern, ...] | None = None  # None: the default excluded folders
    extend_exclude: tuple[Pattern, ...] = ()
    respect_gitignore: bool = True
    keras_version: str | int = "auto"
    hints: bool = False
    read_data_files: bool = True

    def keeps(self, path: str, code: str, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> bool:
        """Whether `code` is reported in `path`: the command line's select/ignore replace the file's."""
        ignored = list(ignore) or list(self.ignore)
        path = os.path.abspath(path)
        for patterns, codes in self.per_file_ignores:
            if matches_any(patterns, path):
                ignored.extend(codes)
        return is_selected(code, list(select) or self.select, ignored)

    def excludes(self, path: str, is_dir: bool) -> bool | None:
        """True/False when `exclude`/`extend-exclude` decide for a path met walking a folder, None
        when the default excluded folders do."""
        path = os.path.abspath(path)
        if decision(self.extend_exclude, path, is_dir):
            return True
        return None if self.exclude is None else bool(decision(self.exclude, path, is_dir))


KEYS = ("select", "ignore", "per-file-ignores", "exclude", "extend-exclude", "respect-gitignore",
        "keras-version", "hints", "read-data-files")


def load(path: str) -> Config:
    """The configuration in the file `path` (defaults for a pyproject.toml without [tool.shapelens])."""
    path = os.path.abspath(path)
    try:
        with open(path, "rb") as file:
            table = tomllib.load(file)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    if os.path.basename(path) == "pyproject.toml":
        table = _tool_table(table) or {}
    return parse(table, path)


def _tool_table(pyproject: dict) -> Any:
    tool = pyproject.get("tool")
    return tool.get("shapelens") if isinstance(tool, dict) else None


def parse(table: Any, path: str) -> Config:
    root = os.path.dirname(path)
    prefix = "[tool.shapelens] " if os.path.basename(path) == "pyproject.toml" else ""

    def fail(key: str, allowed: str, value: Any) -> ConfigError:
        return ConfigError(f"{path}: {prefix}`{key}` must be {allowed}, not {value!r}")

    if not isinstance(table, dict):
        raise fail("tool.shapelens", "a table", table)
    unknown = [key for key in table if key not in KEYS]
    if unknown:
        raise ConfigError(f"{path}: {prefix}unknown key `{unknown[0]}` (allowed: {', '.join(KEYS)})")

    def codes(key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(c, str) and CODE_PATTERN.fullmatch(c) for c in value):
            raise fail(key, "a list of codes or prefixes (SL and up to 3 digits: \"SL101\", \"SL1\")", value)
        return tuple(value)

    def globs(key: str, value: Any) -> tuple[Pattern, ...]:
        if not isinstance(value, list) or not all(isinstance(g, str) and g.strip() for g in value):
            raise fail(key, "a list of glob patterns", value)
        return tuple(p for p in (pattern(g, root) for g in value) if p)

    def flag(key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise fail(key, "true or false", value)
        return value

    settings: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if key in ("select", "ignore"):
            settings[name] = codes(key, value)
        elif key in ("exclude", "extend-exclude"):
            settings[name] = globs(key, value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise fail(key, "a table of glob patterns to lists of codes", value)
            settings[name] = tuple((globs(f"{key}.{glob}", [glob]), codes(f"{key}.{glob}", ignored))
                                   for glob, ignored in value.items())
        elif key == "keras-version":
            if value not in KERAS_VERSIONS or isinstance(value, bool):
                raise fail(key, "\"auto\", 2 or 3", value)
            settings[name] = value
        else:
            settings[name] = flag(key, value)
    return Config(path, root, **settings)


def configures(path: str) -> bool:
    """Whether a config file names Shape Lens: every shapelens.toml does, a pyproject.toml only
    with a [tool.shapelens] table (an unreadable one counts, to be reported)."""
    if not os.path.isfile(path):
        return False
    if os.path.basename(path) != "pyproject.toml":
        return True
    try:
        with open(path, "rb") as file:
            return _tool_table(tomllib.load(file)) is not None
    except (OSError, tomllib.TOMLDecodeError):
        return True


class Configs:
    """The configuration of each folder, found once per run: the file `forced` (`--config`) for
    every folder, else the nearest config file in the folder or above."""

    def __init__(self, forced: str | None = None):
        self.forced = load(forced) if forced else None
        self._found: dict[str, Config] = {}

    def of(self, folder: str) -> Config:
        if self.forced:
            return self.forced
        folder = os.path.abspath(folder)
        if folder not in self._found:
            name = next((n for n in CONFIG_NAMES if configures(os.path.join(folder, n))), None)
            parent = os.path.dirname(folder)
            self._found[folder] = (load(os.path.join(folder, name)) if name else
                                   Config(root=folder) if parent == folder else self.of(parent))
        return self._found[folder]
