import numpy as np
import tensorflow as tf

x_train = np.random.rand(40, 8, 8, 1).astype("float32")
y_train = tf.keras.utils.to_categorical(np.random.randint(0, 3, 40), 3)
x_val = np.random.rand(10, 8, 8, 3).astype("float32")  # cause
y_val = tf.keras.utils.to_categorical(np.random.randint(0, 3, 10), 3)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(8, 8, 1)),
    tf.keras.layers.Conv2D(4, 3, activation="relu"),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=1, verbose=0)
