import numpy as np
import tensorflow as tf
from tensorflow import keras


class InstanceNorm(keras.layers.Layer):
    def __init__(self, epsilon=1e-5):
        super().__init__()
        self.epsilon = epsilon

    def build(self, input_shape):
        self.gamma = self.add_weight(shape=input_shape[-1:], initializer="ones")
        self.beta = self.add_weight(shape=input_shape[-1:], initializer="zeros")

    def call(self, x):
        mean = tf.reduce_mean(x, axis=[1, 2], keepdims=True)
        var = tf.reduce_mean(tf.square(x - mean), axis=[1, 2], keepdims=True)
        return self.gamma * (x - mean) / tf.sqrt(var + self.epsilon) + self.beta


images = keras.Input(shape=(24, 24, 3))
x = keras.layers.Conv2D(8, 3, activation="relu")(images)
x = InstanceNorm()(x)
x = keras.layers.Flatten()(x)
out = keras.layers.Dense(2, activation="softmax")(x)
model = keras.Model(images, out)
print(model.predict(np.random.rand(3, 24, 24, 3), verbose=0).shape)
