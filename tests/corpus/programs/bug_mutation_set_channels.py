import numpy as np
import keras

bands = {"red", "green", "blue"}
bands.add("near_infrared")
bands.add("red")  # cause

tiles = np.random.rand(6, 16, 16, len(bands))
model = keras.Sequential([
    keras.Input(shape=(16, 16, 5)),
    keras.layers.Conv2D(8, 3),
    keras.layers.GlobalMaxPooling2D(),
    keras.layers.Dense(2),
])
print(model(tiles).shape)
