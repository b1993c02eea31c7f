"""Random Keras programs written as source text: Sequential and functional models with random layer
stacks and arguments, fed data whose shape is usually the model's and sometimes not.

The generator tracks the shape it expects each layer to produce, so that most programs are
plausible and their errors realistic; it does not need to be right (Keras decides what happens).
Every choice comes from `rng`, so hypothesis can replay and shrink a program.
"""
from __future__ import annotations

import math
import random

SIZES = (1, 2, 3, 4, 6, 8, 16)
ODD_SIZES = (0, -1)  # arguments Keras rejects
# Where an unknown value comes from: a module that does not exist, so the engine cannot know it.
UNKNOWN_IMPORT = "from experiment_config import UNKNOWN_SIZE"
UNKNOWN_NAME = "UNKNOWN_SIZE"


class Writer:
    def __init__(self, rng: random.Random, unknown: bool = False):
        self.rng = rng
        self.unknown = unknown  # use UNKNOWN_SIZE for one size argument
        self.used_unknown = False

    # ---- random values -------------------------------------------------------------------------

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def size(self, usual: tuple = SIZES) -> str:
        if self.unknown and not self.used_unknown and self.chance(0.5):
            self.used_unknown = True
            return UNKNOWN_NAME
        return str(self.rng.choice(ODD_SIZES) if self.chance(0.03) else self.rng.choice(usual))

    @staticmethod
    def value(text: str) -> int | None:
        return int(text) if text.lstrip("-").isdigit() else None

    # ---- layers: (source, output shape without the batch axis, or None if not predicted) -----

    def layer(self, shape: tuple | None) -> tuple[str, tuple | None]:
        rank = len(shape) if shape is not None else self.rng.randint(1, 3)
        usual = {1: [self.dense, self.dropout, self.batch_norm, self.reshape],
                 2: [self.conv1d, self.pool1d, self.lstm, self.global_pool, self.flatten, self.dense,
                     self.dropout, self.batch_norm, self.reshape],
                 3: [self.conv2d, self.pool2d, self.global_pool, self.flatten, self.dense, self.batch_norm,
                     self.reshape]}.get(rank, [self.flatten, self.dense, self.reshape])
        everything = [self.dense, self.conv1d, self.conv2d, self.pool1d, self.pool2d, self.lstm,
                      self.global_pool, self.flatten, self.reshape, self.dropout, self.batch_norm]
        make = self.rng.choice(everything if self.chance(0.08) else usual)
        return make(shape)

    def dense(self, shape):
        units = self.size()
        activation = self.rng.choice(["", ', activation="relu"', ', activation="softmax"'])
        out = shape[:-1] + (self.value(units),) if shape else None
        return f"keras.layers.Dense({units}{activation})", out

    def dropout(self, shape):
        return f"keras.layers.Dropout({self.rng.choice([0.0, 0.25, 0.5])})", shape

    def batch_norm(self, shape):
        axis = -1 if self.chance(0.8) else self.rng.choice([1, 2, -2, 3])
        return (f"keras.layers.BatchNormalization(axis={axis})" if axis != -1
                else "keras.layers.BatchNormalization()"), shape

    def flatten(self, shape):
        known = shape is not None and all(isinstance(d, int) for d in shape)
        return "keras.layers.Flatten()", (math.prod(shape),) if known else None

    def reshape(self, shape):
        known = shape is not None and all(isinstance(d, int) and d > 0 for d in shape)
        total = math.prod(shape) if known else self.rng.choice(SIZES) * 4
        if self.chance(0.15):
            total += self.rng.choice([1, -1]) if total > 1 else 1  # a size that does not match
        target = self.factorise(total, self.rng.randint(1, 3))
        shown = list(target)
        if len(shown) > 1 and self.chance(0.3):
            shown[self.rng.randrange(len(shown))] = -1
        text = "(" + ", ".join(map(str, shown)) + ("," if len(shown) == 1 else "") + ")"
        return f"keras.layers.Reshape({text})", target

    def factorise(self, total: int, parts: int) -> tuple:
        dims = []
        for _ in range(parts - 1):
            divisors = [d for d in range(1, total + 1) if total % d == 0 and d <= 64]
            d = self.rng.choice(divisors)
            dims.append(d)
            total //= d
        return tuple(dims) + (total,)

    def conv1d(self, shape):
        filters, kernel = self.size(), self.rng.choice([1, 2, 3, 5]) if self.chance(0.9) else self.rng.choice([0, 40])
        strides, padding = self.rng.choice([1, 1, 2]), self.rng.choice(["valid", "same"])
        out = None
        if shape and len(shape) == 2 and isinstance(shape[0], int) and kernel > 0:
            steps = shape[0] - kernel + 1 if padding == "valid" else shape[0]
            out = (-(-steps // strides) if padding == "same" else (steps - 1) // strides + 1, self.value(filters))
        return (f"keras.layers.Conv1D({filters}, {kernel}, strides={strides}, padding=\"{padding}\")", out)

    def conv2d(self, shape):
        filters = self.size()
        kernel = self.rng.choice([1, 2, 3, (3, 1), (1, 3)]) if self.chance(0.9) else self.rng.choice([0, 40])
        strides, padding = self.rng.choice([1, 1, 2]), self.rng.choice(["valid", "same"])
        out = None
        k = kernel if isinstance(kernel, tuple) else (kernel, kernel)
        if shape and len(shape) == 3 and all(isinstance(d, int) for d in shape[:2]) and min(k) > 0:
            spatial = [d - kk + 1 if padding == "valid" else d for d, kk in zip(shape[:2], k)]
            spatial = [-(-s // strides) if padding == "same" else (s - 1) // strides + 1 for s in spatial]
            out = (*spatial, self.value(filters))
        return (f"keras.layers.Conv2D({filters}, {kernel}, strides={strides}, padding=\"{padding}\")", out)

    def pool1d(self, shape):
        mode, pool = self.rng.choice(["Max", "Average"]), self.rng.choice([1, 2, 3])
        padding = self.rng.choice(["valid", "same"])
        out = None
        if shape and len(shape) == 2 and isinstance(shape[0], int):
            steps = (shape[0] - pool) // pool + 1 if padding == "valid" else -(-shape[0] // pool)
            out = (steps, shape[1])
        return f"keras.layers.{mode}Pooling1D({pool}, padding=\"{padding}\")", out

    def pool2d(self, shape):
        mode, pool = self.rng.choice(["Max", "Average"]), self.rng.choice([1, 2, 3])
        padding = self.rng.choice(["valid", "same"])
        out = None
        if shape and len(shape) == 3 and all(isinstance(d, int) for d in shape[:2]):
            spatial = [(d - pool) // pool + 1 if padding == "valid" else -(-d // pool) for d in shape[:2]]
            out = (*spatial, shape[2])
        return f"keras.layers.{mode}Pooling2D({pool}, padding=\"{padding}\")", out

    def global_pool(self, shape):
        rank = len(shape) if shape else self.rng.choice([2, 3])
        rank = rank if rank in (2, 3) and self.chance(0.9) else self.rng.choice([2, 3])
        mode = self.rng.choice(["Max", "Average"])
        return f"keras.layers.Global{mode}Pooling{rank - 1}D()", (shape[-1],) if shape else None

    def lstm(self, shape):
        units, sequences = self.size(), self.chance(0.4)
        out = ((shape[0], self.value(units)) if sequences else (self.value(units),)) if shape else None
        return f"keras.layers.LSTM({units}{', return_sequences=True' if sequences else ''})", out

    def merge(self, shapes: list) -> tuple[str, tuple | None]:
        kind = self.rng.choice(["Concatenate", "Add"])
        if kind == "Add" or self.chance(0.7):
            return f"keras.layers.{kind}()", shapes[0]
        axis = self.rng.choice([1, 2, -2])
        return f"keras.layers.Concatenate(axis={axis})", None

    # ---- data ----------------------------------------------------------------------------------

    def input_shape(self) -> tuple:
        rank = self.rng.choice([1, 2, 2, 3, 3])
        return tuple(self.rng.choice([4, 6, 8, 12, 16]) for _ in range(rank))

    def data_shape(self, shape: tuple) -> tuple:
        """The data's shape (with the batch axis): the model's, or one mistake away from it."""
        data = list(shape)
        roll = self.rng.random()
        if roll < 0.15:
            data[self.rng.randrange(len(data))] = self.rng.choice([1, 3, 5, 7])
        elif roll < 0.22:
            data.append(1)
        elif roll < 0.29 and len(data) > 1:
            data.pop()
        batch = [] if self.chance(0.05) else [self.rng.choice([1, 2, 4])]
        return tuple(batch + data)

    @staticmethod
    def shape_text(shape: tuple) -> str:
        return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"

    def feed(self, lines: list[str], shape: tuple) -> None:
        lines.append(f"x = np.zeros({self.shape_text(self.data_shape(shape))}, dtype=\"float32\")")
        lines.append("y = model.predict(x, verbose=0)" if self.chance(0.2) else "y = model(x)")  # predict traces: slow

    # ---- programs ------------------------------------------------------------------------------

    def sequential(self) -> list[str]:
        shape = self.input_shape()
        lines = ["model = keras.Sequential(["]
        if self.chance(0.85):
            lines.append(f"    keras.Input(shape={self.shape_text(shape)}),")
        current: tuple | None = shape
        for _ in range(self.rng.randint(1, 5)):
            text, current = self.layer(current)
            lines.append(f"    {text},")
        lines.append("])")
        self.feed(lines, shape)
        return lines

    def functional(self) -> list[str]:
        shape = self.input_shape()
        lines = [f"inputs = keras.Input(shape={self.shape_text(shape)})"]
        tensors: list[tuple[str, tuple | None]] = [("inputs", shape)]
        for index in range(self.rng.randint(1, 6)):
            name = f"h{index}"
            if len(tensors) > 1 and self.chance(0.3):
                (a, sa), (b, sb) = self.rng.sample(tensors, 2)
                text, out = self.merge([sa, sb])
                lines.append(f"{name} = {text}([{a}, {b}])")
            else:
                source, current = tensors[-1] if self.chance(0.75) else self.rng.choice(tensors)
                text, out = self.layer(current)
                lines.append(f"{name} = {text}({source})")
            tensors.append((name, out))
        lines.append(f"model = keras.Model(inputs, {tensors[-1][0]})")
        self.feed(lines, shape)
        return lines


def random_program(rng: random.Random, unknown: bool = False) -> str:
    """A complete program; with `unknown`, one size may come from a module that does not exist."""
    writer = Writer(rng, unknown)
    body = writer.functional() if rng.random() < 0.45 else writer.sequential()
    header = ["import numpy as np", "import keras"] + ([UNKNOWN_IMPORT] if writer.used_unknown else [])
    return "\n".join(header + [""] + body) + "\n"
