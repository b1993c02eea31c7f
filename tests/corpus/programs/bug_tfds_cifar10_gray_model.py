# CIFAR-10 from TFDS is RGB; the network was copied from an MNIST example.
import tensorflow as tf
import tensorflow_datasets as tfds

train = tfds.load("cifar10", split="train[:10%]", as_supervised=True)
train = train.map(lambda x, y: (tf.cast(x, tf.float32) / 255.0, y)).batch(4)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(32, 32, 1)),  # cause
    tf.keras.layers.Conv2D(16, 3, activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train, epochs=1, verbose=0)
