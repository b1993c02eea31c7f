"""A digit classifier declared for grayscale images, then fed RGB images."""
import numpy as np
import tensorflow as tf

images = np.random.rand(64, 28, 28, 3).astype("float32")
labels = np.random.randint(0, 10, size=(64,))

model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1)),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(images, labels, epochs=1, batch_size=16)
