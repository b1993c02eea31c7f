import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

# Concatenating along the time axis: lengths may differ, features must match.
history = keras.Input(shape=(12, 8))
recent = keras.Input(shape=(4, 8))
seq = layers.Concatenate(axis=1)([history, recent])
x = layers.LSTM(16)(seq)
out = layers.Dense(1)(x)
model = keras.Model([history, recent], out)
model.compile(optimizer="adam", loss="mse")

h = np.random.rand(6, 12, 8)
r = np.random.rand(6, 4, 8)
model.fit([h, r], np.random.rand(6, 1), epochs=1, verbose=0)
