import numpy as np
import tensorflow as tf

x_train = np.random.rand(48, 784).astype("float32")
y_train = np.random.randint(0, 10, size=48)

train_ds = (
    tf.data.Dataset.from_tensor_slices((x_train, y_train))
    .map(lambda x, y: (tf.reshape(x, (-1, 28, 28, 1)), y))  # cause
    .shuffle(48)
    .batch(16)
)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(28, 28, 1)),
    tf.keras.layers.Conv2D(8, 3, activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(train_ds, epochs=1, verbose=0)
