import numpy as np
import keras

shape = [16, 1, 12]
shape.remove(12)  # cause
x = np.random.rand(*shape).astype("float32")

model = keras.Sequential([keras.Input(shape=(12,)), keras.layers.Dense(4)])
print(model.predict(x, verbose=0).shape)
