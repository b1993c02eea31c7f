import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

images = np.random.rand(32, 32, 32, 3).astype("float32")
labels = np.random.randint(0, 10, size=32)

AUTOTUNE = tf.data.AUTOTUNE
train_ds = tf.data.Dataset.from_tensor_slices((images, labels))
train_ds = train_ds.shuffle(100).cache().prefetch(AUTOTUNE)  # cause

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(16, 3, activation="relu")(inputs)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(train_ds, epochs=1, verbose=0)
