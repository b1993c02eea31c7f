import tensorflow as tf

L = tf.keras.layers

inputs = tf.keras.Input(shape=(12, 12, 1))
x = inputs
for _ in range(3):  # cause
    x = L.Conv2D(8, 5, activation="relu")(x)
x = L.Flatten()(x)
outputs = L.Dense(4, activation="softmax")(x)
model = tf.keras.Model(inputs, outputs)
