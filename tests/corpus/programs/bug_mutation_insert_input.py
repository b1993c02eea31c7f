import numpy as np
import keras
from keras import layers

hidden = [layers.Dense(32, activation="relu"), layers.Dense(16, activation="relu"), layers.Dense(1)]
features = np.random.rand(50, 7)
hidden.insert(0, keras.Input(shape=(8,)))  # cause

model = keras.Sequential(hidden)
model.compile(optimizer="sgd", loss="mse")
model.fit(features, np.random.rand(50), epochs=1, verbose=0)
