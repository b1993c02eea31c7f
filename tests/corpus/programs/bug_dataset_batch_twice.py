import numpy as np
import tensorflow as tf


def make_ds(x, y, batch_size=16):
    return tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x)).batch(batch_size)


x = np.random.rand(64, 20, 4).astype("float32")
y = np.random.rand(64, 1).astype("float32")
train_ds = make_ds(x, y).batch(8).prefetch(2)  # cause

model = tf.keras.Sequential([
    tf.keras.Input(shape=(20, 4)),
    tf.keras.layers.GRU(8),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(train_ds, epochs=1, verbose=0)
