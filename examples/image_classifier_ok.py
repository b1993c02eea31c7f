"""A correct small CNN built with the functional API."""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

images = np.random.rand(128, 32, 32, 3).astype("float32")
labels = np.random.randint(0, 10, size=(128, 1))

inputs = keras.Input(shape=(32, 32, 3))
x = inputs
for filters in (32, 64, 128):
    x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D()(x)
x = layers.Flatten()(x)
outputs = layers.Dense(10, activation="softmax")(x)

model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(images, labels, batch_size=32, epochs=1, validation_data=(images[:16], labels[:16]))
