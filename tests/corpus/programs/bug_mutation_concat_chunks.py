import numpy as np
import keras

# Load the data set in chunks (here: random ones) and join them.
chunks = []
for part in range(4):
    chunk = np.random.rand(25, 13).astype("float32")
    chunks.append(chunk)
features = np.concatenate(chunks, axis=1)  # cause

model = keras.Sequential([keras.Input(shape=(13,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(features, np.random.rand(25), epochs=1, verbose=0)
