import numpy as np
import tensorflow as tf


def to_images(batch_x, batch_y):
    return tf.reshape(batch_x, (-1, 8, 8, 1)), batch_y


flat = np.random.rand(50, 64).astype("float32")
targets = np.random.randint(0, 2, size=(50, 1))
ds = tf.data.Dataset.from_tensor_slices((flat, targets)).batch(10).map(to_images)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(8, 8, 1)),
    tf.keras.layers.Conv2D(4, 3, activation="relu"),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(ds, epochs=1, verbose=0)
