import numpy as np
import tensorflow as tf

# Build the classifier's layers in a loop, one block per filter size.
layer_list = [tf.keras.Input(shape=(28, 28, 1))]  # cause
for filters in [16, 32]:
    layer_list.append(tf.keras.layers.Conv2D(filters, 3, activation="relu"))
    layer_list.append(tf.keras.layers.MaxPooling2D())
layer_list.append(tf.keras.layers.Flatten())
layer_list.append(tf.keras.layers.Dense(10, activation="softmax"))

model = tf.keras.Sequential(layer_list)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")

# Colour images this time.
x_train = np.random.rand(16, 28, 28, 3).astype("float32")
y_train = np.random.randint(0, 10, size=16)
model.fit(x_train, y_train, epochs=1, verbose=0)
