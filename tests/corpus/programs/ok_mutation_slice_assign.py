import numpy as np
import tensorflow as tf

dims = [32, 32, 1]
dims[-1:] = [3]  # switch to colour

model = tf.keras.Sequential([
    tf.keras.Input(shape=dims),
    tf.keras.layers.Conv2D(4, 3),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(2),
])
images = tf.random.uniform((2, 32, 32, 3))
print(model(images).shape)
