import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

x = np.random.randint(0, 256, size=(64, 16, 16, 3)).astype("uint8")
y = np.random.randint(0, 4, size=64)

ds = (tf.data.Dataset.from_tensor_slices((x, y))
      .shuffle(64)
      .batch(16)
      .map(lambda img, lbl: (tf.cast(img, tf.float32) / 255.0, lbl))
      .prefetch(tf.data.AUTOTUNE))

model = tf.keras.Sequential([
    layers.Input(shape=(16, 16, 3)),
    layers.Conv2D(8, 3, activation="relu"),
    layers.Flatten(),
    layers.Dense(4, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(ds, epochs=1, verbose=0)
