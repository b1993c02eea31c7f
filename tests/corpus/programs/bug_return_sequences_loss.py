import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

model = tf.keras.Sequential([
    layers.Input(shape=(10, 3)),
    layers.LSTM(16, return_sequences=True),
    layers.LSTM(16, return_sequences=True),  # cause
    layers.Dense(4, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")

x = np.random.rand(16, 10, 3)
y = tf.keras.utils.to_categorical(np.random.randint(0, 4, 16), 4)
model.fit(x, y, epochs=1, verbose=0)
