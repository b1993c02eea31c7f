# The labels in the archive are one-hot: categorical cross-entropy, or argmax for the sparse loss.
import numpy as np
import keras
from keras import layers

with np.load("data/np_sensors.npz") as archive:
    x = archive["x_train"]
    y_onehot = archive["y_train"]

num_classes = y_onehot.shape[1]
model = keras.Sequential([
    keras.Input(shape=(x.shape[1],)),
    layers.Dense(64, activation="relu"),
    layers.Dense(num_classes, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y_onehot, epochs=1, batch_size=20, verbose=0)

sparse = keras.Sequential([
    keras.Input(shape=(16,)),
    layers.Dense(num_classes, activation="softmax"),
])
sparse.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
sparse.fit(x, np.argmax(y_onehot, axis=1), epochs=1, batch_size=20, verbose=0)
