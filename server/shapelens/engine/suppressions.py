"""Suppression comments, as Python linters have them (ruff's `# noqa`):

    model.fit(x, y)  # shapelens: ignore[SL101, SL2]
    # shapelens: ignore-file[SL3]

`# shapelens: ignore[CODES]` at the end of the line where a diagnostic starts, or of the first line of
its statement, silences those codes there (a code or a prefix: `SL2` is every SL2xx); without a list it
silences every code on the line. `# shapelens: ignore-file[CODES]` on a line of its own silences them in
the whole file. The directive is matched in comments only, with any spacing and case (`#shapelens:IGNORE`);
codes are upper case, as reported: a lower-case one silences nothing, and is reported as unused.

A suppression that silences nothing is reported (SL901) with a fix that removes it; every problem
gets a fix that silences it on its line (not hints: a hint's quick fix under the cursor would hide
the fixes of the error next to it, which the editor offers when the cursor is on no other fix). Both fixes only edit comments: their kind is `SUPPRESS`, which
"fix all" never applies and the engine does not re-check.
"""
from __future__ import annotations

import ast
import bisect
import re
import tokenize
from dataclasses import dataclass, field, replace

from .report import SYNTAX_ERROR, Diagnostic, Fix, Severity, Span, TextEdit
from .source import Source, first_line

UNUSED = "SL901"
SUPPRESS = "suppress"  # the kind of fixes that edit suppression comments

_MARK = re.compile(r"shapelens\s*:\s*ignore", re.IGNORECASE)  # a cheap test before tokenizing
# A list that is not closed makes no directive: read as a bare one, it would silence every code.
_DIRECTIVE = re.compile(r"#\s*shapelens\s*:\s*ignore(?P<file>-file)?(?![\w-])(?:\s*\[(?P<codes>[^\]#]*)\]|(?!\s*\[))",
                        re.IGNORECASE)
_CODE = re.compile(r"[^\s,]+")


@dataclass
class _Directive:
    line: int
    span: Span  # from its `#` to its end
    file: bool
    codes: list[tuple[str, Span]]  # empty: every code
    used: set[str] = field(default_factory=set)  # the codes (or "" for every code) that silenced something

    def silences(self, code: str) -> bool:
        matched = [listed for listed, _ in self.codes if code.startswith(listed)] if self.codes else [""]
        self.used.update(matched)
        return bool(matched)


def apply(source: Source, tree: ast.Module, diagnostics: list[Diagnostic], complete: bool) -> list[Diagnostic]:
    """The diagnostics the file's suppressions leave, each with a fix that ignores it on its line,
    and, when the analysis was `complete` (a suppression past where a partial one stopped is not
    known to be unused), an SL901 for each suppression that silenced nothing."""
    directives = _directives(source, tree) if _mentioned(source.text) else []
    whole_file = [d for d in directives if d.file]
    on_line: dict[int, list[_Directive]] = {}
    for directive in directives:
        if not directive.file:
            on_line.setdefault(directive.line, []).append(directive)
    kept = []
    for diagnostic in diagnostics:
        if diagnostic.code == SYNTAX_ERROR:
            kept.append(diagnostic)
            continue
        line = diagnostic.span.line
        lines = (line, _first_line(tree, line)) if on_line else ()
        here = [d for n in lines for d in on_line.get(n, ())] + whole_file
        if not any(d.silences(diagnostic.code) for d in here):
            kept.append(diagnostic)
    kept = [_with_ignore_fix(d, source, tree, on_line) for d in kept]
    if complete:
        line_level = [_unused(d, source) for d in directives if not d.file]
        kept += [d for d in line_level if d and not any(f.silences(d.code) for f in whole_file)]
        kept += [d for d in (_unused(f, source) for f in whole_file) if d]
    return sorted(kept, key=lambda d: (d.span.order(), d.code))


def _mentioned(text: str) -> bool:
    """Whether the text may hold a directive. A case-insensitive regex over a whole large file is slow;
    an ASCII text lowered is searched at once (outside ASCII, case folding has its own pairs: ſ, K)."""
    return "shapelens" in text.lower() if text.isascii() else _MARK.search(text) is not None


def _directives(source: Source, tree: ast.Module) -> list[_Directive]:
    """The directives in the file's comments."""
    found = []
    for line, text in enumerate(source.lines):
        comment = _comment_column(source, tree, line) if _MARK.search(text) else None
        if comment is None:
            continue
        for match in _DIRECTIVE.finditer(text, comment):
            column = match.start()
            if match["file"] and comment != len(text) - len(text.lstrip()):
                continue  # as ruff's file-level `# ruff: noqa`: only on a line of its own
            codes = []
            if match["codes"] is not None:
                start = match.start("codes")
                codes = [(code[0], Span(line, start + code.start(), line, start + code.end()))
                         for code in _CODE.finditer(match["codes"])]
            found.append(_Directive(line, Span(line, column, line, match.end()), bool(match["file"]), codes))
    return found


def _comment_column(source: Source, tree: ast.Module, line: int) -> int | None:
    """Where the comment on 0-based `line` starts, if it has one: found by tokenizing its statement
    (not the whole file, for the few lines that mention Shape Lens)."""
    statement = _innermost(tree, line)
    if statement is None:  # outside every statement: blank, or a comment
        text = source.lines[line]
        return len(text) - len(text.lstrip()) if text.lstrip().startswith("#") else None
    first = _start(statement)
    lines = iter(source.lines[first:line + 1])
    try:
        for token in tokenize.generate_tokens(lambda: next(lines, "")):
            if token.type == tokenize.COMMENT and first + token.start[0] - 1 == line:
                return token.start[1]
    except (tokenize.TokenError, SyntaxError):  # the statement cut at `line`, inside brackets or a string
        pass
    return None


