import numpy as np
import tensorflow as tf

color_model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(16, 24, 3)),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(3, activation="softmax"),
])
gray_model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(8, 8, 1)),
    tf.keras.layers.Conv2D(2, 3),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(3, activation="softmax"),
])

img = tf.keras.utils.load_img("data/images/photo.jpg", target_size=(16, 24))
x = tf.keras.utils.img_to_array(img)
print(color_model.predict(np.expand_dims(x, 0), verbose=0))

digit = tf.keras.utils.load_img("data/images/cat.png", color_mode="grayscale")
d = tf.keras.utils.img_to_array(digit)[np.newaxis]
print(gray_model.predict(d, verbose=0))
