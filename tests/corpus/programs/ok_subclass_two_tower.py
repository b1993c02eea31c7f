import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class TwoTower(keras.Model):
    def __init__(self, dim=16):
        super().__init__()
        self.user_tower = layers.Dense(dim, activation="relu")
        self.item_tower = layers.Dense(dim, activation="relu")
        self.head = layers.Dense(1, activation="sigmoid")

    def call(self, inputs):
        user, item = inputs
        u = self.user_tower(user)
        v = self.item_tower(item)
        x = tf.concat([u, v, u * v], axis=1)
        return self.head(x)


users = np.random.rand(32, 8).astype("float32")
items = np.random.rand(32, 30).astype("float32")
clicks = np.random.randint(0, 2, (32, 1))
model = TwoTower()
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit([users, items], clicks, epochs=1, verbose=0)
