import numpy as np
import keras
from keras import layers

DEFAULTS = {"features": 16, "hidden": 32, "classes": 2}

params = dict(DEFAULTS)
params.update(features=9, classes=4)

model = keras.Sequential([
    keras.Input(shape=(params["features"],)),
    layers.Dense(params["hidden"], activation="relu"),
    layers.Dense(params["classes"], activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")

x = np.random.rand(32, 9)
y = keras.utils.to_categorical(np.random.randint(0, 4, 32), 4)
model.fit(x, y, epochs=1, verbose=0)
