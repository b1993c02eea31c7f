# Features and labels read as two column selections of the same CSV file.
import os

import numpy as np
import keras
from keras import layers

CSV = os.path.join("data", "np_iris.csv")
X = np.loadtxt(CSV, delimiter=",", skiprows=1, usecols=range(4))
y = np.loadtxt(CSV, delimiter=",", skiprows=1, usecols=4)  # one column: a 1-D array of class ids

model = keras.Sequential([
    keras.Input(shape=(4,)),
    layers.Dense(16, activation="relu"),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])  # cause
model.fit(X, y, epochs=1, batch_size=8, verbose=0)
