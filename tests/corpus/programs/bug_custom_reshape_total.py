import numpy as np
import keras
from keras import ops


class ToGrid(keras.layers.Layer):
    """Turns a flat feature vector into a small 2-D grid for convolutions."""

    def __init__(self, side, **kwargs):
        super().__init__(**kwargs)
        self.side = side

    def call(self, inputs):
        return ops.reshape(inputs, (-1, self.side, self.side, 1))


inputs = keras.Input(shape=(50,))
grid = ToGrid(side=8)(inputs)  # cause
x = keras.layers.Conv2D(4, 3, activation="relu")(grid)
x = keras.layers.Flatten()(x)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
print(model.predict(np.random.rand(2, 50), verbose=0))
