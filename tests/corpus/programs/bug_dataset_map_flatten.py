import numpy as np
import tensorflow as tf
from tensorflow.keras import layers, models


def preprocess(image, label):
    image = tf.cast(image, tf.float32) / 255.0
    image = tf.reshape(image, [-1])  # cause
    return image, label


x = np.random.randint(0, 256, size=(40, 28, 28, 1), dtype=np.uint8)
y = np.random.randint(0, 10, size=40)
ds = tf.data.Dataset.from_tensor_slices((x, y)).map(preprocess).batch(8)

model = models.Sequential([
    layers.Input(shape=(28, 28, 1)),
    layers.Conv2D(8, 3, activation="relu"),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(ds, epochs=1, verbose=0)
