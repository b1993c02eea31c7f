"""The `shapelens` command: `check` Python files, Jupyter notebooks and directories for Keras shape
errors, or run the language `server`."""
from __future__ import annotations

import argparse
import difflib
import functools
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from . import __version__, formats, graphs
from .cache import FOLDER as CACHE_FOLDER
from .cache import Cache
from .checking import Checked, Checker, Choices, FileSettings, check_files
from .codes import CODE_PATTERN
from .config import KERAS_VERSIONS, ConfigError, Configs
from .engine import Span
from .files import excluded, source_files

EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
OUTPUT_FORMATS = ("text", "concise", "json", "json-lines", "github", "gitlab", "sarif", "junit")


def force_excluded(name: str, configs: Configs) -> bool:
    """`--force-exclude`: whether a path named on the command line is excluded, as ruff decides: the
    path itself or a folder it lies in, up to the folder of the configuration that applies (the
    current folder when no file configures it)."""
    path = os.path.abspath(name)
    is_dir = os.path.isdir(path)
    while True:
        folder = os.path.dirname(path)
        config = configs.of(folder)
        if excluded(config, path, is_dir):
            return True
        top = config.root if config.path else os.getcwd()
        if folder == top or not Path(folder).is_relative_to(top):
            return False
        path, is_dir = folder, True


def located(checked: Checked, span: Span, ends: bool = True) -> dict[str, Any]:
    """A span's 1-based position fields; in a notebook, its `cell` and its position in that cell."""
    fields: dict[str, Any] = {}
    if checked.cells is not None:
        cell, span = checked.cells.place(span)
        fields["cell"] = cell.number
    fields.update(line=span.line + 1, column=span.column + 1)
    if ends:
        fields.update(end_line=span.end_line + 1, end_column=span.end_column + 1)
    return fields


def as_json(checked: list[Checked]) -> list[dict]:
    rows = []
    for file in checked:
        path = file.report.path
        for d in file.report.diagnostics:
            rows.append({
                "path": path, **located(file, d.span),
                "severity": d.severity.value, "code": d.code, "message": d.message,
                "related": [{"path": r.path, "line": r.span.line + 1, "column": r.span.column + 1,
                             "message": r.message} if r.path else
                            {"path": path, **located(file, r.span, ends=False), "message": r.message}
                            for r in d.related],
                "fixes": [{"title": f.title, "edits": [{"path": path, **located(file, e.span), "new_text": e.new_text}
                                                       for e in f.edits]} for f in d.repairs],
            })
    return rows


def as_text(checked: list[Checked]) -> str:
    lines = []
    for file in checked:
        for d in file.report.diagnostics:
            at = located(file, d.span, ends=False)
            cell = f"cell {at['cell']}:" if "cell" in at else ""
            lines.append(f"{file.report.path}:{cell}{at['line']}:{at['column']}: "
                         f"{d.severity.value}[{d.code}] {d.message}")
    return "\n".join(lines)


def line_texts(checked: list[Checked]) -> list[str]:
    """The text of the line where each shown diagnostic starts, in the order of `as_json`."""
    texts = []
    for file in checked:
        source = file.cells.text if file.cells is not None else file.fixed if file.fixed is not None else file.text
        lines = source.splitlines()
        texts.extend(lines[d.span.line] if d.span.line < len(lines) else "" for d in file.report.diagnostics)
    return texts


def summary(checked: list[Checked], fixing: bool) -> str:
    count = sum(len(c.report.diagnostics) for c in checked)
    fixed = sum(c.applied for c in checked)
    return (f"Checked {len(checked)} file{'s' * (len(checked) != 1)}: {count} problem{'s' * (count != 1)} "
            + (f"remaining, {fixed} fixed." if fixing else "found.") + "\n")


def render(checked: list[Checked], args: argparse.Namespace) -> str:
    """The output of `check` in the chosen format."""
    rows = as_json(checked)
    kind = args.output_format
    if args.statistics:
        return formats.statistics_json(rows) if kind == "json" else formats.statistics(rows)
    if kind == "json":
        return json.dumps(rows, indent=2) + "\n"
    if kind == "text":
        return (as_text(checked) + "\n" if rows else "") + summary(checked, args.fix)
    if kind == "concise":
        return formats.concise(rows) + summary(checked, args.fix)
    if kind == "gitlab":
        return formats.gitlab(rows, line_texts(checked), root=os.getcwd())
    if kind == "junit":
        return formats.junit(rows, [c.report.path for c in checked])
    return {"json-lines": formats.json_lines, "github": formats.github, "sarif": formats.sarif}[kind](rows)


