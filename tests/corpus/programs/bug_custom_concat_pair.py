import numpy as np
import tensorflow as tf
from tensorflow import keras


class PairFeatures(keras.layers.Layer):
    """Builds [a, b, a * b] features for a pair of embeddings."""

    def call(self, inputs):
        a, b = inputs
        return tf.concat([a, b, a * b], axis=-1)


left = keras.Input(shape=(32,))
right = keras.Input(shape=(16,))  # cause
pair = PairFeatures()([left, right])
score = keras.layers.Dense(1, activation="sigmoid")(pair)
model = keras.Model([left, right], score)
model.summary()
