import numpy as np
from tensorflow import keras
from tensorflow.keras import layers, ops


class ChannelMean(layers.Layer):
    """Collapses RGB to one intensity channel."""

    def call(self, images):
        return ops.mean(images, axis=-1)  # cause


model = keras.Sequential([
    layers.Input(shape=(32, 32, 3)),
    ChannelMean(),
    layers.Conv2D(16, 3, activation="relu"),
    layers.GlobalMaxPooling2D(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(8, 32, 32, 3), np.random.randint(0, 10, 8), epochs=1, verbose=0)
