import numpy as np
import keras

hp = {"seq_len": 50, "n_features": 3, "lstm_units": 16}
hp["n_features"] = 5  # cause

model = keras.Sequential([
    keras.Input(shape=(hp["seq_len"], hp["n_features"])),
    keras.layers.LSTM(hp["lstm_units"]),
    keras.layers.Dense(1),
])
model.compile(loss="mse", optimizer="adam")
model.fit(np.random.rand(8, 50, 3), np.random.rand(8, 1), epochs=1, verbose=0)
