"""Data helpers shared by several corpus programs (imported, never run directly)."""
import numpy as np
import tensorflow as tf


def make_images(n, size=32, channels=3, classes=10):
    x = np.random.rand(n, size, size, channels).astype("float32")
    y = np.random.randint(0, classes, size=(n,))
    return x, y


def make_dataset(x, y, batch_size=16, shuffle=True):
    ds = tf.data.Dataset.from_tensor_slices((x, y))
    if shuffle:
        ds = ds.shuffle(len(x))
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)
