import numpy as np
import tensorflow as tf
import keras


def to_gray(image, label):
    return tf.reduce_mean(image, axis=-1), label


images = np.random.rand(30, 32, 32, 3).astype("float32")
labels = np.random.randint(0, 3, size=30)
ds = tf.data.Dataset.from_tensor_slices((images, labels)).batch(10).map(to_gray)

# The model wants (32, 32, 1); Keras adds the missing trailing channel axis.
model = keras.Sequential([
    keras.Input(shape=(32, 32, 1)),
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(ds, epochs=1, verbose=0)
