import numpy as np
import keras

# Question: "how do I drop the singleton axis from my shape list?"
shape = [16, 1, 12]
shape.remove(1)
x = np.random.rand(*shape).astype("float32")

model = keras.Sequential([keras.Input(shape=(12,)), keras.layers.Dense(4)])
print(model.predict(x, verbose=0).shape)
