# Sensor windows and their activity labels, shipped as one .npz archive.
import numpy as np
import keras
from keras import layers

data = np.load("data/np_sensors.npz")
print(data.files)
x_train, y_train = data["x_train"], data["y_train"]

model = keras.Sequential([
    keras.Input(shape=(16,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")  # cause
model.fit(x_train, y_train, epochs=1, batch_size=20, verbose=0)
