"""Random programs that build a container (list, dict, set, deque, defaultdict, a list of layers),
change it in the ways Python allows — methods, item/slice/attribute assignment, del, augmented
assignment, aliases, functions, methods, global, nonlocal, loops and branches — and then use it
where shapes matter (np.zeros/array/stack/concatenate, reshape, keras.Input, Dense(units=...),
keras.Sequential(list)).

Each mutation is written with `$` standing for the container and then placed by a "carrier" (an
alias, a function called later, a method, a global, ...). The generator runs the program built so
far (plain Python and NumPy, no model is called) to learn the container's real value: it drops
a step that raises, and sizes the use so that about half the programs match it and half do not.
It does not decide the truth: the test runs the whole program.
"""
from __future__ import annotations

import collections
import math
import random
import re
from dataclasses import dataclass, field

import numpy as np

HEADER = ["import collections", "import os", "import numpy as np", "import keras", "from keras import layers", ""]
SMALL = (1, 2, 3, 4, 5, 6, 8)
# Branch conditions the engine cannot decide; each has one fixed value when run.
UNKNOWN_CONDITIONS = ("np.random.rand() < 2", "np.random.rand() > 2", 'os.environ.get("SHAPELENS_MUTATION_FLAG")')


@dataclass
class Op:
    kind: str
    lines: list[str]  # statements, `$` for the container


@dataclass
class Program:
    source: str
    container: str
    kinds: set[str] = field(default_factory=set)


def sub(lines: list[str], target: str, indent: int = 0) -> list[str]:
    return [" " * indent + line.replace("$", target) for line in lines]


def rebinds(lines: list[str]) -> bool:
    """Whether a statement assigns the container's name itself (`$ = ...`, `$ += ...`)."""
    return any(re.match(r"\$ \S*= ", line) for line in lines)


def shape_text(shape) -> str:
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


# ---- containers: how each starts, changes and is used ------------------------------------------

class Container:
    name = ""
    base = ""  # the module-level name that holds it (for `global`)

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.base = self.base or self.name

    def other(self, value: int, choices=SMALL) -> int:
        return self.rng.choice([c for c in choices if c != value])

    def mismatch(self, shape: tuple) -> tuple:
        """One mistake away from `shape`: a size changed, an axis added or dropped."""
        shape, roll = list(shape), self.rng.random()
        if roll < 0.15 or not shape:
            shape.append(1)
        elif roll < 0.3 and len(shape) > 1:
            shape.pop()
        else:
            i = self.rng.randrange(len(shape))
            shape[i] = self.other(shape[i])
        return tuple(shape)

    def model_call(self, model: str = "model", data: str = "x") -> str:
        return f"y = {model}.predict({data}, verbose=0)" if self.rng.random() < 0.15 else f"y = {model}({data})"

    def dense_model(self, shape: tuple) -> str:
        return f"model = keras.Sequential([keras.Input(shape={shape_text(shape)}), layers.Dense(2)])"

    def after_use_ok(self) -> bool:
        """Whether the use reads the container once, before the model is called (so changing it
        in between changes nothing)."""
        return True


def list_ops(rng: random.Random, value: list, item) -> list[Op]:
    """The mutations of a list, `item()` making the source of a new element."""
    n, i = len(value), rng.randrange(-len(value), len(value)) if value else 0
    j = rng.randint(0, n)
    ops = [Op("append", [f"$.append({item()})"]), Op("extend", [f"$.extend([{item()}, {item()}])"]),
           Op("insert", [f"$.insert({rng.randint(-n, n)}, {item()})"]), Op("+=", [f"$ += [{item()}]"]),
           Op("rebinding", [f"$ = $ + [{item()}]"]), Op("clear", ["$.clear()", f"$.extend([{item()}])"]),
           Op("slice assignment", [f"$[{min(i, j)}:{j}] = [{item()}]"]), Op("slice assignment", [f"$[-1:] = [{item()}]"])]
    if value:
        ops += [Op("pop", ["$.pop()"]), Op("pop", [f"$.pop({i})"]), Op("setitem", [f"$[{i}] = {item()}"]),
                Op("del", [f"del $[{i}]"]), Op("del", [f"del $[{min(i, j)}:{j}]"]), Op("reverse", ["$.reverse()"])]
    if n <= 3:
        ops.append(Op("*=", ["$ *= 2"]))
    return ops


