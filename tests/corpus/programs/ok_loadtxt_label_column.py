# Header skipped, features and label split by slicing; genfromtxt reads the same file.
import numpy as np
import keras
from keras import layers

PATH = "data/np_iris.csv"
data = np.loadtxt(PATH, delimiter=",", skiprows=1)
X = data[:, :-1]
y = data[:, -1].astype("int32")

petals = np.loadtxt(PATH, delimiter=",", skiprows=1, usecols=(2, 3))
table = np.genfromtxt(PATH, delimiter=",")  # the header comes back as a row of NaN
table = table[1:]

model = keras.Sequential([
    keras.Input(shape=(X.shape[1],)),
    layers.Dense(16, activation="relu"),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(X, y, epochs=1, verbose=0)

petal_model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(3, activation="softmax")])
petal_model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
petal_model.fit(petals, y, epochs=1, verbose=0)
petal_model.fit(table[:, 2:4], table[:, -1], epochs=1, verbose=0)
