import cv2
import numpy as np
from tensorflow import keras

IMG_HEIGHT, IMG_WIDTH = 32, 48

inputs = keras.Input(shape=(IMG_HEIGHT, IMG_WIDTH, 3))
x = keras.layers.Conv2D(8, 3, activation="relu")(inputs)
x = keras.layers.GlobalAveragePooling2D()(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)

image = cv2.imread("data/images/photo.jpg")
image = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
image = cv2.resize(image, (IMG_HEIGHT, IMG_WIDTH))  # cause
image = image.astype("float32") / 255.0
prediction = model.predict(image[np.newaxis, ...], verbose=0)
print("probability:", prediction[0][0])
