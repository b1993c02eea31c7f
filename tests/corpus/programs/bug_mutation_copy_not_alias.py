import numpy as np
import tensorflow as tf

IMG_SHAPE = [96, 96, 3]
gray_shape = IMG_SHAPE.copy()  # cause
gray_shape[-1] = 1

model = tf.keras.Sequential([
    tf.keras.Input(shape=IMG_SHAPE),
    tf.keras.layers.Conv2D(4, 3, strides=2),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(2),
])
print(model(np.zeros((2, 96, 96, 1))).shape)
