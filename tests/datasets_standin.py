"""keras.datasets without downloads, for running test programs: `stand_in()` makes every
`load_data()` return arrays of the shapes and dtypes Keras documents (labels in each set's range),
as a program would get after the download."""
import sys

import numpy as np

# name → (train count, test count, sample shape, label shape, label count)
IMAGES = {
    "mnist": (60_000, 10_000, (28, 28), (), 10),
    "fashion_mnist": (60_000, 10_000, (28, 28), (), 10),
    "cifar10": (50_000, 10_000, (32, 32, 3), (1,), 10),
    "cifar100": (50_000, 10_000, (32, 32, 3), (1,), 100),
}
TABLES = {"boston_housing": (506, 13), "california_housing": (20_640, 8)}
# name → (samples, test share or None for fixed halves, label count): reviews as word indices
TEXTS = {"imdb": (50_000, None, 2), "reuters": (11_228, 0.2, 46)}


def images(train, test, shape, label, classes):
    def load_data(*args, **kwargs):
        rng = np.random.default_rng(0)
        def part(count):
            return (rng.integers(0, 256, (count, *shape), dtype=np.uint8),
                    rng.integers(0, classes, (count, *label), dtype=np.uint8))
        return part(train), part(test)
    return load_data


def table(samples, features):
    def load_data(*args, test_split=0.2, **kwargs):
        rng = np.random.default_rng(0)
        train = int(samples * (1 - test_split))
        return ((rng.random((train, features)), rng.random(train)),
                (rng.random((samples - train, features)), rng.random(samples - train)))
    return load_data


def texts(samples, test_share, classes):
    def load_data(*args, num_words=None, test_split=test_share, **kwargs):
        rng = np.random.default_rng(0)
        train = samples // 2 if test_split is None else int(samples * (1 - test_split))
        def part(count):
            sequences = np.empty(count, dtype=object)  # lists of varying lengths, as Keras returns them
            sequences[:] = [list(rng.integers(1, num_words or 1000, int(rng.integers(5, 40)))) for _ in range(count)]
            return sequences, rng.integers(0, classes, count)
        return part(train), part(samples - train)
    return load_data


def stand_in() -> None:
    import keras
    try:
        import tensorflow as tf
        tf.keras.datasets  # noqa: B018 - loads tf.keras's own copies of the modules
    except ImportError:
        pass
    loaders = {name: images(*spec) for name, spec in IMAGES.items()}
    loaders.update({name: table(*spec) for name, spec in TABLES.items()})
    loaders.update({name: texts(*spec) for name, spec in TEXTS.items()})
    for module_name, module in list(sys.modules.items()):
        name = module_name.rsplit(".", 1)[-1]
        if name in loaders and ".datasets." in f".{module_name}" and hasattr(module, "load_data"):
            module.load_data = loaders[name]
    assert keras.datasets.mnist.load_data is loaders["mnist"]