class Dims(Container):
    """A shape as a list of ints."""
    name = "dims"

    def start(self) -> list[str]:
        sizes = [self.rng.choice(SMALL) for _ in range(self.rng.randint(1, 3))]
        if self.rng.random() < 0.5:
            return [f"dims = {sizes}"]
        return ["dims = []", f"for size in {tuple(sizes)}:", "    dims.append(size)"]

    def ops(self, value: list) -> list[Op]:
        size = lambda: self.rng.choice(SMALL)
        ops = list_ops(self.rng, value, size)
        if value:
            i = self.rng.randrange(len(value))
            ops += [Op("remove", [f"$.remove({self.rng.choice(value)})"]), Op("sort", ["$.sort()"]),
                    Op("sort", ["$.sort(reverse=True)"]), Op("augmented item", [f"$[{i}] += {size()}"]),
                    Op("augmented item", [f"$[{i}] *= 2"])]
        return ops

    def valid(self, value) -> bool:
        return isinstance(value, list) and len(value) <= 5 and all(isinstance(d, int) and 0 < d <= 32 for d in value) \
            and math.prod(value) <= 4096

    def repair(self, value) -> list[str]:
        return [f"dims.extend({[self.rng.choice(SMALL) for _ in range(2 - len(value))]})"] if len(value) < 2 else []

    def use(self, value: list, match: bool) -> tuple[list[str], list[str]]:
        shape = tuple(value)
        how = self.rng.choice(["zeros", "input", "reshape"])
        if how == "zeros":
            expected = shape[1:] if match else self.mismatch(shape[1:])
            return ["x = np.zeros(tuple(dims), dtype=\"float32\")", self.dense_model(expected)], [self.model_call()]
        if how == "input":
            data = shape if match else self.mismatch(shape)
            return (["inputs = keras.Input(shape=tuple(dims))", "model = keras.Model(inputs, layers.Dense(3)(inputs))",
                     f"x = np.zeros({shape_text((2,) + data)}, dtype=\"float32\")"], [self.model_call()])
        total = math.prod(value) if match else math.prod(value) + self.rng.choice([-1, 1, 2])
        shape_arg = self.rng.choice(["dims", "tuple(dims)"])
        return [f"x = np.arange({max(total, 1)})"], [f"y = x.reshape({shape_arg})"]

    def after_use_ok(self) -> bool:
        return False  # the reshape use reads dims at the end


class Config(Container):
    """Hyper-parameters in a dict (or a defaultdict)."""
    name = "cfg"
    KEYS = ("features", "units")

    def start(self) -> list[str]:
        features, units = self.rng.choice(SMALL), self.rng.choice(SMALL)
        roll = self.rng.random()
        if roll < 0.4:
            return [f'cfg = {{"features": {features}, "units": {units}, "dropout": 0.1}}']
        if roll < 0.6:
            return [f"cfg = dict(features={features}, units={units})"]
        if roll < 0.8:
            return ["cfg = collections.defaultdict(int)", f'cfg["features"] += {features}', f'cfg["units"] = {units}']
        return [f"cfg = collections.defaultdict(lambda: {units})", f'cfg["features"] = {features}']

    def ops(self, value: dict) -> list[Op]:
        key, v = self.rng.choice(self.KEYS), self.rng.choice(SMALL)
        ops = [Op("setitem", [f'$["{key}"] = {v}']), Op("update", [f"$.update({key}={v})"]),
               Op("update", [f'$.update({{"{key}": {v}, "activation": "relu"}})']),
               Op("setdefault", [f'$.setdefault("{key}", {v})']), Op("setdefault", ['$.setdefault("dropout", 0.5)']),
               Op("|=", [f'$ |= {{"{key}": {v}}}']), Op("augmented item", [f'$["{key}"] += {v}']),
               Op("augmented item", [f'$["{key}"] *= 2']), Op("rebinding", [f'$ = {{**$, "{key}": {v}}}']),
               Op("pop", ['$.pop("dropout", None)']), Op("pop", [f'$["{key}"] = $.pop("{key}") + 1']),
               Op("clear", ["$.clear()", f'$["{key}"] = {v}'])]
        if value:
            ops += [Op("popitem", ["$.popitem()"]), Op("del", [f'del $["{self.rng.choice(list(value))}"]'])]
        return ops

    @staticmethod
    def effective(value, key):
        if key in value:
            return value[key]
        factory = getattr(value, "default_factory", None)
        return factory() if factory else None

    def valid(self, value) -> bool:
        return isinstance(value, dict) and all(
            v is None or isinstance(v, int) and v <= 64 for v in map(lambda k: self.effective(value, k), self.KEYS))

    def repair(self, value) -> list[str]:
        fix = []
        for key in self.KEYS:
            v = self.effective(value, key)
            if not isinstance(v, int) or v < 1:
                fix.append(self.rng.choice([f'cfg.setdefault("{key}", 4)', f'cfg["{key}"] = 4']) if v is None
                           else f'cfg["{key}"] = 4')
        return fix

    def use(self, value: dict, match: bool):
        features, units = (self.effective(value, k) for k in self.KEYS)
        wrong = self.rng.choice(self.KEYS) if not match else None
        data = features if wrong != "features" else self.other(features)
        head = units if wrong != "units" else self.other(units)
        return ([
            "model = keras.Sequential([",
            '    keras.Input(shape=(cfg["features"],)),',
            '    layers.Dense(units=cfg["units"], activation="relu"),',
            "])",
            f"head = keras.Sequential([keras.Input(shape=({head},)), layers.Dense(1)])",
            f"x = np.zeros((2, {data}), dtype=\"float32\")"], [self.model_call("head", "model(x)")])


