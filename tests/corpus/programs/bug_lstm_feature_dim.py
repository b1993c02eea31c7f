import numpy as np
from tensorflow.keras import layers, models

model = models.Sequential()
model.add(layers.Input(shape=(10, 8)))
model.add(layers.LSTM(16))
model.add(layers.Dense(1))
model.compile(optimizer="adam", loss="mse")

# 4 sensor channels per time step, but the model was declared with 8.
x = np.random.randn(12, 10, 4)  # cause
y = np.random.randn(12, 1)
model.fit(x, y, epochs=1, verbose=0)
