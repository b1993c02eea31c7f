import numpy as np
import tensorflow as tf

x = np.random.rand(60, 20).astype("float32")
labels = np.random.randint(0, 5, size=60)
y = tf.keras.utils.to_categorical(labels, num_classes=5)  # cause

model = tf.keras.Sequential([
    tf.keras.layers.Dense(32, activation="relu", input_shape=(20,)),
    tf.keras.layers.Dense(5, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x, y, epochs=1, verbose=0)
