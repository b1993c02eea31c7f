"""Suppression comments: `# shapelens: ignore[...]` on a line, `# shapelens: ignore-file[...]` in a file,
SL901 for one that silences nothing, and the "Ignore ... on this line" fix."""
import functools
import textwrap

from shapelens.engine import ModuleLoader, Severity, analyse
from shapelens.engine.fixall import fix_all
from shapelens.engine.fixes import apply_edits
from shapelens.engine.suppressions import SUPPRESS

MODEL = """
import numpy as np
import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
model.compile(loss="mse")
"""
FIT = "model.predict(np.ones((3, 6)))"  # SL101: 6 features for a model of 4


def program(*lines):
    return textwrap.dedent(MODEL).lstrip("\n") + "\n".join(lines) + "\n"


def codes(source):
    return [d.code for d in analyse(source).diagnostics]


def only(source, code):
    (diagnostic,) = [d for d in analyse(source).diagnostics if d.code == code]
    return diagnostic


def test_the_program_has_the_error_without_a_suppression():
    assert codes(program(FIT)) == ["SL101"]


def test_a_code_at_the_end_of_the_line_silences_it():
    assert codes(program(f"{FIT}  # shapelens: ignore[SL101]")) == []


def test_a_bare_ignore_silences_every_code_on_the_line():
    assert codes(program(f"{FIT}  # shapelens: ignore")) == []


def test_a_list_and_a_prefix():
    assert codes(program(f"{FIT}  # shapelens: ignore[SL202, SL101]")) == ["SL901"]  # for SL202
    assert codes(program(f"{FIT}  # shapelens: ignore[SL1]")) == []


def test_spacing_and_case_variants_of_the_directive():
    assert codes(program(f"{FIT}  #shapelens:ignore[SL101]")) == []
    assert codes(program(f"{FIT}  # ShapeLens : IGNORE [ SL101 ,SL2 ]")) == ["SL901"]  # SL2 is unused
    assert codes(program(f"{FIT}  # note  # shapelens: ignore[SL101]")) == []


def test_codes_are_upper_case_a_lower_case_one_silences_nothing():
    diagnostics = analyse(program(f"{FIT}  # shapelens: ignore[sl101]")).diagnostics
    assert [(d.code, d.message) for d in diagnostics if d.code == "SL901"] == [
        ("SL901", "Unused suppression: sl101 silences nothing on this line")]
    assert "SL101" in [d.code for d in diagnostics]


def test_a_list_left_open_silences_nothing():
    assert codes(program(f"{FIT}  # shapelens: ignore[SL202")) == ["SL101"]


def test_another_code_does_not_silence_it():
    assert codes(program(f"{FIT}  # shapelens: ignore[SL102]")) == ["SL101", "SL901"]


def test_the_first_line_of_a_multi_line_statement():
    source = program("model.predict(  # shapelens: ignore[SL101]", "    np.ones((3, 6)),", ")")
    assert codes(source) == []
    assert codes(source.replace("  # shapelens: ignore[SL101]", "")) == ["SL101"]  # it starts on the next line


def test_a_comment_on_another_line_of_the_statement_does_not_count():
    assert codes(program("model.predict(", "    np.ones((3, 6)),", ")  # shapelens: ignore[SL101]")) == [
        "SL101", "SL901"]


def test_file_level():
    assert codes(program("# shapelens: ignore-file", FIT)) == []
    assert codes(program("# shapelens: ignore-file[SL1]", FIT)) == []
    assert codes(program("# shapelens: ignore-file[SL2]", FIT)) == ["SL901", "SL101"]


def test_file_level_only_on_a_line_of_its_own():
    assert codes(program(f"{FIT}  # shapelens: ignore-file")) == ["SL101"]


def test_text_inside_a_string_is_not_a_suppression():
    assert codes(program(f'{FIT}; note = "# shapelens: ignore[SL101]"')) == ["SL101"]
    assert codes(program('"""', "# shapelens: ignore-file", '"""', FIT)) == ["SL101"]
    # Between the parts of a string written on two lines, a comment is a comment.
    assert codes(program('model.predict(np.ones((3, 6)), verbose=("a"  # shapelens: ignore[SL101]', '"b"))')) == []


def test_an_unused_suppression_is_a_warning_with_a_fix_that_removes_it():
    source = program("x = 1  # shapelens: ignore[SL101]", FIT)
    unused = only(source, "SL901")
    assert unused.severity is Severity.WARNING
    assert unused.message == "Unused suppression: SL101 silences nothing on this line"
    (fix,) = unused.fixes
    assert fix.title == "Remove the unused suppression" and fix.kind == SUPPRESS and not fix.preferred
    assert apply_edits(source, fix.edits) == program("x = 1", FIT)


def test_an_unused_bare_or_file_level_suppression_is_removed_with_its_line():
    assert only(program("x = 1  # shapelens: ignore"), "SL901").message == (
        "Unused suppression: nothing to silence on this line")
    source = program("# shapelens: ignore-file[SL3]", "x = 1")
    unused = only(source, "SL901")
    assert unused.message == "Unused suppression: SL3 silences nothing in this file"
    assert apply_edits(source, unused.fixes[0].edits) == program("x = 1")


