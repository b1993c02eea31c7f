import numpy as np
import keras
from keras import layers


class Forecaster(keras.Model):
    """Shared GRU encoder with a next-value head and a trend-class head."""

    def __init__(self):
        super().__init__()
        self.encoder = layers.GRU(24, return_sequences=True)
        self.pool = layers.GlobalAveragePooling1D()
        self.value = layers.Dense(1)
        self.trend = layers.Dense(3, activation="softmax")

    def call(self, series):
        h = self.pool(self.encoder(series))
        return self.value(h), self.trend(h)


model = Forecaster()
model.compile(optimizer="adam", loss=["mse", "sparse_categorical_crossentropy"])
x = np.random.rand(20, 30, 2).astype("float32")
model.fit(x, (np.random.rand(20, 1), np.random.randint(0, 3, 20)), epochs=1, verbose=0)
