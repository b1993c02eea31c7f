import numpy as np
import tensorflow as tf

BATCH = 8
x = np.random.rand(40, 6).astype("float32")
y = np.random.rand(40).astype("float32")

train_ds = tf.data.Dataset.from_tensor_slices((x, y)).cache().shuffle(40).batch(BATCH).repeat()
val_ds = tf.data.Dataset.from_tensor_slices((x[:16], y[:16])).batch(BATCH)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(6,)),
    tf.keras.layers.Dense(12, activation="relu"),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(train_ds, steps_per_epoch=len(x) // BATCH, validation_data=val_ds, epochs=1, verbose=0)
