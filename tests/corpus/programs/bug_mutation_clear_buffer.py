import numpy as np
import keras

model = keras.Sequential([keras.Input(shape=(10,)), keras.layers.Dense(1)])

buffer = []
for _ in range(3):
    buffer.append(np.random.rand(4, 10))
buffer.clear()
for _ in range(2):
    buffer.append(np.random.rand(4, 6))  # cause
batch = np.concatenate(buffer)
print(model.predict(batch, verbose=0).shape)