def test_removing_a_suppression_keeps_the_comment_after_it():
    source = program("x = 1  # shapelens: ignore[SL101]  # why")
    assert apply_edits(source, only(source, "SL901").fixes[0].edits) == program("x = 1  # why")


def test_only_the_unused_codes_of_a_list_are_removed():
    source = program(f"{FIT}  # shapelens: ignore[SL202, SL101, SL3]")
    unused = only(source, "SL901")
    assert unused.message == "Unused suppression: SL202, SL3 silence nothing on this line"
    (fix,) = unused.fixes
    assert fix.title == "Remove SL202, SL3 from the suppression"
    fixed = apply_edits(source, fix.edits)
    assert fixed == program(f"{FIT}  # shapelens: ignore[SL101]") and codes(fixed) == []


def test_a_file_level_suppression_silences_unused_line_suppressions_too():
    assert codes(program("# shapelens: ignore-file", "x = 1  # shapelens: ignore[SL101]", FIT)) == []


def test_every_diagnostic_gets_an_ignore_fix_last_and_not_preferred():
    source = program(FIT)
    error = only(source, "SL101")
    assert len(error.fixes) >= 2  # the engine's own fixes come first
    ignore = error.fixes[-1]
    assert ignore.title == "Ignore SL101 on this line" and ignore.kind == SUPPRESS and not ignore.preferred
    assert all(f.kind != SUPPRESS for f in error.fixes[:-1])
    fixed = apply_edits(source, ignore.edits)
    assert fixed == program(f"{FIT}  # shapelens: ignore[SL101]")
    assert codes(fixed) == []


def test_the_ignore_fix_adds_to_a_list_already_on_the_line():
    source = program(f"{FIT}  # shapelens: ignore[SL202]")
    fixed = apply_edits(source, only(source, "SL101").fixes[-1].edits)
    assert fixed == program(f"{FIT}  # shapelens: ignore[SL202, SL101]")
    assert codes(fixed) == ["SL901"]  # SL202 still silences nothing


def test_the_ignore_fix_goes_after_a_comment_and_not_inside_a_string():
    source = program(f"{FIT}  # why")
    assert apply_edits(source, only(source, "SL101").fixes[-1].edits) == program(
        f"{FIT}  # why  # shapelens: ignore[SL101]")
    # The error's line ends inside a string: the comment goes on the statement's first line.
    source = program("model.predict(", '    np.ones((3, 6)), verbose="""', '""")')
    ignore = only(source, "SL101").fixes[-1]
    fixed = apply_edits(source, ignore.edits)
    assert fixed == program("model.predict(  # shapelens: ignore[SL101]", '    np.ones((3, 6)), verbose="""', '""")')
    assert codes(fixed) == []


def test_fix_all_never_applies_an_ignore_fix():
    source = textwrap.dedent("""
        import tensorflow as tf

        a = tf.zeros((2, 3))
        b = tf.reshape(a, (5, 7))
    """).lstrip("\n")
    (error,) = analyse(source).diagnostics
    assert [f.title for f in error.fixes] == ["Ignore SL110 on this line"]
    done = fix_all(source, analyse, lambda text, fix: apply_edits(text, fix.edits))
    assert done.applied == [] and done.text == source
    done = fix_all(program(FIT), analyse, lambda text, fix: apply_edits(text, fix.edits))
    assert done.applied and all(f.kind != SUPPRESS for f in done.applied) and "shapelens" not in done.text


def test_a_diagnostic_shown_at_the_call_of_another_files_function_is_silenced_there(tmp_path):
    (tmp_path / "linalg_steps.py").write_text(textwrap.dedent("""
        import tensorflow as tf

        def combine(a, b):
            return tf.matmul(a, b)
    """))
    main = tmp_path / "main.py"
    source = textwrap.dedent("""
        import tensorflow as tf
        from linalg_steps import combine

        c = combine(tf.zeros((2, 3)), tf.zeros((4, 5)))
    """).lstrip("\n")
    main.write_text(source)  # modules are found beside a file on disk
    check = functools.partial(analyse, path=str(main), loader=ModuleLoader(str(tmp_path)))
    (error,) = check(source).diagnostics
    assert error.code == "SL110" and error.span.line == 3
    fixed = apply_edits(source, error.fixes[-1].edits)
    assert fixed.splitlines()[3].endswith("  # shapelens: ignore[SL110]")
    assert check(fixed).diagnostics == []


def test_a_partial_analysis_reports_no_unused_suppression():
    source = program("x = 1  # shapelens: ignore[SL101]", FIT)
    report = analyse(source, budget=0.0)
    assert report.partial and "SL901" not in [d.code for d in report.diagnostics]


def test_hints_get_no_ignore_fix_so_the_errors_fix_beside_them_stays_under_the_cursor():
    source = "import keras\nmodel = keras.Sequential([keras.layers.Dense(4, input_shape=(3,))])\n"
    [hint] = analyse(source).diagnostics
    assert hint.severity is Severity.HINT and hint.code == "SL301"
    assert [f.kind for f in hint.fixes] == ["refactor"]
