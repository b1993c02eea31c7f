# Tabular features exported by a preprocessing script; the model was written for an older export.
import numpy as np
import keras
from keras import layers

X = np.load("data/np_features.npy")
y = np.load("data/np_targets.npy")

model = keras.Sequential([
    keras.Input(shape=(10,)),  # cause
    layers.Dense(32, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=1, batch_size=16, verbose=0)
