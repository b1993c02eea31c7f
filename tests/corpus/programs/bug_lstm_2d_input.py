import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.LSTM(32),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")

# One row of 10 readings per sample: no time-step/feature split.
x_train = np.random.rand(20, 10)  # cause
y_train = np.random.rand(20, 1)
model.fit(x_train, y_train, epochs=1, verbose=0)
