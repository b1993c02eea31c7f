import numpy as np
import tensorflow as tf
from tensorflow.keras import layers, models


class ChannelAffine(layers.Layer):
    """Learned per-channel scale and shift for feature maps."""

    def build(self, input_shape):
        channels = input_shape[-1]
        self.scale = self.add_weight(shape=(1, 1, channels), initializer="ones", name="scale")
        self.shift = self.add_weight(shape=(channels,), initializer="zeros", name="shift")

    def call(self, x):
        return x * self.scale + self.shift


model = models.Sequential([
    layers.Input(shape=(16, 16, 3)),
    layers.Conv2D(8, 3, padding="same"),
    ChannelAffine(),
    layers.ReLU(),
    layers.GlobalAveragePooling2D(),
    layers.Dense(4, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(8, 16, 16, 3), np.random.randint(0, 4, 8), epochs=1, verbose=0)
