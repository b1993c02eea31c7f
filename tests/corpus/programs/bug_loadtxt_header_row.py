# Iris measurements exported from a spreadsheet, read with NumPy.
import numpy as np
import keras
from keras import layers

data = np.loadtxt("data/np_iris.csv", delimiter=",")
X, y = data[:, :-1], data[:, -1].astype("int32")

model = keras.Sequential([
    keras.Input(shape=(4,)),
    layers.Dense(16, activation="relu"),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(X, y, epochs=1, verbose=0)