class Chunks(Container):
    """A list of 2-D arrays (sometimes a defaultdict(list)'s entry), joined by NumPy."""
    name = "chunks"

    def __init__(self, rng):
        self.grouped = rng.random() < 0.25
        self.name = 'groups["train"]' if self.grouped else "chunks"
        self.base = "groups" if self.grouped else "chunks"
        super().__init__(rng)
        self.rows, self.cols = rng.choice((1, 2, 3)), rng.choice((2, 3, 4, 5))

    def chunk(self) -> str:
        rows, cols = self.rows, self.cols
        if self.rng.random() < 0.15:
            rows, cols = self.rng.choice((1, 2, 3)), self.rng.choice((2, 3, 4, 5))
        return self.rng.choice(["np.zeros(({}, {}))", "np.ones(({}, {}))", "np.random.rand({}, {})"]).format(rows, cols)

    def start(self) -> list[str]:
        count = self.rng.randint(0, 3)
        if self.grouped:
            return ["groups = collections.defaultdict(list)", f"for i in range({count + 2}):",
                    f'    groups["train" if i % 2 else "test"].append({self.chunk()})']
        if self.rng.random() < 0.3:
            return [f"chunks = [{self.chunk()} for _ in range({count})]"]
        return ["chunks = []", f"for i in range({count}):", f"    chunks.append({self.chunk()})"]

    def ops(self, value):
        return list_ops(self.rng, value, self.chunk)

    def valid(self, value) -> bool:
        return len(value) <= 8

    def repair(self, value) -> list[str]:
        return [] if value else [f"{self.name}.append({self.chunk()})"]

    def use(self, value, match):
        how = self.rng.choice(["np.concatenate({})", "np.concatenate({}, axis=-1)", "np.stack({})", "np.array({})"])
        try:
            shape = getattr(np, how.split("(")[0][3:])(list(value), **({"axis": -1} if "axis" in how else {})).shape
        except ValueError:
            shape = (2, self.cols)  # joining raises: the model's shape does not matter
        expected = shape[1:] if match else self.mismatch(shape[1:])
        return ([f"data = {how.format(self.name)}.astype(\"float32\")", self.dense_model(expected)],
                [self.model_call(data="data")])


