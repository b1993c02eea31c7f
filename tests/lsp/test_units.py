"""The adapter's plain modules, without a session: options, positions, fixes, Markdown."""
from lsprotocol import types

from shapelens.engine import Diagnostic, Fix, Related, Report, Span, TextEdit
from shapelens.lsp import actions, convert
from shapelens.lsp.hover import hover
from shapelens.lsp.settings import Settings


def test_settings_accept_flat_keys_a_section_and_vscode_style_toggles():
    assert Settings().updated(None) == Settings(analyze_on_type=True, inlay_hints=True)
    assert Settings().updated({"analyzeOnType": False}) == Settings(analyze_on_type=False)
    assert Settings().updated({"shapelens": {"inlayHints": False}}) == Settings(inlay_hints=False)
    assert Settings().updated({"inlayHints": {"enable": False}}) == Settings(inlay_hints=False)
    assert Settings(inlay_hints=False).updated({"shapelens": {"inlayHints": {"enable": True}}}) == Settings()
    assert Settings().updated({"analyzeOnType": "no", "inlayHints": {"enable": 0}, "other": 1}) == Settings()
    assert Settings(analyze_on_type=False).updated({}) == Settings(analyze_on_type=False)
    assert Settings().updated({"shapelens": {"readDataFiles": False}}) == Settings(read_data_files=False)
    assert Settings(read_data_files=False).updated({"readDataFiles": "yes"}) == Settings(read_data_files=False)
    assert Settings().updated({"diagnosticMode": "workspace"}) == Settings(diagnostic_mode="workspace")
    workspace = Settings(diagnostic_mode="workspace")
    assert workspace.updated({"diagnosticMode": "all"}) == workspace


def test_columns_convert_in_every_encoding_and_lines_split_as_python_does():
    text = "a = '😀é'; b\n\x0cc = 1\rd\r\ne"
    for encoding, column in (("utf-16", 11), ("utf-8", 14), ("utf-32", 10)):
        lines = convert.Lines(text, encoding)
        assert lines.position(0, 10) == types.Position(0, column)
        assert lines.engine_position(types.Position(0, column)) == (0, 10)
    lines = convert.Lines(text)
    assert lines.position(1, 1) == types.Position(1, 1)  # a form feed does not end a line
    assert lines.lines[2:] == ["d", "e"]  # \r and \r\n end lines
    assert lines.position(9, 0) == types.Position(3, 1)  # past the end: the end
    assert lines.engine_position(types.Position(0, 6)) == (0, 6)  # inside the emoji: the next character
    assert lines.engine_position(types.Position(0, 99)) == (0, 11)
    assert lines.line_end(0) == types.Position(0, 12)


REPORT = Report("t.py", diagnostics=[
    Diagnostic(Span(2, 4, 2, 10), "SL999", "a problem", related=[Related(Span(0, 0, 0, 3), "from here")],
               fixes=[Fix("Repair", (TextEdit(Span(2, 4, 2, 10), "ok"),), preferred=True),
                      Fix("Rewrite", (TextEdit(Span(5, 0, 5, 3), "new"),), kind="refactor")]),
])


def request(start_line: int, end_line: int, diagnostics=(), only=None) -> types.CodeActionParams:
    return types.CodeActionParams(
        types.TextDocumentIdentifier("file:///t.py"),
        types.Range(types.Position(start_line, 0), types.Position(end_line, 0)),
        types.CodeActionContext(diagnostics=list(diagnostics), only=only))


def test_code_actions_for_context_diagnostics_and_refactors_in_range():
    lines = convert.Lines("x\n" * 8)
    (published,) = convert.diagnostics(REPORT, lines, "file:///t.py", 3)
    assert published.data["version"] == 3

    found = actions.code_actions("file:///t.py", 3, request(2, 2, [published]), [published], False)
    assert [(a.title, a.kind, a.is_preferred) for a in found] == [
        ("Repair", types.CodeActionKind.QuickFix, True), ("Rewrite", types.CodeActionKind.Refactor, False)]
    assert found[0].edit.changes["file:///t.py"][0].new_text == "ok"

    # No diagnostic in the context: the refactor is offered where its edit is.
    assert [a.title for a in actions.code_actions("file:///t.py", 3, request(5, 5), [published], True)] == ["Rewrite"]
    assert actions.code_actions("file:///t.py", 3, request(7, 7), [published], True) == []
    only_fixes = actions.code_actions("file:///t.py", 3, request(2, 2, [published], ["quickfix"]), [published], True)
    assert [a.title for a in only_fixes] == ["Repair"]
    assert only_fixes[0].edit.document_changes[0].text_document.version == 3

    # Fixes stamped with an older version are not offered when the current report is unknown.
    assert actions.code_actions("file:///t.py", 4, request(2, 2, [published]), None, False) == []


def test_hover_prefers_the_innermost_span_and_escapes_markdown():
    report = Report("t.py", diagnostics=[
        Diagnostic(Span(0, 4, 0, 8), "SL106", "Inputs have shapes (2, 3) and [x*y]", actual="(2, 3) — `f(x) | y`"),
    ])
    report.values = []
    span, text = hover(report, 0, 5)
    assert span == Span(0, 4, 0, 8)
    assert text == "**SL106**\n\nInputs have shapes `(2, 3)` and \\[x\\*y\\]"


def test_configuration_is_read_again_when_a_file_appears_changes_or_goes_above(tmp_path):
    from shapelens.lsp.configuration import Configuration
    warnings = []
    configuration = Configuration(warnings.append)
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    assert configuration.of(str(folder)).ignore == () and not configuration.refresh()
    (tmp_path / "shapelens.toml").write_text('ignore = ["SL1"]\n')  # appears two folders up
    assert configuration.refresh() and configuration.of(str(folder)).ignore == ("SL1",)
    assert not configuration.refresh()
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.shapelens]\nhints = 3\n")  # nearer, and wrong
    assert configuration.refresh() and configuration.of(str(folder)).hints is None
    assert len(warnings) == 1 and "`hints` must be true or false, not 3" in warnings[0]
    configuration.of(str(tmp_path / "a"))  # the same file, read once: no second warning
    assert len(warnings) == 1
    (tmp_path / "a" / "pyproject.toml").unlink()
    assert configuration.refresh() and configuration.of(str(folder)).ignore == ("SL1",)
    assert not configuration.changed([str(tmp_path / "a" / "setup.cfg")])
