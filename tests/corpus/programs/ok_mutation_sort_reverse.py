import numpy as np
import keras

widths = [16, 64, 32]
widths.sort(reverse=True)  # widest first: 64, 32, 16
blocks = [keras.Input(shape=(8,))] + [keras.layers.Dense(w, activation="relu") for w in widths]
model = keras.Sequential(blocks)

widths.reverse()  # the decoder mirrors it: 16, 32, 64
decoder = keras.Sequential([keras.Input(shape=(widths[0],)), keras.layers.Dense(8)])
print(decoder(model(np.zeros((2, 8)))).shape)
