import numpy as np
import tensorflow as tf


class MLP(tf.keras.Model):
    def __init__(self, sizes=(128, 64, 32), classes=10, rate=0.2):
        super().__init__()
        self.blocks = [tf.keras.layers.Dense(n, activation="relu") for n in sizes]
        self.dropout = tf.keras.layers.Dropout(rate)
        self.out = tf.keras.layers.Dense(classes)

    def call(self, x, training=False):
        for dense in self.blocks:
            x = self.dropout(dense(x), training=training)
        return self.out(x)


model = MLP()
model.compile(optimizer="adam",
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
x = np.random.rand(64, 784).astype("float32")
y = np.random.randint(0, 10, 64)
model.fit(x, y, epochs=1, batch_size=16, verbose=0)
print(model.predict(x[:3], verbose=0).shape)
