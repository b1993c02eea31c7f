import numpy as np
import keras
from lib.layers import PatchEmbed

images = keras.Input(shape=(30, 30, 3))
tokens = PatchEmbed(patch_size=8, dim=16)(images)  # cause
tokens = keras.layers.Reshape((16, 16))(tokens)
x = keras.layers.Flatten()(tokens)
outputs = keras.layers.Dense(2, activation="softmax")(x)
model = keras.Model(images, outputs)
model.summary()
