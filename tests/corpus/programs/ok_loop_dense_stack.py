import numpy as np
import tensorflow as tf

inputs = tf.keras.Input(shape=(24,))
x = inputs
for units in [64, 32, 16]:
    x = tf.keras.layers.Dense(units, activation="relu")(x)
    x = tf.keras.layers.Dropout(0.1)(x)
outputs = tf.keras.layers.Dense(1)(x)
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")

data = np.random.randn(40, 24)
target = np.random.randn(40)
model.fit(data, target, validation_data=(data[:8], target[:8]), epochs=1, verbose=0)
