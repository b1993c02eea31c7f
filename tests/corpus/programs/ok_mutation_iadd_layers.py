import numpy as np
import keras
from keras import layers

encoder = [keras.Input(shape=(12,)), layers.Dense(8, activation="relu")]
encoder += [layers.Dense(4, activation="relu")]
encoder += [layers.Dense(2)]

model = keras.Sequential(encoder)
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(20, 12), np.random.rand(20, 2), epochs=1, verbose=0)
