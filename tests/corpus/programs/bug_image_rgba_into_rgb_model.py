"""Train a tiny classifier on a few copies of a PNG logo."""
import numpy as np
import tensorflow as tf
from PIL import Image

logo = Image.open("data/images/logo.png")  # cause
samples = np.array([np.array(logo) for _ in range(4)], dtype=np.float32) / 255.0
labels = np.array([0, 1, 0, 1])

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(8, 8, 3)),
    tf.keras.layers.Conv2D(4, (3, 3), activation="relu"),
    tf.keras.layers.GlobalMaxPooling2D(),
    tf.keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(samples, labels, epochs=1, verbose=0)
