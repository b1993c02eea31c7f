import numpy as np
import tensorflow as tf

# Tabular data: 6 measured features and a binary target.
train = np.random.rand(200, 7).astype("float32")
valid = np.random.rand(50, 7).astype("float32")

x_train, y_train = train[:, :6], train[:, 6]
x_valid, y_valid = valid, valid[:, 6]  # cause

train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(200).batch(32)
valid_ds = tf.data.Dataset.from_tensor_slices((x_valid, y_valid)).batch(32)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(6,)),
    tf.keras.layers.Dense(32, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
history = model.fit(train_ds, validation_data=valid_ds, epochs=1, verbose=0)
