import numpy as np
import tensorflow as tf
from keras.utils import to_categorical

x = np.random.rand(50, 8).astype("float32")
y_int = np.random.randint(0, 4, size=(50, 1))
y = to_categorical(y_int, num_classes=4)
y_tf = tf.one_hot(tf.squeeze(y_int, axis=-1), depth=4)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(8,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(4, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=1, verbose=0)
model.evaluate(x, y_tf, verbose=0)
