import numpy as np
import keras

image_shape = [64, 64, 3]
# The scanner produces grayscale images.
image_shape[2] = 1  # cause

inputs = keras.Input(shape=tuple(image_shape))
x = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(inputs)
x = keras.layers.GlobalMaxPooling2D()(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)

scans = np.random.rand(4, 64, 64, 3)
print(model.predict(scans, verbose=0))
