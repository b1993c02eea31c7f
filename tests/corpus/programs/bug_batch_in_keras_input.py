import numpy as np
from tensorflow import keras

x = np.random.rand(32, 64).astype("float32")
y = np.random.randint(0, 2, size=(32, 1))

# Shape copied from x.shape, batch size included.
inp = keras.Input(shape=x.shape)  # cause
h = keras.layers.Dense(16, activation="relu")(inp)
out = keras.layers.Dense(1, activation="sigmoid")(h)
model = keras.Model(inp, out)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(x, y, epochs=1, verbose=0)
