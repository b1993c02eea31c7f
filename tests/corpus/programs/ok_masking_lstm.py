import numpy as np
import keras

padded = np.zeros((6, 10, 3), dtype="float32")
for i in range(6):
    padded[i, : i + 4] = np.random.rand(i + 4, 3)

model = keras.Sequential([
    keras.Input(shape=(10, 3)),
    keras.layers.Masking(mask_value=0.0),
    keras.layers.LSTM(8),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(padded, np.random.rand(6), epochs=1, verbose=0)
