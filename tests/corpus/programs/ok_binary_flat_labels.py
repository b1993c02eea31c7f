import numpy as np
import tensorflow as tf

x = tf.random.normal((30, 8))
y = np.random.randint(0, 2, size=30).astype("float32")

model = tf.keras.Sequential()
model.add(tf.keras.Input(shape=(8,)))
model.add(tf.keras.layers.Dense(4, activation="relu"))
model.add(tf.keras.layers.Dense(1, activation="sigmoid"))
model.compile(optimizer="sgd", loss="binary_crossentropy")
model.fit(x, y, epochs=1, batch_size=10, verbose=0)
