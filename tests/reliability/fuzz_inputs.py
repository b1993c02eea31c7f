"""Inputs for the never-crash and never-hang tests: the corpus programs, mutations of them, random
Python built from Keras-flavoured pieces, and hand-made pathological files."""
from __future__ import annotations

import random
import re
from pathlib import Path

CORPUS = sorted((Path(__file__).parent.parent / "corpus" / "programs").rglob("*.py"))
TEXTS = {path: path.read_text() for path in CORPUS}

_NUMBER = re.compile(r"(?<![\w.])\d+(?![\w.])")
# What a number in a program can become.
ODD_VALUES = ("0", "-1", "10**9", "10**100", "2**63", "None", "'x'", "''", "0.5", "-0.0", "True", "()", "(None,)",
              "[]", "{}", "(10**9,)*100", "float('nan')", "...", "UNKNOWN_NAME", "lambda: 0")
# Bytes and characters editors and operating systems put into files.
ODD_TEXT = ("\r\n", "\r", "\t", "\x0c", "\ufeff", "\x00", "\udcff", "\ufffd", "\u2028", "\u00a0", "é", "😀",
            "\\", "'", '"', '"""', "#", "(", ")", "[", "]", ":", ",", "*", "**", "@", "\n    ", "\n\t")


def mutate(text: str, rng: random.Random) -> str:
    """One to four edits: delete, duplicate or swap lines, change a number, insert odd text,
    truncate, or decode the text's bytes as something else."""
    for _ in range(rng.randint(1, 4)):
        lines = text.split("\n")
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        edit = rng.randrange(8)
        if edit == 0:
            del lines[i]
        elif edit == 1:
            lines.insert(i, lines[j])
        elif edit == 2:
            lines[i], lines[j] = lines[j], lines[i]
        elif edit == 3:
            numbers = list(_NUMBER.finditer(lines[i])) or list(_NUMBER.finditer(text))[:1]
            if numbers and numbers[0].string is lines[i]:
                m = rng.choice(numbers)
                lines[i] = lines[i][:m.start()] + rng.choice(ODD_VALUES) + lines[i][m.end():]
        elif edit == 4:
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] + rng.choice(ODD_TEXT) + lines[i][at:]
        elif edit == 5:
            return "\n".join(lines)[:rng.randrange(len(text) + 1)]
        elif edit == 6:
            data = text.encode("utf-8", "surrogatepass")
            at = rng.randrange(len(data) + 1)
            data = data[:at] + bytes([rng.randrange(128, 256)]) + data[at:]  # not UTF-8 any more
            lines = data.decode("utf-8", errors=rng.choice(["replace", "surrogateescape"])).split("\n")
        else:
            lines = rng.choice([text.replace("\n", "\r\n"), text.replace("\n", "\r"), text.expandtabs(),
                                text.replace("    ", "\t"), re.sub(r"(?m)^", "\x0c", text)]).split("\n")
        text = "\n".join(lines)
    return text


# ---- random Python from Keras-flavoured pieces --------------------------------------------------

IMPORTS = ["import tensorflow as tf", "import numpy as np", "import keras", "from tensorflow import keras",
           "from keras import layers", "from tensorflow.keras.layers import *", "import helpers",
           "from . import sibling", "from helpers import build"]
NAMES = ["x", "y", "model", "layer", "inputs", "outputs", "f", "build", "data", "shape", "n", "self"]
CALLEES = ["tf.zeros", "np.zeros", "np.ones", "tf.reshape", "tf.concat", "tf.matmul", "keras.Input", "keras.Sequential",
           "keras.Model", "layers.Dense", "layers.Conv2D", "layers.Conv1D", "layers.LSTM", "layers.Reshape",
           "layers.Flatten", "layers.MaxPooling2D", "layers.Concatenate", "layers.Add", "layers.Embedding",
           "tf.keras.layers.Dense", "keras.utils.to_categorical", "np.expand_dims", "range", "len", "tuple",
           "list", "max", "print", "super", "f", "build", "model", "layer", "model.predict", "model.fit",
           "model.compile", "model.add", "x.reshape", "tf.data.Dataset.from_tensor_slices", "keras.ops.matmul"]
KEYWORDS = ["shape", "input_shape", "units", "activation", "axis", "padding", "strides", "return_sequences",
            "loss", "epochs", "batch_size", "verbose", "target_shape", "name", "dtype"]