class Frames(Container):
    """The last frames of a stream in a collections.deque, stacked into a clip."""
    name = "frames"

    def __init__(self, rng):
        super().__init__(rng)
        self.features = rng.choice((2, 3, 4, 6))

    def frame(self) -> str:
        features = self.features if self.rng.random() < 0.9 else self.other(self.features)
        return self.rng.choice([f"np.zeros({features})", f"np.random.rand({features})"])

    def start(self) -> list[str]:
        maxlen = self.rng.choice(["", "maxlen=3", "maxlen=5"])
        if self.rng.random() < 0.5:
            return [f"frames = collections.deque({maxlen})", f"for t in range({self.rng.randint(1, 7)}):",
                    f"    frames.append({self.frame()})"]
        return [f"frames = collections.deque([{self.frame()}, {self.frame()}]{', ' + maxlen if maxlen else ''})"]

    def ops(self, value):
        frame = self.frame
        ops = [Op("append", [f"$.append({frame()})"]), Op("appendleft", [f"$.appendleft({frame()})"]),
               Op("extend", [f"$.extend([{frame()}, {frame()}])"]), Op("extendleft", [f"$.extendleft([{frame()}])"]),
               Op("rotate", [f"$.rotate({self.rng.choice([-1, 1, 2])})"]), Op("+=", [f"$ += [{frame()}]"]),
               Op("*=", ["$ *= 2"]), Op("clear", ["$.clear()", f"$.append({frame()})"]), Op("reverse", ["$.reverse()"]),
               Op("insert", [f"$.insert({self.rng.randint(0, len(value))}, {frame()})"])]
        if value:
            ops += [Op("pop", ["$.pop()"]), Op("popleft", ["$.popleft()"]), Op("del", ["del $[0]"]),
                    Op("setitem", [f"$[-1] = {frame()}"])]
        return ops

    def valid(self, value) -> bool:
        return isinstance(value, collections.deque) and len(value) <= 12

    def repair(self, value) -> list[str]:
        return [] if value else [f"frames.append({self.frame()})"]

    def use(self, value, match):
        try:
            shape = np.stack(list(value)).shape
        except ValueError:
            shape = (len(value), self.features)
        expected = shape if match else self.mismatch(shape)
        return (["clip = np.stack(frames)[None].astype(\"float32\")",
                 f"model = keras.Sequential([keras.Input(shape={shape_text(expected)}), layers.Flatten(), layers.Dense(2)])"],
                [self.model_call(data="clip")])


class Rows(Container):
    """A table as a list of lists, turned into an array."""
    name = "rows"

    def __init__(self, rng):
        super().__init__(rng)
        self.width = rng.choice((2, 3, 4))

    def row(self) -> str:
        width = self.width if self.rng.random() < 0.85 else self.other(self.width, (1, 2, 3, 4, 5))
        return self.rng.choice([f"[0.5] * {width}", str([float(k) for k in range(width)])])

    def start(self) -> list[str]:
        count = self.rng.randint(1, 4)
        if self.rng.random() < 0.3:  # every row is the same list
            return [f"row = {self.row()}", f"rows = [row] * {count}"]
        return ["rows = []", f"for i in range({count}):", f"    rows.append({self.row()})"]

    def ops(self, value):
        ops = list_ops(self.rng, value, self.row)
        if value:
            i = self.rng.randrange(len(value))
            ops += [Op("nested append", [f"$[{i}].append(1.0)"]), Op("nested +=", [f"$[{i}] += [1.0]"]),
                    Op("nested setitem", [f"$[{i}][0] = 2.0"]), Op("nested pop", [f"$[{i}].pop()"])]
        return ops

    def valid(self, value) -> bool:
        return len(value) <= 12 and all(0 < len(r) <= 12 for r in value)

    def repair(self, value) -> list[str]:
        return [] if value else [f"rows.append({self.row()})"]

    def use(self, value, match):
        try:
            shape = np.array(value).shape
        except ValueError:
            shape = (len(value), self.width)
        expected = shape[1:] if match else self.mismatch(shape[1:])
        return (["data = np.array(rows, dtype=\"float32\")", self.dense_model(expected)], [self.model_call(data="data")])


class LayerList(Container):
    """The layers of a Sequential model, collected in a list."""
    name = "layer_list"

    def __init__(self, rng):
        super().__init__(rng)
        self.conv = rng.random() < 0.3
        self.input = (8, 8, rng.choice((1, 3))) if self.conv else (rng.choice(SMALL),)

    def layer(self) -> str:
        size = self.rng.choice(SMALL)
        if self.conv:
            return f'layers.Conv2D({size}, 3, padding="same")'
        return self.rng.choice([f"layers.Dense({size})", f'layers.Dense({size}, activation="relu")'])

    def start(self) -> list[str]:
        first = f"keras.Input(shape={shape_text(self.input)})"
        roll = self.rng.random()
        if roll < 0.4:
            return [f"layer_list = [{first}]", f"for i in range({self.rng.randint(0, 3)}):",
                    f"    layer_list.append({self.layer()})"]
        if roll < 0.7:
            return ["layer_list = []", f"layer_list.append({first})", f"layer_list.append({self.layer()})"]
        return [f"layer_list = [{first}, {self.layer()}]"]

    def ops(self, value):
        n, layer = len(value), self.layer
        ops = [Op("append", [f"$.append({layer()})"]), Op("extend", [f"$.extend([{layer()}, layers.Dropout(0.1)])"]),
               Op("insert", [f"$.insert({self.rng.randint(1, n)}, {layer()})"]), Op("+=", [f"$ += [{layer()}]"]),
               Op("rebinding", [f"$ = $ + [{layer()}]"]), Op("slice assignment", [f"$[1:] = [{layer()}]"])]
        if not self.conv:
            ops.append(Op("setitem", [f"$[0] = keras.Input(shape=({self.rng.choice(SMALL)},))"]))
        if n > 1:
            i = self.rng.randint(1, n - 1)
            ops += [Op("pop", ["$.pop()"]), Op("pop", [f"$.pop({i})"]), Op("setitem", [f"$[{i}] = {layer()}"]),
                    Op("del", [f"del $[{i}]"]), Op("del", [f"del $[{i}:]"]), Op("remove", ["$.remove($[-1])"])]
        return ops

    def valid(self, value) -> bool:
        # The Input stays first; no layer object twice (Keras would share it).
        return bool(value) and type(value[0]).__name__ == "KerasTensor" and len({id(v) for v in value}) == len(value) \
            and len(value) <= 8

    def repair(self, value) -> list[str]:
        return [] if len(value) > 1 else [f"layer_list.append({self.layer()})"]

    def use(self, value, match):
        shape = tuple(value[0].shape[1:])
        data = shape if match else self.mismatch(shape)
        return (["model = keras.Sequential(layer_list)", f"x = np.zeros({shape_text((2,) + data)}, dtype=\"float32\")"],
                [self.model_call()])


