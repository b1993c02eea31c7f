import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class ImageTextNet(keras.Model):
    def __init__(self, classes):
        super().__init__()
        self.conv = layers.Conv2D(16, 3, activation="relu")
        self.pool = layers.MaxPooling2D()
        self.text = layers.Dense(16, activation="relu")
        self.head = layers.Dense(classes, activation="softmax")

    def call(self, inputs):
        image, text = inputs
        a = self.pool(self.conv(image))  # cause
        b = self.text(text)
        x = tf.concat([a, b], axis=-1)
        return self.head(x)


model = ImageTextNet(5)
images = np.random.rand(8, 28, 28, 1).astype("float32")
texts = np.random.rand(8, 40).astype("float32")
print(model([images, texts]).shape)
