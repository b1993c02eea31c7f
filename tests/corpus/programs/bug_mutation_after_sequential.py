import numpy as np
import keras

layer_list = [keras.Input(shape=(6,)), keras.layers.Dense(4)]
model = keras.Sequential(layer_list)
layer_list[0] = keras.Input(shape=(9,))  # cause
print(model(np.zeros((3, 9))).shape)