class Channels(Container):
    """The colour channels in a set; their count is the data's last axis."""
    name = "channels"
    NAMES = ("red", "green", "blue", "alpha", "depth", "gray")

    def pick(self, k: int = 1) -> str:
        return ", ".join(f'"{c}"' for c in self.rng.sample(self.NAMES, k))

    def start(self) -> list[str]:
        if self.rng.random() < 0.5:
            return [f"channels = {{{self.pick(self.rng.randint(1, 3))}}}"]
        return ["channels = set()", f"for name in [{self.pick(3)}, {self.pick()}]:", "    channels.add(name)"]

    def ops(self, value):
        ops = [Op("add", [f"$.add({self.pick()})"]), Op("discard", [f"$.discard({self.pick()})"]),
               Op("update", [f"$.update({{{self.pick(2)}}})"]), Op("|=", [f"$ |= {{{self.pick(2)}}}"]),
               Op("-=", [f"$ -= {{{self.pick(2)}}}"]), Op("&=", [f"$ &= {{{self.pick(4)}}}"]),
               Op("intersection_update", [f"$.intersection_update([{self.pick(3)}])"]),
               Op("difference_update", [f"$.difference_update([{self.pick()}])"]),
               Op("rebinding", [f"$ = $ | {{{self.pick()}}}"]), Op("clear", ["$.clear()", f"$.add({self.pick()})"])]
        if value:
            ops += [Op("remove", [f'$.remove("{self.rng.choice(sorted(value))}")']), Op("pop", ["$.pop()"])]
        return ops

    def valid(self, value) -> bool:
        return isinstance(value, set)

    def repair(self, value) -> list[str]:
        return [] if value else [f"channels.add({self.pick()})"]

    def use(self, value, match):
        count = len(value) if match else self.other(len(value))
        if self.rng.random() < 0.3:
            return (["x = np.zeros((2, 6, 6, len(channels)), dtype=\"float32\")",
                     f"model = keras.Sequential([keras.Input(shape=(6, 6, {count})), layers.Conv2D(2, 3)])"],
                    [self.model_call()])
        return ["x = np.zeros((2, len(channels)), dtype=\"float32\")", self.dense_model((count,))], [self.model_call()]


CONTAINERS = (Dims, Config, Chunks, Frames, Rows, LayerList, Channels)


# ---- carriers: where a mutation is written ---------------------------------------------------

