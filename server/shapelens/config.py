"""Configuration files, read as ruff reads its own: `[tool.shapelens]` in `pyproject.toml`, or the
same keys at the top level of `shapelens.toml` / `.shapelens.toml`. A file is checked with the
nearest configuration in its folder or above; glob patterns are relative to that file's folder.
Also the `.gitignore` matching used when walking folders."""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable

from .codes import CODE_PATTERN, is_selected
from .engine import Report, Severity
from .engine.runtime import KERAS2, Runtime

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
    hints: bool | None = None  # None: the front end's default (the CLI's off, the editor's on)
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
    """The configuration in the file `path` (defaults for a pyproject.toml without [tool.shapelens]);
    the first problem found in it is raised."""
    config, problems = read(path)
    if problems:
        raise ConfigError(problems[0])
    return config


def read(path: str) -> tuple[Config, list[str]]:
    """The configuration in the file `path` with the defaults in place of every key it gets wrong,
    and what it gets wrong (the language server warns and carries on)."""
    path = os.path.abspath(path)
    try:
        with open(path, "rb") as file:
            table = tomllib.load(file)
    except OSError as error:
        return Config(path, os.path.dirname(path)), [f"{path}: cannot read: {error.strerror}"]
    except tomllib.TOMLDecodeError as error:
        return Config(path, os.path.dirname(path)), [f"{path}: not valid TOML: {error}"]
    if os.path.basename(path) == "pyproject.toml":
        table = _tool_table(table) or {}
    return parse(table, path)


def _tool_table(pyproject: dict) -> Any:
    tool = pyproject.get("tool")
    return tool.get("shapelens") if isinstance(tool, dict) else None


def parse(table: Any, path: str) -> tuple[Config, list[str]]:
    root = os.path.dirname(path)
    prefix = "[tool.shapelens] " if os.path.basename(path) == "pyproject.toml" else ""

    def fail(key: str, allowed: str, value: Any) -> ConfigError:
        return ConfigError(f"{path}: {prefix}`{key}` must be {allowed}, not {value!r}")

    if not isinstance(table, dict):
        return Config(path, root), [str(fail("tool.shapelens", "a table", table))]
    problems = [f"{path}: {prefix}unknown key `{key}` (allowed: {', '.join(KEYS)})" for key in table if key not in KEYS]

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

    def setting(key: str, value: Any) -> Any:
        if key in ("select", "ignore"):
            return codes(key, value)
        if key in ("exclude", "extend-exclude"):
            return globs(key, value)
        if key == "per-file-ignores":
            if not isinstance(value, dict):
                raise fail(key, "a table of glob patterns to lists of codes", value)
            return tuple((globs(f"{key}.{glob}", [glob]), codes(f"{key}.{glob}", ignored))
                         for glob, ignored in value.items())
        if key == "keras-version":
            if value not in KERAS_VERSIONS or isinstance(value, bool):
                raise fail(key, "\"auto\", 2 or 3", value)
            return value
        return flag(key, value)

    settings: dict[str, Any] = {}
    for key, value in table.items():
        if key in KEYS:
            try:
                settings[key.replace("-", "_")] = setting(key, value)
            except ConfigError as error:
                problems.append(str(error))
    return Config(path, root, **settings), problems


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
    """The configuration of each folder, found once: the file `forced` (`--config`) for every
    folder, else the nearest config file in the folder or above. A file's problems are raised, or,
    given `warn`, passed to it (with the file) and the defaults used for the keys at fault."""

    def __init__(self, forced: str | None = None, warn: Callable[[str, list[str]], None] | None = None):
        self._warn = warn
        self.forced = self._load(forced) if forced else None
        self._found: dict[str, Config] = {}

    def of(self, folder: str) -> Config:
        if self.forced:
            return self.forced
        folder = os.path.abspath(folder)
        if folder not in self._found:
            name = next((n for n in CONFIG_NAMES if configures(os.path.join(folder, n))), None)
            parent = os.path.dirname(folder)
            self._found[folder] = (self._load(os.path.join(folder, name)) if name else
                                   Config(root=folder) if parent == folder else self.of(parent))
        return self._found[folder]

    def _load(self, path: str) -> Config:
        if self._warn is None:
            return load(path)
        config, problems = read(path)
        if problems:
            self._warn(config.path, problems)
        return config


def runtime(version: str | int, detected: Runtime) -> Runtime:
    """The Keras a file is checked against: `keras-version`'s, or the interpreter's for "auto"."""
    if version in ("auto", detected.keras_major):
        return detected
    return replace(KERAS2 if version == 2 else Runtime(), onednn=detected.onednn)


def kept(report: Report, keep: Callable[[str], bool], hints: bool) -> Report:
    """`report` with only the diagnostics whose code is kept, and its hints if wanted."""
    return replace(report, diagnostics=[d for d in report.diagnostics
                                        if keep(d.code) and (hints or d.severity is not Severity.HINT)])
