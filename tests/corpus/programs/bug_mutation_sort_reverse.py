import numpy as np
import keras

widths = [16, 64, 32]
widths.sort()  # cause
blocks = [keras.Input(shape=(8,))] + [keras.layers.Dense(w, activation="relu") for w in widths]
model = keras.Sequential(blocks)

widths.reverse()
decoder = keras.Sequential([keras.Input(shape=(widths[-1],)), keras.layers.Dense(8)])
print(decoder(model(np.zeros((2, 8)))).shape)
