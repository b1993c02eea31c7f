import numpy as np
import tensorflow as tf
from tensorflow import keras


class GatedLinearUnit(keras.layers.Layer):
    """Projects to 2 * units, then gates one half with the other."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 2 * self.units))

    def call(self, x):
        values, gates = tf.split(tf.matmul(x, self.kernel), 2, axis=-1)
        return values * tf.sigmoid(gates)


inputs = keras.Input(shape=(20,))
x = GatedLinearUnit(16)(inputs)
x = tf.keras.layers.Reshape((4, 4))(x)
x = tf.keras.layers.Flatten()(x)
outputs = tf.keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(16, 20), np.random.rand(16, 1), epochs=1, verbose=0)
