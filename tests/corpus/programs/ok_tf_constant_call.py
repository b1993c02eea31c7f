import tensorflow as tf
from tensorflow import keras

inputs = keras.Input(shape=(3,))
hidden = keras.layers.Dense(4, activation="relu")(inputs)
outputs = keras.layers.Dense(2)(hidden)
model = keras.Model(inputs, outputs)

x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(model(x).shape)
print(model(tf.ones((5, 3))).shape)
