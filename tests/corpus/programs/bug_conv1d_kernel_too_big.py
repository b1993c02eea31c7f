import numpy as np
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(5, 4)),
    layers.Conv1D(16, kernel_size=7, activation="relu"),  # cause
    layers.Flatten(),
    layers.Dense(1),
])
model.predict(np.random.rand(3, 5, 4), verbose=0)
