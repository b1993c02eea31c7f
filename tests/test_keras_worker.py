"""The language server's Keras oracle: questions answered by a worker process, never in the server."""
import threading

import pytest

from shapelens.keras_worker import BackgroundOracle, _decode, _encode

EINSUM = ("EinsumDense", ("ab,bc->ac",), {"output_shape": 4}, (None, 8))
WAIT = 120.0  # seconds: the worker imports TensorFlow


class Asker:
    def __init__(self) -> None:
        self.logs: list[str] = []
        self.answered = threading.Event()
        self.oracle = BackgroundOracle(self.answered.set, self.logs.append)

    def ask(self, question: tuple = EINSUM):
        return self.oracle.output_shape(*question)


@pytest.fixture
def asker():
    asker = Asker()
    yield asker
    asker.oracle.close()


def test_a_question_is_unknown_at_once_then_answered_by_the_worker(asker, tmp_path, monkeypatch):
    # A keras.py in the folder the server runs in is never imported by the worker (it would run).
    marker = tmp_path / "imported"
    (tmp_path / "keras.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    monkeypatch.chdir(tmp_path)
    assert asker.ask() is None and asker.oracle.misses == 1
    assert asker.ask() is None  # asked once, not twice
    assert asker.answered.wait(WAIT), asker.logs
    assert asker.ask() == (None, 4) and asker.oracle.answers == 1
    assert not asker.oracle.ready  # Keras was not imported here
    assert not marker.exists() and asker.logs == []


def test_a_name_keras_has_no_layer_for_is_an_unknown_answer(asker):
    question = ("NotALayer", (), {}, (None, 8))
    assert asker.ask(question) is None
    assert asker.answered.wait(WAIT), asker.logs
    assert asker.ask(question) is None and asker.oracle.answers == 1 and asker.oracle.misses == 1


def test_without_keras_in_the_worker_the_layer_stays_unknown(asker, tmp_path, monkeypatch):
    (tmp_path / "keras.py").write_text("raise ImportError('broken install')\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    assert asker.ask() is None
    for _ in range(600):
        if asker.logs:
            break
        threading.Event().wait(0.1)
    assert asker.logs == ["Keras could not be imported: layers without a built-in rule stay unknown."]
    assert asker.ask() is None and not asker.answered.is_set()


@pytest.mark.parametrize("value", [
    ("Dense", (3,), {"units": [1, (2, 3)], "name": "x"}, (None, 4)),
    ((), [], {}, None), (1.5, True, None, "s"),
])
def test_questions_keep_tuples_and_lists_through_json(value):
    import json
    assert _decode(json.loads(json.dumps(_encode(value)))) == value
    assert type(_decode(json.loads(json.dumps(_encode(value))))) is type(value)
