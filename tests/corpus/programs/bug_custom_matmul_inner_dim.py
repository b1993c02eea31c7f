import numpy as np
import tensorflow as tf
from tensorflow import keras


class Projection(keras.layers.Layer):
    def __init__(self, units, in_features=16):
        super().__init__()
        self.units = units
        self.in_features = in_features

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(self.in_features, self.units))  # cause

    def call(self, inputs):
        return tf.matmul(inputs, self.kernel)


inputs = keras.Input(shape=(24,))
x = Projection(8)(inputs)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(32, 24), np.random.rand(32, 1), epochs=1, verbose=0)
