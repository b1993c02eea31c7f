import numpy as np
import tensorflow as tf

x = np.random.rand(50, 8).astype("float32")
y = tf.one_hot(np.random.randint(0, 2, size=50), depth=2)  # cause

model = tf.keras.Sequential([
    tf.keras.Input(shape=(8,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=1, verbose=0)
