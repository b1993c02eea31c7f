import tensorflow as tf

# Grayscale digits are 28x28, so the input is declared as such.
inputs = tf.keras.Input((28, 28))  # cause
x = tf.keras.layers.Conv2D(8, 3, activation="relu")(inputs)
x = tf.keras.layers.GlobalAveragePooling2D()(x)
outputs = tf.keras.layers.Dense(10)(x)
model = tf.keras.Model(inputs=inputs, outputs=outputs)
model.summary()
