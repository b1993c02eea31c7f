import numpy as np
import keras
from keras import layers, ops


class FlattenWithStats(layers.Layer):
    """Flattens a feature map and appends its per-channel mean and max."""

    def call(self, x):
        flat = ops.reshape(x, (ops.shape(x)[0], -1))
        mean = ops.mean(x, axis=(1, 2))
        peak = ops.max(x, axis=(1, 2))
        return ops.concatenate([flat, mean, peak], axis=-1)

    def compute_output_shape(self, input_shape):
        _, h, w, c = input_shape
        return (input_shape[0], h * w * c + 2 * c)


inputs = keras.Input(shape=(8, 8, 1))
x = layers.Conv2D(4, 3, padding="same", activation="relu")(inputs)
x = layers.MaxPooling2D()(x)
x = FlattenWithStats()(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(np.random.rand(10, 8, 8, 1), np.random.randint(0, 2, (10, 1)), epochs=1, verbose=0)
