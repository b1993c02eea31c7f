import numpy as np
import tensorflow as tf

base = tf.keras.applications.MobileNetV2(
    input_shape=(96, 96, 3), alpha=0.35, include_top=False, weights=None
)
model = tf.keras.Sequential([
    base,
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(4, activation="softmax"),
])
images = np.zeros((2, 96, 96, 3), dtype="float32")
print(model.predict(images, verbose=0).shape)
