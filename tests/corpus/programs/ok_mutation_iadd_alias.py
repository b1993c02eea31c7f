import numpy as np
import keras

base_shape = [24]
shape = base_shape
shape += [2]  # lists grow in place: base_shape is (24, 2) too

inputs = keras.Input(shape=tuple(base_shape))
outputs = keras.layers.Dense(1)(keras.layers.Flatten()(inputs))
model = keras.Model(inputs, outputs)
print(model(np.zeros((3, 24, 2))).shape)
