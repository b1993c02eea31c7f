import tensorflow as tf

L = tf.keras.layers

inputs = tf.keras.Input(shape=(40, 40, 3))
x = L.DepthwiseConv2D(3, padding="same")(inputs)
x = L.SeparableConv2D(16, 3, strides=2, activation="relu")(x)
x = L.BatchNormalization()(x)
x = L.AveragePooling2D(2)(x)
x = L.Flatten()(x)
outputs = L.Dense(3, activation="softmax")(x)
model = tf.keras.Model(inputs, outputs)
print(model(tf.ones((2, 40, 40, 3))).shape)
