import numpy as np
import tensorflow as tf

# Each sample can carry any of 3 tags.
tags = np.random.randint(0, 2, size=(24, 3)).astype("float32")
x = np.random.randn(24, 10)

inputs = tf.keras.Input(shape=(10,))
h = tf.keras.layers.Dense(16, activation="relu")(inputs)
out = tf.keras.layers.Dense(1, activation="sigmoid")(h)  # cause
model = tf.keras.Model(inputs, out)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, tags, epochs=1, batch_size=8, verbose=0)
