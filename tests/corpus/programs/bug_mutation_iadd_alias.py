import numpy as np
import keras

base_shape = [24]
shape = base_shape
shape += [2]  # cause

inputs = keras.Input(shape=tuple(base_shape))
outputs = keras.layers.Dense(1)(keras.layers.Flatten()(inputs))
model = keras.Model(inputs, outputs)
print(model(np.zeros((3, 24))).shape)
