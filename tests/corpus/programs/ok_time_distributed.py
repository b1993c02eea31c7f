import numpy as np
import tensorflow as tf

L = tf.keras.layers

# Video clips: 6 frames of 24x24 RGB.
clips = np.random.rand(4, 6, 24, 24, 3).astype("float32")
labels = np.random.randint(0, 2, size=(4,))

model = tf.keras.Sequential([
    tf.keras.Input(shape=(6, 24, 24, 3)),
    L.TimeDistributed(L.Conv2D(8, 3, activation="relu")),
    L.TimeDistributed(L.GlobalAveragePooling2D()),
    L.LSTM(8),
    L.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(clips, labels, epochs=1, verbose=0)
