import numpy as np
import keras

blocks = [keras.Input(shape=(20,)), keras.layers.Dense(64, activation="relu"),
          keras.layers.Dense(32, activation="relu"), keras.layers.Dense(3)]
# Too slow on my laptop: drop a layer.
blocks.pop()  # cause
model = keras.Sequential(blocks)

decoder = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(20)])
codes = model(np.random.rand(8, 20))
print(decoder(codes).shape)
