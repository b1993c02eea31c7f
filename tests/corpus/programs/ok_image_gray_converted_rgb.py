# The file is grayscale, but convert("RGB") gives the model its three channels; PIL sizes are (width, height).
import numpy as np
import keras
from PIL import Image

model = keras.Sequential([
    keras.Input(shape=(12, 16, 3)),
    keras.layers.Conv2D(4, 3, activation="relu"),
    keras.layers.Flatten(),
    keras.layers.Dense(2, activation="softmax"),
])

img = Image.open("data/images/digit.png")
width, height = img.size
print("original", width, height, img.mode)
img = img.convert("RGB").resize((16, 12))
pixels = np.asarray(img, dtype="float32") / 255.0
print(model.predict(pixels[None], verbose=0).shape)
