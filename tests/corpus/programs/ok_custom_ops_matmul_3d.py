import numpy as np
from tensorflow import keras
from tensorflow.keras import ops


class TokenMixer(keras.layers.Layer):
    def __init__(self, hidden, **kwargs):
        super().__init__(**kwargs)
        self.hidden = hidden

    def build(self, input_shape):
        features = input_shape[-1]
        self.w1 = self.add_weight(shape=(features, self.hidden), initializer="glorot_uniform")
        self.w2 = self.add_weight(shape=(self.hidden, features), initializer="glorot_uniform")

    def call(self, tokens):
        h = ops.relu(ops.matmul(tokens, self.w1))
        return tokens + ops.matmul(h, self.w2)


inputs = keras.Input(shape=(10, 24))
x = TokenMixer(48)(inputs)
x = TokenMixer(12)(x)
x = keras.layers.GlobalAveragePooling1D()(x)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(16, 10, 24), np.random.rand(16, 1), epochs=1, verbose=0)