class Writer:
    def __init__(self, rng: random.Random, container: Container):
        self.rng, self.c = rng, container
        self.defs: list[str] = []  # functions and classes, before the container is made
        self.body: list[str] = container.start()
        self.kinds: set[str] = set()
        self.step = 0

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def value(self, defs: list[str], body: list[str]):
        namespace: dict = {"__name__": "__mutation_prefix__"}
        exec(compile("\n".join(HEADER + defs + body), "<prefix>", "exec"), namespace)
        return eval(self.c.name, namespace)

    def carry(self, op: Op) -> tuple[str, list[str], list[str]]:
        """(carrier kind, definitions, statements) that apply `op` to the container."""
        c, n, lines = self.c.name, self.step, op.lines
        how = self.rng.choice(["direct", "direct", "alias", "copy", "function", "method", "attribute", "global",
                               "nonlocal", "loop", "known if", "unknown if"])
        if how == "alias":
            return how, [], [f"alias{n} = {c}"] + sub(lines, f"alias{n}")
        if how == "copy":
            copy = {"Frames": f"collections.deque({c}, maxlen={c}.maxlen)", "Config": f"{c}.copy()",
                    "Channels": f"set({c})"}.get(type(self.c).__name__, self.rng.choice([f"list({c})", f"{c}[:]", f"{c}.copy()"]))
            back = [f"{c} = copy{n}"] if self.chance(0.5) else []
            return how, [], [f"copy{n} = {copy}"] + sub(lines, f"copy{n}") + back
        if how == "function":
            returns = self.chance(0.4)
            defs = [f"def adjust{n}(seq):"] + sub(lines, "seq", 4) + (["    return seq"] if returns else [])
            return how, defs, [f"{c} = adjust{n}({c})" if returns else f"adjust{n}({c})"]
        if how == "method":
            defs = [f"class Holder{n}:", "    def __init__(self, items):", "        self.items = items", "",
                    "    def change(self):"] + sub(lines, "self.items", 8)
            back = [f"{c} = holder{n}.items"] if self.chance(0.5) else []
            return how, defs, [f"holder{n} = Holder{n}({c})", f"holder{n}.change()"] + back
        if how == "attribute":
            back = [f"{c} = box{n}.items"] if self.chance(0.6) else []
            return how, [f"class Box{n}:", "    pass"], [f"box{n} = Box{n}()", f"box{n}.items = {c}"] + sub(lines, f"box{n}.items") + back
        if how == "global":
            declare = [f"    global {self.c.base}"] if rebinds(lines) or self.chance(0.5) else []
            return how, [f"def update{n}():"] + declare + sub(lines, c, 4), [f"update{n}()"]
        if how == "nonlocal":
            defs = [f"def changed{n}(items):", "    def apply():", "        nonlocal items"] + sub(lines, "items", 8) + [
                "    apply()", "    return items"]
            return how, defs, [f"{c} = changed{n}({c})"]
        if how == "loop":
            count, stop = self.rng.randint(2, 4), self.rng.choice(["break", "continue"])
            check = [f"    if step == {self.rng.randrange(count)}:", f"        {stop}"]
            body = sub(lines, c, 4)
            return f"loop {stop}", [], [f"for step in range({count}):"] + (check + body if self.chance(0.5) else body + check)
        if how in ("known if", "unknown if"):
            other = self.rng.choice(self.c.ops(self.current))
            self.kinds.add(other.kind)
            cond = f"len({c}) > {self.rng.randint(0, 3)}" if how == "known if" else self.rng.choice(UNKNOWN_CONDITIONS)
            return how, [], [f"if {cond}:"] + sub(lines, c, 4) + ["else:"] + sub(other.lines, c, 4)
        return "direct", [], sub(lines, c)

    def mutate(self) -> None:
        """One more mutation that runs and leaves a usable container (tries a few)."""
        for _ in range(8):
            self.step += 1
            op = self.rng.choice(self.c.ops(self.current))
            how, defs, lines = self.carry(op)
            try:
                value = self.value(self.defs + defs, self.body + lines)
            except Exception:
                continue
            if self.c.valid(value):
                self.defs += defs + ([""] if defs else [])
                self.body += lines
                self.current = value
                self.kinds |= {op.kind, how}
                return

    def write(self) -> Program:
        self.current = self.value(self.defs, self.body)
        for _ in range(self.rng.randint(1, 4)):
            self.mutate()
        self.body += self.c.repair(self.current)
        value = self.value(self.defs, self.body)
        ready, consume = self.c.use(value, match=self.chance(0.5))
        if self.c.after_use_ok() and self.chance(0.2):  # changing it after the use changes nothing
            op = self.rng.choice(self.c.ops(value))
            try:
                self.value(self.defs, self.body + ready + sub(op.lines, self.c.name))
                ready += sub(op.lines, self.c.name)
                self.kinds.add("after use")
            except Exception:
                pass
        source = "\n".join(HEADER + self.defs + self.body + ready + consume) + "\n"
        return Program(source, type(self.c).__name__, self.kinds)


def mutation_program(rng: random.Random) -> Program:
    return Writer(rng, rng.choice(CONTAINERS)(rng)).write()
