import numpy as np
import tensorflow as tf

frames = []
for t in range(16):
    frames.append(np.random.rand(32, 32, 3))
    if t == 7:
        break  # cause
video = np.stack(frames)[None, ...]

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(16, 32, 32, 3)),
    tf.keras.layers.Conv3D(4, 3),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(2),
])
print(model(video).shape)
