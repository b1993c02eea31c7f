import numpy as np
import tensorflow as tf

# Sensor windows are stored as (batch, steps, channels); the MLP wants one channel squeezed out.
window_shape = [32, 60, 1]
window_shape.pop()
windows = np.zeros(window_shape, dtype="float32")

mlp = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(60,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(2, activation="softmax"),
])
print(mlp(windows).shape)
