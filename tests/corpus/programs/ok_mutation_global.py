import numpy as np
import keras

INPUT_SHAPE = [48, 48]


def use_grayscale():
    global INPUT_SHAPE
    INPUT_SHAPE = INPUT_SHAPE + [1]


def make_model():
    return keras.Sequential([
        keras.Input(shape=INPUT_SHAPE),
        keras.layers.Conv2D(8, 3, activation="relu"),
        keras.layers.Flatten(),
        keras.layers.Dense(7, activation="softmax"),
    ])


use_grayscale()
model = make_model()
faces = np.random.rand(4, 48, 48, 1)
print(model.predict(faces, verbose=0).shape)
