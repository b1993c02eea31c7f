# @prelude
import keras


def build(units=spring("default-argument") or 4, *, rate=spring("keyword-default") or 0.5):
    return keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(units), keras.layers.Dropout(rate)])


scaled = lambda factor=spring("lambda-default") or 2: factor * 2  # noqa: E731
model = build()
scaled()
