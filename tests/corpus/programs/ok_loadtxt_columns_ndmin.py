# One column kept 2-D with ndmin=2; unpack=True gives the columns as rows.
import os

import numpy as np
import keras
from keras import layers

CSV = os.path.join(os.path.dirname(__file__), "data", "np_iris.csv")
sepal_length, sepal_width, petal_length, petal_width, species = np.loadtxt(
    CSV, delimiter=",", skiprows=1, unpack=True)
columns = np.loadtxt(CSV, delimiter=",", skiprows=1, unpack=True)
X = columns[:4].T
y = np.loadtxt(CSV, delimiter=",", skiprows=1, usecols=[4], ndmin=2)

model = keras.Sequential([
    keras.Input(shape=(4,)),
    layers.Dense(16, activation="relu"),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=1, batch_size=8, verbose=0)

onehot = keras.utils.to_categorical(y.ravel(), 3)
onehot_model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(3, activation="softmax")])
onehot_model.compile(optimizer="adam", loss="categorical_crossentropy")
onehot_model.fit(X, onehot, epochs=1, batch_size=8, verbose=0)
