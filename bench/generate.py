"""Realistic Keras scripts of a given size for the benchmark.

`script(lines, models, layers)` writes `models` experiments (data, a Sequential or functional model,
compile, fit) with `layers` layers in all. Every eleventh experiment, starting with the first, has
a real shape error, so the four kinds of error take turns. Layers are written one per line, or
Black-style over several lines (as a formatter does with long calls), as many as needed to reach
`lines`; the last few lines are comments. `vgg16()` and `resnet50()` write those architectures out
layer by layer. `data_workspace()` writes a data folder, small or real-size, and a script that
loads it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

HEADER = '''"""Training experiments: tabular, image and text classifiers."""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

EPOCHS = 3
BATCH_SIZE = 32
'''


@dataclass
class LayerCall:
    """One layer construction: an item of a Sequential list (`target` None), or applied
    functionally (`target = layers.Kind(args)(inputs)`)."""

    kind: str
    args: tuple[str, ...]
    target: str | None
    inputs: str
    exploded: bool = False  # written over several lines

    def render(self) -> list[str]:
        indent = "" if self.target else "    "
        head = f"{self.target} = " if self.target else indent
        tail = f"({self.inputs})" if self.target else ","
        if not self.exploded:
            return [f"{head}layers.{self.kind}({', '.join(self.args)}){tail}"]
        return [f"{head}layers.{self.kind}(", *(f"{indent}    {a}," for a in self.args), f"{indent}){tail}"]


def seq(kind: str, *args: str) -> LayerCall:
    return LayerCall(kind, args, None, "")


def fn(kind: str, *args: str, target: str = "x", inputs: str = "x") -> LayerCall:
    return LayerCall(kind, args, target, inputs)


Part = str | LayerCall  # a plain source line, or a layer


def _mlp(i: int, n: int, error: bool) -> list[Part]:
    # Error: integer labels with categorical_crossentropy (Keras: incompatible shapes at fit).
    loss = "categorical_crossentropy" if error else "sparse_categorical_crossentropy"
    parts: list[Part] = [
        f"# Experiment {i}: tabular classifier",
        f"features_{i}, classes_{i} = {16 + i % 8}, {3 + i % 5}",
        f'x_tab_{i} = np.random.rand(512, features_{i}).astype("float32")',
        f"y_tab_{i} = np.random.randint(0, classes_{i}, size=(512,))",
        f"model_{i} = keras.Sequential([",
        f"    keras.Input(shape=(features_{i},)),",
    ]
    for k in range(n - 1):
        if k % 3 == 0:
            parts.append(seq("Dense", str((256, 128, 64)[k % 9 // 3]), 'activation="relu"', f'name="m{i}_dense_{k}"'))
        elif k % 3 == 1:
            parts.append(seq("Dropout", "0.2", f'name="m{i}_dropout_{k}"'))
        else:
            parts.append(seq("BatchNormalization", f'name="m{i}_norm_{k}"'))
    return parts + [
        seq("Dense", f"classes_{i}", 'activation="softmax"', f'name="m{i}_output"'),
        "])",
        f'model_{i}.compile(optimizer="adam", loss="{loss}", metrics=["accuracy"])',
        f"model_{i}.fit(x_tab_{i}, y_tab_{i}, batch_size=BATCH_SIZE, epochs=EPOCHS, validation_split=0.1)",
    ]


def _cnn(i: int, n: int, error: bool) -> list[Part]:
    # Error: a model declared for grayscale images trained on RGB ones (the seed example's bug).
    parts: list[Part] = [
        f"# Experiment {i}: image classifier",
        f'x_img_{i} = np.random.rand(256, 32, 32, 3).astype("float32")',
        f"y_img_{i} = keras.utils.to_categorical(np.random.randint(0, 10, size=(256,)), 10)",
        f"model_{i} = keras.Sequential([",
        seq("Conv2D", "32", "3", 'padding="same"', 'activation="relu"',
            f"input_shape=(32, 32, {1 if error else 3})", f'name="m{i}_conv_in"'),
    ]
    for k in range(n - 3):
        if k % 4 == 3 and k < 12:  # three poolings at most: 32 → 4
            parts.append(seq("MaxPooling2D", "2", f'name="m{i}_pool_{k}"'))
        elif k % 2:
            parts.append(seq("BatchNormalization", f'name="m{i}_norm_{k}"'))
        else:
            parts.append(seq("Conv2D", str(32 * (1 + k % 3)), "3", 'padding="same"', 'activation="relu"',
                             f'name="m{i}_conv_{k}"'))
    return parts + [
        seq("GlobalAveragePooling2D", f'name="m{i}_gap"'),
        seq("Dense", "10", 'activation="softmax"', f'name="m{i}_output"'),
        "])",
        f'model_{i}.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])',
        f"model_{i}.fit(x_img_{i}, y_img_{i}, batch_size=BATCH_SIZE, epochs=EPOCHS)",
        f"print(model_{i}.evaluate(x_img_{i}[:64], y_img_{i}[:64], verbose=0))",
    ]


def _residual(i: int, n: int, error: bool) -> list[Part]:
    # Error: one residual unit widens to 64 filters, so Add gets (…, 32) and (…, 64).
    parts: list[Part] = [
        f"# Experiment {i}: residual network",
        f'x_res_{i} = np.random.rand(128, 64, 64, 3).astype("float32")',
        f"y_res_{i} = np.random.randint(0, 5, size=(128,))",
        f'inputs_{i} = keras.Input(shape=(64, 64, 3), name="m{i}_image")',
        fn("Conv2D", "32", "3", 'padding="same"', f'name="m{i}_stem"', inputs=f"inputs_{i}"),
    ]
    units, rest = divmod(n - 3, 5)
    for u in range(units):
        wide = error and u == units // 2
        parts += [
            "shortcut = x",
            fn("Conv2D", "32", "3", 'padding="same"', f'name="m{i}_u{u}_conv_a"'),
            fn("BatchNormalization", f'name="m{i}_u{u}_norm"'),
            fn("Activation", '"relu"', f'name="m{i}_u{u}_relu"'),
            fn("Conv2D", "64" if wide else "32", "3", 'padding="same"', f'name="m{i}_u{u}_conv_b"'),
            fn("Add", f'name="m{i}_u{u}_add"', inputs="[x, shortcut]"),
        ]
    parts.append(fn("GlobalAveragePooling2D", f'name="m{i}_gap"'))
    parts += [fn("Dense", "64", 'activation="relu"', f'name="m{i}_head_{k}"') for k in range(rest)]
    return parts + [
        fn("Dense", "5", 'activation="softmax"', f'name="m{i}_output"', target=f"outputs_{i}"),
        f'model_{i} = keras.Model(inputs_{i}, outputs_{i}, name="resnet_{i}")',
        f'model_{i}.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])',
        f"model_{i}.fit(x_res_{i}, y_res_{i}, batch_size=BATCH_SIZE, epochs=EPOCHS)",
    ]


def _text(i: int, n: int, error: bool) -> list[Part]:
    # Error: an LSTM after the global pooling has already removed the time axis (2-D input).
    parts: list[Part] = [
        f"# Experiment {i}: text classifier",
        f"tokens_{i} = np.random.randint(0, 5000, size=(512, 100))",
        f"labels_{i} = np.random.randint(0, 2, size=(512, 1))",
        f'text_in_{i} = keras.Input(shape=(100,), dtype="int32")',
        fn("Embedding", "5000", "64", f'name="m{i}_embedding"', inputs=f"text_in_{i}"),
    ]
    for k in range(n - 4):
        if k % 3 == 0:
            parts.append(fn("Conv1D", "64", "5", 'padding="same"', 'activation="relu"', f'name="m{i}_conv_{k}"'))
        elif k % 3 == 1:
            parts.append(fn("Dropout", "0.1", f'name="m{i}_dropout_{k}"'))
        else:
            parts.append(fn("LayerNormalization", f'name="m{i}_norm_{k}"'))
    if error:
        parts += [fn("GlobalMaxPooling1D", f'name="m{i}_pool"'), fn("LSTM", "32", f'name="m{i}_lstm"')]
    else:
        parts += [fn("LSTM", "32", f'name="m{i}_lstm"'), fn("Dense", "16", 'activation="relu"', f'name="m{i}_hidden"')]
    return parts + [
        fn("Dense", "1", 'activation="sigmoid"', f'name="m{i}_output"', target=f"outputs_{i}"),
        f"model_{i} = keras.Model(text_in_{i}, outputs_{i})",
        f'model_{i}.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])',
        f"model_{i}.fit(tokens_{i}, labels_{i}, batch_size=BATCH_SIZE, epochs=EPOCHS)",
    ]


# The image classifier first, so every file's first experiment has the error with a quick fix.
_TEMPLATES = (_cnn, _mlp, _residual, _text)
_MIN_LAYERS = {_cnn: 4, _mlp: 2, _residual: 9, _text: 5}


def _render(parts: list[Part]) -> list[str]:
    return [line for part in parts for line in (part.render() if isinstance(part, LayerCall) else [part])]


def script(lines: int, models: int, layers: int) -> str:
    parts: list[Part] = HEADER.splitlines()
    per_model, extra = divmod(layers, models)
    for i in range(models):
        template = _TEMPLATES[i % len(_TEMPLATES)]
        n = per_model + (i < extra)
        if n < _MIN_LAYERS[template]:
            template = _mlp
        parts += ["", *template(i, n, error=i % 11 == 0)]
    calls = [p for p in parts if isinstance(p, LayerCall)]
    assert len(calls) == layers, (len(calls), layers)
    # Explode the long calls (as Black would), spread over the file, while the target allows.
    total = len(_render(parts))
    for call in [c for c in calls[::2] + calls[1::2] if len(c.args) >= 3]:
        grown = len(call.args) + 1
        if total + grown <= lines:
            call.exploded, total = True, total + grown
    filler = [f"# Notes: run {k} of the sweep reuses the settings above." for k in range(lines - total)]
    return "\n".join(_render(parts + filler)) + "\n"


def vgg16() -> str:
    """VGG16 (138 M parameters) as a user writes it: 13 convolutions, 5 poolings, 3 Dense."""
    body = ["model = keras.Sequential([", "    keras.Input(shape=(224, 224, 3)),"]
    for block, (filters, convs) in enumerate(((64, 2), (128, 2), (256, 3), (512, 3), (512, 3)), start=1):
        body += [f'    layers.Conv2D({filters}, 3, padding="same", activation="relu", name="block{block}_conv{c}"),'
                 for c in range(1, convs + 1)]
        body.append(f'    layers.MaxPooling2D(2, strides=2, name="block{block}_pool"),')
    body += ['    layers.Flatten(name="flatten"),',
             '    layers.Dense(4096, activation="relu", name="fc1"),',
             '    layers.Dense(4096, activation="relu", name="fc2"),',
             '    layers.Dense(1000, activation="softmax", name="predictions"),',
             "])"]
    return _with_data(body, "model")


def resnet50() -> str:
    """ResNet50 (177 layers, 16 residual Adds) in the functional API, as Keras builds it."""
    body = ['inputs = keras.Input(shape=(224, 224, 3))',
            'x = layers.ZeroPadding2D(3, name="conv1_pad")(inputs)',
            'x = layers.Conv2D(64, 7, strides=2, name="conv1_conv")(x)',
            'x = layers.BatchNormalization(epsilon=1.001e-5, name="conv1_bn")(x)',
            'x = layers.Activation("relu", name="conv1_relu")(x)',
            'x = layers.ZeroPadding2D(1, name="pool1_pad")(x)',
            'x = layers.MaxPooling2D(3, strides=2, name="pool1_pool")(x)']
    for stage, (filters, blocks, stride) in enumerate(((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)), start=2):
        for b in range(1, blocks + 1):
            name, s = f"conv{stage}_block{b}", stride if b == 1 else 1
            if b == 1:
                body += [f'shortcut = layers.Conv2D({4 * filters}, 1, strides={s}, name="{name}_0_conv")(x)',
                         f'shortcut = layers.BatchNormalization(epsilon=1.001e-5, name="{name}_0_bn")(shortcut)']
            else:
                body.append("shortcut = x")
            body += [f'x = layers.Conv2D({filters}, 1, strides={s}, name="{name}_1_conv")(x)',
                     f'x = layers.BatchNormalization(epsilon=1.001e-5, name="{name}_1_bn")(x)',
                     f'x = layers.Activation("relu", name="{name}_1_relu")(x)',
                     f'x = layers.Conv2D({filters}, 3, padding="same", name="{name}_2_conv")(x)',
                     f'x = layers.BatchNormalization(epsilon=1.001e-5, name="{name}_2_bn")(x)',
                     f'x = layers.Activation("relu", name="{name}_2_relu")(x)',
                     f'x = layers.Conv2D({4 * filters}, 1, name="{name}_3_conv")(x)',
                     f'x = layers.BatchNormalization(epsilon=1.001e-5, name="{name}_3_bn")(x)',
                     f'x = layers.Add(name="{name}_add")([shortcut, x])',
                     f'x = layers.Activation("relu", name="{name}_out")(x)']
    body += ['x = layers.GlobalAveragePooling2D(name="avg_pool")(x)',
             'outputs = layers.Dense(1000, activation="softmax", name="predictions")(x)',
             'model = keras.Model(inputs, outputs, name="resnet50")']
    return _with_data(body, "model")


def resnet50_application() -> str:
    return _with_data(["model = keras.applications.ResNet50(weights=None)"], "model")


def _with_data(body: list[str], model: str) -> str:
    return "\n".join([
        *HEADER.splitlines(), *body,
        'images = np.random.rand(16, 224, 224, 3).astype("float32")',
        "labels = keras.utils.to_categorical(np.random.randint(0, 1000, size=(16,)), 1000)",
        f'{model}.compile(optimizer="sgd", loss="categorical_crossentropy")',
        f"{model}.fit(images, labels, batch_size=8, epochs=EPOCHS)",
        f"print({model}.predict(images[:1]).shape)",
    ]) + "\n"



# A 2 GB table, a 2 GB array and 10,000 images: what a real project's data folder holds.
BIG_FILE_BYTES = 2 * 1024 ** 3
IMAGES_PER_CLASS = 5_000


def data_workspace(folder: Path, big: bool) -> str:
    """Write the data files a loading script reads into `folder/data`, small or real-size, and
    return the script. The big files are sparse: they take no disk space, and reading their
    headers is all the engine may do. The script's shapes are the same either way."""
    import numpy as np
    from PIL import Image

    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    with open(data / "train.csv", "w") as table:
        table.write("id," + ",".join(f"f{i}" for i in range(20)) + ",label\n")
        table.write("1," + ",".join("0.5" for _ in range(20)) + ",0\n")
    np.save(data / "features.npy", np.zeros((100, 32, 32, 3), dtype="float32"))
    if big:
        for name in ("train.csv", "features.npy"):
            os.truncate(data / name, BIG_FILE_BYTES)
    png = data / "pixel.png"
    Image.new("RGB", (16, 16)).save(png)
    for label in ("cats", "dogs"):
        (data / "photos" / label).mkdir(parents=True, exist_ok=True)
        for i in range(IMAGES_PER_CLASS if big else 2):
            os.link(png, data / "photos" / label / f"{i}.png")
    return "\n".join([
        "import numpy as np", "import pandas as pd", "from tensorflow import keras",
        'frame = pd.read_csv("data/train.csv")',
        'x = frame.drop(columns=["id", "label"]).to_numpy()',
        'images = np.load("data/features.npy")',
        'photos = keras.utils.image_dataset_from_directory("data/photos", image_size=(64, 64))',
        "model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(1)])",
        'model.compile(loss="mse")', "model.fit(x, frame['label'].to_numpy())",
    ]) + "\n"
