import numpy as np
import tensorflow as tf

# Sensor windows are stored as (batch, steps, channels).
window_shape = [32, 60, 1]
window_shape.pop(1)  # cause
windows = np.zeros(window_shape, dtype="float32")

mlp = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(60,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(2, activation="softmax"),
])
print(mlp(windows).shape)
