import numpy as np
import keras

layer_list = [keras.Input(shape=(6,)), keras.layers.Dense(4)]
model = keras.Sequential(layer_list)
# Sequential copied the list: this changes the next model, not this one.
layer_list[0] = keras.Input(shape=(9,))
print(model(np.zeros((3, 6))).shape)
wide = keras.Sequential(layer_list[:1] + [keras.layers.Dense(4)])
print(wide(np.zeros((3, 9))).shape)