def run_check(args: argparse.Namespace) -> int:
    stdin = args.paths == ["-"] or (args.stdin_filename is not None and not args.paths)
    if "-" in args.paths and not stdin:
        print("shapelens: - (standard input) cannot be checked with other paths", file=sys.stderr)
        return EXIT_USAGE
    try:
        configs = Configs(args.config)
        named = [] if stdin else [p for p in args.paths if not (args.force_exclude and force_excluded(p, configs))]
        files, missing = source_files(named, configs)
        if missing:
            for name in missing:
                print(f"shapelens: cannot read {name}: no such file or directory", file=sys.stderr)
            return EXIT_USAGE
        texts = {}
        if stdin:  # checked as the file it names: positions, imports and data files are relative to it
            path = Path(args.stdin_filename or "-")
            texts[path] = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace")  # as read_source
            files.append(path)
        elif not args.paths:
            print("shapelens: no path given (use - to read standard input)", file=sys.stderr)
            return EXIT_USAGE
        choices = Choices(tuple(args.select), tuple(args.ignore), args.hints, args.keras_version)
        cache = None if stdin or args.no_cache else Cache(cache_folder(args, configs))
        bar = ProgressBar(sys.stderr, shown=sys.stderr.isatty() and (sys.stdout.isatty() or bool(args.output_file)))
        try:
            checked = check_files(files, use_keras=not args.no_keras, fix=args.fix or args.diff,
                                  settings=FileSettings(choices, configs), texts=texts, jobs=args.jobs, cache=cache,
                                  progress=bar)
        finally:
            bar.close()
        if args.diff:
            return show_diff(checked)
        for file in checked:
            if file.fixed is not None and not stdin:
                write_source(Path(file.report.path), file.fixed)
    except OSError as error:
        print(f"shapelens: cannot {'write' if args.fix else 'read'} {error.filename}: {error.strerror}",
              file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as error:  # a configuration file found on the way, or named by --config
        print(f"shapelens: {error}", file=sys.stderr)
        return EXIT_USAGE
    out = sys.stdout
    if stdin and args.fix:  # the fixed text goes to standard output, as ruff does; the report to stderr
        (read,) = checked
        sys.stdout.write(read.fixed if read.fixed is not None else read.text)
        out = sys.stderr
    if not write_output(render(checked, args), args.output_file, out):
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_ERRORS if any(c.report.has_errors for c in checked) else EXIT_CLEAN


class ProgressBar:
    """`Checking [#####.....] 120/400 files` on a terminal, from `delay` seconds into a run (short
    runs print nothing), rewritten in place and wiped at the end."""

    WIDTH = 30

    def __init__(self, stream: Any, shown: bool, delay: float = 1.0, clock: Any = time.monotonic):
        self.stream, self.shown, self.clock = stream, shown, clock
        self.since, self.delay, self.drawn = clock(), delay, False

    def __call__(self, done: int, total: int) -> None:
        if not self.shown or self.clock() - self.since < self.delay:
            return
        filled = self.WIDTH * done // total
        self.stream.write(f"\rChecking [{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total} files")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()


def cache_folder(args: argparse.Namespace, configs: Configs) -> Path:
    """`--cache-dir`, else `.shapelens_cache` in the folder of the configuration file that applies
    here, else here (the project root, as ruff finds it)."""
    if args.cache_dir:
        return Path(args.cache_dir)
    config = configs.of(os.getcwd())
    return Path(config.root if config.path else os.getcwd()) / CACHE_FOLDER


def write_source(path: Path, text: str) -> None:
    """Write a fixed file, keeping a leading byte order mark the file had."""
    bom = path.read_bytes().startswith(b"\xef\xbb\xbf")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


def show_diff(checked: list[Checked]) -> int:
    """`--diff`: the fixes as a unified diff on stdout, nothing written; exit 1 if anything would
    change or errors would remain."""
    for file in checked:
        if file.fixed is not None:
            path = file.report.path
            sys.stdout.writelines(difflib.unified_diff(file.text.splitlines(keepends=True),
                                                       file.fixed.splitlines(keepends=True), path, path))
    fixed = sum(c.applied for c in checked)
    remaining = sum(c.report.errors for c in checked)
    print(f"Would fix {fixed} error{'s' * (fixed != 1)} ({remaining} remaining).", file=sys.stderr)
    return EXIT_ERRORS if fixed or remaining else EXIT_CLEAN


def run_graph(args: argparse.Namespace) -> int:
    """`graph`: the models of one file, with the shape on every edge and where Keras raises."""
    path = Path(args.file)
    try:
        settings = FileSettings(Choices(keras_version=args.keras_version), Configs(args.config))
        checked = Checker(not args.no_keras, settings, fix=False, graphs=True).check(path)
    except OSError as error:
        print(f"shapelens: cannot read {error.filename or args.file}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as error:
        print(f"shapelens: {error}", file=sys.stderr)
        return EXIT_USAGE
    found = checked.report.graphs
    if args.line is not None:
        found = graphs.at_line(found, args.line - 1)
    if args.format == "dot":
        output = graphs.as_dot(found)
    else:
        output = graphs.as_json(checked.report.path, found, functools.partial(located, checked))
    return EXIT_CLEAN if write_output(output, args.output_file, sys.stdout) else EXIT_USAGE


def write_output(output: str, path: str | None, out: Any) -> bool:
    """`-o PATH`, else `out`; False (said on standard error) when the file cannot be written."""
    if not path:
        out.write(output)
        return True
    try:
        Path(path).write_text(output, encoding="utf-8")
    except OSError as error:
        print(f"shapelens: cannot write {path}: {error.strerror}", file=sys.stderr)
        return False
    return True


def run_server(args: argparse.Namespace) -> int:
    from .lsp.server import serve  # pygls is needed by the server only
    serve(tcp=args.tcp)
    return EXIT_CLEAN


def host_port(value: str) -> tuple[str, int]:
    """"HOST:PORT" ("[::1]:2087" for IPv6) → (host, port)."""
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {value!r}")
    return host.strip("[]"), int(port)


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def code_list(value: str) -> list[str]:
    """"SL101,SL2" → ["SL101", "SL2"]."""
    codes = [code.strip() for code in value.split(",") if code.strip()]
    for code in codes:
        if not CODE_PATTERN.fullmatch(code):
            raise argparse.ArgumentTypeError(f"{code!r} is not a code or prefix (SL and up to 3 digits: SL101, SL1)")
    return codes


def keras_version(value: str) -> str | int:
    """"auto", or 2 and 3 as numbers (as configuration files write them); anything else as given, for
    argparse to refuse."""
    return int(value) if value in ("2", "3") else value


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="shapelens", description="Find Keras shape errors before the code runs.")
    main.add_argument("--version", action="version", version=f"shapelens {__version__}")
    commands = main.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check Python files, notebooks or directories (recursively)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories, or - for standard input")
    check.add_argument("--output-format", "--format", dest="output_format", default="text", choices=OUTPUT_FORMATS,
                       metavar="FORMAT", help=f"the report: {', '.join(OUTPUT_FORMATS)} (default: text)")
    check.add_argument("-o", "--output-file", metavar="PATH", help="write the report there instead of stdout")
    check.add_argument("--select", type=code_list, action="extend", default=[], metavar="CODES",
                       help="report only these codes or prefixes (comma-separated: SL101,SL2)")
    check.add_argument("--ignore", type=code_list, action="extend", default=[], metavar="CODES",
                       help="never report these codes or prefixes (the longer of a selected and an ignored "
                            "prefix wins)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    check.add_argument("--statistics", action="store_true", help="print how many problems of each code instead")
    check.add_argument("--stdin-filename", metavar="NAME",
                       help="check standard input as the file NAME (with - or no PATH)")
    check.add_argument("--hints", action="store_true", default=None, help="also show hints (suggested rewrites)")
    check.add_argument("--force-exclude", action="store_true",
                       help="apply the excludes to the paths named too (for pre-commit, which names every file)")
    check.add_argument("--config", metavar="PATH", help="use this configuration file for every checked file")
    check.add_argument("--keras-version", type=keras_version, choices=KERAS_VERSIONS,
                       help="the Keras the code runs under (default: auto, this interpreter's)")
    check.add_argument("--fix", action="store_true",
                       help="apply the preferred fix of every error in place, re-checking after each")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    check.add_argument("-j", "--jobs", type=positive, default=cores(), metavar="N",
                       help=f"check files in N processes at once (default: the number of cores, {cores()})")
    check.add_argument("--no-cache", action="store_true", default=bool(os.environ.get("SHAPELENS_NO_CACHE")),
                       help="check every file again, without reading or writing the cache (also: "
                            "SHAPELENS_NO_CACHE=1)")
    check.add_argument("--cache-dir", metavar="PATH", default=os.environ.get("SHAPELENS_CACHE_DIR"),
                       help="the cache folder (also: SHAPELENS_CACHE_DIR; default: .shapelens_cache at the "
                            "project root)")
    check.add_argument("--no-keras", action="store_true",
                       help="never import Keras, even for layers without a built-in rule")
    check.set_defaults(run=run_check)
    graph = commands.add_parser("graph", help="write the model graphs of a file, with the shape on every edge")
    graph.add_argument("file", metavar="FILE", help="a Python file or notebook")
    graph.add_argument("--line", type=positive, metavar="N", help="only the model made at or around line N")
    graph.add_argument("--format", choices=("dot", "json"), default="dot",
                       help="Graphviz DOT (default) or JSON")
    graph.add_argument("-o", "--output-file", metavar="PATH", help="write the graph there instead of stdout")
    graph.add_argument("--config", metavar="PATH", help="use this configuration file")
    graph.add_argument("--keras-version", type=keras_version, choices=KERAS_VERSIONS,
                       help="the Keras the code runs under (default: auto, this interpreter's)")
    graph.add_argument("--no-keras", action="store_true",
                       help="never import Keras, even for layers without a built-in rule")
    graph.set_defaults(run=run_graph)
    server = commands.add_parser("server", help="run the language server (on stdio unless --tcp)")
    server.add_argument("--tcp", type=host_port, metavar="HOST:PORT", help="listen on a TCP port instead")
    server.set_defaults(run=run_server)
    return main


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as stop:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(stop.code or 0)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
