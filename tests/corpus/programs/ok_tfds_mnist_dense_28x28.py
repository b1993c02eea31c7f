# (28, 28, 1) TFDS images into a model declared for (28, 28): Keras drops the trailing 1.
import tensorflow as tf
import tensorflow_datasets as tfds

ds = tfds.load("mnist", split="train", as_supervised=True, batch_size=8)
ds = ds.map(lambda image, label: (tf.cast(image, tf.float32) / 255.0, label))

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(28, 28)),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(10),
])
model.compile(optimizer="adam",
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(ds, epochs=1, verbose=0)
