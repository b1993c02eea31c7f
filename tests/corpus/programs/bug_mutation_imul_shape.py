import numpy as np
import keras

patch = [4]
patch *= 3  # cause
patches = np.random.rand(10, *patch, 1)

model = keras.Sequential([keras.Input(shape=(4, 4, 1)), keras.layers.Flatten(), keras.layers.Dense(3)])
print(model.predict(patches, verbose=0).shape)
