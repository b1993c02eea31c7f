"""Code actions: the engine's fixes, carried in each diagnostic's `data` (see convert.diagnostic).

A fix edits the document of its diagnostic (`edits`), or, in a notebook, the cells it names with the
versions it was made for (`documents`: [{uri, version, edits}])."""
from __future__ import annotations

from typing import Any, Sequence

from lsprotocol import types

from .convert import SOURCE, Lines, text_edits

_KINDS = {"quickfix": types.CodeActionKind.QuickFix, "refactor": types.CodeActionKind.Refactor,
          "suppress": types.CodeActionKind.QuickFix}
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"  # for "editor.codeActionsOnSave"
FIX_ALL_NOTEBOOK = f"notebook.{FIX_ALL}"  # for "notebook.codeActionsOnSave": the whole notebook at once
FIX_ALL_TITLE = "Fix all Shape Lens problems in this file"
FIX_ALL_NOTEBOOK_TITLE = "Fix all Shape Lens problems in this notebook"


def wants_fix_all(params: types.CodeActionParams, notebook: bool = False) -> bool:
    """Asked for explicitly (on save, "Fix All"), or as a quick fix beside two or more fixable errors."""
    only = params.context.only
    if only:
        return _fix_all_kind(only, notebook) is not None and not _wanted(types.CodeActionKind.QuickFix, only)
    fixable = [d for d in params.context.diagnostics if d.source == SOURCE and isinstance(d.data, dict)
               and any(isinstance(fix, dict) and fix.get("kind") != "suppress" for fix in d.data.get("fixes") or ())]
    return len(fixable) >= 2


def fix_all_action(params: types.CodeActionParams, changed: list[tuple[str, int, str, str, Lines]],
                   document_changes: bool, notebook: bool = False) -> types.CodeAction | None:
    """`changed`: (URI, version, text, fixed text, lines of the text) of each document the fixes
    edit (a file, or a notebook's cells). One edit per document, spanning what the fixes changed:
    the rest of it, and the cursor, stay put."""
    documents = [(uri, version, [_changed_span(text, fixed, lines)])
                 for uri, version, text, fixed, lines in changed if fixed != text]
    if not documents:
        return None
    explicit = _fix_all_kind(params.context.only, notebook) if params.context.only else None
    return types.CodeAction(
        title=FIX_ALL_NOTEBOOK_TITLE if notebook else FIX_ALL_TITLE, kind=explicit or types.CodeActionKind.QuickFix,
        diagnostics=None if explicit else [d for d in params.context.diagnostics if d.source == SOURCE],
        edit=_workspace_edit(documents, document_changes))


def _fix_all_kind(only: Sequence[str], notebook: bool) -> str | None:
    """The fix-all kind asked for: a notebook's own kind only for notebooks."""
    return next((kind for kind in ([FIX_ALL_NOTEBOOK] if notebook else []) + [FIX_ALL] if _wanted(kind, only)), None)


def _changed_span(text: str, fixed: str, lines: Lines) -> types.TextEdit:
    start = 0
    while start < min(len(text), len(fixed)) and text[start] == fixed[start]:
        start += 1
    end = 0
    while end < min(len(text), len(fixed)) - start and text[-1 - end] == fixed[-1 - end]:
        end += 1
    return types.TextEdit(types.Range(lines.offset_position(start), lines.offset_position(len(text) - end)),
                          fixed[start:len(fixed) - end])


def code_actions(uri: str, version: int, params: types.CodeActionParams,
                 current: Sequence[types.Diagnostic] | None, document_changes: bool) -> list[types.CodeAction]:
    """Fixes for the diagnostics in the request's context, and refactors whose diagnostic or edits
    overlap the requested range. `current` is the diagnostics of `version` when known: their fixes
    are used before the `data` a client sends back (which may be from an older version, or missing)."""
    found: list[tuple[types.Diagnostic, dict[str, Any]]] = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.source == SOURCE:
            found += [(diagnostic, fix) for fix in _fixes(diagnostic, version, current)]
    for diagnostic in current or ():
        for fix in _fixes(diagnostic, version, None):
            if fix["kind"] == "refactor" and _touches(diagnostic, fix, uri, version, params.range):
                found.append((diagnostic, fix))
    actions, seen = [], set()
    for diagnostic, fix in found:
        key = (fix["title"], diagnostic.code, _key(diagnostic.range))
        kind = _KINDS.get(fix["kind"], types.CodeActionKind.QuickFix)
        if key in seen or not _wanted(kind, params.context.only):
            continue
        seen.add(key)
        actions.append(types.CodeAction(
            title=fix["title"], kind=kind, diagnostics=[diagnostic], is_preferred=fix["preferred"],
            edit=_workspace_edit(_documents(uri, version, fix), document_changes)))
    return actions


def _documents(uri: str, version: int, fix: dict[str, Any]) -> list[tuple[str, int, list[types.TextEdit]]]:
    """The fix's edits, per document: (URI, version, edits)."""
    if "documents" in fix:
        return [(d["uri"], d["version"], text_edits(d)) for d in fix["documents"]]
    return [(uri, version, text_edits(fix))]


def _fixes(diagnostic: types.Diagnostic, version: int,
           current: Sequence[types.Diagnostic] | None) -> list[dict[str, Any]]:
    """The fixes of the same diagnostic in the current version's report when there is one (its
    fixes may be checked since it was published), else those the diagnostic carries."""
    for known in current or ():
        if known.code == diagnostic.code and _key(known.range) == _key(diagnostic.range):
            return _fixes(known, version, None)
    data = diagnostic.data
    if isinstance(data, dict) and data.get("version") == version:
        return data.get("fixes", [])
    return []


def _touches(diagnostic: types.Diagnostic, fix: dict[str, Any], uri: str, version: int,
             requested: types.Range) -> bool:
    edits = [e for document, _, edits in _documents(uri, version, fix) if document == uri for e in edits]
    ranges = [diagnostic.range, *(edit.range for edit in edits)]
    return any(_overlap(r, requested) for r in ranges)


def _overlap(a: types.Range, b: types.Range) -> bool:
    return _key(a)[:2] <= _key(b)[2:] and _key(b)[:2] <= _key(a)[2:]


def _key(r: types.Range) -> tuple[int, int, int, int]:
    return r.start.line, r.start.character, r.end.line, r.end.character


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether `kind` is among the kinds the client asked for (a prefix match: "refactor" asks for
    "refactor.rewrite" too)."""
    return not only or any(kind == o or kind.startswith(f"{o}.") for o in only)


def _workspace_edit(documents: list[tuple[str, int, list[types.TextEdit]]], document_changes: bool) -> types.WorkspaceEdit:
    if document_changes:  # versioned: the client refuses the edit if a document moved on
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits)
            for uri, version, edits in documents])
    return types.WorkspaceEdit(changes={uri: edits for uri, _, edits in documents})
