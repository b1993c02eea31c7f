import numpy as np
import keras
from keras import layers, ops


class TimeDense(layers.Layer):
    """Projects every timestep of a (batch, time, features) sequence."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[1], self.units), initializer="glorot_uniform")  # cause
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, x):
        return ops.matmul(x, self.w) + self.b


model = keras.Sequential([
    keras.Input(shape=(20, 8)),
    TimeDense(16),
    layers.GlobalAveragePooling1D(),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(np.random.rand(16, 20, 8), np.random.randint(0, 2, (16, 1)), epochs=1, verbose=0)
