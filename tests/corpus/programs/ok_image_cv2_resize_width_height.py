import cv2
import numpy as np
from tensorflow import keras

IMG_HEIGHT, IMG_WIDTH = 32, 48

inputs = keras.Input(shape=(IMG_HEIGHT, IMG_WIDTH, 3))
x = keras.layers.Conv2D(8, 3, activation="relu")(inputs)
x = keras.layers.Flatten()(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)

image = cv2.imread("data/images/photo.jpg")
print(image.shape)  # (height, width, channels)
gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
image = cv2.cvtColor(gray, cv2.COLOR_GRAY2RGB)
image = cv2.resize(image, (IMG_WIDTH, IMG_HEIGHT))  # dsize is (width, height)
batch = np.expand_dims(image.astype("float32") / 255.0, axis=0)
print(model.predict(batch, verbose=0))