def _strings(statement: ast.AST) -> list[ast.AST]:
    """The string literals of a statement, not of the statements nested in it."""
    return [node for child in ast.iter_child_nodes(statement)
            if not isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case))
            for node in ast.walk(child) if isinstance(node, (ast.Constant, ast.JoinedStr))
            and isinstance(getattr(node, "value", ""), (str, bytes))]


def _innermost(tree: ast.Module, line: int) -> ast.AST | None:
    """The innermost statement on 0-based `line` (a definition's decorators are on it), if any."""
    found, body = None, tree.body
    while body:
        node = body[max(bisect.bisect_right(body, line, key=_start) - 1, 0)]  # statements are in order
        if not _start(node) <= line < (node.end_lineno or node.lineno):
            break
        found, body = node, _statements(node)
    return found


def _start(statement: ast.AST) -> int:
    """A statement's first line, 0-based: its decorators' for a definition."""
    return first_line(statement) - 1


def _first_line(tree: ast.Module, line: int) -> int:
    """The first line of the statement on `line`."""
    statement = _innermost(tree, line)
    return _start(statement) if statement is not None else line


def _statements(node: ast.AST) -> list[ast.AST]:
    """The statements nested in a statement's bodies (an `except` clause counts as one)."""
    found: list[ast.AST] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.stmt, ast.excepthandler)):
            found.append(child)
        elif isinstance(child, ast.match_case):
            found += child.body
    return found


def _with_ignore_fix(diagnostic: Diagnostic, source: Source, tree: ast.Module,
                     on_line: dict[int, list[_Directive]]) -> Diagnostic:
    """`diagnostic` with, last, a fix that adds its code to a suppression at the end of its line
    (or of its statement's first line, when the line ends inside a string or continues)."""
    code = diagnostic.code
    if code in (SYNTAX_ERROR, UNUSED) or diagnostic.severity is Severity.HINT:
        return diagnostic
    statement = _innermost(tree, diagnostic.span.line)
    strings = _strings(statement) if statement is not None else []
    lines = (diagnostic.span.line, _start(statement)) if statement is not None else (diagnostic.span.line,)
    line = next((n for n in lines if _can_end_with_comment(source, strings, n)), None)
    if line is None:
        return diagnostic
    listing = next((d for d in on_line.get(line, ()) if d.codes), None)
    if listing is not None:  # add the code to the list already there
        end = listing.codes[-1][1]
        edit = TextEdit(Span(line, end.end_column, line, end.end_column), f", {code}")
    else:
        text = source.lines[line].rstrip("\r\n")
        edit = TextEdit(Span(line, len(text.rstrip()), line, len(text)), f"  # shapelens: ignore[{code}]")
    fix = Fix(f"Ignore {code} on this line", (edit,), kind=SUPPRESS)
    return replace(diagnostic, fixes=[*diagnostic.fixes, fix])


def _can_end_with_comment(source: Source, strings: list[ast.AST], line: int) -> bool:
    """Whether a comment can be added at the end of 0-based `line`, given the strings of its
    statement: not inside one that goes on to the next line, nor after a backslash that continues it."""
    if line >= len(source.lines) or source.lines[line].rstrip("\r\n").endswith("\\"):
        return False
    return not any(node.lineno <= line + 1 < (node.end_lineno or 0) for node in strings)


def _unused(directive: _Directive, source: Source) -> Diagnostic | None:
    """SL901 for a suppression, or the codes of its list, that silenced nothing, with a fix that
    removes it (or them)."""
    unused = [code for code, _ in directive.codes if code not in directive.used]
    if directive.used and not unused:
        return None
    where = "in this file" if directive.file else "on this line"
    names = ", ".join(unused)
    message = (f"Unused suppression: {names} silence{'s' * (len(unused) == 1)} nothing {where}" if unused
               else f"Unused suppression: nothing to silence {where}")
    if directive.used:  # keep the codes that silenced something
        first, last = directive.codes[0][1], directive.codes[-1][1]
        kept = ", ".join(code for code, _ in directive.codes if code in directive.used)
        fix = Fix(f"Remove {names} from the suppression", (TextEdit(Span(first.line, first.column, last.line,
                                                                          last.end_column), kept),), kind=SUPPRESS)
    else:
        fix = Fix("Remove the unused suppression", (_removal(directive, source),), kind=SUPPRESS)
    return Diagnostic(directive.span, UNUSED, message, Severity.WARNING, fixes=[fix])


def _removal(directive: _Directive, source: Source) -> TextEdit:
    """The edit that removes a directive: its line if nothing else is on it, the space before it if
    it ends its line, and so that a comment after it stays a comment."""
    line, span = directive.line, directive.span
    text = source.lines[line]
    content = text.rstrip("\r\n")
    before, after = content[:span.column], content[span.end_column:]
    if not before.strip() and not after.strip():
        if content != text:
            return TextEdit(Span(line, 0, line + 1, 0), "")
        if line > 0:  # the last line, with no line break to take: take the one before it
            return TextEdit(Span(line - 1, len(source.lines[line - 1].rstrip("\r\n")), line, len(content)), "")
        return TextEdit(Span(line, 0, line, len(content)), "")
    if not after.strip():
        return TextEdit(Span(line, len(before.rstrip()), line, len(content)), "")
    if after.lstrip().startswith("#"):  # another comment follows
        return TextEdit(Span(line, span.column, line, len(content) - len(after.lstrip())), "")
    return TextEdit(span, "#")  # the comment goes on after it
