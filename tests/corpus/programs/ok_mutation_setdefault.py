import numpy as np
import tensorflow as tf


def build(config):
    config.setdefault("input_dim", 12)
    config.setdefault("units", 8)
    return tf.keras.Sequential([
        tf.keras.layers.Input(shape=(config["input_dim"],)),
        tf.keras.layers.Dense(config["units"]),
    ])


config = {"units": 3}
model = build(config)
head = tf.keras.Sequential([tf.keras.layers.Input(shape=(config["units"],)), tf.keras.layers.Dense(1)])
print(head(model(np.random.rand(5, 12))).shape)
