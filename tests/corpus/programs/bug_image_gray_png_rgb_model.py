# Classify one picture with a small CNN trained on colour images.
import numpy as np
import keras
from PIL import Image

model = keras.Sequential([
    keras.Input(shape=(8, 8, 3)),
    keras.layers.Conv2D(4, 3, activation="relu"),
    keras.layers.Flatten(),
    keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")

img = Image.open("data/images/digit.png")  # cause
pixels = np.asarray(img, dtype="float32") / 255.0
batch = np.expand_dims(pixels, axis=0)
print(model.predict(batch, verbose=0))
