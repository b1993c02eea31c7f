"""Out of time, the report says where the checks stopped (SL002) instead of falling silent there."""
from shapelens.engine import Severity, Span, analyse, keras2

# Line 3 runs far past any small budget: every check of the time is inside its one expression.
PROGRAM = ("import numpy as np\n"
           "model = None\n"
           "xs = [[[i * j * k for i in range(512)] for j in range(512)] for k in range(512)]  # slow\n"
           "y = np.zeros((2, 3))\n")


def stopped(report):
    return [d for d in report.diagnostics if d.code == "SL002"]


def test_the_statement_running_when_time_ran_out_is_reported():
    report = analyse(PROGRAM, budget=0.3)
    assert report.partial
    (diagnostic,) = stopped(report)
    line = PROGRAM.splitlines()[2]
    assert diagnostic.span == Span(2, 0, 2, len(line))
    assert diagnostic.severity is Severity.INFORMATION
    assert diagnostic.message == "analysis stopped after 0.3 s; nothing after this line was checked"
    assert not report.has_errors


def test_an_indented_statement_spans_from_its_column_to_the_end_of_its_line():
    text = "def f():\n    return [[[i * j * k for i in range(512)] for j in range(512)] for k in range(512)]\nf()\n"
    (diagnostic,) = stopped(analyse(text, budget=0.2))
    assert diagnostic.span == Span(1, 4, 1, len(text.splitlines()[1]))


def test_out_of_time_before_the_first_statement_is_reported_on_line_1():
    (diagnostic,) = stopped(analyse(PROGRAM, budget=0.0))
    assert diagnostic.span == Span(0, 0, 0, len("import numpy as np"))
    assert diagnostic.message == "analysis stopped after 0.0 s; nothing after this line was checked"


def test_a_complete_analysis_has_no_sl002():
    report = analyse("import numpy as np\ny = np.zeros((2, 3))\n", budget=5.0)
    assert not report.partial and stopped(report) == []


def test_keras_2_translation_keeps_it_as_it_is():
    (diagnostic,) = stopped(analyse(PROGRAM, budget=0.3))
    message, span = diagnostic.message, diagnostic.span
    (translated,) = keras2.translate([diagnostic])
    assert (translated.code, translated.message, translated.span) == ("SL002", message, span)

