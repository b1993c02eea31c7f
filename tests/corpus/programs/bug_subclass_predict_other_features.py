import numpy as np
import tensorflow as tf


class Regressor(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = tf.keras.layers.Dense(64, activation="relu")
        self.out = tf.keras.layers.Dense(1)

    def call(self, x):
        return self.out(self.hidden(x))


model = Regressor()
model.compile(optimizer="adam", loss="mse")
x_train = np.random.rand(100, 13)
y_train = np.random.rand(100)
model.fit(x_train, y_train, epochs=1, batch_size=32, verbose=0)

x_new = np.random.rand(5, 12)  # cause
print(model.predict(x_new, verbose=0))
