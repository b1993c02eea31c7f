# 8x8 grayscale digits saved with np.save; the CNN takes its input shape from the array.
import os

import numpy as np
import keras
from keras import layers

DATA = "data"
x_train = np.load(os.path.join(DATA, "np_digits_8x8.npy")).astype("float32") / 255.0  # cause
y_train = np.load(os.path.join(DATA, "np_digit_labels.npy"))

model = keras.Sequential([
    keras.Input(shape=x_train.shape[1:]),
    layers.Conv2D(16, (3, 3), activation="relu"),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=1, verbose=0)
