import numpy as np
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20, 6)),
    layers.Flatten(),  # cause
    layers.LSTM(16),
    layers.Dense(1),
])
model.compile(optimizer="rmsprop", loss="mse")
model.fit(np.random.rand(10, 20, 6), np.random.rand(10, 1), epochs=1, verbose=0)
