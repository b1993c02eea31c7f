import numpy as np
import tensorflow as tf

x = np.random.rand(64, 10).astype("float32")
y = np.random.randint(0, 2, size=(64, 1))
train_ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(64)  # cause

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(10,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(train_ds, epochs=1, verbose=0)
