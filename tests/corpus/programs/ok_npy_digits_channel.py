# The same digits with the channel axis added before the CNN sees them.
import os

import numpy as np
import keras
from keras import layers

here = os.path.dirname(__file__)
digits = np.load(os.path.join("data", "np_digits_8x8.npy"))
labels = np.load(os.path.join("data", "np_digit_labels.npy"))

x_train = digits[..., np.newaxis].astype("float32") / 255.0
y_train = keras.utils.to_categorical(labels, 10)

model = keras.Sequential([
    keras.Input(shape=x_train.shape[1:]),
    layers.Conv2D(16, (3, 3), activation="relu", padding="same"),
    layers.MaxPooling2D(),
    layers.Conv2D(32, (3, 3), activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=1, batch_size=16, verbose=0)
