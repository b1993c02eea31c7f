"""The `shapelens` command: `check` Python files and directories for Keras shape errors, or run the
language `server`."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Iterable

from . import __version__
from .engine import KerasOracle, ModuleLoader, Report, Severity, analyse

EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
_SKIPPED_DIRS = {".git", ".hg", ".venv", "venv", "__pycache__", "node_modules", ".tox", ".mypy_cache"}


def python_files(paths: Iterable[str]) -> tuple[list[Path], list[str]]:
    """The .py files named or found (recursively) under the given paths, and the unreadable paths."""
    files: list[Path] = []
    missing: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS)
                files.extend(Path(root) / n for n in sorted(names) if n.endswith(".py"))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(name)
    return files, missing


def read_source(path: Path) -> str:
    """Decode as Python does (UTF-8); undecodable bytes are replaced so positions stay usable."""
    return path.read_bytes().decode("utf-8", errors="replace")


def shown(report: Report, hints: bool) -> list:
    """Hints (suggested rewrites, no error) only when asked for."""
    return [d for d in report.diagnostics if hints or d.severity is not Severity.HINT]


def check_files(files: list[Path], use_keras: bool = True) -> list[Report]:
    """Analyse each file; a file that meets a layer without a built-in rule is analysed again
    with real Keras answering for it, when Keras is installed (imported once, only if needed)."""
    oracle = KerasOracle() if use_keras else None
    loader = ModuleLoader(os.getcwd())
    reports = []
    for path in files:
        text = read_source(path)
        misses = oracle.misses if oracle else 0
        report = analyse(text, str(path), oracle, loader=loader)
        if oracle and oracle.misses > misses and not oracle.ready and oracle.available() and oracle.load():
            report = analyse(text, str(path), oracle, loader=loader)
        reports.append(report)
    return reports


def as_json(reports: list[Report], hints: bool = False) -> list[dict]:
    rows = []
    for report in reports:
        for d in shown(report, hints):
            rows.append({
                "path": report.path,
                "line": d.span.line + 1, "column": d.span.column + 1,
                "end_line": d.span.end_line + 1, "end_column": d.span.end_column + 1,
                "severity": d.severity.value, "code": d.code, "message": d.message,
                "related": [{"path": r.path or report.path, "line": r.span.line + 1,
                             "column": r.span.column + 1, "message": r.message} for r in d.related],
                "fixes": [{"title": f.title, "edits": [{
                    "path": report.path,
                    "line": e.span.line + 1, "column": e.span.column + 1,
                    "end_line": e.span.end_line + 1, "end_column": e.span.end_column + 1,
                    "new_text": e.new_text} for e in f.edits]} for f in d.fixes],
            })
    return rows


def as_text(reports: list[Report], hints: bool = False) -> str:
    lines = []
    for report in reports:
        for d in shown(report, hints):
            lines.append(f"{report.path}:{d.span.line + 1}:{d.span.column + 1}: "
                         f"{d.severity.value}[{d.code}] {d.message}")
    return "\n".join(lines)


def run_check(args: argparse.Namespace) -> int:
    files, missing = python_files(args.paths)
    if missing:
        for name in missing:
            print(f"shapelens: cannot read {name}: no such file or directory", file=sys.stderr)
        return EXIT_USAGE
    try:
        reports = check_files(files, use_keras=not args.no_keras)
    except OSError as error:
        print(f"shapelens: cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps(as_json(reports, args.hints), indent=2))
    else:
        text = as_text(reports, args.hints)
        if text:
            print(text)
        count = sum(len(shown(r, args.hints)) for r in reports)
        print(f"Checked {len(files)} file{'s' * (len(files) != 1)}: "
              f"{count} problem{'s' * (count != 1)} found.")
    return EXIT_ERRORS if any(r.has_errors for r in reports) else EXIT_CLEAN


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


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="shapelens", description="Find Keras shape errors before the code runs.")
    main.add_argument("--version", action="version", version=f"shapelens {__version__}")
    commands = main.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check Python files or directories (recursively)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--hints", action="store_true", help="also show hints (suggested rewrites)")
    check.add_argument("--no-keras", action="store_true",
                       help="never import Keras, even for layers without a built-in rule")
    check.set_defaults(run=run_check)
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
