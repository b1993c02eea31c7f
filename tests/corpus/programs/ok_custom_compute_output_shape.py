import numpy as np
import keras
from keras import layers, ops


class AttentionPool(layers.Layer):
    """Weighted average over time: (batch, time, features) -> (batch, features)."""

    def build(self, input_shape):
        self.score = self.add_weight(shape=(input_shape[-1], 1), initializer="glorot_uniform")

    def call(self, x):
        weights = ops.softmax(ops.matmul(x, self.score), axis=1)
        return ops.sum(x * weights, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[2])


model = keras.Sequential([
    keras.Input(shape=(15, 6)),
    layers.LSTM(16, return_sequences=True),
    AttentionPool(),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(12, 15, 6), np.random.randint(0, 3, 12), epochs=1, verbose=0)
print(model.output_shape)
