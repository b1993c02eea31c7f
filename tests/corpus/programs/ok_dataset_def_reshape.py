import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


def preprocess(pixels, label):
    image = tf.reshape(pixels, (28, 28, 1))
    image = tf.cast(image, tf.float32) / 255.0
    return image, tf.one_hot(label, 10)


pixels = np.random.randint(0, 256, size=(40, 784))
labels = np.random.randint(0, 10, size=40)
train = tf.data.Dataset.from_tensor_slices((pixels, labels)).map(preprocess).batch(8)

inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(8, 3, activation="relu")(inputs)
x = layers.MaxPooling2D()(x)
x = layers.Flatten()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(train, epochs=1, verbose=0)