class RandomPython:
    """Syntactically plausible (not always valid) programs: statements of random depth."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def expr(self, depth: int = 0) -> str:
        rng = self.rng
        roll = rng.random() if depth < 4 else rng.random() * 0.45
        if roll < 0.15:
            return str(rng.choice([0, 1, 2, 3, 8, 28, 32, -1, 10**9]))
        if roll < 0.25:
            return rng.choice(NAMES + ["None", "True", "'relu'", "'same'", "'mse'", "(10**9,)*100"])
        if roll < 0.35:
            return rng.choice(ODD_VALUES)
        if roll < 0.45:
            items = ", ".join(self.expr(depth + 1) for _ in range(rng.randint(0, 4)))
            return rng.choice(["(%s,)", "[%s]", "(%s)"]) % items
        if roll < 0.8:
            args = [self.expr(depth + 1) for _ in range(rng.randint(0, 3))]
            args += [f"{rng.choice(KEYWORDS)}={self.expr(depth + 1)}" for _ in range(rng.randint(0, 2))]
            if rng.random() < 0.1:
                args.append("*" + self.expr(depth + 1))
            return f"{rng.choice(CALLEES)}({', '.join(args)})"
        if roll < 0.88:
            return f"{self.expr(depth + 1)} {rng.choice(['+', '-', '*', '//', '@', '**', '%'])} {self.expr(depth + 1)}"
        if roll < 0.93:
            return f"{self.expr(depth + 1)}[{rng.choice([':', '0', '-1', '..., None', '1:', ':, 0'])}]"
        if roll < 0.97:
            return f"[{self.expr(depth + 1)} for _ in range({rng.choice([3, 512, 10**6])})]"
        return f"(lambda a={self.expr(depth + 1)}: {self.expr(depth + 1)})"

    def block(self, depth: int, indent: str) -> list[str]:
        return [line for _ in range(self.rng.randint(1, 3)) for line in self.stmt(depth + 1, indent + "    ")]

    def stmt(self, depth: int = 0, indent: str = "") -> list[str]:
        rng = self.rng
        roll = rng.random() if depth < 3 else rng.random() * 0.5
        if roll < 0.35:
            return [f"{indent}{rng.choice(NAMES)} = {self.expr()}"]
        if roll < 0.5:
            return [f"{indent}{self.expr()}"]
        if roll < 0.6:
            return [f"{indent}{rng.choice(NAMES)}.{rng.choice(['add', 'fit', 'predict', 'compile'])}({self.expr()})"]
        if roll < 0.68:
            return [f"{indent}for {rng.choice(NAMES)} in {self.expr()}:"] + self.block(depth, indent)
        if roll < 0.74:
            return ([f"{indent}if {self.expr()}:"] + self.block(depth, indent)
                    + [f"{indent}else:"] + self.block(depth, indent))
        if roll < 0.82:
            name = rng.choice(["f", "build"])
            head = f"{indent}def {name}(a, b={self.expr()}, *args, **kwargs):"
            return [head] + self.block(depth, indent) + [f"{indent}    return {name}({self.expr()})"]
        if roll < 0.88:
            return [f"{indent}class Custom(layers.Layer):", f"{indent}    def call(self, inputs):"] + \
                self.block(depth + 1, indent + "    ") + [f"{indent}        return self(inputs)"]
        if roll < 0.92:
            return [f"{indent}while {self.expr()}:"] + self.block(depth, indent)
        if roll < 0.96:
            return [f"{indent}try:"] + self.block(depth, indent) + [f"{indent}except Exception:", f"{indent}    pass"]
        return [f"{indent}with {self.expr()} as {rng.choice(NAMES)}:"] + self.block(depth, indent)

    def program(self) -> str:
        head = self.rng.sample(IMPORTS, self.rng.randint(0, 4))
        body = [line for _ in range(self.rng.randint(1, 12)) for line in self.stmt()]
        return "\n".join(head + body) + "\n"


# ---- pathological files: name → text -------------------------------------------------------------

def nested(opening: str, closing: str, depth: int, inner: str = "1") -> str:
    return opening * depth + inner + closing * depth


def indented(head: str, depth: int, body: str = "pass") -> str:
    return "".join("    " * i + head.format(i=i) + "\n" for i in range(depth)) + "    " * depth + body + "\n"


KERAS = "import numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\n"
MODEL = ("model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(4), keras.layers.Dense(2)])\n"
         "model.predict(np.zeros((3, 9)))\n")

ODD_FILES = {
    "empty": "",
    "only a comment": "# nothing\n",
    "parentheses 90 deep": f"x = {nested('(', ')', 90)}\n",
    "parentheses 1000 deep": f"x = {nested('(', ')', 1000)}\n",
    "lists 190 deep": f"x = {nested('[', ']', 190)}\n",
    "calls 150 deep": KERAS + f"x = {nested('tf.nn.relu(', ')', 150, 'tf.zeros((2, 3))')}\n",
    "layers 150 deep": KERAS + f"x = {nested('keras.layers.Dense(4)(', ')', 150, 'keras.Input((4,))')}\n",
    "binary operators 50k": "x = " + "1 + " * 50_000 + "1\n",
    "attribute chain 20k": "import tensorflow as tf\nx = tf" + ".nn" * 20_000 + "\n",
    "if blocks 99 deep": indented("if x{i}:", 99),
    "defs 99 deep": indented("def f{i}(a=1):", 99, "return a"),
    "classes 99 deep": indented("class C{i}(keras.layers.Layer):", 99),
    "lambdas 150 deep": "f = " + "lambda: " * 150 + "1\nf()\n",
    "huge input_shape": KERAS + "m = keras.Sequential([keras.layers.Dense(4, input_shape=(10**9,)*100)])\n"
                                "m.predict(np.zeros((2,) + (10**9,)*100))\n",
    "huge tensors": KERAS + "x = np.zeros((10**9,) * 100)\ny = x.reshape(-1)\nz = tf.matmul(x, x)\nw = x[0] + x\n"
                            "v = tf.concat([x, x], axis=99)\nu = np.expand_dims(x, 100)\n",
    "huge numbers": "x = 10**10**10\ny = 2**10000 * 2**10000\nz = 'a' * 10**9\nr = range(10**18)\nn = len(r)\n"
                    "t = (1,) * 10**9\nl = [0] * 10**8\nf = 1e308 * 10\nq = -(10**400) // 3\n",
    "huge layer arguments": KERAS + "m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(10**100), "
                                    "keras.layers.Reshape((10**50, -1)), keras.layers.Conv1D(2, 10**30)])\n",
    "self-recursive function": KERAS + "def f(x):\n    return f(keras.layers.Dense(2)(x))\ny = f(keras.Input((3,)))\n",
    "mutually recursive functions": "def f(n):\n    return g(n) + g(n)\ndef g(n):\n    return f(n) * f(n)\nf(1)\n",
    "recursive lambda": "f = lambda n: f(n) + f(n) + f(n) + f(n)\nf(1)\n",
    "custom layer calling itself": KERAS + "class Loop(keras.layers.Layer):\n    def call(self, x):\n"
                                           "        return self(self(x))\n"
                                           "m = keras.Sequential([keras.Input((4,)), Loop()])\n"
                                           "m.predict(np.zeros((2, 4)))\n",
    "model calling itself": KERAS + "class M(keras.Model):\n    def call(self, x):\n        return self(x)\n"
                                    "M()(np.zeros((2, 3)))\n",
    "exponential call tree": "def f(n):\n    return f(n - 1) + f(n - 1) + f(n - 1)\nf(30)\n",
    "nested loops unrolled": KERAS + indented("for i{i} in range(512):", 4, "x = tf.reshape(tf.zeros((2, 3)), (3, 2))"),
    "giant comprehension": "x = [[[[i * j * k * l for i in range(512)] for j in range(512)] for k in range(512)]"
                           " for l in range(512)]\n",
    "comprehension of models": KERAS + "ms = [keras.Sequential([keras.Input((8,))] + [keras.layers.Dense(4)] * 500)"
                                       " for _ in range(500)]\n",
    "one sequential of 10000 layers": KERAS + "m = keras.Sequential([keras.Input((8,))] + "
                                              "[keras.layers.Dense(8)] * 9999)\n"
                                              "m.predict(np.zeros((2, 8)))\nm.summary()\n",
    "while true": "while True:\n    x = 1\n",
    "100k lines, the error on the last": KERAS + "# a comment\n\n" * 50_000 + MODEL,
    "non-UTF-8 bytes replaced": (KERAS + MODEL).replace("Dense", "Dense\ufffd\ufffd", 1),
    "non-UTF-8 bytes as surrogates": (KERAS + MODEL).replace("# ", "# \udcff") + "s = '\udcfe'\n",
    "latin-1 text": (KERAS + "# caf\u00e9\n" + MODEL).encode("utf-8").decode("latin-1"),
    "CRLF": (KERAS + MODEL).replace("\n", "\r\n"),
    "CR only": (KERAS + MODEL).replace("\n", "\r"),
    "mixed line ends": KERAS.replace("\n", "\r\n") + MODEL.replace("\n", "\r"),
    "tabs": KERAS + "def f():\n\tm = keras.Sequential([keras.Input((8,)),\n\t\tkeras.layers.Dense(4)])\n"
                    "\treturn m\nf().predict(np.zeros((3, 9)))\n",
    "tabs and spaces mixed": "if True:\n\tx = 1\n        y = 2\n",
    "form feeds": "\x0c" + (KERAS + MODEL).replace("\n", "\n\x0c"),
    "byte order mark": "\ufeff" + KERAS + MODEL,
    "null byte": KERAS + "x = 1\x00\n" + MODEL,
    "U+2028 and U+0085 in strings and comments": KERAS + "s = 'a\u2028b\u0085c'  # \u2028\n" + MODEL,
    "unicode identifiers": KERAS + "模型 = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4)])\n"
                                   "模型.predict(np.zeros((3, 9)))\n",
}

# The files above that run until the budget stops them.
ENDLESS = ("recursive lambda", "exponential call tree", "giant comprehension")

# Files that take seconds to parse (tens of seconds on a loaded machine): the long run only.
HEAVY_FILES = {
    "100k lines of assignments": "import tensorflow as tf\n" + "".join(f"x{i} = tf.zeros(({i % 7 + 1}, 3))\n"
                                                                      for i in range(100_000)),
    "100k lines, 50k shape errors": KERAS + MODEL * 50_000,
    "one 2 MB line": "x = [" + "1, " * 700_000 + "]\n",
}
